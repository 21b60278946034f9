// The SystemC AC charging post: one CTest entry per case (one elaboration per process). A
// vehicle on the outlet answers the pilot; the world's line carries its current.
#define BOOST_TEST_MODULE charger_sc
#include <boost/test/unit_test.hpp>

#include <systemc>

#include <cmath>

#include "harness/stimulus/ac_source.h"
#include "models/charger/ac_post.h"
#include "models/charger/dc_charger.h"
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
    cp_state vehicle_state(double) override { return plugged ? cp_state::C : cp_state::A; }
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
        : p(params), source(idle(params), {{0, 23.0}}), ev(source),
          post("post", p, fidelity::sample, {&source}, ev, 5, nullptr, start_h) {
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

namespace {

// a battery behind the DC connector: a constant 400 V pack that asks for 150 A
struct battery_outlet : dc_outlet {
    double demand_a = 150, pack_v = 400;
    double energy_kwh = 0, last_t = 0, amps = 0;
    int handshakes = 0;
    bool vehicle_ready(double) const override { return true; }
    double demand_current_a(double) const override { return demand_a; }
    double demand_voltage_v(double) const override { return pack_v + 5; }
    double deliver(double t, double a) override {
        energy_kwh += amps * pack_v * (t - last_t) / 3.6e6;  // at the vehicle inlet
        last_t = t;
        amps = a;
        return pack_v;
    }
    void handshake(double, double, double) override { ++handshakes; }
    void stopped(double, const std::string&, double) override {}
};

}  // namespace

// A 20-minute DC session at 150 A into a 400 V pack through a 4 mOhm cable: the meter at the
// charger's output sees the cable's loss as well, the firmware's compensation takes I^2 R t
// with the registered 4 mOhm off, so the bill matches the energy at the vehicle inlet; the
// records carry LC and CL. The same charger set to cable id 1 (2 mOhm) bills half the loss
// to the customer: +0.075 % here, far within class 1.
BOOST_AUTO_TEST_CASE(dc_session_compensates_the_cable) {
    sc_core::sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", sc_core::SC_DO_NOTHING);
    dc_charger_params right, wrong;
    wrong.cable_id = 1;  // 2 mOhm registered for the 4 mOhm cable
    battery_outlet ev_right, ev_wrong;
    dc_charger c_right("dc_right", right, fidelity::sample, ev_right, 9, nullptr, 10.0);
    dc_charger c_wrong("dc_wrong", wrong, fidelity::sample, ev_wrong, 9, nullptr, 10.0);
    sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_SEC));
    c_right.start_session("04A1B2C3");
    c_wrong.start_session("04A1B2C3");
    sc_core::sc_start(sc_core::sc_time(1200, sc_core::SC_SEC));
    c_right.stop_session();
    c_wrong.stop_session();
    sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_SEC));
    BOOST_TEST(ev_right.handshakes == 1);
    const double delivered = ev_right.energy_kwh;
    const double at_meter = delivered + c_right.true_cable_loss_kwh();
    const double billed = c_right.receipts().at(0).energy_kwh;
    const std::vector<std::string>& recs = c_right.receipts().at(0).records;
    BOOST_TEST(delivered == 400 * 150 * 1200 / 3.6e6, boost::test_tools::tolerance(0.002));
    BOOST_TEST((at_meter - delivered) / delivered * 100 == 150 * 0.004 / 400 * 100, boost::test_tools::tolerance(0.01));
    BOOST_TEST(std::fabs(billed / delivered - 1) < 0.002, billed << " kWh billed, " << delivered << " delivered");
    BOOST_TEST(recs.front().find("\"LC\":{\"LN\":\"cable 2\",\"LI\":2,\"LR\":4.000,\"LU\":\"mOhm\"}") != std::string::npos);
    BOOST_TEST(recs.back().find("\"RT\":\"DC\"") != std::string::npos);
    ocmf::transaction_options o;
    o.reference_kwh = delivered;
    o.registered_lr = 4.0;
    const auto v = ocmf::check_transaction(recs, c_right.nameplate().registered_public_key, o);
    for (const auto& c : v.checks) BOOST_TEST(c.pass, c.name << ": " << c.detail);
    // the wrong cable id: half the loss is billed; the working error is +0.075 %, the record's LR
    // is not the registered cable's
    const double billed_wrong = c_wrong.receipts().at(0).energy_kwh;
    BOOST_TEST((billed_wrong - billed) / delivered * 100 == 150 * 0.002 / 400 * 100, boost::test_tools::tolerance(0.05));
    const auto w = ocmf::check_transaction(c_wrong.receipts().at(0).records, c_wrong.nameplate().registered_public_key, o);
    BOOST_TEST(!w.pass);
    for (const auto& c : w.checks)
        BOOST_TEST(c.pass == (c.name != "cable loss compensation matches the registered cable"), c.name << ": " << c.detail);
}
