// The weighing metrology maths: R 76 MPE staircase (boundaries inclusive), changeover
// method, R 111 weights, price rounding with exact ties, scale parameter validation.
#define BOOST_TEST_MODULE weighing_maths
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "harness/procedures/oiml_r76/r76_data.h"
#include "harness/reference/standard_weights.h"
#include "models/core/errors.h"
#include "models/scale/scale_firmware.h"
#include "models/scale/scale_params.h"

using namespace hilbench;
using namespace hilbench::procedures::oiml_r76;

BOOST_AUTO_TEST_CASE(mpe_staircase_is_inclusive_at_the_boundaries) {
    const r76_data& d = *find("oiml-r76-1:2006");
    // class III: 0.5 e up to and including 500 e, 1 e up to and including 2000 e, then 1.5 e
    BOOST_TEST(mpe_e(d, "III", 0, false) == 0.5);
    BOOST_TEST(mpe_e(d, "III", 500, false) == 0.5);
    BOOST_TEST(mpe_e(d, "III", 500.1, false) == 1.0);
    BOOST_TEST(mpe_e(d, "III", 2000, false) == 1.0);
    BOOST_TEST(mpe_e(d, "III", 2000.1, false) == 1.5);
    BOOST_TEST(mpe_e(d, "III", 3000, false) == 1.5);
    // class II and IIII change points
    BOOST_TEST(mpe_e(d, "II", 5000, false) == 0.5);
    BOOST_TEST(mpe_e(d, "II", 5000.1, false) == 1.0);
    BOOST_TEST(mpe_e(d, "II", 20000.1, false) == 1.5);
    BOOST_TEST(mpe_e(d, "IIII", 50, false) == 0.5);
    BOOST_TEST(mpe_e(d, "IIII", 200, false) == 1.0);
    BOOST_TEST(mpe_e(d, "IIII", 201, false) == 1.5);
    // in service: twice the initial MPE
    BOOST_TEST(mpe_e(d, "III", 500, true) == 1.0);
    BOOST_TEST(mpe_e(d, "III", 2001, true) == 3.0);
    // negative loads (net after tare) use the magnitude
    BOOST_TEST(mpe_e(d, "III", -600, false) == 1.0);
    // JJG 539 carries the same table
    BOOST_TEST(mpe_e(*find("jjg-539-2016"), "III", 2000.1, false) == 1.5);
}

BOOST_AUTO_TEST_CASE(changeover_method_removes_the_rounding_error) {
    // R 76-1 A.4.4.3 worked example style: e = 5 g, L = 1000 g, I = 1000 g, the indication
    // steps to 1005 g after 3.0 g of small weights: P = 1000 + 2.5 - 3.0 = 999.5, E = -0.5 g
    BOOST_TEST(changeover_indication(1000, 5, 3.0) == 999.5);
    BOOST_TEST(changeover_error(1000, 5, 3.0, 1000) == -0.5);
    // an instrument exactly right: changeover after half an interval gives E = 0
    BOOST_TEST(changeover_error(2000, 5, 2.5, 2000) == 0.0);
    // reading high: the step comes after the first 0.5 g
    BOOST_TEST(changeover_error(2005, 5, 0.5, 2000) == 7.0);
}

BOOST_AUTO_TEST_CASE(price_rounding_rules_and_exact_ties) {
    using scale::price_intervals;
    using scale::rounding;
    // 2.5 kg at 0.03 per kg = 0.075: a tie at the half cent
    BOOST_TEST(price_intervals(2500, 0.03, 0.01, rounding::half_up) == 8);
    BOOST_TEST(price_intervals(2500, 0.03, 0.01, rounding::half_even) == 8);   // 7 is odd: up to 8
    BOOST_TEST(price_intervals(2500, 0.03, 0.01, rounding::down) == 7);
    BOOST_TEST(price_intervals(2500, 0.03, 0.01, rounding::up) == 8);
    // 1.5 kg at 12.35 = 18.525: half-even goes to 18.52, half-up to 18.53
    BOOST_TEST(price_intervals(1500, 12.35, 0.01, rounding::half_up) == 1853);
    BOOST_TEST(price_intervals(1500, 12.35, 0.01, rounding::half_even) == 1852);
    // not a tie: 0.1 kg at 99.99 = 9.999 -> 10.00 for nearest, 9.99 down
    BOOST_TEST(price_intervals(100, 99.99, 0.01, rounding::half_up) == 1000);
    BOOST_TEST(price_intervals(100, 99.99, 0.01, rounding::down) == 999);
    // an exact price is not moved by any rule
    BOOST_TEST(price_intervals(7500, 8.88, 0.01, rounding::up) == 6660);
    // a 0.1 price interval (jiao): 1.234 kg at 5.00 = 6.17 -> 6.2
    BOOST_TEST(price_intervals(1234, 5.00, 0.1, rounding::half_up) == 62);
    // the largest case on a 15 kg scale does not overflow
    BOOST_TEST(price_intervals(15000, 9999.99, 0.01, rounding::half_up) == 14999985);
}

