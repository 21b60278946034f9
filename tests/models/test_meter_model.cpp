// SystemC model tests: one CTest entry per case (one elaboration per process).
#define BOOST_TEST_MODULE meter_model
#include <boost/test/unit_test.hpp>

#include <systemc>

#include <cmath>
#include <filesystem>

#include "harness/reference/reference_meter.h"
#include "harness/stimulus/ac_source.h"
#include "models/meter/single_phase_meter.h"


using namespace hilbench;
using namespace hilbench::meter;

namespace {

struct bench {
    meter_params p;
    stimulus::ac_source src;
    single_phase_meter m;
    reference::reference_meter ref;
    bench(const param_values& over, fidelity f, double current_a, double phase_deg = 0,
          time_series temp = {})
        : p(meter_param_table().make(over)),
          src(line(230, current_a, phase_deg), std::move(temp)),
          m("meter", p, f, src, 42),
          ref(src, 0.05, 1e8) {
        sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING, sc_core::SC_THROW);
        sc_core::sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", sc_core::SC_DO_NOTHING);
    }
    static ac_line_state line(double v, double i, double ph) {
        ac_line_state s;
        s.voltage_v = v;
        s.current_a = i;
        s.phase_deg = ph;
        s.freq_hz = 50;
        return s;
    }
    void run_s(double t) { sc_core::sc_start(sc_core::sc_time(t, sc_core::SC_SEC)); }
    double now() const { return sc_core::sc_time_stamp().to_seconds(); }
    // error of the energy between the first and the last CF edge after `from` against the reference
    double cf_error_pct(std::size_t from) const {
        const std::size_t last = m.cf_pulse_count() - 1;
        const double t0 = m.cf_edge_time_s(from), t1 = m.cf_edge_time_s(last);
        const double dut_wh = double(last - from) * 1000.0 / p.meter_constant_imp_per_kwh;
        const double ref_wh = ref.true_energy_wh(t0, t1);
        return (dut_wh - ref_wh) / ref_wh * 100.0;
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(boots_locks_and_logs_power_on) {
    bench b({}, fidelity::sample, 0);
    b.run_s(0.5);
    const auto& a = b.m.audit_trail();
    BOOST_REQUIRE(!a.empty());
    BOOST_TEST(a.back().parameter == "power_on");
    BOOST_TEST(a.back().new_value == b.m.software_id());
    BOOST_TEST(b.m.cf_pulse_count() == 0u);
}

BOOST_AUTO_TEST_CASE(cf_rate_follows_power_in_sample_mode) {
    bench b({}, fidelity::sample, 10.0, 60.0);  // 230 V, 10 A, PF 0.5: 1150 W -> 0.511 pulses/s
    b.run_s(2);
    const std::size_t k0 = b.m.cf_pulse_count();
    b.run_s(60);
    const double expected = 1150.0 * 1600 / 3.6e6 * 60;
    BOOST_TEST(std::fabs(double(b.m.cf_pulse_count() - k0) - expected) <= 1.0);
    BOOST_TEST(std::fabs(b.cf_error_pct(k0)) < 0.1);
}

BOOST_AUTO_TEST_CASE(bit_mode_meters_within_a_tenth_of_a_percent) {
    bench b({}, fidelity::bit, 20.0);  // 4.6 kW: about 2 pulses per second
    b.run_s(1);
    const std::size_t k0 = b.m.cf_pulse_count();
    b.run_s(8);
    BOOST_TEST(b.m.cf_pulse_count() - k0 >= 14u);
    BOOST_TEST(std::fabs(b.cf_error_pct(k0)) < 0.1);
}

BOOST_AUTO_TEST_CASE(line_change_between_quanta_keeps_energy_exact) {
    // the source changes at times that are not on the 10 ms quantum grid; the RTL is caught
    // up before each change, so the meter follows the reference exactly
    bench b({}, fidelity::sample, 5.0);
    b.run_s(5.0037);
    // the gate opens on the last edge of the steady start, so the power filter holds the
    // same (steady 5 A) state at both ends of the gate
    BOOST_REQUIRE(b.m.cf_pulse_count() >= 2u);
    const std::size_t k0 = b.m.cf_pulse_count() - 1;
    for (int k = 0; k < 20; ++k) {
        b.src.set(bench::line(230, (k % 2) ? 30.0 : 12.0, (k % 3) * 20.0), b.now());
        b.run_s(1.2345);
    }
    // back to the starting load: the filter's lag is the same at both ends and cancels
    b.src.set(bench::line(230, 5.0, 0), b.now());
    b.run_s(10);
    BOOST_TEST(b.m.cf_pulse_count() - k0 > 45u);
    BOOST_TEST(std::fabs(b.cf_error_pct(k0)) < 0.05);
}

BOOST_AUTO_TEST_CASE(no_creep_at_115_percent_voltage) {
    bench b({{"adc_noise_uv_rms", 200.0}}, fidelity::sample, 0.0);  // ten times the default noise
    b.src.set(bench::line(264.5, 0, 0), 0);
    b.run_s(600);
    BOOST_TEST(b.m.cf_pulse_count() == 0u);
}

BOOST_AUTO_TEST_CASE(starts_at_the_starting_current) {
    bench b({}, fidelity::sample, 0.02);  // Ist of class 1, 5 A: one pulse per 489 s
    b.run_s(1100);
    BOOST_TEST(b.m.cf_pulse_count() >= 2u);
    BOOST_TEST(b.m.cf_pulse_count() <= 3u);
}

BOOST_AUTO_TEST_CASE(temperature_coefficient_moves_the_error) {
    // 1000 ppm/K current sensor, 20 K above the calibration temperature: +2 %
    bench b({{"current_sensor_tempco_ppm_per_k", 1000.0}, {"vref_tempco_ppm_per_k", 0.0},
             {"voltage_divider_tempco_ppm_per_k", 0.0}},
            fidelity::sample, 20.0, 0.0, {{0, 43.0}});
    b.run_s(1);
    const std::size_t k0 = b.m.cf_pulse_count();
    b.run_s(30);
    BOOST_TEST(b.cf_error_pct(k0) == 2.0, boost::test_tools::tolerance(0.05));
}

BOOST_AUTO_TEST_CASE(neutral_bypass_raises_tamper_and_bills_the_larger_current) {
    bench b({}, fidelity::sample, 10.0);
    b.run_s(2);
    ac_line_state s = bench::line(230, 10.0, 0);
    s.neutral_current_ratio = 0.5;  // half of the current returns outside the meter's neutral shunt
    b.src.set(s, b.now());
    b.run_s(5);
    bool tamper = false;
    for (const auto& e : b.m.audit_trail()) tamper |= e.parameter == "tamper_start";
    BOOST_TEST(tamper);
    // the phase channel is the larger one and keeps being billed: no under-registration
    const std::size_t k0 = b.m.cf_pulse_count();
    b.run_s(20);
    BOOST_TEST(std::fabs(b.cf_error_pct(k0)) < 0.15);
}

// Every phase parameter and tap of the meter is positive when the current leads. At PF 0.5
// inductive (the current lags by 60 deg) a lead of d deg shortens the lag and the meter reads
// high by tan(60 deg) x d (in rad): +1.51 % for 0.5 deg.
BOOST_AUTO_TEST_CASE(phase_errors_are_positive_when_the_current_leads) {
    meter_params p = meter_param_table().make({{"calibration_phase_error_deg", 0.5}});
    stimulus::ac_source src(bench::line(230, 10.0, 60.0), {});
    reference::reference_meter ref(src, 0.05, 1e8);
    engine::cheat_spec lead;  // from 40 s on, the installation adds another 0.5 deg of lead
    lead.id = "lead";
    lead.label = "THEFT";
    lead.tap = "installation.phase_shift_deg";
    lead.effect.k = engine::effect_spec::kind::offset;
    lead.effect.value = 0.5;
    lead.when.k = engine::trigger_spec::kind::time_window;
    lead.when.t0_s = 40;
    engine::cheat_engine eng({lead}, {}, 1, 7);
    single_phase_meter m("meter", p, fidelity::sample, src, 42, 0.01, &eng);
    sc_core::sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", sc_core::SC_DO_NOTHING);
    auto error_pct = [&](double t0, double t1) {
        sc_core::sc_start(sc_core::sc_time(t0 - sc_core::sc_time_stamp().to_seconds(), sc_core::SC_SEC));
        const std::size_t a = m.cf_pulse_count();
        sc_core::sc_start(sc_core::sc_time(t1 - t0, sc_core::SC_SEC));
        const std::size_t b = m.cf_pulse_count() - 1;
        const double dut = double(b - a) * 1000.0 / p.meter_constant_imp_per_kwh;
        const double t = ref.true_energy_wh(m.cf_edge_time_s(a), m.cf_edge_time_s(b));
        return (dut - t) / t * 100.0;
    };
    const double expected = std::tan(60.0 * M_PI / 180.0) * 0.5 * M_PI / 180.0 * 100.0;  // 1.511 %
    BOOST_TEST(error_pct(2, 38) == expected, boost::test_tools::tolerance(0.05));
    BOOST_TEST(error_pct(42, 78) == 2 * expected, boost::test_tools::tolerance(0.05));
}

BOOST_AUTO_TEST_CASE(fst_trace_is_written) {
    const auto path = std::filesystem::temp_directory_path() / "hilbench-trace-test.fst";
    std::filesystem::remove(path);
    bench b({}, fidelity::bit, 5.0);
    b.m.trace_rtl(path.string(), 0.002);
    b.run_s(0.05);  // past the first 10 ms quantum, so the window is simulated
    BOOST_TEST(std::filesystem::exists(path));
    BOOST_TEST(std::filesystem::file_size(path) > 1000u);
    std::filesystem::remove(path);
}
