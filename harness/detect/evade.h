// `hilbench evade`: the adversary's view. For one cheat parameter of a scenario (a JSON pointer:
// its magnitude, its gate), the largest setting that still gets through a check, found by
// bisection between a harmless and a strong setting, and the frontier on a grid of settings
// for the plot. A setting gets through when, over `seeds` runs with derived seeds, at least
// `share` of them
//   - pass the scenario's procedure (its verdict), or
//   - raise no alarm of a detector at a threshold set for a false-alarm rate on an honest
//     corpus (`--honest DIR --far F`), or at a given threshold.
// Each setting is run as a campaign (the process pool, derived seeds, a folder per setting), so
// every evaluation is reproducible and can be opened like any campaign.
#pragma once
#include <string>

namespace hilbench::detect {

struct evade_options {
    std::string scenario, pointer, out;
    double from = 0, to = 0;  // harmless and strong settings of the pointer
    int bisections = 6;
    int grid = 5;             // settings evenly spread from `from` to `to` for the frontier
    int seeds = 3;
    double share = 1.0;       // of the seeds that must get through
    std::string fidelity;     // "": the scenario's own
    // a detector instead of the procedure
    std::string detectors, detector;
    std::string honest;       // a campaign folder whose honest runs (no label active) set the threshold
    double far = 0.01;
    double threshold = -1;    // or this threshold (an alarm at score > threshold)
    int jobs = 1;
    bool quiet = false;
};

int evade_command(const evade_options& o);

}  // namespace hilbench::detect
