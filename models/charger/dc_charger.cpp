#include "models/charger/dc_charger.h"

#include <algorithm>
#include <cmath>

#include "models/core/errors.h"

namespace hilbench::charger {
namespace {

constexpr double control_period_s = 1.0;

double now_s() { return sc_core::sc_time_stamp().to_seconds(); }

charger_identity identity_of(const dc_charger_params& p) {
    charger_identity id;
    id.gateway_id = "HB-DC-CHARGER";
    id.gateway_serial = p.ocmf.serial;
    id.firmware = p.firmware_version;
    id.meter_model = p.meter.current_sensor == "hall" ? "HB-DCM-H" : "HB-DCM-S";
    id.meter_serial = p.ocmf.serial + "-M";
    id.meter_firmware = p.meter.firmware_version;
    id.evse_id = p.ocmf.evse_id;
    id.current_type = "DC";
    return id;
}

}  // namespace

dc_charger::dc_charger(sc_core::sc_module_name name, const dc_charger_params& p, fidelity f, dc_outlet& outlet,
                       uint64_t seed, engine::cheat_engine* eng, double start_h)
    : sc_core::sc_module(name),
      m_p(p),
      m_meter(p.meter, f, seed),
      m_outlet(outlet),
      m_engine(eng),
      m_fw(identity_of(p), p.billing, p.clock, p.ocmf, p.meter.display_resolution_kwh, start_h, seed, eng),
      m_cable_id(p.cable_id) {
    try {
        dc_charger_param_table().validate(p);
    } catch (const param_error& e) {
        throw config_error(basename(), "/device/params" + e.pointer(), e.message());
    }
    m_nameplate.accuracy_class = p.accuracy_class;
    m_nameplate.current_type = "DC";
    m_nameplate.min_voltage_v = p.min_voltage_v;
    m_nameplate.max_voltage_v = p.max_voltage_v;
    m_nameplate.min_current_a = p.min_current_a;
    m_nameplate.max_current_a = p.max_current_a;
    m_nameplate.meter_constant_imp_per_kwh = p.meter.meter_constant_imp_per_kwh;
    m_nameplate.display_resolution_kwh = p.meter.display_resolution_kwh;
    m_nameplate.min_pay_cny = p.billing.min_pay_cny;
    m_nameplate.device_id = p.ocmf.serial;
    m_nameplate.registered_public_key = m_fw.registered_public_key();
    m_nameplate.registered_cable_mohm = cable_mohm(p.cable_id);
    if (p.loss_compensation) m_fw.set_cable(0, {p.cable_id, cable_mohm(p.cable_id)}, "factory");
    m_meter.power_on(0);
    m_meter.set_line(0, 0, 0, outlet.temperature_c(0), m_mod);
    SC_HAS_PROCESS(dc_charger);
    SC_THREAD(control_thread);
}

double dc_charger::cable_mohm(int id) const {
    for (const cable_entry& c : m_p.cables)
        if (c.id == id) return c.resistance_mohm;
    return 0;  // an id the table does not know: no compensation
}

session_display dc_charger::display() const { return m_fw.display(now_s()); }

std::vector<model_stat> dc_charger::stats() const {
    return {{"rtl_clock_cycles", "cycle", "clock cycles of the Verilated front end (DC mode)",
             double(m_meter.clock_cycles())}};
}

dc_modifiers dc_charger::modifiers(double now) {
    dc_modifiers m;
    if (!m_engine) return m;
    const double temp = m_outlet.temperature_c(now);
    m.current_gain = m_engine->apply("dc_meter.current_gain", 1.0, now) * (1 + m_engine->drift("dc_meter.current_gain", now, temp));
    m.voltage_gain = m_engine->apply("dc_meter.voltage_gain", 1.0, now) * (1 + m_engine->drift("dc_meter.voltage_gain", now, temp));
    m.current_offset_a = m_engine->drift("dc_meter.hall_offset_a", now, temp);
    return m;
}

void dc_charger::account(double now) {
    const double dt = now - m_last_t;
    if (dt > 0) {
        // the firmware's compensation: its own current reading (through the meter's gain) and
        // the resistance of the cable id it is set to
        const double measured_a = m_current * m_mod.current_gain + m_mod.current_offset_a;
        if (m_p.loss_compensation && m_current > 0)
            m_loss_kwh += measured_a * measured_a * cable_mohm(m_cable_id) * 1e-3 * dt / 3.6e6;
        m_true_loss_kwh += m_current * m_current * m_p.cable_resistance_mohm * 1e-3 * dt / 3.6e6;
        m_last_t = now;
    }
    m_meter.sync(now);
    const auto& pulses = m_meter.pulse_times();
    for (; m_pulses_taken < pulses.size(); ++m_pulses_taken) {
        const unsigned copies = m_engine ? m_engine->pulse_copies("meter.test_output") : 1u;
        for (unsigned k = 0; k < copies; ++k) m_pulses.push_back(pulses[m_pulses_taken] + 1e-3 * k);
    }
    m_fw.meter_register(now, m_meter.display_kwh() - m_loss_kwh);
}

void dc_charger::start_session(const std::string& id_tag) {
    const double now = now_s();
    step(now);
    if (m_fw.charging()) return;
    m_authorised = true;
    m_outlet.handshake(now, m_p.max_voltage_v, m_p.max_current_a);
    m_fw.start(now, id_tag, m_loss_kwh);
    m_wake.notify(sc_core::SC_ZERO_TIME);
}

void dc_charger::stop_session() {
    const double now = now_s();
    step(now);
    if (!m_fw.charging()) return;
    m_authorised = false;
    account(now);
    m_current = 0;
    m_outlet.deliver(now, 0);
    m_meter.set_line(now, 0, 0, m_outlet.temperature_c(now), m_mod);
    m_fw.stop(now, m_loss_kwh);
    m_outlet.stopped(now, "the charger ended the session", m_fw.receipts().back().energy_kwh);
    m_display_event.notify(sc_core::SC_ZERO_TIME);
}

void dc_charger::step(double now) {
    account(now);
    if (m_engine) {
        engine::observables& o = m_observables;
        o.t_s = now;
        o.clock_h = m_fw.clock().time_of_day_h(now);
        o.values = {m_current, m_voltage, m_current * m_voltage, m_meter.energy_wh(), o.clock_h,
                    m_fw.charging() ? m_fw.display(now).energy_kwh : 0.0, m_fw.charging() ? 1.0 : 0.0};
        m_engine->step(o);
        // the cable id set through the unsealed interface (an offset on the fitted id)
        const int id = static_cast<int>(std::lround(m_engine->apply("fw.cable_id", double(m_p.cable_id), now)));
        if (id != m_cable_id) {
            m_cable_id = id;
            if (m_p.loss_compensation) m_fw.set_cable(now, {id, cable_mohm(id)}, "comms");
        }
    }
    // the power module follows the demand within its limits
    double amps = 0;
    if (m_authorised && m_outlet.vehicle_ready(now)) {
        const double v_est = std::max(m_p.min_voltage_v, m_outlet.demand_voltage_v(now));
        amps = std::clamp(m_outlet.demand_current_a(now), 0.0, std::min(m_p.max_current_a, m_p.max_power_kw * 1000 / v_est));
    }
    const dc_modifiers mod = modifiers(now);
    const bool mod_changed = mod.current_gain != m_mod.current_gain || mod.voltage_gain != m_mod.voltage_gain ||
                             mod.current_offset_a != m_mod.current_offset_a;
    m_mod = mod;
    const double v_vehicle = m_outlet.deliver(now, amps);
    const double volts = amps > 0 ? v_vehicle + amps * m_p.cable_resistance_mohm * 1e-3 : 0.0;
    if (amps != m_current || volts != m_voltage || mod_changed) {
        m_current = amps;
        m_voltage = volts;
        m_meter.set_line(now, volts, amps, m_outlet.temperature_c(now), m_mod);
    }
    if (m_fw.charging() && m_authorised && !m_outlet.vehicle_ready(now)) {  // the BMS stopped
        m_authorised = false;
        m_current = 0;
        m_outlet.deliver(now, 0);
        m_meter.set_line(now, 0, 0, m_outlet.temperature_c(now), m_mod);
        m_fw.stop(now, m_loss_kwh);
        m_outlet.stopped(now, "the vehicle's BMS ended the charge", m_fw.receipts().back().energy_kwh);
    }
    m_fw.advance(now, m_loss_kwh);
    const double shown = m_fw.display(now).energy_kwh;
    if (shown != m_shown_kwh) {
        m_shown_kwh = shown;
        m_display_event.notify(sc_core::SC_ZERO_TIME);
    }
    if (m_pulses.size() != m_pulses_seen) {
        m_pulses_seen = m_pulses.size();
        m_pulse_event.notify(sc_core::SC_ZERO_TIME);
    }
}

void dc_charger::control_thread() {
    wait(sc_core::SC_ZERO_TIME);
    for (;;) {
        const double now = now_s();
        step(now);
        double next = now + control_period_s;
        const double w = m_fw.next_wakeup(now);
        if (w > now + 1e-9 && w < next) next = w;
        wait(sc_core::sc_time(next - now, sc_core::SC_SEC), m_wake);
    }
}

}  // namespace hilbench::charger
