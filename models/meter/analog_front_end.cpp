#include "models/meter/analog_front_end.h"

#include <cmath>

namespace hilbench::meter {
namespace {
constexpr double deg = pi / 180.0;
constexpr double sqrt2 = 1.41421356237309505;
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

afe_channels analog_front_end::convert(const ac_line_state& s, double t) const {
    afe_channels out;
    const double dc = m_p.adc_offset_v / m_p.adc_full_scale_v;
    const double noise = m_p.adc_noise_uv_rms * 1e-6 / m_p.adc_full_scale_v;
    for (channel_signal* c : {&out.v, &out.i, &out.i2}) {
        c->dc = dc;
        c->noise_rms = noise;
    }
    if (!s.energized) return out;
    const double w = 2 * pi * s.freq_hz;
    const double gv = voltage_gain(t), gi = current_gain(t), gn = neutral_gain(t) * s.neutral_current_ratio;
    const double lead = current_phase_lead_rad();
    const double phi = -s.phase_deg * deg;
    out.v.tones.push_back({sqrt2 * s.voltage_v * gv, 0.0, w});
    out.i.tones.push_back({sqrt2 * s.current_a * gi, phi + lead, w});
    out.i2.tones.push_back({sqrt2 * s.current_a * gn, phi, w});
    for (const harmonic& h : s.harmonics) {
        const double wh = w * h.order;
        if (h.voltage_pct != 0)
            out.v.tones.push_back({sqrt2 * s.voltage_v * h.voltage_pct / 100 * gv, h.voltage_phase_deg * deg, wh});
        if (h.current_pct != 0) {
            const double a = sqrt2 * s.current_a * h.current_pct / 100;
            out.i.tones.push_back({a * gi, h.current_phase_deg * deg + lead * h.order, wh});
            out.i2.tones.push_back({a * gn, h.current_phase_deg * deg, wh});
        }
    }
    return out;
}

}  // namespace hilbench::meter
