#include "models/charger/ev_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hilbench::charger {
namespace {

std::string fmt(const char* f, double a, double b = 0, double c = 0, double d = 0) {
    char s[160];
    std::snprintf(s, sizeof s, f, a, b, c, d);
    return s;
}

}  // namespace

ev_model::ev_model(const ev_params& p) : m_p(p), m_soc(p.soc_start_pct) {
    m_finished = m_soc >= m_p.soc_target_pct;
}

double ev_model::ocv_v() const { return m_p.v_empty + (m_p.v_full - m_p.v_empty) * m_soc / 100; }

double ev_model::demand_current_a() const {
    if (m_finished) return 0;
    // CC at the maximum until the terminal voltage reaches the charge voltage, then the current
    // that holds it there
    const double cv_current = (m_p.charge_voltage_v - ocv_v()) / m_p.internal_ohm;
    return std::clamp(cv_current, 0.0, m_p.max_current_a);
}

bool ev_model::cv_phase() const {
    return !m_finished && (m_p.charge_voltage_v - ocv_v()) / m_p.internal_ohm < m_p.max_current_a;
}

double ev_model::ac_line_current_a(double pilot_limit_a, double line_v, int phases) const {
    if (m_finished || line_v <= 0) return 0;
    const double want = std::min(pilot_limit_a, m_p.obc_max_current_a);
    // the pack's CV taper limits the OBC's output power; the OBC is taken as lossless
    const double pack_w = demand_current_a() * terminal_v(demand_current_a());
    return std::max(0.0, std::min(want, pack_w / (phases * line_v * m_p.obc_pf)));
}

void ev_model::charge(double current_a, double dt_s) {
    if (m_finished || current_a <= 0 || dt_s <= 0) return;
    const double wh = current_a * terminal_v(current_a) * dt_s / 3600 -
                      current_a * current_a * m_p.internal_ohm * dt_s / 3600;  // less the pack's own loss
    m_soc = std::min(100.0, m_soc + wh / 1000 / m_p.capacity_kwh * 100);
    if (m_soc >= m_p.soc_target_pct) m_finished = true;
    if (cv_phase() && demand_current_a() < m_p.end_current_a) m_finished = true;
}

void ev_model::log_handshake(double t, double vmax, double amax) {
    m_log.push_back({t, "charger", "CHM", "protocol version 1.1"});
    m_log.push_back({t, "BMS", "BHM", fmt("max allowable charging voltage %.1f V", m_p.charge_voltage_v + 5)});
    m_log.push_back({t, "charger", "CRM", "recognition 0x00"});
    m_log.push_back({t, "BMS", "BRM", "VIN " + m_p.vin + fmt(", rated capacity %.1f kWh", m_p.capacity_kwh)});
    m_log.push_back({t, "BMS", "BCP",
                     fmt("max charge voltage %.1f V, max charge current %.1f A, SOC %.1f %%, pack voltage %.1f V",
                         m_p.charge_voltage_v, m_p.max_current_a, m_soc, ocv_v())});
    m_log.push_back({t, "charger", "CML", fmt("max output voltage %.1f V, max output current %.1f A", vmax, amax)});
    m_log.push_back({t, "BMS", "BRO", "ready 0xAA"});
    m_log.push_back({t, "charger", "CRO", "ready 0xAA"});
}

void ev_model::log_charging(double t, double out_v, double out_a, double energy_kwh, double minutes) {
    m_log.push_back({t, "BMS", "BCL",
                     fmt("demand %.1f V, %.1f A, mode ", demand_voltage_v(), demand_current_a()) + (cv_phase() ? "CV" : "CC")});
    m_log.push_back({t, "BMS", "BCS", fmt("measured %.1f V, %.1f A, SOC %.1f %%", terminal_v(out_a), out_a, m_soc)});
    m_log.push_back({t, "charger", "CCS", fmt("output %.1f V, %.1f A, %.0f min, %.3f kWh", out_v, out_a, minutes, energy_kwh)});
}

void ev_model::log_stop(double t, const std::string& reason, double energy_kwh) {
    m_log.push_back({t, "BMS", "BST", "stop: " + reason});
    m_log.push_back({t, "charger", "CST", "stop acknowledged"});
    m_log.push_back({t, "BMS", "BSD", fmt("SOC %.1f %%", m_soc)});
    m_log.push_back({t, "charger", "CSD", fmt("energy %.3f kWh", energy_kwh)});
}

}  // namespace hilbench::charger
