// The pulser front end RTL (rtl/pulser_frontend: the controller's pulser_frontend_top and the
// encoder's pulser_encoder_top, wired to each other) against their C++ twins
// (models/dispenser/pf_twin), every output on every cycle; SipHash-2-4 against OpenSSL's; and
// the decoder's and the authentication's behaviour on the RTL.
#define BOOST_TEST_MODULE pulser_frontend_equivalence
#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/params.h>

#include "Vpulser_encoder_top.h"
#include "Vpulser_frontend_top.h"
#include "verilated.h"

#include <cstdint>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "models/dispenser/pf_twin.h"

using namespace hilbench::dispenser;

namespace {

// The pins and commands both pairs receive in one clock.
struct stimulus {
    bool rst_n = true, pin_a = false, pin_b = false;
    bool sample_mode = false, evt_fwd = false, evt_rev = false, evt_fault = false;
    uint32_t evt_period = 0, pf_seed = 0x1234567u, pe_seed = 0x89abcdefu;
    bool pf_we = false;
    unsigned pf_addr = 0;
    uint32_t pf_wdata = 0;
    bool pe_we = false;
    unsigned pe_addr = 0;
    uint32_t pe_wdata = 0;
    bool pe_verify = false;
    bool cut_link = false;  // the encoder's answers never reach the controller (a pulled cable)
};

// Controller and encoder, RTL and twin, each pair wired together through registered outputs.
struct dual_pair {
    VerilatedContext ctx;
    std::unique_ptr<Vpulser_frontend_top> pf;
    std::unique_ptr<Vpulser_encoder_top> pe;
    pf_twin tpf;
    pe_twin tpe;
    uint64_t cycle = 0, mismatches = 0, compared = 0;
    std::string first_mismatch;

    dual_pair() : pf(std::make_unique<Vpulser_frontend_top>(&ctx, "pf")), pe(std::make_unique<Vpulser_encoder_top>(&ctx, "pe")) {
        stimulus s;
        s.rst_n = false;
        for (int k = 0; k < 3; ++k) step(s);
    }
    ~dual_pair() {
        pf->final();
        pe->final();
    }

    void note(const char* what, uint64_t r, uint64_t t) {
        ++mismatches;
        if (first_mismatch.empty()) {
            std::ostringstream os;
            os << "cycle " << cycle << ": " << what << " rtl 0x" << std::hex << r << " twin 0x" << t;
            first_mismatch = os.str();
        }
    }

