#include "harness/bench/run.h"

#include <systemc>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>

#include "models/core/errors.h"

#ifndef HILBENCH_VERSION
#define HILBENCH_VERSION "0.0.0"
#endif
#ifndef HILBENCH_GIT_COMMIT
#define HILBENCH_GIT_COMMIT "unknown"
#endif
#ifndef HILBENCH_VERILATOR_VERSION
#define HILBENCH_VERILATOR_VERSION "unknown"
#endif

namespace hilbench::bench {

const char* version() { return HILBENCH_VERSION; }
const char* git_commit() { return HILBENCH_GIT_COMMIT; }
const char* verilator_version() { return HILBENCH_VERILATOR_VERSION; }

run_result run_scenario(const scenario::scenario& sc, const test_plan& plan, const families::family_list& families,
                        const run_options& opt) {
    const auto wall0 = std::chrono::steady_clock::now();
    const std::time_t started = std::time(nullptr);
    run_result out;
    reports::run_record& r = out.record;
    r.scenario_path = sc.path;
    r.scenario_sha256 = sc.sha256;
    r.scenario_name = sc.name;
    r.scenario_description = sc.description;
    r.seed = sc.seed;
    r.device_type = sc.device.type;
    r.fidelity = sc.device.fidelity;
    for (const auto& [k, v] : sc.device.resolved)
        std::visit([&, key = k](const auto& x) { r.device_params[key] = x; }, v);
    r.manufacturer = sc.device.manufacturer;
    r.model = sc.device.model;
    r.serial_number = sc.device.serial_number;
    r.lab_name = sc.lab.name;
    r.lab_address = sc.lab.address;
    r.lab_operator = sc.lab.operator_name;
    // the reference standards: the family's lab options of the first procedure (those of the others
    // are the same lab's unless the scenario says otherwise; a procedure's own differ only then)
    const scenario::family_decl& fam = families::family_of(families, sc.device.family).decl;
    if (fam.lab_options && !sc.procedures.empty() && sc.procedures.front().lab_options.has_value())
        for (const auto& [k, v] : fam.lab_options->values_any(sc.procedures.front().lab_options))
            std::visit([&, key = k](const auto& x) { r.lab_options[key] = x; }, v);
    r.kind = sc.stimulus ? "stimulus" : "procedure";
    r.hilbench_version = version();
    r.git_commit = git_commit();
    r.systemc_version = sc_core::sc_release();
    r.verilator_version = verilator_version();

    r.standard = plan.standard_id();
    r.standard_title = plan.title();
    r.decision_rule = plan.decision_rule();
    // the tests planned, in the order of their first point, with the standard's title and clause
    for (const auto& pp : plan.points) {
        if (std::any_of(r.tests.begin(), r.tests.end(), [&](const reports::test_info& t) { return t.name == pp.point.test; }))
            continue;
        reports::test_info info{pp.point.test, pp.point.test, "", ""};
        for (const auto& t : plan.procedures[pp.procedure]->tests())
            if (t.name == pp.point.test) info = t;
        r.tests.push_back(info);
    }
    const points_result pr = run_points(sc, plan, families, opt);
    const auto& outcomes = pr.outcomes;
    out.stop = pr.stop;

    bool any_input = false, any_internal = false, any_fail = false;
    nlohmann::json wall = nlohmann::json::object(), rss = nlohmann::json::object();
    for (const auto& o : outcomes) {
        r.points.push_back(o.record);
        wall[o.record.id] = o.record.wall_s;
        rss[o.record.id] = o.record.max_rss_mb;
        any_input |= o.exit_kind == 2;
        any_internal |= o.exit_kind == 3 || (o.exit_kind == 0 && o.record.verdict == "error");  // a crash, or the watchdog
        any_fail |= o.record.verdict == "fail";
    }
    // The device's own history (factory calibration, power-on) from the first point.
    for (const auto& p : r.points) {
        if (p.audit_trail.empty()) continue;
        r.software_id = p.software_id;
        for (const auto& a : p.audit_trail)
            if (a.time_s == 0) r.audit_trail.push_back(a);
        break;
    }
    r.verdict = (any_input || any_internal) ? "error" : any_fail ? "fail" : "pass";

    if (!sc.expect.verdict.empty() || !sc.expect.points.empty() || sc.expect.has_labels ||
        !sc.expect.audit_contains.empty() || !sc.expect.audit_lacks.empty()) {
        r.has_expect = true;
        if (!sc.expect.verdict.empty() && sc.expect.verdict != r.verdict)
            r.expect_mismatches.push_back("verdict: expected " + sc.expect.verdict + ", got " + r.verdict);
        r.expect_points = sc.expect.points;
        for (const auto& [id, v] : sc.expect.points)
            for (const auto& p : r.points)
                if (p.id == id && p.verdict != v)
                    r.expect_mismatches.push_back(id + ": expected " + v + ", got " + p.verdict);
        if (sc.expect.has_labels) {
            std::map<std::string, std::string> seen;
            for (const auto& p : r.points)
                for (const auto& l : p.labels) seen[l.id] = l.label;
            for (const auto& [id, kind] : sc.expect.labels) {
                auto it = seen.find(id);
                if (it == seen.end()) r.expect_mismatches.push_back("label " + id + ": expected " + kind + ", never active");
                else if (it->second != kind)
                    r.expect_mismatches.push_back("label " + id + ": expected " + kind + ", got " + it->second);
            }
            for (const auto& [id, kind] : seen)
                if (!sc.expect.labels.count(id)) r.expect_mismatches.push_back("label " + id + " (" + kind + ") not expected");
        }
        auto logged = [&](const std::string& name) {
            for (const auto& p : r.points)
                for (const auto& a : p.audit_trail)
                    if (a.source != "factory" && a.parameter == name) return true;
            return false;
        };
        for (const auto& n : sc.expect.audit_contains)
            if (!logged(n)) r.expect_mismatches.push_back("audit trail: expected an entry '" + n + "', found none");
        for (const auto& n : sc.expect.audit_lacks)
            if (logged(n)) r.expect_mismatches.push_back("audit trail: expected no entry '" + n + "', found one");
        r.expect_met = r.expect_mismatches.empty();
    }
    char ts[32];
    std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&started));
    struct rusage ru {};
    const double run_rss_mb = ::getrusage(RUSAGE_SELF, &ru) == 0 ? double(ru.ru_maxrss) / 1024.0 : 0.0;
    r.meta = {{"started_utc", ts},
              {"wall_s", std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count()},
              {"jobs", opt.jobs},
              {"max_rss_mb", run_rss_mb},  // the run's own process (its points' are below)
              {"point_wall_s", wall},
              {"point_max_rss_mb", rss}};
    out.exit_code = any_input ? 2 : any_internal ? 3 : any_fail ? 1 : 0;
    return out;
}

}  // namespace hilbench::bench
