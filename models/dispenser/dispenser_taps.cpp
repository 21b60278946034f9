#include "models/dispenser/dispenser_taps.h"

namespace hilbench::dispenser {

const std::vector<engine::tap_decl>& dispenser_taps() {
    using engine::tap_kind;
    static const std::vector<engine::tap_decl> t = {
        {"pulser.a_line", "pulses", tap_kind::pulse_train,
         "the pulser's A line to the controller: pulses injected on it alone (a remote pulse generator) or dropped",
         {}},
        {"pulser.cycles", "pulses", tap_kind::pulse_train,
         "whole pulser cycles on both lines: dropped cycles are fuel the controller never counts (a pin in the pulser)",
         {}},
        {"meter.displacement", "", tap_kind::parameter,
         "factor on the meter's displacement per turn (a shortened piston stroke delivers less per turn)", {}},
        {"board.paired", "", tap_kind::parameter,
         "1: the controller board paired with this encoder; 0: another board (a mainboard swap), effective at the "
         "next power-on",
         {}},
        {"fw.counts", "", tap_kind::display_value,
         "factor on the counts the firmware turns into volume (short delivery in the firmware)", {}},
        {"fw.k_factor", "", tap_kind::command_channel,
         "the K-factor written through the controller's command path (back office, keypad); the write's factor "
         "multiplies the legitimate K-factor (0.98: every litre shows as 1.02 L)",
         {"K_FACTOR"}},
        {"display.volume", "L", tap_kind::display_value,
         "the volume on the customer display, between the controller and the display (a man in the middle)", {}},
        {"display.amount", "CNY", tap_kind::display_value, "the amount on the customer display (a man in the middle)",
         {}},
    };
    return t;
}

const std::vector<engine::driftable_decl>& dispenser_driftables() {
    static const std::vector<engine::driftable_decl> d = {
        {"meter.slip", "relative", "the meter's slip (wear of the clearances beyond the stated rate)"},
        {"meter.displacement", "relative", "the meter's displacement per turn (deposits, chamber wear)"},
    };
    return d;
}

const std::vector<engine::observable_decl>& dispenser_observables() {
    static const std::vector<engine::observable_decl> o = {
        {"volume_l", "L", "the volume of the delivery under way (as the firmware counts it)"},
        {"flow_l_per_min", "L/min", "the flow rate (from the pulse period)"},
        {"drafts", "", "deliveries since power-on"},
        {"preset_l", "L", "the volume of a preset delivery (0: none or by amount)"},
        {"test_like_drafts", "", "deliveries in a row of 19 to 21 L (what a 20 L measure test looks like)"},
        {"clock_h", "h", "device clock, hours after midnight"},
    };
    return o;
}

const std::vector<audit_event_decl>& dispenser_audit_events() {
    static const std::vector<audit_event_decl> e = {
        {"power_on", "the controller started (new value: its software identification)"},
        {"preset", "a preset by volume or amount from the POS"},
        {"sale", "a delivery ended (new value: its volume and amount)"},
        {"authentication_failed", "the encoder and the controller did not authenticate each other at power-on"},
        {"self_lock", "the controller locked itself (new value: the cause)"},
        {"service_unlock", "a service technician unlocked it (old value: the lock's cause)"},
    };
    return e;
}

}  // namespace hilbench::dispenser
