#include "models/meter/meter_params.h"

namespace hilbench::meter {

const params_of<meter_params>& meter_param_table() {
    using P = meter_params;
    static const params_of<P> t = [] {
        params_of<P> p;
        p.choice("accuracy_class", &P::accuracy_class, {"1", "2", "A", "B"},
                 "marked accuracy class: 1, 2 (IEC 62053-21) or A, B (EN 50470-3)")
            .number("voltage_v", &P::voltage_v, "V", 57.7, 480, "reference voltage Un")
            .number("basic_current_a", &P::basic_current_a, "A", 0.1, 100, "basic current Ib (= Iref of EN 50470)")
            .number("max_current_a", &P::max_current_a, "A", 1, 200, "maximum current Imax")
            .number("freq_hz", &P::freq_hz, "Hz", 45, 65, "reference frequency")
            .number("meter_constant_imp_per_kwh", &P::meter_constant_imp_per_kwh, "imp/kWh", 10, 100000,
                    "CF/LED meter constant")
            .number("display_resolution_kwh", &P::display_resolution_kwh, "kWh", 0.0001, 1,
                    "resolution of the legal display register")
            .number("voltage_divider_ratio", &P::voltage_divider_ratio, "V/V", 1e-5, 0.01,
                    "voltage at the ADC input per volt of line voltage")
            .choice("current_sensor", &P::current_sensor, {"shunt", "ct"}, "phase current sensor")
            .number("shunt_resistance_ohm", &P::shunt_resistance_ohm, "ohm", 1e-6, 0.01, "phase shunt resistance")
            .number("ct_ratio", &P::ct_ratio, "A/A", 1, 100000, "current transformer ratio (primary/secondary)")
            .number("ct_burden_ohm", &P::ct_burden_ohm, "ohm", 0.01, 1000, "current transformer burden resistor")
            .number("ct_phase_error_deg", &P::ct_phase_error_deg, "deg", -5, 5, "CT secondary current's lead over the primary; positive: leads")
            .number("neutral_shunt_resistance_ohm", &P::neutral_shunt_resistance_ohm, "ohm", 1e-6, 0.01,
                    "neutral shunt (second current channel)")
            .number("pga_gain", &P::pga_gain, "", 1, 32, "programmable gain of both current channels")
            .number("adc_full_scale_v", &P::adc_full_scale_v, "V", 0.1, 5, "ADC input full scale, peak")
            .number("adc_offset_v", &P::adc_offset_v, "V", -0.05, 0.05, "DC offset at each ADC input")
            .number("adc_noise_uv_rms", &P::adc_noise_uv_rms, "uV", 0, 10000, "input noise, RMS over the modulator bandwidth")
            .number("current_sensor_tempco_ppm_per_k", &P::current_sensor_tempco_ppm_per_k, "ppm/K", -5000, 5000,
                    "current sensor gain temperature coefficient")
            .number("voltage_divider_tempco_ppm_per_k", &P::voltage_divider_tempco_ppm_per_k, "ppm/K", -5000, 5000,
                    "voltage divider temperature coefficient")
            .number("vref_tempco_ppm_per_k", &P::vref_tempco_ppm_per_k, "ppm/K", -5000, 5000,
                    "ADC reference temperature coefficient")
            .number("calibration_gain_error_pct", &P::calibration_gain_error_pct, "%", -50, 50,
                    "current-gain error left by the factory calibration")
            .number("calibration_phase_error_deg", &P::calibration_phase_error_deg, "deg", -5, 5,
                    "phase error left by the factory calibration: the current channel's lead over the voltage channel; positive: "
                    "the current leads")
            .number("calibration_temperature_c", &P::calibration_temperature_c, "degC", -40, 85,
                    "temperature of the factory calibration")
            .number("start_threshold_pct_of_ist", &P::start_threshold_pct_of_ist, "%", 1, 1000,
                    "START power threshold, % of Un x Ist")
            .number("noload_threshold_pct_of_ist", &P::noload_threshold_pct_of_ist, "%", 0, 100,
                    "NOLOAD power threshold, % of Un x Ist")
            .number("cf_pulse_width_ms", &P::cf_pulse_width_ms, "ms", 1, 1000, "CF/LED pulse width")
            .integer("energy_quanta_per_pulse", &P::energy_quanta_per_pulse, 1, 1024, "energy quanta per CF pulse (CFDIV)")
            .boolean("absolute_energy", &P::absolute_energy, "register reverse power as forward energy")
            .boolean("use_larger_current", &P::use_larger_current,
                     "bill the larger of phase and neutral current when they disagree")
            .number("tamper_threshold_pct", &P::tamper_threshold_pct, "%", 1, 99,
                    "phase/neutral current mismatch that raises TAMPER")
            .number("firmware_period_s", &P::firmware_period_s, "s", 0.01, 10, "firmware main-loop period")
            .number("tariff_peak_start_h", &P::tariff_peak_start_h, "h", 0, 24, "start of the peak tariff T1, device clock")
            .number("tariff_peak_end_h", &P::tariff_peak_end_h, "h", 0, 24, "end of the peak tariff T1 (T2 off-peak otherwise)")
            .choice("firmware_version", &P::firmware_version, {"1.0.0"},
                    "firmware release (part of the software identification)")
            .check("max_current_a is greater than basic_current_a", [](const P& v) {
                if (v.max_current_a <= v.basic_current_a)
                    throw param_error("/max_current_a", "expected max_current_a greater than basic_current_a, got " +
                                                            std::to_string(v.max_current_a));
            });
        return p;
    }();
    return t;
}

energy_meter_nameplate nameplate_of(const meter_params& p) {
    energy_meter_nameplate n;
    n.accuracy_class = p.accuracy_class;
    n.voltage_v = p.voltage_v;
    n.basic_current_a = p.basic_current_a;
    n.max_current_a = p.max_current_a;
    n.freq_hz = p.freq_hz;
    n.meter_constant_imp_per_kwh = p.meter_constant_imp_per_kwh;
    n.display_resolution_kwh = p.display_resolution_kwh;
    n.tariff_peak_start_h = p.tariff_peak_start_h;
    n.tariff_peak_end_h = p.tariff_peak_end_h;
    return n;
}

double starting_current_a(const meter_params& p) {
    if (p.accuracy_class == "1") return 0.004 * p.basic_current_a;
    if (p.accuracy_class == "2") return 0.005 * p.basic_current_a;
    if (p.accuracy_class == "B") return 0.04 * p.basic_current_a / 10.0;
    if (p.accuracy_class == "A") return 0.05 * p.basic_current_a / 10.0;
    HB_ASSERT(false, "unknown accuracy class " + p.accuracy_class);
}

}  // namespace hilbench::meter
