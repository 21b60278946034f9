#include "harness/bench/plan.h"

#include <algorithm>
#include <set>

#include "models/core/errors.h"

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
        const families::procedure_request rq{sc.device, sc.environment, spec, sc.path, sc.seed};
        plan.procedures.push_back(st.make(rq));
        std::vector<std::string> ids;
        for (auto& p : plan.procedures.back()->plan()) {
            if (!seen.insert(p.id).second)
                throw scenario_error(sc.path, "/procedures",
                                     "expected test point ids unique across procedures, got '" + p.id + "' twice");
            ids.push_back(p.id);
            plan.points.push_back({k, std::move(p)});
        }
        for (std::size_t j = 0; j < spec.points.size(); ++j)
            if (std::find(ids.begin(), ids.end(), spec.points[j]) == ids.end())
                throw scenario_error(
                    sc.path, spec.pointer + "/points/" + std::to_string(j),
                    "expected a test point of the selected tests, got " + nlohmann::json(spec.points[j]).dump());
    }
    if (plan.points.empty()) throw scenario_error(sc.path, list_pointer, "expected at least one test point, got none");
    for (const auto& [id, verdict] : sc.expect.points) {
        const bool planned = std::any_of(plan.points.begin(), plan.points.end(),
                                         [&](const planned_point& p) { return p.point.id == id; });
        if (!planned)
            throw scenario_error(sc.path, "/expect/points/" + id,
                                 "unknown key '" + id + "': expected the id of a planned test point");
    }
    return plan;
}

}  // namespace hilbench::bench
