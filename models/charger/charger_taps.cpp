#include "models/charger/charger_taps.h"

#include "models/meter/meter_taps.h"

namespace hilbench::charger {
namespace {

using engine::tap_kind;

// what both chargers' firmware and backend offer
const std::vector<engine::tap_decl>& session_taps() {
    static const std::vector<engine::tap_decl> t = {
        {"billing.energy", "", tap_kind::display_value,
         "factor on each increment of the energy the charger bills, displays and signs (the meter and its test output "
         "are untouched)",
         {}},
        {"billing.begin_offset_kwh", "kWh", tap_kind::parameter,
         "energy taken off the begin reading when a session opens: the session bills energy that never flowed", {}},
        {"backend.end_value_kwh", "kWh", tap_kind::parameter,
         "added to the end reading of the E record the backend forwards (an edited record)", {}},
        {"backend.drop_page", "", tap_kind::parameter,
         "1: the backend forwards the session's records without the one before the end (a dropped page)", {}},
        {"backend.replay_signature", "", tap_kind::parameter,
         "1: the forwarded E record carries the signature of the record before it (a replayed signature)", {}},
        {"ocmf.forged_key", "", tap_kind::parameter,
         "1: the charger signs with another key than the registered one (a swapped signing module)", {}},
        {"clock.step_s", "s", tap_kind::parameter,
         "the clock jumps by this many seconds and loses its sync (a lost time server, a battery fault)", {}},
    };
    return t;
}

std::vector<engine::tap_decl> join(std::vector<engine::tap_decl> a, const std::vector<engine::tap_decl>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

}  // namespace

const std::vector<engine::tap_decl>& ac_post_taps() {
    static const std::vector<engine::tap_decl> t = join(meter::meter_taps(), session_taps());
    return t;
}

const std::vector<engine::driftable_decl>& ac_post_driftables() { return meter::meter_driftables(); }

const std::vector<engine::observable_decl>& ac_post_observables() {
    static const std::vector<engine::observable_decl> o = [] {
        std::vector<engine::observable_decl> v = meter::meter_observables();
        v.push_back({"session_kwh", "kWh", "energy of the session under way (as billed)"});
        v.push_back({"charging", "", "1 while a session is open"});
        return v;
    }();
    return o;
}

const std::vector<engine::tap_decl>& dc_charger_taps() {
    static const std::vector<engine::tap_decl> t = join(
        {
            {"dc_meter.current_gain", "", tap_kind::parameter, "gain of the DC meter's current path (shunt, Hall)", {}},
            {"dc_meter.voltage_gain", "", tap_kind::parameter, "gain of the DC meter's voltage divider", {}},
            {"fw.cable_id", "", tap_kind::parameter,
             "the cable id the firmware compensates for (set through its unsealed interface); an offset effect moves "
             "it to another id of the cable table",
             {}},
            {"meter.test_output", "", tap_kind::pulse_train, "the DC meter's test output (pulses dropped or inserted)",
             {}},
            {"cable.resistance", "mOhm", tap_kind::parameter,
             "the fitted cable's loop resistance (a corroded or loose connector raises it beyond the registered value "
             "the firmware compensates)",
             {}},
        },
        session_taps());
    return t;
}

const std::vector<engine::driftable_decl>& dc_charger_driftables() {
    static const std::vector<engine::driftable_decl> d = {
        {"dc_meter.current_gain", "relative", "the current path's gain (shunt ageing, Hall sensitivity drift)"},
        {"dc_meter.hall_offset_a", "A", "the Hall sensor's zero offset beyond its calibration"},
        {"dc_meter.voltage_gain", "relative", "the voltage divider's ratio"},
        {"rtc.frequency", "relative", "real-time clock frequency (moves the device clock and the tariff boundaries)"},
    };
    return d;
}

const std::vector<engine::observable_decl>& dc_charger_observables() {
    static const std::vector<engine::observable_decl> o = {
        {"current_a", "A", "output current"},
        {"voltage_v", "V", "output voltage"},
        {"power_w", "W", "output power"},
        {"energy_wh", "Wh", "energy the DC meter has registered"},
        {"clock_h", "h", "device clock, hours after midnight"},
        {"session_kwh", "kWh", "energy of the session under way (as billed)"},
        {"charging", "", "1 while a session is open"},
    };
    return o;
}

const std::vector<audit_event_decl>& charger_audit_events() {
    static const std::vector<audit_event_decl> e = [] {
        std::vector<audit_event_decl> v = {
            {"session_start", "a charging session started (new value: the id tag)"},
            {"session_end", "it ended (new value: the id tag)"},
            {"tariff_change_refused", "a tariff change during a session was refused (old and new tariff)"},
        };
        // the trail also holds its meter's (source "meter firmware"), whose firmware is the meter's
        for (const audit_event_decl& m : meter::meter_audit_events()) v.push_back(m);
        return v;
    }();
    return e;
}

}  // namespace hilbench::charger
