#include "harness/reference/reference_meter.h"

#include <cmath>

namespace hilbench::reference {

reference_meter::reference_meter(const stimulus::energy_history& src, double class_pct, double constant_imp_per_kwh)
    : m_src(src), m_class_pct(class_pct), m_constant(constant_imp_per_kwh) {}

double reference_meter::true_energy_wh(double t0, double t1) const { return m_src.energy_j(t0, t1) / 3600.0; }

uint64_t reference_meter::pulses(double t0, double t1) const {
    const double per_wh = m_constant / 1000.0;
    const double e0 = std::fabs(m_src.energy_j(0.0, t0) / 3600.0);
    const double e1 = std::fabs(m_src.energy_j(0.0, t1) / 3600.0);
    return static_cast<uint64_t>(std::floor(e1 * per_wh)) - static_cast<uint64_t>(std::floor(e0 * per_wh));
}

double reference_meter::expanded_uncertainty_pct(uint64_t ref_pulses, double edge_time_s, double gate_s) const {
    const double u_ref = m_class_pct / std::sqrt(3.0);
    const double u_count = ref_pulses > 0 ? 100.0 / double(ref_pulses) / std::sqrt(3.0) : 100.0;
    const double u_edges = gate_s > 0 ? 100.0 * edge_time_s * std::sqrt(2.0) / gate_s / std::sqrt(3.0) : 100.0;
    return 2.0 * std::sqrt(u_ref * u_ref + u_count * u_count + u_edges * u_edges);
}

}  // namespace hilbench::reference
