#include "models/scale/load_cell.h"

#include <algorithm>
#include <cmath>

namespace hilbench::scale {
namespace {
constexpr double pi = 3.14159265358979323846;
constexpr double hysteresis_width = 0.25;  // play width of the hysteresis operator, fraction of capacity
}  // namespace

load_cell::load_cell(const scale_params& p, uint64_t seed)
    : m_p(p),
      m_rng(seed),
      m_omega(2 * pi * p.natural_freq_hz),
      m_stop_g(p.max_g * p.overload_stop_pct / 100.0),
      m_y(p.receptor_mass_g),
      m_temp_c(p.reference_temperature_c) {}

double load_cell::position_factor(double x, double y) const {
    return 1.0 + (m_p.eccentricity_x_pct * x + m_p.eccentricity_y_pct * y + m_p.eccentricity_xy_pct * x * y) / 100.0;
}

double load_cell::static_load_g(const std::vector<receptor_load>& loads, double t_s) const {
    double f = 0;
    for (const receptor_load& l : loads) f += std::max(0.0, l.mass_at(t_s)) * position_factor(l.x, l.y);
    return m_p.receptor_mass_g + std::min(f, m_stop_g);  // the overload stop takes the rest
}

void load_cell::step(double dt, const std::vector<receptor_load>& loads, double t_s, double ambient_c,
                     const cell_modifiers& m) {
    // receptor: y'' = w^2 (F + vibration - y) - 2 zeta w y' (semi-implicit Euler)
    if (m_p.vibration_g_rms > 0) {
        const double a = std::exp(-dt * 2 * pi * 20.0);  // vibration band-limited to about 20 Hz
        m_vib = a * m_vib + std::sqrt(1 - a * a) * m_rng.fast_normal();
    }
    const double f = static_load_g(loads, t_s) + m_p.vibration_g_rms * m_vib;
    m_v += dt * (m_omega * m_omega * (f - m_y) - 2 * m_p.damping_ratio * m_omega * m_v);
    m_y += dt * m_v;

    // cell temperature follows the ambient
    m_temp_c += (ambient_c - m_temp_c) * (1 - std::exp(-dt / m_p.thermal_tau_s));

    const double u = m_y / m_p.cell_capacity_g;  // fraction of capacity
    // creep and creep recovery: first order towards creep x load
    m_creep += (m.creep * m_p.creep_pct_fs / 100.0 * u - m_creep) * (1 - std::exp(-dt / m_p.creep_tau_s));
    // hysteresis: play operator; the decreasing branch reads high, closed at both ends
    if (u > m_play + hysteresis_width) m_play = u - hysteresis_width;
    if (u < m_play - hysteresis_width) m_play = u + hysteresis_width;
    const double uc = std::clamp(u, 0.0, 1.0);
    const double hyst = m_p.hysteresis_pct_fs / 100.0 * 0.5 * (m_play - u) / hysteresis_width * std::sin(pi * uc);
    const double nonlin = m_p.nonlinearity_pct_fs / 100.0 * 4 * uc * (1 - uc);
    const double dt_k = m_temp_c - m_p.reference_temperature_c;
    const double span = (1 + m_p.tcs_pct_per_10k / 100.0 * dt_k / 10.0) * m.sensitivity;
    const double zero = m_p.tcz_pct_fs_per_10k / 100.0 * dt_k / 10.0 + m.zero_fs;
    m_out_mv_per_v = m_p.rated_output_mv_per_v * ((u + nonlin + hyst + m_creep) * span + zero);
}

}  // namespace hilbench::scale
