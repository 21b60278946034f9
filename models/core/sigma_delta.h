// The modulator side of a sigma-delta ADC, shared by every device model: a second-order
// 1-bit modulator, and the noise gain of the sinc^3 decimator that follows it (to set the
// modulator input noise that gives a datasheet's output noise).
#pragma once
#include <cmath>
#include <vector>

namespace hilbench {

// Second-order sigma-delta modulator (Boser-Wooley, integrator gains 1/2), 1-bit output.
class sigma_delta2 {
public:
    bool step(double u) {
        const double y = m_bit ? 1.0 : -1.0;
        m_x1 += 0.5 * (u - y);
        m_x2 += 0.5 * (m_x1 - y);
        m_bit = m_x2 >= 0;
        return m_bit;
    }
    void reset() { m_x1 = m_x2 = 0; m_bit = false; }

private:
    double m_x1 = 0, m_x2 = 0;
    bool m_bit = false;
};

// Noise gain of sinc^3 (normalised to unit DC gain) for white noise at the modulator rate.
inline double sinc3_noise_gain(int r) {
    std::vector<double> h(1, 1.0);
    for (int stage = 0; stage < 3; ++stage) {
        std::vector<double> out(h.size() + r - 1, 0.0);
        for (std::size_t i = 0; i < h.size(); ++i)
            for (int k = 0; k < r; ++k) out[i + k] += h[i];
        h.swap(out);
    }
    double s = 0, s2 = 0;
    for (double v : h) {
        s += v;
        s2 += v * v;
    }
    return std::sqrt(s2) / s;
}

}  // namespace hilbench
