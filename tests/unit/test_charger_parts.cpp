// The charger's pure parts against figures stated by their standards or computed by other
// implementations: IEC 61851-1 Annex A duty cycles and the proximity bands, the tariff table
// rules of GB/T 29318, billing to the minimum payment variable, and the clock's calendar
// (day numbers from Python's datetime).
#define BOOST_TEST_MODULE charger_parts
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <ostream>

#include "models/charger/control_pilot.h"
#include "models/charger/device_clock.h"
#include "models/charger/ev_model.h"
#include "models/charger/session_controller.h"
#include "models/charger/tariff.h"

using namespace hilbench::charger;
namespace tt = boost::test_tools;

namespace hilbench::charger {
std::ostream& operator<<(std::ostream& os, cp_state s) { return os << name_of(s); }
}  // namespace hilbench::charger

BOOST_AUTO_TEST_CASE(control_pilot_states_and_duty_cycles) {
    BOOST_TEST(state_of_cp_voltage(12.0) == cp_state::A);
    BOOST_TEST(state_of_cp_voltage(9.3) == cp_state::B);
    BOOST_TEST(state_of_cp_voltage(5.6) == cp_state::C);
    BOOST_TEST(state_of_cp_voltage(3.0) == cp_state::D);
    BOOST_TEST(state_of_cp_voltage(0.4) == cp_state::E);
    BOOST_TEST(state_of_cp_voltage(-12.0) == cp_state::F);
    for (cp_state s : {cp_state::A, cp_state::B, cp_state::C, cp_state::D, cp_state::E, cp_state::F})
        BOOST_TEST(state_of_cp_voltage(cp_voltage(s)) == s);
    BOOST_TEST(!may_energise(cp_state::B));
    BOOST_TEST(may_energise(cp_state::C));
    // Annex A: 10 % is 6 A, 16 A is 26.7 %, 32 A is 53.3 %, 51 A is 85 %, 63 A is 89.2 %, 80 A is 96 %
    BOOST_TEST(*duty_for_current(6) == 10.0, tt::tolerance(1e-9));
    BOOST_TEST(*duty_for_current(16) == 26.6666666667, tt::tolerance(1e-9));
    BOOST_TEST(*duty_for_current(32) == 53.3333333333, tt::tolerance(1e-9));
    BOOST_TEST(*duty_for_current(51) == 85.0, tt::tolerance(1e-9));
    BOOST_TEST(*duty_for_current(63) == 89.2, tt::tolerance(1e-9));
    BOOST_TEST(*duty_for_current(80) == 96.0, tt::tolerance(1e-9));
    BOOST_TEST(!duty_for_current(5.9));
    BOOST_TEST(!duty_for_current(81));
    // the vehicle's reading of the EVSE's duty, and the round trip over the whole range
    BOOST_TEST(*current_for_duty(5) == 0.0);  // digital communication
    BOOST_TEST(!current_for_duty(2));
    BOOST_TEST(!current_for_duty(7.5));
    BOOST_TEST(*current_for_duty(9) == 6.0);
    BOOST_TEST(!current_for_duty(98));
    // The two branches of Annex A do not meet: an EVSE offering 51 to 52.5 A sets 84.4 to 85 %,
    // which the vehicle reads with the lower branch as at most 51 A (the safe side). Elsewhere
    // the vehicle reads back what the EVSE offered.
    for (double a = 6; a <= 80; a += 0.5) {
        const double back = *current_for_duty(*duty_for_current(a));
        if (a > 51 && a <= 52.5) {
            BOOST_TEST(back == *duty_for_current(a) * 0.6, tt::tolerance(1e-9));
            BOOST_TEST(back <= 51.0 + 1e-9);
        } else {
            BOOST_TEST(back == a, tt::tolerance(1e-9));
        }
    }
    // proximity: the four nominal resistors and what lies between the bands
    BOOST_TEST(*cable_capacity_a(1500) == 13.0);
    BOOST_TEST(*cable_capacity_a(680) == 20.0);
    BOOST_TEST(*cable_capacity_a(220) == 32.0);
    BOOST_TEST(*cable_capacity_a(100) == 63.0);
    BOOST_TEST(!cable_capacity_a(1000));
    BOOST_TEST(!cable_capacity_a(20));
}

