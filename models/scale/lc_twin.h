// Bit-exact, cycle-exact C++ twin of rtl/loadcell_adc/loadcell_adc_top.sv.
// One call to tick() is one rising edge of clk. The outputs are functions of the state
// after it (o_cfg_rdata also of the address and the RATE pin, as in the RTL).
// tests/rtl/ compares it with the Verilated RTL every cycle.
#pragma once
#include <cstdint>

namespace hilbench::lc {

// Register addresses and constants of the load-cell ADC (rtl/loadcell_adc/README.md).
constexpr uint8_t OFFSET = 0, GAIN = 1, CFGWR_CNT = 2, STATUS = 3;
constexpr uint32_t GAIN_ONE = 0x400000;  // Q2.22
constexpr int OSR_LOG2_10SPS = 14, OSR_LOG2_80SPS = 11;
constexpr double MODULATOR_CLOCK_HZ = 163840.0;
constexpr int PD_CYCLES = 10;
constexpr int SETTLE_DISCARD = 3;
enum gain_select : uint8_t { SEL_A128 = 0, SEL_B32 = 1, SEL_A64 = 2 };

struct twin_inputs {
    bool rst_n = true;
    bool mod_bit = false;
    bool rate = false;  // RATE pin: 0 = 10 SPS, 1 = 80 SPS
    bool pd_sck = false;
    bool sample_mode = false, sample_strobe = false;
    int32_t sample = 0;  // 24-bit signed
    bool cfg_we = false;
    uint8_t cfg_addr = 0;  // 2 bits
    uint32_t cfg_wdata = 0;  // 24 bits
};

class twin {
public:
    twin() { reset(); }
    void reset();
    void tick(const twin_inputs& in);
    bool dout() const;
    uint8_t gain_sel() const { return m_sel; }
    bool power_down() const { return m_pd; }
    bool conv_valid() const { return m_code_valid; }
    uint32_t cfg_rdata(uint8_t addr, bool rate) const;
    int32_t last_code() const { return m_code; }

private:
    // lc_sinc3
    int64_t m_int1 = 0, m_int2 = 0, m_int3 = 0, m_dly1 = 0, m_dly2 = 0, m_dly3 = 0;
    uint32_t m_cnt = 0;
    int32_t m_sinc_out = 0;
    bool m_sinc_valid = false;
    // lc_offset_gain
    int32_t m_code = 0;
    bool m_code_valid = false;
    // lc_serial
    bool m_sck_meta = false, m_sck = false, m_sck_prev = false;
    uint32_t m_hi_cnt = 0;
    bool m_pd = false, m_ready = false, m_restart = false, m_rate = false;
    uint32_t m_settle = SETTLE_DISCARD, m_pulses = 0;
    uint8_t m_sel = SEL_A128;
    int32_t m_data = 0;
    // registers
    int32_t m_offset = 0;
    uint32_t m_gain = GAIN_ONE, m_cfgwr_cnt = 0;
};

// Trim of one sample as lc_offset_gain computes it (exposed for the firmware's calibration).
int32_t offset_gain(int32_t x, int32_t offset, uint32_t gain);

}  // namespace hilbench::lc
