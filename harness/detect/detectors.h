// Detectors: each reads a run's evidence (evidence.h) and no more, and returns one finding: a
// score (for ROC curves), an alarm when the score reaches its threshold, a label guess (CHEAT,
// THEFT, TAMPER, FAULT, DRIFT), an onset, a magnitude and the evidence it rests on in words.
// They are configured in a JSON file whose fields are declared once (detector_table()); the
// loader, `hilbench describe detectors`, the README table and
// scenarios/schema/detectors.schema.json come from the declaration. harness/detect/README.md
// gives each kind's statistic and assumptions.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "harness/detect/evidence.h"
#include "models/core/param_table.h"

namespace hilbench::detect {

struct detector_spec {
    std::string id, kind;
    std::string guess;                           // the label an alarm names ("": the kind's rule)
    std::string error = "error_pct";             // the measured error of an inspected point
    std::string limit = "mpe_pct";               // its limit (threshold)
    double limit_value = 0;                      // threshold: a fixed limit instead (0: `limit`)
    std::vector<std::string> tables;             // the points' tables whose rows are the observations (empty: the points)
    std::string only_where_zero;                 // reads only the points where this value is 0 ("": all)
    std::vector<std::string> points;             // reads only these points, by id or test (empty: all)
    std::string order_by = "current_a";          // the condition a chart runs along (cusum, ewma)
    std::string group_by = "power_factor";       // one chart per value of this condition ("": one)
    int baseline = 0;                            // charts: the centre is the median of the first this many points (0: of all)
    double bin = 0;                              // charts: sum the observations over bins of order_by this wide (0: none)
    bool relative = false;                       // charts: the residual is the change in % of the centre
    std::string quantity;                        // consistency: the value that should be near 0
    std::string tolerance;                       // consistency: the value that bounds it at each point
    double tolerance_value = 0;                  // consistency: a fixed bound instead
    std::string guess_if_positive;               // consistency: the label when the worst value is > 0 ("": guess)
    double sigma = 0.1;                          // honest spread of `error`, in its unit
    double alarm_at = 0;                         // score threshold (0: the kind's default)
    double k = 0.5, h = 4;                       // cusum
    double lambda = 0.2, L = 2.7;                // ewma
    double delta = 2, alpha = 0.01, beta = 0.05; // sprt: shift in sigma, error rates
    std::vector<std::string> approved_software_ids;  // integrity
    std::vector<std::string> sealed_after;           // integrity: audit events after which parameter writes are not allowed
    std::vector<std::string> alarm_events;           // integrity: events that are evidence in themselves
    std::vector<std::string> inputs;                 // fusion: detector ids, in order of precedence
    std::vector<std::string> checks;                 // check: the inspection's checks it counts (their quantity)
    std::string test_a, test_b;                      // contrast: the inspection's reference test and its audit
};

struct detector_config {
    int schema_version = 1;
    std::string name, description;
    std::vector<detector_spec> detectors;
};

const params_of<detector_spec>& detector_table();
const params_of<detector_config>& detector_config_table();
nlohmann::json detector_config_schema();

// Reads and checks a detector file: bad input names the file and the JSON pointer.
detector_config load_detectors(const std::string& path);

struct finding {
    std::string run, detector, kind;
    double score = 0;      // higher: more suspicious; NaN: the evidence has nothing this detector reads
    double threshold = 0;  // an alarm at score >= threshold
    bool alarm = false;
    std::string label;     // the label this detector names when it alarms
    std::string guess;     // the label of the alarm ("" without one)
    std::string onset_quantity;  // what the onset is measured in ("" none): a condition or time_s
    double onset = 0;
    double magnitude = 0;  // estimated size of the anomaly, in magnitude_unit
    std::string magnitude_unit;
    std::string evidence;  // in words
    // charts (cusum, ewma): where along their condition the statistic first reached the
    // threshold, the moment of the alarm when the condition is a time ("" none)
    std::string alarm_quantity;
    double alarm_at = 0;
};

// Every detector of the file on one run's evidence, in the file's order.
std::vector<finding> run_detectors(const detector_config& cfg, const evidence& e);

nlohmann::json to_json(const finding& f);

}  // namespace hilbench::detect