BOOST_AUTO_TEST_CASE(tariff_tables_are_checked_and_looked_up) {
    const std::vector<tariff_period> day = {
        {0, 8, 0.30, "valley"}, {8, 10, 0.70, "flat"}, {10, 12, 1.10, "peak"}, {12, 18, 0.70, "flat"},
        {18, 22, 1.10, "peak"}, {22, 24, 0.30, "valley"}};
    BOOST_TEST(check_tariff(day).ok(), check_tariff(day).message);
    BOOST_TEST(period_at(day, 9.99) == 1);
    BOOST_TEST(period_at(day, 10.0) == 2);
    BOOST_TEST(period_at(day, 23.5) == 5);
    BOOST_TEST(period_at(day, 24.25) == 0);  // past midnight
    BOOST_TEST(hours_to_next_boundary(day, 9.5) == 0.5, tt::tolerance(1e-12));
    BOOST_TEST(hours_to_next_boundary(day, 10.0) == 2.0, tt::tolerance(1e-12));
    // wrapping past midnight is one period
    const std::vector<tariff_period> wrap = {{22, 6, 0.3, "night"}, {6, 22, 0.9, "day"}};
    BOOST_TEST(check_tariff(wrap).ok());
    BOOST_TEST(period_at(wrap, 2.0) == 0);
    BOOST_TEST(hours_to_next_boundary(wrap, 23.0) == 7.0, tt::tolerance(1e-12));
    // bad tables name the period and the field
    auto overlap = day;
    overlap[2].from_h = 9.5;
    auto p = check_tariff(overlap);
    BOOST_TEST(p.period == 2);
    BOOST_TEST(p.field == "from_h");
    BOOST_TEST(p.message.find("overlaps period 1 at 09:30") != std::string::npos, p.message);
    auto gap = day;
    gap.pop_back();
    p = check_tariff(gap);
    BOOST_TEST(p.period == -1);
    BOOST_TEST(p.message.find("22:00 is in none") != std::string::npos, p.message);
    auto short_one = day;
    short_one[1].to_h = 8.1;
    short_one[2].from_h = 8.1;
    p = check_tariff(short_one);
    BOOST_TEST(p.period == 1);
    BOOST_TEST(p.message.find("at least 15 minutes, got 6") != std::string::npos, p.message);
    auto odd = day;
    odd[1].to_h = 10.001;
    BOOST_TEST(check_tariff(odd).field == "to_h");
}

BOOST_AUTO_TEST_CASE(session_amounts_round_half_up_to_the_minimum_payment) {
    const std::vector<tariff_period> two = {{0, 12, 0.3, "a"}, {12, 24, 1.1, "b"}};
    // 10.005 kWh at 0.3 + 0.4 fee = 7.0035 -> 7.00; 2.5 kWh at 1.5 = 3.75 -> total 10.7535 -> 10.75
    BOOST_TEST(session_amount({10.005, 2.5}, two, 0.4, 0.01) == 10.75);
    // a tie: 0.125 kWh at 0.7 = 0.0875 -> 0.09 (half up), not 0.08
    BOOST_TEST(session_amount({0.125, 0}, two, 0.4, 0.01) == 0.09);
    // exact decimal arithmetic where doubles are not: 0.7 x 1.5 = 1.05 exactly
    BOOST_TEST(session_amount({1.5, 0}, two, 0.4, 0.1) == 1.1);
    BOOST_TEST(session_amount({0, 0}, two, 0.4, 0.01) == 0.0);
    // a payment variable of 0.1 CNY
    BOOST_TEST(session_amount({3.333, 0}, two, 0.4, 0.1) == 2.3);
}

