// The scale firmware on synthetic ADC readings (no RTL, no SystemC): warm-up and overload
// blanking, initial zero range, zero tracking limited to its rate and band, tare, price
// only for a non-negative weight, totalisation, self-lock and its audit trail, and the
// write-counter check on the ADC.
#define BOOST_TEST_MODULE scale_firmware
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>

#include "models/core/scale_face.h"
#include "models/scale/scale_firmware.h"

using namespace hilbench;
using namespace hilbench::scale;

namespace {

struct rig {
    scale_params p = scale_param_table().make({});
    scale_calibration cal{100000.0, 70.0};  // 70 counts per g
    scale_firmware fw{p, cal, "HB-TEST-1"};
    double t = 0;
    fw_taps taps;
    rig() { fw.power_on(0, 0); }
    // readings at 10 SPS for dt seconds with the gross load in g (a function of time)
    template <class F>
    void run(double dt, F load_g) {
        const double end = t + dt;
        while (t < end - 1e-9) {
            t += 0.1;
            fw.reading(t, static_cast<int32_t>(std::lround(cal.zero_code + load_g(t) * cal.counts_per_g)), 6.0, 0, taps);
        }
    }
    void hold(double dt, double g) {
        run(dt, [g](double) { return g; });
    }
    bool logged(const std::string& name) const {
        const auto& a = fw.audit_trail();
        return std::any_of(a.begin(), a.end(), [&](const audit_entry& e) { return e.parameter == name; });
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(no_result_during_warm_up_then_initial_zero) {
    rig r;
    r.hold(r.p.warm_up_s - 0.5, 20.0);
    BOOST_TEST(!r.fw.display().weight_valid);
    BOOST_TEST(r.fw.display().message == "----");
    r.hold(3, 20.0);  // 20 g on the receptor at power-on: zeroed away (within +-10 % of Max)
    BOOST_TEST(r.fw.display().weight_valid);
    BOOST_TEST(r.fw.display().weight_g == 0.0);
}

BOOST_AUTO_TEST_CASE(initial_zero_out_of_range_shows_an_error) {
    rig r;
    r.hold(10, 0.11 * r.p.max_g);  // beyond +-10 % of Max at power-on
    BOOST_TEST(!r.fw.display().weight_valid);
    BOOST_TEST(r.fw.display().message == "Err Z");
}

BOOST_AUTO_TEST_CASE(overload_beyond_max_plus_9e_is_blanked) {
    rig r;
    r.hold(8, 0);
    r.hold(3, r.p.max_g + 9 * r.p.e_g);
    BOOST_TEST(r.fw.display().weight_valid);
    BOOST_TEST(r.fw.display().weight_g == r.p.max_g + 9 * r.p.e_g);
    r.hold(3, r.p.max_g + 10 * r.p.e_g);
    BOOST_TEST(!r.fw.display().weight_valid);
    BOOST_TEST(!r.fw.display().price_valid);
    BOOST_TEST(r.fw.display().message == "-OL-");
}

BOOST_AUTO_TEST_CASE(zero_tracking_follows_at_most_half_an_e_per_second) {
    for (double rate : {0.3, 0.8}) {
        rig r;
        r.hold(8, 0);
        const double t0 = r.t;
        r.run(20, [&](double t) { return rate * r.p.e_g * (t - t0); });
        const bool at_zero = r.fw.display().weight_g == 0.0;
        BOOST_TEST(at_zero == (rate < 0.5), "rate " << rate << " e/s, display " << r.fw.display().weight_g);
    }
    // no tracking under a tare: a slow drift on the tare shows
    rig r;
    r.hold(8, 0);
    r.hold(3, 1000);
    r.fw.key(r.t, "TARE");
    const double t0 = r.t;
    r.run(20, [&](double t) { return 1000 + 0.3 * r.p.e_g * (t - t0); });
    BOOST_TEST(r.fw.display().weight_g == 30.0);  // 6 e of drift, not tracked
}

// The tare is taken at the firmware's internal resolution: a container of 502.4 g shows a tare
// of 500 g (e = 5 g), but net zero is exact, so 1 g more reads 0 (a tare rounded to e would
// leave 3.4 g and read 5 g).
BOOST_AUTO_TEST_CASE(tare_is_taken_at_the_internal_resolution) {
    rig r;
    r.hold(8, 0);
    r.hold(3, 502.4);
    r.fw.key(r.t, "TARE");
    r.hold(3, 502.4);
    BOOST_TEST(r.fw.display().net);
    BOOST_TEST(r.fw.display().tare_g == 500.0);
    BOOST_TEST(r.fw.display().weight_g == 0.0);
    r.hold(3, 503.4);
    BOOST_TEST(r.fw.display().weight_g == 0.0);
    r.hold(3, 502.4 + 2.6);  // 2.6 g net: past e/2, reads one interval
    BOOST_TEST(r.fw.display().weight_g == 5.0);
}

BOOST_AUTO_TEST_CASE(tare_net_price_and_totalisation) {
    rig r;
    r.hold(8, 0);
    for (const char* k : {"1", "2", "3", "4"}) r.fw.key(r.t, k);  // 12.34 per kg
    r.hold(3, 500);
    r.fw.key(r.t, "TARE");
    r.hold(3, 500 + 1500);
    BOOST_TEST(r.fw.display().net);
    BOOST_TEST(r.fw.display().weight_g == 1500.0);
    BOOST_TEST(r.fw.display().price == 18.51, boost::test_tools::tolerance(1e-9));
    r.fw.key(r.t, "ADD");
    r.hold(3, 0);  // container and goods off: net -500 g, no price
    BOOST_TEST(r.fw.display().weight_g == -500.0);
    BOOST_TEST(!r.fw.display().price_valid);
    r.fw.key(r.t, "TARE");  // clears the tare at gross zero
    r.hold(3, 2000);
    r.fw.key(r.t, "ADD");
    r.fw.key(r.t, "TOTAL");
    BOOST_REQUIRE(r.fw.tickets().size() == 1u);
    BOOST_TEST(r.fw.tickets()[0].items.size() == 2u);
    BOOST_TEST(r.fw.tickets()[0].total == 18.51 + 24.68, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(multi_interval_rounds_to_the_interval_of_the_partial_range) {
    rig r;
    r.p.max1_g = 6000;
    r.p.e1_g = 2;
    r.hold(8, 0);
    r.hold(3, 5997.2);  // first range: nearest 2 g
    BOOST_TEST(r.fw.display().weight_g == 5998.0);
    r.hold(3, 6003.2);  // second range: nearest 5 g
    BOOST_TEST(r.fw.display().weight_g == 6005.0);
    r.hold(3, 41.1);    // zero tracking does not reach a load of 20 e1
    BOOST_TEST(r.fw.display().weight_g == 42.0);
}

BOOST_AUTO_TEST_CASE(self_lock_blocks_results_until_the_dynamic_code) {
    rig r;
    r.hold(8, 0);
    r.hold(3, 1000);
    r.fw.case_opened(r.t);
    r.hold(1, 1000);
    BOOST_TEST(!r.fw.display().weight_valid);
    BOOST_TEST(r.fw.display().message == "LOCK");
    BOOST_TEST(!r.fw.unlock(r.t, 123456 == scale_unlock_code("HB-TEST-1", r.fw.lock_challenge()) ? 654321 : 123456));
    BOOST_TEST(r.fw.locked());
    BOOST_TEST(r.fw.unlock(r.t, scale_unlock_code("HB-TEST-1", r.fw.lock_challenge())));
    r.hold(3, 1000);
    BOOST_TEST(r.fw.display().weight_g == 1000.0);
    BOOST_TEST(r.logged("case_opened"));
    BOOST_TEST(r.logged("self_lock"));
    BOOST_TEST(r.logged("unlock_refused"));
    BOOST_TEST(r.logged("SELF_LOCK"));
}

BOOST_AUTO_TEST_CASE(adc_writes_behind_the_firmware_are_logged) {
    rig r;
    r.hold(8, 0);
    BOOST_TEST(!r.logged("unexpected_adc_write"));
    r.fw.reading(r.t + 0.1, static_cast<int32_t>(r.cal.zero_code), 6.0, 1, r.taps);
    BOOST_TEST(r.logged("unexpected_adc_write"));
}

BOOST_AUTO_TEST_CASE(software_id_covers_the_legal_parameters) {
    rig a, b;
    BOOST_TEST(a.fw.software_id() == b.fw.software_id());
    b.fw.command_write(1, "SPAN", 1.2, "hidden", false);
    BOOST_TEST(a.fw.software_id() != b.fw.software_id());
}
