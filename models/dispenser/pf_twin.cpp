#include "models/dispenser/pf_twin.h"

namespace hilbench::dispenser {
namespace {

constexpr uint64_t len_block = 0x0800000000000000ull;  // 8 bytes, no tail

uint64_t rotl(uint64_t x, unsigned b) { return (x << b) | (x >> (64 - b)); }

void sip_round(uint64_t& v0, uint64_t& v1, uint64_t& v2, uint64_t& v3) {
    v0 += v1;
    v1 = rotl(v1, 13) ^ v0;
    v0 = rotl(v0, 32);
    v2 += v3;
    v3 = rotl(v3, 16) ^ v2;
    v0 += v3;
    v3 = rotl(v3, 21) ^ v0;
    v2 += v1;
    v1 = rotl(v1, 17) ^ v2;
    v2 = rotl(v2, 32);
}

unsigned sat16(unsigned v) { return v == 0xffff ? v : v + 1; }
unsigned sat8(unsigned v) { return v == 0xff ? v : v + 1; }

}  // namespace

uint64_t siphash24(uint64_t k0, uint64_t k1, uint64_t m) {
    uint64_t v0 = k0 ^ 0x736f6d6570736575ull, v1 = k1 ^ 0x646f72616e646f6dull, v2 = k0 ^ 0x6c7967656e657261ull,
             v3 = k1 ^ 0x7465646279746573ull;
    v3 ^= m;
    sip_round(v0, v1, v2, v3);
    sip_round(v0, v1, v2, v3);
    v0 ^= m;
    v3 ^= len_block;
    sip_round(v0, v1, v2, v3);
    sip_round(v0, v1, v2, v3);
    v0 ^= len_block;
    v2 ^= 0xff;
    for (int k = 0; k < 4; ++k) sip_round(v0, v1, v2, v3);
    return v0 ^ v1 ^ v2 ^ v3;
}

void siphash_core::step(bool rst_n, bool start, const key128& key, uint64_t msg) {
    if (!rst_n) {
        *this = siphash_core{};
        return;
    }
    bool done_next = false;
    if (step_no == 0) {
        if (start) {
            v0 = key.k0() ^ 0x736f6d6570736575ull;
            v1 = key.k1() ^ 0x646f72616e646f6dull;
            v2 = key.k0() ^ 0x6c7967656e657261ull;
            v3 = key.k1() ^ 0x7465646279746573ull ^ msg;
            m = msg;
            step_no = 1;
        }
    } else {
        uint64_t r0 = v0, r1 = v1, r2 = v2, r3 = v3;
        sip_round(r0, r1, r2, r3);
        v0 = r0 ^ (step_no == 2 ? m : step_no == 4 ? len_block : 0);
        v1 = r1;
        v2 = r2 ^ (step_no == 4 ? 0xffu : 0u);
        v3 = r3 ^ (step_no == 2 ? len_block : 0);
        if (step_no == 8) {
            tag = r0 ^ r1 ^ r2 ^ r3;
            done_next = true;
            step_no = 0;
        } else {
            ++step_no;
        }
    }
    done = done_next;
}

void auth_twin::step(bool rst_n, const key128& key, uint32_t seed, const auth_inputs& in) {
    if (!rst_n) {
        m_resp.step(false, false, key, 0);
        m_ver.step(false, false, key, 0);
        m_tx_counter = 0;
        resp_valid = chal_valid = ok = fail = false;
        resp_counter = chal_nonce = 0;
        resp_tag = 0;
        m_state = 0;
        m_lfsr = seed == 0 ? 1 : seed;
        m_nonce = m_last_counter = m_peer_counter = 0;
        m_peer_tag = 0;
        m_wait = 0;
        return;
    }
    // the values before the edge
    const bool resp_busy = m_resp.busy(), resp_done = m_resp.done, ver_done = m_ver.done;
    const uint64_t resp_tag_in = m_resp.tag, ver_tag = m_ver.tag;
    const bool resp_start = in.chal_valid && !resp_busy;
    const bool ver_start = m_state == 1 && in.peer_valid;
    // responder
    m_resp.step(true, resp_start, key, auth_message(m_role, m_tx_counter + 1, in.chal_nonce));
    resp_valid = false;
    if (resp_done) {
        resp_valid = true;
        resp_counter = m_tx_counter;
        resp_tag = mask(resp_tag_in);
    }
    if (resp_start) m_tx_counter = (m_tx_counter + 1) & 0x7fffffffu;
    // verifier
    m_ver.step(true, ver_start, key, auth_message(!m_role, in.peer_counter, m_nonce));
    const uint32_t lfsr = m_lfsr;
    m_lfsr = (lfsr >> 1) ^ ((lfsr & 1u) ? 0x80200003u : 0u);
    chal_valid = ok = fail = false;
    switch (m_state) {
    case 0:
        if (in.verify) {
            m_nonce = lfsr;
            chal_nonce = lfsr;
            chal_valid = true;
            m_wait = 0;
            m_state = 1;
        }
        break;
    case 1:
        if (in.peer_valid) {
            m_peer_counter = in.peer_counter & 0x7fffffffu;
            m_peer_tag = in.peer_tag;
            m_state = 2;
        } else if (m_wait == m_timeout) {
            fail = true;
            m_state = 0;
        } else {
            ++m_wait;
        }
        break;
    default:
        if (ver_done) {
            if (mask(ver_tag) == m_peer_tag && m_peer_counter > m_last_counter) {
                ok = true;
                m_last_counter = m_peer_counter;
            } else {
                fail = true;
            }
            m_state = 0;
        }
        break;
    }
}

void pf_twin::filter::step(bool rst_n, bool pin, unsigned n) {
    if (!rst_n) {
        *this = filter{};
        return;
    }
    const bool s2 = sync2;
    sync2 = sync1;
    sync1 = pin;
    if (s2 == level) {
        run = 0;
    } else if (((run + 1) & 0xf) >= n) {
        level = s2;
        run = 0;
    } else {
        run = (run + 1) & 0xf;
    }
}

void pf_twin::quadrature::step(bool rst_n, bool ia, bool ib) {
    if (!rst_n) {
        *this = quadrature{};
        return;
    }
    const bool a_edge = ia != a, b_edge = ib != b;
    a = ia;
    b = ib;
    fwd = a_edge && ia && !b_edge && !ib;
    rev = a_edge && ia && !b_edge && ib;
    illegal = a_edge && b_edge;
    ab = ba = false;
    if (a_edge && b_edge) {
        a_run = b_run = 0;
    } else if (a_edge) {
        b_run = 0;
        if (a_run == 2) {
            ab = true;
            a_run = 0;
        } else {
            ++a_run;
        }
    } else if (b_edge) {
        a_run = 0;
        if (b_run == 2) {
            ba = true;
            b_run = 0;
        } else {
            ++b_run;
        }
    }
}

void pf_twin::rate::step(bool rst_n, bool fwd, uint32_t min_period) {
    if (!rst_n) {
        *this = rate{};
        return;
    }
    overrate = false;
    const uint32_t gap = since == 0xffffff ? since : since + 1;
    if (fwd) {
        if (seen) {
            period = gap;
            overrate = gap < min_period;
        }
        seen = true;
        since = 0;
    } else if (since != 0xffffff) {
        ++since;
    } else {
        period = 0xffffff;
    }
}

bool pf_twin::fwd(const pf_inputs& in) const { return m_count_en && (in.sample_mode ? in.evt_fwd : m_quad.fwd); }

void pf_twin::step(bool rst_n, const pf_inputs& in) {
    if (!rst_n) {
        m_fa.step(false, false, 0);
        m_fb.step(false, false, 0);
        m_quad.step(false, false, false);
        m_rate.step(false, false, 0);
        m_auth.step(false, m_key, in.chip_seed, {});
        m_filter = 4;
        m_min_period = m_min_period_reset & 0xffffff;
        m_limits = 0x140303;
        m_key = key128{};
        m_key_locked = false;
        m_count_en = true;
        m_fwd = m_rev = 0;
        m_period = 0xffffff;
        m_ch_faults = m_rate_faults = m_auth_fails = m_ch_since = m_rate_since = m_rev_since = 0;
        m_cause = 0;
        m_auth_ok = m_auth_fail = m_lock = false;
        return;
    }
    // the values before the edge
    const bool q_fwd = m_quad.fwd, q_rev = m_quad.rev, q_fault = m_quad.ab || m_quad.ba || m_quad.illegal;
    const bool r_overrate = m_rate.overrate;
    const uint32_t r_period = m_rate.period;
    const bool a_lvl = m_fa.level, b_lvl = m_fb.level;
    const bool fwd = m_count_en && (in.sample_mode ? in.evt_fwd : q_fwd);
    const bool rev = m_count_en && (in.sample_mode ? in.evt_rev : q_rev);
    const bool ch_fault = in.sample_mode ? in.evt_fault : q_fault;
    const bool overrate = in.sample_mode ? (in.evt_fwd && (in.evt_period & 0xffffff) < m_min_period) : r_overrate;
    const bool lock_clr = in.cfg_we && in.cfg_addr == 0 && (in.cfg_wdata & 2u);
    const bool auth_start = in.cfg_we && in.cfg_addr == 0 && (in.cfg_wdata & 4u);
    const bool auth_ok = m_auth.ok, auth_fail = m_auth.fail;
    const key128 key = m_key;
    const unsigned filter_n = m_filter;
    const uint32_t min_period = m_min_period, limits = m_limits;

    m_fa.step(true, in.pin_a, filter_n);
    m_fb.step(true, in.pin_b, filter_n);
    m_quad.step(true, a_lvl, b_lvl);
    m_rate.step(true, q_fwd, min_period);
    m_auth.step(true, key, in.chip_seed,
                {in.chal_valid, in.chal_nonce, auth_start, in.peer_valid, in.peer_counter, in.peer_tag});

    if (in.cfg_we) {
        switch (in.cfg_addr & 0xf) {
        case 0: m_count_en = in.cfg_wdata & 1u; break;
        case 8: m_filter = in.cfg_wdata & 0xf; break;
        case 9: m_min_period = in.cfg_wdata & 0xffffff; break;
        case 10: m_limits = in.cfg_wdata & 0xffffff; break;
        case 11: if (!m_key_locked) m_key.w[0] = in.cfg_wdata; break;
        case 12: if (!m_key_locked) m_key.w[1] = in.cfg_wdata; break;
        case 13: if (!m_key_locked) m_key.w[2] = in.cfg_wdata; break;
        case 14: if (!m_key_locked) m_key.w[3] = in.cfg_wdata; break;
        case 15: if (in.cfg_wdata & 1u) m_key_locked = true; break;
        default: break;
        }
    }
    if (fwd) ++m_fwd;
    if (rev) ++m_rev;
    if (in.sample_mode ? in.evt_fwd : q_fwd)
        m_period = in.sample_mode ? (in.evt_period & 0xffffff) : r_period;
    else if (!in.sample_mode)
        m_period = r_period;
    if (ch_fault) m_ch_faults = sat16(m_ch_faults);
    if (overrate) m_rate_faults = sat16(m_rate_faults);
    if (auth_fail) m_auth_fails = sat16(m_auth_fails);
    if (auth_ok || auth_fail) {
        m_auth_ok = auth_ok;
        m_auth_fail = auth_fail;
    }
    if (lock_clr) {
        m_lock = false;
        m_cause = 0;
        m_ch_since = m_rate_since = m_rev_since = 0;
    } else {
        const unsigned ch_n = ch_fault ? sat8(m_ch_since) : m_ch_since;
        const unsigned rate_n = overrate ? sat8(m_rate_since) : m_rate_since;
        const unsigned rev_n = rev ? sat8(m_rev_since) : m_rev_since;
        m_ch_since = ch_n;
        m_rate_since = rate_n;
        m_rev_since = rev_n;
        const unsigned lim_ch = limits & 0xff, lim_rate = (limits >> 8) & 0xff, lim_rev = (limits >> 16) & 0xff;
        const unsigned cause = (auth_fail ? 8u : 0u) | (lim_rev != 0 && rev_n >= lim_rev ? 4u : 0u) |
                               (lim_rate != 0 && rate_n >= lim_rate ? 2u : 0u) | (lim_ch != 0 && ch_n >= lim_ch ? 1u : 0u);
        m_cause |= cause;
        if (cause != 0) m_lock = true;
    }
}

uint32_t pf_twin::read(unsigned addr, bool, const pf_inputs&) const {
    switch (addr & 0xf) {
    case 0: return m_count_en;
    case 1:
        return (m_cause << 8) | (uint32_t(m_key_locked) << 4) | (uint32_t(m_auth.busy()) << 3) |
               (uint32_t(m_auth_fail) << 2) | (uint32_t(m_auth_ok) << 1) | uint32_t(m_lock);
    case 2: return m_fwd;
    case 3: return m_rev;
    case 4: return m_period;
    case 5: return m_ch_faults;
    case 6: return m_rate_faults;
    case 7: return m_auth_fails;
    case 8: return m_filter;
    case 9: return m_min_period;
    case 10: return m_limits;
    default: return 0;
    }
}

void pe_twin::step(bool rst_n, const pe_inputs& in) {
    if (!rst_n) {
        m_auth.step(false, m_key, in.chip_seed, {});
        m_key = key128{};
        m_key_locked = m_failed = m_enable = false;
        return;
    }
    const bool ok = m_auth.ok, fail = m_auth.fail;
    const key128 key = m_key;
    m_auth.step(true, key, in.chip_seed,
                {in.chal_valid, in.chal_nonce, in.verify, in.peer_valid, in.peer_counter, in.peer_tag});
    if (in.cfg_we && !m_key_locked && (in.cfg_addr & 7) < 4) m_key.w[in.cfg_addr & 3] = in.cfg_wdata;
    if (in.cfg_we && (in.cfg_addr & 7) == 4 && (in.cfg_wdata & 1u)) m_key_locked = true;
    if (fail) {
        m_failed = true;
        m_enable = false;
    } else if (ok && !m_failed) {
        m_enable = true;
    }
}

}  // namespace hilbench::dispenser
