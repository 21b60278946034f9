#include "models/charger/ac_post.h"

#include <algorithm>
#include <cmath>

#include "models/charger/charger_taps.h"
#include "models/core/errors.h"

namespace hilbench::charger {
namespace {

constexpr double control_period_s = 0.5;

charger_identity identity_of(const ac_post_params& p, const meter::meter_params& mp) {
    charger_identity id;
    id.gateway_id = "HB-AC-POST";
    id.gateway_serial = p.ocmf.serial;
    id.firmware = p.firmware_version;
    id.meter_model = "HB-EM-1P";
    id.meter_serial = p.ocmf.serial + "-M";
    id.meter_firmware = mp.firmware_version;
    id.evse_id = p.ocmf.evse_id;
    id.current_type = "AC";
    return id;
}

double now_s() { return sc_core::sc_time_stamp().to_seconds(); }

}  // namespace

meter::meter_params ac_post::meter_params_of(const ac_post_params& p) {
    meter::meter_params m;
    m.accuracy_class = p.accuracy_class;
    m.voltage_v = p.rated_voltage_v;
    m.freq_hz = p.freq_hz;
    m.max_current_a = p.max_current_a;
    m.basic_current_a = std::max(0.5, p.max_current_a / 8);
    m.meter_constant_imp_per_kwh = p.meter_constant_imp_per_kwh;
    m.display_resolution_kwh = p.display_resolution_kwh;
    m.shunt_resistance_ohm = p.shunt_resistance_ohm;
    m.neutral_shunt_resistance_ohm = p.shunt_resistance_ohm;
    // the firmware's current scaling (a CT ratio or pulse constant parameter) acts as a gain
    m.calibration_gain_error_pct = p.calibration_gain_error_pct + (p.ct_ratio_factor - 1) * 100;
    m.firmware_version = "post-meter-1.0";
    return m;
}

ac_post::ac_post(sc_core::sc_module_name name, const ac_post_params& p, fidelity f, ac_line& line, ac_outlet& outlet,
                 uint64_t seed, engine::cheat_engine* eng, double start_h)
    : sc_core::sc_module(name),
      m_p(p),
      m_meter_params(meter_params_of(p)),
      m_meter("meter", m_meter_params, f, line, seed, 0.01, eng, start_h),
      m_line(line),
      m_outlet(outlet),
      m_engine(eng),
      m_fw(identity_of(p, m_meter_params), p.billing, p.clock, p.ocmf, p.display_resolution_kwh, start_h, seed, eng) {
    try {
        ac_post_param_table().validate(p);
    } catch (const param_error& e) {
        throw config_error(basename(), "/device/params" + e.pointer(), e.message());
    }
    if (m_engine) m_meter.let_owner_step_triggers();
    m_nameplate.accuracy_class = p.accuracy_class;
    m_nameplate.current_type = "AC";
    m_nameplate.rated_voltage_v = p.rated_voltage_v;
    m_nameplate.min_current_a = p.min_current_a;
    m_nameplate.max_current_a = p.max_current_a;
    m_nameplate.meter_constant_imp_per_kwh = p.meter_constant_imp_per_kwh;
    m_nameplate.display_resolution_kwh = p.display_resolution_kwh;
    m_nameplate.min_pay_cny = p.billing.min_pay_cny;
    m_nameplate.device_id = p.ocmf.serial;
    m_nameplate.registered_public_key = m_fw.registered_public_key();
    m_observables.keys = nullptr;
    SC_HAS_PROCESS(ac_post);
    SC_THREAD(control_thread);
}

session_display ac_post::display() const { return m_fw.display(now_s()); }

const std::vector<audit_entry>& ac_post::audit_trail() const {
    m_audit = m_fw.audit_trail();
    for (audit_entry e : m_meter.audit_trail()) {
        e.source = "meter " + e.source;
        m_audit.push_back(e);
    }
    std::stable_sort(m_audit.begin(), m_audit.end(),
                     [](const audit_entry& a, const audit_entry& b) { return a.time_s < b.time_s; });
    for (std::size_t k = 0; k < m_audit.size(); ++k) m_audit[k].sequence = k + 1;
    return m_audit;
}

void ac_post::start_session(const std::string& id_tag) {
    const double now = now_s();
    step(now);
    if (m_fw.charging()) return;
    m_authorised = true;
    m_id_tag = id_tag;
    m_fw.start(now, id_tag);
    m_wake.notify(sc_core::SC_ZERO_TIME);
}

void ac_post::stop_session() {
    const double now = now_s();
    step(now);
    m_authorised = false;
    m_contactor = false;
    m_ready_since = -1;
    m_offered = 0;
    m_outlet.supply(now, 0, false);
    m_fw.stop(now);
    m_display_event.notify(sc_core::SC_ZERO_TIME);
    m_wake.notify(sc_core::SC_ZERO_TIME);
}

void ac_post::step(double now) {
    m_meter.sync(now);
    m_fw.meter_register(now, m_meter.registered_kwh());
    if (m_engine) {
        engine::observables& o = m_observables;
        o.t_s = now;
        o.clock_h = m_fw.clock().time_of_day_h(now);
        o.values = m_meter.observable_values(now);
        o.values.push_back(m_fw.charging() ? m_fw.display(now).energy_kwh : 0.0);
        o.values.push_back(m_fw.charging() ? 1.0 : 0.0);
        o.powered = m_line.state().energized;
        m_meter.engine_changed(now, m_engine->step(o));
    }
    // the pilot: the post offers its (and its cable's) current once a session is authorised
    const cp_state vs = m_outlet.vehicle_state(now);
    const auto cable = cable_capacity_a(m_p.cable_rc_ohm);
    const double offer = m_authorised ? std::min(m_p.max_current_a, cable ? *cable : m_p.max_current_a) : 0.0;
    bool close = false;
    if (m_authorised && may_energise(vs)) {
        if (m_ready_since < 0) m_ready_since = now;
        close = now - m_ready_since >= m_p.contactor_delay_s - 1e-9;
    } else {
        m_ready_since = -1;
    }
    if (offer != m_offered || close != m_contactor) {
        m_offered = offer;
        m_contactor = close;
        m_outlet.supply(now, offer, close);
    }
    if (m_fw.charging() && vs == cp_state::A) {  // unplugged: the session ends
        m_authorised = false;
        m_contactor = false;
        m_outlet.supply(now, 0, false);
        m_fw.stop(now);
    }
    m_fw.advance(now);
    const double shown = m_fw.display(now).energy_kwh;
    if (shown != m_shown_kwh) {
        m_shown_kwh = shown;
        m_display_event.notify(sc_core::SC_ZERO_TIME);
    }
}

void ac_post::control_thread() {
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
