// The dispenser's two Verilated chips, the controller's pulser front end and the encoder
// (rtl/pulser_frontend), wired through their authentication link and clocked at 32.768 kHz.
// `bit` fidelity: the pulser's A/B levels enter the controller's pins every clock (after the
// encoder, which holds them low until it has authenticated the controller). `sample`
// fidelity: the chips are clocked only at pulse events, which enter the front end's sample
// port (forward, reverse or single-channel fault, with the period since the last forward
// count in clocks), and through the authentication handshakes. No SystemC here.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <memory>
#include <utility>
#include <vector>

#include "models/core/fidelity.h"
#include "models/core/fst_trace.h"
#include "models/dispenser/pf_twin.h"

class Vpulser_frontend_top;
class Vpulser_encoder_top;
class VerilatedContext;

namespace hilbench::dispenser {

struct pulse_event {
    enum class kind { forward, reverse, fault };
    double t_s = 0;
    kind k = kind::forward;
};

class pulser_link {
public:
    static constexpr double clock_hz = 32768.0;

    pulser_link(fidelity f, uint32_t controller_seed, uint32_t encoder_seed);
    ~pulser_link();
    pulser_link(const pulser_link&) = delete;
    pulser_link& operator=(const pulser_link&) = delete;

    fidelity mode() const { return m_mode; }
    // Power-on reset at time t_s; the keys are written and locked (pairing at the factory).
    // Without authentication the encoder passes the pulses unconditionally.
    void power_on(double t_s, const key128& controller_key, const key128& encoder_key, bool authentication);
    // bit: clock up to t_end_s, the pulser's levels at each clock edge from pins(t)
    void run_pins(double t_end_s, const std::function<std::pair<bool, bool>(double)>& pins);
    // sample: the events (in time order) enter the sample port, one clock each
    void run_events(const std::vector<pulse_event>& events);
    // Mutual authentication (both directions, about 30 clocks). True when the controller
    // accepted the encoder; the encoder's verdict on the controller is encoder_enabled().
    bool authenticate(double t_s);
    bool encoder_enabled() const;
    bool authentication() const { return m_auth; }

    // the controller's registers (pf_twin.h / rtl/pulser_frontend/README.md)
    uint32_t reg(unsigned addr);
    void write(unsigned addr, uint32_t value);
    uint32_t fwd_count() { return reg(2); }
    bool lock();
    uint64_t cycles() const { return m_cycles; }
    // FST waveform of the controller's front end for the next window_s of simulated time (in
    // sample fidelity it holds the event clocks only).
    void open_trace(const std::string& path, double window_s);
    double now_s() const { return m_now_s; }

private:
    void clock(bool pin_a, bool pin_b, bool evt_fwd, bool evt_rev, bool evt_fault, uint32_t evt_period);

    fidelity m_mode;
    uint32_t m_pf_seed, m_pe_seed;
    std::unique_ptr<VerilatedContext> m_ctx;
    std::unique_ptr<Vpulser_frontend_top> m_pf;
    std::unique_ptr<Vpulser_encoder_top> m_pe;
    bool m_auth = true;
    uint64_t m_cycles = 0;
    double m_now_s = 0;
    double m_last_fwd_s = -1;
    // register writes waiting for the next clock
    bool m_we = false;
    unsigned m_addr = 0;
    uint32_t m_wdata = 0;
    bool m_pe_verify = false;
    bool m_pin_a = false, m_pin_b = false;  // the pulser's levels, held through handshakes
    double m_edge_t = 0;                     // the simulated time of the next clock edge
    fst_trace m_trace;
    double m_trace_end_s = 0;
    bool m_pe_we = false;
    unsigned m_pe_addr = 0;
    uint32_t m_pe_wdata = 0;
};

}  // namespace hilbench::dispenser
