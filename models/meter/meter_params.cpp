#include "models/meter/meter_params.h"

#include "models/core/errors.h"

namespace hilbench::meter {

const param_table& meter_param_table() {
    static const param_table t = [] {
        param_table p;
        p.choice("accuracy_class", "1", {"1", "2", "A", "B"},
                 "marked accuracy class: 1, 2 (IEC 62053-21) or A, B (EN 50470-3)")
            .number("voltage_v", "V", 230, 57.7, 480, "reference voltage Un")
            .number("basic_current_a", "A", 5, 0.1, 100, "basic current Ib (= Iref of EN 50470)")
            .number("max_current_a", "A", 60, 1, 200, "maximum current Imax")
            .number("freq_hz", "Hz", 50, 45, 65, "reference frequency")
            .number("meter_constant_imp_per_kwh", "imp/kWh", 1600, 10, 100000, "CF/LED meter constant")
            .number("display_resolution_kwh", "kWh", 0.01, 0.0001, 1, "resolution of the legal display register")
            .number("voltage_divider_ratio", "V/V", 1.0 / 1650.0, 1e-5, 0.01,
                    "voltage at the ADC input per volt of line voltage")
            .choice("current_sensor", "shunt", {"shunt", "ct"}, "phase current sensor")
            .number("shunt_resistance_ohm", "ohm", 150e-6, 1e-6, 0.01, "phase shunt resistance")
            .number("ct_ratio", "A/A", 2500, 1, 100000, "current transformer ratio (primary/secondary)")
            .number("ct_burden_ohm", "ohm", 4, 0.01, 1000, "current transformer burden resistor")
            .number("ct_phase_error_deg", "deg", 0.3, -5, 5, "CT secondary phase lead over the primary")
            .number("neutral_shunt_resistance_ohm", "ohm", 150e-6, 1e-6, 0.01, "neutral shunt (second current channel)")
            .number("pga_gain", "", 16, 1, 32, "programmable gain of both current channels")
            .number("adc_full_scale_v", "V", 0.5, 0.1, 5, "ADC input full scale, peak")
            .number("adc_offset_v", "V", 2e-4, -0.05, 0.05, "DC offset at each ADC input")
            .number("adc_noise_uv_rms", "uV", 20, 0, 10000, "input noise, RMS over the modulator bandwidth")
            .number("current_sensor_tempco_ppm_per_k", "ppm/K", 20, -5000, 5000, "current sensor gain temperature coefficient")
            .number("voltage_divider_tempco_ppm_per_k", "ppm/K", 5, -5000, 5000, "voltage divider temperature coefficient")
            .number("vref_tempco_ppm_per_k", "ppm/K", 10, -5000, 5000, "ADC reference temperature coefficient")
            .number("calibration_gain_error_pct", "%", 0, -50, 50, "current-gain error left by the factory calibration")
            .number("calibration_phase_error_deg", "deg", 0, -5, 5, "phase error left by the factory calibration")
            .number("calibration_temperature_c", "degC", 23, -40, 85, "temperature of the factory calibration")
            .number("start_threshold_pct_of_ist", "%", 60, 1, 100, "START power threshold, % of Un x Ist")
            .number("noload_threshold_pct_of_ist", "%", 40, 0, 100, "NOLOAD power threshold, % of Un x Ist")
            .number("cf_pulse_width_ms", "ms", 80, 1, 1000, "CF/LED pulse width")
            .integer("energy_quanta_per_pulse", 16, 1, 1024, "energy quanta per CF pulse (CFDIV)")
            .boolean("absolute_energy", true, "register reverse power as forward energy")
            .boolean("use_larger_current", true, "bill the larger of phase and neutral current when they disagree")
            .number("tamper_threshold_pct", "%", 12.5, 1, 99, "phase/neutral current mismatch that raises TAMPER")
            .number("firmware_period_s", "s", 0.1, 0.01, 10, "firmware main-loop period")
            .number("tariff_peak_start_h", "h", 8, 0, 24, "start of the peak tariff T1, device clock")
            .number("tariff_peak_end_h", "h", 22, 0, 24, "end of the peak tariff T1 (T2 off-peak otherwise)")
            .choice("firmware_version", "1.0.0", {"1.0.0"}, "firmware release (part of the software identification)");
        return p;
    }();
    return t;
}

meter_params make_meter_params(const param_values& v) {
    meter_params p;
    p.accuracy_class = get_choice(v, "accuracy_class");
    p.voltage_v = get_number(v, "voltage_v");
    p.basic_current_a = get_number(v, "basic_current_a");
    p.max_current_a = get_number(v, "max_current_a");
    p.freq_hz = get_number(v, "freq_hz");
    p.meter_constant_imp_per_kwh = get_number(v, "meter_constant_imp_per_kwh");
    p.display_resolution_kwh = get_number(v, "display_resolution_kwh");
    p.voltage_divider_ratio = get_number(v, "voltage_divider_ratio");
    p.current_sensor = get_choice(v, "current_sensor");
    p.shunt_resistance_ohm = get_number(v, "shunt_resistance_ohm");
    p.ct_ratio = get_number(v, "ct_ratio");
    p.ct_burden_ohm = get_number(v, "ct_burden_ohm");
    p.ct_phase_error_deg = get_number(v, "ct_phase_error_deg");
    p.neutral_shunt_resistance_ohm = get_number(v, "neutral_shunt_resistance_ohm");
    p.pga_gain = get_number(v, "pga_gain");
    p.adc_full_scale_v = get_number(v, "adc_full_scale_v");
    p.adc_offset_v = get_number(v, "adc_offset_v");
    p.adc_noise_uv_rms = get_number(v, "adc_noise_uv_rms");
    p.current_sensor_tempco_ppm_per_k = get_number(v, "current_sensor_tempco_ppm_per_k");
    p.voltage_divider_tempco_ppm_per_k = get_number(v, "voltage_divider_tempco_ppm_per_k");
    p.vref_tempco_ppm_per_k = get_number(v, "vref_tempco_ppm_per_k");
    p.calibration_gain_error_pct = get_number(v, "calibration_gain_error_pct");
    p.calibration_phase_error_deg = get_number(v, "calibration_phase_error_deg");
    p.calibration_temperature_c = get_number(v, "calibration_temperature_c");
    p.start_threshold_pct_of_ist = get_number(v, "start_threshold_pct_of_ist");
    p.noload_threshold_pct_of_ist = get_number(v, "noload_threshold_pct_of_ist");
    p.cf_pulse_width_ms = get_number(v, "cf_pulse_width_ms");
    p.energy_quanta_per_pulse = get_number(v, "energy_quanta_per_pulse");
    p.absolute_energy = get_bool(v, "absolute_energy");
    p.use_larger_current = get_bool(v, "use_larger_current");
    p.tamper_threshold_pct = get_number(v, "tamper_threshold_pct");
    p.firmware_period_s = get_number(v, "firmware_period_s");
    p.tariff_peak_start_h = get_number(v, "tariff_peak_start_h");
    p.tariff_peak_end_h = get_number(v, "tariff_peak_end_h");
    p.firmware_version = get_choice(v, "firmware_version");
    return p;
}

double starting_current_a(const meter_params& p) {
    if (p.accuracy_class == "1") return 0.004 * p.basic_current_a;
    if (p.accuracy_class == "2") return 0.005 * p.basic_current_a;
    if (p.accuracy_class == "B") return 0.04 * p.basic_current_a / 10.0;
    if (p.accuracy_class == "A") return 0.05 * p.basic_current_a / 10.0;
    HB_ASSERT(false, "unknown accuracy class " + p.accuracy_class);
}

}  // namespace hilbench::meter
