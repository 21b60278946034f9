// Parameters of the EV chargers: the AC charging post (charger.ac) and the DC off-board charger
// (charger.dc). What both share (billing, clock, signed meter values, identity) is one table
// each, nested under the same key in both devices. The member initialisers are the defaults.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "models/charger/dc_meter.h"
#include "models/charger/tariff.h"
#include "models/core/param_table.h"

namespace hilbench::charger {

struct billing_params {
    std::vector<tariff_period> tariff = {{0, 8, 0.3, "valley"},   {8, 10, 0.7, "flat"},  {10, 12, 1.1, "peak"},
                                         {12, 18, 0.7, "flat"},    {18, 22, 1.1, "peak"}, {22, 24, 0.3, "valley"}};
    double service_fee_cny_per_kwh = 0.4;
    double min_pay_cny = 0.01;  // the minimum payment variable
    double register_start_kwh = 1520.0;  // the billed energy register at t = 0 (the charger's life so far)
};
const params_of<billing_params>& billing_param_table();
const params_of<tariff_period>& tariff_period_table();

struct clock_params {
    std::string start_date = "2026-11-30";  // date at simulated t = 0
    double drift_ppm = 0;                   // crystal frequency error (positive: fast)
    double error_s = 0;                     // device minus true time at t = 0
    bool synchronised = true;               // set from legal time (OCMF S); false: never set (U)
};
const params_of<clock_params>& clock_param_table();

struct ocmf_params {
    // the P-256 private key the charger signs with (64 hex digits); the public key derived from
    // it is what the register (and the transparency check) holds
    std::string signing_key = "30685B4DA7BD14C860B8A8174C5FEE918C9A94F4EE352F65ACB1870D09EEB908";
    double clock_aligned_interval_s = 900;  // OCMF C records (OCPP ClockAlignedDataInterval)
    std::string evse_id = "CN*HBC*E0001";
    std::string serial = "CH-0001";
};
const params_of<ocmf_params>& ocmf_param_table();

struct ac_post_params {
    std::string accuracy_class = "1";  // JJG 1148: class 1 or 2
    int phases = 1;                    // 1 or 3 (three phases: one metering chip per phase)
    double rated_voltage_v = 220, freq_hz = 50;  // per phase (to neutral)
    double max_current_a = 32;         // Imax of the post (and of its cable)
    double min_current_a = 3.2;        // Imin (JJG 1148: Imax / 10 where not marked)
    double meter_constant_imp_per_kwh = 1000;  // the test output
    double display_resolution_kwh = 0.001;
    double contactor_delay_s = 0.1;    // closing after the vehicle asks (CP state C)
    double cable_rc_ohm = 220;         // proximity resistor of the fitted cable (220 Ohm: 32 A)
    // the metering front end inside the post
    double shunt_resistance_ohm = 200e-6;
    double calibration_gain_error_pct = 0;
    double ct_ratio_factor = 1;        // the firmware's current-scaling parameter (1: as calibrated)
    billing_params billing;
    clock_params clock;
    ocmf_params ocmf;
    std::string firmware_version = "2.1.0";
};
const params_of<ac_post_params>& ac_post_param_table();

struct cable_entry {
    int id = 0;
    double resistance_mohm = 4;
};
const params_of<cable_entry>& cable_entry_table();

struct dc_charger_params {
    std::string accuracy_class = "1";  // JJG 1149: class 1 or 2
    double max_voltage_v = 750, min_voltage_v = 200;
    double max_current_a = 200, min_current_a = 10;
    double max_power_kw = 120;
    // the cable: the ids the firmware knows with their registered resistance (loop, both
    // conductors), the one fitted, and what the fitted cable really has
    std::vector<cable_entry> cables = {{1, 2.0}, {2, 4.0}, {3, 6.0}};
    int cable_id = 2;
    double cable_resistance_mohm = 4.0;
    bool loss_compensation = true;     // bill the energy at the vehicle end (measured - I^2 R t)
    dc_meter_params meter;
    billing_params billing;
    clock_params clock;
    ocmf_params ocmf;
    std::string firmware_version = "3.0.2";
};
const params_of<dc_charger_params>& dc_charger_param_table();

}  // namespace hilbench::charger
