// The charts the residual detectors run, against the run lengths their design promises: each
// chart is run on simulated N(mu, 1) streams and its mean run length compared with the ARL
// computed from the integral equation (itself checked against R's spc in tests/detect/).
#define BOOST_TEST_MODULE detect_charts
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "harness/detect/charts.h"
#include "models/core/rng.h"

using namespace hilbench;
using namespace hilbench::detect;

namespace {

// Mean and standard error of the run length of `runs` independent runs of a fresh chart.
template <class Chart>
std::pair<double, double> simulated_arl(Chart proto, double mu, int runs, uint64_t seed) {
    rng r(seed);
    double sum = 0, sum2 = 0;
    for (int k = 0; k < runs; ++k) {
        Chart c = proto;
        c.reset();
        double n = 0;
        do ++n;
        while (!c.update(mu + r.normal()) && n < 1e7);
        sum += n;
        sum2 += n * n;
    }
    const double mean = sum / runs, var = sum2 / runs - mean * mean;
    return {mean, std::sqrt(var / runs)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(textbook_cusum_arls) {
    // Montgomery's table for k = 0.5: h = 4 gives 168 in control and 8.38 at one sigma; h = 5 gives 465 and 10.4
    BOOST_TEST(cusum_arl_two_sided({0.5, 4}, 0) == 168.0, boost::test_tools::tolerance(0.005));
    BOOST_TEST(cusum_arl_two_sided({0.5, 4}, 1) == 8.38, boost::test_tools::tolerance(0.005));
    BOOST_TEST(cusum_arl_two_sided({0.5, 5}, 0) == 465.0, boost::test_tools::tolerance(0.005));
    BOOST_TEST(cusum_arl_two_sided({0.5, 5}, 1) == 10.4, boost::test_tools::tolerance(0.005));
    // the chart is symmetric, and faster the larger the shift
    BOOST_TEST(cusum_arl_two_sided({0.5, 4}, -1) == cusum_arl_two_sided({0.5, 4}, 1), boost::test_tools::tolerance(1e-9));
    BOOST_TEST(cusum_arl_two_sided({0.5, 4}, 2) < cusum_arl_two_sided({0.5, 4}, 1));
}

BOOST_AUTO_TEST_CASE(cusum_chart_runs_as_long_as_designed) {
    for (double mu : {0.0, 1.0, 2.0}) {
        const cusum_design d{0.5, 4};
        const auto [mean, se] = simulated_arl(cusum(d), mu, 6000, 17 + uint64_t(mu * 10));
        const double arl = cusum_arl_two_sided(d, mu);
        BOOST_TEST_MESSAGE("CUSUM shift " << mu << ": simulated " << mean << " +/- " << se << ", designed " << arl);
        BOOST_TEST(std::fabs(mean - arl) < 4 * se + 0.01 * arl);
    }
}

BOOST_AUTO_TEST_CASE(ewma_chart_runs_as_long_as_designed) {
    for (double mu : {0.0, 0.5, 1.0}) {
        const ewma_design d{0.1, 2.7};
        const auto [mean, se] = simulated_arl(ewma(d), mu, 6000, 29 + uint64_t(mu * 10));
        const double arl = ewma_arl_two_sided(d, mu);
        BOOST_TEST_MESSAGE("EWMA shift " << mu << ": simulated " << mean << " +/- " << se << ", designed " << arl);
        BOOST_TEST(std::fabs(mean - arl) < 4 * se + 0.01 * arl);
    }
}

BOOST_AUTO_TEST_CASE(design_for_an_in_control_arl) {
    const double h = cusum_h_for_arl0(0.5, 370);
    BOOST_TEST(cusum_arl_two_sided({0.5, h}, 0) == 370.0, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(h > 4.0);
    BOOST_TEST(h < 5.0);
    const double L = ewma_L_for_arl0(0.2, 500);
    BOOST_TEST(ewma_arl_two_sided({0.2, L}, 0) == 500.0, boost::test_tools::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(sprt_error_rates_hold) {
    // Wald's bounds: deciding H1 under H0 at most about alpha, H0 under H1 at most about beta
    const sprt_design d{1.0, 0.05, 0.05};
    for (double mu : {0.0, 1.0}) {
        rng r(41 + uint64_t(mu) * 1000);
        int h1 = 0, decided = 0;
        for (int k = 0; k < 4000; ++k) {
            sprt s(d);
            sprt::decision dec = sprt::decision::none;
            for (int n = 0; n < 10000 && dec == sprt::decision::none; ++n) dec = s.update(mu + r.normal());
            decided += dec != sprt::decision::none;
            h1 += dec == sprt::decision::h1;
        }
        BOOST_TEST(decided == 4000);
        const double wrong = mu == 0 ? h1 / 4000.0 : 1 - h1 / 4000.0;
        BOOST_TEST_MESSAGE("SPRT mu " << mu << ": wrong decisions " << wrong);
        BOOST_TEST(wrong < 0.05 + 3 * std::sqrt(0.05 * 0.95 / 4000));
        BOOST_TEST(wrong > 0.005);  // the test is not degenerate: it does err sometimes
    }
}
