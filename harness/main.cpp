// The `hilbench` command line: run | validate | describe | list.
// Exit codes: 0 pass, 1 verdict fail, 2 bad input, 3 internal error.
#include <CLI/CLI.hpp>
#include <systemc>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "harness/bench/registry.h"
#include "harness/bench/run.h"
#include "harness/procedures/procedure.h"
#include "harness/scenario/scenario.h"
#include "models/core/errors.h"
#include "models/core/logger.h"
#include "reports/report_writer.h"

// libsystemc references sc_main; hilbench elaborates in its own processes instead.
int sc_main(int, char*[]) { return 3; }

namespace {

using namespace hilbench;

int cmd_run(const std::string& path, const std::string& out_arg, long long seed, int jobs, const std::string& trace,
            const std::string& fidelity, bool check_expect, bool quiet) {
    scenario::scenario sc = scenario::load(path);
    if (seed >= 0) sc.seed = static_cast<uint64_t>(seed);
    if (!fidelity.empty()) sc.device.fidelity = fidelity;
    if (!trace.empty()) sc.outputs.waveforms = trace;
    bench::run_options opt;
    opt.jobs = jobs > 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
    opt.out_dir = out_arg.empty() ? (std::filesystem::path("out") / sc.name).string() : out_arg;
    opt.trace = sc.outputs.waveforms != "none";
    opt.quiet = quiet;
    std::filesystem::create_directories(opt.out_dir);
    if (!quiet)
        std::fprintf(stderr, "hilbench: %s: %s, %s fidelity, %d jobs\n", sc.name.c_str(), sc.device.type.c_str(),
                     sc.device.fidelity.c_str(), opt.jobs);
    bench::run_result res = bench::run_scenario(sc, opt);
    reports::write_all(res.record, opt.out_dir);
    const auto& r = res.record;
    int pass = 0;
    for (const auto& p : r.points) pass += p.verdict == "pass";
    std::printf("%s %s: %d/%zu points pass; report: %s\n",
                r.verdict == "pass" ? "PASS" : r.verdict == "fail" ? "FAIL" : "ERROR", r.scenario_name.c_str(), pass,
                r.points.size(), (std::filesystem::path(opt.out_dir) / "report.html").string().c_str());
    if (r.has_expect) {
        std::printf("expect %s", r.expect_met ? "met" : "NOT met");
        for (const auto& m : r.expect_mismatches) std::printf("; %s", m.c_str());
        std::printf("\n");
    }
    if (check_expect && res.exit_code <= 1) return r.has_expect && !r.expect_met ? 1 : 0;
    return res.exit_code;
}

int cmd_validate(const std::vector<std::string>& files) {
    int rc = 0;
    for (const auto& f : files) {
        try {
            const auto sc = scenario::load(f);
            const auto plan = procedures::make_procedure(sc)->plan();
            std::printf("ok %s (%s, %s, %zu test points)\n", f.c_str(), sc.device.type.c_str(),
                        sc.has_procedure ? sc.procedure.standard.c_str() : "stimulus", plan.size());
        } catch (const input_error& e) {
            std::fprintf(stderr, "%s\n", e.what());
            rc = 2;
        }
    }
    return rc;
}

std::string value_text(const param_value& v) {
    if (std::holds_alternative<double>(v)) {
        char b[32];
        std::snprintf(b, sizeof b, "%.6g", std::get<double>(v));
        return b;
    }
    if (std::holds_alternative<bool>(v)) return std::get<bool>(v) ? "true" : "false";
    return std::get<std::string>(v);
}

// The admissible values of a parameter: "lo to hi" / "a, b" (Markdown) or "[lo, hi]" / "a|b".
std::string range_text(const param_info& p, bool markdown) {
    std::string range;
    if (p.k == param_info::kind::choice) {
        for (const auto& c : p.choices) range += (range.empty() ? "" : (markdown ? ", " : "|")) + c;
    } else if (p.k == param_info::kind::boolean) {
        range = markdown ? "true, false" : "true|false";
    } else {
        char b[64];
        std::snprintf(b, sizeof b, markdown ? "%g to %g" : "[%g, %g]", p.min, p.max);
        range = b;
    }
    return range;
}

int cmd_describe(const std::string& type_name, bool as_json, bool as_markdown) {
    const bench::device_type* t = bench::find_device_type(type_name);
    if (!t) {  // a family with a single type stands for it: `describe meter`
        std::vector<const bench::device_type*> in_family;
        for (const auto& d : bench::device_types())
            if (d.family == type_name) in_family.push_back(&d);
        if (in_family.size() == 1) t = in_family.front();
    }
    if (!t) {
        std::string names;
        for (const auto& d : bench::device_types()) names += (names.empty() ? "" : ", ") + d.name;
        throw scenario_error("", "", "expected a device type (" + names + "), got '" + type_name + "'");
    }
    if (as_json) {
        nlohmann::json j = {{"type", t->name}, {"description", t->description}, {"fidelities", t->fidelities}};
        nlohmann::json ps = nlohmann::json::array();
        for (const auto& p : t->params->entries()) {
            nlohmann::json e = {{"name", p.name}, {"unit", p.unit}, {"doc", p.doc}};
            std::visit([&](const auto& x) { e["default"] = x; }, p.def);
            if (p.k == param_info::kind::choice) e["choices"] = p.choices;
            if (p.k == param_info::kind::number || p.k == param_info::kind::integer) {
                e["min"] = p.min;
                e["max"] = p.max;
            }
            e["kind"] = p.k == param_info::kind::number ? "number" : p.k == param_info::kind::integer ? "integer"
                        : p.k == param_info::kind::choice ? "choice" : "boolean";
            ps.push_back(e);
        }
        j["params"] = ps;
        nlohmann::json taps = nlohmann::json::array(), drift = nlohmann::json::array();
        for (const auto& tp : *t->taps)
            taps.push_back({{"name", tp.name}, {"unit", tp.unit}, {"kind", engine::to_string(tp.kind)}, {"doc", tp.doc}});
        for (const auto& d : *t->driftables) drift.push_back({{"name", d.name}, {"unit", d.unit}, {"doc", d.doc}});
        nlohmann::json obs = nlohmann::json::array();
        for (const auto& o : *t->observables) obs.push_back({{"name", o.name}, {"unit", o.unit}, {"doc", o.doc}});
        j["taps"] = taps;
        j["driftable"] = drift;
        j["observables"] = obs;
        std::printf("%s\n", j.dump(2).c_str());
        return 0;
    }
    if (as_markdown) {
        std::printf("| name | unit | default | range | description |\n|---|---|---|---|---|\n");
        for (const auto& p : t->params->entries())
            std::printf("| `%s` | %s | %s | %s | %s |\n", p.name.c_str(), p.unit.c_str(), value_text(p.def).c_str(),
                        range_text(p, true).c_str(), p.doc.c_str());
        return 0;
    }
    std::printf("%s\n  %s\n  fidelity: ", t->name.c_str(), t->description.c_str());
    for (std::size_t k = 0; k < t->fidelities.size(); ++k) std::printf("%s%s", k ? ", " : "", t->fidelities[k].c_str());
    std::printf("\n\nparameters (device.params):\n");
    std::printf("  %-34s %-8s %-12s %-22s %s\n", "name", "unit", "default", "range", "description");
    for (const auto& p : t->params->entries())
        std::printf("  %-34s %-8s %-12s %-22s %s\n", p.name.c_str(), p.unit.c_str(), value_text(p.def).c_str(),
                    range_text(p, false).c_str(), p.doc.c_str());
    std::printf("\ntaps (cheats[].tap):\n");
    for (const auto& tp : *t->taps)
        std::printf("  %-38s %-16s %-5s %s\n", tp.name.c_str(), engine::to_string(tp.kind), tp.unit.c_str(), tp.doc.c_str());
    std::printf("\ndriftable parameters (drift[].param):\n");
    for (const auto& d : *t->driftables)
        std::printf("  %-38s %-9s %s\n", d.name.c_str(), d.unit.c_str(), d.doc.c_str());
    std::printf("\nobservables (triggers: condition, inspection_aware):\n");
    for (const auto& o : *t->observables)
        std::printf("  %-38s %-9s %s\n", o.name.c_str(), o.unit.c_str(), o.doc.c_str());
    return 0;
}

int cmd_list() {
    std::printf("device types:\n");
    for (const auto& d : bench::device_types()) std::printf("  %-22s %s\n", d.name.c_str(), d.description.c_str());
    std::printf("standards (procedure.standard):\n");
    for (const auto& s : procedures::standards()) {
        std::string cls;
        for (const auto& c : s.classes) cls += (cls.empty() ? "" : ", ") + c;
        std::printf("  %-22s classes %s\n      %s\n", s.id.c_str(), cls.c_str(), s.title.c_str());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);  // a dying gnuplot must not take the run's results with it
    CLI::App app{"hilbench: hardware-in-the-loop type-approval simulation for legal-metrology devices"};
    app.set_version_flag("--version", std::string(bench::version()) + " (" + bench::git_commit() + ")");
    app.require_subcommand(1);
    std::string log_level = "warn";
    app.add_option("--log-level", log_level, "error, warn, info or debug")->check(CLI::IsMember({"error", "warn", "info", "debug"}));

    std::string path, out, trace, fidelity;
    long long seed = -1;
    int jobs = 0;
    bool check_expect = false, quiet = false;
    auto* run = app.add_subcommand("run", "run a scenario and write its reports");
    run->add_option("scenario", path, "scenario JSON file")->required();
    run->add_option("--out", out, "output directory (default out/<scenario name>)");
    run->add_option("--seed", seed, "override the scenario seed")->check(CLI::Range(0LL, 9007199254740991LL));
    run->add_option("--jobs", jobs, "parallel processes (default: all cores)")->check(CLI::Range(1, 256));
    run->add_option("--trace", trace, "record RTL waveforms (FST) for outputs.waveform_window_s")->check(CLI::IsMember({"fst"}));
    run->add_option("--fidelity", fidelity, "override device.fidelity")->check(CLI::IsMember({"bit", "sample"}));
    run->add_flag("--check-expect", check_expect, "exit 0 only when the scenario's expect is met");
    run->add_flag("--quiet", quiet, "no progress on stderr");

    std::vector<std::string> files;
    auto* validate = app.add_subcommand("validate", "check scenario files");
    validate->add_option("files", files, "scenario JSON files")->required();

    std::string type;
    bool as_json = false, as_markdown = false;
    auto* describe = app.add_subcommand("describe", "print a device type's parameter table");
    describe->add_option("type", type, "device type, e.g. meter.single_phase (or its family, e.g. meter)")->required();
    describe->add_flag("--json", as_json, "machine-readable output");
    describe->add_flag("--markdown", as_markdown, "the parameter table as Markdown");

    auto* list = app.add_subcommand("list", "list device types and standards");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    log::level lvl;
    log::parse_level(log_level, &lvl);
    log::set_level(lvl);
    try {
        if (*run) return cmd_run(path, out, seed, jobs, trace, fidelity, check_expect, quiet);
        if (*validate) return cmd_validate(files);
        if (*describe) return cmd_describe(type, as_json, as_markdown);
        if (*list) return cmd_list();
    } catch (const input_error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "hilbench: internal error: %s\n", e.what());
        return 3;
    }
    return 3;
}
