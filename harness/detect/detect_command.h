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

}  // namespace hilbench::detect
