// The run record: plain data that a run produces and the report writers consume. No
// SystemC here. Everything outside `meta` is deterministic for a given scenario and seed.
#pragma once
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hilbench::reports {

// A named value with its unit in its name (error_pct, duration_s, ...).
using named_values = std::vector<std::pair<std::string, double>>;

struct series_table {
    std::string name;                      // file stem: series/<point>_<name>.csv
    std::vector<std::string> columns;      // unit-suffixed
    std::vector<std::vector<double>> rows; // every row, or an evenly thinned copy when streamed
    bool streamed = false;                 // the whole series is in its CSV file already
    std::string key_column = "";           // a first column of names ("": none), e.g. "band"
    std::vector<std::string> keys = {};    // its value per row
};

// One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces,
// its quotes doubled.
std::string csv_field(const std::string& text);
// The CSV text of a series: its header, and one row (numbers to 12 significant digits, an
// empty field for a value that could not be measured; the key first when the series has one).
// The writer and the stream share them.
std::string csv_header(const series_table& s);
std::string csv_row(const std::vector<double>& row, const std::string* key = nullptr);

struct audit_row {
    uint64_t sequence = 0, event_counter = 0;
    double time_s = 0;
    std::string kind, source, parameter, old_value, new_value;
};

// A simulator statistic of a point, with its unit and meaning (gem5/SST style).
struct stat_row {
    std::string name, unit, description;
    double value = 0;
};

// Ground truth: one activation of a cheat, fault or drift (never shown to procedures).
struct label_row {
    std::string id, label, tap;
    double onset_s = 0, end_s = 0, magnitude = 0;
    std::string magnitude_unit;
};

// One requirement a point judged: a measured quantity against its limit. The JUnit failure
// message, the report's forms and checklist and the progress line all say it from here.
struct check_row {
    std::string requirement;  // in words: "rounded error within the MPE"
    std::string quantity;     // the measured quantity, unit-suffixed as in `values`: "error_rounded_pct"
    double value = 0;         // NaN: it could not be measured (the check fails)
    std::string relation;     // "abs_le" |value| <= limit, "le", "ge", "eq", "true" (value 1 = yes)
    double limit = 0;
    bool pass = false;
};

struct point_record {
    std::string id, test, title;
    std::string verdict;                   // "pass", "fail" or "error"
    std::string confidence;                // of the limits used ([S], [S~], [M] ...)
    named_values conditions;               // voltage_v, current_a, power_factor, ...
    named_values values;                   // error_pct, mpe_pct, uncertainty_pct, ...
    std::vector<check_row> checks;         // what the verdict rests on (a fail: one that did not hold)
    named_values environment_start;        // the bench's conditions when the point started (temperature_c, ...)
    named_values environment_end;          // ... and when it ended
    std::string note;
    std::vector<series_table> series;
    std::vector<audit_row> audit_trail;    // as the device logged it during this point
    std::vector<label_row> labels;         // ground truth of this point's simulation
    std::string software_id;
    std::vector<stat_row> stats;           // simulator statistics (deterministic)
    double wall_s = 0;                     // meta: wall time of the point's process
    double max_rss_mb = 0;                 // meta: the point process's peak resident memory
};

// A test of the standard as the report's checklist and forms name it.
struct test_info {
    std::string name;        // as points name it: "accuracy", "weighing"
    std::string title;       // "Accuracy: limits of error due to variation of the current"
    std::string clause;      // of the standard: "8.1", "A.4.4"
    std::string confidence;  // of the clause number: S, S~, M
};

struct run_record {
    // scenario
    std::string scenario_path, scenario_sha256, scenario_name, scenario_description;
    uint64_t seed = 0;
    // device
    std::string device_type, fidelity;
    std::map<std::string, nlohmann::json> device_params;  // resolved parameter table
    std::string software_id;
    std::string manufacturer, model, serial_number;  // as the scenario names the instrument
    std::vector<audit_row> audit_trail;    // the device's history up to the campaign (factory)
    // laboratory: its name and the resolved options of its reference standards (the family's lab options)
    std::string lab_name, lab_address, lab_operator;
    std::map<std::string, nlohmann::json> lab_options;
    // procedure
    std::string standard, standard_title, decision_rule;
    std::string kind;                      // "procedure" or "stimulus"
    std::vector<test_info> tests;          // the tests run, in the standard's order
    std::vector<point_record> points;
    std::string verdict;                   // "pass", "fail" or "error"
    // expectations
    bool has_expect = false;
    bool expect_met = true;
    std::vector<std::string> expect_mismatches;
    std::map<std::string, std::string> expect_points;  // point id -> the verdict the scenario expects
    bool judged_by_expect = false;  // `run --check-expect`: the JUnit and the exit code judge the expectation
    // provenance
    std::string hilbench_version, git_commit, systemc_version, verilator_version;
    // meta (wall-clock facts; ignored by comparisons)
    nlohmann::json meta = nlohmann::json::object();
};

const double* find_value(const named_values& v, const std::string& name);

nlohmann::json to_json(const point_record& p);
point_record point_from_json(const nlohmann::json& j);
nlohmann::json to_json(const run_record& r);

}  // namespace hilbench::reports
