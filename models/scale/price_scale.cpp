#include "models/scale/price_scale.h"

#include <cmath>
#include <cstdio>

#include "models/core/errors.h"
#include "models/scale/lc_twin.h"

namespace hilbench::scale {
namespace {

scale_calibration factory_adjustment(const price_scale& s, const scale_params& p) {
    // zero and span as a perfect station finds them: empty receptor and 2/3 Max at the
    // centre, at the reference temperature, then the residual span error of the scenario
    scale_calibration c;
    c.zero_code = s.ideal_code(0);
    const double cal_g = std::round(p.max_g * 2.0 / 3.0 / p.e_g) * p.e_g;
    c.counts_per_g = (s.ideal_code(cal_g) - c.zero_code) / cal_g * (1.0 + p.span_error_pct / 100.0);
    return c;
}

std::string make_device_id(uint64_t seed) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "HB-PCS-%08X", static_cast<uint32_t>(seed >> 32) ^ static_cast<uint32_t>(seed));
    return buf;
}

}  // namespace

price_scale::price_scale(sc_core::sc_module_name name, const scale_params& p, fidelity f, load_receptor& world,
                         uint64_t seed, engine::cheat_engine* eng, double start_time_of_day_h)
    : sc_core::sc_module(name),
      m_p(p),
      m_world(world),
      m_cell(p, derive_seed(seed, "cell")),
      m_adc(f, p.rate_sps, derive_seed(seed, "adc")),
      m_cal(factory_adjustment(*this, p)),
      m_fw(p, m_cal, make_device_id(derive_seed(seed, "identity"))),
      m_engine(eng),
      m_adc_offset_v(p.adc_offset_uv * 1e-6),
      m_start_h(start_time_of_day_h) {
    m_nameplate = nameplate_of(p);
    m_nameplate.device_id = m_fw.device_id();
    m_cell.set_temperature(world.temperature_c(0));
    m_world.add_listener(this);
    m_adc.set_power(true);
    m_fw.power_on(0.0, m_adc.read(lc::CFGWR_CNT));
    m_observables.values.assign(4, 0.0);
    SC_HAS_PROCESS(price_scale);
    SC_THREAD(main_thread);
}

price_scale::~price_scale() = default;

double price_scale::ideal_code(double load_g) const {
    const double u = (m_p.receptor_mass_g + load_g) / m_p.cell_capacity_g;
    const double mv_per_v = m_p.rated_output_mv_per_v * (u + m_p.nonlinearity_pct_fs / 100.0 * 4 * u * (1 - u));
    const double x = (mv_per_v * 1e-3 * m_p.excitation_v + m_p.adc_offset_uv * 1e-6) * 128.0 / (0.5 * m_p.excitation_v);
    return x * 8388608.0;
}

double price_scale::clock_h(double now_s) const { return std::fmod(m_start_h + now_s / 3600.0, 24.0); }

fw_taps price_scale::taps(double now_s) {
    fw_taps t;
    if (!m_engine) return t;
    if (m_engine->any_on("fw.weight_g")) t.weight = [this, now_s](double g) { return m_engine->apply("fw.weight_g", g, now_s); };
    if (m_engine->any_on("fw.price")) t.price = [this, now_s](double v) { return m_engine->apply("fw.price", v, now_s); };
    t.zero_reference_offset_g = m_engine->apply("fw.zero_reference_g", 0.0, now_s);
    t.zero_tracking_rate_factor = m_engine->apply("fw.zero_tracking_rate", 1.0, now_s);
    t.zero_tracking_band_factor = m_engine->apply("fw.zero_tracking_band", 1.0, now_s);
    return t;
}

void price_scale::sync(double now_s) {
    ++m_sync_calls;
    const double dt = adc_adapter::step_s();
    while (double(m_adc.steps() + 1) * dt <= now_s + 1e-12) {
        const double t = double(m_adc.steps() + 1) * dt;
        m_cell.step(dt, m_world.loads(), t, m_world.temperature_c(t), m_mod);
        adc_analog a;
        a.bridge_mv_per_v = m_cell.output_mv_per_v();
        if (m_engine) {
            a.bridge_mv_per_v = m_engine->apply("afe.bridge_gain", 1.0, t) * a.bridge_mv_per_v +
                                m_engine->apply("afe.bridge_offset_mv_per_v", 0.0, t);
        }
        a.excitation_v = m_p.excitation_v;
        a.offset_v = m_adc_offset_v + m_p.adc_offset_tc_nv_per_k * 1e-9 * (m_cell.cell_temperature_c() - m_p.reference_temperature_c);
        a.noise_v_rms = m_p.adc_noise_nv_rms * 1e-9 * (m_p.rate_sps == 80 ? 1.8 : 1.0);
        m_adc.step(a);
        const auto readings = m_adc.take_readings();
        if (!readings.empty()) {
            const fw_taps ft = taps(t);
            const uint32_t cnt = m_adc.read(lc::CFGWR_CNT);
            for (const adc_reading& r : readings) {
                m_fw.reading(r.t_s, r.code, m_world.supply_v(r.t_s), cnt, ft);
                m_last_code = r.code;
            }
        }
    }
}

