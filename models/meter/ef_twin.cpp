#include "models/meter/ef_twin.h"

#include "models/meter/ef_regs.h"

namespace hilbench::ef {
namespace {

constexpr int SINC_W = 3 * OSR_LOG2 + 2;
constexpr int SINC_SHIFT = 3 * OSR_LOG2 - 23;
constexpr int HPF_W = 26 + HPF_K;
constexpr int POWER_W = 33 + LPF_K;
constexpr int TAMPER_W = 24 + TAMPER_K;

// Two's-complement wrap of v to `bits` bits, sign-extended.
int64_t wrap(int64_t v, int bits) {
    const uint64_t mask = (bits >= 64) ? ~0ull : ((1ull << bits) - 1);
    uint64_t u = static_cast<uint64_t>(v) & mask;
    if (bits < 64 && (u >> (bits - 1)) & 1u) u |= ~mask;
    return static_cast<int64_t>(u);
}
int32_t sat24(int64_t v) {
    if (v > 0x7fffff) return 0x7fffff;
    if (v < -0x800000) return -0x800000;
    return static_cast<int32_t>(v);
}
int32_t sat32(int64_t v) {
    if (v > 0x7fffffffLL) return 0x7fffffff;
    if (v < -0x80000000LL) return static_cast<int32_t>(-0x80000000LL);
    return static_cast<int32_t>(v);
}
int32_t sext(uint32_t v, int bits) { return static_cast<int32_t>(wrap(v, bits)); }

int32_t interp(int32_t x, int32_t xp, uint32_t d) {
    if (d == 0) return x;  // x is a 24-bit value: the sum below would return it unchanged
    const int64_t diff = int64_t(xp) - int64_t(x);
    const int64_t prod = diff * int64_t(d);
    return sat24(int64_t(x) + (prod >> 10));
}

}  // namespace

void twin::reset() {
    m_dec_cnt = 0;
    for (auto& s : m_sinc) s = sinc{};
    for (auto& h : m_hpf) h = hpf{};
    for (int k = 0; k < 3; ++k) {
        m_cal[k] = m_prev[k] = m_ph[k] = 0;
        m_gain[k] = GAIN_ONE;
        m_offset[k] = 0;
    }
    m_tacc[0] = m_tacc[1] = 0;
    m_avg[0] = m_avg[1] = 0;
    m_tamper = m_use_i2 = false;
    m_pacc = 0;
    m_p = 0;
    m_eacc = 0;
    m_cfdiv_cnt = m_width = m_pend = 0;
    m_cf = m_running = m_revp = false;
    m_aenergy = 0;
    m_cfcnt = 0;
    m_rdata = 0;
    m_locked = false;
    m_calwr_cnt = m_calwr_rej = 0;
    m_config = 0x07;
    m_phcal = 0;
    m_wattos = 0;
    m_noload = m_start = 0;
    m_cfthr = 0x000001000000ull;
    m_cfdiv = 1;
    m_cfwidth = 1;
    m_tamper_thr = 16;
    m_tamper_min = 0x001000;
}

uint32_t twin::peek(uint8_t addr) const {
    switch (addr) {
    case ID: return ID_VALUE;
    case STATUS:
        return (m_running ? 1u : 0u) | (m_revp ? 2u : 0u) | (m_tamper ? 4u : 0u) |
               (m_use_i2 ? 8u : 0u) | (m_locked ? 16u : 0u);
    case CONFIG: return m_config;
    case LOCK: return m_locked ? 1u : 0u;
    case CALWR_CNT: return m_calwr_cnt;
    case CALWR_REJ: return m_calwr_rej;
    case VGAIN: return m_gain[0];
    case IGAIN: return m_gain[1];
    case I2GAIN: return m_gain[2];
    case VOFFSET: return static_cast<uint32_t>(m_offset[0]);
    case IOFFSET: return static_cast<uint32_t>(m_offset[1]);
    case I2OFFSET: return static_cast<uint32_t>(m_offset[2]);
    case PHCAL: return static_cast<uint32_t>(m_phcal);
    case WATTOS: return static_cast<uint32_t>(m_wattos);
    case NOLOAD: return m_noload;
    case START: return m_start;
    case CFTHR_LO: return static_cast<uint32_t>(m_cfthr & 0xffffffffu);
    case CFTHR_HI: return static_cast<uint32_t>(m_cfthr >> 32);
    case CFDIV: return m_cfdiv;
    case CFWIDTH: return m_cfwidth;
    case TAMPER_THR: return m_tamper_thr;
    case TAMPER_MIN: return m_tamper_min;
    case AENERGY: return static_cast<uint32_t>(m_aenergy);
    case CFCNT: return m_cfcnt;
    case APOWER: return static_cast<uint32_t>(m_p);
    case VWAVE: return static_cast<uint32_t>(m_ph[0]);
    case IWAVE: return static_cast<uint32_t>(m_ph[1]);
    case I2WAVE: return static_cast<uint32_t>(m_ph[2]);
    case IABSAVG: return m_avg[0];
    case I2ABSAVG: return m_avg[1];
    default: return 0;
    }
}

bool twin::sample_strobe(const twin_inputs& in) const {
    return in.sample_mode ? in.sample_valid
                          : (m_sinc[0].valid && m_sinc[1].valid && m_sinc[2].valid);
}

void twin::sinc_tick(sinc& s, bool bit, bool dec) {
    const int64_t x = bit ? 1 : -1;
    const int64_t comb1 = wrap(s.int3 - s.dly1, SINC_W);
    const int64_t comb2 = wrap(comb1 - s.dly2, SINC_W);
    const int64_t comb3 = wrap(comb2 - s.dly3, SINC_W);
    const int64_t old_int1 = s.int1, old_int2 = s.int2, old_int3 = s.int3;
    s.int1 = wrap(old_int1 + x, SINC_W);
    s.int2 = wrap(old_int2 + old_int1, SINC_W);
    s.int3 = wrap(old_int3 + old_int2, SINC_W);
    s.valid = dec;
    if (dec) {
        s.dly1 = old_int3;
        s.dly2 = comb1;
        s.dly3 = comb2;
        s.out = sat24(comb3 >> SINC_SHIFT);
    }
}

int32_t twin::hpf_next(const hpf& h, bool enable, int32_t x, int64_t* acc_next) {
    const int64_t dc = h.acc >> HPF_K;
    const int64_t diff = wrap(int64_t(x) - dc, HPF_W);
    *acc_next = wrap(h.acc + diff, HPF_W);
    return sat24(enable ? diff : int64_t(x));
}

// One strobed sample through the datapath, src the source multiplexer's output (the 24-bit
// sample inputs in sample mode, the sinc3 outputs otherwise). Stages read their predecessors'
// registers before this edge, so they are updated from the last stage back.
inline void twin::sample_step(const int32_t src[3]) {
    // ef_energy (reads the registered power and its own state)
    const int64_t p = m_p;
    const int64_t p_abs = p < 0 ? -p : p;
    const int64_t e_in = (m_config & config_bit::ABS_ENERGY) ? p_abs : p;
    const int64_t thr = static_cast<int64_t>(m_cfthr);
    const int64_t sum = m_eacc + e_in;
    bool run_n = m_running;
    if (!m_running && p_abs >= int64_t(m_start)) run_n = true;
    else if (m_running && p_abs < int64_t(m_noload)) run_n = false;
    const bool q_pos = m_running && thr != 0 && sum >= thr;
    const bool q_neg = m_running && thr != 0 && sum <= -thr;
    const bool quantum = q_pos || q_neg;
    const bool cf_req = quantum && (uint64_t(m_cfdiv_cnt) + 1u >= m_cfdiv);
    const uint32_t pend_n = m_pend + ((cf_req && m_pend != 0xffu) ? 1u : 0u);
    if (m_running) m_eacc = q_pos ? sum - thr : (q_neg ? sum + thr : sum);
    if (q_pos) m_aenergy = static_cast<int32_t>(static_cast<uint32_t>(m_aenergy) + 1u);
    else if (q_neg) m_aenergy = static_cast<int32_t>(static_cast<uint32_t>(m_aenergy) - 1u);
    m_revp = m_running && p < 0;
    if (quantum) m_cfdiv_cnt = cf_req ? 0u : ((m_cfdiv_cnt + 1u) & 0xffffu);
    if (m_cf) {
        if (m_width <= 1) m_cf = false;
        m_width = (m_width - 1u) & 0xffffu;
        m_pend = pend_n;
    } else if (pend_n != 0) {
        m_cf = true;
        m_width = m_cfwidth == 0 ? 1u : m_cfwidth;
        m_pend = pend_n - 1u;
        ++m_cfcnt;
    } else {
        m_pend = pend_n;
    }
    m_running = run_n;

    // ef_power (reads the phase-calibrated samples and the registered use_i2)
    const int64_t prod = int64_t(m_ph[0]) * int64_t(m_use_i2 ? m_ph[2] : m_ph[1]);
    const int64_t p_inst = prod >> 16;
    const int64_t p_next = wrap(m_pacc + p_inst - (m_pacc >> LPF_K), POWER_W);
    m_p = sat32((m_pacc >> LPF_K) + int64_t(m_wattos));
    m_pacc = p_next;

    // ef_tamper
    uint32_t a[2];
    for (int k = 0; k < 2; ++k) {
        const int32_t x = m_ph[k + 1];
        const uint64_t ax = static_cast<uint64_t>(x < 0 ? -int64_t(x) : int64_t(x)) & 0xffffffu;
        const uint64_t mask = (1ull << TAMPER_W) - 1;
        a[k] = static_cast<uint32_t>((m_tacc[k] >> TAMPER_K) & 0xffffffu);
        m_tacc[k] = (m_tacc[k] + ax - (m_tacc[k] >> TAMPER_K)) & mask;
    }
    const uint32_t mx = a[0] > a[1] ? a[0] : a[1];
    const uint32_t mism = a[0] > a[1] ? a[0] - a[1] : a[1] - a[0];
    const bool tamper_n = mx >= m_tamper_min &&
                          (uint64_t(mism) << 7) > uint64_t(mx) * uint64_t(m_tamper_thr);
    m_avg[0] = a[0];
    m_avg[1] = a[1];
    m_tamper = tamper_n;
    m_use_i2 = (m_config & config_bit::USE_LARGER) && tamper_n && a[1] > a[0];

    // ef_phase_cal (reads the gain/offset outputs)
    uint32_t d_cur = 0, d_volt = 0;
    const int32_t phcal = (m_config & config_bit::DC) ? 0 : m_phcal;  // DC mode ignores PHCAL
    if (phcal >= 0) d_cur = phcal > 1024 ? 1024u : static_cast<uint32_t>(phcal);
    else d_volt = phcal < -1024 ? 1024u : static_cast<uint32_t>(-phcal);
    const int32_t ph_v = interp(m_cal[0], m_prev[0], d_volt);
    const int32_t ph_i = interp(m_cal[1], m_prev[1], d_cur);
    const int32_t ph_i2 = interp(m_cal[2], m_prev[2], d_cur);
    for (int k = 0; k < 3; ++k) m_prev[k] = m_cal[k];
    m_ph[0] = ph_v;
    m_ph[1] = ph_i;
    m_ph[2] = ph_i2;

    // ef_gain_offset (reads the HPF outputs)
    for (int k = 0; k < 3; ++k) {
        const int64_t prod_g = int64_t(m_hpf[k].y) * int64_t(m_gain[k]);
        m_cal[k] = sat24((prod_g >> 22) + int64_t(m_offset[k]));
    }

    // ef_hpf (reads the source mux: src)
    for (int k = 0; k < 3; ++k) {
        int64_t acc_next = 0;
        const bool enable = ((m_config >> k) & 1u) && !(m_config & config_bit::DC);
        const int32_t y = hpf_next(m_hpf[k], enable, src[k], &acc_next);
        m_hpf[k].acc = acc_next;
        m_hpf[k].y = y;
    }
}

void twin::tick(const twin_inputs& in) {
    if (!in.rst_n) {
        reset();
        return;
    }
    const bool valid = sample_strobe(in);
    const bool dec = m_dec_cnt == (1u << OSR_LOG2) - 1u;
    if (in.bus_re) m_rdata = peek(in.bus_addr);  // the state before this edge

    if (valid) {
        const int32_t src[3] = {
            in.sample_mode ? sext(static_cast<uint32_t>(in.v_sample), 24) : m_sinc[0].out,
            in.sample_mode ? sext(static_cast<uint32_t>(in.i_sample), 24) : m_sinc[1].out,
            in.sample_mode ? sext(static_cast<uint32_t>(in.i2_sample), 24) : m_sinc[2].out};
        sample_step(src);
    }

    // ef_sinc3 runs unless sample mode holds it; the decimation counter runs every cycle
    if (!in.sample_mode) {
        sinc_tick(m_sinc[0], in.v_bit, dec);
        sinc_tick(m_sinc[1], in.i_bit, dec);
        sinc_tick(m_sinc[2], in.i2_bit, dec);
    }
    m_dec_cnt = (m_dec_cnt + 1u) & ((1u << OSR_LOG2) - 1u);

    // ef_regs
    if (in.bus_we) {
        const uint8_t a = in.bus_addr;
        const uint32_t w = in.bus_wdata;
        if (a == LOCK) {
            if (w == 1u) m_locked = true;
            else if (w == UNLOCK_KEY) m_locked = false;
        } else if (is_calibration_register(a) && m_locked) {
            ++m_calwr_rej;
        } else if (is_calibration_register(a)) {
            ++m_calwr_cnt;
            switch (a) {
            case CONFIG: m_config = w & 0x3fu; break;
            case VGAIN: m_gain[0] = w & 0xffffffu; break;
            case IGAIN: m_gain[1] = w & 0xffffffu; break;
            case I2GAIN: m_gain[2] = w & 0xffffffu; break;
            case VOFFSET: m_offset[0] = sext(w, 24); break;
            case IOFFSET: m_offset[1] = sext(w, 24); break;
            case I2OFFSET: m_offset[2] = sext(w, 24); break;
            case PHCAL: m_phcal = sext(w, 12); break;
            case WATTOS: m_wattos = static_cast<int32_t>(w); break;
            case NOLOAD: m_noload = w; break;
            case START: m_start = w; break;
            case CFTHR_LO: m_cfthr = (m_cfthr & 0xffff00000000ull) | w; break;
            case CFTHR_HI: m_cfthr = (m_cfthr & 0xffffffffull) | (uint64_t(w & 0xffffu) << 32); break;
            case CFDIV: m_cfdiv = w & 0xffffu; break;
            case CFWIDTH: m_cfwidth = w & 0xffffu; break;
            case TAMPER_THR: m_tamper_thr = w & 0x7fu; break;
            case TAMPER_MIN: m_tamper_min = w & 0xffffffu; break;
            default: break;
            }
        }
    }
}

void twin::samples(const int32_t* __restrict v, const int32_t* __restrict i, const int32_t* __restrict i2,
                   std::size_t n, uint8_t* __restrict cf) {
    // a local copy whose address never escapes: the compiler keeps the state in registers
    // instead of storing it back after every byte written to cf
    twin t = *this;
    for (std::size_t k = 0; k < n; ++k) {
        const int32_t src[3] = {sext(static_cast<uint32_t>(v[k]), 24), sext(static_cast<uint32_t>(i[k]), 24),
                                sext(static_cast<uint32_t>(i2[k]), 24)};
        t.sample_step(src);
        cf[k] = t.m_cf ? 1 : 0;
    }
    t.m_dec_cnt = static_cast<uint32_t>((t.m_dec_cnt + n) & ((1u << OSR_LOG2) - 1u));
    *this = t;
}

}  // namespace hilbench::ef
