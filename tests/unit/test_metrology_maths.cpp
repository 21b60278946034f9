#define BOOST_TEST_MODULE metrology_maths
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

#include <cmath>

#include "harness/procedures/iec62053/error_maths.h"
#include "harness/procedures/iec62053/standard_data.h"
#include "harness/bench/plan.h"
#include "harness/families/family.h"
#include "harness/procedures/procedure.h"
#include "harness/reference/reference_meter.h"
#include "harness/scenario/scenario.h"
#include "harness/stimulus/ac_source.h"


using namespace hilbench;
using namespace hilbench::procedures::iec62053;

BOOST_AUTO_TEST_CASE(pulse_comparison_error) {
    // 10 DUT pulses at 1600 imp/kWh against 6.25 Wh of reference pulses at 1e6 imp/kWh: exact
    BOOST_TEST(pulse_error_pct(10, 1600, 6250, 1e6) == 0.0, boost::test_tools::tolerance(1e-12));
    // the reference saw 1 % more energy than the DUT claims: DUT reads -0.990 %
    BOOST_TEST(pulse_error_pct(10, 1600, 6312.5, 1e6) == (6250.0 - 6312.5) / 6312.5 * 100,
               boost::test_tools::tolerance(1e-12));
    // m0 = N C_ref / C_dut form of the bench error calculator
    BOOST_TEST(pulse_error_pct(4, 1000, 4040, 1e6) == (4000.0 - 4040.0) / 4040.0 * 100.0,
               boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(rounding_and_inclusive_limits) {
    BOOST_TEST(round_to_step(1.449, 0.1) == 1.4, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(round_to_step(1.451, 0.1) == 1.5, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(round_to_step(-1.55, 0.1) == -1.6, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(!std::signbit(round_to_step(-0.01, 0.1)));  // never -0
    // a rounded value is written at its rounding step, without binary noise
    BOOST_TEST(nlohmann::json(round_to_step(0.3, 0.1)).dump() == "0.3");
    BOOST_TEST(nlohmann::json(round_to_step(0.29, 0.1)).dump() == "0.3");
    BOOST_TEST(nlohmann::json(round_to_step(-1.55, 0.1)).dump() == "-1.6");
    BOOST_TEST(nlohmann::json(round_to_step(18.5049, 0.01)).dump() == "18.5");
    BOOST_TEST(nlohmann::json(round_to_step(0.7, 0.2)).dump() == "0.8");
    BOOST_TEST(nlohmann::json(round_to_step(12.4, 5)).dump() == "10.0");
    for (int k = -2000; k <= 2000; ++k) {  // every multiple of 0.01 prints as its decimal
        char want[32];
        std::snprintf(want, sizeof want, "%.2f", k / 100.0);
        const double r = round_to_step(k / 100.0, 0.01);
        char got[32];
        std::snprintf(got, sizeof got, "%.17g", r);
        BOOST_TEST(std::strtod(got, nullptr) == std::strtod(want, nullptr));
        BOOST_TEST(nlohmann::json(r).dump().size() <= std::string(want).size() + 1);
    }
    BOOST_TEST(within_mpe(1.5, 1.5));                        // the boundary is inside
    BOOST_TEST(within_mpe(-1.0, 1.0));
    BOOST_TEST(!within_mpe(1.6, 1.5));
    BOOST_TEST(!within_mpe(-1.1, 1.0));
}

BOOST_AUTO_TEST_CASE(starting_and_no_load_durations) {
    // standards.md worked example: class 1, k = 1000, m = 3, Un = 230 V, Imax = 100 A -> 8.7 min
    BOOST_TEST(no_load_dt_s(600e6, 1000, 3, 230, 100) / 60.0 == 8.6957, boost::test_tools::tolerance(1e-4));
    // single phase 1600 imp/kWh, 230 V, 60 A: 27.17 min
    BOOST_TEST(no_load_dt_s(600e6, 1600, 1, 230, 60) == 1630.4348, boost::test_tools::tolerance(1e-6));
    // t0 at Ist = 0.004 * 5 A: one pulse of 1/1600 kWh at 4.6 W takes 489.13 s
    BOOST_TEST(starting_t0_s(1600, 1, 230, 0.02) == 489.1304, boost::test_tools::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(mpe_tables_as_data) {
    const standard_data* iec = find("iec62053-21:2003");
    BOOST_REQUIRE(iec);
    BOOST_TEST(iec->accuracy.size() == 12u);
    auto row = [&](const standard_data& d, const std::string& id) -> const accuracy_row& {
        for (const auto& r : d.accuracy)
            if (r.id == id) return r;
        BOOST_FAIL("no row " + id);
        return d.accuracy.front();
    };
    BOOST_TEST(row(*iec, "pf1_0.05Ib").mpe_pct.at("1").at(0) == 1.5);
    BOOST_TEST(row(*iec, "pf1_0.05Ib").mpe_pct.at("2").at(0) == 2.5);
    BOOST_TEST(row(*iec, "pf1_0.1Ib").mpe_pct.at("1").at(0) == 1.0);
    BOOST_TEST(row(*iec, "pf0.5L_0.1Ib").mpe_pct.at("1").at(0) == 1.5);
    BOOST_TEST(row(*iec, "pf0.8C_0.2Ib").mpe_pct.at("2").at(0) == 2.0);
    BOOST_TEST(iec->starting_x.at("1") == 0.004);
    BOOST_TEST(iec->starting_x.at("2") == 0.005);
    BOOST_TEST(iec->no_load_voltage_factor == 1.15);
    BOOST_TEST(iec->rounding_pct.at("1") == 0.1);

    const standard_data* en = find("en50470-3:2006");
    BOOST_REQUIRE(en);
    // class B: 2 % in the reference band, 2.5 / 3.5 / 4 % in the wider ones (MID Table 2)
    BOOST_TEST(row(*en, "pf1_Iref").mpe_pct.at("B") == (std::vector<double>{2, 2.5, 3.5, 4}));
    BOOST_TEST(row(*en, "pf1_Imin").mpe_pct.at("A") == (std::vector<double>{3.5, 5, 7, 9}));
    // bands: 23 degC -> reference band; 35 and 0 -> second; 50 -> third; -30 -> fourth
    BOOST_TEST(band_index(*en, 23) == 0u);
    BOOST_TEST(band_index(*en, 35) == 1u);
    BOOST_TEST(band_index(*en, 0) == 1u);
    BOOST_TEST(band_index(*en, 50) == 2u);
    BOOST_TEST(band_index(*en, -30) == 3u);
}

BOOST_AUTO_TEST_CASE(plan_of_the_class1_campaign) {
    const auto sc = scenario::parse(R"({"schema_version":1,"name":"p","description":"d","seed":1,
        "device":{"type":"meter.single_phase","params":{"accuracy_class":"1","basic_current_a":5,"max_current_a":60}},
        "procedure":{"standard":"iec62053-21:2003"}})", "inline.json", families::builtin_catalogue());
    const auto plan = bench::make_plan(sc, families::builtin()).points;
    BOOST_REQUIRE(plan.size() == 15u);
    auto find_point = [&](const std::string& id) -> const procedures::test_point& {
        for (const auto& p : plan)
            if (p.point.id == id) return p.point;
        BOOST_FAIL("no point " + id);
        return plan.front().point;
    };
    BOOST_TEST(find_point("pf1_0.05Ib").settings.at("current_a") == 0.25, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(find_point("pf1_Imax").settings.at("current_a") == 60.0);
    BOOST_TEST(find_point("pf0.5L_Ib").settings.at("phase_deg") == 60.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(find_point("pf0.8C_Ib").settings.at("phase_deg") == -36.8699, boost::test_tools::tolerance(1e-5));
    BOOST_TEST(find_point("starting").settings.at("current_a") == 0.02, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(find_point("no_load").settings.at("voltage_v") == 264.5, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(find_point("no_load").settings.at("duration_s") == 1630.4348, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(find_point("pf1_0.05Ib").mpe_pct == 1.5);
    BOOST_TEST(find_point("pf1_0.1Ib").mpe_pct == 1.0);
}

BOOST_AUTO_TEST_CASE(reference_energy_is_exact) {
    ac_line_state s;
    s.voltage_v = 230;
    s.current_a = 5;
    s.phase_deg = 60;
    s.freq_hz = 50;
    // whole cycles: exactly V I cos(phi) t
    BOOST_TEST(line_energy_j(s, 0, 2.0) == 230 * 5 * 0.5 * 2.0, boost::test_tools::tolerance(1e-9));
    // with harmonics and a partial cycle: against a fine numerical integration
    s.harmonics.push_back({3, 4.0, 30.0, 10.0, -40.0});
    s.harmonics.push_back({5, 2.0, 10.0, 0.0, 75.0});
    const double t0 = 0.0123, t1 = 0.4567;
    double num = 0;
    const int n = 2000000;
    const double dt = (t1 - t0) / n;
    const auto vt = voltage_tones(s), it = current_tones(s);
    for (int k = 0; k < n; ++k) {
        const double t = t0 + (k + 0.5) * dt;
        double v = 0, i = 0;
        for (const auto& x : vt) v += x.peak * std::sin(x.omega * t + x.phase_rad);
        for (const auto& x : it) i += x.peak * std::sin(x.omega * t + x.phase_rad);
        num += v * i * dt;
    }
    BOOST_TEST(line_energy_j(s, t0, t1) == num, boost::test_tools::tolerance(1e-7));
}

BOOST_AUTO_TEST_CASE(reference_meter_over_source_history) {
    ac_line_state s;
    s.voltage_v = 230;
    s.current_a = 10;
    s.freq_hz = 50;
    stimulus::ac_source src(s, {});
    s.current_a = 20;
    src.set(s, 10.0);  // 2.3 kW for 10 s, then 4.6 kW
    reference::reference_meter ref(src, 0.05, 1e6);
    BOOST_TEST(ref.true_energy_wh(0, 20) == (2300.0 * 10 + 4600.0 * 10) / 3600.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(ref.true_energy_wh(5, 15) == (2300.0 * 5 + 4600.0 * 5) / 3600.0, boost::test_tools::tolerance(1e-9));
    // 1e6 imp/kWh = 1000 imp/Wh
    const uint64_t m = ref.pulses(0, 20);
    BOOST_TEST(double(m) == std::floor(ref.true_energy_wh(0, 20) * 1000.0));
    // uncertainty: class 0.05 gives 2 * 0.05 / sqrt(3) = 0.0577 % when counts and timing are fine
    BOOST_TEST(ref.expanded_uncertainty_pct(100000000, 1e-6, 1000) == 0.0577, boost::test_tools::tolerance(1e-3));
    BOOST_TEST(ref.expanded_uncertainty_pct(100, 1e-6, 1000) > 1.0);  // 100 pulses: 1 % quantisation
}

BOOST_AUTO_TEST_CASE(temperature_profile_is_piecewise_linear) {
    ac_line_state s;
    stimulus::ac_source src(s, {{0, 20}, {100, 40}, {200, 40}});
    BOOST_TEST(src.temperature_c(-5) == 20.0);
    BOOST_TEST(src.temperature_c(50) == 30.0);
    BOOST_TEST(src.temperature_c(150) == 40.0);
    BOOST_TEST(src.temperature_c(1e6) == 40.0);
}
