// One run of a scenario: plan, run the points in parallel, assemble the run record,
// compare with the scenario's `expect`.
#pragma once
#include "harness/bench/point_runner.h"
#include "reports/run_record.h"

namespace hilbench::bench {

struct run_result {
    reports::run_record record;
    int exit_code = 0;  // 0 pass, 1 verdict fail, 2 bad input, 3 internal error (or an incomplete run)
    pool::stop stop;    // a signal or the wall-clock limit ended the run early
};

run_result run_scenario(const scenario::scenario& sc, const test_plan& plan, const families::family_list& families,
                        const run_options& opt);

// Provenance compiled into the binary.
const char* version();
const char* git_commit();
const char* verilator_version();

}  // namespace hilbench::bench
