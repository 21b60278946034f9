// The error calculator's arithmetic and the standards' time formulas, kept apart so that
// unit tests can check them against worked examples.
#pragma once
#include <cmath>
#include <cstdint>

#include "models/core/rounding.h"

namespace hilbench::procedures::iec62053 {

// Relative error of the device from a pulse comparison: the device gave n pulses at its
// constant c_dut while the reference gave m pulses at c_ref (both imp/kWh).
// e = (n/c_dut - m/c_ref) / (m/c_ref) * 100 = (m0 - m)/m * 100 with m0 = n c_ref / c_dut.
inline double pulse_error_pct(double n, double c_dut, double m, double c_ref) {
    const double m0 = n * c_ref / c_dut;
    return (m0 - m) / m * 100.0;
}

// Rounds to the reporting interval (JJG practice: 1/10 of the class index); never -0.
using hilbench::round_to_step;

// Simple acceptance on the rounded value, boundaries inclusive.
inline bool within_mpe(double rounded_pct, double mpe_pct) { return std::fabs(rounded_pct) <= mpe_pct + 1e-9; }

// Period of one pulse at the starting current: t0 = 60 * 1000 / (C m Un Ist) minutes.
inline double starting_t0_s(double c_imp_per_kwh, int elements, double un_v, double ist_a) {
    return 60.0 * 60.0 * 1000.0 / (c_imp_per_kwh * elements * un_v * ist_a);
}

// No-load test duration: dt = K / (C m Un Imax) minutes (K = 600e6 for class 1, IEC 2003).
inline double no_load_dt_s(double k, double c_imp_per_kwh, int elements, double un_v, double imax_a) {
    return k / (c_imp_per_kwh * elements * un_v * imax_a) * 60.0;
}

}  // namespace hilbench::procedures::iec62053
