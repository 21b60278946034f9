// The environment's temperature profile, shared by every world: piecewise linear between
// the scenario's points, held constant outside them (23 degC when there are none).
#pragma once
#include <vector>

#include "models/core/param_table.h"

namespace hilbench::stimulus {

// p: (t_s, degC) points
inline double profile_temperature_c(const time_series& p, double t) {
    if (p.empty()) return 23.0;
    if (t <= p.front().first) return p.front().second;
    for (std::size_t k = 1; k < p.size(); ++k) {
        const auto& [ta, ca] = p[k - 1];
        const auto& [tb, cb] = p[k];
        if (t <= tb) return ca + (cb - ca) * (t - ta) / (tb - ta);
    }
    return p.back().second;
}

}  // namespace hilbench::stimulus
