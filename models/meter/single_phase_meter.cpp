#include "models/meter/single_phase_meter.h"

#include <cmath>

#include "models/core/errors.h"

namespace hilbench::meter {

single_phase_meter::single_phase_meter(sc_core::sc_module_name name, const meter_params& p, fidelity f,
                                       ac_line& line, uint64_t seed, double quantum_s)
    : sc_core::sc_module(name),
      m_p(p),
      m_line(line),
      m_quantum_s(quantum_s),
      m_afe(p),
      m_cal(factory_calibration(p, m_afe)),
      m_fw(p, m_cal),
      m_rtl(f, seed) {
    if (p.max_current_a <= p.basic_current_a)
        throw config_error(basename(), "/device/params/max_current_a",
                           "expected max_current_a greater than basic_current_a, got " + std::to_string(p.max_current_a));
    m_nameplate.accuracy_class = p.accuracy_class;
    m_nameplate.voltage_v = p.voltage_v;
    m_nameplate.basic_current_a = p.basic_current_a;
    m_nameplate.max_current_a = p.max_current_a;
    m_nameplate.freq_hz = p.freq_hz;
    m_nameplate.meter_constant_imp_per_kwh = p.meter_constant_imp_per_kwh;
    m_nameplate.display_resolution_kwh = p.display_resolution_kwh;
    m_line.add_listener(this);
    SC_HAS_PROCESS(single_phase_meter);
    SC_THREAD(rtl_thread);
    SC_THREAD(fw_thread);
}

single_phase_meter::~single_phase_meter() = default;

double single_phase_meter::cf_edge_time_s(std::size_t k) const {
    return double(m_rtl.cf_edges().at(k)) / m_rtl.tick_rate_hz();
}

void single_phase_meter::refresh_signals(double now_s) {
    const double temp = m_line.temperature_c(now_s);
    if (!m_line_dirty && std::fabs(temp - m_signal_temperature_c) < 1e-3) return;
    const afe_channels ch = m_afe.convert(m_line.state(), temp);
    m_rtl.set_signals(ch.v, ch.i, ch.i2);
    m_signal_temperature_c = temp;
    m_line_dirty = false;
}

void single_phase_meter::sync(double now_s) {
    ++m_sync_calls;
    refresh_signals(now_s);
    const auto target = static_cast<uint64_t>(std::floor(now_s * m_rtl.tick_rate_hz() + 1e-9));
    m_rtl.run_until(target);
}

void single_phase_meter::before_line_change(double now_s) {
    sync(now_s);
    m_line_dirty = true;
}

void single_phase_meter::trace_rtl(const std::string& fst_path, double window_s) {
    m_rtl.open_trace(fst_path, static_cast<uint64_t>(window_s * m_rtl.tick_rate_hz()));
}

void single_phase_meter::rtl_thread() {
    const sc_core::sc_time q(m_quantum_s, sc_core::SC_SEC);
    for (;;) {
        wait(q);
        sync(sc_core::sc_time_stamp().to_seconds());
        if (m_rtl.cf_edges().size() != m_cf_seen) {
            m_cf_seen = m_rtl.cf_edges().size();
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
        m_fw.tick(m_rtl, now);
        if (m_fw.display_digits() != m_display_seen) {
            m_display_seen = m_fw.display_digits();
            m_display_event.notify(sc_core::SC_ZERO_TIME);
        }
    }
}

std::vector<single_phase_meter::stat_entry> single_phase_meter::stats() const {
    return {{"rtl_clock_cycles", "", "clock cycles of the Verilated front end", double(m_rtl.clock_cycles())},
            {"rtl_ticks", "", "ticks of the time base (modulator cycles or samples)", double(m_rtl.now_tick())},
            {"cf_pulses", "", "CF rising edges", double(m_rtl.cf_edges().size())},
            {"sync_calls", "", "catch-up calls of the RTL adapter", double(m_sync_calls)}};
}

}  // namespace hilbench::meter
