#include "models/core/cheat_engine.h"

#include <algorithm>
#include <cmath>

#include "models/core/errors.h"

namespace hilbench::engine {

const char* to_string(tap_kind k) {
    switch (k) {
    case tap_kind::sample_stream: return "sample stream";
    case tap_kind::pulse_train: return "pulse train";
    case tap_kind::parameter: return "parameter";
    case tap_kind::command_channel: return "command channel";
    case tap_kind::display_value: return "display value";
    }
    return "?";
}

namespace {
constexpr double seconds_per_year = 365.25 * 86400.0;
constexpr double boltzmann_ev = 8.617333262e-5;

double observable_value(const observables& o, int index) {
    HB_ASSERT(index >= 0 && std::size_t(index) < o.values.size(), "observable index out of range");
    return o.values[std::size_t(index)];
}
}  // namespace

// A trigger node with its own state (latches, toggles, steady-state timers).
struct cheat_engine::node {
    const trigger_spec& spec;
    std::vector<std::unique_ptr<node>> children;
    bool state = false;
    int level = 0;                  // cycling commands: 0 off, 1..levels
    std::size_t next_event = 0;
    std::size_t next_key = 0;
    std::vector<std::string> recent;  // the last keys pressed (as many as the longest sequence)
    double steady_since = 0, steady_ref = 0;
    bool steady_valid = false;

    explicit node(const trigger_spec& s) : spec(s) {
        for (const auto& c : s.children) children.push_back(std::make_unique<node>(c));
    }

    bool eval(const observables& o) {
        using k = trigger_spec::kind;
        switch (spec.k) {
        case k::always: return true;
        case k::time_window: return o.t_s >= spec.t0_s && o.t_s < spec.t1_s;
        case k::time_of_day:
            return spec.from_h <= spec.to_h ? (o.clock_h >= spec.from_h && o.clock_h < spec.to_h)
                                            : (o.clock_h >= spec.from_h || o.clock_h < spec.to_h);
        case k::after_energy: return observable_value(o, spec.observable_index) >= spec.energy_wh;
        case k::condition: {
            const double v = observable_value(o, spec.observable_index);
            if (spec.op == "above") return v > spec.value;
            if (spec.op == "below") return v < spec.value;
            return v >= spec.value && v <= spec.value2;
        }
        case k::commands:
            while (next_event < spec.events_s.size() && spec.events_s[next_event] <= o.t_s) {
                if (spec.levels > 0) level = (level + 1) % (spec.levels + 1);
                else state = spec.toggle ? !state : true;
                ++next_event;
            }
            if (spec.levels > 0) state = level > 0;
            return state;
        case k::keys:
            if (o.keys) {
                const std::size_t keep = std::max(spec.keys.size(), spec.off_keys.size());
                for (; next_key < o.keys->size(); ++next_key) {
                    recent.push_back((*o.keys)[next_key]);
                    if (recent.size() > keep) recent.erase(recent.begin());
                    if (ends_with(spec.keys)) state = spec.toggle ? !state : true;
                    else if (!spec.off_keys.empty() && ends_with(spec.off_keys)) state = false;
                }
            }
            return state;
        case k::inspection_aware: {
            // test-like: a steady value at a nominal test value (or a multiple of the grid step),
            // and, where the device offers one, a clean signal
            const double v = observable_value(o, spec.observable_index);
            auto near = [&](double ref) {
                const double tol = spec.tolerance_abs > 0 ? spec.tolerance_abs
                                                          : spec.tolerance_pct / 100.0 * std::max(std::fabs(ref), 1e-3);
                return std::fabs(v - ref) <= tol;
            };
            if (!steady_valid || !near(steady_ref)) {
                steady_ref = v;
                steady_since = o.t_s;
                steady_valid = true;
            }
            bool at_test_value = false;
            for (double c : spec.test_values) at_test_value |= near(c);
            if (spec.grid_step > 0) at_test_value |= near(std::round(v / spec.grid_step) * spec.grid_step) && std::fabs(v) >= 0.5 * spec.grid_step;
            const bool clean = spec.clean_index < 0 || observable_value(o, spec.clean_index) <= spec.max_clean;
            const bool test_like = at_test_value && clean && o.t_s - steady_since >= spec.steady_s;
            return !test_like;  // the cheat acts only away from test-like conditions
        }
        case k::all: {
            bool r = true;
            level = 0;
            for (auto& c : children) {
                r = c->eval(o) && r;  // evaluate all: children keep state
                level = std::max(level, c->level);
            }
            return r;
        }
        case k::any: {
            bool r = false;
            level = 0;
            for (auto& c : children) {
                r = c->eval(o) || r;
                level = std::max(level, c->level);
            }
            return r;
        }
        case k::negate: return !children.at(0)->eval(o);
        case k::latch:
            if (children.at(0)->eval(o)) state = true;
            return state;
        }
        return false;
    }

