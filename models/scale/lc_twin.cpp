#include "models/scale/lc_twin.h"

namespace hilbench::lc {
namespace {

constexpr int SINC_W = 44;

int64_t wrap(int64_t v, int bits) {
    const uint64_t mask = (1ull << bits) - 1;
    uint64_t u = static_cast<uint64_t>(v) & mask;
    if ((u >> (bits - 1)) & 1u) u |= ~mask;
    return static_cast<int64_t>(u);
}
int32_t sat24(int64_t v) {
    if (v > 0x7fffff) return 0x7fffff;
    if (v < -0x800000) return -0x800000;
    return static_cast<int32_t>(v);
}
int32_t sext24(uint32_t v) { return static_cast<int32_t>(wrap(v & 0xffffffu, 24)); }

}  // namespace

int32_t offset_gain(int32_t x, int32_t offset, uint32_t gain) {
    const int64_t diff = int64_t(x) - int64_t(offset);  // 25 bits, no wrap possible
    const int64_t prod = diff * int64_t(gain & 0xffffffu);  // < 2**49
    return sat24(prod >> 22);
}

void twin::reset() {
    m_int1 = m_int2 = m_int3 = m_dly1 = m_dly2 = m_dly3 = 0;
    m_cnt = 0;
    m_sinc_out = 0;
    m_sinc_valid = false;
    m_code = 0;
    m_code_valid = false;
    m_sck_meta = m_sck = m_sck_prev = false;
    m_hi_cnt = 0;
    m_pd = m_ready = m_restart = m_rate = false;
    m_settle = SETTLE_DISCARD;
    m_pulses = 0;
    m_sel = SEL_A128;
    m_data = 0;
    m_offset = 0;
    m_gain = GAIN_ONE;
    m_cfgwr_cnt = 0;
}

bool twin::dout() const {
    if (m_pd) return true;
    if (m_pulses == 0) return !m_ready;
    if (m_pulses <= 24) return (static_cast<uint32_t>(m_data) >> (24 - m_pulses)) & 1u;
    return true;
}

uint32_t twin::cfg_rdata(uint8_t addr, bool rate) const {
    switch (addr & 3u) {
    case OFFSET: return static_cast<uint32_t>(m_offset) & 0xffffffu;
    case GAIN: return m_gain;
    case CFGWR_CNT: return m_cfgwr_cnt;
    default: return (uint32_t(rate) << 3) | (uint32_t(m_pd) << 2) | m_sel;
    }
}

void twin::tick(const twin_inputs& in) {
    if (!in.rst_n) {
        reset();
        return;
    }
    // lc_sinc3 (uses this cycle's restart and power-down, both registered)
    const bool sinc_enable = !in.sample_mode && !m_pd;
    int64_t int1 = m_int1, int2 = m_int2, int3 = m_int3, d1 = m_dly1, d2 = m_dly2, d3 = m_dly3;
    uint32_t cnt = m_cnt;
    int32_t sinc_out = m_sinc_out;
    bool sinc_valid = m_sinc_valid;
    if (m_restart) {
        int1 = int2 = int3 = d1 = d2 = d3 = 0;
        cnt = 0;
        sinc_out = 0;
        sinc_valid = false;
    } else if (sinc_enable) {
        const int64_t x = in.mod_bit ? 1 : -1;
        const bool dec = in.rate ? ((m_cnt & 0x7ffu) == 0x7ffu) : (m_cnt == 0x3fffu);
        int1 = wrap(m_int1 + x, SINC_W);
        int2 = wrap(m_int2 + m_int1, SINC_W);
        int3 = wrap(m_int3 + m_int2, SINC_W);
        cnt = dec ? 0 : ((m_cnt + 1) & 0x3fffu);
        sinc_valid = dec;
        if (dec) {
            d1 = m_int3;
            d2 = wrap(m_int3 - m_dly1, SINC_W);
            d3 = wrap(m_int3 - m_dly1 - m_dly2, SINC_W);
            const int64_t comb = wrap(m_int3 - m_dly1 - m_dly2 - m_dly3, SINC_W);
            sinc_out = sat24(in.rate ? (comb >> 10) : (comb >> 19));
        }
    } else {
        sinc_valid = false;
    }

    // lc_offset_gain (its input is this cycle's sinc output register or the sample port)
    const int32_t og_in = in.sample_mode ? sext24(static_cast<uint32_t>(in.sample)) : m_sinc_out;
    const bool og_valid = in.sample_mode ? (in.sample_strobe && !m_pd) : m_sinc_valid;
    int32_t code = m_code;
    if (og_valid) code = offset_gain(og_in, m_offset, m_gain);

    // lc_serial
    const bool rise = m_sck && !m_sck_prev;
    const uint32_t hi_cnt = m_sck ? (m_hi_cnt == 15 ? 15 : m_hi_cnt + 1) : 0;
    bool pd = m_pd, ready = m_ready, restart = false;
    uint32_t settle = m_settle, pulses = m_pulses;
    uint8_t sel = m_sel;
    int32_t data = m_data;
    const uint8_t new_sel = m_pulses >= 27 ? SEL_A64 : m_pulses == 26 ? SEL_B32 : SEL_A128;
    if (m_pd) {
        if (!m_sck) {
            pd = false;
            sel = SEL_A128;
            settle = SETTLE_DISCARD;
            ready = false;
            pulses = 0;
            restart = true;
        }
    } else if (m_sck && m_hi_cnt == PD_CYCLES - 1) {
        pd = true;
        ready = false;
        pulses = 0;
    } else if (in.rate != m_rate) {
        settle = SETTLE_DISCARD;
        ready = false;
        pulses = 0;
        restart = true;
    } else {
        if (m_code_valid && !(m_pulses >= 1 && m_pulses <= 24)) {
            pulses = 0;
            if (m_pulses >= 25 && new_sel != m_sel) {
                sel = new_sel;
                settle = SETTLE_DISCARD;
                ready = false;
                restart = true;
            } else if (m_settle != 0) {
                settle = m_settle - 1;
            } else {
                data = m_code;
                ready = true;
            }
        }
        if (rise) {
            if (pulses != 31) ++pulses;
            ready = false;
        }
    }

    // registers
    if (in.cfg_we && !(in.cfg_addr & 2u)) {
        if (in.cfg_addr & 1u) m_gain = in.cfg_wdata & 0xffffffu;
        else m_offset = sext24(in.cfg_wdata);
        if (m_cfgwr_cnt != 0xff) ++m_cfgwr_cnt;
    }

    m_int1 = int1; m_int2 = int2; m_int3 = int3; m_dly1 = d1; m_dly2 = d2; m_dly3 = d3;
    m_cnt = cnt; m_sinc_out = sinc_out; m_sinc_valid = sinc_valid;
    m_code = code; m_code_valid = og_valid;
    m_sck_prev = m_sck;
    m_sck = m_sck_meta;
    m_sck_meta = in.pd_sck;
    m_hi_cnt = hi_cnt; m_pd = pd; m_ready = ready; m_restart = restart; m_rate = in.rate;
    m_settle = settle; m_pulses = pulses; m_sel = sel; m_data = data;
}

}  // namespace hilbench::lc
