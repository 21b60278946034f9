#include "harness/stimulus/charging_world.h"

#include <algorithm>
#include <cmath>

#include "models/core/errors.h"

namespace hilbench::stimulus {
namespace {

constexpr double pi = 3.14159265358979323846;
constexpr double log_period_s = 10;  // one BCL/BCS/CCS entry per this (the bus sends them every 50/250 ms)

double step_value(const time_series& s, double t, double otherwise) {
    double v = otherwise;
    for (const auto& [from, value] : s)
        if (t >= from) v = value;
    return v;
}

ac_line_state idle(double v, double hz) {
    ac_line_state s;
    s.voltage_v = v;
    s.freq_hz = hz;
    return s;
}

}  // namespace

charging_world::charging_world(double rated_v, double rated_hz, time_series grid_v, time_series grid_hz,
                               time_series temperature, int phases)
    : m_rated_v(rated_v), m_rated_hz(rated_hz), m_grid_v(std::move(grid_v)), m_grid_hz(std::move(grid_hz)) {
    for (int k = 0; k < std::max(1, phases); ++k)
        m_lines.push_back(std::make_unique<ac_source>(idle(grid_voltage_v(0), grid_frequency_hz(0)), temperature));
    m_ac_sum.lines = &m_lines;
}

double charging_world::grid_voltage_v(double t) const { return step_value(m_grid_v, t, m_rated_v); }
double charging_world::grid_frequency_hz(double t) const { return step_value(m_grid_hz, t, m_rated_hz); }

void charging_world::plug_vehicle(double t, const charger::ev_params& ev) {
    m_load = false;
    m_ev = std::make_unique<charger::ev_model>(ev);
    m_ev_t = t;
}

void charging_world::plug_load(double t, double a, double pf_or_v) {
    m_ev.reset();
    m_load = true;
    set_load(t, a, pf_or_v);
}

void charging_world::set_load(double t, double a, double pf_or_v) {
    m_load_a = a;
    m_load_pf_or_v = pf_or_v;
    update_ac_current(t);
}

void charging_world::unplug(double t) {
    m_ev.reset();
    m_load = false;
    update_ac_current(t);
}

charger::cp_state charging_world::vehicle_state(double t) {
    if (m_ev) {
        // the pack charges with the power the on-board charger takes from the line (lossless)
        double w = 0;
        for (const auto& l : m_lines) {
            const ac_line_state& s = l->state();
            w += s.voltage_v * s.current_a * std::cos(s.phase_deg * pi / 180);
        }
        if (t > m_ev_t && w > 0) m_ev->charge(w / m_ev->terminal_v(0), t - m_ev_t);
        m_ev_t = std::max(m_ev_t, t);
        update_ac_current(t);
        return m_ev->finished() ? charger::cp_state::B : charger::cp_state::C;
    }
    if (m_load) return charger::cp_state::C;
    update_ac_current(t);
    return charger::cp_state::A;
}

void charging_world::supply(double t, double offered_a, bool closed) {
    m_offered = offered_a;
    m_closed = closed;
    update_ac_current(t);
}

void charging_world::update_ac_current(double t) {
    for (auto& line : m_lines) {
        const ac_line_state& s = line->state();
        ac_line_state n = s;
        n.voltage_v = grid_voltage_v(t);
        n.freq_hz = grid_frequency_hz(t);
        n.current_a = 0;
        n.phase_deg = 0;
        if (m_closed && m_ev) {
            n.current_a = m_ev->ac_line_current_a(m_offered, n.voltage_v, int(m_lines.size()));
            n.phase_deg = std::acos(m_ev->params().obc_pf) * 180 / pi;
        } else if (m_closed && m_load) {
            n.current_a = std::min(m_load_a, m_offered);
            n.phase_deg = std::acos(std::clamp(m_load_pf_or_v, -1.0, 1.0)) * 180 / pi;
        }
        const bool changed = std::fabs(n.current_a - s.current_a) > 0.05 || n.voltage_v != s.voltage_v ||
                             n.freq_hz != s.freq_hz || std::fabs(n.phase_deg - s.phase_deg) > 1e-9 ||
                             (n.current_a == 0) != (s.current_a == 0);
        if (changed && t >= 0) line->set(n, t);
    }
}

bool charging_world::vehicle_ready(double) const { return m_ev ? !m_ev->finished() : m_load; }

double charging_world::demand_current_a(double) const {
    if (m_ev) return m_ev->demand_current_a();
    return m_load ? m_load_a : 0.0;
}

double charging_world::demand_voltage_v(double) const {
    if (m_ev) return m_ev->demand_voltage_v();
    return m_load ? m_load_pf_or_v : 0.0;
}

double charging_world::deliver(double t, double a) {
    const double prev_a = m_dc.empty() ? 0.0 : m_dc.back().amps;
    if (m_ev && t > m_ev_t && prev_a > 0) m_ev->charge(prev_a, t - m_ev_t);
    m_ev_t = std::max(m_ev_t, t);
    const double v = m_ev ? m_ev->terminal_v(a) : (m_load ? m_load_pf_or_v : 0.0);
    if (m_ev && a > 0 && t - m_last_log_s >= log_period_s) {
        m_ev->log_charging(t, v, a, dc_energy_wh(0, t) / 1000, t / 60);
        m_last_log_s = t;
    }
    if (!m_dc.empty() && m_dc.back().t == t)
        m_dc.back() = {t, v, a};
    else
        m_dc.push_back({t, v, a});
    return v;
}

void charging_world::handshake(double t, double vmax, double amax) {
    if (m_ev) m_ev->log_handshake(t, vmax, amax);
}

void charging_world::stopped(double t, const std::string& reason, double kwh) {
    if (m_ev) m_ev->log_stop(t, reason, kwh);
}

double charging_world::dc_energy_wh(double t0, double t1) const {
    double e = 0;
    for (std::size_t k = 0; k < m_dc.size(); ++k) {
        const double a = std::max(t0, m_dc[k].t);
        const double b = std::min(t1, k + 1 < m_dc.size() ? m_dc[k + 1].t : t1);
        if (b > a) e += m_dc[k].volts * m_dc[k].amps * (b - a) / 3600;
    }
    return e;
}

const std::vector<charger::can_message>& charging_world::messages() const {
    return m_ev ? m_ev->messages() : m_no_messages;
}

}  // namespace hilbench::stimulus
