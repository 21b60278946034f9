// What the AC post and the DC charger share as SystemC modules: the charger firmware behind the
// face's session, display and record outputs, the test output's pulse list, and the control
// loop. Each calls step() every control period, at each record or tariff split the firmware has
// due, and when a session starts or stops. A device adds its power path and its meter.
#pragma once
#include <systemc>

#include <string>
#include <vector>

#include "models/charger/charger_face.h"
#include "models/charger/charger_firmware.h"

namespace hilbench::charger {

class charger_device : public sc_core::sc_module, public charger_face {
public:
    const charger_nameplate& nameplate() const override { return m_nameplate; }
    std::size_t pulse_count() const override { return m_pulses.size(); }
    double pulse_time_s(std::size_t k) const override { return m_pulses.at(k); }
    const sc_core::sc_event& pulse_event() const override { return m_pulse_event; }
    session_display display() const override;
    const sc_core::sc_event& display_event() const override { return m_display_event; }
    bool charging() const override { return m_fw.charging(); }
    const std::vector<receipt>& receipts() const override { return m_fw.receipts(); }
    const std::vector<std::string>& ocmf_records() const override { return m_fw.forwarded_records(); }
    std::string software_id() const override { return m_fw.software_id(); }
    const std::vector<audit_entry>& audit_trail() const override { return m_fw.audit_trail(); }

    double billed_kwh() const { return m_fw.billed_kwh(); }
    const device_clock& clock() const { return m_fw.clock(); }
    const charger_firmware& firmware() const { return m_fw; }

protected:
    charger_device(sc_core::sc_module_name name, charger_nameplate np, const charger_identity& id,
                   const billing_params& billing, const clock_params& clock, const ocmf_params& ocmf,
                   double display_step_kwh, double start_h, uint64_t seed, engine::cheat_engine* eng,
                   double control_period_s);
    static double now_s();
    // the device's control step at simulated time now
    virtual void step(double now) = 0;
    // appends test-output edges (in time order) and tells the waiting
    void add_pulses(const std::vector<double>& times);
    // after a step: the display's event when what it shows changed
    void show(double now);
    void wake() { m_wake.notify(sc_core::SC_ZERO_TIME); }

    charger_firmware m_fw;
    charger_nameplate m_nameplate;
    sc_core::sc_event m_display_event;

private:
    void control_thread();

    double m_period;
    sc_core::sc_event m_pulse_event, m_wake;
    std::vector<double> m_pulses;
    double m_shown_kwh = -1;
};

}  // namespace hilbench::charger