BOOST_AUTO_TEST_CASE(clock_calendar_drift_sync_and_ocmf_time) {
    // day numbers from Python's datetime: (date - 1970-01-01).days
    const std::pair<const char*, long> dates[] = {{"2026-11-30", 20787}, {"2028-02-29", 21243}, {"2000-03-01", 11017},
                                                   {"1969-12-31", -1},    {"2100-03-01", 47541}, {"1900-02-28", -25509}};
    for (const auto& [s, n] : dates) {
        long d = 0;
        BOOST_TEST(days_of_date(s, d), s);
        BOOST_TEST(d == n, s);
        BOOST_TEST(date_of_days(n) == s);
    }
    long d = 0;
    BOOST_TEST(!days_of_date("2026-02-29", d));
    BOOST_TEST(!days_of_date("2026-13-01", d));
    BOOST_TEST(!days_of_date("2026-1-01", d));
    // a clock 50 ppm fast, 2 s ahead, synchronised: after a day it is 2 + 4.32 s ahead
    device_clock c("2026-11-30", 23.5, 50, 2.0, true);
    BOOST_TEST(c.sync_state() == 'S');
    BOOST_TEST(c.error_s(86400) == 2.0 + 4.32, tt::tolerance(1e-9));
    BOOST_TEST(c.ocmf_time(0) == "2026-11-30T23:30:02,000+0000 S");
    BOOST_TEST(c.display_time(1800) == "2026-12-01 00:00:02");  // past midnight: the next day
    c.synchronise(3600);
    BOOST_TEST(c.error_s(3600) == 0.0, tt::tolerance(1e-12));
    BOOST_TEST(c.error_s(3600 + 20000) == 1.0, tt::tolerance(1e-9));
    c.set(7200, c.true_s(7200) - 300);  // set by hand five minutes slow
    BOOST_TEST(c.sync_state() == 'I');
    BOOST_TEST(c.ocmf_time(7200).substr(11) == "01:25:00,000+0000 I");
    BOOST_TEST(c.time_of_day_h(7200) == 1.0 + 25.0 / 60, tt::tolerance(1e-9));
}

// The vehicle: constant current until the pack's terminal voltage reaches the charge voltage,
// then that voltage held while the current falls; the energy into the pack raises the SOC by
// energy / capacity; the BMS stops at the target SOC.
BOOST_AUTO_TEST_CASE(ev_charges_cc_then_cv_and_stops_at_its_target) {
    ev_params p;
    p.capacity_kwh = 10;
    p.soc_start_pct = 50;
    p.soc_target_pct = 99;
    ev_model ev(p);
    BOOST_TEST(!ev.cv_phase());
    BOOST_TEST(ev.demand_current_a() == p.max_current_a);
    // 1 kWh into the pack (energy at the terminals less the I^2 R loss) is 10 % of 10 kWh
    const double i = 50, v0 = ev.ocv_v();
    double into_pack_wh = 0;
    for (int k = 0; k < 3600 && ev.soc_pct() < 60; ++k) {
        into_pack_wh += i * ev.ocv_v() / 3600;
        ev.charge(i, 1.0);
    }
    BOOST_TEST(ev.soc_pct() >= 60.0);
    BOOST_TEST(into_pack_wh == 1000.0, tt::tolerance(0.01));
    BOOST_TEST(ev.ocv_v() > v0);
    // the CV phase: the demand holds the terminal voltage at the charge voltage
    while (!ev.cv_phase() && !ev.finished()) ev.charge(ev.demand_current_a(), 10);
    BOOST_TEST(ev.cv_phase());
    BOOST_TEST(ev.terminal_v(ev.demand_current_a()) == p.charge_voltage_v, tt::tolerance(1e-9));
    double last = ev.demand_current_a();
    for (int k = 0; k < 50 && !ev.finished(); ++k) {
        ev.charge(ev.demand_current_a(), 30);
        if (!ev.finished()) BOOST_TEST(ev.demand_current_a() <= last + 1e-9);
        last = ev.demand_current_a();
    }
    // AC: the pilot's limit, the OBC's limit, the taper
    ev_model ac(ev_params{});
    BOOST_TEST(ac.ac_line_current_a(16, 230) == 16.0);
    BOOST_TEST(ac.ac_line_current_a(63, 230) == 32.0);  // the on-board charger's maximum
    ev.log_handshake(0, 750, 250);
    BOOST_TEST(ev.messages().size() == 8u);
    BOOST_TEST(ev.messages()[3].code == "BRM");
}

namespace {
const std::string key_hex = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
billing_config two_rate_billing() {
    billing_config b;
    b.tariff = {{0, 10, 0.70, "flat"}, {10, 24, 1.10, "peak"}};
    b.service_fee_cny_per_kwh = 0.40;
    return b;
}
}  // namespace

