#include "harness/procedures/procedure.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include <cmath>

#include <algorithm>

namespace hilbench::procedures {

bool selection::test(const std::string& t) const {
    return tests.empty() || std::find(tests.begin(), tests.end(), t) != tests.end();
}

bool selection::point(const std::string& id) const {
    return points.empty() || std::find(points.begin(), points.end(), id) != points.end();
}

std::string in_service_suffix(double after_days) {
    if (!(after_days > 0)) return "";
    char b[32];
    std::snprintf(b, sizeof b, "_d%g", after_days);
    return b;
}

std::string own_id(const test_point& p) {
    const std::string s = in_service_suffix(p.after_days);
    return !s.empty() && p.id.size() > s.size() && p.id.compare(p.id.size() - s.size(), s.size(), s) == 0
               ? p.id.substr(0, p.id.size() - s.size())
               : p.id;
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

bool judge(reports::point_record& r, const std::string& requirement, const std::string& quantity, double value, must m,
           double limit) {
    constexpr double slack = 1e-9;
    bool ok = false;
    const char* relation = "";
    switch (m) {
    case must::be_within: ok = std::fabs(value) <= limit + slack; relation = "abs_le"; break;
    case must::be_at_most: ok = value <= limit + slack; relation = "le"; break;
    case must::be_at_least: ok = value >= limit - slack; relation = "ge"; break;
    case must::equal: ok = std::fabs(value - limit) <= slack; relation = "eq"; break;
    case must::hold: ok = value != 0 && !std::isnan(value); relation = "true"; limit = 1; break;
    }
    if (std::isnan(value)) ok = false;
    r.checks.push_back({requirement, quantity, value, relation, limit, ok});
    r.verdict = (r.verdict == "fail" || !ok) ? "fail" : "pass";
    return ok;
}

bool judge(reports::point_record& r, const std::string& requirement, const std::string& quantity, bool holds) {
    return judge(r, requirement, quantity, holds ? 1.0 : 0.0, must::hold);
}

std::vector<reports::test_info> tests_from_json(const nlohmann::json& tests) {
    std::vector<reports::test_info> out;
    for (auto it = tests.begin(); it != tests.end(); ++it)
        out.push_back({it.key(), it->at("title").get<std::string>(), it->at("clause").get<std::string>(),
                       it->at("confidence").get<std::string>()});
    return out;
}

}  // namespace hilbench::procedures
