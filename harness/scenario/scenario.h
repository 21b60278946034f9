// A scenario file as typed, validated structs. harness/scenario is the only code that reads
// scenario JSON; everything downstream takes these structs. The loader checks the file against
// a catalogue of declarations (device types, standards, their parameter tables) and names no
// instrument family itself; what depends on a test plan (point ids) is checked where the plan
// is built.
#pragma once
#include <any>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "harness/scenario/catalogue.h"
#include "models/core/cheat_engine.h"
#include "models/core/param_table.h"

namespace hilbench::scenario {

struct device_spec {
    std::string type;
    std::string family;
    std::string fidelity;       // one of the type's fidelities
    std::any params;            // the type's typed parameters (defaults merged with the scenario's)
    param_values resolved;      // the same, scalar by name (for the run record)
    std::vector<std::string> set;  // the names the scenario set itself
    std::string accuracy_class;
    // the instrument's identification on the test report (device.identification)
    std::string manufacturer = "not stated", model = "not stated", serial_number = "not stated";
};
const params_of<device_spec>& identification_table();

// The shared part of `environment`; a family's world may declare more keys (held in `family`).
struct environment_spec {
    time_series temperature_c;         // (t_s, degC); empty: 23 degC throughout
    double time_compression = 1;       // seconds of ageing per simulated second
    double device_age_years = 0;       // age of the device at t = 0 (drift starts there)
    double start_time_of_day_h = 10;   // the device clock at t = 0
    std::any family;                   // the family's environment table, typed (absent: none)
};
const params_of<environment_spec>& environment_table();

struct procedure_spec {
    std::string standard;
    std::string pointer;              // where it is in the file ("/procedure", "/procedures/1", "/stimulus")
    std::vector<std::string> tests;   // empty = all tests of the standard
    std::vector<std::string> points;  // empty = all points of the selected tests
    double after_days = 0;            // takes place this long into service after t = 0: drifts have aged by it
    std::any lab_options;             // the family's lab options, typed
    std::any options;                 // the standard's options, typed
    std::any inputs;                  // the standard's other inputs, typed (absent: none)
};

struct outputs_spec {
    std::string waveforms = "none";     // "none" or "fst"
    double waveform_window_s = 0.05;
    bool series = true;
    double truth_period_s = 1;          // ground-truth series period: at most this, ~500 rows for short points
};
const params_of<outputs_spec>& outputs_table();

// The laboratory named on the test report; its reference standards are the family's lab options
// (procedure.options).
struct lab_spec {
    std::string name = "hilbench virtual test laboratory";
    std::string address = "not stated";
    std::string operator_name = "not stated";
};
const params_of<lab_spec>& lab_table();

struct expect_spec {
    std::string verdict;                          // "" = no expectation
    std::map<std::string, std::string> points;    // point id -> "pass" | "fail" (checked against the plan)
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
    environment_spec environment;
    std::vector<engine::cheat_spec> cheats;
    std::vector<engine::drift_spec> drift;
    bool stimulus = false;                  // a free-running stimulus instead of procedures
    std::vector<procedure_spec> procedures; // at least one
    lab_spec lab;
    outputs_spec outputs;
    expect_spec expect;
};

// Parses and validates; throws scenario_error with file and JSON pointer on bad input.
scenario load(const std::string& path, const catalogue& cat);
scenario parse(const std::string& text, const std::string& path, const catalogue& cat);

std::string sha256_hex(const std::string& data);

// The bytes of a file the scenario names (at most 16 MiB); scenario_error naming the file
// when it cannot be read. what_for: "scenario", "load profile CSV", ...
std::string read_file(const std::string& path, const std::string& what_for);

}  // namespace hilbench::scenario
