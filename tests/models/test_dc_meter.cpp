// The DC charger's meter: the metering ASIC in DC mode behind a shunt or a Hall sensor, with
// the AC meter's firmware. Its register and test output against V x I x t computed here; the
// two fidelities against each other; the factory calibration's offsets; no creep.
#define BOOST_TEST_MODULE dc_meter
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "models/charger/dc_meter.h"

using namespace hilbench;
using hilbench::charger::dc_meter;
using hilbench::charger::dc_meter_params;
using hilbench::charger::dc_modifiers;

namespace {
// the power filter's time constant (2**8 samples at 3.2 kHz): the register lags the true energy
// by this much of the power after a step
constexpr double filter_lag_s = 256.0 / 3200.0;

// energy registered over [t0, t1] at constant V and I, from a fresh meter powered at 0
double registered_wh(const dc_meter_params& p, fidelity f, double v, double a, double t1, const dc_modifiers& m = {},
                     std::size_t* pulses = nullptr) {
    dc_meter meter(p, f, 7);
    meter.power_on(0);
    meter.set_line(0.001, v, a, 23, m);
    meter.sync(t1);
    if (pulses) *pulses = meter.pulse_times().size();
    return meter.energy_wh();
}
}  // namespace

BOOST_AUTO_TEST_CASE(shunt_meter_registers_v_times_i_times_t) {
    const dc_meter_params p;
    std::size_t pulses = 0;
    const double e = registered_wh(p, fidelity::sample, 400, 100, 60, {}, &pulses);
    const double truth = 400 * 100 * (60 - 0.001 - filter_lag_s) / 3600;  // 665.76 Wh
    BOOST_TEST_MESSAGE("400 V, 100 A, 60 s: " << e << " Wh, error " << (e / truth - 1) * 100 << " %, " << pulses << " pulses");
    BOOST_TEST(std::fabs(e / truth - 1) < 0.001, e << " Wh against " << truth);
    // the test output: one pulse per 1/C kWh (CFDIV quanta each), what a pulse-counting bench sees
    BOOST_TEST(double(pulses) <= truth / 1000 * p.meter_constant_imp_per_kwh + 1, pulses);
    BOOST_TEST(double(pulses) >= truth / 1000 * p.meter_constant_imp_per_kwh - 2, pulses);
    // the register's quantum is 1 / (C x CFDIV) kWh = 0.0625 Wh
    BOOST_TEST(std::fabs(e * 16 - std::round(e * 16)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(bit_and_sample_fidelity_agree) {
    const dc_meter_params p;
    const double bit = registered_wh(p, fidelity::bit, 750, 200, 2.0);
    const double smp = registered_wh(p, fidelity::sample, 750, 200, 2.0);
    const double truth = 750 * 200 * (2.0 - 0.001 - filter_lag_s) / 3600;  // 79.96 Wh
    BOOST_TEST_MESSAGE("750 V, 200 A, 2 s: bit " << bit << " Wh, sample " << smp << " Wh, truth " << truth);
    BOOST_TEST(std::fabs(bit - smp) <= 2 * 0.0625 + 1e-9, bit << " Wh (bit) against " << smp << " Wh (sample)");
    BOOST_TEST(std::fabs(bit / truth - 1) < 0.005);
}

BOOST_AUTO_TEST_CASE(hall_offset_is_calibrated_out_and_its_drift_is_not) {
    dc_meter_params p;
    p.current_sensor = "hall";
    p.pga_gain = 1;
    p.current_sensor_tempco_ppm_per_k = 200;
    p.hall_offset_a = 0.4;
    const double truth = 400 * 5 * (120 - 0.001 - filter_lag_s) / 3600;  // 66.62 Wh at 5 A
    const double calibrated = registered_wh(p, fidelity::sample, 400, 5, 120);
    BOOST_TEST_MESSAGE("Hall, 5 A: error " << (calibrated / truth - 1) * 100 << " %");
    BOOST_TEST(std::fabs(calibrated / truth - 1) < 0.005, calibrated << " Wh against " << truth);
    // the offset drifts by 0.2 A after calibration: +4 % at 5 A
    dc_modifiers drift;
    drift.current_offset_a = 0.2;
    const double drifted = registered_wh(p, fidelity::sample, 400, 5, 120, drift);
    BOOST_TEST((drifted / truth - 1) * 100 == 4.0, boost::test_tools::tolerance(0.15));
}

BOOST_AUTO_TEST_CASE(no_creep_with_no_current_and_the_chip_is_in_dc_mode) {
    const dc_meter_params p;
    BOOST_TEST(registered_wh(p, fidelity::sample, 800, 0, 120) == 0.0);
    BOOST_TEST((hilbench::charger::dc_calibration(p).regs.config & (1u << 5)) != 0u);
}
