// The EV charger's world: the grid that feeds an AC post (voltage and frequency over time, the
// current of what is plugged in), and what is plugged into either charger: a vehicle (battery
// and BMS, models/charger/ev_model) or the lab's load. The lab's load answers the pilot or the
// handshake and draws what the lab sets: on an AC post a current at a power factor (the
// virtual-load method of JJG 1148), on a DC charger a current at a voltage (JJG 1149's virtual
// load). The world keeps the history at the vehicle inlet, so a reference meter there can
// integrate the true energy over any interval.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/stimulus/ac_source.h"
#include "harness/stimulus/energy_history.h"
#include "models/charger/charger_face.h"
#include "models/charger/ev_model.h"
#include "models/core/param_table.h"

namespace hilbench::stimulus {

class charging_world : public charger::ac_outlet, public charger::dc_outlet, public energy_history {
public:
    // grid_v / grid_hz: (t_s, value) steps (empty: rated); temperature: the ambient profile;
    // phases: the AC post's lines (1 or 3; a balanced load on three)
    charging_world(double rated_v, double rated_hz, time_series grid_v, time_series grid_hz, time_series temperature,
                   int phases = 1);

    // what is plugged in
    void plug_vehicle(double t_s, const charger::ev_params& ev);
    void plug_load(double t_s, double current_a, double power_factor_or_volts);
    void set_load(double t_s, double current_a, double power_factor_or_volts);
    void unplug(double t_s);
    bool vehicle_plugged() const { return m_ev != nullptr; }
    const charger::ev_model* vehicle() const { return m_ev.get(); }

    // the AC post's lines (its meters' and the AC reference meter's): L1, L2, L3
    ac_source& line(std::size_t k = 0) { return *m_lines.at(k); }
    const ac_source& line(std::size_t k = 0) const { return *m_lines.at(k); }
    std::size_t phases() const { return m_lines.size(); }
    // the energy of all the AC post's lines (what a polyphase reference meter integrates)
    const energy_history& ac_history() const { return m_ac_sum; }

    // ac_outlet
    charger::cp_state vehicle_state(double t_s) override;
    void supply(double t_s, double offered_a, bool contactor_closed) override;
    // dc_outlet
    bool vehicle_ready(double t_s) const override;
    double demand_current_a(double t_s) const override;
    double demand_voltage_v(double t_s) const override;
    double deliver(double t_s, double current_a) override;
    void handshake(double t_s, double max_voltage_v, double max_current_a) override;
    void stopped(double t_s, const std::string& reason, double energy_kwh) override;
    double temperature_c(double t_s) const override { return m_lines.front()->temperature_c(t_s); }

    // DC: the energy at the vehicle inlet over [t0, t1] (Wh), exact for the piecewise-constant
    // output; and the inlet's history
    double dc_energy_wh(double t0, double t1) const;
    // energy_history: the DC inlet's energy (the AC post's is the line's: line().energy_j)
    double energy_j(double t0, double t1) const override { return dc_energy_wh(t0, t1) * 3600; }
    double dc_delivered_kwh() const { return dc_energy_wh(0, m_dc.empty() ? 0 : m_dc.back().t) / 1000; }
    double ac_delivered_kwh(double t_s) const { return m_ac_sum.energy_j(0, t_s) / 3.6e6; }
    double grid_voltage_v(double t_s) const;
    double grid_frequency_hz(double t_s) const;
    const std::vector<charger::can_message>& messages() const;

private:
    struct dc_step {
        double t, volts, amps;
    };
    void update_ac_current(double t_s);

    struct line_sum : energy_history {
        const std::vector<std::unique_ptr<ac_source>>* lines = nullptr;
        double energy_j(double t0, double t1) const override {
            double e = 0;
            for (const auto& l : *lines) e += l->energy_j(t0, t1);
            return e;
        }
    };
    std::vector<std::unique_ptr<ac_source>> m_lines;
    line_sum m_ac_sum;
    double m_rated_v, m_rated_hz;
    time_series m_grid_v, m_grid_hz;
    std::unique_ptr<charger::ev_model> m_ev;
    bool m_load = false;
    double m_load_a = 0, m_load_pf_or_v = 1;
    double m_offered = 0;
    bool m_closed = false;
    double m_ev_t = 0;  // the vehicle's charge is integrated up to here
    std::vector<dc_step> m_dc;
    double m_last_log_s = -1e9;
    std::vector<charger::can_message> m_no_messages;
};

}  // namespace hilbench::stimulus