    void step(const stimulus& s) {
        // the RTL pair: each side sees the other's outputs from before this edge
        const bool pf_chal = pf->o_chal_valid, pe_chal = pe->o_chal_valid;
        const uint32_t pf_nonce = pf->o_chal_nonce, pe_nonce = pe->o_chal_nonce;
        const bool pf_resp = pf->o_resp_valid, pe_resp = pe->o_resp_valid && !s.cut_link;
        const uint32_t pf_rc = pf->o_resp_counter, pe_rc = pe->o_resp_counter;
        const uint64_t pf_rt = pf->o_resp_tag, pe_rt = pe->o_resp_tag;
        pf->rst_n = s.rst_n;
        pf->i_pin_a = s.pin_a;
        pf->i_pin_b = s.pin_b;
        pf->i_sample_mode = s.sample_mode;
        pf->i_evt_fwd = s.evt_fwd;
        pf->i_evt_rev = s.evt_rev;
        pf->i_evt_fault = s.evt_fault;
        pf->i_evt_period = s.evt_period & 0xffffffu;
        pf->i_chip_seed = s.pf_seed;
        pf->i_cfg_we = s.pf_we;
        pf->i_cfg_addr = static_cast<CData>(s.pf_addr & 0xfu);
        pf->i_cfg_wdata = s.pf_wdata;
        pf->i_peer_valid = pe_resp;
        pf->i_peer_counter = pe_rc;
        pf->i_peer_tag = static_cast<uint32_t>(pe_rt);
        pf->i_chal_valid = pe_chal;
        pf->i_chal_nonce = pe_nonce;
        pe->rst_n = s.rst_n;
        pe->i_chip_seed = s.pe_seed;
        pe->i_cfg_we = s.pe_we;
        pe->i_cfg_addr = static_cast<CData>(s.pe_addr & 7u);
        pe->i_cfg_wdata = s.pe_wdata;
        pe->i_verify = s.pe_verify;
        pe->i_chal_valid = pf_chal;
        pe->i_chal_nonce = pf_nonce;
        pe->i_peer_valid = pf_resp;
        pe->i_peer_counter = pf_rc;
        pe->i_peer_tag = static_cast<uint32_t>(pf_rt);
        // the twins, wired the same way
        pf_inputs ti;
        ti.pin_a = s.pin_a;
        ti.pin_b = s.pin_b;
        ti.sample_mode = s.sample_mode;
        ti.evt_fwd = s.evt_fwd;
        ti.evt_rev = s.evt_rev;
        ti.evt_fault = s.evt_fault;
        ti.evt_period = s.evt_period & 0xffffffu;
        ti.chip_seed = s.pf_seed;
        ti.cfg_we = s.pf_we;
        ti.cfg_addr = s.pf_addr & 0xfu;
        ti.cfg_wdata = s.pf_wdata;
        const auth_twin& ea = tpe.auth();
        const auth_twin& ca = tpf.auth();
        ti.peer_valid = ea.resp_valid && !s.cut_link;
        ti.peer_counter = ea.resp_counter;
        ti.peer_tag = ea.resp_tag;
        ti.chal_valid = ea.chal_valid;
        ti.chal_nonce = ea.chal_nonce;
        pe_inputs te;
        te.chip_seed = s.pe_seed;
        te.cfg_we = s.pe_we;
        te.cfg_addr = s.pe_addr & 7u;
        te.cfg_wdata = s.pe_wdata;
        te.verify = s.pe_verify;
        te.chal_valid = ca.chal_valid;
        te.chal_nonce = ca.chal_nonce;
        te.peer_valid = ca.resp_valid;
        te.peer_counter = ca.resp_counter;
        te.peer_tag = ca.resp_tag;

        const bool twin_fwd = tpf.fwd(ti);
        pf->clk = 0;
        pe->clk = 0;
        pf->eval();
        pe->eval();
        // o_fwd is combinational: compare it before the edge
        if (s.rst_n && bool(pf->o_fwd) != twin_fwd) note("o_fwd", pf->o_fwd, twin_fwd);
        pf->clk = 1;
        pe->clk = 1;
        pf->eval();
        pe->eval();
        tpf.step(s.rst_n, ti);
        tpe.step(s.rst_n, te);
        ++cycle;
        if (!s.rst_n) return;
        ++compared;
        if (bool(pf->o_lock) != tpf.lock()) note("o_lock", pf->o_lock, tpf.lock());
        if (bool(pf->o_chal_valid) != ca.chal_valid) note("pf chal_valid", pf->o_chal_valid, ca.chal_valid);
        if (pf->o_chal_nonce != ca.chal_nonce) note("pf chal_nonce", pf->o_chal_nonce, ca.chal_nonce);
        if (bool(pf->o_resp_valid) != ca.resp_valid) note("pf resp_valid", pf->o_resp_valid, ca.resp_valid);
        if (pf->o_resp_counter != ca.resp_counter) note("pf resp_counter", pf->o_resp_counter, ca.resp_counter);
        if (pf->o_resp_tag != ca.resp_tag) note("pf resp_tag", pf->o_resp_tag, ca.resp_tag);
        if (bool(pe->o_pulse_enable) != tpe.pulse_enable()) note("pe pulse_enable", pe->o_pulse_enable, tpe.pulse_enable());
        if (pe->o_status != tpe.status()) note("pe status", pe->o_status, tpe.status());
        if (bool(pe->o_chal_valid) != ea.chal_valid) note("pe chal_valid", pe->o_chal_valid, ea.chal_valid);
        if (pe->o_chal_nonce != ea.chal_nonce) note("pe chal_nonce", pe->o_chal_nonce, ea.chal_nonce);
        if (bool(pe->o_resp_valid) != ea.resp_valid) note("pe resp_valid", pe->o_resp_valid, ea.resp_valid);
        if (pe->o_resp_counter != ea.resp_counter) note("pe resp_counter", pe->o_resp_counter, ea.resp_counter);
        if (pe->o_resp_tag != ea.resp_tag) note("pe resp_tag", pe->o_resp_tag, ea.resp_tag);
        for (unsigned a = 0; a < 16; ++a) {
            pf->i_cfg_addr = static_cast<CData>(a);
            pf->eval();
            if (pf->o_cfg_rdata != tpf.read(a, s.sample_mode, ti)) note("pf register", a << 24 | pf->o_cfg_rdata, tpf.read(a, s.sample_mode, ti));
        }
    }

