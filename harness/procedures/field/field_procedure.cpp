#include "harness/procedures/field/field_procedure.h"

#include <systemc>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "harness/procedures/iec62053/standard_data.h"
#include "harness/procedures/sim_time.h"
#include "harness/reference/reference_meter.h"
#include "harness/stimulus/ac_source.h"
#include "models/core/energy_meter_face.h"
#include "models/core/errors.h"
#include "models/core/rng.h"

namespace hilbench::procedures {
namespace {
constexpr double thd_limit_pct = 5.0;

double thd_pct(const ac_line_state& s) {
    double h2 = 0;
    for (const harmonic& h : s.harmonics) h2 += h.current_pct * h.current_pct;
    return std::sqrt(h2);
}
}  // namespace

const params_of<field_inputs>& field_inputs_table() {
    using P = field_inputs::profile_spec;
    static const params_of<P> profile = [] {
        params_of<P> p;
        p.path("csv", &P::csv,
               "load profile CSV relative to the scenario: t_s,voltage_v,current_a,phase_deg[,freq_hz][,h3_pct..h11_pct]")
            .required()
            .number("duration_s", &P::duration_s, "s", 60, 1e8, "how long the audit follows the profile")
            .required()
            .number("period_s", &P::period_s, "s", 0, 1e7,
                    "the profile starts again every period_s (86400: a day's profile for a recording of many days; 0: "
                    "it runs once and its last step lasts to the end)")
            .number("load_scale", &P::load_scale, "", 0, 100, "every current of the profile times this (the customer's size)")
            .number("daily_sd_pct", &P::daily_sd_pct, "%", 0, 100,
                    "each period's currents also times 1 + N(0, daily_sd_pct), drawn with the lab's seed (day-to-day "
                    "variation of the customer's use)");
        p.check("a repeating profile fits in its period", [](const P& x) {
            if (x.period_s > 0 && x.period_s < 60) throw param_error("/period_s", "expected 0 or at least 60 s");
        });
        return p;
    }();
    static const params_of<field_inputs> t = [] {
        params_of<field_inputs> p;
        p.table("profile", &field_inputs::profile, profile, "the load profile the meter follows").required();
        return p;
    }();
    return t;
}

field_procedure::field_procedure(const energy_meter_nameplate& np, const field_inputs& in, const conditions& cond)
    : m_in(in), m_seed(derive_seed(cond.seed, "field-audit profile")), m_constant(np.meter_constant_imp_per_kwh),
      m_resolution_kwh(np.display_resolution_kwh) {
    ac_line_state base;
    base.voltage_v = np.voltage_v;
    base.freq_hz = np.freq_hz;
    m_profile = stimulus::load_profile_csv(in.profile.csv, base);
    if (in.profile.period_s > 0 && !m_profile.empty() && m_profile.back().t_s >= in.profile.period_s)
        throw param_error("/profile/period_s", "expected a period longer than the profile's last step (" +
                                                  std::to_string(m_profile.back().t_s) + " s in " + in.profile.csv + ")");
    const std::string& cls = np.accuracy_class;
    const double ib = np.basic_current_a;
    const double imax = np.max_current_a;
    // limits from the class's own accuracy table at PF 1, in the temperature band of the lab's
    // ambient (as the accuracy procedure picks it): the lowest row below 0.1 Ib, the next one
    // above; harmonic intervals add the class's harmonics influence from the same standard's data
    const iec62053::standard_data* d = nullptr;
    for (const auto& s : iec62053::all_standards())
        if (std::find(s.classes.begin(), s.classes.end(), cls) != s.classes.end()) d = &s;
    HB_ASSERT(d != nullptr, "no meter standard has class " + cls);
    const double ambient_c = cond.temperature_c.empty() ? 23.0 : cond.temperature_c.front().second;
    const std::size_t b = iec62053::band_index(*d, ambient_c);
    double mpe_low = 0, mpe_high = 0;
    for (const auto& r : d->accuracy) {
        if (r.kind != "unity") continue;
        const double v = r.mpe_pct.at(cls).at(b);
        if (mpe_low == 0) mpe_low = v;
        mpe_high = v;
    }
    const double harmonic_extra = d->harmonics_influence_pct.at(cls);
    m_confidence = "M: band limits from the " + d->id + " class " + cls + " table at PF 1, band '" + d->bands[b].name +
                   "' at " + std::to_string(int(std::lround(ambient_c))) + " degC; harmonics influence " +
                   d->harmonics_confidence;
    m_bands = {{"below_0.05Ib", 0, 0.05 * ib, false, -1},
               {"0.05Ib_to_0.1Ib", 0.05 * ib, 0.1 * ib, false, mpe_low},
               {"0.1Ib_to_Ib", 0.1 * ib, ib, false, mpe_high},
               {"Ib_to_0.5Imax", ib, 0.5 * imax, false, mpe_high},
               {"0.5Imax_to_Imax", 0.5 * imax, 1e9, false, mpe_high},
               {"harmonics_thd_above_5pct", 0.1 * ib, 1e9, true, mpe_high + harmonic_extra}};
}

std::string field_procedure::title() const {
    std::ostringstream os;
    os << "field audit: load profile " << m_in.profile.csv.substr(m_in.profile.csv.find_last_of('/') + 1)
       << " for " << m_in.profile.duration_s / 3600.0 << " h against the reference";
    return os.str();
}

std::string field_procedure::decision_rule() const {
    return "error per load band within the class MPE at that current (harmonic intervals: plus the harmonics "
           "influence limit); CF pulses attributed to bands and hours in proportion to the true energy; bands with "
           "less than 100 pulses of energy are reported without a verdict";
}

std::vector<test_point> field_procedure::plan() const {
    test_point p;
    p.id = "field_profile";
    p.test = "field_profile";
    p.title = title();
    p.settings = {{"duration_s", m_in.profile.duration_s}, {"steps", double(m_profile.size())}};
    p.confidence = m_confidence;
    return {p};
}

std::size_t field_procedure::band_of(const ac_line_state& s) const {
    if (thd_pct(s) > thd_limit_pct && s.current_a >= m_bands.back().lo_a) return m_bands.size() - 1;
    for (std::size_t k = 0; k + 1 < m_bands.size(); ++k)
        if (s.current_a >= m_bands[k].lo_a && s.current_a < m_bands[k].hi_a) return k;
    return 0;
}

reports::point_record field_procedure::run_in(const test_point& p, families::meter::meter_lab& ctx) const {
    reports::point_record r = start_record(p);
    const double end = m_in.profile.duration_s;
    // follow the profile
    struct piece {
        double t0, t1;
        std::size_t band;
    };
    // the steps: the profile once, or again every period, each period's currents scaled
    const double period = m_in.profile.period_s;
    std::vector<stimulus::profile_step> steps;
    rng days(m_seed);
    for (std::size_t d = 0; d == 0 || (period > 0 && double(d) * period < end); ++d) {
        const double f = m_in.profile.load_scale * std::max(0.0, 1 + m_in.profile.daily_sd_pct / 100 * days.normal());
        for (const stimulus::profile_step& st : m_profile) {
            stimulus::profile_step x = st;
            x.t_s += double(d) * period;
            x.state.current_a *= f;
            steps.push_back(x);
        }
    }
    // the register as a utility's meter reading system reads it, at every hour
    std::vector<double> register_at{double(ctx.meter.display_digits()) * m_resolution_kwh};
    const auto wait_reading = [&](double t) {
        while (double(register_at.size()) * 3600.0 <= t) {
            wait_s(ctx, double(register_at.size()) * 3600.0 - now_s());
            register_at.push_back(double(ctx.meter.display_digits()) * m_resolution_kwh);
        }
        wait_s(ctx, t - now_s());
    };
    std::vector<piece> segments;
    for (std::size_t k = 0; k < steps.size() && steps[k].t_s < end; ++k) {
        const double t0 = steps[k].t_s;
        const double t1 = k + 1 < steps.size() ? std::min(end, steps[k + 1].t_s) : end;
        wait_reading(t0);
        ctx.source.set(steps[k].state, t0);
        segments.push_back({t0, t1, band_of(steps[k].state)});
        wait_reading(t1);
    }
    if (double(register_at.size() - 1) * 3600.0 < end)  // a last part hour
        register_at.push_back(double(ctx.meter.display_digits()) * m_resolution_kwh);
    // pieces: segments cut at hour boundaries
    std::vector<piece> pieces;
    for (const piece& s : segments) {
        double a = s.t0;
        while (a < s.t1) {
            const double b = std::min(s.t1, (std::floor(a / 3600.0) + 1) * 3600.0);
            pieces.push_back({a, b, s.band});
            a = b;
        }
    }
    const std::size_t n_hours = static_cast<std::size_t>(std::ceil(end / 3600.0));
    std::vector<double> band_true(m_bands.size(), 0), band_ind(m_bands.size(), 0);
    std::vector<double> hour_true(n_hours, 0), hour_ind(n_hours, 0);
    const double pulse_kwh = 1.0 / m_constant;
    const std::size_t n_edges = ctx.meter.cf_pulse_count();
    // within the gate from the first to the last CF edge
    if (n_edges >= 2) {
        std::size_t first_piece = 0;
        for (std::size_t j = 0; j + 1 < n_edges; ++j) {
            const double a = ctx.meter.cf_edge_time_s(j), b = ctx.meter.cf_edge_time_s(j + 1);
            while (first_piece < pieces.size() && pieces[first_piece].t1 <= a) ++first_piece;
            double total = 0;
            std::vector<std::pair<std::size_t, double>> parts;
            for (std::size_t q = first_piece; q < pieces.size() && pieces[q].t0 < b; ++q) {
                const double e = ctx.reference.true_energy_wh(std::max(a, pieces[q].t0), std::min(b, pieces[q].t1)) / 1000.0;
                parts.emplace_back(q, e);
                total += e;
            }
            for (const auto& [q, e] : parts) {
                const std::size_t hour = static_cast<std::size_t>(pieces[q].t0 / 3600.0);
                band_true[pieces[q].band] += e;
                hour_true[hour] += e;
                if (total > 0) {
                    band_ind[pieces[q].band] += pulse_kwh * e / total;
                    hour_ind[hour] += pulse_kwh * e / total;
                }
            }
        }
    }
    std::string failed;
    // per hour: the true energy, the CF pulses' energy (the test output, against the reference)
    // and the register's advance (what the utility bills)
    reports::series_table hours{
        "hourly",
        {"hour_start_h", "hour_end_h", "true_energy_kwh", "indicated_energy_kwh", "error_pct", "register_kwh", "register_vs_cf_kwh"},
        {}};
    for (std::size_t h = 0; h < n_hours; ++h) {
        const double reg = h + 1 < register_at.size() ? register_at[h + 1] - register_at[h] : std::nan("");
        hours.rows.push_back({double(h), std::min(double(h + 1), end / 3600.0), hour_true[h], hour_ind[h],
                              hour_true[h] > 0 ? (hour_ind[h] - hour_true[h]) / hour_true[h] * 100.0 : std::nan(""), reg,
                              reg - hour_ind[h]});
    }
    // one row per band, by name; no upper bound, no limit or no energy is an empty field
    reports::series_table bands{"bands", {"lo_a", "hi_a", "true_energy_kwh", "indicated_energy_kwh", "error_pct", "mpe_pct"}, {}};
    bands.key_column = "band";
    const double none = std::nan("");
    double total_true = 0, total_ind = 0;
    for (std::size_t k = 0; k < m_bands.size(); ++k) {
        const band& b = m_bands[k];
        total_true += band_true[k];
        total_ind += band_ind[k];
        const double err = band_true[k] > 0 ? (band_ind[k] - band_true[k]) / band_true[k] * 100.0 : none;
        const bool judged = b.mpe_pct >= 0 && band_true[k] * m_constant >= 100.0;
        bands.keys.push_back(b.name);
        bands.rows.push_back({b.lo_a, b.hi_a < 1e9 ? b.hi_a : none, band_true[k], band_ind[k], err,
                              b.mpe_pct >= 0 ? b.mpe_pct : none});
        r.values.emplace_back(b.name + "_true_energy_kwh", band_true[k]);
        if (band_true[k] > 0) r.values.emplace_back(b.name + "_error_pct", err);
        if (b.mpe_pct >= 0) r.values.emplace_back(b.name + "_mpe_pct", b.mpe_pct);
        if (judged && !judge(r, "error within the band's limit: " + b.name, b.name + "_error_pct", err, must::be_within,
                             b.mpe_pct))
            failed += (failed.empty() ? "" : "; ") + b.name + " " + std::to_string(err).substr(0, 6) + " %";
    }
    r.values.emplace_back("true_energy_kwh", total_true);
    r.values.emplace_back("indicated_energy_kwh", total_ind);
    r.values.emplace_back("error_pct", total_true > 0 ? (total_ind - total_true) / total_true * 100.0 : 0.0);
    r.values.emplace_back("duration_s", end);
    r.values.emplace_back("cf_pulses", double(n_edges));
    if (r.verdict.empty()) r.verdict = "pass";  // no band had energy enough to be judged
    if (!failed.empty()) r.note = "outside the limit in: " + failed;
    r.series.push_back(std::move(bands));
    r.series.push_back(std::move(hours));
    return r;
}

}  // namespace hilbench::procedures
