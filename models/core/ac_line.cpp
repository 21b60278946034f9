#include "models/core/ac_line.h"

#include <cmath>

namespace hilbench {
namespace {
constexpr double pi = 3.14159265358979323846;
constexpr double deg = pi / 180.0;
constexpr double sqrt2 = 1.41421356237309505;
}  // namespace

std::vector<line_tone> voltage_tones(const ac_line_state& s) {
    std::vector<line_tone> out;
    if (!s.energized) return out;
    const double w = 2 * pi * s.freq_hz;
    out.push_back({1, sqrt2 * s.voltage_v, 0.0, w});
    for (const harmonic& h : s.harmonics)
        if (h.voltage_pct != 0)
            out.push_back({h.order, sqrt2 * s.voltage_v * h.voltage_pct / 100, h.voltage_phase_deg * deg, w * h.order});
    return out;
}

std::vector<line_tone> current_tones(const ac_line_state& s) {
    std::vector<line_tone> out;
    if (!s.energized) return out;
    const double w = 2 * pi * s.freq_hz;
    out.push_back({1, sqrt2 * s.current_a, -s.phase_deg * deg, w});
    for (const harmonic& h : s.harmonics)
        if (h.current_pct != 0)
            out.push_back({h.order, sqrt2 * s.current_a * h.current_pct / 100, h.current_phase_deg * deg, w * h.order});
    return out;
}

double line_energy_j(const ac_line_state& s, double t0, double t1) {
    // v i = sum_k sum_m Vk Im sin(a) sin(b) = 1/2 sum Vk Im [cos(a - b) - cos(a + b)]
    auto integral_cos = [t0, t1](double omega, double phase) {
        if (std::fabs(omega) < 1e-12) return (t1 - t0) * std::cos(phase);
        return (std::sin(omega * t1 + phase) - std::sin(omega * t0 + phase)) / omega;
    };
    double e = 0;
    for (const line_tone& v : voltage_tones(s))
        for (const line_tone& i : current_tones(s)) {
            const double d = integral_cos(v.omega - i.omega, v.phase_rad - i.phase_rad);
            const double a = integral_cos(v.omega + i.omega, v.phase_rad + i.phase_rad);
            e += 0.5 * v.peak * i.peak * (d - a);
        }
    return e;
}

}  // namespace hilbench
