#include "harness/procedures/procedure.h"

#include <algorithm>

namespace hilbench::procedures {

bool selection::test(const std::string& t) const {
    return tests.empty() || std::find(tests.begin(), tests.end(), t) != tests.end();
}

bool selection::point(const std::string& id) const {
    return points.empty() || std::find(points.begin(), points.end(), id) != points.end();
}

reports::point_record start_record(const test_point& p) {
    reports::point_record r;
    r.id = p.id;
    r.test = p.test;
    r.title = p.title;
    r.confidence = p.confidence;
    for (const auto& [k, v] : p.settings) r.conditions.emplace_back(k, v);
    return r;
}

}  // namespace hilbench::procedures
