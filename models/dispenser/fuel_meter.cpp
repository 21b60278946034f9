#include "models/dispenser/fuel_meter.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hilbench::dispenser {

double fuel_meter::rev_per_s(double q, double nu) const {
    const double slip = std::min(1.0, slip_fraction(m_p, std::fabs(q), nu, m_life_m3) * m_slip);
    return q / 60.0 * (1 - slip) / (m_p.volume_per_rev_l * m_displacement);
}

void fuel_meter::flow(double q, double dt_s, double nu) {
    if (dt_s <= 0 || q == 0) return;
    m_rev += rev_per_s(q, nu) * dt_s;
    const double v = q / 60.0 * dt_s;
    m_metered_l += v;
    m_life_m3 += std::fabs(v) / 1000.0;
}

double fuel_meter::phase() const {
    const double cycles = m_rev * m_p.pulses_per_rev;
    return cycles - std::floor(cycles);
}

bool fuel_meter::pin_a() const {
    const double f = phase();
    return f >= 0.25 && f < 0.75;
}

bool fuel_meter::pin_b() const { return phase() >= 0.5; }

std::pair<bool, bool> fuel_meter::pins_at(double revolutions) const {
    const double cycles = revolutions * m_p.pulses_per_rev;
    const double f = cycles - std::floor(cycles);
    return {f >= 0.25 && f < 0.75, f >= 0.5};
}

double fuel_meter::time_to_next_edge(double q, double nu) const {
    const double cycles_per_s = rev_per_s(q, nu) * m_p.pulses_per_rev;
    if (cycles_per_s == 0) return std::numeric_limits<double>::infinity();
    const double quarters = phase() * 4;
    double to_go = cycles_per_s > 0 ? (std::floor(quarters) + 1 - quarters) : (quarters - std::ceil(quarters) + 1);
    if (to_go <= 1e-12) to_go = 1;
    return to_go / 4 / std::fabs(cycles_per_s);
}

double fuel_meter::mechanical_totaliser_l() const {
    return std::floor(m_rev * m_p.volume_per_rev_l + m_p.delivered_before_m3 * 1000 + 1e-9);
}

}  // namespace hilbench::dispenser
