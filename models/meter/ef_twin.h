// Bit-exact, cycle-exact C++ twin of rtl/energy_frontend/energy_frontend_top.sv.
// One call to tick() is one rising edge of clk; rdata() is the latched bus read data
// (o_bus_rdata) after it. tests/rtl/ compares it with the Verilated RTL every cycle.
#pragma once
#include <cstddef>
#include <cstdint>

namespace hilbench::ef {

struct twin_inputs {
    bool rst_n = true;
    bool v_bit = false, i_bit = false, i2_bit = false;
    bool sample_mode = false, sample_valid = false;
    int32_t v_sample = 0, i_sample = 0, i2_sample = 0;  // 24-bit signed
    uint8_t bus_addr = 0;
    uint32_t bus_wdata = 0;
    bool bus_we = false;
    bool bus_re = false;
};

class twin {
public:
    twin() { reset(); }
    void reset();
    void tick(const twin_inputs& in);
    uint32_t rdata() const { return m_rdata; }
    // The value a read of addr would latch now (the register file's read multiplexer).
    uint32_t peek(uint8_t addr) const;
    bool cf() const { return m_cf; }
    bool sample_strobe(const twin_inputs& in) const;
    // n clock edges in sample mode with the strobe set, out of reset and the bus idle: the
    // same as n calls of tick() with those inputs, without the per-edge multiplexing. cf[k]
    // is cf() after edge k.
    void samples(const int32_t* v, const int32_t* i, const int32_t* i2, std::size_t n, uint8_t* cf);

private:
    struct sinc {
        int64_t int1 = 0, int2 = 0, int3 = 0, dly1 = 0, dly2 = 0, dly3 = 0;
        int32_t out = 0;
        bool valid = false;
    };
    struct hpf {
        int64_t acc = 0;
        int32_t y = 0;
    };
    void sample_step(const int32_t src[3]);
    static void sinc_tick(sinc& s, bool bit, bool dec);
    static int32_t hpf_next(const hpf& h, bool enable, int32_t x, int64_t* acc_next);

    // decimation counter and sinc
    uint32_t m_dec_cnt = 0;
    sinc m_sinc[3];
    hpf m_hpf[3];
    int32_t m_cal[3] = {0, 0, 0};
    int32_t m_prev[3] = {0, 0, 0};
    int32_t m_ph[3] = {0, 0, 0};
    // tamper
    uint64_t m_tacc[2] = {0, 0};
    uint32_t m_avg[2] = {0, 0};
    bool m_tamper = false, m_use_i2 = false;
    // power
    int64_t m_pacc = 0;
    int32_t m_p = 0;
    // energy
    int64_t m_eacc = 0;
    uint32_t m_cfdiv_cnt = 0, m_width = 0, m_pend = 0;
    bool m_cf = false, m_running = false, m_revp = false;
    int32_t m_aenergy = 0;
    uint32_t m_cfcnt = 0;
    // registers
    uint32_t m_rdata = 0;
    bool m_locked = false;
    uint32_t m_calwr_cnt = 0, m_calwr_rej = 0;
    uint32_t m_config = 0, m_gain[3] = {0, 0, 0};
    int32_t m_offset[3] = {0, 0, 0};
    int32_t m_phcal = 0, m_wattos = 0;
    uint32_t m_noload = 0, m_start = 0;
    uint64_t m_cfthr = 0;
    uint32_t m_cfdiv = 0, m_cfwidth = 0, m_tamper_thr = 0, m_tamper_min = 0;
};

}  // namespace hilbench::ef
