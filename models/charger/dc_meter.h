// The DC energy meter inside a DC charger: a shunt or a Hall sensor in the current path, a
// resistive divider on the output voltage, and the metering ASIC of the AC meter
// (rtl/energy_frontend) run in its DC mode (CONFIG[5]: no high-pass, no phase calibration).
// The factory calibration nulls the ADC offsets (and a Hall sensor's zero offset) at the
// calibration temperature, sets the gains and the energy quantum for the meter constant; the
// meter firmware (models/meter/firmware) restores it, locks the chip, keeps the register, the
// audit trail and the software identification, exactly as in the AC meter.
//
// No SystemC here: the charger that owns the meter calls set_line() before its output changes
// and sync() at its quanta, as the AC meter's module does with its front end.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "models/core/audit_log.h"
#include "models/core/fidelity.h"
#include "models/core/param_table.h"
#include "models/meter/analog_front_end.h"
#include "models/meter/calibration.h"
#include "models/meter/firmware.h"
#include "models/meter/meter_params.h"
#include "models/meter/rtl_adapter.h"

namespace hilbench::charger {

struct dc_meter_params {
    std::string accuracy_class = "1";      // IEC 62053-41 class 0.5 or 1; JJG 1149 class 1 or 2
    double max_voltage_v = 1000, max_current_a = 250;
    std::string current_sensor = "shunt";  // "shunt" or "hall"
    double shunt_resistance_ohm = 100e-6;
    double hall_sensitivity_v_per_a = 1.6e-3;  // at the ADC input
    double hall_offset_a = 0.2;            // the Hall sensor's zero-current offset (calibrated out)
    double voltage_divider_ratio = 1.0 / 2500.0;
    double pga_gain = 16;                  // current channel (shunt); a Hall sensor uses 1
    double adc_full_scale_v = 0.5;
    double adc_offset_v = 2e-4;
    double adc_noise_uv_rms = 20;
    double current_sensor_tempco_ppm_per_k = 20;  // manganin shunt; a Hall sensor: about 200
    double voltage_divider_tempco_ppm_per_k = 5;
    double calibration_temperature_c = 23;
    double meter_constant_imp_per_kwh = 1000;
    int energy_quanta_per_pulse = 16;
    double cf_pulse_width_ms = 5;          // test output high time (short: a fast charger pulses fast)
    double display_resolution_kwh = 0.001;
    double start_current_a = 0.5;          // registers from this current at the lowest voltage
    double min_voltage_v = 150;
    std::string firmware_version = "1.0.0";
};

const params_of<dc_meter_params>& dc_meter_param_table();

// ADC full scales per ampere and per volt at a temperature, and the factory calibration
// (registers and the power LSB per watt) of a DC meter.
double dc_current_gain(const dc_meter_params& p, double temperature_c);
double dc_voltage_gain(const dc_meter_params& p, double temperature_c);
meter::calibration_result dc_calibration(const dc_meter_params& p);

// What taps and drift change in the analog path (identity by default).
struct dc_modifiers {
    double current_gain = 1, voltage_gain = 1;
    double current_offset_a = 0;  // added to the sensed current (Hall offset drift)
};

class dc_meter {
public:
    dc_meter(const dc_meter_params& p, fidelity f, uint64_t seed);

    // The output the meter senses from t on (V, A, degC); brings the chip up to t first.
    void set_line(double t_s, double volts, double amps, double temperature_c, const dc_modifiers& m = {});
    // Runs the chip to t and the firmware's ticks due by then.
    void sync(double t_s);
    void power_on(double t_s);

    double energy_wh() const { return m_fw.energy_wh(); }  // the legal register
    int64_t display_digits() const { return m_fw.display_digits(); }
    double display_kwh() const { return m_fw.display_kwh(); }
    // the test output (CF): edge times so far
    const std::vector<double>& pulse_times() const { return m_pulses; }
    double meter_constant() const { return m_p.meter_constant_imp_per_kwh; }
    std::string software_id() const { return m_fw.software_id(); }
    const std::vector<audit_entry>& audit_trail() const { return m_fw.audit_trail(); }
    uint64_t clock_cycles() const { return m_rtl.clock_cycles(); }
    const meter::calibration_result& calibration() const { return m_cal; }
    void trace(const std::string& fst_path, double window_s);

    // the analog path alone: ADC-normalised channel signals for a line state
    meter::afe_channels convert(double volts, double amps, double temperature_c, const dc_modifiers& m) const;

private:
    double current_gain(double temperature_c) const;  // ADC full scales per ampere
    double voltage_gain(double temperature_c) const;  // ADC full scales per volt

    dc_meter_params m_p;
    meter::meter_params m_fw_params;  // what the shared firmware reads
    meter::calibration_result m_cal;
    meter::firmware m_fw;
    meter::rtl_adapter m_rtl;
    double m_next_fw_s = 0;
    bool m_powered = false;
    std::size_t m_edges_taken = 0;
    std::vector<double> m_pulses;
};

}  // namespace hilbench::charger
