#include "models/scale/scale_taps.h"

namespace hilbench::scale {

const std::vector<engine::tap_decl>& scale_taps() {
    using engine::tap_kind;
    static const std::vector<engine::tap_decl> t = {
        {"afe.bridge_gain", "", tap_kind::parameter,
         "gain of the bridge signal path (a potentiometer spliced into the signal wires)", {}},
        {"afe.bridge_offset_mv_per_v", "mV/V", tap_kind::parameter,
         "offset added to the bridge signal (a module in the load-cell cable)", {}},
        {"fw.weight_g", "g", tap_kind::display_value,
         "the gross weight the firmware computes, before rounding to e (cheat chips scale or offset it)", {}},
        {"fw.zero_reference_g", "g", tap_kind::parameter, "offset of the firmware's zero reference (a preset zero)", {}},
        {"fw.zero_tracking_rate", "", tap_kind::parameter, "factor on the zero-tracking correction rate", {}},
        {"fw.zero_tracking_band", "", tap_kind::parameter, "factor on the band around zero where tracking acts", {}},
        {"fw.price", "CNY", tap_kind::display_value, "the computed price, after rounding to the price interval", {}},
        {"fw.calibration", "", tap_kind::command_channel,
         "the span adjustment written through the firmware's command path (SPAN: factor on every weight)", {"SPAN"}},
    };
    return t;
}

const std::vector<engine::driftable_decl>& scale_driftables() {
    static const std::vector<engine::driftable_decl> d = {
        {"cell.sensitivity", "relative", "load-cell span (ageing, temperature beyond the cell's own coefficient)"},
        {"cell.zero", "relative", "load-cell zero, as a fraction of the rated output"},
        {"cell.creep", "relative", "change of the load cell's creep (1 = twice the datasheet creep)"},
        {"adc.offset_v", "V", "offset at the ADC input"},
    };
    return d;
}

const std::vector<engine::observable_decl>& scale_observables() {
    static const std::vector<engine::observable_decl> o = {
        {"gross_g", "g", "the gross weight the firmware computes from the ADC (before any cheat)"},
        {"stable", "", "1 while the motion detector reports a stable load"},
        {"unit_price", "CNY/kg", "the unit price entered"},
        {"clock_h", "h", "device clock, hours after midnight"},
    };
    return o;
}

const std::vector<audit_event_decl>& scale_audit_events() {
    static const std::vector<audit_event_decl> e = {
        {"power_on", "the firmware started (new value: its software identification)"},
        {"power_off", "the supply was switched off"},
        {"self_lock_active", "the firmware started locked (new value: the unlock challenge)"},
        {"self_lock", "the firmware locked itself (new value: the unlock challenge)"},
        {"unexpected_adc_write", "the ADC's configuration-write counter moved without a write by the firmware (old and new count)"},
        {"case_opened", "the case switch opened"},
        {"case_closed", "the case switch closed"},
        {"unlock_refused", "a wrong unlock code at the keyboard"},
    };
    return e;
}

}  // namespace hilbench::scale