// A session from 09:50 to 10:40 (device clock) at 11 kW: B, then at 10:00 the tariff change
// (T, which is also a quarter hour), C at 10:15 and 10:30, E at 10:40; the bill splits the
// energy at 10:00; the records pass the transparency check and carry one pagination.
BOOST_AUTO_TEST_CASE(session_records_tariff_split_and_bill) {
    device_clock clock("2026-11-30", 9.0 + 50.0 / 60, 0, 0, true);
    session_controller sc(charger_identity{}, two_rate_billing(), clock, ocmf::signing_key(key_hex));
    auto reg = [](double t) { return std::round((100 + 11.0 * t / 3600) * 1e4) / 1e4; };  // 0.1 Wh register
    sc.start(0, reg(0), "04A1B2C3");
    std::vector<double> wakeups;
    double t = 0;
    for (;;) {
        const double w = sc.next_wakeup(t);
        if (w > 3000) break;
        wakeups.push_back(w);
        sc.advance(w, reg(w));
        t = w;
    }
    BOOST_TEST(wakeups.size() == 3u);
    BOOST_TEST(wakeups[0] == 600.0, tt::tolerance(1e-6));
    BOOST_TEST(wakeups[1] == 1500.0, tt::tolerance(1e-6));
    BOOST_TEST(wakeups[2] == 2400.0, tt::tolerance(1e-6));
    sc.stop(3000, reg(3000));
    BOOST_TEST(!sc.charging());
    const receipt& r = sc.receipts().at(0);
    BOOST_TEST(r.records.size() == 5u);
    const char* tx[] = {"\"TX\":\"B\"", "\"TX\":\"T\"", "\"TX\":\"C\"", "\"TX\":\"C\"", "\"TX\":\"E\""};
    for (std::size_t k = 0; k < 5; ++k) {
        BOOST_TEST(r.records[k].find(tx[k]) != std::string::npos, r.records[k]);
        BOOST_TEST(r.records[k].find("\"PG\":\"T" + std::to_string(k + 1) + "\"") != std::string::npos);
    }
    BOOST_TEST(r.records[1].find("2026-11-30T10:00:00,000+0000 S") != std::string::npos);
    // energies: 10 min and 40 min at 11 kW; the amount from the standard's formula
    BOOST_TEST(r.kwh_per_period[0] == 11.0 / 6, tt::tolerance(1e-4));
    BOOST_TEST(r.kwh_per_period[1] == 11.0 * 4 / 6, tt::tolerance(1e-4));
    const double expect = std::round(((r.kwh_per_period[0]) * 1.10 + (r.kwh_per_period[1]) * 1.50) * 100) / 100;
    BOOST_TEST(r.amount_cny == expect, tt::tolerance(1e-9));
    BOOST_TEST(std::fabs(r.amount_cny - (11.0 / 6 * 1.10 + 11.0 * 4 / 6 * 1.50)) <= 0.005 + 1e-6);
    ocmf::transaction_options o;
    o.display_kwh = reg(3000);
    const auto v = ocmf::check_transaction(r.records, sc.public_key_hex(), o);
    for (const auto& c : v.checks) BOOST_TEST(c.pass, c.name << ": " << c.detail);
    BOOST_TEST(sc.display(3000, reg(3000)).energy_kwh == 9.166);  // 11 kW x 50 min, truncated to 1 Wh
    // a second session continues the pagination
    sc.start(4000, reg(4000), "04A1B2C3");
    BOOST_TEST(sc.records().back().find("\"PG\":\"T6\"") != std::string::npos);
    BOOST_TEST(!sc.set_tariff(4100, two_rate_billing().tariff, "backend"));  // not during a session
}

// A clock 100 ppm fast and 30 s ahead moves the tariff change earlier in true time, by the
// clock's error at that moment.
BOOST_AUTO_TEST_CASE(the_tariff_follows_the_device_clock) {
    device_clock clock("2026-11-30", 9.5, 100, 30, false);
    session_controller sc(charger_identity{}, two_rate_billing(), clock, ocmf::signing_key(key_hex));
    sc.start(0, 0, "");
    BOOST_TEST(sc.records().back().find("+0000 U") != std::string::npos);
    BOOST_TEST(sc.records().back().find("\"EF\":\"t\"") != std::string::npos);  // time unusable
    double t = 0, change = -1;
    while (change < 0) {
        t = sc.next_wakeup(t);
        sc.advance(t, t / 1000);
        if (sc.records().back().find("\"TX\":\"T\"") != std::string::npos) change = t;
    }
    // device 10:00:00 when true time is 10:00:00 - error
    BOOST_TEST(change == (1800 - 30) / (1 + 100e-6), tt::tolerance(1e-9));
}
