// The vehicle on the other end of the cable: a battery pack (capacity, state of charge, open-
// circuit voltage rising with the charge, internal resistance) and its battery management
// system. The BMS charges at constant current up to the pack's charge voltage, then holds that
// voltage while the current falls (CC/CV), and stops at the target state of charge or when the
// current falls below its end current.
//
// On a DC charger the BMS states its demand in GB/T 27930 messages at message level: the
// handshake (BHM/CHM, BRM/CRM), the parameters (BCP, CML), readiness (BRO/CRO), then the
// demand (BCL: voltage, current, CC or CV) and status (BCS: measured voltage and current,
// SOC, remaining time) while charging, and the stop (BST/CST) and statistics (BSD/CSD). The
// simulation logs each kind once per `log_period_s` (the real cycle is 50 ms for BCL and
// 250 ms for BCS; the log keeps the evidence without 20 entries a second).
// On an AC post the on-board charger draws what the control pilot allows, up to its own
// maximum, with the same taper.
#pragma once
#include <string>
#include <vector>

namespace hilbench::charger {

struct ev_params {
    double capacity_kwh = 60;        // usable energy of the pack
    double soc_start_pct = 20;
    double soc_target_pct = 90;      // the BMS stops here
    double v_empty = 330, v_full = 410;  // open-circuit voltage at 0 and 100 % SOC (linear between)
    double charge_voltage_v = 405;   // CV level (below v_full: the pack is never driven to its limit)
    double internal_ohm = 0.08;      // pack resistance
    double max_current_a = 200;      // DC: the BMS's maximum demand
    double obc_max_current_a = 32;   // AC: the on-board charger's maximum line current
    double obc_pf = 0.99;            // AC: the on-board charger's power factor
    double end_current_a = 5;        // CV ends below this current
    std::string vin = "LHB0000000000SIM1";
};

// One GB/T 27930 style message as logged: who sent it (BMS or charger), its code and fields.
struct can_message {
    double t_s = 0;
    std::string from, code, text;
};

class ev_model {
public:
    explicit ev_model(const ev_params& p);
    const ev_params& params() const { return m_p; }

    double soc_pct() const { return m_soc; }
    double ocv_v() const;
    // The current the BMS asks for now (DC), before the charger's limits; 0 once it stops.
    double demand_current_a() const;
    double demand_voltage_v() const { return m_p.charge_voltage_v; }
    bool cv_phase() const;
    bool finished() const { return m_finished; }
    // The pack's terminal voltage at a charging current (V = OCV + I R).
    double terminal_v(double current_a) const { return ocv_v() + current_a * m_p.internal_ohm; }
    // AC: the line current the on-board charger draws (A RMS) under a pilot limit, at line
    // voltage v (the pack's taper seen through the OBC's power).
    double ac_line_current_a(double pilot_limit_a, double line_v, int phases = 1) const;
    // Energy into the pack over dt at a charging current (DC side of the vehicle inlet).
    void charge(double current_a, double dt_s);

    // GB/T 27930 message log
    void log_handshake(double t_s, double charger_max_v, double charger_max_a);
    void log_charging(double t_s, double out_v, double out_a, double energy_kwh, double minutes);
    void log_stop(double t_s, const std::string& reason, double energy_kwh);
    const std::vector<can_message>& messages() const { return m_log; }

private:
    ev_params m_p;
    double m_soc;
    bool m_finished = false;
    std::vector<can_message> m_log;
};

}  // namespace hilbench::charger
