// Bit-exact, cycle-exact C++ twins of the pulser front end (rtl/pulser_frontend): the
// controller's pulser_frontend_top and the encoder's pulser_encoder_top. Each step() is one
// rising clock edge: the inputs are those before the edge, the outputs those after it, as the
// Verilated model shows them (registered outputs, combinational register read).
// tests/rtl/test_pf_equivalence.cpp holds them against the RTL on every cycle; siphash24 is
// also checked against OpenSSL's SipHash.
#pragma once
#include <cstdint>

namespace hilbench::dispenser {

// SipHash-2-4 of one 8-byte message m (its bytes little-endian), key k0 (bytes 0..7), k1 (8..15).
uint64_t siphash24(uint64_t k0, uint64_t k1, uint64_t m);

// The authenticated message: {role bit, counter[30:0], nonce[31:0]}.
inline uint64_t auth_message(bool role, uint32_t counter, uint32_t nonce) {
    return (uint64_t(role) << 63) | (uint64_t(counter & 0x7fffffffu) << 32) | nonce;
}

struct key128 {
    uint32_t w[4] = {0, 0, 0, 0};  // bits 31:0 .. 127:96
    uint64_t k0() const { return uint64_t(w[1]) << 32 | w[0]; }
    uint64_t k1() const { return uint64_t(w[3]) << 32 | w[2]; }
};

// pf_siphash: one SipRound per clock.
struct siphash_core {
    uint64_t v0 = 0, v1 = 0, v2 = 0, v3 = 0, m = 0;
    unsigned step_no = 0;
    bool done = false;
    uint64_t tag = 0;
    bool busy() const { return step_no != 0; }
    void step(bool rst_n, bool start, const key128& key, uint64_t msg);
};

// pf_auth: responder and verifier of one side.
struct auth_inputs {
    bool chal_valid = false;
    uint32_t chal_nonce = 0;
    bool verify = false;
    bool peer_valid = false;
    uint32_t peer_counter = 0;  // 31 bits
    uint64_t peer_tag = 0;      // mac_bits
};

class auth_twin {
public:
    auth_twin(bool role, unsigned mac_bits, unsigned timeout = 4096) : m_role(role), m_bits(mac_bits), m_timeout(timeout) {}
    void step(bool rst_n, const key128& key, uint32_t seed, const auth_inputs& in);
    bool busy() const { return m_state != 0; }
    // outputs (registered)
    bool resp_valid = false, chal_valid = false, ok = false, fail = false;
    uint32_t resp_counter = 0, chal_nonce = 0;
    uint64_t resp_tag = 0;

private:
    uint64_t mask(uint64_t v) const { return m_bits >= 64 ? v : v & ((uint64_t(1) << m_bits) - 1); }
    bool m_role;
    unsigned m_bits, m_timeout;
    siphash_core m_resp, m_ver;
    uint32_t m_tx_counter = 0;
    int m_state = 0;  // 0 idle, 1 wait for the peer, 2 check
    uint32_t m_lfsr = 1, m_nonce = 0, m_last_counter = 0, m_peer_counter = 0;
    uint64_t m_peer_tag = 0;
    unsigned m_wait = 0;
};

struct pf_inputs {
    bool pin_a = false, pin_b = false;
    bool sample_mode = false, evt_fwd = false, evt_rev = false, evt_fault = false;
    uint32_t evt_period = 0;  // 24 bits
    uint32_t chip_seed = 1;
    bool cfg_we = false;
    unsigned cfg_addr = 0;  // 4 bits
    uint32_t cfg_wdata = 0;
    bool peer_valid = false;
    uint32_t peer_counter = 0;
    uint64_t peer_tag = 0;
    bool chal_valid = false;
    uint32_t chal_nonce = 0;
};

// pulser_frontend_top
class pf_twin {
public:
    explicit pf_twin(unsigned mac_bits = 32, uint32_t min_period_reset = 8)
        : m_auth(true, mac_bits), m_min_period_reset(min_period_reset) {}
    void step(bool rst_n, const pf_inputs& in);
    uint32_t read(unsigned addr, bool sample_mode, const pf_inputs& in) const;  // o_cfg_rdata
    const auth_twin& auth() const { return m_auth; }
    bool lock() const { return m_lock; }
    // o_fwd is combinational: a count at this edge's inputs
    bool fwd(const pf_inputs& in) const;

private:
    struct filter {
        bool sync1 = false, sync2 = false, level = false;
        unsigned run = 0;
        void step(bool rst_n, bool pin, unsigned n);
    } m_fa, m_fb;
    struct quadrature {
        bool a = false, b = false, fwd = false, rev = false, ab = false, ba = false, illegal = false;
        unsigned a_run = 0, b_run = 0;
        void step(bool rst_n, bool ia, bool ib);
    } m_quad;
    struct rate {
        uint32_t since = 0, period = 0xffffff;
        bool seen = false, overrate = false;
        void step(bool rst_n, bool fwd, uint32_t min_period);
    } m_rate;
    auth_twin m_auth;
    uint32_t m_min_period_reset;
    unsigned m_filter = 4;
    uint32_t m_min_period = 8, m_limits = 0x140303, m_period = 0xffffff;
    key128 m_key;
    bool m_key_locked = false, m_count_en = true, m_lock = false, m_auth_ok = false, m_auth_fail = false;
    uint32_t m_fwd = 0, m_rev = 0;
    unsigned m_ch_faults = 0, m_rate_faults = 0, m_auth_fails = 0, m_ch_since = 0, m_rate_since = 0, m_rev_since = 0;
    unsigned m_cause = 0;
};

struct pe_inputs {
    uint32_t chip_seed = 1;
    bool cfg_we = false;
    unsigned cfg_addr = 0;  // 3 bits
    uint32_t cfg_wdata = 0;
    bool verify = false;
    bool chal_valid = false;
    uint32_t chal_nonce = 0;
    bool peer_valid = false;
    uint32_t peer_counter = 0;
    uint64_t peer_tag = 0;
};

// pulser_encoder_top
class pe_twin {
public:
    explicit pe_twin(unsigned mac_bits = 32) : m_auth(false, mac_bits) {}
    void step(bool rst_n, const pe_inputs& in);
    const auth_twin& auth() const { return m_auth; }
    bool pulse_enable() const { return m_enable; }
    unsigned status() const { return (m_key_locked << 3) | (m_auth.busy() << 2) | (m_failed << 1) | m_enable; }

private:
    auth_twin m_auth;
    key128 m_key;
    bool m_key_locked = false, m_failed = false, m_enable = false;
};

}  // namespace hilbench::dispenser
