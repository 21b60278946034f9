// The fuel dispenser's meter physics and controller firmware on synthetic pulses, checked
// against figures computed here from the parameters (not from the model's own code paths).
#define BOOST_TEST_MODULE dispenser_model
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "models/dispenser/dispenser_firmware.h"
#include "models/dispenser/dispenser_params.h"
#include "harness/reference/standard_measures.h"
#include "models/dispenser/fuel_meter.h"

using namespace hilbench::dispenser;

namespace {
bool has_entry(const dispenser_firmware& fw, const std::string& parameter) {
    for (const auto& e : fw.audit_trail())
        if (e.parameter == parameter) return true;
    return false;
}
}  // namespace

// The slip curve goes through its two stated points, is smallest in between, falls with a
// thicker fuel and grows with wear as stated.
BOOST_AUTO_TEST_CASE(slip_goes_through_its_stated_points) {
    dispenser_params p;
    BOOST_TEST(slip_fraction(p, p.qmin_l_per_min, p.reference_viscosity_mm2_s, 0) * 100 ==
               p.slip_pct_at_qmin, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(slip_fraction(p, p.qmax_l_per_min, p.reference_viscosity_mm2_s, 0) * 100 ==
               p.slip_pct_at_qmax, boost::test_tools::tolerance(1e-9));
    // a / q + b q is smallest at sqrt(a / b), inside the range, below both ends
    double lowest = 1, at = 0;
    for (double q = p.qmin_l_per_min; q <= p.qmax_l_per_min; q += 0.01) {
        const double s = slip_fraction(p, q, p.reference_viscosity_mm2_s, 0);
        if (s < lowest) lowest = s, at = q;
    }
    BOOST_TEST(at > p.qmin_l_per_min);
    BOOST_TEST(at < p.qmax_l_per_min);
    BOOST_TEST(lowest < p.slip_pct_at_qmax / 100);
    const double mid = slip_fraction(p, 20, p.reference_viscosity_mm2_s, 0);
    BOOST_TEST(slip_fraction(p, 20, 4.0, 0) == mid * 0.7 / 4.0, boost::test_tools::tolerance(1e-9));  // diesel
    // wear: +0.05 % at Qmin per 1000 m3
    const double worn = slip_fraction(p, p.qmin_l_per_min, p.reference_viscosity_mm2_s, 1000);
    BOOST_TEST((worn - p.slip_pct_at_qmin / 100) * 100 == p.wear_slip_pct_per_1000_m3, boost::test_tools::tolerance(1e-9));
}

// The factory K-factor makes the error zero at sqrt(Qmin Qmax); at Qmin the meter
// under-registers by the slip difference.
BOOST_AUTO_TEST_CASE(factory_calibration_and_the_error_curve) {
    dispenser_params p;
    const double k = factory_k_factor(p);
    BOOST_TEST(k < 100.0);  // 50 pulses per 0.5 L turn, less the slip
    auto error_pct = [&](double q) {
        fuel_meter m(p);
        const double dt = 0.01;
        for (int i = 0; i < int(20.0 / (q / 60.0) / dt); ++i) m.flow(q, dt, p.reference_viscosity_mm2_s);
        const double pulses = m.revolutions() * p.pulses_per_rev;
        return (pulses / k - m.metered_l()) / m.metered_l() * 100;
    };
    const double qcal = std::sqrt(p.qmin_l_per_min * p.qmax_l_per_min);
    BOOST_TEST(std::fabs(error_pct(qcal)) < 1e-6);
    const double at_qmin = error_pct(p.qmin_l_per_min);
    const double s_cal = slip_fraction(p, qcal, p.reference_viscosity_mm2_s, 0);
    const double want = ((1 - p.slip_pct_at_qmin / 100) / (1 - s_cal) - 1) * 100;
    // (the 20 L of the test wear the meter by 2e-6 of its slip: hence the tolerance)
    BOOST_TEST(at_qmin == want, boost::test_tools::tolerance(1e-4));
    BOOST_TEST(at_qmin < -0.1);
}

// The pulser's channels are in quadrature and the edge times land on quarter cycles.
BOOST_AUTO_TEST_CASE(pulser_quadrature_and_edge_times) {
    dispenser_params p;
    fuel_meter m(p);
    int a_edges = 0, b_edges = 0;
    bool a = m.pin_a(), b = m.pin_b();
    const double q = 40;
    for (int i = 0; i < 400; ++i) {
        const double dt = m.time_to_next_edge(q, p.reference_viscosity_mm2_s);
        m.flow(q, dt * 1.0000001, p.reference_viscosity_mm2_s);
        const bool na = m.pin_a(), nb = m.pin_b();
        BOOST_TEST(int(na != a) + int(nb != b) == 1);  // one channel per edge
        a_edges += na != a;
        b_edges += nb != b;
        a = na;
        b = nb;
    }
    BOOST_TEST(a_edges == 200);
    BOOST_TEST(b_edges == 200);
}

// The firmware on synthetic counts: volume to the interval, the amount from the volume shown,
// presets with the slow-down valve, locks, and the audit trail of K-factor and price changes.
BOOST_AUTO_TEST_CASE(firmware_counts_presets_and_locks) {
    dispenser_params p;
    dispenser_firmware fw(p, 100.0, "D1");
    fw.power_on(0, 5000);
    BOOST_TEST(fw.authorise(1, preset_kind::volume, 20.0, 5000));
    valves v = fw.count(2, 5000 + 1969, false);  // 19.69 L: slow down from 19.70
    BOOST_TEST(v.main_open);
    v = fw.count(3, 5000 + 1971, false);
    BOOST_TEST(!v.main_open);
    BOOST_TEST(v.slow_open);
    v = fw.count(4, 5000 + 2000, false);
    BOOST_TEST(!v.main_open);
    BOOST_TEST(!v.slow_open);
    BOOST_TEST(fw.display().volume_l == 20.00);
    BOOST_TEST(fw.display().amount_cny == 157.80);  // 20.00 x 7.89
    fw.hang_up(5);
    BOOST_REQUIRE(fw.sales().size() == 1u);
    BOOST_TEST(fw.total_volume_l() == 20.00);
    // payment: half up on the exact product (1.50 L x 7.89 = 11.835 -> 11.84)
    BOOST_TEST(amount_of(1.50, 7.89, 0.01) == 11.84);
    BOOST_TEST(amount_of(1.49, 7.89, 0.01) == 11.76);
    // an amount preset stops at the first count whose amount reaches it
    BOOST_TEST(fw.authorise(6, preset_kind::amount, 100.0, 7000));
    uint32_t c = 7000;
    while (fw.count(7, c, false).slow_open) ++c;
    BOOST_TEST(fw.display().amount_cny >= 100.0);
    BOOST_TEST(fw.display().amount_cny < 100.0 + 7.89 * 0.01 + 1e-9);
    fw.hang_up(8);
    // K-factor changes: logged or hidden; the software identification changes either way
    auto k_entries = [&] {
        int n = 0;
        for (const auto& e : fw.audit_trail()) n += e.parameter == "k_factor";
        return n;
    };
    const std::string id0 = fw.software_id();
    BOOST_TEST(k_entries() == 1);  // the factory's
    fw.command(9, "k_factor", 96.0, "pos", false);
    BOOST_TEST(k_entries() == 1);  // a hidden write leaves no entry ...
    BOOST_TEST(fw.software_id() != id0);  // ... but the checksum over the legal parameters moves
    BOOST_TEST(fw.k_factor() == 96.0);
    fw.command(10, "k_factor", 100.0, "pos", true);
    BOOST_TEST(k_entries() == 2);
    BOOST_TEST(fw.software_id() == id0);
    // the unit price may not change during a delivery
    BOOST_TEST(fw.authorise(11, preset_kind::none, 0, 9000));
    fw.command(12, "unit_price", 9.99, "pos");
    BOOST_TEST(fw.display().unit_price == 7.89);
    // abnormal volume locks, and a locked dispenser refuses the next delivery
    fw.count(13, 9000 + uint32_t(p.abnormal_volume_l * 100) + 100, false);
    BOOST_TEST(fw.locked());
    BOOST_TEST(fw.lock_cause() == "abnormal volume");
    fw.hang_up(14);
    BOOST_TEST(!fw.authorise(15, preset_kind::none, 0, 0));
    fw.service_unlock(16, "service");
    BOOST_TEST(fw.authorise(17, preset_kind::none, 0, 0));
    // the front end's lock request and a failed authentication lock too
    fw.count(18, 10, true);
    BOOST_TEST(fw.lock_cause() == "abnormal pulses (front end)");
    BOOST_TEST(!fw.count(19, 20, false).slow_open);
    BOOST_TEST(has_entry(fw, "self_lock"));
    BOOST_TEST(has_entry(fw, "service_unlock"));
}

// The counter wraps at 2**32 without a jump in the volume.
BOOST_AUTO_TEST_CASE(firmware_survives_the_counter_wrap) {
    dispenser_params p;
    dispenser_firmware fw(p, 100.0, "D1");
    const uint32_t start = 0xffffff00u;
    fw.power_on(0, start);
    BOOST_TEST(fw.authorise(1, preset_kind::none, 0, start));
    fw.count(2, start + 1000u, false);  // wraps
    BOOST_TEST(fw.display().volume_l == 10.00);
}

// Fuel and measure at different temperatures: 20 L leave the meter at 18 degC and land in a
// measure standing in air at 30 degC (or 5 degC). The fuel makes part of the way to the air's
// temperature, grows by beta times that rise, and the neck reads it; the lab's correction from
// its two thermometers takes the reading back to the meter within the measure's class, its
// scale interval and the second-order term the first-order formula leaves.
BOOST_AUTO_TEST_CASE(measure_corrections_take_the_reading_back_to_the_meter) {
    using hilbench::reference::standard_measure;
    const double beta = 0.00120, class_pct = 0.025;
    for (double t_air : {30.0, 5.0}) {
        standard_measure m(20, class_pct, "20L-under-test", 7);
        m.set_fuel_beta(beta);
        m.set_air_temperature(t_air);
        m.empty(30);  // wet
        BOOST_TEST(m.temperature_c() == t_air);
        for (int k = 0; k < 200; ++k) m.receive(0.1, 18.0);
        const double t = m.temperature_c();
        BOOST_TEST((t - 18.0) * (t_air - 18.0) > 0);  // on its way to the air ...
        BOOST_TEST(std::fabs(t - 18.0) < std::fabs(t_air - 18.0));  // ... not there
        const double reading = m.reading_l();
        const double grown = 20 * (1 + beta * (t - 18.0));
        // the reading shows the fuel's growth, less the steel's own growth, within the class
        BOOST_TEST(std::fabs(reading / grown - 1) < (class_pct / 100 + 0.0000345 * 15 + 0.005 / 20));
        const double v = standard_measure::volume_at_meter(reading, t, 18.0, beta);
        const double second_order = std::pow(beta * (t - 18.0), 2);
        BOOST_TEST(std::fabs(v / 20 - 1) <= class_pct / 100 + second_order + 0.0025 / 20 + 1e-12);
        // without the fuel's correction the lab would be off by the growth
        const double uncorrected = standard_measure::volume_at_meter(reading, t, t, beta);
        BOOST_TEST(std::fabs(uncorrected / v - 1) == beta * std::fabs(t - 18.0), boost::test_tools::tolerance(0.01));
    }
}
