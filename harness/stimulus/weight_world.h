// The physical world of a weighing instrument: the loads on its receptor (placed and
// removed by the procedure at positions, including corners; a load may fill at a rate),
// the climatic chamber (the scenario's temperature profile until the procedure sets a
// temperature) and the supply voltage. It keeps its history so that ground truth can be
// read for any time.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "models/core/param_table.h"
#include "models/core/load_receptor.h"

namespace hilbench::stimulus {

class weight_world : public load_receptor {
public:
    // supply: the nominal supply, replaced from each (t_s, volts) step of supply_profile on
    weight_world(time_series temperature_profile, double supply_v,
                 const std::vector<std::pair<double, double>>& supply_profile = {});

    const std::vector<receptor_load>& loads() const override { return m_history.back().second; }
    double temperature_c(double t_s) const override;
    double supply_v(double t_s) const override;
    void add_listener(receptor_listener* l) override { m_listeners.push_back(l); }

    // Loads change from now_s on; listeners first catch up with the old loads.
    void place(const receptor_load& l, double now_s);
    void remove(const std::string& id, double now_s);
    void clear(double now_s);
    bool has(const std::string& id) const;
    // A climatic chamber step: the air is at c from now_s on.
    void set_temperature(double c, double now_s);
    void set_supply(double v, double now_s);
    // The true mass on the receptor at t (g).
    double true_mass_g(double t_s) const;

private:
    void change(std::vector<receptor_load> next, double now_s);

    std::vector<std::pair<double, std::vector<receptor_load>>> m_history;
    time_series m_profile;
    std::vector<std::pair<double, double>> m_chamber;   // (from t, temperature)
    std::vector<std::pair<double, double>> m_supply;    // (from t, volts)
    std::vector<receptor_listener*> m_listeners;
};

}  // namespace hilbench::stimulus
