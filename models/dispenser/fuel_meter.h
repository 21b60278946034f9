// The positive-displacement meter and its pulser: fuel through the meter turns the shaft by
// its volume less the slip (dispenser_params.h), the pulser disc gives pulses_per_rev
// quadrature cycles per turn (A leads B going forward), and the mechanical totaliser counts
// the turns at the nominal displacement, whatever the controller's K-factor says.
#pragma once
#include <cstdint>
#include <utility>

#include "models/dispenser/dispenser_params.h"

namespace hilbench::dispenser {

class fuel_meter {
public:
    explicit fuel_meter(const dispenser_params& p) : m_p(p), m_life_m3(p.delivered_before_m3) {}

    // q L/min of fuel with kinematic viscosity nu flows through for dt s (q < 0: backwards).
    void flow(double q_l_per_min, double dt_s, double nu_mm2_s);
    // The shaft speed (revolutions per second) at flow q.
    double rev_per_s(double q_l_per_min, double nu_mm2_s) const;
    // Seconds until the pulser's next edge (either channel) at flow q (infinite when q = 0).
    double time_to_next_edge(double q_l_per_min, double nu_mm2_s) const;

    // cheats and drift: factors on the displacement per turn and on the slip
    void set_displacement_factor(double f) { m_displacement = f; }
    void set_slip_factor(double f) { m_slip = f; }
    // the pulser's levels at a shaft position (revolutions)
    std::pair<bool, bool> pins_at(double revolutions) const;

    double revolutions() const { return m_rev; }
    double metered_l() const { return m_metered_l; }  // the fuel that passed (the truth)
    // the pulser's channels now: a quarter cycle out of phase
    bool pin_a() const;
    bool pin_b() const;
    // the turns at the nominal displacement, in whole litres (the mechanical totaliser)
    double mechanical_totaliser_l() const;

private:
    double phase() const;  // pulse cycles, fractional part in [0, 1)
    const dispenser_params& m_p;
    double m_rev = 0, m_metered_l = 0, m_life_m3 = 0;
    double m_displacement = 1, m_slip = 1;
};

}  // namespace hilbench::dispenser
