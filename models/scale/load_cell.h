// The mechanics and the load cell of the scale, stepped at a fixed step: loads on the
// receptor (with the cell's position-dependent sensitivity, so eccentric loads give corner
// errors), a mass-spring-damper receptor with floor vibration and an overload stop, and a
// strain-gauge cell with non-linearity, hysteresis, creep and creep recovery, and the
// temperature coefficients of zero and span (the cell temperature follows the ambient with
// a time constant). Output: the bridge signal in mV/V.
#pragma once
#include <vector>

#include "models/core/load_receptor.h"
#include "models/core/rng.h"
#include "models/scale/scale_params.h"

namespace hilbench::scale {

// What cheats and drift change in the sensor (relative changes; 0 / 1 = none).
struct cell_modifiers {
    double sensitivity = 1;      // factor on the span
    double zero_fs = 0;          // zero shift, fraction of the rated output
    double creep = 1;            // factor on the creep
};

class load_cell {
public:
    load_cell(const scale_params& p, uint64_t seed);

    // Position sensitivity at (x, y), 1 at the centre.
    double position_factor(double x, double y) const;
    // The load the cell would see at rest for these loads (position sensitivity, overload stop).
    double static_load_g(const std::vector<receptor_load>& loads, double t_s) const;
    // Advance by dt with the loads at t_s and the ambient temperature.
    void step(double dt_s, const std::vector<receptor_load>& loads, double t_s, double ambient_c,
              const cell_modifiers& m);
    // Bridge output now (mV/V).
    double output_mv_per_v() const { return m_out_mv_per_v; }
    double cell_temperature_c() const { return m_temp_c; }
    double deflection_load_g() const { return m_y; }
    void set_temperature(double c) { m_temp_c = c; }

private:
    const scale_params& m_p;
    rng m_rng;
    double m_omega, m_stop_g;
    double m_y, m_v = 0;          // receptor: load on the cell (g) and its rate
    double m_vib = 0;             // low-passed vibration noise
    double m_play = 0;            // hysteresis play operator state (fraction of capacity)
    double m_creep = 0;           // creep state (fraction of capacity)
    double m_temp_c;
    double m_out_mv_per_v = 0;
};

}  // namespace hilbench::scale
