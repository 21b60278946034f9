// Values on a decimal grid, held as the decimal they stand for: 3 steps of 0.1 are 0.3, not
// 0.30000000000000004, so a rounded value is written at its rounding step. When 1/step is a
// whole number n the value is k / n (the double nearest the decimal); otherwise k x step.
#pragma once
#include <cmath>

namespace hilbench {

// The steps per unit when that is a whole number (10 for 0.1, 100 for 0.01), else 0.
inline double steps_per_unit(double step) {
    const double n = std::round(1.0 / step);
    return (n >= 1 && std::fabs(1.0 / step - n) < 1e-9 * n) ? n : 0.0;
}

inline double on_grid(double k, double step) {
    const double n = steps_per_unit(step);
    const double v = n > 0 ? k / n : k * step;
    return v == 0.0 ? 0.0 : v;  // never -0
}

// v rounded half away from zero to a multiple of step; decimal ties are ties (0.7 to 0.2 is
// 0.8: 0.7 x 5 is 3.5, where 0.7 / 0.2 would be 3.4999...).
inline double round_to_step(double v, double step) {
    const double n = steps_per_unit(step);
    return on_grid(std::round(n > 0 ? v * n : v / step), step);
}

}  // namespace hilbench
