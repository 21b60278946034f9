// Analog front end of the meter: voltage divider, phase current sensor (shunt or CT with
// ratio, phase error and temperature coefficient), neutral shunt, PGA and ADC reference.
// It turns the line state into per-channel tones in ADC-normalised units.
#pragma once
#include "models/core/ac_line.h"
#include "models/meter/meter_params.h"
#include "models/meter/signal_chain.h"

namespace hilbench::meter {

struct afe_channels {
    channel_signal v, i, i2;
};

// Factors and offsets that taps and drift put on the analog front end (identity by default).
struct afe_modifiers {
    double current_gain = 1, voltage_gain = 1, vref = 1;
    double current_offset_v = 0, offset_v = 0;
};

class analog_front_end {
public:
    explicit analog_front_end(const meter_params& p) : m_p(p) {}
    afe_channels convert(const ac_line_state& s, double temperature_c, const afe_modifiers& mod = {}) const;
    // ADC-normalised peak per line peak: volts for the voltage channel, amps for currents.
    double voltage_gain(double temperature_c) const;
    double current_gain(double temperature_c) const;
    double neutral_gain(double temperature_c) const;
    // Phase lead of the phase-current sensor at the fundamental (radians).
    double current_phase_lead_rad() const;

private:
    double vref_factor(double temperature_c) const;
    const meter_params& m_p;
};

}  // namespace hilbench::meter
