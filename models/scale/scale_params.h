// Parameters of the price-computing scale. The member initialisers are the defaults;
// scale_param_table() declares each member once (name, unit, range, doc).
#pragma once
#include <string>

#include "models/core/param_table.h"
#include "models/core/scale_face.h"

namespace hilbench::scale {

struct scale_params {
    // metrology (nameplate)
    std::string accuracy_class = "III";
    double max_g = 15000, e_g = 5, max1_g = 0, e1_g = 2;
    // price computing
    double price_interval = 0.01, unit_price_max = 9999.99;
    std::string price_rounding = "half_up";
    // load cell and receptor
    double cell_capacity_g = 30000, rated_output_mv_per_v = 2.0, excitation_v = 4.3;
    double nonlinearity_pct_fs = 0.01, hysteresis_pct_fs = 0.01, creep_pct_fs = 0.012, creep_tau_s = 420;
    double tcz_pct_fs_per_10k = 0.008, tcs_pct_per_10k = 0.006, reference_temperature_c = 20, thermal_tau_s = 600;
    double eccentricity_x_pct = 0.02, eccentricity_y_pct = 0.02, eccentricity_xy_pct = 0.0;
    double overload_stop_pct = 125, receptor_mass_g = 800;
    double natural_freq_hz = 6, damping_ratio = 0.3, vibration_g_rms = 0.2;
    // ADC
    int rate_sps = 10;
    double adc_noise_nv_rms = 50, adc_offset_uv = 0.8, adc_offset_tc_nv_per_k = 10;
    // supply
    double supply_nominal_v = 6.0, low_voltage_v = 5.4;
    // firmware
    int filter_samples = 4;
    double motion_window_s = 1.0, motion_band_e = 1.0;
    double zero_tracking_rate_e_per_s = 0.5, zero_tracking_band_e = 0.5;
    double zero_setting_range_pct = 4, initial_zero_range_pct = 20;
    double warm_up_s = 5, overload_blank_e = 9;
    double span_error_pct = 0;
    bool self_lock = true;
    std::string firmware_version = "2.1.0";

    // the partial weighing range's e for a load (multi-interval), and the scale's Min
    double e_at(double load_g) const { return (max1_g > 0 && load_g <= max1_g) ? e1_g : e_g; }
    double first_e() const { return max1_g > 0 ? e1_g : e_g; }
};

// The declarations of every member (name, unit, range, doc) and the rules that make a valid
// instrument (param_error naming the parameter).
const params_of<scale_params>& scale_param_table();

// What the scale's nameplate states (the device identity is the instance's own): the one
// place it is read from the parameters.
scale_nameplate nameplate_of(const scale_params& p);

}  // namespace hilbench::scale
