#include "models/scale/scale_params.h"

#include <cmath>

#include "models/core/errors.h"

namespace hilbench::scale {

namespace {
bool is_125_series(double v) {
    const double k = std::floor(std::log10(v) + 1e-9);
    const double m = v / std::pow(10.0, k);
    return std::fabs(m - 1) < 1e-6 || std::fabs(m - 2) < 1e-6 || std::fabs(m - 5) < 1e-6;
}
}  // namespace

const params_of<scale_params>& scale_param_table() {
    using P = scale_params;
    static const params_of<P> t = [] {
        params_of<P> p;
        p.choice("accuracy_class", &P::accuracy_class, {"II", "III", "IIII"}, "accuracy class (OIML R 76-1 Table 3)")
            .number("max_g", &P::max_g, "g", 100, 1e6, "maximum capacity Max")
            .number("e_g", &P::e_g, "g", 0.1, 1000, "verification scale interval e (= d); 1, 2 or 5 x 10^k")
            .number("max1_g", &P::max1_g, "g", 0, 1e6, "multi-interval: Max of the first partial range (0: single interval)")
            .number("e1_g", &P::e1_g, "g", 0.1, 1000, "multi-interval: e of the first partial range")
            .number("price_interval", &P::price_interval, "CNY", 0.001, 1, "price scale interval")
            .number("unit_price_max", &P::unit_price_max, "CNY/kg", 1, 1e6, "largest unit price the keyboard accepts")
            .choice("price_rounding", &P::price_rounding, {"half_up", "half_even", "down", "up"},
                    "rounding of the price to the price interval")
            .number("cell_capacity_g", &P::cell_capacity_g, "g", 100, 1e7, "load cell rated capacity (Emax)")
            .number("rated_output_mv_per_v", &P::rated_output_mv_per_v, "mV/V", 0.5, 4, "load cell rated output")
            .number("excitation_v", &P::excitation_v, "V", 1, 12, "bridge excitation (= ADC reference, ratiometric)")
            .number("nonlinearity_pct_fs", &P::nonlinearity_pct_fs, "%FS", -1, 1, "non-linearity, bow at half capacity")
            .number("hysteresis_pct_fs", &P::hysteresis_pct_fs, "%FS", 0, 1, "hysteresis, decreasing minus increasing at mid range")
            .number("creep_pct_fs", &P::creep_pct_fs, "%FS", -1, 1, "creep at full capacity, settled value")
            .number("creep_tau_s", &P::creep_tau_s, "s", 1, 1e5, "creep time constant (recovery has the same)")
            .number("tcz_pct_fs_per_10k", &P::tcz_pct_fs_per_10k, "%FS/10K", -1, 1, "temperature coefficient of the zero")
            .number("tcs_pct_per_10k", &P::tcs_pct_per_10k, "%/10K", -1, 1, "temperature coefficient of the span")
            .number("reference_temperature_c", &P::reference_temperature_c, "degC", -40, 85, "temperature of the factory adjustment")
            .number("thermal_tau_s", &P::thermal_tau_s, "s", 1, 1e5, "time constant of the cell temperature following the ambient")
            .number("eccentricity_x_pct", &P::eccentricity_x_pct, "%", -5, 5, "sensitivity change at the right edge (x = 1)")
            .number("eccentricity_y_pct", &P::eccentricity_y_pct, "%", -5, 5, "sensitivity change at the back edge (y = 1)")
            .number("eccentricity_xy_pct", &P::eccentricity_xy_pct, "%", -5, 5, "twist: sensitivity change at a corner beyond x and y")
            .number("overload_stop_pct", &P::overload_stop_pct, "%", 100, 300, "mechanical overload stop, % of Max")
            .number("receptor_mass_g", &P::receptor_mass_g, "g", 0, 1e6, "dead load of the pan and platform on the cell")
            .number("natural_freq_hz", &P::natural_freq_hz, "Hz", 0.5, 100, "natural frequency of the loaded receptor")
            .number("damping_ratio", &P::damping_ratio, "", 0.01, 2, "damping ratio of the receptor")
            .number("vibration_g_rms", &P::vibration_g_rms, "g", 0, 1000, "floor vibration as an equivalent load noise")
            .integer("rate_sps", &P::rate_sps, {10, 80}, "ADC output rate (RATE pin)")
            .number("adc_noise_nv_rms", &P::adc_noise_nv_rms, "nV", 0, 1e5, "ADC input noise at 10 SPS (x 1.8 at 80 SPS)")
            .number("adc_offset_uv", &P::adc_offset_uv, "uV", -1000, 1000, "ADC input offset")
            .number("adc_offset_tc_nv_per_k", &P::adc_offset_tc_nv_per_k, "nV/K", -1e5, 1e5, "ADC input offset temperature coefficient")
            .number("supply_nominal_v", &P::supply_nominal_v, "V", 3, 24, "nominal supply (battery or adapter)")
            .number("low_voltage_v", &P::low_voltage_v, "V", 2, 24, "below this supply the scale shows no weighing result")
            .integer("filter_samples", &P::filter_samples, 1, 64, "moving average of ADC readings in the firmware")
            .number("motion_window_s", &P::motion_window_s, "s", 0.1, 10, "stability: window of the motion detector")
            .number("motion_band_e", &P::motion_band_e, "e", 0.1, 10, "stability: largest spread of readings in the window")
            .number("zero_tracking_rate_e_per_s", &P::zero_tracking_rate_e_per_s, "e/s", 0, 100, "largest zero-tracking correction rate")
            .number("zero_tracking_band_e", &P::zero_tracking_band_e, "e", 0, 100, "zero tracking acts within this band around gross zero")
            .number("zero_setting_range_pct", &P::zero_setting_range_pct, "%", 0, 100, "zero-setting range (key and tracking together), % of Max")
            .number("initial_zero_range_pct", &P::initial_zero_range_pct, "%", 0, 100, "initial zero-setting range at power-on, % of Max")
            .number("warm_up_s", &P::warm_up_s, "s", 0, 3600, "no weighing result for this long after power-on")
            .number("overload_blank_e", &P::overload_blank_e, "e", 0, 100, "no indication above Max + this many e")
            .number("span_error_pct", &P::span_error_pct, "%", -20, 20, "span error left by the factory adjustment")
            .boolean("self_lock", &P::self_lock, "JJF 2184: opening the case locks the scale until an authorised unlock")
            .choice("firmware_version", &P::firmware_version, {"2.1.0"}, "firmware release (part of the software identification)")
            .check(
                "e and e1 are 1, 2 or 5 x 10^k g",
                [](const P& v) {
                    if (!is_125_series(v.e_g))
                        throw param_error("/e_g", "expected 1, 2 or 5 x 10^k g, got " + std::to_string(v.e_g));
                    if (v.max1_g > 0 && !is_125_series(v.e1_g))
                        throw param_error("/e1_g", "expected 1, 2 or 5 x 10^k g, got " + std::to_string(v.e1_g));
                },
                // the same within the declared range of 0.1 g to 1000 g
                R"({"properties": {"e_g": {"enum": [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]}},
                    "if": {"properties": {"max1_g": {"exclusiveMinimum": 0}}, "required": ["max1_g"]},
                    "then": {"properties": {"e1_g": {"enum": [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]}}}})")
            .check("a first partial range lies below Max with e1 < e", [](const P& v) {
                if (v.max1_g > 0 && (v.e1_g >= v.e_g || v.max1_g >= v.max_g))
                    throw param_error("/max1_g", "expected a first partial range below Max with e1 < e, got max1_g " +
                                                     std::to_string(v.max1_g) + " and e1_g " + std::to_string(v.e1_g));
            })
            .check("Max is a whole number n of e, with n in the range of R 76-1 Table 3 for the class", [](const P& v) {
                const double n = v.max_g / v.e_g;
                if (std::fabs(n - std::round(n)) > 1e-6)
                    throw param_error("/max_g", "expected Max to be a whole number of e, got n = " + std::to_string(n));
                // R 76-1 Table 3: number of verification intervals per class (the lower bound for
                // class III depends on e: 100 for e <= 2 g, 500 for e >= 5 g)
                double n_min = 100, n_max = 10000;
                if (v.accuracy_class == "II") { n_min = v.e_g >= 0.1 ? 5000 : 100; n_max = 100000; }
                else if (v.accuracy_class == "III") { n_min = v.e_g >= 5 ? 500 : 100; n_max = 10000; }
                else { n_min = 100; n_max = 1000; }
                if (n < n_min - 1e-9 || n > n_max + 1e-9)
                    throw param_error("/max_g", "expected n = Max/e in [" + std::to_string(int(n_min)) + ", " +
                                                    std::to_string(int(n_max)) + "] for class " + v.accuracy_class +
                                                    ", got " + std::to_string(int(std::round(n))));
            })
            .check("the load cell carries Max at the overload stop plus the receptor", [](const P& v) {
                if (v.cell_capacity_g < v.max_g * v.overload_stop_pct / 100.0 + v.receptor_mass_g)
                    throw param_error("/cell_capacity_g",
                                      "expected a load cell that carries Max at the overload stop plus the receptor, got " +
                                          std::to_string(v.cell_capacity_g) + " g");
            })
            .check("the low-voltage limit lies below the nominal supply", [](const P& v) {
                if (v.low_voltage_v >= v.supply_nominal_v)
                    throw param_error("/low_voltage_v", "expected a low-voltage limit below the nominal supply");
            });
        return p;
    }();
    return t;
}


scale_nameplate nameplate_of(const scale_params& p) {
    scale_nameplate n;
    n.accuracy_class = p.accuracy_class;
    n.max_g = p.max_g;
    n.e_g = n.d_g = p.e_g;
    n.max1_g = p.max1_g;
    n.e1_g = p.max1_g > 0 ? p.e1_g : 0;
    // Min, R 76-1 Table 3: 20 e (class III), 50 e (class II, e >= 0.1 g), 10 e (class IIII)
    const double min_e = p.accuracy_class == "III" ? 20 : p.accuracy_class == "II" ? 50 : 10;
    n.min_g = min_e * p.first_e();
    n.price_interval = p.price_interval;
    n.supply_nominal_v = p.supply_nominal_v;
    n.low_voltage_v = p.low_voltage_v;
    return n;
}

}  // namespace hilbench::scale
