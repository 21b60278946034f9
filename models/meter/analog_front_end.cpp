#include "models/meter/analog_front_end.h"

#include <cmath>

namespace hilbench::meter {
namespace {
constexpr double deg = pi / 180.0;
}  // namespace

double analog_front_end::vref_factor(double t) const {
    return 1.0 + m_p.vref_tempco_ppm_per_k * 1e-6 * (t - m_p.calibration_temperature_c);
}

double analog_front_end::voltage_gain(double t) const {
    const double dt = t - m_p.calibration_temperature_c;
    return m_p.voltage_divider_ratio * (1.0 + m_p.voltage_divider_tempco_ppm_per_k * 1e-6 * dt) /
           (m_p.adc_full_scale_v * vref_factor(t));
}

double analog_front_end::current_gain(double t) const {
    const double dt = t - m_p.calibration_temperature_c;
    const double sensor = m_p.current_sensor == "ct" ? m_p.ct_burden_ohm / m_p.ct_ratio : m_p.shunt_resistance_ohm;
    return sensor * (1.0 + m_p.current_sensor_tempco_ppm_per_k * 1e-6 * dt) * m_p.pga_gain /
           (m_p.adc_full_scale_v * vref_factor(t));
}

double analog_front_end::neutral_gain(double t) const {
    const double dt = t - m_p.calibration_temperature_c;
    return m_p.neutral_shunt_resistance_ohm * (1.0 + m_p.current_sensor_tempco_ppm_per_k * 1e-6 * dt) *
           m_p.pga_gain / (m_p.adc_full_scale_v * vref_factor(t));
}

double analog_front_end::current_phase_lead_rad() const {
    return m_p.current_sensor == "ct" ? m_p.ct_phase_error_deg * deg : 0.0;
}

afe_channels analog_front_end::convert(const ac_line_state& s, double t, const afe_modifiers& mod) const {
    afe_channels out;
    const double fs = m_p.adc_full_scale_v * mod.vref;
    const double dc = (m_p.adc_offset_v + mod.offset_v) / fs;
    const double noise = m_p.adc_noise_uv_rms * 1e-6 / fs;
    for (channel_signal* c : {&out.v, &out.i, &out.i2}) {
        c->dc = dc;
        c->noise_rms = noise;
    }
    out.i.dc += mod.current_offset_v / fs;
    const double gv = voltage_gain(t) * mod.voltage_gain / mod.vref, gi = current_gain(t) * mod.current_gain / mod.vref;
    const double gn = neutral_gain(t) * s.neutral_current_ratio / mod.vref;
    const double lead = current_phase_lead_rad();
    for (const line_tone& v : voltage_tones(s)) out.v.tones.push_back({v.peak * gv, v.phase_rad, v.omega});
    for (const line_tone& i : current_tones(s)) {
        // a CT's phase error is a (nearly) constant time lead: order times the fundamental's
        out.i.tones.push_back({i.peak * gi, i.phase_rad + lead * i.order, i.omega});
        out.i2.tones.push_back({i.peak * gn, i.phase_rad, i.omega});
    }
    return out;
}

}  // namespace hilbench::meter
