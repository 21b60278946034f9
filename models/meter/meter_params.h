// Parameters of the single-phase static meter. The member initialisers are the defaults;
// meter_param_table() declares each member once (name, unit, range, doc) for the loader,
// `hilbench describe`, the README table and the JSON Schema.
#pragma once
#include <string>

#include "models/core/energy_meter_face.h"
#include "models/core/param_table.h"

namespace hilbench::meter {

struct meter_params {
    // nameplate
    std::string accuracy_class = "1";             // "1", "2" (IEC 62053-21), "A", "B" (EN 50470-3)
    double voltage_v = 230;                       // reference voltage Un
    double basic_current_a = 5;                   // Ib (IEC) = Iref (EN 50470)
    double max_current_a = 60;                    // Imax
    double freq_hz = 50;                          // reference frequency
    double meter_constant_imp_per_kwh = 1600;     // CF/LED constant
    double display_resolution_kwh = 0.01;         // last digit of the legal display register
    // analog front end
    double voltage_divider_ratio = 1.0 / 1650.0;  // V at the ADC input per V of line voltage
    std::string current_sensor = "shunt";         // "shunt" or "ct"
    double shunt_resistance_ohm = 150e-6;
    double ct_ratio = 2500;                       // primary / secondary current
    double ct_burden_ohm = 4;
    double ct_phase_error_deg = 0.3;              // the secondary current leads the primary by this (positive: leads)
    double neutral_shunt_resistance_ohm = 150e-6;
    double pga_gain = 16;                         // current-channel programmable gain
    double adc_full_scale_v = 0.5;                // ADC input full scale (peak)
    double adc_offset_v = 2e-4;                   // DC offset at every ADC input
    double adc_noise_uv_rms = 20;                 // broadband input noise at the modulator rate
    double current_sensor_tempco_ppm_per_k = 20;
    double voltage_divider_tempco_ppm_per_k = 5;
    double vref_tempco_ppm_per_k = 10;
    // factory calibration and firmware
    double calibration_gain_error_pct = 0;        // residual current-gain error left by calibration
    double calibration_phase_error_deg = 0;       // residual lead of the current channel left by calibration
    double calibration_temperature_c = 23;
    double start_threshold_pct_of_ist = 60;       // START = this % of the power at Ist
    double noload_threshold_pct_of_ist = 40;      // NOLOAD = this % of the power at Ist
    double cf_pulse_width_ms = 80;
    int energy_quanta_per_pulse = 16;             // CFDIV: register resolution = 1 / (C * CFDIV)
    bool absolute_energy = true;                  // reverse power registers as forward (anti-theft)
    bool use_larger_current = true;               // bill the larger of phase and neutral current
    double tamper_threshold_pct = 12.5;           // phase/neutral mismatch that raises TAMPER
    double firmware_period_s = 0.1;               // firmware main-loop period
    double tariff_peak_start_h = 8;               // T1 (peak) from this hour of the device clock ...
    double tariff_peak_end_h = 22;                // ... to this one; T2 (off-peak) otherwise
    std::string firmware_version = "1.0.0";
};

const params_of<meter_params>& meter_param_table();

// What the meter's nameplate states: the one place it is read from the parameters.
energy_meter_nameplate nameplate_of(const meter_params& p);

// Starting current Ist of the meter's class (IEC 62053-21: 0.004 Ib class 1, 0.005 Ib
// class 2; EN 50470-3 with Itr = Iref/10: 0.04 Itr class B, 0.05 Itr class A).
double starting_current_a(const meter_params& p);

// Fixed design of the front end (rtl/energy_frontend parameters and the clock).
constexpr double modulator_clock_hz = 819200.0;  // 3.2768 MHz crystal / 4
constexpr int oversampling_ratio = 256;           // 2**OSR_LOG2
constexpr double sample_rate_hz = modulator_clock_hz / oversampling_ratio;  // 3200 Hz

}  // namespace hilbench::meter
