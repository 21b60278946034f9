// SystemC model of an AC charging post (mode 3, single phase): the AC meter of models/meter
// (its Verilated front end, its firmware) on the post's line, a contactor, the IEC 61851-1
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
    ac_post(sc_core::sc_module_name name, const ac_post_params& p, fidelity f, ac_line& line, ac_outlet& outlet,
            uint64_t seed, engine::cheat_engine* eng = nullptr, double start_time_of_day_h = 10.0);

    // charger_face
    const charger_nameplate& nameplate() const override { return m_nameplate; }
    std::size_t pulse_count() const override { return m_meter.cf_pulse_count(); }
    double pulse_time_s(std::size_t k) const override { return m_meter.cf_edge_time_s(k); }
    const sc_core::sc_event& pulse_event() const override { return m_meter.cf_event(); }
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
    double meter_register_kwh() const { return m_meter.registered_kwh(); }
    double billed_kwh() const { return m_fw.billed_kwh(); }
    bool contactor_closed() const { return m_contactor; }
    double offered_a() const { return m_offered; }
    const device_clock& clock() const { return m_fw.clock(); }
    const charger_firmware& firmware() const { return m_fw; }
    std::vector<model_stat> stats() const { return m_meter.stats(); }
    void trace_rtl(const std::string& path, double window_s) { m_meter.trace_rtl(path, window_s); }
    static meter::meter_params meter_params_of(const ac_post_params& p);

private:
    void control_thread();
    void step(double now);

    const ac_post_params& m_p;
    meter::meter_params m_meter_params;
    meter::single_phase_meter m_meter;
    ac_line& m_line;
    ac_outlet& m_outlet;
    engine::cheat_engine* m_engine;
    charger_firmware m_fw;
    charger_nameplate m_nameplate;
    sc_core::sc_event m_display_event, m_wake;
    engine::observables m_observables;
    bool m_authorised = false, m_contactor = false;
    std::string m_id_tag;
    double m_ready_since = -1, m_offered = 0, m_shown_kwh = -1;
    mutable std::vector<audit_entry> m_audit;
};

}  // namespace hilbench::charger
