#include "models/charger/dc_charger.h"

#include <algorithm>
#include <cmath>

#include "models/core/errors.h"

namespace hilbench::charger {
namespace {

constexpr double control_period_s = 1.0;

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

double cable_mohm_of(const dc_charger_params& p, int id) {
    for (const cable_entry& c : p.cables)
        if (c.id == id) return c.resistance_mohm;
    return 0;  // an id the table does not know: no compensation
}

}  // namespace

charger_nameplate dc_charger::nameplate_of(const dc_charger_params& p) {
    charger_nameplate n;
    n.accuracy_class = p.accuracy_class;
    n.current_type = "DC";
    n.min_voltage_v = p.min_voltage_v;
    n.max_voltage_v = p.max_voltage_v;
    n.min_current_a = p.min_current_a;
    n.max_current_a = p.max_current_a;
    n.meter_constant_imp_per_kwh = p.meter.meter_constant_imp_per_kwh;
    n.display_resolution_kwh = p.meter.display_resolution_kwh;
    n.min_pay_cny = p.billing.min_pay_cny;
    n.device_id = p.ocmf.serial;
    n.registered_public_key = ocmf::signing_key(p.ocmf.signing_key).public_key_hex();
    n.registered_cable_mohm = p.loss_compensation ? cable_mohm_of(p, p.cable_id) : 0.0;
    return n;
}

dc_charger::dc_charger(sc_core::sc_module_name name, const dc_charger_params& p, fidelity f, dc_outlet& outlet,
                       uint64_t seed, engine::cheat_engine* eng, double start_h)
    : charger_device(name, nameplate_of(p), identity_of(p), p.billing, p.clock, p.ocmf, p.meter.display_resolution_kwh,
                     start_h, seed, eng, control_period_s),
      m_p(p),
      m_meter(p.meter, f, seed),
      m_outlet(outlet),
      m_engine(eng),
      m_cable_id(p.cable_id),
      m_cable_mohm(p.cable_resistance_mohm) {
    try {
        dc_charger_param_table().validate(p);
    } catch (const param_error& e) {
        throw config_error(basename(), "/device/params" + e.pointer(), e.message());
    }
    if (p.loss_compensation) m_fw.set_cable(0, {p.cable_id, cable_mohm(p.cable_id)}, "factory");
    m_meter.power_on(0);
    m_meter.set_line(0, 0, 0, outlet.temperature_c(0), m_mod);
}

double dc_charger::cable_mohm(int id) const { return cable_mohm_of(m_p, id); }

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
        m_true_loss_kwh += m_current * m_current * m_cable_mohm * 1e-3 * dt / 3.6e6;
        m_last_t = now;
    }
    m_meter.sync(now);
    std::vector<double> out;
    const auto& pulses = m_meter.pulse_times();
    for (; m_pulses_taken < pulses.size(); ++m_pulses_taken) {
        const unsigned copies = m_engine ? m_engine->pulse_copies("meter.test_output") : 1u;
        for (unsigned k = 0; k < copies; ++k) out.push_back(pulses[m_pulses_taken] + 1e-3 * k);
    }
    add_pulses(out);
    m_fw.meter_register(now, m_meter.display_kwh() - m_loss_kwh);
}

void dc_charger::start_session(const std::string& id_tag) {
    const double now = now_s();
    step(now);
    if (m_fw.charging()) return;
    m_authorised = true;
    m_outlet.handshake(now, m_p.max_voltage_v, m_p.max_current_a);
    m_fw.start(now, id_tag, m_loss_kwh);
    wake();
}

void dc_charger::end_session(double now, const std::string& reason) {
    m_authorised = false;
    m_current = 0;
    m_outlet.deliver(now, 0);
    m_meter.set_line(now, 0, 0, m_outlet.temperature_c(now), m_mod);
    m_fw.stop(now, m_loss_kwh);
    m_outlet.stopped(now, reason, m_fw.receipts().back().energy_kwh);
    m_display_event.notify(sc_core::SC_ZERO_TIME);
}

void dc_charger::stop_session() {
    const double now = now_s();
    step(now);
    if (!m_fw.charging()) return;
    account(now);
    end_session(now, "the charger ended the session");
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
        m_cable_mohm = m_engine->apply("cable.resistance", m_p.cable_resistance_mohm, now);
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
    const double volts = amps > 0 ? v_vehicle + amps * m_cable_mohm * 1e-3 : 0.0;
    if (amps != m_current || volts != m_voltage || mod_changed) {
        m_current = amps;
        m_voltage = volts;
        m_meter.set_line(now, volts, amps, m_outlet.temperature_c(now), m_mod);
    }
    if (m_fw.charging() && m_authorised && !m_outlet.vehicle_ready(now))
        end_session(now, "the vehicle's BMS ended the charge");
    m_fw.advance(now, m_loss_kwh);
    show(now);
}

}  // namespace hilbench::charger
