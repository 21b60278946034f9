// Scoring: the one place that reads the ground truth of the runs being scored (their labels),
// and the metrics a detector is judged by. Detectors never see this (detectors.h takes
// evidence only).
#pragma once
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "harness/detect/detectors.h"
#include "reports/run_record.h"

namespace hilbench::detect {

// The truth of one run: the labels of the cheats, faults and drifts active during its points.
// Its class is the most serious label among them (CHEAT, THEFT, TAMPER, FAULT, DRIFT), NORMAL
// without any. A cheat that exists but was never active during the inspection is listed in
// `dormant` and leaves the class NORMAL: no inspection could have seen it.
struct ground_truth {
    std::string run;
    std::string cls = "NORMAL";
    std::vector<reports::label_row> labels;   // active during some point
    std::vector<std::string> dormant;         // scenario cheats never active
    double magnitude = 0;                     // the largest |magnitude| of the class's labels
    std::string magnitude_unit;
    uint64_t seed = 0;
    std::string family;  // what the run is: the id of its most serious label ("honest" without one)
    double onset_s = 0;  // the earliest onset of the labels of its class (NaN: NORMAL)
};

ground_truth ground_truth_of(const nlohmann::json& record, const std::string& file, const std::string& key);

// The malicious classes: the positives of the detection-rate and ROC figures.
bool malicious(const std::string& cls);

struct score_options {
    double base_rate = 0.085;   // share of malicious devices in the fleet a precision is planned for (SGCC: 8.5 %)
    double budget_pct = 5;      // inspections, as a share of the fleet: precision of the top budget_pct %
    double max_far = 0.05;      // the regulator's operating point: P_D at P_FA <= 5 % (EPA)
    double min_pd = 0.95;
    // operating thresholds fixed beforehand, per detector id (`--thresholds-from` a training
    // corpus's score.json); a detector not listed has its threshold chosen on the scored corpus
    std::map<std::string, double> fixed_thresholds;
    std::string thresholds_source;
    // the in-control check of `bias` detectors: a two-sided CUSUM (k = 0.5) designed for this
    // in-control ARL runs over the honest runs' standardised mean errors, in run order
    double arl0 = 20;
};

// Metrics of every detector over the runs (findings of all runs, truth of all runs).
nlohmann::json score(const std::vector<finding>& findings, const std::map<std::string, ground_truth>& truth,
                     const score_options& opt);

// The area under the ROC curve of scores of positives against negatives (Mann-Whitney, ties
// count one half). NaN when either side is empty.
double auc(const std::vector<double>& pos, const std::vector<double>& neg);

}  // namespace hilbench::detect
