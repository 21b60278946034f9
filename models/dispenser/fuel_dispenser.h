// SystemC model of one hose of a fuel dispenser: the pump and nozzle valves, the
// positive-displacement meter and its pulser (fuel_meter), the encoder and the controller's
// Verilated front end (pulser_link), and the controller firmware. It advances in 10 ms steps;
// in `bit` fidelity the chips see the pulser's pins every 30.5 us clock, in `sample` fidelity
// only the pulse events. Faces: legal outputs and controls (dispenser_face), taps and
// driftable parameters (dispenser_taps.h) acted on by an optional cheat engine, and stats.
#pragma once
#include <systemc>

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "models/core/cheat_engine.h"
#include "models/core/fidelity.h"
#include "models/core/model_stat.h"
#include "models/dispenser/dispenser_face.h"
#include "models/dispenser/dispenser_firmware.h"
#include "models/dispenser/dispenser_params.h"
#include "models/dispenser/fuel_meter.h"
#include "models/dispenser/fuel_source.h"
#include "models/dispenser/pulser_link.h"

namespace hilbench::dispenser {

class fuel_dispenser : public sc_core::sc_module, public dispenser_face {
public:
    static constexpr double step_s = 0.01;

    fuel_dispenser(sc_core::sc_module_name name, const dispenser_params& p, fidelity f, fuel_source& world,
                   uint64_t seed, engine::cheat_engine* eng = nullptr, double start_time_of_day_h = 10.0);
    ~fuel_dispenser() override;

    // dispenser_face
    const dispenser_nameplate& nameplate() const override { return m_nameplate; }
    const fuel_display& display() const override { return m_shown; }
    const sc_core::sc_event& display_event() const override { return m_display_event; }
    bool authorise(preset_kind kind, double value) override;
    void set_nozzle_flow(double q_l_per_min) override;
    void hang_up() override;
    void set_power(bool on) override;
    void press(const std::string& key) override;
    void pos_command(const std::string& reg, double value) override;
    const std::vector<fuel_sale>& sales() const override { return m_fw.sales(); }
    double mechanical_totaliser_l() const override { return m_meter.mechanical_totaliser_l(); }
    double electronic_totaliser_l() const override { return m_fw.total_volume_l(); }
    std::string software_id() const override { return m_fw.software_id(); }
    const std::vector<audit_entry>& audit_trail() const override { return m_fw.audit_trail(); }
    void service_unlock() override;
    void attach_pulse_generator(double extra_per_s) override;
    void fit_unpaired(const std::string& part, bool fitted) override;
    pulser_counts pulser_monitor() const override { return m_monitor; }

    void sync(double now_s);
    // probes for the ground truth (never legal outputs)
    double metered_l() const { return m_meter.metered_l(); }
    double flow_l_per_min() const { return m_flow; }
    const fuel_display& firmware_display() const { return m_fw.display(); }
    bool locked() const { return m_fw.locked(); }
    std::vector<model_stat> stats() const;
    void trace_rtl(const std::string& fst_path, double window_s) { m_link.open_trace(fst_path, window_s); }

private:
    void main_thread();
    void engine_step(double now_s);
    void step_once(double t0, double t1);
    void notify_display();
    void power_up(double now_s);
    double clock_h(double now_s) const;

    const dispenser_params& m_p;
    fuel_source& m_world;
    fuel_meter m_meter;
    pulser_link m_link;
    dispenser_firmware m_fw;
    dispenser_nameplate m_nameplate;
    engine::cheat_engine* m_engine;
    engine::observables m_observables;
    key128 m_key, m_other_key;
    double m_start_h;
    bool m_power = true, m_paired = true, m_pair_next = true;
    double m_demand = 0, m_flow = 0;
    valves m_valves;
    double m_hose_to_fill_l = 0;  // the hose's expansion still to fill after power-on
    double m_now = 0;
    uint64_t m_steps = 0, m_events = 0, m_injected_seen = 0;
    int m_drafts = 0, m_test_like_drafts = 0;
    std::deque<std::pair<long long, bool>> m_cycle_drop;  // pulser cycle -> dropped
    long long m_last_cycle = -1;
    double m_inject_until = -1;
    pulser_counts m_monitor;
    double m_generator_per_s = 0, m_generator_due = 0;
    bool m_foreign_encoder = false, m_foreign_board = false;
    sc_core::sc_event m_display_event;
    fuel_display m_shown;
    std::vector<std::string> m_keys;
};

}  // namespace hilbench::dispenser
