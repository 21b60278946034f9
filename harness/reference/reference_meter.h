// The bench's reference standard meter (AC, or DC at a charger's vehicle end). It integrates
// the true energy at its point exactly and emits pulses at its own (high) constant; its accuracy class sets the
// uncertainty reported with every error. Error calculators count its pulses in the gate
// opened and closed by the device's pulses, as real bench error calculators do.
#pragma once
#include <cstdint>

#include "harness/stimulus/energy_history.h"

namespace hilbench::reference {

class reference_meter {
public:
    reference_meter(const stimulus::energy_history& src, double class_pct, double constant_imp_per_kwh);

    double true_energy_wh(double t0, double t1) const;
    // Reference pulses between t0 and t1 (counted from the start of the run).
    uint64_t pulses(double t0, double t1) const;
    double constant_imp_per_kwh() const { return m_constant; }
    double class_pct() const { return m_class_pct; }
    // Expanded (k = 2) relative uncertainty of an error reading over `ref_pulses` pulses,
    // with the gate edges each uncertain by edge_time_s in a gate of gate_s.
    double expanded_uncertainty_pct(uint64_t ref_pulses, double edge_time_s, double gate_s) const;

private:
    const stimulus::energy_history& m_src;
    double m_class_pct, m_constant;
};

}  // namespace hilbench::reference
