// Parameters of the price-computing scale, built from its published parameter table
// (scale_param_table(): name, unit, default, range, doc). Defaults live in the table only.
#pragma once
#include <string>

#include "models/core/param_table.h"

namespace hilbench::scale {

struct scale_params {
    // metrology (nameplate)
    std::string accuracy_class;
    double max_g = 0, e_g = 0, max1_g = 0, e1_g = 0;
    // price computing
    double price_interval = 0, unit_price_max = 0;
    std::string price_rounding;
    // load cell and receptor
    double cell_capacity_g = 0, rated_output_mv_per_v = 0, excitation_v = 0;
    double nonlinearity_pct_fs = 0, hysteresis_pct_fs = 0, creep_pct_fs = 0, creep_tau_s = 0;
    double tcz_pct_fs_per_10k = 0, tcs_pct_per_10k = 0, reference_temperature_c = 0, thermal_tau_s = 0;
    double eccentricity_x_pct = 0, eccentricity_y_pct = 0, eccentricity_xy_pct = 0;
    double overload_stop_pct = 0, receptor_mass_g = 0;
    double natural_freq_hz = 0, damping_ratio = 0, vibration_g_rms = 0;
    // ADC
    int rate_sps = 10;
    double adc_noise_nv_rms = 0, adc_offset_uv = 0, adc_offset_tc_nv_per_k = 0;
    // supply
    double supply_nominal_v = 0, low_voltage_v = 0;
    // firmware
    int filter_samples = 4;
    double motion_window_s = 0, motion_band_e = 0;
    double zero_tracking_rate_e_per_s = 0, zero_tracking_band_e = 0;
    double zero_setting_range_pct = 0, initial_zero_range_pct = 0;
    double warm_up_s = 0, overload_blank_e = 0;
    double span_error_pct = 0;
    bool self_lock = true;
    std::string firmware_version;

    // the partial weighing range's e for a load (multi-interval), and the scale's Min
    double e_at(double load_g) const { return (max1_g > 0 && load_g <= max1_g) ? e1_g : e_g; }
    double first_e() const { return max1_g > 0 ? e1_g : e_g; }
};

const param_table& scale_param_table();
// Throws config_error naming the parameter when the values do not make a valid instrument.
scale_params make_scale_params(const param_values& v);

}  // namespace hilbench::scale
