// SystemC tests of the price-computing scale: one CTest entry per case (one elaboration
// per process). The world is the bench's weight_world; readings come through the
// Verilated ADC's DOUT/PD_SCK read-out.
#define BOOST_TEST_MODULE scale_model
#include <boost/test/unit_test.hpp>

#include <systemc>

#include <cmath>
#include <filesystem>

#include "harness/stimulus/weight_world.h"
#include "models/scale/price_scale.h"


using namespace hilbench;
using namespace hilbench::scale;

namespace {

struct bench {
    scale_params p;
    stimulus::weight_world world;
    price_scale s;
    bench(const param_values& over, fidelity f, double temperature_c = 20)
        : p(scale_param_table().make(over)),
          world({{0.0, temperature_c}}, 6.0),
          s("scale", p, f, world, 42) {
        sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING, sc_core::SC_THROW);
        sc_core::sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", sc_core::SC_DO_NOTHING);
    }
    void run_s(double t) { sc_core::sc_start(sc_core::sc_time(t, sc_core::SC_SEC)); }
    double now() const { return sc_core::sc_time_stamp().to_seconds(); }
    void place(const std::string& id, double g, double x = 0, double y = 0) {
        receptor_load l;
        l.id = id;
        l.mass_g = g;
        l.x = x;
        l.y = y;
        world.place(l, now());
    }
    double stat(const std::string& name) const {
        for (const auto& e : s.stats())
            if (name == e.name) return e.value;
        return -1;
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(reads_the_adc_over_dout_at_its_output_rate) {
    bench b({}, fidelity::sample);
    b.run_s(10.0);
    // 10 SPS after the ADC's settling (4 periods): 96 or 97 readings in 10 s, all processed
    BOOST_TEST(b.stat("adc_reads") >= 95);
    BOOST_TEST(b.stat("adc_reads") <= 97);
    BOOST_TEST(b.stat("firmware_readings") == b.stat("adc_reads"));
    BOOST_TEST(b.s.display().weight_valid);
    BOOST_TEST(b.s.display().weight_g == 0.0);
}

BOOST_AUTO_TEST_CASE(reads_at_80_sps_with_the_rate_pin_high) {
    bench b({{"rate_sps", 80.0}}, fidelity::bit);
    b.run_s(3.0);
    // 80 SPS after 4 periods of settling: 236 readings in 3 s (one more or less at the edges)
    BOOST_TEST(b.stat("adc_reads") >= 235);
    BOOST_TEST(b.stat("adc_reads") <= 237);
    b.run_s(5.0);  // past the firmware's warm-up and initial zero-setting
    b.place("w", 2500.0);
    b.run_s(4.0);
    BOOST_TEST(std::fabs(b.s.display().weight_g - 2500.0) <= 5.0, b.s.display().weight_g);
}

BOOST_AUTO_TEST_CASE(static_loads_indicate_within_half_an_e_in_sample_mode) {
    bench b({}, fidelity::sample);
    b.run_s(8.0);
    for (double g : {100.0, 2500.0, 7500.0}) {
        b.place("w" + std::to_string(int(g)), g);
        b.run_s(5.0);
        BOOST_TEST(b.s.display().stable);
        BOOST_TEST(std::fabs(b.s.display().weight_g - g) <= 5.0, g << " g shows " << b.s.display().weight_g);
        b.world.remove("w" + std::to_string(int(g)), b.now());
        b.run_s(3.0);
    }
}

BOOST_AUTO_TEST_CASE(static_loads_indicate_within_half_an_e_in_bit_mode) {
    bench b({}, fidelity::bit);
    b.run_s(8.0);
    b.place("w", 7500.0);
    b.run_s(5.0);
    BOOST_TEST(std::fabs(b.s.display().weight_g - 7500.0) <= 5.0, b.s.display().weight_g);
    // every reading went through the modulator, sinc3 and the serial read-out
    BOOST_TEST(b.stat("rtl_clock_cycles") >= 12.98 * 163840.0);
}

BOOST_AUTO_TEST_CASE(a_new_load_is_unstable_until_the_receptor_settles) {
    bench b({{"damping_ratio", 0.08}}, fidelity::sample);
    b.run_s(8.0);
    b.place("w", 10000.0);
    b.run_s(0.3);
    BOOST_TEST(!b.s.display().stable);
    b.run_s(6.0);
    BOOST_TEST(b.s.display().stable);
    BOOST_TEST(std::fabs(b.s.display().weight_g - 10000.0) <= 5.0);
}

BOOST_AUTO_TEST_CASE(overload_is_blanked_and_the_stop_protects_the_cell) {
    bench b({}, fidelity::sample);
    b.run_s(8.0);
    b.place("w", 2.0 * b.p.max_g);
    b.run_s(5.0);
    BOOST_TEST(!b.s.display().weight_valid);
    BOOST_TEST(b.s.display().message == "-OL-");
    b.world.remove("w", b.now());
    b.run_s(5.0);
    BOOST_TEST(b.s.display().weight_g == 0.0);  // the overload stop kept the cell in range
}

BOOST_AUTO_TEST_CASE(corner_loads_read_by_the_position_sensitivity) {
    bench b({{"eccentricity_x_pct", 0.3}, {"eccentricity_y_pct", 0.25}}, fidelity::sample);
    b.run_s(8.0);
    b.place("c", 5000.0);
    b.run_s(5.0);
    const double centre = b.s.display().weight_g;
    b.world.remove("c", b.now());
    b.place("q", 5000.0, 0.5, 0.5);
    b.run_s(5.0);
    // 5000 g x (0.3 x 0.5 + 0.25 x 0.5) % = 13.75 g heavier, to within one e of rounding
    BOOST_TEST(std::fabs(b.s.display().weight_g - centre - 13.75) <= 5.0, b.s.display().weight_g - centre);
}

BOOST_AUTO_TEST_CASE(power_cycle_restarts_with_warm_up_and_logs) {
    bench b({{"warm_up_s", 10.0}}, fidelity::sample);
    b.run_s(15.0);
    BOOST_TEST(b.s.display().weight_valid);
    b.s.set_power(false);
    b.run_s(1.0);
    BOOST_TEST(b.s.display().message == "OFF");
    b.s.set_power(true);
    b.run_s(5.0);
    BOOST_TEST(!b.s.display().weight_valid);  // warming up
    BOOST_TEST(b.s.display().message == "----");
    b.run_s(8.0);
    BOOST_TEST(b.s.display().weight_valid);
    int power_on = 0;
    for (const auto& e : b.s.audit_trail()) power_on += e.parameter == "power_on";
    BOOST_TEST(power_on == 2);
}

BOOST_AUTO_TEST_CASE(temperature_moves_zero_and_span_by_the_cell_coefficients) {
    bench b({{"tcs_pct_per_10k", 0.05}, {"tcz_pct_fs_per_10k", 0.0}, {"thermal_tau_s", 60.0}}, fidelity::sample);
    b.run_s(8.0);
    b.place("w", 15000.0);
    b.run_s(5.0);
    const double at20 = b.s.display().weight_g;
    b.world.set_temperature(40, b.now());
    b.run_s(900.0);
    // +20 K x 0.05 %/10 K = +0.1 % of 15 kg = +15 g (creep settles too: within 2 e)
    BOOST_TEST(std::fabs(b.s.display().weight_g - at20 - 15.0) <= 10.0, b.s.display().weight_g - at20);
}

BOOST_AUTO_TEST_CASE(fst_trace_is_written) {
    bench b({}, fidelity::bit);
    const auto path = std::filesystem::temp_directory_path() / "hilbench_scale_trace_test.fst";
    std::filesystem::remove(path);
    b.s.trace_rtl(path.string(), 0.05);
    b.run_s(0.2);
    BOOST_TEST(std::filesystem::exists(path));
    BOOST_TEST(std::filesystem::file_size(path) > 1000u);
    std::filesystem::remove(path);
}
