// Owns the energy front end and advances it in a tight C++ loop: the Verilated RTL, or in
// `twin` fidelity its bit-exact C++ twin (ef_twin.h) fed the same inputs on the same cycles.
// Time is kept in ticks: modulator clock cycles in `bit` fidelity (819.2 kHz), decimated
// samples in `sample` and `twin` fidelity (3.2 kHz). CF rising edges are stamped with the tick at which they
// appear, so batching never blurs a timestamp. No SystemC here: the meter module calls
// run_until() at quantum boundaries and before every change of its inputs.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/core/cheat_engine.h"
#include "models/core/fidelity.h"
#include "models/core/fst_trace.h"
#include "models/core/rng.h"
#include "models/meter/ef_twin.h"
#include "models/meter/firmware.h"
#include "models/meter/signal_chain.h"

class Venergy_frontend_top;
class VerilatedContext;

namespace hilbench::meter {

using hilbench::fidelity;

class rtl_adapter : public register_bus {
public:
    rtl_adapter(fidelity f, uint64_t seed);
    ~rtl_adapter() override;
    rtl_adapter(const rtl_adapter&) = delete;
    rtl_adapter& operator=(const rtl_adapter&) = delete;

    fidelity mode() const { return m_mode; }
    double tick_rate_hz() const;
    uint64_t now_tick() const { return m_tick; }
    // New analog inputs from the current tick on.
    void set_signals(const channel_signal& v, const channel_signal& i, const channel_signal& i2);
    void run_until(uint64_t tick);
    // The engine's per-sample transform of the current channel's ADC input (the
    // adc.current_input tap), its delay_s as whole ticks; nullptr: none (no cost).
    void set_current_transform(const engine::cheat_engine::stream_transform* t);
    // Register bus (firmware side). A read or write takes one clock: in `bit` mode a
    // modulator cycle of real time, in `sample` mode a system-clock cycle between samples.
    uint32_t read(uint8_t addr) override;
    void write(uint8_t addr, uint32_t value) override;

    const std::vector<uint64_t>& cf_edges() const { return m_cf_edges; }
    uint64_t clock_cycles() const { return m_cycles; }
    // Record an FST waveform of the RTL for ticks [now, now + window) (not in `twin`: no RTL).
    void open_trace(const std::string& path, uint64_t window_ticks);
    void close_trace();

private:
    bool clock_edge();  // one rising edge with m_in; the CF output after it
    void clock_once(bool count_tick);
    void set_inputs_bit();
    void set_inputs_sample();
    void run_twin_until(uint64_t tick);
    void draw_noise(double n[3]);
    double transform_current(double u);
    void bus_cycle();
    bool sampled() const { return m_mode != fidelity::bit; }

    fidelity m_mode;
    std::unique_ptr<VerilatedContext> m_ctx;
    std::unique_ptr<Venergy_frontend_top> m_top;  // bit, sample
    std::unique_ptr<ef::twin> m_twin;              // twin
    ef::twin_inputs m_in;                          // the inputs of the next clock edge
    fst_trace m_trace;
    uint64_t m_trace_end = 0;
    uint64_t m_tick = 0, m_cycles = 0, m_cycles_since_tick = 0;
    tone_bank m_bank[3];
    sigma_delta2 m_mod[3];
    rng m_rng;
    double m_noise[3] = {0, 0, 0};
    double m_sample_noise_gain = 0;
    bool m_cf_prev = false;
    std::vector<uint64_t> m_cf_edges;
    bool m_transform_on = false;
    engine::cheat_engine::stream_transform m_transform;
    uint32_t m_delay_ticks = 0;
    std::vector<double> m_delay_line;
    std::size_t m_delay_pos = 0;
};

}  // namespace hilbench::meter
