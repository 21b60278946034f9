// Verilated headers first: see toolchain notes on include order with SystemC.
#include "Venergy_frontend_top.h"
#include "verilated.h"
#include "verilated_fst_c.h"

#include "models/meter/rtl_adapter.h"

#include <algorithm>
#include <cmath>

#include "models/core/errors.h"
#include "models/meter/meter_params.h"

namespace hilbench::meter {
namespace {
constexpr double two23 = 8388608.0;

// Nearest 24-bit sample (ties away from zero), saturated.
int32_t to_sample(double u) {
    const double x = u * two23;
    if (x >= 8388607.0) return 8388607;
    if (x <= -8388608.0) return -8388608;
    return static_cast<int32_t>(x >= 0 ? x + 0.5 : x - 0.5);
}
}  // namespace

rtl_adapter::rtl_adapter(fidelity f, uint64_t seed) : m_mode(f), m_rng(seed) {
    if (f == fidelity::twin) {
        m_twin = std::make_unique<ef::twin>();
    } else {
        m_ctx = std::make_unique<VerilatedContext>();
        m_ctx->traceEverOn(true);
        m_top = std::make_unique<Venergy_frontend_top>(m_ctx.get(), "ef");
        m_top->clk = 0;
    }
    m_sample_noise_gain = sinc3_noise_gain(oversampling_ratio);
    m_in.sample_mode = sampled();
    m_in.rst_n = false;
    for (int k = 0; k < 4; ++k) {
        clock_edge();
        if (m_top) {
            m_top->clk = 0;
            m_top->eval();
        }
    }
    m_in.rst_n = true;
    if (m_top) {
        m_top->rst_n = 1;
        m_top->eval();
    }
    const channel_signal none;
    set_signals(none, none, none);
}

rtl_adapter::~rtl_adapter() {
    close_trace();
    if (m_top) m_top->final();
}

double rtl_adapter::tick_rate_hz() const {
    return sampled() ? sample_rate_hz : modulator_clock_hz;
}

void rtl_adapter::set_signals(const channel_signal& v, const channel_signal& i, const channel_signal& i2) {
    const channel_signal* in[3] = {&v, &i, &i2};
    if (m_mode == fidelity::bit) {
        for (int k = 0; k < 3; ++k) {
            m_bank[k].set(*in[k], 1.0 / modulator_clock_hz, m_tick);
            m_noise[k] = in[k]->noise_rms;
        }
        return;
    }
    // sample mode: each tone passes the sinc3 response (gain and group delay)
    const double delay_s = (3.0 * (oversampling_ratio - 1) / 2.0 + 1.0) / modulator_clock_hz;
    for (int k = 0; k < 3; ++k) {
        channel_signal s = *in[k];
        for (tone& t : s.tones) {
            t.amp *= sinc3_gain(t.omega / (2 * pi), modulator_clock_hz, oversampling_ratio);
            t.phase_rad -= t.omega * delay_s;
        }
        m_bank[k].set(s, 1.0 / sample_rate_hz, m_tick);
        m_noise[k] = in[k]->noise_rms * m_sample_noise_gain;
    }
}

void rtl_adapter::draw_noise(double n[3]) {
    double spare = 0;
    m_rng.fast_normal_pair(&n[0], &n[1]);
    m_rng.fast_normal_pair(&n[2], &spare);
}

void rtl_adapter::set_current_transform(const engine::cheat_engine::stream_transform* t) {
    m_transform_on = t != nullptr;
    if (!t) return;
    m_transform = *t;
    // the tap's noise is white over the modulator bandwidth, as the ADC's own: in sample mode the
    // sinc3 decimator would have filtered it, so the same in-band noise reaches the datapath
    if (sampled()) m_transform.noise_rms *= m_sample_noise_gain;
    const auto ticks = static_cast<uint32_t>(std::llround(t->delay_s * tick_rate_hz()));
    if (ticks != m_delay_ticks || m_delay_line.size() != ticks + 1u) {
        m_delay_ticks = ticks;
        m_delay_line.assign(ticks + 1u, 0.0);
        m_delay_pos = 0;
    }
}

double rtl_adapter::transform_current(double u) {
    const engine::cheat_engine::stream_transform& t = m_transform;
    if (m_delay_ticks) {
        m_delay_line[m_delay_pos] = u;
        m_delay_pos = (m_delay_pos + 1) % m_delay_line.size();
        u = m_delay_line[m_delay_pos];  // the oldest entry: delay_ticks ago
    }
    double y = t.stuck ? t.stuck_value : u * t.scale + t.offset;
    y = std::min(std::max(y, t.lo), t.hi);
    if (t.noise_rms > 0) y += t.noise_rms * m_rng.normal();
    return y;
}

void rtl_adapter::set_inputs_bit() {
    const uint64_t step = m_tick;
    double n[3];
    draw_noise(n);
    const double uv = m_bank[0].next(step) + m_noise[0] * n[0];
    double ui = m_bank[1].next(step) + m_noise[1] * n[1];
    const double ui2 = m_bank[2].next(step) + m_noise[2] * n[2];
    if (m_transform_on) ui = transform_current(ui);
    m_in.v_bit = m_mod[0].step(uv);
    m_in.i_bit = m_mod[1].step(ui);
    m_in.i2_bit = m_mod[2].step(ui2);
}

void rtl_adapter::set_inputs_sample() {
    const uint64_t step = m_tick;
    double n[3];
    draw_noise(n);
    m_in.v_sample = to_sample(m_bank[0].next(step) + m_noise[0] * n[0]);
    double ui = m_bank[1].next(step) + m_noise[1] * n[1];
    if (m_transform_on) ui = transform_current(ui);
    m_in.i_sample = to_sample(ui);
    m_in.i2_sample = to_sample(m_bank[2].next(step) + m_noise[2] * n[2]);
}

bool rtl_adapter::clock_edge() {
    if (m_twin) {
        m_twin->tick(m_in);
        return m_twin->cf();
    }
    Venergy_frontend_top& t = *m_top;
    t.rst_n = m_in.rst_n;
    t.i_sample_mode = m_in.sample_mode;
    t.i_sample_valid = m_in.sample_valid;
    t.i_v_bit = m_in.v_bit;
    t.i_i_bit = m_in.i_bit;
    t.i_i2_bit = m_in.i2_bit;
    t.i_v_sample = static_cast<uint32_t>(m_in.v_sample) & 0xffffffu;
    t.i_i_sample = static_cast<uint32_t>(m_in.i_sample) & 0xffffffu;
    t.i_i2_sample = static_cast<uint32_t>(m_in.i2_sample) & 0xffffffu;
    t.i_bus_addr = m_in.bus_addr;
    t.i_bus_wdata = m_in.bus_wdata;
    t.i_bus_we = m_in.bus_we;
    t.i_bus_re = m_in.bus_re;
    t.clk = 1;
    t.eval();
    return t.o_cf;
}

void rtl_adapter::clock_once(bool count_tick) {
    const bool cf = clock_edge();
    ++m_cycles;
    if (count_tick) {
        ++m_tick;
        m_cycles_since_tick = 0;
    } else {
        ++m_cycles_since_tick;
    }
    if (cf && !m_cf_prev) m_cf_edges.push_back(m_tick);
    m_cf_prev = cf;
    if (!m_top) return;
    // the simulated time of this edge: the tick's (a modulator clock in bit fidelity, a sample
    // in sample fidelity), and bus cycles between samples at the modulator clock after it
    const double t_rise = double(m_tick) / tick_rate_hz() + double(m_cycles_since_tick) / modulator_clock_hz;
    if (m_trace.is_open()) m_trace.dump(t_rise);
    m_top->clk = 0;
    m_top->eval();
    if (m_trace.is_open()) {
        m_trace.dump(t_rise + 0.5 / modulator_clock_hz);
        if (m_tick >= m_trace_end) close_trace();
    }
}

void rtl_adapter::run_until(uint64_t tick) {
    if (m_mode == fidelity::bit) {
        while (m_tick < tick) {
            set_inputs_bit();
            clock_once(true);
        }
    } else if (m_twin) {
        run_twin_until(tick);
    } else {
        m_in.sample_valid = true;
        while (m_tick < tick) {
            set_inputs_sample();
            clock_once(true);
        }
        m_in.sample_valid = false;
    }
}

// The twin takes its samples in blocks: the same samples, drawn in the same order, on the same
// edges as set_inputs_sample() + clock_once() would give it, without the per-edge bookkeeping.
void rtl_adapter::run_twin_until(uint64_t tick) {
    constexpr std::size_t block = 256;
    int32_t v[block], i[block], i2[block];
    uint8_t cf[block];
    while (m_tick < tick) {
        const auto n = static_cast<std::size_t>(std::min<uint64_t>(block, tick - m_tick));
        for (std::size_t k = 0; k < n; ++k) {
            const uint64_t step = m_tick + k;
            double r[3];
            draw_noise(r);
            v[k] = to_sample(m_bank[0].next(step) + m_noise[0] * r[0]);
            double ui = m_bank[1].next(step) + m_noise[1] * r[1];
            if (m_transform_on) ui = transform_current(ui);
            i[k] = to_sample(ui);
            i2[k] = to_sample(m_bank[2].next(step) + m_noise[2] * r[2]);
        }
        m_twin->samples(v, i, i2, n, cf);
        for (std::size_t k = 0; k < n; ++k) {
            if (cf[k] && !m_cf_prev) m_cf_edges.push_back(m_tick + k + 1);
            m_cf_prev = cf[k] != 0;
        }
        m_tick += n;
        m_cycles += n;
        m_in.v_sample = v[n - 1];
        m_in.i_sample = i[n - 1];
        m_in.i2_sample = i2[n - 1];
        m_cycles_since_tick = 0;
    }
}

void rtl_adapter::bus_cycle() {
    if (m_mode == fidelity::bit) {
        set_inputs_bit();
        clock_once(true);
    } else {
        m_in.sample_valid = false;
        clock_once(false);
    }
}

uint32_t rtl_adapter::read(uint8_t addr) {
    m_in.bus_addr = addr;
    m_in.bus_re = true;
    bus_cycle();
    m_in.bus_re = false;
    return m_twin ? m_twin->rdata() : m_top->o_bus_rdata;
}

void rtl_adapter::write(uint8_t addr, uint32_t value) {
    m_in.bus_addr = addr;
    m_in.bus_wdata = value;
    m_in.bus_we = true;
    bus_cycle();
    m_in.bus_we = false;
}

void rtl_adapter::open_trace(const std::string& path, uint64_t window_ticks) {
    HB_ASSERT(m_top, "twin fidelity runs no RTL: the loader refuses waveforms with it");
    m_trace.open(path, *m_top);
    m_trace_end = m_tick + window_ticks;
}

void rtl_adapter::close_trace() {
    m_trace.close();
}

}  // namespace hilbench::meter
