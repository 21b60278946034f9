#include "models/dispenser/pulser_link.h"

#include <cmath>

#include "Vpulser_encoder_top.h"
#include "Vpulser_frontend_top.h"
#include "verilated.h"
#include "verilated_fst_c.h"

namespace hilbench::dispenser {

pulser_link::pulser_link(fidelity f, uint32_t controller_seed, uint32_t encoder_seed)
    : m_mode(f),
      m_pf_seed(controller_seed | 1u),
      m_pe_seed(encoder_seed | 1u),
      m_ctx(std::make_unique<VerilatedContext>()),
      m_pf(std::make_unique<Vpulser_frontend_top>(m_ctx.get(), "pf")),
      m_pe(std::make_unique<Vpulser_encoder_top>(m_ctx.get(), "pe")) {
    m_ctx->traceEverOn(true);
}

pulser_link::~pulser_link() {
    m_trace.close();
    m_pf->final();
    m_pe->final();
}

void pulser_link::clock(bool pin_a, bool pin_b, bool evt_fwd, bool evt_rev, bool evt_fault, uint32_t evt_period) {
    // each chip sees the other's outputs from before this edge
    const bool pf_chal = m_pf->o_chal_valid, pe_chal = m_pe->o_chal_valid;
    const uint32_t pf_nonce = m_pf->o_chal_nonce, pe_nonce = m_pe->o_chal_nonce;
    const bool pf_resp = m_pf->o_resp_valid, pe_resp = m_pe->o_resp_valid;
    const uint32_t pf_rc = m_pf->o_resp_counter, pe_rc = m_pe->o_resp_counter;
    const uint32_t pf_rt = m_pf->o_resp_tag, pe_rt = m_pe->o_resp_tag;
    // the encoder drives the pins only once it trusts the controller
    const bool pass = !m_auth || m_pe->o_pulse_enable;
    m_pf->rst_n = 1;
    m_pf->i_pin_a = pass && pin_a;
    m_pf->i_pin_b = pass && pin_b;
    m_pin_a = pin_a;
    m_pin_b = pin_b;
    m_pf->i_sample_mode = m_mode == fidelity::sample;
    m_pf->i_evt_fwd = pass && evt_fwd;
    m_pf->i_evt_rev = pass && evt_rev;
    m_pf->i_evt_fault = pass && evt_fault;
    m_pf->i_evt_period = evt_period & 0xffffffu;
    m_pf->i_chip_seed = m_pf_seed;
    m_pf->i_cfg_we = m_we;
    m_pf->i_cfg_addr = static_cast<CData>(m_addr & 0xfu);
    m_pf->i_cfg_wdata = m_wdata;
    m_pf->i_peer_valid = pe_resp;
    m_pf->i_peer_counter = pe_rc;
    m_pf->i_peer_tag = pe_rt;
    m_pf->i_chal_valid = pe_chal;
    m_pf->i_chal_nonce = pe_nonce;
    m_pe->rst_n = 1;
    m_pe->i_chip_seed = m_pe_seed;
    m_pe->i_cfg_we = m_pe_we;
    m_pe->i_cfg_addr = static_cast<CData>(m_pe_addr & 7u);
    m_pe->i_cfg_wdata = m_pe_wdata;
    m_pe->i_verify = m_pe_verify;
    m_pe->i_chal_valid = pf_chal;
    m_pe->i_chal_nonce = pf_nonce;
    m_pe->i_peer_valid = pf_resp;
    m_pe->i_peer_counter = pf_rc;
    m_pe->i_peer_tag = pf_rt;
    if (m_trace.is_open() && m_edge_t > m_trace_end_s) m_trace.close();  // the window is over
    m_pf->clk = 0;
    m_pe->clk = 0;
    m_pf->eval();
    m_pe->eval();
    if (m_trace.is_open()) m_trace.dump(m_edge_t - 0.5 / clock_hz);
    m_pf->clk = 1;
    m_pe->clk = 1;
    m_pf->eval();
    m_pe->eval();
    if (m_trace.is_open()) m_trace.dump(m_edge_t);  // the rising edge at its simulated time
    m_edge_t += 1.0 / clock_hz;  // handshake clocks follow one another
    m_we = false;
    m_pe_we = false;
    m_pe_verify = false;
    ++m_cycles;
}

void pulser_link::power_on(double t_s, const key128& controller_key, const key128& encoder_key, bool authentication) {
    m_auth = authentication;
    m_now_s = t_s;
    m_edge_t = std::max(m_edge_t, t_s);
    m_last_fwd_s = -1;
    for (int k = 0; k < 3; ++k) {
        m_pf->rst_n = 0;
        m_pe->rst_n = 0;
        m_pf->i_chip_seed = m_pf_seed;
        m_pe->i_chip_seed = m_pe_seed;
        m_pf->clk = 0;
        m_pe->clk = 0;
        m_pf->eval();
        m_pe->eval();
        m_pf->clk = 1;
        m_pe->clk = 1;
        m_pf->eval();
        m_pe->eval();
    }
    // pairing: the keys, then the key lock, in both chips
    for (unsigned k = 0; k < 5; ++k) {  // KEY0..3, then KEYCTL
        m_pe_we = true;
        m_pe_addr = k;
        m_pe_wdata = k < 4 ? encoder_key.w[k] : 1u;
        m_we = true;
        m_addr = 11 + k;
        m_wdata = k < 4 ? controller_key.w[k] : 1u;
        clock(m_pin_a, m_pin_b, false, false, false, 0);
    }
}

void pulser_link::write(unsigned addr, uint32_t value) {
    m_we = true;
    m_addr = addr;
    m_wdata = value;
    clock(m_pin_a, m_pin_b, false, false, false, 0);
}

uint32_t pulser_link::reg(unsigned addr) {
    m_pf->i_cfg_addr = static_cast<CData>(addr & 0xfu);
    m_pf->eval();
    return m_pf->o_cfg_rdata;
}

bool pulser_link::lock() { return m_pf->o_lock; }

bool pulser_link::encoder_enabled() const { return !m_auth || m_pe->o_pulse_enable; }

void pulser_link::open_trace(const std::string& path, double window_s) {
    m_trace.open(path, *m_pf, *m_pe);  // both chips, scopes pf and pe
    m_trace_end_s = m_now_s + window_s;
}

bool pulser_link::authenticate(double t_s) {
    if (!m_auth) return true;
    m_now_s = std::max(m_now_s, t_s);
    m_edge_t = std::max(m_edge_t, m_now_s);
    m_pe_verify = true;  // the encoder asks the controller ...
    m_we = true;         // ... and the controller the encoder (CTRL: COUNT_EN | AUTH_START)
    m_addr = 0;
    m_wdata = 1u | 4u;
    for (int k = 0; k < 40; ++k) clock(m_pin_a, m_pin_b, false, false, false, 0);  // the shaft stands still
    const uint32_t status = reg(1);
    return (status & 0x2u) && !(status & 0x4u);
}

void pulser_link::run_pins(double t_end_s, const std::function<std::pair<bool, bool>(double)>& pins) {
    // the clock's edges sit on the 32.768 kHz grid from t = 0
    uint64_t n = uint64_t(std::floor(m_now_s * clock_hz)) + 1;
    for (double t = double(n) / clock_hz; t <= t_end_s; t = double(++n) / clock_hz) {
        const auto [a, b] = pins(t);
        m_edge_t = t;
        clock(a, b, false, false, false, 0);
    }
    m_now_s = std::max(m_now_s, t_end_s);
}

void pulser_link::run_events(const std::vector<pulse_event>& events) {
    for (const pulse_event& e : events) {
        uint32_t period = 0xffffff;
        if (e.k == pulse_event::kind::forward) {
            if (m_last_fwd_s >= 0) {
                const double clocks = std::round((e.t_s - m_last_fwd_s) * clock_hz);
                period = clocks >= double(0xffffff) ? 0xffffffu : uint32_t(clocks);
            }
            m_last_fwd_s = e.t_s;
        }
        m_edge_t = std::max(e.t_s, m_edge_t);
        clock(false, false, e.k == pulse_event::kind::forward, e.k == pulse_event::kind::reverse,
              e.k == pulse_event::kind::fault, period);
        m_now_s = std::max(m_now_s, e.t_s);
    }
}

}  // namespace hilbench::dispenser
