#include "models/charger/ac_post.h"

#include <algorithm>
#include <cmath>

#include "models/charger/charger_taps.h"
#include "models/core/errors.h"
#include "models/core/rng.h"

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

}  // namespace

charger_nameplate ac_post::nameplate_of(const ac_post_params& p) {
    charger_nameplate n;
    n.accuracy_class = p.accuracy_class;
    n.current_type = "AC";
    n.rated_voltage_v = p.rated_voltage_v;
    n.min_current_a = p.min_current_a;
    n.max_current_a = p.max_current_a;
    n.meter_constant_imp_per_kwh = p.meter_constant_imp_per_kwh;
    n.display_resolution_kwh = p.display_resolution_kwh;
    n.min_pay_cny = p.billing.min_pay_cny;
    n.device_id = p.ocmf.serial;
    n.registered_public_key = ocmf::signing_key(p.ocmf.signing_key).public_key_hex();
    return n;
}

int ac_post::pulse_divider_of(const ac_post_params& p) {
    if (p.phases == 1) return 1;
    // the chips pulse this many times faster and the post divides their merged pulses, so that
    // its test output counts the summed energy (a chip's pulses stay below 400 Hz at full load)
    const double hz = p.max_current_a * p.rated_voltage_v / 3.6e6 * p.meter_constant_imp_per_kwh;
    return std::clamp(int(400 / std::max(hz, 1e-9)), 1, 64);
}

meter::meter_params ac_post::meter_params_of(const ac_post_params& p) {
    meter::meter_params m;
    m.accuracy_class = p.accuracy_class;
    m.voltage_v = p.rated_voltage_v;
    m.freq_hz = p.freq_hz;
    m.max_current_a = p.max_current_a;
    m.basic_current_a = std::max(0.5, p.max_current_a / 8);
    m.meter_constant_imp_per_kwh = p.meter_constant_imp_per_kwh * pulse_divider_of(p);
    if (p.phases > 1) m.cf_pulse_width_ms = 1;
    m.display_resolution_kwh = p.display_resolution_kwh;
    m.shunt_resistance_ohm = p.shunt_resistance_ohm;
    m.neutral_shunt_resistance_ohm = p.shunt_resistance_ohm;
    // the firmware's current scaling (a CT ratio or pulse constant parameter) acts as a gain
    m.calibration_gain_error_pct = p.calibration_gain_error_pct + (p.ct_ratio_factor - 1) * 100;
    m.firmware_version = "post-meter-1.0";
    return m;
}

ac_post::ac_post(sc_core::sc_module_name name, const ac_post_params& p, fidelity f, std::vector<ac_line*> lines,
                 ac_outlet& outlet, uint64_t seed, engine::cheat_engine* eng, double start_h)
    : charger_device(name, nameplate_of(p), identity_of(p, meter_params_of(p)), p.billing, p.clock, p.ocmf,
                     p.display_resolution_kwh, start_h, seed, eng, control_period_s),
      m_p(p),
      m_divider(pulse_divider_of(p)),
      m_meter_params(meter_params_of(p)),
      m_lines(std::move(lines)),
      m_outlet(outlet),
      m_engine(eng) {
    try {
        ac_post_param_table().validate(p);
    } catch (const param_error& e) {
        throw config_error(basename(), "/device/params" + e.pointer(), e.message());
    }
    HB_ASSERT(int(m_lines.size()) == p.phases, "an AC post needs one line per phase");
    for (std::size_t k = 0; k < m_lines.size(); ++k) {
        // each phase's chip has its own noise (its seed), the same calibration and firmware
        m_meters.push_back(std::make_unique<meter::single_phase_meter>(
            ("meter_L" + std::to_string(k + 1)).c_str(), m_meter_params, f, *m_lines[k],
            k == 0 ? seed : derive_seed(seed, "phase " + std::to_string(k + 1)), 0.01, eng, start_h));
        if (m_engine) m_meters.back()->let_owner_step_triggers();
    }
    m_taken.assign(m_meters.size(), 0);
    SC_HAS_PROCESS(ac_post);
    SC_THREAD(pulse_thread);
}

const std::vector<audit_entry>& ac_post::audit_trail() const {
    m_audit = m_fw.audit_trail();
    for (std::size_t k = 0; k < m_meters.size(); ++k)
        for (audit_entry e : m_meters[k]->audit_trail()) {
            e.source = (m_meters.size() > 1 ? "meter L" + std::to_string(k + 1) + " " : "meter ") + e.source;
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
    m_fw.start(now, id_tag);
    wake();
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
    wake();
}

double ac_post::meter_register_kwh() const {
    double kwh = 0;
    for (const auto& m : m_meters) kwh += m->registered_kwh();
    return kwh;
}

void ac_post::take_pulses(double now) {
    std::vector<double> fresh, out;
    for (std::size_t k = 0; k < m_meters.size(); ++k) {
        m_meters[k]->sync(now);
        for (; m_taken[k] < m_meters[k]->cf_pulse_count(); ++m_taken[k])
            fresh.push_back(m_meters[k]->cf_edge_time_s(m_taken[k]));
    }
    std::sort(fresh.begin(), fresh.end());
    for (double t : fresh)
        if (++m_chip_pulses % std::size_t(m_divider) == 0) out.push_back(t);
    add_pulses(out);
}

void ac_post::pulse_thread() {
    // a single chip's edges are passed on as they come; several are merged at each control step
    if (m_meters.size() > 1) return;
    for (;;) {
        wait(m_meters.front()->cf_event());
        take_pulses(now_s());
    }
}

void ac_post::step(double now) {
    take_pulses(now);
    m_fw.meter_register(now, meter_register_kwh());
    if (m_engine) {
        engine::observables& o = m_observables;
        o.t_s = now;
        o.clock_h = m_fw.clock().time_of_day_h(now);
        o.values = m_meters.front()->observable_values(now);
        o.values.push_back(m_fw.charging() ? m_fw.display(now).energy_kwh : 0.0);
        o.values.push_back(m_fw.charging() ? 1.0 : 0.0);
        o.powered = m_lines.front()->state().energized;
        const bool changed = m_engine->step(o);
        const auto writes = m_engine->take_register_writes("fw.calibration");  // to every phase's chip
        for (auto& m : m_meters) m->engine_changed(now, changed, writes);
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
    show(now);
}

}  // namespace hilbench::charger
