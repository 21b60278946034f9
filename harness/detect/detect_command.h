// `hilbench detect <run-dir | campaign-dir> --detectors FILE [--out DIR] [--score]`: every
// detector of the file on every run's evidence (detections.json, detections.csv); with --score,
// the scoring step reads the runs' ground truth (truth.csv) and writes the metrics (score.json,
// leaderboard.csv, report.html with the ROC curves). Detection reads no label; only the scoring
// step does.
#pragma once
#include <string>

#include "harness/detect/scoring.h"

namespace hilbench::detect {

struct detect_options {
    std::string folder;     // a run folder (result.json) or a campaign folder (campaign.json, runs/)
    std::string detectors;  // the detector file
    std::string out;        // "": <folder>/detect
    bool score = false;
    std::string thresholds_from;  // a training corpus's score.json: its operating thresholds are used here
    score_options scoring;
    bool quiet = false;
};

// Exit code: 0 done; bad input throws (input_error, reports::write_error).
int detect_command(const detect_options& o);

// `hilbench export <run-dir | campaign-dir> --out DIR [--test-pct P]`: the labelled corpus as
// CSV in three parts kept apart: inputs/ (what a detector may see: the evidence), truth/ (the
// class, kind and magnitude of each run) and labels/ (every label activation per point), and
// split.csv (train or test, by a hash of the run's seed). harness/detect/README.md has the layout.
// When the runs recorded consumption hour by hour (a family's `consumption`, the meter's field
// audit), sgcc/sgcc.csv holds it in the layout of the SGCC theft set: one row per run (CONS_NO),
// FLAG 1 for a cheat, theft or tamper, then one column of kWh per day from start_date.
struct export_options {
    std::string folder, out;
    double test_pct = 30;
    std::string start_date = "2014-01-01";  // the SGCC set's first day
    bool quiet = false;
};
int export_command(const export_options& o);

}  // namespace hilbench::detect