void price_scale::before_receptor_change(double now_s) { sync(now_s); }

void price_scale::notify_display() {
    const weighing_display& d = m_fw.display();
    if (d.message != m_shown.message || d.weight_valid != m_shown.weight_valid || d.weight_g != m_shown.weight_g ||
        d.stable != m_shown.stable || d.price != m_shown.price || d.tare_g != m_shown.tare_g) {
        m_shown = d;
        m_display_event.notify(sc_core::SC_ZERO_TIME);
    }
}

void price_scale::engine_step(double now) {
    engine::observables& o = m_observables;
    o.t_s = now;
    o.clock_h = clock_h(now);
    o.powered = m_power;
    o.values = {m_fw.gross_g(), m_fw.stable() ? 1.0 : 0.0, m_fw.display().unit_price, o.clock_h};
    o.keys = &m_fw.key_log();
    m_engine->step(o);
    for (const auto& w : m_engine->take_register_writes("fw.calibration")) {
        if (w.path == "direct") {
            // bypasses the firmware: the ADC's own GAIN register (the firmware's write-counter check sees it)
            const double g = w.restore ? double(lc::GAIN_ONE) : double(lc::GAIN_ONE) * w.value;
            m_adc.write(lc::GAIN, static_cast<uint32_t>(std::llround(g)));
        } else {
            m_fw.command_write(now, w.reg, w.value, w.path, w.restore);
        }
    }
    const double temp = m_world.temperature_c(now);
    m_mod.sensitivity = 1.0 + m_engine->drift("cell.sensitivity", now, temp);
    m_mod.zero_fs = m_engine->drift("cell.zero", now, temp);
    m_mod.creep = 1.0 + m_engine->drift("cell.creep", now, temp);
    m_adc_offset_v = m_p.adc_offset_uv * 1e-6 + m_engine->drift("adc.offset_v", now, temp);
}

void price_scale::main_thread() {
    const sc_core::sc_time q(adc_adapter::step_s() * 16, sc_core::SC_SEC);  // 12.5 ms
    for (;;) {
        wait(q);
        const double now = sc_core::sc_time_stamp().to_seconds();
        if (m_engine) engine_step(now);
        sync(now);
        notify_display();
    }
}

void price_scale::press(const std::string& key) {
    const double now = sc_core::sc_time_stamp().to_seconds();
    sync(now);
    m_fw.key(now, key);
    notify_display();
}

void price_scale::set_power(bool on) {
    const double now = sc_core::sc_time_stamp().to_seconds();
    sync(now);
    if (on == m_power) return;
    m_power = on;
    if (!on) {
        m_fw.power_off(now);
        m_adc.set_power(false);
        if (m_engine) m_engine->power_cycle();
    } else {
        m_adc.set_power(true);
        m_fw.power_on(now, m_adc.read(lc::CFGWR_CNT));
    }
    notify_display();
}

void price_scale::open_case() {
    const double now = sc_core::sc_time_stamp().to_seconds();
    sync(now);
    m_fw.case_opened(now);
    notify_display();
}

void price_scale::close_case() {
    const double now = sc_core::sc_time_stamp().to_seconds();
    sync(now);
    m_fw.case_closed(now);
}

bool price_scale::unlock(uint32_t code) {
    const double now = sc_core::sc_time_stamp().to_seconds();
    sync(now);
    return m_fw.unlock(now, code);
}

std::vector<price_scale::stat_entry> price_scale::stats() const {
    return {{"rtl_clock_cycles", "cycle", "clock cycles of the Verilated ADC", double(m_adc.clock_cycles())},
            {"mechanics_steps", "step", "steps of the receptor and load-cell model", double(m_adc.steps())},
            {"adc_reads", "conversion", "conversions the firmware read over DOUT/PD_SCK", double(m_adc.reads())},
            {"firmware_readings", "reading", "readings the firmware processed", double(m_fw.readings())},
            {"sync_calls", "call", "catch-up calls of the model", double(m_sync_calls)}};
}

}  // namespace hilbench::scale
