// What a detector may see of a run: what an inspector or a utility could have. The legal
// outputs the inspection recorded (its points' conditions and measured values, the checks
// they were judged by), the device's audit trail and software identification, and the
// declared nameplate. Never the scenario (its name, file, expectation), the device's
// simulated physics (its other parameters), the labels, or a value or series column the
// family declares ground truth (`family_decl::ground_truth`): the type holds none of them,
// so a detector cannot peek. Ground truth lives in scoring.h, read by the scoring step only.
#pragma once
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "harness/scenario/catalogue.h"
#include "reports/run_record.h"

namespace hilbench::detect {

// One inspected point: the conditions set, the values measured, the checks judged.
struct inspection {
    std::string point, test;
    reports::named_values conditions, values;
    std::vector<reports::check_row> checks;
    std::string verdict;
    std::string software_id;  // as the device showed it during the point
    std::vector<reports::audit_row> audit_trail;  // the device's whole trail as read after the point
    // the tables the procedure measured row by row: the weighing readings, the market audit's
    // loads and tickets, the customer drafts, the signed records (ground-truth columns left out)
    std::vector<reports::series_table> tables;
};

struct evidence {
    std::string run;          // an opaque key: the campaign run id or the run folder's name
    std::string device_type;  // the instrument's type, as its nameplate says
    std::string software_id;  // shown at the start of the inspection
    std::map<std::string, nlohmann::json> nameplate;
    std::vector<reports::audit_row> audit_trail;  // the device's history before the inspection
    std::vector<inspection> inspections;          // empty when the run was a recording, not an inspection
};

// From a run record (result.json of `hilbench run`, or runs/<id>.json of a campaign). A record
// that is not one is bad input (scenario_error naming `file` and the JSON pointer).
evidence evidence_of(const nlohmann::json& record, const std::string& file, const std::string& key,
                     const scenario::catalogue& cat);

// The value of a quantity at a point (null: not measured there).
const double* value_of(const inspection& p, const std::string& name);
const double* condition_of(const inspection& p, const std::string& name);

// A table of a point by name (null: none).
const reports::series_table* table_of(const inspection& p, const std::string& name);

// The unit of a unit-suffixed quantity name ("error_pct" -> "%", "mass_g" -> "g").
std::string unit_of(const std::string& quantity);

}  // namespace hilbench::detect