    uint32_t reg(unsigned a) {
        pf->i_cfg_addr = static_cast<CData>(a);
        pf->eval();
        return pf->o_cfg_rdata;
    }
};

// A quadrature pulser turning at a given number of clocks per cycle (forward or reverse).
struct pulser {
    double phase = 0;  // cycles
    void advance(double cycles) { phase += cycles; }
    bool a() const { const double f = phase - std::floor(phase); return f >= 0.25 && f < 0.75; }
    bool b() const { const double f = phase - std::floor(phase); return f >= 0.5; }
};

void write_keys(dual_pair& d, stimulus s, uint32_t pf_key_seed, uint32_t pe_key_seed, bool lock) {
    for (unsigned k = 0; k < 4; ++k) {
        s.pf_we = s.pe_we = true;
        s.pf_addr = 11 + k;
        s.pf_wdata = pf_key_seed * (k + 1) ^ 0x5a5a5a5au;
        s.pe_addr = k;
        s.pe_wdata = pe_key_seed * (k + 1) ^ 0x5a5a5a5au;
        d.step(s);
    }
    if (lock) {
        s.pf_addr = 15;
        s.pf_wdata = 1;
        s.pe_addr = 4;
        s.pe_wdata = 1;
        d.step(s);
    }
}

void idle(dual_pair& d, stimulus s, int n) {
    s.pf_we = s.pe_we = s.pe_verify = false;
    for (int k = 0; k < n; ++k) d.step(s);
}

void auth_start(dual_pair& d, stimulus s) {
    s.pf_we = true;
    s.pf_addr = 0;
    s.pf_wdata = 1 | 4;
    d.step(s);
}

}  // namespace

// SipHash-2-4 of the twin against OpenSSL's implementation (EVP_MAC "SIPHASH", 8-byte tag,
// c = 2, d = 4): the reference vector of the SipHash paper and random keys and messages.
BOOST_AUTO_TEST_CASE(siphash_matches_openssl) {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "SIPHASH", nullptr);
    BOOST_REQUIRE(mac != nullptr);
    std::mt19937_64 rng(11);
    for (int n = 0; n < 2000; ++n) {
        uint8_t key[16], msg[8];
        if (n == 0) {
            for (int k = 0; k < 16; ++k) key[k] = uint8_t(k);
            for (int k = 0; k < 8; ++k) msg[k] = uint8_t(k);
        } else {
            for (auto& b : key) b = uint8_t(rng());
            for (auto& b : msg) b = uint8_t(rng());
        }
        EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
        size_t size = 8;
        OSSL_PARAM params[] = {OSSL_PARAM_construct_size_t("size", &size), OSSL_PARAM_construct_end()};
        BOOST_REQUIRE(EVP_MAC_init(ctx, key, sizeof key, params) == 1);
        BOOST_REQUIRE(EVP_MAC_update(ctx, msg, sizeof msg) == 1);
        uint8_t out[8];
        size_t out_len = 0;
        BOOST_REQUIRE(EVP_MAC_final(ctx, out, &out_len, sizeof out) == 1);
        EVP_MAC_CTX_free(ctx);
        uint64_t k0 = 0, k1 = 0, m = 0, want = 0;
        for (int k = 7; k >= 0; --k) {
            k0 = k0 << 8 | key[k];
            k1 = k1 << 8 | key[k + 8];
            m = m << 8 | msg[k];
            want = want << 8 | out[k];
        }
        const uint64_t got = siphash24(k0, k1, m);
        BOOST_TEST(got == want, "key/msg case " << n);
        if (n == 0) BOOST_TEST(want == 0x93f5f5799a932462ull);  // the paper's vector for 8 bytes
    }
    EVP_MAC_free(mac);
}

