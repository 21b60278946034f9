// SystemC model of an AC charging post (mode 3, single or three phase): the AC meter of
// models/meter (its Verilated front end, its firmware) on each of the post's lines, a contactor,
// the IEC 61851-1 control pilot towards the vehicle, and the charger firmware (sessions,
// billing, clock, signed records). The lines are the world's (grid voltage, and the current of
// whatever is plugged in); the outlet tells the post the vehicle's pilot state and takes the
// post's offer.
#pragma once
#include <systemc>

#include <memory>
#include <string>
#include <vector>

#include "models/charger/charger_device.h"
#include "models/charger/charger_params.h"
#include "models/core/ac_line.h"
#include "models/core/cheat_engine.h"
#include "models/core/fidelity.h"
#include "models/core/model_stat.h"
#include "models/meter/single_phase_meter.h"

namespace hilbench::charger {

class ac_post : public charger_device {
public:
    // lines: L1 (and L2, L3 for a three-phase post), one metering chip each
    ac_post(sc_core::sc_module_name name, const ac_post_params& p, fidelity f, std::vector<ac_line*> lines,
            ac_outlet& outlet, uint64_t seed, engine::cheat_engine* eng = nullptr, double start_time_of_day_h = 10.0);

    void start_session(const std::string& id_tag) override;
    void stop_session() override;
    // the charger firmware's entries and its meters' (calibration writes, the front end's events)
    const std::vector<audit_entry>& audit_trail() const override;

    // for the bench: the truth and the probes
    double meter_register_kwh() const;
    bool contactor_closed() const { return m_contactor; }
    double offered_a() const { return m_offered; }
    std::vector<model_stat> stats() const { return m_meters.front()->stats(); }
    // the L1 chip's waveforms
    void trace_rtl(const std::string& path, double window_s) { m_meters.front()->trace_rtl(path, window_s); }

    // what the post's nameplate states (the one place it is read from the parameters)
    static charger_nameplate nameplate_of(const ac_post_params& p);
    static meter::meter_params meter_params_of(const ac_post_params& p);
    // a polyphase post's chips pulse this many times per test-output pulse (1: single phase)
    static int pulse_divider_of(const ac_post_params& p);

private:
    void step(double now) override;
    void pulse_thread();
    // the test output: one pulse per 1/C kWh of the summed energy (a polyphase post divides its
    // chips' merged, faster pulses)
    void take_pulses(double now);

    const ac_post_params& m_p;
    int m_divider;
    meter::meter_params m_meter_params;
    std::vector<std::unique_ptr<meter::single_phase_meter>> m_meters;
    std::vector<ac_line*> m_lines;
    ac_outlet& m_outlet;
    engine::cheat_engine* m_engine;
    engine::observables m_observables;
    bool m_authorised = false, m_contactor = false;
    double m_ready_since = -1, m_offered = 0;
    std::vector<std::size_t> m_taken;
    std::size_t m_chip_pulses = 0;
    mutable std::vector<audit_entry> m_audit;
};

}  // namespace hilbench::charger
