// The environment's temperature profile, shared by every world: piecewise linear between
// the scenario's points, held constant outside them (23 degC when there are none).
#pragma once
#include <vector>

#include "harness/scenario/scenario.h"

namespace hilbench::stimulus {

inline double profile_temperature_c(const std::vector<scenario::temperature_point>& p, double t) {
    if (p.empty()) return 23.0;
    if (t <= p.front().t_s) return p.front().temperature_c;
    for (std::size_t k = 1; k < p.size(); ++k) {
        const auto& a = p[k - 1];
        const auto& b = p[k];
        if (t <= b.t_s) return a.temperature_c + (b.temperature_c - a.temperature_c) * (t - a.t_s) / (b.t_s - a.t_s);
    }
    return p.back().temperature_c;
}

}  // namespace hilbench::stimulus