// Every output on every cycle: a pulser turning forward and back at changing speeds with
// glitches, dropped B edges and stuck channels; random register writes; authentications
// started by both sides with matching and mismatching keys; resets.
BOOST_AUTO_TEST_CASE(bit_mode_random_pulses_registers_and_authentication) {
    dual_pair d;
    std::mt19937_64 rng(3);
    stimulus s;
    pulser p;
    double speed = 0.02;  // cycles per clock
    int stuck_b = 0;
    write_keys(d, s, 77, 77, false);
    uint64_t locked = 0, oks = 0, fails = 0, enabled = 0, counted = 0;
    for (uint64_t k = 0; k < 1200000; ++k) {
        if (k % 20000 == 0) speed = std::uniform_real_distribution<double>(-0.05, 0.2)(rng);
        if (k % 150000 == 1000) {  // paired keys two times in three
            const uint32_t key = uint32_t(rng() % 5);
            write_keys(d, s, key, rng() % 3 ? key : key + 1, rng() % 2);
        }
        if (k % 400000 == 399999) {
            s.rst_n = false;
            d.step(s);
            s.rst_n = true;
        }
        p.advance(speed);
        s.pin_a = p.a();
        s.pin_b = stuck_b > 0 ? false : p.b();
        if (stuck_b > 0) --stuck_b;
        if (rng() % 50000 == 0) stuck_b = int(rng() % 3000);
        if (rng() % 700 == 0) s.pin_a = !s.pin_a;  // a one-clock glitch
        if (rng() % 900 == 0) s.pin_b = !s.pin_b;
        s.pf_we = rng() % 3001 == 0;
        s.pf_addr = unsigned(rng() % 12);  // 11: a key word now and then (the keys are written below)
        s.pf_wdata = uint32_t(rng());
        if (s.pf_we && s.pf_addr == 0) s.pf_wdata |= 1;  // keep counting mostly
        if (s.pf_we && s.pf_addr == 8) s.pf_wdata &= 7;
        if (s.pf_we && s.pf_addr == 9) s.pf_wdata &= 63;
        s.pe_we = rng() % 20011 == 0;
        s.pe_addr = unsigned(rng() % 8);
        if (s.pe_addr < 3) s.pe_addr += 4;  // key word 3 now and then
        s.pe_wdata = uint32_t(rng());
        s.pe_verify = rng() % 5003 == 0;
        s.cut_link = (k / 100000) % 7 == 5;
        if (rng() % 1500 == 0) {  // the firmware clears the lock after service
            s.pf_we = true;
            s.pf_addr = 0;
            s.pf_wdata = 1 | 2;
        }
        if (rng() % 4999 == 0) {
            s.pf_we = true;
            s.pf_addr = 0;
            s.pf_wdata = 1 | 4 | ((rng() % 2) ? 2 : 0);  // an authentication, sometimes a lock clear
        }
        d.step(s);
        locked += d.pf->o_lock;
        oks += d.tpf.auth().ok;
        fails += d.tpf.auth().fail;
        enabled += d.pe->o_pulse_enable;
        counted += d.pf->o_fwd;
    }
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
    BOOST_TEST(d.compared > 1000000u);
    // the run went through the states it is meant to compare
    BOOST_TEST_MESSAGE("cycles " << d.compared << ", authentications passed " << oks << ", failed " << fails
                                 << ", cycles locked " << locked << ", pulses enabled " << enabled << ", counts " << counted);
    BOOST_TEST(oks > 10u);
    BOOST_TEST(fails > 10u);
    BOOST_TEST(locked > 10000u);
    BOOST_TEST(locked < d.compared / 2);
    BOOST_TEST(enabled > 10000u);
    BOOST_TEST(counted > 10000u);
}

// Sample mode: decoded events enter directly, with their period; the registers follow them.
BOOST_AUTO_TEST_CASE(sample_mode_events_match) {
    dual_pair d;
    std::mt19937_64 rng(5);
    stimulus s;
    s.sample_mode = true;
    for (uint64_t k = 0; k < 300000; ++k) {
        s.evt_fwd = rng() % 40 == 0;
        s.evt_rev = !s.evt_fwd && rng() % 2000 == 0;
        s.evt_fault = rng() % 5000 == 0;
        s.evt_period = uint32_t(rng() % 400);
        s.pf_we = rng() % 3001 == 0;
        s.pf_addr = unsigned(rng() % 11);
        s.pf_wdata = uint32_t(rng()) | (s.pf_addr == 0 ? 1u : 0u);
        d.step(s);
    }
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
}

// The decoder on the RTL: a clean pulser counts every cycle once, in its direction; glitches
// shorter than the filter are not counted; the period gives the speed.
BOOST_AUTO_TEST_CASE(decoder_counts_cycles_and_ignores_glitches) {
    dual_pair d;
    stimulus s;
    pulser p;
    for (int k = 0; k < 40000; ++k) {  // 40000 clocks at 0.01 cycle per clock: 400 cycles
        p.advance(0.01);
        s.pin_a = p.a();
        s.pin_b = p.b();
        if (k % 97 == 50) s.pin_a = !s.pin_a;  // a 1-clock glitch, shorter than the 4-clock filter
        if (k % 89 == 30) s.pin_b = !s.pin_b;
        d.step(s);
    }
    idle(d, s, 20);
    BOOST_TEST(d.reg(2) == 400u);  // forward
    BOOST_TEST(d.reg(3) == 0u);
    BOOST_TEST(d.reg(5) == 0u);  // no channel fault
    BOOST_TEST(d.reg(4) == 100u);  // clocks per cycle
    BOOST_TEST(!d.pf->o_lock);
    for (int k = 0; k < 10000; ++k) {  // backwards: 100 cycles
        p.advance(-0.01);
        s.pin_a = p.a();
        s.pin_b = p.b();
        d.step(s);
    }
    idle(d, s, 20);
    BOOST_TEST(d.reg(3) == 100u);
    BOOST_TEST(d.pf->o_lock);  // 20 reverse counts lock
    BOOST_TEST(((d.reg(1) >> 8) & 0xfu) == 4u);  // cause: reverse
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
}

