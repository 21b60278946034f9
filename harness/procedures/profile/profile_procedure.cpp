#include "harness/procedures/profile/profile_procedure.h"

#include "harness/procedures/series_out.h"
#include "harness/procedures/sim_time.h"

#include <systemc>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "harness/reference/reference_meter.h"
#include "harness/stimulus/ac_source.h"
#include "models/core/energy_meter_face.h"

namespace hilbench::procedures {

namespace {
std::string num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
}
}  // namespace

const params_of<stimulus_inputs>& stimulus_inputs_table() {
    using H = stimulus_inputs::harmonic_spec;
    using S = stimulus_inputs::step_spec;
    using I = stimulus_inputs;
    static const params_of<H> harmonic = [] {
        params_of<H> p;
        p.integer("order", &H::order, 2, 50, "harmonic order").required()
            .number("voltage_pct", &H::voltage_pct, "%", 0, 100, "voltage harmonic, % of the fundamental")
            .number("current_pct", &H::current_pct, "%", 0, 200, "current harmonic, % of the fundamental")
            .number("voltage_phase_deg", &H::voltage_phase_deg, "deg", -360, 360, "phase of the voltage harmonic")
            .number("current_phase_deg", &H::current_phase_deg, "deg", -360, 360, "phase of the current harmonic");
        return p;
    }();
    static const params_of<S> step = [] {
        params_of<S> p;
        p.number("t_s", &S::t_s, "s", 0, 1e7, "start of the step").required()
            .number("voltage_v", &S::voltage_v, "V", 0, 1000, "RMS voltage (default: the previous step's, first: Un)")
            .number("current_a", &S::current_a, "A", 0, 1000, "RMS current (default: the previous step's, first: 0)")
            .number("phase_deg", &S::phase_deg, "deg", -180, 180, "current lag behind the voltage (default: the previous step's)")
            .number("freq_hz", &S::freq_hz, "Hz", 40, 70, "frequency (default: the previous step's, first: the rated)")
            .table_list("harmonics", &S::harmonics, harmonic, 0, "harmonics of the step (default: the previous step's)");
        return p;
    }();
    static const params_of<I> t = [] {
        params_of<I> p;
        p.number("duration_s", &I::duration_s, "s", 0.1, 1e7, "how long the source follows the profile").required()
            .number("sample_period_s", &I::sample_period_s, "s", 0.01, 3600, "period of the recorded energy series")
            .table_list("profile", &I::profile, step, 1, "the profile as steps")
            .path("profile_csv", &I::profile_csv, "the profile as a CSV file relative to the scenario")
            .check(
                "exactly one of profile and profile_csv",
                [](const I& in) {
                    if (in.profile.empty() == in.profile_csv.empty())
                        throw param_error("", std::string("expected exactly one of 'profile' and 'profile_csv', got ") +
                                                  (in.profile.empty() ? "neither" : "both"));
                },
                R"({"oneOf": [{"required": ["profile"]}, {"required": ["profile_csv"]}]})")
            .check(
                "the first step is at t_s = 0",
                [](const I& in) {
                    if (!in.profile.empty() && in.profile[0].t_s != 0)
                        throw param_error("/profile/0/t_s", "expected 0 for the first step, got number " + num(in.profile[0].t_s));
                },
                R"({"properties": {"profile": {"prefixItems": [{"properties": {"t_s": {"const": 0}}}]}}})")
            .check("the recording holds at most 2e6 samples (duration_s / sample_period_s)",
                   [](const I& in) {
                       const double rows = in.duration_s / in.sample_period_s;
                       if (rows > 2e6)
                           throw param_error("/sample_period_s",
                                             "expected at most 2000000 samples over the " + num(in.duration_s) +
                                                 " s planned, got " + num(rows) + " (a sample every " +
                                                 num(in.sample_period_s) + " s)");
                   })
            .check("every step starts after the one before", [](const I& in) {
                for (std::size_t k = 1; k < in.profile.size(); ++k)
                    if (in.profile[k].t_s <= in.profile[k - 1].t_s)
                        throw param_error("/profile/" + std::to_string(k) + "/t_s",
                                          "expected a time after the previous step, got number " + num(in.profile[k].t_s));
            });
        return p;
    }();
    return t;
}

