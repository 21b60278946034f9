// SystemC model of an AC charging post (mode 3, single or three phase): the AC meter of
// models/meter (its Verilated front end, its firmware) on each of the post's lines, a contactor,
// the IEC 61851-1
// control pilot towards the vehicle, and the charger firmware (sessions, billing, clock,
// signed records). The line is the world's (grid voltage, and the current of whatever is
// plugged in); the outlet tells the post the vehicle's pilot state and takes the post's offer.
#pragma once
#include <systemc>

#include <memory>
#include <string>
#include <vector>

#include "models/charger/charger_face.h"
#include "models/charger/charger_firmware.h"
#include "models/charger/charger_params.h"
#include "models/core/ac_line.h"
#include "models/core/cheat_engine.h"
#include "models/core/fidelity.h"
#include "models/core/model_stat.h"
#include "models/meter/single_phase_meter.h"

namespace hilbench::charger {

class ac_post : public sc_core::sc_module, public charger_face {
public:
    // lines: L1 (and L2, L3 for a three-phase post), one metering chip each
    ac_post(sc_core::sc_module_name name, const ac_post_params& p, fidelity f, std::vector<ac_line*> lines,
            ac_outlet& outlet, uint64_t seed, engine::cheat_engine* eng = nullptr, double start_time_of_day_h = 10.0);

    // charger_face
    const charger_nameplate& nameplate() const override { return m_nameplate; }
    // the test output: one pulse per 1/C kWh of the summed energy (a polyphase post divides
    // its chips' merged, faster pulses)
    std::size_t pulse_count() const override { return m_pulses.size(); }
    double pulse_time_s(std::size_t k) const override { return m_pulses.at(k); }
    const sc_core::sc_event& pulse_event() const override { return m_pulse_event; }
    session_display display() const override;
    const sc_core::sc_event& display_event() const override { return m_display_event; }
    void start_session(const std::string& id_tag) override;
    void stop_session() override;
    bool charging() const override { return m_fw.charging(); }
    const std::vector<receipt>& receipts() const override { return m_fw.receipts(); }
    const std::vector<std::string>& ocmf_records() const override { return m_fw.forwarded_records(); }
    std::string software_id() const override { return m_fw.software_id(); }
    // the charger firmware's entries and its meter's (calibration writes, the front end's events)
    const std::vector<audit_entry>& audit_trail() const override;

    // for the bench: the truth and the probes
    double meter_register_kwh() const;
    double billed_kwh() const { return m_fw.billed_kwh(); }
    bool contactor_closed() const { return m_contactor; }
    double offered_a() const { return m_offered; }
    const device_clock& clock() const { return m_fw.clock(); }
    const charger_firmware& firmware() const { return m_fw; }
    std::vector<model_stat> stats() const { return m_meters.front()->stats(); }
    // the L1 chip's waveforms
    void trace_rtl(const std::string& path, double window_s) { m_meters.front()->trace_rtl(path, window_s); }
    static meter::meter_params meter_params_of(const ac_post_params& p);
    // a polyphase post's chips pulse this many times per test-output pulse (1: single phase)
    static int pulse_divider_of(const ac_post_params& p);

private:
    void control_thread();
    void pulse_thread();
    void step(double now);
    void take_pulses(double now);

    const ac_post_params& m_p;
    int m_divider;
    meter::meter_params m_meter_params;
    std::vector<std::unique_ptr<meter::single_phase_meter>> m_meters;
    std::vector<ac_line*> m_lines;
    ac_outlet& m_outlet;
    engine::cheat_engine* m_engine;
    charger_firmware m_fw;
    charger_nameplate m_nameplate;
    sc_core::sc_event m_display_event, m_wake, m_pulse_event;
    std::vector<double> m_pulses;
    std::vector<std::size_t> m_taken;
    std::size_t m_chip_pulses = 0;
    engine::observables m_observables;
    bool m_authorised = false, m_contactor = false;
    std::string m_id_tag;
    double m_ready_since = -1, m_offered = 0, m_shown_kwh = -1;
    mutable std::vector<audit_entry> m_audit;
};

}  // namespace hilbench::charger
