#include "harness/bench/plan.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "models/core/errors.h"
#include "models/core/rng.h"

namespace hilbench::bench {

std::string test_plan::standard_id() const {
    std::string s;
    for (const auto& p : procedures) s += (s.empty() ? "" : " + ") + p->standard_id();
    return s;
}

std::string test_plan::title() const {
    std::string s;
    for (const auto& p : procedures) s += (s.empty() ? "" : "; ") + p->title();
    return s;
}

std::string test_plan::decision_rule() const {
    if (procedures.size() == 1) return procedures.front()->decision_rule();
    std::string s;
    for (const auto& p : procedures) s += (s.empty() ? "" : " | ") + p->standard_id() + ": " + p->decision_rule();
    return s;
}

double test_plan::expected_duration_s(const planned_point& p) const {
    return procedures.at(p.procedure)->expected_duration_s(p.point);
}

test_plan make_plan(const scenario::scenario& sc, const families::family_list& families) {
    test_plan plan;
    std::set<std::string> seen;
    // where the procedures are in the file: one `procedure`, or a list
    const std::string list_pointer =
        sc.procedures.size() > 1 || sc.procedures.front().pointer.rfind("/procedures/", 0) == 0
            ? "/procedures"
            : sc.procedures.front().pointer;
    for (std::size_t k = 0; k < sc.procedures.size(); ++k) {
        const scenario::procedure_spec& spec = sc.procedures[k];
        const families::standard& st = families::standard_of(families, spec.standard);
        // the same audit later in service meets other customers through another master meter
        const uint64_t seed =
            spec.after_days > 0 ? derive_seed(sc.seed, "after" + procedures::in_service_suffix(spec.after_days)) : sc.seed;
        const families::procedure_request rq{sc.device, sc.environment, spec, sc.path, seed};
        try {
            plan.procedures.push_back(st.make(rq));
        } catch (const param_error& e) {  // the standard's own inputs, found bad when it reads them
            throw scenario_error(sc.path, spec.pointer + e.pointer(), e.message());
        }
        std::vector<std::string> ids;
        for (auto& p : plan.procedures.back()->plan()) {
            ids.push_back(p.id);
            // a procedure later in service: its points are the same tests on an older device
            if (spec.after_days > 0) {
                p.after_days = spec.after_days;
                p.id += procedures::in_service_suffix(spec.after_days);
                p.settings["after_days"] = spec.after_days;
            }
            if (!seen.insert(p.id).second)
                throw scenario_error(sc.path, "/procedures",
                                     "expected test point ids unique across procedures, got '" + p.id +
                                         "' twice (the same points later in service take after_days)");
            plan.points.push_back({k, std::move(p)});
        }
        for (std::size_t j = 0; j < spec.points.size(); ++j)
            if (std::find(ids.begin(), ids.end(), spec.points[j]) == ids.end())
                throw scenario_error(
                    sc.path, spec.pointer + "/points/" + std::to_string(j),
                    "expected a test point of the selected tests, got " + nlohmann::json(spec.points[j]).dump());
    }
    if (plan.points.empty()) throw scenario_error(sc.path, list_pointer, "expected at least one test point, got none");
    for (const planned_point& pp : plan.points) {
        const double planned = plan.expected_duration_s(pp);
        char what[256];
        if (planned > max_point_simulated_s) {
            std::snprintf(what, sizeof what,
                          "expected a plan of at most %.0f simulated days per test point, got %.1f days (%.0f s) for "
                          "point '%s'",
                          max_point_simulated_s / 86400, planned / 86400, planned, pp.point.id.c_str());
            throw scenario_error(sc.path, sc.procedures[pp.procedure].pointer, what);
        }
        // the ground truth is recorded every truth_period_s at most, and about 500 rows for a short point
        const double period = std::min(sc.outputs.truth_period_s, std::max(0.01, planned / 500.0));
        if (sc.outputs.series && planned / period > max_series_rows) {
            std::snprintf(what, sizeof what,
                          "expected at most %.0f rows of ground truth per point, got about %.0f for point '%s' "
                          "(%.0f s planned, a row every %g s)",
                          max_series_rows, planned / period, pp.point.id.c_str(), planned, period);
            throw scenario_error(sc.path, "/outputs/truth_period_s", what);
        }
    }
    for (const auto& expected : sc.expect.points) {
        const std::string& id = expected.first;
        const bool planned = std::any_of(plan.points.begin(), plan.points.end(),
                                         [&](const planned_point& p) { return p.point.id == id; });
        if (!planned)
            throw scenario_error(sc.path, "/expect/points/" + id,
                                 "unknown key '" + id + "': expected the id of a planned test point");
    }
    return plan;
}

}  // namespace hilbench::bench
