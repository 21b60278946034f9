#include "models/charger/dc_meter.h"

#include <algorithm>
#include <cmath>

#include "models/core/errors.h"
#include "models/meter/ef_regs.h"

namespace hilbench::charger {
namespace {

constexpr double two23 = 8388608.0;

uint32_t clamp_u(double v, double hi) { return static_cast<uint32_t>(std::llround(std::clamp(v, 0.0, hi))); }

meter::meter_params firmware_params(const dc_meter_params& p) {
    meter::meter_params m;
    m.accuracy_class = p.accuracy_class == "0.5" ? "1" : p.accuracy_class;  // the firmware does not judge
    m.meter_constant_imp_per_kwh = p.meter_constant_imp_per_kwh;
    m.energy_quanta_per_pulse = p.energy_quanta_per_pulse;
    m.display_resolution_kwh = p.display_resolution_kwh;
    m.firmware_version = "dc-" + p.firmware_version;
    m.tariff_peak_start_h = 0;  // one register: the charger's firmware keeps the tariffs
    m.tariff_peak_end_h = 24;
    return m;
}

}  // namespace

const params_of<dc_meter_params>& dc_meter_param_table() {
    using P = dc_meter_params;
    static const params_of<P> t = [] {
        params_of<P> p;
        p.choice("accuracy_class", &P::accuracy_class, {"0.5", "1", "2"},
                 "accuracy class of the DC meter (IEC 62053-41 0.5 / 1; JJG 1149 1 / 2)")
            .number("max_voltage_v", &P::max_voltage_v, "V", 50, 1500, "highest output voltage the meter measures")
            .number("min_voltage_v", &P::min_voltage_v, "V", 10, 1500, "lowest output voltage")
            .number("max_current_a", &P::max_current_a, "A", 1, 1000, "highest output current")
            .choice("current_sensor", &P::current_sensor, {"shunt", "hall"}, "current path: a shunt or a Hall sensor")
            .number("shunt_resistance_ohm", &P::shunt_resistance_ohm, "Ohm", 1e-6, 0.01, "shunt resistance")
            .number("hall_sensitivity_v_per_a", &P::hall_sensitivity_v_per_a, "V/A", 1e-5, 0.1,
                    "Hall sensor output per ampere at the ADC input")
            .number("hall_offset_a", &P::hall_offset_a, "A", -10, 10,
                    "Hall sensor zero-current offset (the factory calibration nulls it)")
            .number("voltage_divider_ratio", &P::voltage_divider_ratio, "", 1e-5, 0.1, "ADC volts per output volt")
            .number("pga_gain", &P::pga_gain, "", 1, 32, "current-channel gain (a Hall sensor: 1)")
            .number("adc_full_scale_v", &P::adc_full_scale_v, "V", 0.1, 5, "ADC input full scale")
            .number("adc_offset_v", &P::adc_offset_v, "V", -0.01, 0.01, "ADC input offset (nulled at calibration)")
            .number("adc_noise_uv_rms", &P::adc_noise_uv_rms, "uV", 0, 1000, "broadband input noise")
            .number("current_sensor_tempco_ppm_per_k", &P::current_sensor_tempco_ppm_per_k, "ppm/K", -1000, 1000,
                    "temperature coefficient of the current path")
            .number("voltage_divider_tempco_ppm_per_k", &P::voltage_divider_tempco_ppm_per_k, "ppm/K", -1000, 1000,
                    "temperature coefficient of the divider")
            .number("calibration_temperature_c", &P::calibration_temperature_c, "degC", -20, 60,
                    "temperature of the factory calibration")
            .number("meter_constant_imp_per_kwh", &P::meter_constant_imp_per_kwh, "1/kWh", 1, 100000,
                    "test output (pulse) constant")
            .integer("energy_quanta_per_pulse", &P::energy_quanta_per_pulse, 1, 1024, "register quanta per test pulse")
            .number("cf_pulse_width_ms", &P::cf_pulse_width_ms, "ms", 0.5, 200, "test output pulse width")
            .number("display_resolution_kwh", &P::display_resolution_kwh, "kWh", 1e-4, 0.1,
                    "least digit of the energy display (JJG 1149: at most 0.001 kWh)")
            .number("start_current_a", &P::start_current_a, "A", 0.01, 10, "starting current at the lowest voltage")
            .text("firmware_version", &P::firmware_version, "meter firmware version");
        p.check("the full-scale current and voltage fit the ADC", [](const P& d) {
            const double i_fs = d.current_sensor == "hall" ? d.hall_sensitivity_v_per_a * d.max_current_a
                                                           : d.shunt_resistance_ohm * d.max_current_a * d.pga_gain;
            if (i_fs > 0.95 * d.adc_full_scale_v)
                throw param_error("/max_current_a", "expected the maximum current to stay below 95 % of the ADC's full "
                                                   "scale, got " + std::to_string(i_fs / d.adc_full_scale_v * 100) + " %");
            if (d.voltage_divider_ratio * d.max_voltage_v > 0.95 * d.adc_full_scale_v)
                throw param_error("/max_voltage_v", "expected the maximum voltage to stay below 95 % of the ADC's full scale");
            if (d.min_voltage_v >= d.max_voltage_v)
                throw param_error("/min_voltage_v", "expected a lowest voltage below the highest");
            // the test output must keep up at full power: at least a pulse width low between pulses
            const double rate_hz = d.max_voltage_v * d.max_current_a / 3.6e6 * d.meter_constant_imp_per_kwh;
            if (rate_hz * 2 * d.cf_pulse_width_ms * 1e-3 > 1)
                throw param_error("/cf_pulse_width_ms",
                                  "expected a test output that keeps up at full power (" + std::to_string(rate_hz) +
                                      " pulses/s): a pulse width of at most " + std::to_string(500 / rate_hz) + " ms");
        });
        return p;
    }();
    return t;
}

double dc_current_gain(const dc_meter_params& p, double t) {
    const double dt = t - p.calibration_temperature_c;
    const double sensor = p.current_sensor == "hall" ? p.hall_sensitivity_v_per_a : p.shunt_resistance_ohm * p.pga_gain;
    return sensor * (1 + p.current_sensor_tempco_ppm_per_k * 1e-6 * dt) / p.adc_full_scale_v;
}

double dc_voltage_gain(const dc_meter_params& p, double t) {
    const double dt = t - p.calibration_temperature_c;
    return p.voltage_divider_ratio * (1 + p.voltage_divider_tempco_ppm_per_k * 1e-6 * dt) / p.adc_full_scale_v;
}

meter::calibration_result dc_calibration(const dc_meter_params& p) {
    meter::calibration_result out;
    const double tc = p.calibration_temperature_c;
    const double a_v = dc_voltage_gain(p, tc) * two23, a_i = dc_current_gain(p, tc) * two23;  // LSB per V, per A
    meter::calibration_set& c = out.regs;
    // the offsets measured with no voltage and no current, nulled after the (unity) gains
    const double off = p.adc_offset_v / p.adc_full_scale_v * two23;
    const double hall = p.current_sensor == "hall" ? p.hall_offset_a * a_i : 0.0;
    c.config = ef::config_bit::DC;
    c.vgain = c.igain = c.i2gain = ef::GAIN_ONE;
    c.voffset = static_cast<int32_t>(std::lround(-off));
    c.ioffset = c.i2offset = static_cast<int32_t>(std::lround(-off - hall));
    c.phcal = 0;
    out.power_lsb_per_w = a_v * a_i / 65536.0;  // DC: v i, no RMS factor
    const double quantum_j = 3.6e6 / (p.meter_constant_imp_per_kwh * p.energy_quanta_per_pulse);
    c.cfthr = static_cast<uint64_t>(std::llround(out.power_lsb_per_w * meter::sample_rate_hz * quantum_j));
    c.cfdiv = static_cast<uint32_t>(p.energy_quanta_per_pulse);
    c.cfwidth = std::max<uint32_t>(1, clamp_u(p.cf_pulse_width_ms * 1e-3 * meter::sample_rate_hz, 0xffff));
    const double p_start = p.min_voltage_v * p.start_current_a * out.power_lsb_per_w;
    c.start = clamp_u(0.6 * p_start, 4294967295.0);
    c.noload = clamp_u(0.4 * p_start, 4294967295.0);
    c.tamper_thr = clamp_u(12.5 * 1.28, 127);
    c.tamper_min = clamp_u(a_i * 0.05 * p.max_current_a, 0xffffff);
    return out;
}

dc_meter::dc_meter(const dc_meter_params& p, fidelity f, uint64_t seed)
    : m_p(p), m_fw_params(firmware_params(p)), m_cal(dc_calibration(p)), m_fw(m_fw_params, m_cal), m_rtl(f, seed) {}

double dc_meter::current_gain(double t) const { return dc_current_gain(m_p, t); }
double dc_meter::voltage_gain(double t) const { return dc_voltage_gain(m_p, t); }

meter::afe_channels dc_meter::convert(double volts, double amps, double t, const dc_modifiers& m) const {
    meter::afe_channels out;
    const double off = m_p.adc_offset_v / m_p.adc_full_scale_v;
    const double noise = m_p.adc_noise_uv_rms * 1e-6 / m_p.adc_full_scale_v;
    const double sensed = amps + (m_p.current_sensor == "hall" ? m_p.hall_offset_a : 0.0) + m.current_offset_a;
    out.v.dc = volts * voltage_gain(t) * m.voltage_gain + off;
    out.i.dc = sensed * current_gain(t) * m.current_gain + off;
    out.i2.dc = out.i.dc;  // the return conductor's path carries the same current
    for (meter::channel_signal* c : {&out.v, &out.i, &out.i2}) c->noise_rms = noise;
    return out;
}

void dc_meter::power_on(double t) {
    sync(t);
    m_fw.power_on(m_rtl, t);
    m_powered = true;
    m_next_fw_s = t + m_fw_params.firmware_period_s;
}

void dc_meter::set_line(double t, double volts, double amps, double temperature_c, const dc_modifiers& m) {
    sync(t);
    const meter::afe_channels ch = convert(volts, amps, temperature_c, m);
    m_rtl.set_signals(ch.v, ch.i, ch.i2);
}

void dc_meter::sync(double t) {
    auto run_to = [&](double s) {
        m_rtl.run_until(static_cast<uint64_t>(std::floor(s * m_rtl.tick_rate_hz() + 1e-9)));
        const auto& e = m_rtl.cf_edges();
        for (; m_edges_taken < e.size(); ++m_edges_taken) m_pulses.push_back(double(e[m_edges_taken]) / m_rtl.tick_rate_hz());
    };
    while (m_powered && m_next_fw_s <= t + 1e-12) {
        run_to(m_next_fw_s);
        m_fw.tick(m_rtl, m_next_fw_s);
        m_next_fw_s += m_fw_params.firmware_period_s;
    }
    run_to(t);
}

void dc_meter::trace(const std::string& fst_path, double window_s) {
    m_rtl.open_trace(fst_path, static_cast<uint64_t>(window_s * m_rtl.tick_rate_hz()));
}

}  // namespace hilbench::charger
