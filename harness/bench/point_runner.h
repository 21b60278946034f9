// Runs test points. run_point() elaborates one point's bench (world, device, reference) from
// its family and runs the point in this process, under a watchdog: the point ends as an `error`
// point when its simulated time passes the procedure's limit (procedure::limit_duration_s, by
// default 4 x the planned duration + 600 s) or its procedure's waits stop advancing simulated
// time (procedures/sim_time.h); SystemC elaborates once per process, so
// run_points() runs each point in a child of the shared process pool, in parallel, longest
// first, and gathers the records in plan order.
#pragma once
#include <string>
#include <vector>

#include "harness/bench/plan.h"
#include "harness/families/family.h"
#include "harness/pool/process_pool.h"
#include "harness/scenario/scenario.h"
#include "reports/run_record.h"

namespace hilbench::bench {

struct run_options {
    int jobs = 1;
    std::string out_dir;   // waveforms go to <out_dir>/waves/
    bool trace = false;    // FST of the RTL for outputs.waveform_window_s
    bool quiet = false;    // no progress lines
    double max_wall_s = 0; // > 0: the run stops cleanly after this many wall seconds
    std::string record_dir;  // each finished point's record is written here as it arrives ("": none)
};

struct point_outcome {
    reports::point_record record;
    int exit_kind = 0;     // 0 ok, 2 bad input, 3 internal error
    std::string error;
};

reports::point_record run_point(const scenario::scenario& sc, const test_plan& plan, std::size_t index,
                                const families::family_list& families, const run_options& opt, const std::string& tag);

struct points_result {
    std::vector<point_outcome> outcomes;  // in plan order; points that did not finish are `error`
    pool::stop stop;                      // how the run stopped early, if it did
};

points_result run_points(const scenario::scenario& sc, const test_plan& plan, const families::family_list& families,
                         const run_options& opt);

}  // namespace hilbench::bench
