#include "models/scale/scale_params.h"

#include <cmath>

#include "models/core/errors.h"

namespace hilbench::scale {

const param_table& scale_param_table() {
    static const param_table t = [] {
        param_table p;
        p.choice("accuracy_class", "III", {"II", "III", "IIII"}, "accuracy class (OIML R 76-1 Table 3)")
            .number("max_g", "g", 15000, 100, 1e6, "maximum capacity Max")
            .number("e_g", "g", 5, 0.1, 1000, "verification scale interval e (= d); 1, 2 or 5 x 10^k")
            .number("max1_g", "g", 0, 0, 1e6, "multi-interval: Max of the first partial range (0: single interval)")
            .number("e1_g", "g", 2, 0.1, 1000, "multi-interval: e of the first partial range")
            .number("price_interval", "CNY", 0.01, 0.001, 1, "price scale interval")
            .number("unit_price_max", "CNY/kg", 9999.99, 1, 1e6, "largest unit price the keyboard accepts")
            .choice("price_rounding", "half_up", {"half_up", "half_even", "down", "up"},
                    "rounding of the price to the price interval")
            .number("cell_capacity_g", "g", 30000, 100, 1e7, "load cell rated capacity (Emax)")
            .number("rated_output_mv_per_v", "mV/V", 2.0, 0.5, 4, "load cell rated output")
            .number("excitation_v", "V", 4.3, 1, 12, "bridge excitation (= ADC reference, ratiometric)")
            .number("nonlinearity_pct_fs", "%FS", 0.01, -1, 1, "non-linearity, bow at half capacity")
            .number("hysteresis_pct_fs", "%FS", 0.01, 0, 1, "hysteresis, decreasing minus increasing at mid range")
            .number("creep_pct_fs", "%FS", 0.012, -1, 1, "creep at full capacity, settled value")
            .number("creep_tau_s", "s", 420, 1, 1e5, "creep time constant (recovery has the same)")
            .number("tcz_pct_fs_per_10k", "%FS/10K", 0.008, -1, 1, "temperature coefficient of the zero")
            .number("tcs_pct_per_10k", "%/10K", 0.006, -1, 1, "temperature coefficient of the span")
            .number("reference_temperature_c", "degC", 20, -40, 85, "temperature of the factory adjustment")
            .number("thermal_tau_s", "s", 600, 1, 1e5, "time constant of the cell temperature following the ambient")
            .number("eccentricity_x_pct", "%", 0.02, -5, 5, "sensitivity change at the right edge (x = 1)")
            .number("eccentricity_y_pct", "%", 0.02, -5, 5, "sensitivity change at the back edge (y = 1)")
            .number("eccentricity_xy_pct", "%", 0.0, -5, 5, "twist: sensitivity change at a corner beyond x and y")
            .number("overload_stop_pct", "%", 125, 100, 300, "mechanical overload stop, % of Max")
            .number("receptor_mass_g", "g", 800, 0, 1e6, "dead load of the pan and platform on the cell")
            .number("natural_freq_hz", "Hz", 6, 0.5, 100, "natural frequency of the loaded receptor")
            .number("damping_ratio", "", 0.3, 0.01, 2, "damping ratio of the receptor")
            .number("vibration_g_rms", "g", 0.2, 0, 1000, "floor vibration as an equivalent load noise")
            .choice("rate_sps", "10", {"10", "80"}, "ADC output rate (RATE pin)")
            .number("adc_noise_nv_rms", "nV", 50, 0, 1e5, "ADC input noise at 10 SPS (x 1.8 at 80 SPS)")
            .number("adc_offset_uv", "uV", 0.8, -1000, 1000, "ADC input offset")
            .number("adc_offset_tc_nv_per_k", "nV/K", 10, -1e5, 1e5, "ADC input offset temperature coefficient")
            .number("supply_nominal_v", "V", 6.0, 3, 24, "nominal supply (battery or adapter)")
            .number("low_voltage_v", "V", 5.4, 2, 24, "below this supply the scale shows no weighing result")
            .integer("filter_samples", 4, 1, 64, "moving average of ADC readings in the firmware")
            .number("motion_window_s", "s", 1.0, 0.1, 10, "stability: window of the motion detector")
            .number("motion_band_e", "e", 1.0, 0.1, 10, "stability: largest spread of readings in the window")
            .number("zero_tracking_rate_e_per_s", "e/s", 0.5, 0, 100, "largest zero-tracking correction rate")
            .number("zero_tracking_band_e", "e", 0.5, 0, 100, "zero tracking acts within this band around gross zero")
            .number("zero_setting_range_pct", "%", 4, 0, 100, "zero-setting range (key and tracking together), % of Max")
            .number("initial_zero_range_pct", "%", 20, 0, 100, "initial zero-setting range at power-on, % of Max")
            .number("warm_up_s", "s", 5, 0, 3600, "no weighing result for this long after power-on")
            .number("overload_blank_e", "e", 9, 0, 100, "no indication above Max + this many e")
            .number("span_error_pct", "%", 0, -20, 20, "span error left by the factory adjustment")
            .boolean("self_lock", true, "JJF 2184: opening the case locks the scale until an authorised unlock")
            .choice("firmware_version", "2.1.0", {"2.1.0"}, "firmware release (part of the software identification)");
        return p;
    }();
    return t;
}

namespace {
bool is_125_series(double v) {
    const double k = std::floor(std::log10(v) + 1e-9);
    const double m = v / std::pow(10.0, k);
    return std::fabs(m - 1) < 1e-6 || std::fabs(m - 2) < 1e-6 || std::fabs(m - 5) < 1e-6;
}
}  // namespace

scale_params make_scale_params(const param_values& v) {
    scale_params p;
    p.accuracy_class = get_choice(v, "accuracy_class");
    p.max_g = get_number(v, "max_g");
    p.e_g = get_number(v, "e_g");
    p.max1_g = get_number(v, "max1_g");
    p.e1_g = get_number(v, "e1_g");
    p.price_interval = get_number(v, "price_interval");
    p.unit_price_max = get_number(v, "unit_price_max");
    p.price_rounding = get_choice(v, "price_rounding");
    p.cell_capacity_g = get_number(v, "cell_capacity_g");
    p.rated_output_mv_per_v = get_number(v, "rated_output_mv_per_v");
    p.excitation_v = get_number(v, "excitation_v");
    p.nonlinearity_pct_fs = get_number(v, "nonlinearity_pct_fs");
    p.hysteresis_pct_fs = get_number(v, "hysteresis_pct_fs");
    p.creep_pct_fs = get_number(v, "creep_pct_fs");
    p.creep_tau_s = get_number(v, "creep_tau_s");
    p.tcz_pct_fs_per_10k = get_number(v, "tcz_pct_fs_per_10k");
    p.tcs_pct_per_10k = get_number(v, "tcs_pct_per_10k");
    p.reference_temperature_c = get_number(v, "reference_temperature_c");
    p.thermal_tau_s = get_number(v, "thermal_tau_s");
    p.eccentricity_x_pct = get_number(v, "eccentricity_x_pct");
    p.eccentricity_y_pct = get_number(v, "eccentricity_y_pct");
    p.eccentricity_xy_pct = get_number(v, "eccentricity_xy_pct");
    p.overload_stop_pct = get_number(v, "overload_stop_pct");
    p.receptor_mass_g = get_number(v, "receptor_mass_g");
    p.natural_freq_hz = get_number(v, "natural_freq_hz");
    p.damping_ratio = get_number(v, "damping_ratio");
    p.vibration_g_rms = get_number(v, "vibration_g_rms");
    p.rate_sps = std::stoi(get_choice(v, "rate_sps"));
    p.adc_noise_nv_rms = get_number(v, "adc_noise_nv_rms");
    p.adc_offset_uv = get_number(v, "adc_offset_uv");
    p.adc_offset_tc_nv_per_k = get_number(v, "adc_offset_tc_nv_per_k");
    p.supply_nominal_v = get_number(v, "supply_nominal_v");
    p.low_voltage_v = get_number(v, "low_voltage_v");
    p.filter_samples = static_cast<int>(get_number(v, "filter_samples"));
    p.motion_window_s = get_number(v, "motion_window_s");
    p.motion_band_e = get_number(v, "motion_band_e");
    p.zero_tracking_rate_e_per_s = get_number(v, "zero_tracking_rate_e_per_s");
    p.zero_tracking_band_e = get_number(v, "zero_tracking_band_e");
    p.zero_setting_range_pct = get_number(v, "zero_setting_range_pct");
    p.initial_zero_range_pct = get_number(v, "initial_zero_range_pct");
    p.warm_up_s = get_number(v, "warm_up_s");
    p.overload_blank_e = get_number(v, "overload_blank_e");
    p.span_error_pct = get_number(v, "span_error_pct");
    p.self_lock = get_bool(v, "self_lock");
    p.firmware_version = get_choice(v, "firmware_version");

    const std::string where = "/device/params/";
    if (!is_125_series(p.e_g))
        throw config_error("scale", where + "e_g", "expected 1, 2 or 5 x 10^k g, got " + std::to_string(p.e_g));
    if (p.max1_g > 0) {
        if (!is_125_series(p.e1_g))
            throw config_error("scale", where + "e1_g", "expected 1, 2 or 5 x 10^k g, got " + std::to_string(p.e1_g));
        if (p.e1_g >= p.e_g || p.max1_g >= p.max_g)
            throw config_error("scale", where + "max1_g",
                               "expected a first partial range below Max with e1 < e, got max1_g " +
                                   std::to_string(p.max1_g) + " and e1_g " + std::to_string(p.e1_g));
    }
    const double n = p.max_g / p.e_g;
    if (std::fabs(n - std::round(n)) > 1e-6)
        throw config_error("scale", where + "max_g", "expected Max to be a whole number of e, got n = " + std::to_string(n));
    // R 76-1 Table 3: number of verification intervals per class (the lower bound for class
    // III depends on e: 100 for e <= 2 g, 500 for e >= 5 g)
    double n_min = 100, n_max = 10000;
    if (p.accuracy_class == "II") { n_min = p.e_g >= 0.1 ? 5000 : 100; n_max = 100000; }
    else if (p.accuracy_class == "III") { n_min = p.e_g >= 5 ? 500 : 100; n_max = 10000; }
    else { n_min = 100; n_max = 1000; }
    if (n < n_min - 1e-9 || n > n_max + 1e-9)
        throw config_error("scale", where + "max_g",
                           "expected n = Max/e in [" + std::to_string(int(n_min)) + ", " + std::to_string(int(n_max)) +
                               "] for class " + p.accuracy_class + ", got " + std::to_string(int(std::round(n))));
    if (p.cell_capacity_g < p.max_g * p.overload_stop_pct / 100.0 + p.receptor_mass_g)
        throw config_error("scale", where + "cell_capacity_g",
                           "expected a load cell that carries Max at the overload stop plus the receptor, got " +
                               std::to_string(p.cell_capacity_g) + " g");
    if (p.low_voltage_v >= p.supply_nominal_v)
        throw config_error("scale", where + "low_voltage_v", "expected a low-voltage limit below the nominal supply");
    return p;
}

}  // namespace hilbench::scale