    bool ends_with(const std::vector<std::string>& seq) const {
        if (seq.empty() || recent.size() < seq.size()) return false;
        return std::equal(seq.begin(), seq.end(), recent.end() - std::ptrdiff_t(seq.size()));
    }

    void power_cycle() {
        if (spec.reset_on_power_cycle) {
            state = false;
            level = 0;
            recent.clear();
        }
        for (auto& c : children) c->power_cycle();
    }
};

struct cheat_engine::cheat_state {
    std::unique_ptr<node> root;
    bool on = false;
    int level = 0;
    double onset = 0;
    struct interval {
        double a, b;
        int level;
    };
    std::vector<interval> intervals;
    uint64_t pulses_seen = 0, inserted = 0;
    bool written = false, restore_due = false;
};

cheat_engine::cheat_engine(std::vector<cheat_spec> cheats, std::vector<drift_spec> drifts, double time_compression,
                           uint64_t seed, double age_years)
    : m_cheats(std::move(cheats)), m_drifts(std::move(drifts)), m_compression(time_compression),
      m_age_years(age_years), m_rng(seed) {
    for (const auto& c : m_cheats) {
        auto st = std::make_unique<cheat_state>();
        st->root = std::make_unique<node>(c.when);
        m_state.push_back(std::move(st));
    }
    m_walk.assign(m_drifts.size(), 0.0);
    m_walk_years.assign(m_drifts.size(), 0.0);
    m_drift_last.assign(m_drifts.size(), 0.0);
}

cheat_engine::~cheat_engine() = default;

bool cheat_engine::step(const observables& o) {
    bool changed = false;
    m_last_t = o.t_s;
    for (std::size_t k = 0; k < m_cheats.size(); ++k) {
        cheat_state& s = *m_state[k];
        const bool now = o.powered && s.root->eval(o);
        const int level = std::max(1, s.root->level);
        if (now && s.on && level != s.level) {  // a cycling trigger stepped: a new interval
            changed = true;
            s.intervals.push_back({s.onset, o.t_s, s.level});
            s.onset = o.t_s;
            s.level = level;
        }
        if (now != s.on) {
            changed = true;
            s.on = now;
            if (now) {
                s.onset = o.t_s;
                s.level = level;
                s.inserted = 0;
            } else {
                s.intervals.push_back({s.onset, o.t_s, s.level});
                if (s.written) s.restore_due = true;
                s.written = false;
            }
        }
    }
    return changed;
}

void cheat_engine::power_cycle() {
    for (auto& s : m_state) s->root->power_cycle();
}

bool cheat_engine::active(std::size_t cheat) const { return m_state.at(cheat)->on; }

int cheat_engine::level(std::size_t cheat) const { return m_state.at(cheat)->level; }

namespace {
// The factor of a scale_steps effect at a trigger level (the last step beyond the list).
double step_factor(const effect_spec& e, int level) {
    if (e.steps.empty()) return 1.0;
    const std::size_t k = std::min(e.steps.size(), std::size_t(std::max(1, level))) - 1;
    return e.steps[k];
}
}  // namespace

bool cheat_engine::time_varying_active() const {
    for (std::size_t k = 0; k < m_cheats.size(); ++k)
        if (m_state[k]->on && (m_cheats[k].effect.k == effect_spec::kind::noise ||
                               m_cheats[k].effect.k == effect_spec::kind::replace_series))
            return true;
    return false;
}

cheat_engine::stream_transform cheat_engine::stream(const std::string& tap, double t_s) const {
    stream_transform tr;
    for (std::size_t k = 0; k < m_cheats.size(); ++k) {
        if (!m_state[k]->on || m_cheats[k].tap != tap) continue;
        const effect_spec& e = m_cheats[k].effect;
        tr.active = true;
        using ek = effect_spec::kind;
        switch (e.k) {
        case ek::scale: tr.scale *= e.value; tr.offset *= e.value; break;
        case ek::scale_steps: {
            const double f = step_factor(e, m_state[k]->level);
            tr.scale *= f;
            tr.offset *= f;
            break;
        }
        case ek::offset: tr.offset += e.value; break;
        case ek::clamp: tr.lo = std::max(tr.lo, e.lo); tr.hi = std::min(tr.hi, e.hi); break;
        case ek::stuck_at: tr.stuck = true; tr.stuck_value = e.value; break;
        case ek::replace_series: {
            auto it = std::upper_bound(e.series.begin(), e.series.end(), std::make_pair(t_s, 1e300));
            tr.stuck = true;
            tr.stuck_value = it == e.series.begin() ? e.series.front().second : std::prev(it)->second;
            break;
        }
        case ek::noise: tr.noise_rms = std::sqrt(tr.noise_rms * tr.noise_rms + e.rms * e.rms); break;
        case ek::delay: tr.delay_s += e.delay_s; break;
        default: break;
        }
    }
    return tr;
}

bool cheat_engine::any_on(const std::string& tap) const {
    for (std::size_t k = 0; k < m_cheats.size(); ++k)
        if (m_state[k]->on && m_cheats[k].tap == tap) return true;
    return false;
}

double cheat_engine::apply(const std::string& tap, double nominal, double t_s) {
    double v = nominal;
    for (std::size_t k = 0; k < m_cheats.size(); ++k) {
        if (!m_state[k]->on || m_cheats[k].tap != tap) continue;
        const effect_spec& e = m_cheats[k].effect;
        using ek = effect_spec::kind;
        switch (e.k) {
        case ek::scale: v *= e.value; break;
        case ek::scale_steps: v *= step_factor(e, m_state[k]->level); break;
        case ek::offset: v += e.value; break;
        case ek::clamp: v = std::clamp(v, e.lo, e.hi); break;
        case ek::stuck_at: v = e.value; break;
        case ek::replace_series: {
            auto it = std::upper_bound(e.series.begin(), e.series.end(), std::make_pair(t_s, 1e300));
            v = it == e.series.begin() ? e.series.front().second : std::prev(it)->second;
            break;
        }
        case ek::noise: v += e.rms * m_rng.normal(); break;
        default: break;
        }
    }
    return v;
}

unsigned cheat_engine::pulse_copies(const std::string& tap) {
    bool keep = true;
    unsigned extra = 0;
    for (std::size_t k = 0; k < m_cheats.size(); ++k) {
        if (!m_state[k]->on || m_cheats[k].tap != tap) continue;
        const effect_spec& e = m_cheats[k].effect;
        cheat_state& s = *m_state[k];
        if (e.k == effect_spec::kind::drop_pulses) {
            ++s.pulses_seen;
            if (e.every_n > 0 && s.pulses_seen % uint64_t(e.every_n) == 0) keep = false;
            if (e.fraction > 0 && m_rng.uniform() < e.fraction) keep = false;
        } else if (e.k == effect_spec::kind::insert_pulses && e.every_n > 0) {
            ++s.pulses_seen;
            if (s.pulses_seen % uint64_t(e.every_n) == 0) extra += unsigned(std::max(1, e.burst));
        }
    }
    return keep ? 1u + extra : 0u;
}

uint64_t cheat_engine::inserted_pulses(const std::string& tap, double t_s) {
    uint64_t extra = 0;
    for (std::size_t k = 0; k < m_cheats.size(); ++k) {
        if (!m_state[k]->on || m_cheats[k].tap != tap) continue;
        const effect_spec& e = m_cheats[k].effect;
        if (e.k != effect_spec::kind::insert_pulses || e.rate_hz <= 0) continue;
        cheat_state& s = *m_state[k];
        // a device that steps in arrears may ask for a time before the onset: none due yet
        if (t_s <= s.onset) continue;
        const auto due = static_cast<uint64_t>(std::floor((t_s - s.onset) * e.rate_hz));
        if (due > s.inserted) {
            extra += due - s.inserted;
            s.inserted = due;
        }
    }
    return extra;
}

std::vector<cheat_engine::register_write> cheat_engine::take_register_writes(const std::string& tap) {
    std::vector<register_write> out;
    for (std::size_t k = 0; k < m_cheats.size(); ++k) {
        if (m_cheats[k].tap != tap || m_cheats[k].effect.k != effect_spec::kind::write_register) continue;
        cheat_state& s = *m_state[k];
        const effect_spec& e = m_cheats[k].effect;
        if (s.on && !s.written) {
            out.push_back({e.reg, e.value, e.path, false});
            s.written = true;
        } else if (s.restore_due) {
            out.push_back({e.reg, 1.0, e.path, true});
            s.restore_due = false;
        }
    }
    return out;
}

bool cheat_engine::drifts(const std::string& param) const {
    for (const auto& d : m_drifts)
        if (d.param == param) return true;
    return false;
}

namespace {
double deterministic_drift(const drift_spec& d, double years, double temperature_c) {
    using dk = drift_spec::kind;
    switch (d.k) {
    case dk::constant: return d.value;
    case dk::linear: return d.rate_per_year * years;
    case dk::exp_settle: return d.amplitude * (1.0 - std::exp(-years / d.tau_years));
    case dk::sqrt_aging: return d.coeff_per_sqrt_year * std::sqrt(std::max(0.0, years));
    case dk::arrhenius: {
        const double t_k = temperature_c + 273.15, ref_k = d.ref_c + 273.15;
        return d.rate_per_year * years * std::exp(d.ea_ev / boltzmann_ev * (1.0 / ref_k - 1.0 / t_k));
    }
    case dk::tempco: return d.ppm_per_k * 1e-6 * (temperature_c - d.ref_c);
    case dk::random_walk: return 0;
    }
    return 0;
}
}  // namespace

double cheat_engine::drift_at_age(const std::string& param, double years, double temperature_c) const {
    double total = 0;
    for (const auto& d : m_drifts)
        if (d.param == param) total += deterministic_drift(d, years, temperature_c);
    return total;
}

double cheat_engine::drift(const std::string& param, double t_s, double temperature_c) {
    const double years = m_age_years + t_s * m_compression / seconds_per_year;
    double total = 0;
    for (std::size_t k = 0; k < m_drifts.size(); ++k) {
        const drift_spec& d = m_drifts[k];
        if (d.param != param) continue;
        double v = deterministic_drift(d, years, temperature_c);
        using dk = drift_spec::kind;
        switch (d.k) {
        case dk::constant:
        case dk::linear:
        case dk::exp_settle:
        case dk::sqrt_aging:
        case dk::arrhenius:
        case dk::tempco: break;
        case dk::random_walk: {
            const double dy = years - m_walk_years[k];
            if (dy > 0) {
                m_walk[k] += d.sigma_per_sqrt_year * std::sqrt(dy) * m_rng.normal();
                m_walk_years[k] = years;
            }
            v = m_walk[k];
            break;
        }
        }
        m_drift_last[k] = v;
        total += v;
    }
    return total;
}

std::vector<label_record> cheat_engine::labels(double end_s) {
    std::vector<label_record> out;
    for (std::size_t k = 0; k < m_cheats.size(); ++k) {
        const cheat_spec& c = m_cheats[k];
        cheat_state& s = *m_state[k];
        auto intervals = s.intervals;
        if (s.on) intervals.push_back({s.onset, end_s, s.level});
        using ek = effect_spec::kind;
        std::string unit = "factor";
        double mag = c.effect.value;
        switch (c.effect.k) {
        case ek::scale: unit = "factor"; break;
        case ek::offset: unit = "offset"; break;
        case ek::stuck_at: unit = "value"; break;
        case ek::clamp: unit = "clamp_high"; mag = c.effect.hi; break;
        case ek::replace_series: unit = "series"; mag = 0; break;
        case ek::noise: unit = "rms"; mag = c.effect.rms; break;
        case ek::delay: unit = "delay_s"; mag = c.effect.delay_s; break;
        case ek::drop_pulses: unit = c.effect.every_n ? "drop_every_n" : "drop_fraction";
            mag = c.effect.every_n ? c.effect.every_n : c.effect.fraction; break;
        case ek::insert_pulses: unit = "insert_hz"; mag = c.effect.rate_hz; break;
        case ek::write_register: unit = "register_value"; break;
        case ek::scale_steps: unit = "factor"; break;
        }
        for (const auto& iv : intervals)
            out.push_back({c.id, c.label, c.tap, iv.a, iv.b,
                           c.effect.k == ek::scale_steps ? step_factor(c.effect, iv.level) : mag, unit});
    }
    for (std::size_t k = 0; k < m_drifts.size(); ++k)
        out.push_back({m_drifts[k].id, m_drifts[k].label, m_drifts[k].param, 0.0, end_s, m_drift_last[k], "relative"});
    return out;
}

}  // namespace hilbench::engine
