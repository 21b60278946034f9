// SystemC model of a single-phase static electricity meter: analog front end, Verilated
// metering front end (through rtl_adapter, advanced in batches), firmware model.
// Faces: legal outputs (energy_meter_face), controls (the line it is connected to), taps
// and driftable parameters (meter_taps.h) acted on by an optional cheat engine, and stats.
#pragma once
#include <systemc>

#include <memory>
#include <string>
#include <vector>

#include "models/core/ac_line.h"
#include "models/core/cheat_engine.h"
#include "models/core/model_stat.h"
#include "models/core/energy_meter_face.h"
#include "models/meter/analog_front_end.h"
#include "models/meter/calibration.h"
#include "models/meter/firmware.h"
#include "models/meter/meter_params.h"
#include "models/meter/rtl_adapter.h"

namespace hilbench::meter {

class single_phase_meter : public sc_core::sc_module, public energy_meter_face, public ac_line_listener {
public:
    using stat_entry = model_stat;

    // eng: cheats and drift acting on this meter's taps (nullptr: an honest meter, no cost).
    // start_time_of_day_h: the device clock at t = 0.
    single_phase_meter(sc_core::sc_module_name name, const meter_params& p, fidelity f, ac_line& line,
                       uint64_t seed, double quantum_s = 0.01, engine::cheat_engine* eng = nullptr,
                       double start_time_of_day_h = 10.0);
    ~single_phase_meter() override;

    // energy_meter_face
    const energy_meter_nameplate& nameplate() const override { return m_nameplate; }
    std::size_t cf_pulse_count() const override { return m_cf_legal.size(); }
    double cf_edge_time_s(std::size_t k) const override;
    const sc_core::sc_event& cf_event() const override { return m_cf_event; }
    int64_t display_digits() const override { return m_fw.display_digits(); }
    const sc_core::sc_event& display_event() const override { return m_display_event; }
    std::string software_id() const override { return m_fw.software_id(); }
    double tariff_energy_kwh(int tariff) const override { return m_fw.tariff_energy_wh(tariff) / 1000.0; }
    double clock_h() const override;
    terminal_currents clamp_currents() const override;

    const std::vector<audit_entry>& audit_trail() const { return m_fw.audit_trail(); }
    const calibration_result& calibration() const { return m_cal; }
    std::vector<stat_entry> stats() const;

    // ac_line_listener: bring the RTL up to now before the line changes.
    void before_line_change(double now_s) override;
    // Advance the front end to simulated time now_s.
    void sync(double now_s);
    // Waveforms of the RTL for the first window_s simulated seconds.
    void trace_rtl(const std::string& fst_path, double window_s);

    // A device that contains the meter (a charging post) steps the cheat engine's triggers with
    // its own observables: after let_owner_step_triggers() the meter no longer steps them, and
    // the owner calls engine_changed() after each of its steps so that the meter's taps follow.
    void let_owner_step_triggers() { m_owner_steps = true; }
    std::vector<double> observable_values(double now_s);  // in meter_observables() order
    void engine_changed(double now_s, bool changed);
    // the same with the command-channel writes the owner took from the engine (a polyphase
    // device hands each of its meters the same writes)
    void engine_changed(double now_s, bool changed,
                        const std::vector<engine::cheat_engine::register_write>& writes);
    double registered_kwh() const { return double(display_digits()) * m_p.display_resolution_kwh; }

private:
    void rtl_thread();
    void fw_thread();
    void refresh_signals(double now_s);
    void take_new_edges();
    void engine_step(double now_s);
    ac_line_state terminal_state(double now_s);  // also kept as the clamps' reading
    afe_modifiers modifiers(double now_s);

    const meter_params& m_p;
    ac_line& m_line;
    ac_line_state m_terminal;  // the terminals' state when last worked out
    double m_quantum_s;
    analog_front_end m_afe;
    calibration_result m_cal;
    firmware m_fw;
    rtl_adapter m_rtl;
    energy_meter_nameplate m_nameplate;
    sc_core::sc_event m_cf_event, m_display_event;
    engine::cheat_engine* m_engine;
    engine::observables m_observables;
    double m_start_h, m_clock_s = 0, m_last_step_s = 0;  // device clock: seconds since t = 0 by its crystal
    std::vector<double> m_cf_legal;  // the CF output after the cf.out tap
    std::size_t m_rtl_edges_taken = 0;
    bool m_line_dirty = true;
    double m_signal_temperature_c = -1e9;
    std::size_t m_cf_seen = 0;
    int64_t m_display_seen = 0;
    uint64_t m_sync_calls = 0;
    bool m_owner_steps = false;
};

}  // namespace hilbench::meter
