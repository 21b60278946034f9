// Parameters of the single-phase static meter: one table (meter_param_table) holds every
// name, unit, default, range and doc line; meter_params is filled from it.
#pragma once
#include <string>

#include "models/core/param_table.h"

namespace hilbench::meter {

struct meter_params {
    // nameplate
    std::string accuracy_class;          // "1", "2" (IEC 62053-21), "A", "B" (EN 50470-3)
    double voltage_v;                    // reference voltage Un
    double basic_current_a;              // Ib (IEC) = Iref (EN 50470)
    double max_current_a;                // Imax
    double freq_hz;                      // reference frequency
    double meter_constant_imp_per_kwh;   // CF/LED constant
    double display_resolution_kwh;       // last digit of the legal display register
    // analog front end
    double voltage_divider_ratio;        // V at the ADC input per V of line voltage
    std::string current_sensor;          // "shunt" or "ct"
    double shunt_resistance_ohm;
    double ct_ratio;                     // primary / secondary current
    double ct_burden_ohm;
    double ct_phase_error_deg;           // secondary current leads the primary by this
    double neutral_shunt_resistance_ohm;
    double pga_gain;                     // current-channel programmable gain
    double adc_full_scale_v;             // ADC input full scale (peak)
    double adc_offset_v;                 // DC offset at every ADC input
    double adc_noise_uv_rms;             // broadband input noise at the modulator rate
    double current_sensor_tempco_ppm_per_k;
    double voltage_divider_tempco_ppm_per_k;
    double vref_tempco_ppm_per_k;
    // factory calibration and firmware
    double calibration_gain_error_pct;   // residual current-gain error left by calibration
    double calibration_phase_error_deg;  // residual phase error left by calibration
    double calibration_temperature_c;
    double start_threshold_pct_of_ist;   // START = this % of the power at Ist
    double noload_threshold_pct_of_ist;  // NOLOAD = this % of the power at Ist
    double cf_pulse_width_ms;
    double energy_quanta_per_pulse;      // CFDIV: register resolution = 1 / (C * CFDIV)
    bool absolute_energy;                // reverse power registers as forward (anti-theft)
    bool use_larger_current;             // bill the larger of phase and neutral current
    double tamper_threshold_pct;         // phase/neutral mismatch that raises TAMPER
    double firmware_period_s;            // firmware main-loop period
    double tariff_peak_start_h;          // T1 (peak) from this hour of the device clock ...
    double tariff_peak_end_h;            // ... to this one; T2 (off-peak) otherwise
    std::string firmware_version;
};

const param_table& meter_param_table();
meter_params make_meter_params(const param_values& resolved);

// Starting current Ist of the meter's class (IEC 62053-21: 0.004 Ib class 1, 0.005 Ib
// class 2; EN 50470-3 with Itr = Iref/10: 0.04 Itr class B, 0.05 Itr class A).
double starting_current_a(const meter_params& p);

// Fixed design of the front end (rtl/energy_frontend parameters and the clock).
constexpr double modulator_clock_hz = 819200.0;  // 3.2768 MHz crystal / 4
constexpr int oversampling_ratio = 256;           // 2**OSR_LOG2
constexpr double sample_rate_hz = modulator_clock_hz / oversampling_ratio;  // 3200 Hz

}  // namespace hilbench::meter
