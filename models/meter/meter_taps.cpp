#include "models/meter/meter_taps.h"

namespace hilbench::meter {

const std::vector<engine::tap_decl>& meter_taps() {
    using engine::tap_kind;
    static const std::vector<engine::tap_decl> t = {
        {"installation.phase_current_factor", "", tap_kind::parameter,
         "fraction of the load current that flows through the meter (a bypass jumper takes the rest)", {}},
        {"installation.neutral_current_ratio", "", tap_kind::parameter,
         "neutral current through the meter per phase current (a neutral bypass or earth return lowers it)", {}},
        {"installation.current_direction", "", tap_kind::parameter, "+1, or -1 for a reversed current connection", {}},
        {"installation.phase_shift_deg", "deg", tap_kind::parameter,
         "lead of the current the meter sees over the load's current; positive: leads (a phase-shift attack that makes "
         "it lag is negative)",
         {}},
        {"sensor.current_gain", "", tap_kind::parameter, "gain of the phase-current sensor (a magnet saturating a CT lowers it)", {}},
        {"sensor.voltage_gain", "", tap_kind::parameter, "gain of the voltage divider", {}},
        {"adc.current_offset_v", "V", tap_kind::parameter, "extra DC offset at the current ADC input", {}},
        {"adc.current_input", "FS", tap_kind::sample_stream,
         "the current channel's ADC input, per modulator cycle or sample (fraction of full scale); noise_rms on it is "
         "white noise over the modulator bandwidth, the same in-band noise in bit and sample fidelity",
         {}},
        {"cf.out", "", tap_kind::pulse_train, "the CF/LED test output (edges can be dropped or inserted)", {}},
        {"fw.energy_increment", "", tap_kind::display_value, "factor on each increment of the legal kWh register", {}},
        {"fw.calibration", "", tap_kind::command_channel,
         "calibration registers written through the firmware's command path (IGAIN, VGAIN, I2GAIN, NOLOAD, START, CFDIV)",
         {"IGAIN", "VGAIN", "I2GAIN", "NOLOAD", "START", "CFDIV"}},
    };
    return t;
}

const std::vector<engine::observable_decl>& meter_observables() {
    static const std::vector<engine::observable_decl> o = {
        {"current_a", "A", "RMS current at the meter's terminals"},
        {"voltage_v", "V", "RMS voltage at the terminals"},
        {"power_factor", "", "power factor of the fundamental"},
        {"thd_pct", "%", "total harmonic distortion of the current"},
        {"power_w", "W", "active power of the fundamental"},
        {"energy_wh", "Wh", "energy the front end has measured"},
        {"clock_h", "h", "device clock, hours after midnight"},
    };
    return o;
}

const std::vector<engine::driftable_decl>& meter_driftables() {
    static const std::vector<engine::driftable_decl> d = {
        {"current_sensor.gain", "relative", "shunt resistance / CT ratio (ageing, temperature)"},
        {"voltage_divider.gain", "relative", "voltage divider ratio"},
        {"vref.voltage", "relative", "ADC reference voltage (scales both channels)"},
        {"adc.offset_v", "V", "DC offset at every ADC input"},
        {"rtc.frequency", "relative", "real-time clock frequency (moves the device clock and time-of-use boundaries)"},
    };
    return d;
}

const std::vector<audit_event_decl>& meter_audit_events() {
    static const std::vector<audit_event_decl> e = {
        {"power_on", "the firmware started (new value: its software identification)"},
        {"frontend_id_mismatch", "the metering chip's identification is not the one the firmware expects (a swapped chip)"},
        {"unexpected_calibration_write", "the chip's calibration-write counter moved without a write by the firmware (old and new count)"},
        {"tamper_start", "the chip's live and neutral currents differ beyond its tamper threshold"},
        {"tamper_end", "they agree again"},
        {"reverse_power_start", "the active power turned negative (the meter keeps metering its absolute value)"},
        {"reverse_power_end", "it is positive again"},
    };
    return e;
}

}  // namespace hilbench::meter
