// SystemC model of an electronic price-computing scale: receptor mechanics and load cell,
// the Verilated load-cell ADC (through adc_adapter, advanced in mechanics steps), and the
// firmware. Faces: legal outputs and controls (scale_face), taps and driftable parameters
// (scale_taps.h) acted on by an optional cheat engine, and stats.
#pragma once
#include <systemc>

#include <memory>
#include <string>
#include <vector>

#include "models/core/cheat_engine.h"
#include "models/core/model_stat.h"
#include "models/core/fidelity.h"
#include "models/core/load_receptor.h"
#include "models/core/scale_face.h"
#include "models/scale/adc_adapter.h"
#include "models/scale/load_cell.h"
#include "models/scale/scale_firmware.h"
#include "models/scale/scale_params.h"

namespace hilbench::scale {

class price_scale : public sc_core::sc_module, public scale_face, public receptor_listener {
public:
    using stat_entry = model_stat;

    // eng: cheats and drift on this scale's taps (nullptr: an honest scale, no cost).
    price_scale(sc_core::sc_module_name name, const scale_params& p, fidelity f, load_receptor& world, uint64_t seed,
                engine::cheat_engine* eng = nullptr, double start_time_of_day_h = 10.0);
    ~price_scale() override;

    // scale_face
    const scale_nameplate& nameplate() const override { return m_nameplate; }
    const weighing_display& display() const override { return m_fw.display(); }
    const sc_core::sc_event& display_event() const override { return m_display_event; }
    const std::vector<ticket>& tickets() const override { return m_fw.tickets(); }
    std::string software_id() const override { return m_fw.software_id(); }
    const std::vector<audit_entry>& audit_trail() const override { return m_fw.audit_trail(); }
    void press(const std::string& key) override;
    void set_power(bool on) override;
    void open_case() override;
    void close_case() override;
    uint32_t lock_challenge() const override { return m_fw.lock_challenge(); }
    bool unlock(uint32_t code) override;

    // receptor_listener: bring the simulation up to now before a load changes
    void before_receptor_change(double now_s) override;
    void sync(double now_s);
    const scale_calibration& calibration() const { return m_cal; }
    // Internal probes for the ground truth (never a legal output): the last ADC code the
    // firmware read, and its honest gross weight before any firmware tap.
    int32_t last_adc_code() const { return m_last_code; }
    double firmware_gross_g() const { return m_fw.gross_g(); }
    std::vector<stat_entry> stats() const;
    void trace_rtl(const std::string& fst_path, double window_s) { m_adc.open_trace(fst_path, window_s); }
    // The ADC code the scale's adjustment assumes for a centred static load (no creep,
    // hysteresis or temperature): the perfect station of the factory.
    double ideal_code(double load_g) const;

private:
    void main_thread();
    void engine_step(double now_s);
    void notify_display();
    fw_taps taps(double now_s);
    double clock_h(double now_s) const;

    const scale_params& m_p;
    load_receptor& m_world;
    load_cell m_cell;
    adc_adapter m_adc;
    scale_calibration m_cal;
    scale_firmware m_fw;
    scale_nameplate m_nameplate;
    engine::cheat_engine* m_engine;
    engine::observables m_observables;
    cell_modifiers m_mod;
    double m_adc_offset_v = 0;
    double m_start_h;
    bool m_power = true;
    sc_core::sc_event m_display_event;
    weighing_display m_shown;
    uint64_t m_sync_calls = 0;
    int32_t m_last_code = 0;
};

}  // namespace hilbench::scale
