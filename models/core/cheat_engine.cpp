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

double observable_value(const observables& o, const std::string& name) {
    if (name == "current_a") return o.current_a;
    if (name == "voltage_v") return o.voltage_v;
    if (name == "power_factor") return o.power_factor;
    if (name == "thd_pct") return o.thd_pct;
    if (name == "power_w") return o.power_w;
    if (name == "energy_wh") return o.energy_wh;
    if (name == "clock_h") return o.clock_h;
    HB_ASSERT(false, "unknown observable " + name);
}
}  // namespace

// A trigger node with its own state (latches, toggles, steady-state timers).
struct cheat_engine::node {
    const trigger_spec& spec;
    std::vector<std::unique_ptr<node>> children;
    bool state = false;
    std::size_t next_event = 0;
    double steady_since = 0, steady_ref = -1;

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
        case k::after_energy: return o.energy_wh >= spec.energy_wh;
        case k::condition: {
            const double v = observable_value(o, spec.observable);
            if (spec.op == "above") return v > spec.value;
            if (spec.op == "below") return v < spec.value;
            return v >= spec.value && v <= spec.value2;
        }
        case k::commands:
            while (next_event < spec.events_s.size() && spec.events_s[next_event] <= o.t_s) {
                state = spec.toggle ? !state : true;
                ++next_event;
            }
            return state;
        case k::inspection_aware: {
            // test-like: a steady current at one of the standard test currents, clean waveform
            const double tol = spec.tolerance_pct / 100.0;
            if (steady_ref < 0 || std::fabs(o.current_a - steady_ref) > tol * std::max(steady_ref, 1e-3)) {
                steady_ref = o.current_a;
                steady_since = o.t_s;
            }
            bool at_test_point = false;
            for (double c : spec.test_currents_a) at_test_point |= std::fabs(o.current_a - c) <= tol * c;
            const bool test_like = at_test_point && o.thd_pct <= spec.max_thd_pct && o.t_s - steady_since >= spec.steady_s;
            return !test_like;  // the cheat acts only away from test-like conditions
        }
        case k::all: {
            bool r = true;
            for (auto& c : children) r = c->eval(o) && r;  // evaluate all: children keep state
            return r;
        }
        case k::any: {
            bool r = false;
            for (auto& c : children) r = c->eval(o) || r;
            return r;
        }
        case k::negate: return !children.at(0)->eval(o);
        case k::latch:
            if (children.at(0)->eval(o)) state = true;
            return state;
        }
        return false;
    }

    void power_cycle() {
        if (spec.reset_on_power_cycle) {
            state = false;
            next_event = spec.events_s.size() > next_event ? next_event : spec.events_s.size();
        }
        for (auto& c : children) c->power_cycle();
    }
};

struct cheat_engine::cheat_state {
    std::unique_ptr<node> root;
    bool on = false;
    double onset = 0;
    std::vector<std::pair<double, double>> intervals;
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
        if (now != s.on) {
            changed = true;
            s.on = now;
            if (now) {
                s.onset = o.t_s;
                s.inserted = 0;
            } else {
                s.intervals.emplace_back(s.onset, o.t_s);
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
        if (s.on) intervals.emplace_back(s.onset, end_s);
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
        }
        for (const auto& [a, b] : intervals) out.push_back({c.id, c.label, c.tap, a, b, mag, unit});
    }
    for (std::size_t k = 0; k < m_drifts.size(); ++k)
        out.push_back({m_drifts[k].id, m_drifts[k].label, m_drifts[k].param, 0.0, end_s, m_drift_last[k], "relative"});
    return out;
}

}  // namespace hilbench::engine
