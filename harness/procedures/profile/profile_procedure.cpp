#include "harness/procedures/profile/profile_procedure.h"

#include <systemc>

#include <algorithm>
#include <cmath>

#include "harness/reference/reference_meter.h"
#include "harness/stimulus/ac_source.h"
#include "models/core/energy_meter_face.h"

namespace hilbench::procedures {

profile_procedure::profile_procedure(const scenario::scenario& sc)
    : m_st(sc.stimulus),
      m_constant(get_number(sc.device.resolved, "meter_constant_imp_per_kwh")),
      m_resolution_kwh(get_number(sc.device.resolved, "display_resolution_kwh")),
      m_start_h(sc.start_time_of_day_h),
      m_peak_start_h(get_number(sc.device.resolved, "tariff_peak_start_h")),
      m_peak_end_h(get_number(sc.device.resolved, "tariff_peak_end_h")) {}

std::vector<test_point> profile_procedure::plan() const {
    test_point p;
    p.id = "profile";
    p.test = "profile";
    p.title = "load profile of " + std::to_string(m_st.profile.size()) + " steps over " +
              std::to_string(m_st.duration_s) + " s";
    p.settings = {{"duration_s", m_st.duration_s}, {"steps", double(m_st.profile.size())}};
    p.confidence = "none";
    return {p};
}

reports::point_record profile_procedure::run(const test_point& p, run_context& ctx) const {
    reports::point_record r = start_record(p);
    reports::series_table s{"energy", {"time_s", "true_energy_wh", "cf_energy_wh", "display_energy_wh", "power_w"}, {}};
    std::size_t step = 0;
    double t = 0, last_sample = 0;
    auto sample = [&](double now) {
        const double true_wh = ctx.reference->true_energy_wh(0, now);
        const double power = now > last_sample ? ctx.reference->true_energy_wh(last_sample, now) * 3600.0 / (now - last_sample) : 0.0;
        s.rows.push_back({now, true_wh, double(ctx.meter->cf_pulse_count()) * 1000.0 / m_constant,
                          double(ctx.meter->display_digits()) * m_resolution_kwh * 1000.0, power});
        last_sample = now;
    };
    sample(0);
    double next_sample = m_st.sample_period_s;
    while (t < m_st.duration_s - 1e-12) {
        while (step < m_st.profile.size() && m_st.profile[step].t_s <= t + 1e-12) {
            ctx.source->set(m_st.profile[step].state, t);
            ++step;
        }
        double next = std::min(next_sample, m_st.duration_s);
        if (step < m_st.profile.size()) next = std::min(next, m_st.profile[step].t_s);
        sc_core::wait(sc_core::sc_time(next - t, sc_core::SC_SEC));
        t = sc_core::sc_time_stamp().to_seconds();
        if (ctx.progress) ctx.progress(t);
        if (t >= next_sample - 1e-12) {
            sample(t);
            next_sample += m_st.sample_period_s;
        }
    }
    const auto& last = s.rows.back();
    const double true_wh = last[1], cf_wh = last[2], disp_wh = last[3];
    // the true split between the tariffs, by the true time of day (per minute of the run)
    double true_t1 = 0, true_t2 = 0;
    for (double a = 0; a < m_st.duration_s; a += 60.0) {
        const double b = std::min(m_st.duration_s, a + 60.0);
        double h = std::fmod(m_start_h + (a + b) / 2 / 3600.0, 24.0);
        const bool peak = m_peak_start_h <= m_peak_end_h ? (h >= m_peak_start_h && h < m_peak_end_h)
                                                         : (h >= m_peak_start_h || h < m_peak_end_h);
        (peak ? true_t1 : true_t2) += ctx.reference->true_energy_wh(a, b) / 1000.0;
    }
    r.values = {{"true_energy_wh", true_wh}, {"cf_energy_wh", cf_wh}, {"display_energy_wh", disp_wh},
                {"duration_s", m_st.duration_s},
                {"tariff1_register_kwh", ctx.meter->tariff_energy_kwh(1)}, {"tariff2_register_kwh", ctx.meter->tariff_energy_kwh(2)},
                {"tariff1_true_kwh", true_t1}, {"tariff2_true_kwh", true_t2}, {"device_clock_end_h", ctx.meter->clock_h()}};
    if (true_wh > 0) {
        r.values.emplace_back("cf_error_pct", (cf_wh - true_wh) / true_wh * 100.0);
        r.values.emplace_back("display_error_pct", (disp_wh - true_wh) / true_wh * 100.0);
    }
    r.verdict = "pass";
    r.note = "recording run: no limits apply";
    r.series.push_back(std::move(s));
    return r;
}

}  // namespace hilbench::procedures