BOOST_AUTO_TEST_CASE(standard_weights_compose_and_carry_their_class_uncertainty) {
    reference::standard_weights w("M1", 42);
    const auto pieces = w.compose(7500);
    double nominal = 0;
    for (const auto& p : pieces) nominal += p.nominal_g;
    BOOST_TEST(nominal == 7500.0);
    BOOST_TEST(pieces.size() == 3u);  // 5 kg + 2 kg + 500 g
    BOOST_TEST(reference::standard_weights::mpe_g("M1", 1000) == 0.05);
    BOOST_TEST(reference::standard_weights::mpe_g("F2", 1000) == 0.016, boost::test_tools::tolerance(1e-12));
    // R 111 per nominal value, not a class factor: F2 is 0.32 x M1 at 1 kg but 0.30 x M1 at 2 kg
    BOOST_TEST(reference::standard_weights::mpe_g("F2", 2000) == 0.030, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(reference::standard_weights::mpe_g("M2", 2000) == 0.300, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(reference::standard_weights::mpe_g("M2", 1000) == 0.160, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(reference::standard_weights::mpe_g("M3", 1000) == 0.500, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(reference::standard_weights::mpe_g("F1", 0.5) == 0.00008, boost::test_tools::tolerance(1e-12));  // a changeover weight
    BOOST_TEST(reference::standard_weights::mpe_g("F1", 0.01) == 0.000025, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(reference::standard_weights::mpe_g("M3", 0.5) == 10 * 0.0008, boost::test_tools::tolerance(1e-12));  // no M3 below 1 g: [M]
    BOOST_TEST(reference::standard_weights::mpe_confidence("M1") == "[S]");
    BOOST_TEST(reference::standard_weights::mpe_confidence("F2") == "[M]");
    // every piece's actual mass lies within its MPE, and the same piece is the same weight
    for (const auto& p : pieces) BOOST_TEST(std::fabs(p.actual_g - p.nominal_g) <= p.mpe_g);
    BOOST_TEST(w.compose(7500)[0].actual_g == pieces[0].actual_g);
    BOOST_TEST(reference::standard_weights("M1", 43).compose(7500)[0].actual_g != pieces[0].actual_g);
    // u = sqrt(sum MPE^2 / 3): 5 kg 250 mg, 2 kg 100 mg, 500 g 25 mg
    BOOST_TEST(reference::standard_weights::standard_uncertainty_g(pieces) ==
                   std::sqrt((0.25 * 0.25 + 0.1 * 0.1 + 0.025 * 0.025) / 3.0),
               boost::test_tools::tolerance(1e-12));
    BOOST_CHECK_THROW(w.compose(200000), std::logic_error);
}

BOOST_AUTO_TEST_CASE(scale_parameters_are_validated_with_pointers) {
    BOOST_CHECK_NO_THROW(scale::scale_param_table().make());
    // the table's rules name the parameter (the loader puts /device/params in front)
    auto pointer_of = [&](param_values over) {
        try {
            scale::scale_param_table().make(over);
        } catch (const param_error& e) {
            return e.pointer();
        }
        return std::string("no error");
    };
    BOOST_TEST(pointer_of({{"e_g", 3.0}}) == "/e_g");          // not 1, 2, 5 x 10^k
    BOOST_TEST(pointer_of({{"max_g", 15002.0}}) == "/max_g");  // not a whole number of e
    BOOST_TEST(pointer_of({{"max_g", 100000.0}, {"cell_capacity_g", 1e6}}) == "/max_g");  // n = 20000 > 10000
    BOOST_TEST(pointer_of({{"cell_capacity_g", 15000.0}}) == "/cell_capacity_g");
    BOOST_TEST(pointer_of({{"max1_g", 6000.0}, {"e1_g", 5.0}}) == "/max1_g");  // e1 must be below e
    BOOST_TEST(pointer_of({{"max1_g", 6000.0}, {"e1_g", 2.0}}) == "no error");
    BOOST_TEST(pointer_of({{"max_gg", 1.0}}) == "/max_gg");     // not a parameter
    BOOST_TEST(pointer_of({{"max_g", 1e9}}) == "/max_g");       // beyond the declared range
}
