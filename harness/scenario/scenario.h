// A scenario file as typed, validated structs. harness/scenario is the only code that reads
// scenario JSON; everything downstream takes these structs.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/core/ac_line.h"
#include "models/core/cheat_engine.h"
#include "models/core/param_table.h"

namespace hilbench::scenario {

struct temperature_point {
    double t_s = 0;
    double temperature_c = 23;
};

struct device_spec {
    std::string type;
    std::string fidelity;       // "bit" or "sample"
    param_values params;        // only what the scenario set (validated against the table)
    param_values resolved;      // table defaults merged with params
};

struct profile_step {
    double t_s = 0;
    ac_line_state state;
};

struct procedure_options {
    int readings = 2;
    double min_gate_s = 5;
    double settle_s = 2;
    double reference_class_pct = 0.05;
    double reference_constant_imp_per_kwh = 1e8;
    double starting_time_factor = 0;  // 0: the standard's data value
    double no_load_time_factor = 1;
    int register_digits = 100;
    double timeout_factor = 3;
    // weighing instruments
    std::string weight_class = "M1";     // OIML R 111 class of the standard weights
    int repeatability_count = 3;         // weighings per repeatability series
    double soak_s = 3600;                // temperature stabilisation at each chamber step
    bool in_service = false;             // in-service MPE (x2) instead of initial verification
    std::string price_rounding = "half_up";  // the jurisdiction's price rounding rule
    // market audit
    int audit_loads = 24;                // irregular commodity loads
    double audit_min_fraction = 0.02, audit_max_fraction = 0.6;  // of Max
    double reference_balance_g = 0.1;    // standard uncertainty of the lab's reference balance
};

// A scripted action of a market audit, before the load with this index (0-based).
struct audit_action {
    int before_load = 0;
    std::vector<std::string> keys;       // typed on the scale's keyboard
    bool power_cycle = false;
};

struct procedure_spec {
    std::string standard;
    std::vector<std::string> tests;   // empty = all tests of the standard
    std::vector<std::string> points;  // empty = all points of the selected tests
    procedure_options options;
    std::vector<audit_action> actions;  // market-audit: keys and power cycles between loads
    // field-audit: the load profile and how long to follow it
    std::string profile_csv;          // resolved path
    std::vector<profile_step> profile;
    double profile_duration_s = 0;
};

struct stimulus_spec {
    double duration_s = 0;
    double sample_period_s = 1;
    std::vector<profile_step> profile;  // sorted by t_s, first at 0
    std::string profile_csv;            // path as written in the scenario (resolved relative to it)
};

struct outputs_spec {
    std::string waveforms = "none";     // "none" or "fst"
    double waveform_window_s = 0.05;
    bool series = true;
    double truth_period_s = 1;          // ground-truth series period: at most this, ~500 rows for short points
};

struct expect_spec {
    std::string verdict;                          // "" = no expectation
    std::map<std::string, std::string> points;    // point id -> "pass" | "fail"
    bool has_labels = false;
    std::map<std::string, std::string> labels;    // exactly these cheat/drift ids appear, with these labels
    std::vector<std::string> audit_contains;      // entries the device must have logged during the run
    std::vector<std::string> audit_lacks;         // entries it must not have logged
};

struct scenario {
    std::string path;
    std::string sha256;
    int schema_version = 1;
    std::string name, description;
    uint64_t seed = 1;
    device_spec device;
    std::vector<temperature_point> temperature_c;
    double time_compression = 1;        // seconds of ageing per simulated second
    double device_age_years = 0;        // age of the device at t = 0 (drift starts there)
    double start_time_of_day_h = 10;    // the device clock at t = 0
    std::vector<std::pair<double, double>> supply_v;  // scales: (from t_s, volts) steps; empty: nominal
    std::vector<engine::cheat_spec> cheats;
    std::vector<engine::drift_spec> drift;
    bool has_procedure = false;
    procedure_spec procedure;                     // the first (or only) procedure
    std::vector<procedure_spec> more_procedures;  // "procedures": the others, run in the same campaign
    stimulus_spec stimulus;
    outputs_spec outputs;
    expect_spec expect;
};

// Parses and validates; throws scenario_error with file and JSON pointer on bad input.
scenario load(const std::string& path);
scenario parse(const std::string& text, const std::string& path);

// Reads a load profile CSV (header t_s,voltage_v,current_a,phase_deg[,freq_hz]).
std::vector<profile_step> load_profile_csv(const std::string& path, const ac_line_state& base);

std::string sha256_hex(const std::string& data);

}  // namespace hilbench::scenario
