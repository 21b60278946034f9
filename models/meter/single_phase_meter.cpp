#include "models/meter/single_phase_meter.h"

#include <cmath>

#include "models/core/errors.h"

namespace hilbench::meter {

single_phase_meter::single_phase_meter(sc_core::sc_module_name name, const meter_params& p, fidelity f,
                                       ac_line& line, uint64_t seed, double quantum_s, engine::cheat_engine* eng,
                                       double start_time_of_day_h)
    : sc_core::sc_module(name),
      m_p(p),
      m_line(line),
      m_quantum_s(quantum_s),
      m_afe(p),
      m_cal(factory_calibration(p, m_afe)),
      m_fw(p, m_cal),
      m_rtl(f, seed),
      m_engine(eng),
      m_start_h(start_time_of_day_h) {
    try {
        meter_param_table().validate(p);
    } catch (const param_error& e) {
        throw config_error(basename(), "/device/params" + e.pointer(), e.message());
    }
    m_nameplate = nameplate_of(p);
    if (m_engine && m_engine->drifts("rtc.frequency")) {
        // the clock was set when the device was made; since then its crystal's frequency error
        // (integrated over the device's age) has moved it
        const double age = m_engine->age_years(), temp = line.temperature_c(0);
        const int n = 256;
        double offset_s = 0;
        for (int k = 0; k < n; ++k)
            offset_s += m_engine->drift_at_age("rtc.frequency", (k + 0.5) * age / n, temp) * age / n * 365.25 * 86400.0;
        m_clock_s = offset_s;
    }
    m_line.add_listener(this);
    SC_HAS_PROCESS(single_phase_meter);
    SC_THREAD(rtl_thread);
    SC_THREAD(fw_thread);
}

single_phase_meter::~single_phase_meter() = default;

double single_phase_meter::cf_edge_time_s(std::size_t k) const { return m_cf_legal.at(k); }

terminal_currents single_phase_meter::clamp_currents() const {
    const ac_line_state& s = m_terminal;
    if (!s.energized) return {};
    double h2 = 0;
    for (const harmonic& h : s.harmonics) h2 += h.current_pct * h.current_pct / 1e4;
    const double live = s.current_a * std::sqrt(1.0 + h2);
    return {live, live * s.neutral_current_ratio};
}

ac_line_state single_phase_meter::terminal_state(double now_s) {
    ac_line_state& s = m_terminal;
    s = m_line.state();
    if (!m_engine) return s;
    // installation tampering changes what reaches the meter's terminals, not the load
    s.current_a *= m_engine->apply("installation.phase_current_factor", 1.0, now_s);
    s.neutral_current_ratio = m_engine->apply("installation.neutral_current_ratio", s.neutral_current_ratio, now_s);
    // the tap is a lead of the current (positive leads); phase_deg is the load's lag
    s.phase_deg -= m_engine->apply("installation.phase_shift_deg", 0.0, now_s);
    if (m_engine->apply("installation.current_direction", 1.0, now_s) < 0) {
        s.phase_deg += 180.0;
        for (harmonic& h : s.harmonics) h.current_phase_deg += 180.0;
    }
    return s;
}

afe_modifiers single_phase_meter::modifiers(double now_s) {
    afe_modifiers m;
    if (!m_engine) return m;
    const double temp = m_line.temperature_c(now_s);
    m.current_gain = m_engine->apply("sensor.current_gain", 1.0, now_s) *
                     (1.0 + m_engine->drift("current_sensor.gain", now_s, temp));
    m.voltage_gain = m_engine->apply("sensor.voltage_gain", 1.0, now_s) *
                     (1.0 + m_engine->drift("voltage_divider.gain", now_s, temp));
    m.vref = 1.0 + m_engine->drift("vref.voltage", now_s, temp);
    m.current_offset_v = m_engine->apply("adc.current_offset_v", 0.0, now_s);
    m.offset_v = m_engine->drift("adc.offset_v", now_s, temp);
    return m;
}

void single_phase_meter::refresh_signals(double now_s) {
    const double temp = m_line.temperature_c(now_s);
    if (!m_line_dirty && std::fabs(temp - m_signal_temperature_c) < 1e-3) return;
    const afe_channels ch = m_afe.convert(terminal_state(now_s), temp, modifiers(now_s));
    m_rtl.set_signals(ch.v, ch.i, ch.i2);
    m_signal_temperature_c = temp;
    m_line_dirty = false;
}

void single_phase_meter::sync(double now_s) {
    ++m_sync_calls;
    refresh_signals(now_s);
    const auto target = static_cast<uint64_t>(std::floor(now_s * m_rtl.tick_rate_hz() + 1e-9));
    m_rtl.run_until(target);
    take_new_edges();
}

void single_phase_meter::before_line_change(double now_s) {
    sync(now_s);
    m_line_dirty = true;
}

void single_phase_meter::trace_rtl(const std::string& fst_path, double window_s) {
    m_rtl.open_trace(fst_path, static_cast<uint64_t>(window_s * m_rtl.tick_rate_hz()));
}

void single_phase_meter::take_new_edges() {
    const auto& edges = m_rtl.cf_edges();
    for (; m_rtl_edges_taken < edges.size(); ++m_rtl_edges_taken) {
        const double t = double(edges[m_rtl_edges_taken]) / m_rtl.tick_rate_hz();
        const unsigned copies = m_engine ? m_engine->pulse_copies("cf.out") : 1u;
        for (unsigned k = 0; k < copies; ++k) m_cf_legal.push_back(t + 1e-3 * k);  // inserted edges 1 ms apart
    }
}

double single_phase_meter::clock_h() const {
    const double h = std::fmod(m_start_h + m_clock_s / 3600.0, 24.0);
    return h < 0 ? h + 24.0 : h;
}

std::vector<double> single_phase_meter::observable_values(double now) {
    const ac_line_state s = terminal_state(now);
    const double pf = std::cos(s.phase_deg * pi / 180.0);
    double h2 = 0;
    for (const harmonic& h : s.harmonics) h2 += h.current_pct * h.current_pct;
    // in the order of meter_observables()
    return {s.current_a, s.voltage_v, pf, std::sqrt(h2), s.voltage_v * s.current_a * pf, m_fw.measured_energy_wh(),
            clock_h()};
}

void single_phase_meter::engine_step(double now) {
    engine::observables& o = m_observables;
    o.t_s = now;
    o.clock_h = clock_h();
    o.values = observable_values(now);
    o.powered = terminal_state(now).energized;
    engine_changed(now, m_engine->step(o));
}

void single_phase_meter::engine_changed(double now, bool changed) {
    engine_changed(now, changed, m_engine->take_register_writes("fw.calibration"));
}

void single_phase_meter::engine_changed(double now, bool changed,
                                        const std::vector<engine::cheat_engine::register_write>& writes) {
    for (const auto& w : writes) m_fw.command_write(m_rtl, w.reg, w.value, w.path, w.restore, now);
    if (const uint64_t extra = m_engine->inserted_pulses("cf.out", now))
        for (uint64_t k = 0; k < extra; ++k) m_cf_legal.push_back(now);
    // a change of cheat state, or drift, takes effect from now on
    const bool drifting = m_engine->drifts("current_sensor.gain") || m_engine->drifts("voltage_divider.gain") ||
                          m_engine->drifts("vref.voltage") || m_engine->drifts("adc.offset_v");
    // the sample-stream tap: per-sample work only while an effect is active on it
    const engine::cheat_engine::stream_transform st = m_engine->stream("adc.current_input", now);
    m_rtl.set_current_transform(st.active ? &st : nullptr);
    if (changed || drifting || m_engine->time_varying_active()) {
        m_line_dirty = true;
        refresh_signals(now);
    }
}

void single_phase_meter::rtl_thread() {
    const sc_core::sc_time q(m_quantum_s, sc_core::SC_SEC);
    for (;;) {
        wait(q);
        const double now = sc_core::sc_time_stamp().to_seconds();
        sync(now);
        if (m_engine && !m_owner_steps) engine_step(now);
        if (m_cf_legal.size() != m_cf_seen) {
            m_cf_seen = m_cf_legal.size();
            m_cf_event.notify(sc_core::SC_ZERO_TIME);
        }
    }
}

void single_phase_meter::fw_thread() {
    sync(0.0);
    m_fw.power_on(m_rtl, 0.0);
    const sc_core::sc_time period(m_p.firmware_period_s, sc_core::SC_SEC);
    for (;;) {
        wait(period);
        const double now = sc_core::sc_time_stamp().to_seconds();
        sync(now);
        // the device clock runs at its crystal's (drifted) rate
        const double rate = m_engine ? 1.0 + m_engine->drift("rtc.frequency", now, m_line.temperature_c(now)) : 1.0;
        m_clock_s += (now - m_last_step_s) * rate;
        m_last_step_s = now;
        m_fw.tick(m_rtl, now, m_engine ? m_engine->apply("fw.energy_increment", 1.0, now) : 1.0, clock_h());
        if (m_fw.display_digits() != m_display_seen) {
            m_display_seen = m_fw.display_digits();
            m_display_event.notify(sc_core::SC_ZERO_TIME);
        }
    }
}

std::vector<single_phase_meter::stat_entry> single_phase_meter::stats() const {
    return {{"rtl_clock_cycles", "cycle", "clock cycles of the Verilated front end", double(m_rtl.clock_cycles())},
            {"rtl_ticks", "tick", "ticks of the time base (modulator cycles or samples)", double(m_rtl.now_tick())},
            {"cf_pulses", "pulse", "CF rising edges of the front end", double(m_rtl.cf_edges().size())},
            {"cf_legal_pulses", "pulse", "edges at the CF/LED output (after the cf.out tap)", double(m_cf_legal.size())},
            {"sync_calls", "call", "catch-up calls of the RTL adapter", double(m_sync_calls)}};
}

}  // namespace hilbench::meter
