// The test plan of a scenario: one procedure per procedure of the scenario, built by its
// standard's factory, and their points in order. Building it checks what only a plan can
// tell: selected points exist, point ids are unique across procedures, the plan is not
// empty, `expect.points` names planned points, and no point plans more simulated time or more
// ground-truth rows than the stated limits (scenario_error with the pointer).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "harness/families/family.h"
#include "harness/procedures/procedure.h"
#include "harness/scenario/scenario.h"

namespace hilbench::bench {

struct planned_point {
    std::size_t procedure = 0;  // index into test_plan::procedures (and scenario::procedures)
    procedures::test_point point;
};

struct test_plan {
    std::vector<std::unique_ptr<procedures::procedure>> procedures;
    std::vector<planned_point> points;
    // of all procedures: ids joined by " + ", titles by "; ", decision rules by " | "
    std::string standard_id() const;
    std::string title() const;
    std::string decision_rule() const;
    double expected_duration_s(const planned_point& p) const;
};

// Stated limits: a plan beyond them is refused with a pointer and its planned simulated time.
constexpr double max_point_simulated_s = 10 * 86400.0;  // 10 simulated days per test point
constexpr double max_series_rows = 2e6;                  // rows of one recorded series (ground truth)

test_plan make_plan(const scenario::scenario& sc, const families::family_list& families);

}  // namespace hilbench::bench
