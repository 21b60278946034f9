// Owns the load-cell ADC (rtl/loadcell_adc: the Verilated RTL, or in `twin` fidelity its
// bit-exact C++ twin lc_twin.h, fed the same inputs on the same cycles) and advances it in a tight C++ loop,
// one mechanics step (128 modulator cycles, 0.78 ms) at a time, with the MCU's read-out
// (hx_host) bit-banging PD_SCK inline. `bit` fidelity: the bridge signal goes through the
// PGA (gain from the RTL's selection) and a second-order sigma-delta modulator into the RTL
// every cycle. `sample` fidelity: the sinc^3 response of the signal over the last three
// output periods enters the RTL's sample port (`twin`: the same, into the twin) once per period, and the RTL is clocked only
// through the read-out (its idle cycles change no state). Readings are stamped with the
// time at which the host finished reading them. No SystemC here.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/core/fidelity.h"
#include "models/core/fst_trace.h"
#include "models/core/rng.h"
#include "models/core/sigma_delta.h"
#include "models/scale/hx_host.h"
#include "models/scale/lc_twin.h"

class Vloadcell_adc_top;
class VerilatedContext;

namespace hilbench::scale {

struct adc_reading {
    double t_s;
    int32_t code;
};

// The analog input of one step: the bridge and the ADC's input offset and noise.
struct adc_analog {
    double bridge_mv_per_v = 0;
    double excitation_v = 4.3;
    double offset_v = 0;
    double noise_v_rms = 0;   // input noise at the output rate (the datasheet figure)
};

class adc_adapter {
public:
    static constexpr uint32_t cycles_per_step = 128;

    adc_adapter(fidelity f, int rate_sps, uint64_t seed);
    ~adc_adapter();
    adc_adapter(const adc_adapter&) = delete;
    adc_adapter& operator=(const adc_adapter&) = delete;

    fidelity mode() const { return m_mode; }
    static double step_s();
    uint64_t steps() const { return m_step; }
    // Advance one step with this analog input (held over the step).
    void step(const adc_analog& a);
    // Readings completed since the last call.
    std::vector<adc_reading> take_readings();
    // Power: off holds the ADC unclocked; on resets it (the chip's power-on reset).
    void set_power(bool on);
    bool powered() const { return m_powered; }
    // Configuration registers (lc_twin.h: OFFSET, GAIN, CFGWR_CNT, STATUS).
    uint32_t read(uint8_t addr);
    void write(uint8_t addr, uint32_t value);
    double pga_gain() const;
    uint64_t clock_cycles() const { return m_cycles; }
    uint64_t reads() const { return m_host.reads(); }
    // FST waveform of the RTL for the next window_s of simulated time.
    void open_trace(const std::string& path, double window_s);
    void close_trace();

private:
    // one clock cycle whose rising edge is at simulated time t_s (the waveform carries it)
    void clock_once(double t_s, bool mod_bit, bool strobe, int32_t sample);
    double normalised(const adc_analog& a) const;
    uint8_t gain_sel() const;
    bool dout() const;

    fidelity m_mode;
    int m_rate_sps;
    std::unique_ptr<VerilatedContext> m_ctx;
    std::unique_ptr<Vloadcell_adc_top> m_top;  // bit, sample
    std::unique_ptr<lc::twin> m_twin;          // twin
    lc::twin_inputs m_in;                      // the inputs of the next clock edge
    fst_trace m_trace;
    double m_trace_end_s = 0;
    lc::hx_host m_host;
    sigma_delta2 m_mod;
    rng m_rng;
    bool m_powered = false;
    bool m_pd_sck = false;
    uint64_t m_step = 0, m_cycles = 0;
    uint32_t m_cycle_in_step = 0;
    std::vector<adc_reading> m_readings;
    // sample mode: the sinc^3 weights over 3 periods and the history of step inputs
    uint32_t m_steps_per_period;
    std::vector<double> m_weights, m_history;
    std::size_t m_hist_pos = 0;
    uint32_t m_period_pos = 0;
    double m_bit_noise_gain;
};

}  // namespace hilbench::scale
