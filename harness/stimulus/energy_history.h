// A world's record of the energy that passed the point where the lab's reference meter sits:
// the exact energy over any interval, which the reference standard integrates.
#pragma once

namespace hilbench::stimulus {

class energy_history {
public:
    virtual ~energy_history() = default;
    // exact energy delivered in [t0, t1] (joules)
    virtual double energy_j(double t0, double t1) const = 0;
};

}  // namespace hilbench::stimulus
