// The programmable AC source of the bench and the environment's temperature: the physical
// world seen by a single-phase device. It keeps its whole history so that the reference
// standard can integrate the true energy over any interval.
#pragma once
#include <utility>
#include <vector>

#include "models/core/param_table.h"
#include "harness/stimulus/energy_history.h"
#include "models/core/ac_line.h"

namespace hilbench::stimulus {

class ac_source : public ac_line, public energy_history {
public:
    ac_source(const ac_line_state& initial, time_series temperature_profile);

    const ac_line_state& state() const override { return m_history.back().second; }
    double temperature_c(double t_s) const override;
    void add_listener(ac_line_listener* l) override { m_listeners.push_back(l); }

    // New state from now_s on; listeners first catch up with the old state.
    void set(const ac_line_state& s, double now_s);
    // Exact true energy delivered in [t0, t1] (joules).
    double energy_j(double t0, double t1) const override;

private:
    std::vector<std::pair<double, ac_line_state>> m_history;  // (start time, state)
    time_series m_temperature;
    std::vector<ac_line_listener*> m_listeners;
};

}  // namespace hilbench::stimulus