profile_procedure::profile_procedure(const energy_meter_nameplate& np, const stimulus_inputs& in, const conditions& cond)
    : m_duration_s(in.duration_s),
      m_sample_period_s(in.sample_period_s),
      m_constant(np.meter_constant_imp_per_kwh),
      m_resolution_kwh(np.display_resolution_kwh),
      m_start_h(cond.start_time_of_day_h),
      m_peak_start_h(np.tariff_peak_start_h),
      m_peak_end_h(np.tariff_peak_end_h) {
    ac_line_state base;
    base.voltage_v = np.voltage_v;
    base.freq_hz = np.freq_hz;
    base.current_a = 0;
    if (!in.profile_csv.empty()) {
        m_profile = stimulus::load_profile_csv(in.profile_csv, base);
        return;
    }
    for (const auto& st : in.profile) {
        ac_line_state s = m_profile.empty() ? base : m_profile.back().state;
        s.voltage_v = st.voltage_v.value_or(s.voltage_v);
        s.current_a = st.current_a.value_or(s.current_a);
        s.phase_deg = st.phase_deg.value_or(s.phase_deg);
        s.freq_hz = st.freq_hz.value_or(s.freq_hz);
        if (st.harmonics) {
            s.harmonics.clear();
            for (const auto& h : *st.harmonics)
                s.harmonics.push_back({h.order, h.voltage_pct, h.current_pct, h.voltage_phase_deg, h.current_phase_deg});
        }
        m_profile.push_back({st.t_s, s});
    }
}

std::vector<test_point> profile_procedure::plan() const {
    test_point p;
    p.id = "profile";
    p.test = "profile";
    p.title = "load profile of " + std::to_string(m_profile.size()) + " steps over " + std::to_string(m_duration_s) + " s";
    p.settings = {{"duration_s", m_duration_s}, {"steps", double(m_profile.size())}};
    p.confidence = "none";
    return {p};
}

reports::point_record profile_procedure::run_in(const test_point& p, families::meter::meter_lab& ctx) const {
    reports::point_record r = start_record(p);
    series_out s(ctx.series_folder, p.id, "energy", {"time_s", "true_energy_wh", "cf_energy_wh", "display_energy_wh", "power_w"});
    std::size_t step = 0;
    double t = 0, last_sample = 0;
    auto sample = [&](double now) {
        const double true_wh = ctx.reference.true_energy_wh(0, now);
        const double power = now > last_sample ? ctx.reference.true_energy_wh(last_sample, now) * 3600.0 / (now - last_sample) : 0.0;
        s.add({now, true_wh, double(ctx.meter.cf_pulse_count()) * 1000.0 / m_constant,
               double(ctx.meter.display_digits()) * m_resolution_kwh * 1000.0, power});
        last_sample = now;
    };
    sample(0);
    double next_sample = m_sample_period_s;
    // times within a nanosecond count as reached (the kernel's grid is a picosecond)
    constexpr double eps = 1e-9;
    while (t < m_duration_s - eps) {
        while (step < m_profile.size() && m_profile[step].t_s <= t + eps) {
            ctx.source.set(m_profile[step].state, t);
            ++step;
        }
        double next = std::min(next_sample, m_duration_s);
        if (step < m_profile.size()) next = std::min(next, m_profile[step].t_s);
        wait_s(ctx, next - t);
        t = now_s();
        if (t >= next_sample - eps) {
            sample(t);
            next_sample += m_sample_period_s;
        }
    }
    const std::vector<double> last = s.last();
    const double true_wh = last[1], cf_wh = last[2], disp_wh = last[3];
    // the true split between the tariffs, by the true time of day (per minute of the run)
    double true_t1 = 0, true_t2 = 0;
    for (double a = 0; a < m_duration_s; a += 60.0) {
        const double b = std::min(m_duration_s, a + 60.0);
        double h = std::fmod(m_start_h + (a + b) / 2 / 3600.0, 24.0);
        const bool peak = m_peak_start_h <= m_peak_end_h ? (h >= m_peak_start_h && h < m_peak_end_h)
                                                         : (h >= m_peak_start_h || h < m_peak_end_h);
        (peak ? true_t1 : true_t2) += ctx.reference.true_energy_wh(a, b) / 1000.0;
    }
    r.values = {{"true_energy_wh", true_wh}, {"cf_energy_wh", cf_wh}, {"display_energy_wh", disp_wh},
                {"duration_s", m_duration_s},
                {"tariff1_register_kwh", ctx.meter.tariff_energy_kwh(1)}, {"tariff2_register_kwh", ctx.meter.tariff_energy_kwh(2)},
                {"tariff1_true_kwh", true_t1}, {"tariff2_true_kwh", true_t2}, {"device_clock_end_h", ctx.meter.clock_h()}};
    if (true_wh > 0) {
        r.values.emplace_back("cf_error_pct", (cf_wh - true_wh) / true_wh * 100.0);
        r.values.emplace_back("display_error_pct", (disp_wh - true_wh) / true_wh * 100.0);
    }
    r.verdict = "pass";
    r.note = "recording run: no limits apply";
    r.series.push_back(s.finish());
    return r;
}

}  // namespace hilbench::procedures
