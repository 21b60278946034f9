#include "models/charger/charger_device.h"

namespace hilbench::charger {

charger_device::charger_device(sc_core::sc_module_name name, charger_nameplate np, const charger_identity& id,
                               const billing_params& billing, const clock_params& clock, const ocmf_params& ocmf,
                               double display_step_kwh, double start_h, uint64_t seed, engine::cheat_engine* eng,
                               double control_period_s)
    : sc_core::sc_module(name),
      m_fw(id, billing, clock, ocmf, display_step_kwh, start_h, seed, eng),
      m_nameplate(std::move(np)),
      m_period(control_period_s) {
    m_nameplate.registered_public_key = m_fw.registered_public_key();
    SC_HAS_PROCESS(charger_device);
    SC_THREAD(control_thread);
}

double charger_device::now_s() { return sc_core::sc_time_stamp().to_seconds(); }

session_display charger_device::display() const { return m_fw.display(now_s()); }

void charger_device::add_pulses(const std::vector<double>& times) {
    if (times.empty()) return;
    m_pulses.insert(m_pulses.end(), times.begin(), times.end());
    m_pulse_event.notify(sc_core::SC_ZERO_TIME);
}

void charger_device::show(double now) {
    const double shown = m_fw.display(now).energy_kwh;
    if (shown != m_shown_kwh) {
        m_shown_kwh = shown;
        m_display_event.notify(sc_core::SC_ZERO_TIME);
    }
}

void charger_device::control_thread() {
    wait(sc_core::SC_ZERO_TIME);
    for (;;) {
        const double now = now_s();
        step(now);
        double next = now + m_period;
        const double w = m_fw.next_wakeup(now);
        if (w > now + 1e-9 && w < next) next = w;
        wait(sc_core::sc_time(next - now, sc_core::SC_SEC), m_wake);
    }
}

}  // namespace hilbench::charger
