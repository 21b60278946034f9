// The test plan of a scenario: one procedure per procedure of the scenario, built by its
// standard's factory, and their points in order. Building it checks what only a plan can
// tell: selected points exist, point ids are unique across procedures, the plan is not
// empty, and `expect.points` names planned points (scenario_error with the pointer).
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

test_plan make_plan(const scenario::scenario& sc, const families::family_list& families);

}  // namespace hilbench::bench