// Pulses injected on A alone (B does not move) are single-channel faults and lock the
// controller; an over-fast train is over-rate.
BOOST_AUTO_TEST_CASE(a_without_b_and_over_rate_lock) {
    dual_pair d;
    stimulus s;
    for (int n = 0; n < 6; ++n) {  // six A pulses, B low
        for (int k = 0; k < 20; ++k) { s.pin_a = true; d.step(s); }
        for (int k = 0; k < 20; ++k) { s.pin_a = false; d.step(s); }
    }
    idle(d, s, 10);
    BOOST_TEST(d.reg(5) >= 3u);
    BOOST_TEST(d.pf->o_lock);
    BOOST_TEST(((d.reg(1) >> 8) & 1u) == 1u);
    // clear, then a train faster than MIN_PERIOD (set to 50 clocks)
    stimulus w = s;
    w.pf_we = true;
    w.pf_addr = 9;
    w.pf_wdata = 50;
    d.step(w);
    w.pf_addr = 0;
    w.pf_wdata = 1 | 2;
    d.step(w);
    BOOST_TEST(!d.pf->o_lock);
    pulser p;
    for (int k = 0; k < 2000; ++k) {  // 0.05 cycle per clock: a period of 20 clocks
        p.advance(0.05);
        s.pin_a = p.a();
        s.pin_b = p.b();
        d.step(s);
    }
    idle(d, s, 10);
    BOOST_TEST(d.reg(6) >= 3u);
    BOOST_TEST(d.pf->o_lock);
    BOOST_TEST(((d.reg(1) >> 8) & 2u) == 2u);
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
}

// Mutual authentication: with the paired key both directions pass and the encoder enables
// its pulses; a swapped mainboard (another key) fails both ways, the encoder keeps its pulses
// off and the controller locks; a cut link times out.
BOOST_AUTO_TEST_CASE(authentication_passes_paired_and_locks_on_a_swap) {
    {
        dual_pair d;
        stimulus s;
        write_keys(d, s, 1234, 1234, true);
        s.pe_verify = true;
        d.step(s);
        s.pe_verify = false;
        auth_start(d, s);
        idle(d, s, 40);
        BOOST_TEST(d.pe->o_pulse_enable);
        BOOST_TEST((d.reg(1) & 0x2u) == 0x2u);  // AUTH_OK
        BOOST_TEST(!d.pf->o_lock);
        // keys cannot be changed once locked
        write_keys(d, s, 999, 999, false);
        auth_start(d, s);
        idle(d, s, 40);
        BOOST_TEST((d.reg(1) & 0x2u) == 0x2u);
        BOOST_TEST(d.reg(11) == 0u);  // keys read as 0
        BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
    }
    {
        dual_pair d;
        stimulus s;
        write_keys(d, s, 1234, 4321, true);  // a mainboard from another dispenser
        s.pe_verify = true;
        d.step(s);
        s.pe_verify = false;
        auth_start(d, s);
        idle(d, s, 40);
        BOOST_TEST(!d.pe->o_pulse_enable);
        BOOST_TEST((d.pe->o_status & 0x2u) == 0x2u);  // the encoder's failure
        BOOST_TEST(d.pf->o_lock);
        BOOST_TEST(((d.reg(1) >> 8) & 8u) == 8u);  // cause: authentication
        BOOST_TEST(d.reg(7) == 1u);
        BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
    }
    {
        dual_pair d;
        stimulus s;
        write_keys(d, s, 55, 55, true);
        s.cut_link = true;
        auth_start(d, s);
        idle(d, s, 4090);
        BOOST_TEST(!d.pf->o_lock);  // still waiting
        idle(d, s, 20);
        BOOST_TEST(d.pf->o_lock);  // TIMEOUT = 4096 clocks (125 ms)
        BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
    }
}
