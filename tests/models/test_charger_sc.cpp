// The SystemC AC charging post: one CTest entry per case (one elaboration per process). A
// vehicle on the outlet answers the pilot; the world's line carries its current.
#define BOOST_TEST_MODULE charger_sc
#include <boost/test/unit_test.hpp>

#include <systemc>

#include <cmath>

#include "harness/stimulus/ac_source.h"
#include "models/charger/ac_post.h"
#include "models/charger/ocmf.h"

using namespace hilbench;
using namespace hilbench::charger;

namespace {

// a vehicle that asks for charge (state C) once plugged and draws what the pilot offers, up to
// its on-board charger's maximum, at PF 0.99 once the contactor closes
struct vehicle_outlet : ac_outlet {
    stimulus::ac_source& line;
    double obc_max_a = 16;
    bool plugged = true;
    std::vector<std::pair<double, double>> offers;  // (t, offered A)
    explicit vehicle_outlet(stimulus::ac_source& l) : line(l) {}
    cp_state vehicle_state(double) const override { return plugged ? cp_state::C : cp_state::A; }
    void supply(double t, double offered_a, bool closed) override {
        offers.emplace_back(t, offered_a);
        ac_line_state s = line.state();
        s.current_a = closed ? std::min(offered_a, obc_max_a) : 0.0;
        s.phase_deg = std::acos(0.99) * 180 / 3.14159265358979;
        line.set(s, t);
    }
};

struct bench {
    ac_post_params p;
    stimulus::ac_source source;
    vehicle_outlet ev;
    ac_post post;
    explicit bench(const ac_post_params& params, double start_h)
        : p(params), source(idle(params), {{0, 23.0}}), ev(source), post("post", p, fidelity::sample, source, ev, 5,
                                                                           nullptr, start_h) {
        sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING, sc_core::SC_THROW);
        sc_core::sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", sc_core::SC_DO_NOTHING);
    }
    static ac_line_state idle(const ac_post_params& p) {
        ac_line_state s;
        s.voltage_v = p.rated_voltage_v;
        s.freq_hz = p.freq_hz;
        return s;
    }
    void run_s(double t) { sc_core::sc_start(sc_core::sc_time(t, sc_core::SC_SEC)); }
};

}  // namespace

// A 30-minute session at 16 A across the 10:00 tariff change: the pilot offers the cable's
// 32 A, the contactor closes after its delay, the meter registers the line's energy within its
// class, the bill splits at 10:00 by the post's clock, and the records pass the transparency
// check with the display's energy.
BOOST_AUTO_TEST_CASE(ac_session_meters_bills_and_signs) {
    ac_post_params p;
    bench b(p, 9.75);  // 09:45
    b.run_s(1);
    b.post.start_session("04A1B2C3");
    b.run_s(1800);
    const double shown = b.post.display().energy_kwh;
    b.post.stop_session();
    b.run_s(1);
    BOOST_REQUIRE(!b.ev.offers.empty());
    BOOST_TEST(b.ev.offers.back().second == 0.0);  // the offer is withdrawn at the end
    bool offered_32 = false;
    for (const auto& o : b.ev.offers) offered_32 |= o.second == 32.0;
    BOOST_TEST(offered_32);
    // the truth: 220 V x 16 A x 0.99 for the time the contactor was closed
    const double true_kwh = b.source.energy_j(0, 1802) / 3.6e6;
    BOOST_TEST(true_kwh == 220 * 16 * 0.99 * (1800 - 0.1) / 3.6e6, boost::test_tools::tolerance(0.002));
    const receipt& r = b.post.receipts().at(0);
    BOOST_TEST(std::fabs(r.energy_kwh / true_kwh - 1) < 0.01, r.energy_kwh << " kWh billed, " << true_kwh << " true");
    BOOST_TEST(r.kwh_per_period.at(1) > 0.0);  // 09:45-10:00 flat
    BOOST_TEST(r.kwh_per_period.at(2) > 0.0);  // 10:00-10:15 peak
    BOOST_TEST(r.kwh_per_period.at(2) / r.kwh_per_period.at(1) == 1.0, boost::test_tools::tolerance(0.02));
    BOOST_TEST(std::fabs(shown - r.energy_kwh) <= 0.002);
    // the test output: pulses at the post's constant
    BOOST_TEST(std::fabs(double(b.post.pulse_count()) - true_kwh * p.meter_constant_imp_per_kwh) <= 3.0);
    ocmf::transaction_options o;
    o.display_kwh = r.end_kwh;
    o.reference_kwh = true_kwh;
    const auto v = ocmf::check_transaction(r.records, b.post.nameplate().registered_public_key, o);
    for (const auto& c : v.checks) BOOST_TEST(c.pass, c.name << ": " << c.detail);
    BOOST_TEST(r.records.size() == 4u);  // B, T at 10:00 (also a quarter hour), C at 10:15, E
}
