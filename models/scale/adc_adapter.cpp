#include "models/scale/adc_adapter.h"

#include "Vloadcell_adc_top.h"
#include "verilated.h"
#include "verilated_fst_c.h"

#include <algorithm>
#include <cmath>

#include "models/core/errors.h"
#include "models/scale/lc_twin.h"

namespace hilbench::scale {
namespace {
constexpr double f_mod = lc::MODULATOR_CLOCK_HZ;
}

adc_adapter::adc_adapter(fidelity f, int rate_sps, uint64_t seed) : m_mode(f), m_rate_sps(rate_sps), m_rng(seed) {
    HB_ASSERT(rate_sps == 10 || rate_sps == 80, "rate must be 10 or 80 SPS");
    m_in.rate = rate_sps == 80;
    m_in.sample_mode = f != fidelity::bit;
    m_in.rst_n = false;
    if (f == fidelity::twin) {
        m_twin = std::make_unique<lc::twin>();
    } else {
        m_ctx = std::make_unique<VerilatedContext>();
        m_ctx->traceEverOn(true);
        m_top = std::make_unique<Vloadcell_adc_top>(m_ctx.get(), "adc");
        m_top->i_rate = m_in.rate;
        m_top->i_sample_mode = m_in.sample_mode;
        m_top->rst_n = 0;
        m_top->clk = 0;
        m_top->eval();
    }
    const uint32_t r = rate_sps == 80 ? (1u << lc::OSR_LOG2_80SPS) : (1u << lc::OSR_LOG2_10SPS);
    m_steps_per_period = r / cycles_per_step;
    // white noise at the modulator rate that leaves the datasheet noise after sinc^3
    // (noise gain of three boxes of length R: sqrt(11 / (20 R)) for large R)
    m_bit_noise_gain = std::sqrt(11.0 / (20.0 * r));
    // sinc^3 weights on the step grid: three boxes of one period each
    std::vector<double> h(1, 1.0);
    for (int stage = 0; stage < 3; ++stage) {
        std::vector<double> out(h.size() + m_steps_per_period - 1, 0.0);
        for (std::size_t i = 0; i < h.size(); ++i)
            for (uint32_t k = 0; k < m_steps_per_period; ++k) out[i + k] += h[i];
        h.swap(out);
    }
    double s = 0;
    for (double v : h) s += v;
    for (double& v : h) v /= s;
    m_weights = h;
    m_history.assign(h.size(), 0.0);
}

adc_adapter::~adc_adapter() {
    close_trace();
    if (m_top) m_top->final();
}

double adc_adapter::step_s() { return cycles_per_step / f_mod; }

uint8_t adc_adapter::gain_sel() const { return m_twin ? m_twin->gain_sel() : m_top->o_gain_sel; }

bool adc_adapter::dout() const { return m_twin ? m_twin->dout() : m_top->o_dout; }

double adc_adapter::pga_gain() const {
    switch (gain_sel()) {
    case lc::SEL_B32: return 32;
    case lc::SEL_A64: return 64;
    default: return 128;
    }
}

double adc_adapter::normalised(const adc_analog& a) const {
    // channel B is not connected on this board (its input is shorted)
    const double bridge_v = gain_sel() == lc::SEL_B32 ? 0.0 : a.bridge_mv_per_v * 1e-3 * a.excitation_v;
    return (bridge_v + a.offset_v) * pga_gain() / (0.5 * a.excitation_v);
}

void adc_adapter::clock_once(double t_s, bool mod_bit, bool strobe, int32_t sample) {
    m_in.mod_bit = mod_bit;
    m_in.pd_sck = m_pd_sck;
    m_in.sample_strobe = strobe;
    m_in.sample = sample;
    ++m_cycles;
    if (m_twin) {
        m_twin->tick(m_in);
        m_in.cfg_we = false;
        return;
    }
    Vloadcell_adc_top& t = *m_top;
    t.rst_n = m_in.rst_n;
    t.i_mod_bit = m_in.mod_bit;
    t.i_pd_sck = m_in.pd_sck;
    t.i_sample_strobe = m_in.sample_strobe;
    t.i_sample = static_cast<uint32_t>(m_in.sample) & 0xffffffu;
    t.i_cfg_we = m_in.cfg_we;
    t.i_cfg_addr = m_in.cfg_addr;
    t.i_cfg_wdata = m_in.cfg_wdata;
    if (m_trace.is_open() && t_s > m_trace_end_s) close_trace();  // the window is over
    t.clk = 0;
    t.eval();
    if (m_trace.is_open()) m_trace.dump(t_s - 0.5 / f_mod);
    t.clk = 1;
    t.eval();
    m_in.cfg_we = false;
    t.i_cfg_we = 0;
    if (m_trace.is_open()) m_trace.dump(t_s);  // the rising edge at its simulated time
}

void adc_adapter::set_power(bool on) {
    if (on == m_powered) return;
    m_powered = on;
    if (!on) return;
    // the chip's power-on reset, then the host starts from idle
    m_in.rst_n = false;
    m_pd_sck = false;
    for (int k = 0; k < 3; ++k) clock_once(double(m_step) * step_s() + (k + 1) / f_mod, false, false, 0);
    m_in.rst_n = true;
    if (m_top) m_top->rst_n = 1;
    m_host = lc::hx_host();
    m_mod.reset();
    std::fill(m_history.begin(), m_history.end(), 0.0);
    m_period_pos = 0;
}

void adc_adapter::step(const adc_analog& a) {
    const double t0 = double(m_step) * step_s();
    ++m_step;
    if (!m_powered) return;
    const double x = normalised(a);
    const double noise_out = a.noise_v_rms * pga_gain() / (0.5 * a.excitation_v);
    if (m_mode == fidelity::bit) {
        const double sigma_in = noise_out / m_bit_noise_gain;
        for (uint32_t c = 0; c < cycles_per_step; ++c) {
            const double u = sigma_in > 0 ? x + sigma_in * m_rng.fast_normal() : x;
            clock_once(t0 + (c + 1) / f_mod, m_mod.step(std::clamp(u, -1.0, 1.0)), false, 0);
            m_pd_sck = m_host.clock(dout());
            int32_t code;
            if (m_host.take(code)) m_readings.push_back({t0 + (c + 1) / f_mod, code});
        }
        return;
    }
    // sample mode
    m_history[m_hist_pos] = x;
    m_hist_pos = (m_hist_pos + 1) % m_history.size();
    if (++m_period_pos < m_steps_per_period) return;
    m_period_pos = 0;
    double y = 0;
    const std::size_t n = m_history.size();
    for (std::size_t k = 0; k < n; ++k) y += m_weights[k] * m_history[(m_hist_pos + n - 1 - k) % n];
    if (noise_out > 0) y += noise_out * m_rng.normal();
    const double code = std::clamp(std::round(y * 8388608.0), -8388608.0, 8388607.0);
    // the decimated sample is strobed in at the end of the step, then read out at the clock
    const double t_end = t0 + step_s();
    clock_once(t_end, false, true, static_cast<int32_t>(code));
    // clock through the read-out (DOUT falls two cycles after the strobe)
    for (uint32_t c = 0; c < 400; ++c) {
        m_pd_sck = m_host.clock(dout());
        clock_once(t_end + (c + 1) / f_mod, false, false, 0);
        int32_t got;
        if (m_host.take(got)) {
            m_readings.push_back({t_end + (c + 1) / f_mod, got});
            break;
        }
        if (c > 8 && !m_host.busy() && dout()) break;  // nothing to read (settling)
    }
}

std::vector<adc_reading> adc_adapter::take_readings() {
    std::vector<adc_reading> out;
    out.swap(m_readings);
    return out;
}

uint32_t adc_adapter::read(uint8_t addr) {
    m_in.cfg_addr = addr & 3u;
    if (m_twin) return m_twin->cfg_rdata(m_in.cfg_addr, m_in.rate);
    m_top->i_cfg_addr = m_in.cfg_addr;
    m_top->eval();
    return m_top->o_cfg_rdata;
}

void adc_adapter::write(uint8_t addr, uint32_t value) {
    if (!m_powered) return;
    m_in.cfg_we = true;
    m_in.cfg_addr = addr & 3u;
    m_in.cfg_wdata = value & 0xffffffu;
    clock_once(double(m_step) * step_s(), m_in.mod_bit, false, 0);
}

void adc_adapter::open_trace(const std::string& path, double window_s) {
    HB_ASSERT(m_top, "twin fidelity runs no RTL: the loader refuses waveforms with it");
    m_trace.open(path, *m_top);
    m_trace_end_s = double(m_step) * step_s() + window_s;
}

void adc_adapter::close_trace() {
    m_trace.close();
}

}  // namespace hilbench::scale
