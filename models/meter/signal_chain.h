// Analog side of the meter: the line state becomes per-channel tones in ADC-normalised
// units (1.0 = ADC full scale), a second-order sigma-delta modulator turns them into bits,
// and the sinc3 response gives the decimated samples of the `sample` fidelity mode.
#pragma once
#include <cmath>
#include <cstdint>
#include <vector>

#include "models/core/rng.h"
#include "models/core/sigma_delta.h"

namespace hilbench::meter {

constexpr double pi = 3.14159265358979323846;

struct tone {
    double amp = 0;        // peak, ADC-normalised
    double phase_rad = 0;  // at t = 0
    double omega = 0;      // rad/s
};

struct channel_signal {
    std::vector<tone> tones;
    double dc = 0;         // ADC offset, normalised
    double noise_rms = 0;  // broadband noise at the modulator rate, normalised
};

// Phasor recurrence for a sum of tones, re-anchored to absolute time every 1024 steps
// so that rounding never accumulates.
class tone_bank {
public:
    void set(const channel_signal& sig, double dt_s, uint64_t step_now) {
        m_sig = sig;
        m_dt = dt_s;
        m_amp.clear();
        for (const tone& t : sig.tones) m_amp.push_back(t.amp);
        m_c.assign(sig.tones.size(), 0);
        m_s.assign(sig.tones.size(), 0);
        m_cr.assign(sig.tones.size(), 0);
        m_sr.assign(sig.tones.size(), 0);
        for (std::size_t k = 0; k < sig.tones.size(); ++k) {
            m_cr[k] = std::cos(sig.tones[k].omega * dt_s);
            m_sr[k] = std::sin(sig.tones[k].omega * dt_s);
        }
        anchor(step_now);
    }
    // Value at the current step, then advance one step.
    double next(uint64_t step) {
        if ((step & 1023u) == 0) anchor(step);
        double v = m_sig.dc;
        const std::size_t n = m_amp.size();
        for (std::size_t k = 0; k < n; ++k) {
            v += m_amp[k] * m_s[k];
            const double c = m_c[k] * m_cr[k] - m_s[k] * m_sr[k];
            m_s[k] = m_s[k] * m_cr[k] + m_c[k] * m_sr[k];
            m_c[k] = c;
        }
        return v;
    }
    const channel_signal& signal() const { return m_sig; }

private:
    void anchor(uint64_t step) {
        const double t = double(step) * m_dt;
        for (std::size_t k = 0; k < m_c.size(); ++k) {
            const double th = std::fmod(m_sig.tones[k].omega * t, 2 * pi) + m_sig.tones[k].phase_rad;
            m_c[k] = std::cos(th);
            m_s[k] = std::sin(th);
        }
    }
    channel_signal m_sig;
    double m_dt = 0;
    std::vector<double> m_amp, m_c, m_s, m_cr, m_sr;
};

// |H| of a sinc^3 decimator by R at the modulator rate f_mod, for a tone at f.
inline double sinc3_gain(double f_hz, double f_mod_hz, int r) {
    const double x = pi * f_hz / f_mod_hz;
    if (x == 0) return 1.0;
    const double g = std::sin(x * r) / (r * std::sin(x));
    return std::fabs(g * g * g);
}

using hilbench::sigma_delta2;
using hilbench::sinc3_noise_gain;

}  // namespace hilbench::meter
