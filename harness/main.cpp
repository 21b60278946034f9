// The `hilbench` command line: run | report | validate | describe | list | schema | campaign | merge.
// Exit codes: 0 pass, 1 verdict fail, 2 bad input, 3 internal error.
#include <CLI/CLI.hpp>
#include <systemc>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <thread>
#include <algorithm>

#include "harness/bench/output_folder.h"
#include "harness/bench/plan.h"
#include "harness/bench/run.h"
#include "harness/campaign/campaign.h"
#include "harness/campaign/runner.h"
#include "harness/detect/charts.h"
#include "harness/detect/detect_command.h"
#include "harness/detect/evade.h"
#include "harness/families/family.h"
#include "harness/scenario/scenario.h"
#include "harness/scenario/schema.h"
#include "models/core/errors.h"
#include "models/core/logger.h"
#include "reports/pdf.h"
#include "reports/report_writer.h"


namespace {

using namespace hilbench;

const families::family_list& fams() { return families::builtin(); }
const scenario::catalogue& cat() { return families::builtin_catalogue(); }

int cmd_run(const std::string& path, const std::string& out_arg, long long seed, int jobs, const std::string& trace,
            const std::string& fidelity, bool check_expect, bool quiet, double max_wall_s, bool pdf) {
    scenario::scenario sc = scenario::load(path, cat());
    if (seed >= 0) sc.seed = static_cast<uint64_t>(seed);
    if (!fidelity.empty()) {
        const auto& allowed = cat().find_device(sc.device.type)->fidelities;
        if (std::find(allowed.begin(), allowed.end(), fidelity) == allowed.end()) {
            std::string want;
            for (const auto& f : allowed) want += (want.empty() ? "" : ", ") + f;
            throw scenario_error("--fidelity", "", "expected one of " + want + " (the fidelities of " + sc.device.type +
                                                       "), got '" + fidelity + "'");
        }
        sc.device.fidelity = fidelity;
    }
    if (!trace.empty()) sc.outputs.waveforms = trace;
    if (sc.outputs.waveforms != "none" && sc.device.fidelity == "twin")
        throw scenario_error(trace.empty() ? path : "--trace", trace.empty() ? "/outputs/waveforms" : "",
                             "twin fidelity runs the C++ twin, not the RTL: there are no waveforms to record (use "
                             "sample or bit fidelity for them)");
    const bench::test_plan plan = bench::make_plan(sc, fams());
    // the output folder is checked before any simulation; the run writes beside it
    const bench::output_folder folder(out_arg.empty() ? (std::filesystem::path("out") / sc.name).string() : out_arg);
    bench::run_options opt;
    opt.jobs = jobs > 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
    opt.out_dir = folder.partial_dir();
    opt.record_dir = folder.record_dir();
    opt.trace = sc.outputs.waveforms != "none";
    opt.quiet = quiet;
    opt.max_wall_s = max_wall_s;
    if (!quiet)
        std::fprintf(stderr, "hilbench: %s: %s, %s fidelity, %d jobs\n", sc.name.c_str(), sc.device.type.c_str(),
                     sc.device.fidelity.c_str(), opt.jobs);
    bench::run_result res = bench::run_scenario(sc, plan, fams(), opt);
    // with --check-expect the JUnit judges what the exit code judges: the expectation
    res.record.judged_by_expect = check_expect && res.record.has_expect;
    const auto& r = res.record;
    try {
        reports::write_all(r, folder.partial_dir(), families::report_sections(fams(), sc));
        if (pdf && res.stop.signal == 0) {
            // a PDF that cannot be printed costs the run nothing: the HTML report is there
            const auto dir = std::filesystem::path(folder.partial_dir());
            const reports::pdf_result printed = reports::print_pdf((dir / "report.html").string(), (dir / "report.pdf").string());
            if (!printed.ok) std::fprintf(stderr, "hilbench: warning: report.pdf not written: %s\n", printed.why.c_str());
        }
        if (res.stop.signal == 0) folder.commit();
    } catch (const reports::write_error& e) {
        folder.mark_stopped(std::string("its reports could not be written (") + e.what() + ")", false);
        std::fprintf(stderr, "hilbench: %s; the finished points' records are in %s\n", e.what(), folder.record_dir().c_str());
        return 2;
    }
    if (res.stop.signal != 0) {
        folder.mark_stopped(res.stop.reason(), true);
        std::fprintf(stderr, "hilbench: %s: %s; the points that finished are in %s (%s keeps the previous run)\n",
                     r.scenario_name.c_str(), res.stop.reason().c_str(), folder.partial_dir().c_str(),
                     folder.final_dir().c_str());
        return 128 + res.stop.signal;
    }
    int pass = 0;
    std::string failed, errors;
    for (const auto& p : r.points) {
        pass += p.verdict == "pass";
        if (p.verdict == "fail") failed += (failed.empty() ? "" : ", ") + p.id;
        if (p.verdict == "error") errors += (errors.empty() ? "" : ", ") + p.id;
    }
    std::printf("%s %s: %d/%zu points pass%s%s; report: %s\n",
                r.verdict == "pass" ? "PASS" : r.verdict == "fail" ? "FAIL" : "ERROR", r.scenario_name.c_str(), pass,
                r.points.size(), failed.empty() ? "" : ("; failed: " + failed).c_str(),
                errors.empty() ? "" : ("; errors: " + errors).c_str(),
                (std::filesystem::path(folder.final_dir()) / "report.html").string().c_str());
    if (res.stop.wall_limit) std::printf("the run stopped at its wall-clock limit of %g s\n", max_wall_s);
    if (r.has_expect) {
        std::printf("expect %s", r.expect_met ? "met" : "NOT met");
        for (const auto& m : r.expect_mismatches) std::printf("; %s", m.c_str());
        std::printf("\n");
    }
    // bad input (2) and points that did not complete (3) stay what they are; otherwise the
    // expectation decides, or without one the verdict
    if (r.judged_by_expect && res.exit_code <= 1) return r.expect_met ? 0 : 1;
    return res.exit_code;
}

// Prints a run's report.html to report.pdf (or the path given).
int cmd_report(const std::string& run_dir, const std::string& pdf_out) {
    const std::filesystem::path html = std::filesystem::path(run_dir) / "report.html";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(html, ec)) {
        std::fprintf(stderr, "%s: expected a run's output folder with report.html, got %s\n", run_dir.c_str(),
                     std::filesystem::exists(run_dir, ec) ? "a folder without report.html" : "no such folder");
        return 2;
    }
    const std::string pdf = pdf_out.empty() ? (std::filesystem::path(run_dir) / "report.pdf").string() : pdf_out;
    const reports::pdf_result printed = reports::print_pdf(html.string(), pdf);
    if (!printed.ok) {
        std::fprintf(stderr, "hilbench: report.pdf not written: %s\n", printed.why.c_str());
        return 2;
    }
    std::printf("%s\n", pdf.c_str());
    return 0;
}

int cmd_validate(const std::vector<std::string>& files) {
    int rc = 0;
    for (const auto& f : files) {
        try {
            const auto sc = scenario::load(f, cat());
            const auto plan = bench::make_plan(sc, fams());
            std::printf("ok %s (%s, %s, %zu test points)\n", f.c_str(), sc.device.type.c_str(),
                        sc.stimulus ? "stimulus" : sc.procedures.front().standard.c_str(), plan.points.size());
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

std::string default_text(const param_info& p) {
    if (p.def) return value_text(*p.def);
    return p.required ? "(required)" : "";
}

// The admissible values of a parameter: "lo to hi" / "a, b" (Markdown) or "[lo, hi]" / "a|b".
std::string range_text(const param_info& p, bool markdown) {
    using k = param_info::kind;
    std::string range;
    char b[96];
    switch (p.k) {
    case k::choice:
        for (const auto& c : p.choices) range += (range.empty() ? "" : (markdown ? ", " : "|")) + c;
        break;
    case k::boolean: range = markdown ? "true, false" : "true|false"; break;
    case k::number:
    case k::integer:
        if (!p.values.empty()) {
            for (double v : p.values) {
                std::snprintf(b, sizeof b, "%g", v);
                range += (range.empty() ? "" : (markdown ? ", " : "|")) + std::string(b);
            }
            break;
        }
        std::snprintf(b, sizeof b, markdown ? "%g to %g" : "[%g, %g]", p.min, p.max);
        range = b;
        break;
    case k::series:
        std::snprintf(b, sizeof b, markdown ? "[[t_s, %g to %g], ...]" : "[[t_s, [%g, %g]], ...]", p.min, p.max);
        range = b;
        break;
    case k::text: range = "text"; break;
    case k::value: range = markdown ? "any JSON value" : "json"; break;
    case k::path: range = "file"; break;
    case k::strings: range = "[text, ...]"; break;
    case k::table: range = "object"; break;
    case k::table_list: range = "[object, ...]"; break;
    }
    return range;
}

const char* kind_name(param_info::kind k) {
    switch (k) {
    case param_info::kind::number: return "number";
    case param_info::kind::integer: return "integer";
    case param_info::kind::choice: return "choice";
    case param_info::kind::boolean: return "boolean";
    case param_info::kind::text: return "text";
    case param_info::kind::path: return "path";
    case param_info::kind::strings: return "strings";
    case param_info::kind::series: return "series";
    case param_info::kind::table: return "table";
    case param_info::kind::table_list: return "table_list";
    case param_info::kind::value: return "value";
    }
    return "";
}

nlohmann::json table_json(const param_table& t) {
    nlohmann::json ps = nlohmann::json::array();
    for (const auto& p : t.entries()) {
        nlohmann::json e = {{"name", p.name}, {"unit", p.unit}, {"doc", p.doc}, {"kind", kind_name(p.k)}};
        if (p.def) std::visit([&](const auto& x) { e["default"] = x; }, *p.def);
        if (p.required) e["required"] = true;
        if (p.k == param_info::kind::choice) e["choices"] = p.choices;
        if (!p.values.empty()) e["values"] = p.values;
        if (p.k == param_info::kind::number || p.k == param_info::kind::integer || p.k == param_info::kind::series) {
            e["min"] = p.min;
            e["max"] = p.max;
        }
        if (p.nested) e["entries"] = table_json(*p.nested);
        ps.push_back(e);
    }
    return ps;
}

void print_table(const param_table& t, const std::string& indent) {
    for (const auto& p : t.entries()) {
        std::printf("%s%-34s %-8s %-12s %-22s %s\n", indent.c_str(), p.name.c_str(), p.unit.c_str(), default_text(p).c_str(),
                    range_text(p, false).c_str(), p.doc.c_str());
        if (p.nested) print_table(*p.nested, indent + "  ");
    }
    for (const auto& r : t.rules()) std::printf("%s(rule) %s\n", indent.c_str(), r.sentence.c_str());
}

// Rows of a Markdown table; nested entries as `profile.csv`, `actions[].keys`.
void markdown_rows(const param_table& t, const std::string& prefix) {
    for (const auto& p : t.entries()) {
        std::printf("| `%s%s` | %s | %s | %s | %s |\n", prefix.c_str(), p.name.c_str(), p.unit.c_str(),
                    default_text(p).c_str(), range_text(p, true).c_str(), p.doc.c_str());
        if (p.nested)
            markdown_rows(*p.nested, prefix + p.name + (p.k == param_info::kind::table_list ? "[]." : "."));
    }
}

// The rules of a table and of the tables nested in it (`actions[]: ...`).
void markdown_rules(const param_table& t, const std::string& where) {
    for (const auto& r : t.rules()) std::printf("\nRule%s: %s.\n", where.c_str(), r.sentence.c_str());
    for (const auto& p : t.entries())
        if (p.nested)
            markdown_rules(*p.nested, " (`" + p.name + (p.k == param_info::kind::table_list ? "[]" : "") + "`)");
}

void print_markdown(const std::vector<const param_table*>& tables) {
    std::printf("| name | unit | default | range | description |\n|---|---|---|---|---|\n");
    for (const param_table* t : tables)
        if (t) markdown_rows(*t, "");
    for (const param_table* t : tables)
        if (t) markdown_rules(*t, "");
}

int describe_standard(const scenario::standard_decl& s, bool as_json, bool as_markdown) {
    const scenario::family_decl& fam = cat().family(s.family);
    if (as_json) {
        nlohmann::json j = {{"standard", s.id}, {"title", s.title}, {"family", s.family}, {"classes", s.classes},
                            {"tests", s.tests}, {"stimulus", s.stimulus}};
        j["options"] = nlohmann::json::array();
        for (const param_table* t : {fam.lab_options, s.options})
            if (t && !s.stimulus)
                for (auto& e : table_json(*t)) j["options"].push_back(e);
        if (s.inputs) j["inputs"] = table_json(*s.inputs);
        std::printf("%s\n", j.dump(2).c_str());
        return 0;
    }
    if (as_markdown) {
        // a stimulus takes no options: the lab's equipment keeps its defaults
        const bool options = !s.stimulus && (fam.lab_options || s.options);
        if (options) {
            std::printf("`%s` options (`procedure.options`):\n\n", s.id.c_str());
            print_markdown({fam.lab_options, s.options});
        }
        if (s.inputs) {
            std::printf("%s`%s`, %s:\n\n", options ? "\n" : "", s.id.c_str(),
                        s.stimulus ? "the scenario's `stimulus`" : "other keys of the procedure");
            print_markdown({s.inputs});
        }
        return 0;
    }
    std::string cls, tests;
    for (const auto& c : s.classes) cls += (cls.empty() ? "" : ", ") + c;
    for (const auto& t : s.tests) tests += (tests.empty() ? "" : ", ") + t;
    std::printf("%s\n  %s\n  family: %s; classes: %s\n  tests: %s\n", s.id.c_str(), s.title.c_str(), s.family.c_str(),
                cls.empty() ? "any" : cls.c_str(), tests.c_str());
    if (!s.stimulus) {
        std::printf("\noptions (procedure.options):\n");
        std::printf("  %-34s %-8s %-12s %-22s %s\n", "name", "unit", "default", "range", "description");
        if (fam.lab_options) print_table(*fam.lab_options, "  ");
        if (s.options) print_table(*s.options, "  ");
    }
    if (s.inputs) {
        std::printf("\n%s:\n", s.stimulus ? "stimulus" : "other keys of the procedure");
        print_table(*s.inputs, "  ");
    }
    return 0;
}

int cmd_describe(const std::string& name, bool as_json, bool as_markdown) {
    if (name == "campaign" || name == "detectors") {  // the campaign file's or the detector file's fields
        const param_table& t = name == "campaign" ? static_cast<const param_table&>(campaign::campaign_table())
                                                  : static_cast<const param_table&>(detect::detector_config_table());
        if (as_json) std::printf("%s\n", table_json(t).dump(2).c_str());
        else if (as_markdown) print_markdown({&t});
        else {
            std::printf(name == "campaign" ? "campaign file (hilbench campaign <file>; harness/campaign/README.md)\n\n"
                                           : "detector file (hilbench detect <folder> --detectors <file>; harness/detect/README.md)\n\n");
            std::printf("  %-34s %-8s %-12s %-22s %s\n", "name", "unit", "default", "range", "description");
            print_table(t, "  ");
        }
        return 0;
    }
    const scenario::device_decl* t = cat().find_device(name);
    if (!t) {  // a family with a single type stands for it: `describe meter`
        const scenario::family_decl* f = cat().find_family(name);
        if (f && f->devices.size() == 1) t = &f->devices.front();
    }
    if (!t) {
        if (const scenario::standard_decl* s = cat().find_standard(name)) return describe_standard(*s, as_json, as_markdown);
        std::string names;
        for (const auto* d : cat().devices()) names += (names.empty() ? "" : ", ") + d->name;
        for (const auto* s : cat().standards()) names += ", " + s->id;
        throw scenario_error("", "", "expected a device type, a standard or 'campaign' (" + names + "), got '" + name + "'");
    }
    if (as_json) {
        nlohmann::json j = {{"type", t->name}, {"description", t->description}, {"fidelities", t->fidelities}};
        j["params"] = table_json(*t->params);
        j["rules"] = nlohmann::json::array();
        for (const auto& r : t->params->rules()) j["rules"].push_back(r.sentence);
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
        print_markdown({t->params});
        return 0;
    }
    std::printf("%s\n  %s\n  fidelity: ", t->name.c_str(), t->description.c_str());
    for (std::size_t k = 0; k < t->fidelities.size(); ++k) std::printf("%s%s", k ? ", " : "", t->fidelities[k].c_str());
    std::printf("\n\nparameters (device.params):\n");
    std::printf("  %-34s %-8s %-12s %-22s %s\n", "name", "unit", "default", "range", "description");
    print_table(*t->params, "  ");
    std::printf("\ntaps (cheats[].tap):\n");
    for (const auto& tp : *t->taps)
        std::printf("  %-38s %-16s %-5s %s\n", tp.name.c_str(), engine::to_string(tp.kind), tp.unit.c_str(), tp.doc.c_str());
    std::printf("\ndriftable parameters (drift[].param):\n");
    for (const auto& d : *t->driftables)
        std::printf("  %-38s %-9s %s\n", d.name.c_str(), d.unit.c_str(), d.doc.c_str());
    std::printf("\nobservables (triggers: condition, inspection_aware):\n");
    for (const auto& o : *t->observables)
        std::printf("  %-38s %-9s %s\n", o.name.c_str(), o.unit.c_str(), o.doc.c_str());
    const scenario::family_decl& fam = cat().family(t->family);
    if (fam.environment) {
        std::printf("\nenvironment (beside temperature_c, time_compression, device_age_years, start_time_of_day_h):\n");
        print_table(*fam.environment, "  ");
    }
    std::printf("\nstandards (procedure.standard; `hilbench describe <standard>` lists their options):\n");
    for (const auto& s : fam.standards)
        std::printf("  %s%s\n", s.id.c_str(), s.stimulus ? " (the `stimulus` of a scenario)" : "");
    return 0;
}

int cmd_list(bool as_json) {
    if (as_json) {
        nlohmann::json j = {{"families", nlohmann::json::array()}};
        for (const auto& f : cat().families) {
            nlohmann::json fj = {{"name", f.name}, {"device_types", nlohmann::json::array()}, {"standards", nlohmann::json::array()}};
            for (const auto& d : f.devices) fj["device_types"].push_back(d.name);
            for (const auto& s : f.standards)
                fj["standards"].push_back({{"id", s.id}, {"title", s.title}, {"classes", s.classes}, {"stimulus", s.stimulus}});
            j["families"].push_back(fj);
        }
        std::printf("%s\n", j.dump(2).c_str());
        return 0;
    }
    std::printf("device types:\n");
    for (const auto* d : cat().devices()) std::printf("  %-22s %s\n", d->name.c_str(), d->description.c_str());
    std::printf("standards (procedure.standard):\n");
    for (const auto* s : cat().standards()) {
        if (s->stimulus) continue;
        std::string cls;
        for (const auto& c : s->classes) cls += (cls.empty() ? "" : ", ") + c;
        std::printf("  %-22s classes %s\n      %s\n", s->id.c_str(), cls.c_str(), s->title.c_str());
    }
    return 0;
}

// The edit distance of two words (insertions, deletions, substitutions, transpositions).
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

// The command nearest to a mistyped one ("": none is near: more than a third of it differs).
std::string nearest(const std::string& word, const std::vector<std::string>& names) {
    std::string best;
    std::size_t best_d = std::max<std::size_t>(1, (word.size() + 2) / 3) + 1;
    for (const auto& n : names) {
        const std::size_t d = n.rfind(word, 0) == 0 && word.size() >= 2 ? 0 : edit_distance(word, n);
        if (d < best_d) {
            best_d = d;
            best = n;
        }
    }
    return best;
}

// The first word on the command line that should have been a command and is none ("": the
// command is known, or there is none).
std::string unknown_command(const CLI::App& app, int argc, char** argv) {
    for (int k = 1; k < argc; ++k) {
        const std::string a = argv[k];
        if (a == "--log-level") {
            ++k;
            continue;
        }
        if (a.empty() || a[0] == '-') continue;
        for (const auto* sub : app.get_subcommands({}))
            if (sub->check_name(a)) return "";
        return a;
    }
    return "";
}

}  // namespace

// Average run lengths of a chart design at a list of shifts (in sigma); with --arl0, the limit
// (h or L) that gives that in-control ARL first.
int cmd_arl(const std::string& chart, double k, double h, double lambda, double L, double arl0,
            const std::vector<double>& shifts, bool as_json) {
    nlohmann::json out;
    out["chart"] = chart;
    std::function<double(double)> arl;
    if (chart == "cusum") {
        if (arl0 > 0) h = detect::cusum_h_for_arl0(k, arl0);
        out["k"] = k;
        out["h"] = h;
        arl = [=](double mu) { return detect::cusum_arl_two_sided({k, h}, mu); };
    } else {
        if (arl0 > 0) L = detect::ewma_L_for_arl0(lambda, arl0);
        out["lambda"] = lambda;
        out["L"] = L;
        arl = [=](double mu) { return detect::ewma_arl_two_sided({lambda, L}, mu); };
    }
    out["arl"] = nlohmann::json::array();
    for (double mu : shifts) out["arl"].push_back({{"shift_sigma", mu}, {"arl", arl(mu)}});
    if (as_json) {
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    if (chart == "cusum") std::printf("two-sided CUSUM, k = %g sigma, h = %.6g sigma\n", k, h);
    else std::printf("two-sided EWMA, lambda = %g, L = %.6g (limits +/- %.6g sigma)\n", lambda, L, L * std::sqrt(lambda / (2 - lambda)));
    std::printf("%12s %14s\n", "shift_sigma", "ARL");
    for (const auto& row : out["arl"]) std::printf("%12g %14.4f\n", row["shift_sigma"].get<double>(), row["arl"].get<double>());
    return 0;
}

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);  // a dying gnuplot must not take the run's results with it
    std::signal(SIGXFSZ, SIG_IGN);  // a file-size limit is a failed write (reported), not a dead process
    CLI::App app{"hilbench: hardware-in-the-loop type-approval simulation for legal-metrology devices"};
    app.set_version_flag("--version", std::string(bench::version()) + " (" + bench::git_commit() + ")");
    app.require_subcommand(1);
    // options of the whole program (--log-level) may also follow the subcommand
    app.fallthrough();
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
    run->add_option("-j,--jobs", jobs, "parallel processes (default: all cores)")->check(CLI::Range(1, 256));
    run->add_option("--trace", trace, "record RTL waveforms (FST) for outputs.waveform_window_s")->check(CLI::IsMember({"fst"}));
    run->add_option("--fidelity", fidelity, "override device.fidelity (one of the device type's fidelities)");
    run->add_flag("--check-expect", check_expect,
                  "judge the scenario's expect instead of the verdicts: exit 0 (and a green junit.xml) exactly when it is "
                  "met");
    run->add_flag("-q,--quiet", quiet, "no progress on stderr");
    bool pdf = false;
    run->add_flag("--pdf", pdf, "also print report.html to report.pdf with headless Chromium (when installed)");
    double max_wall_s = 0;
    run->add_option("--max-wall-s", max_wall_s,
                    "stop the run cleanly after this many wall-clock seconds (unfinished points become errors)")
        ->check(CLI::Range(0.001, 1e9));

    std::string run_dir, pdf_out;
    auto* report = app.add_subcommand("report", "print a run's report.html to report.pdf with headless Chromium");
    report->add_option("run_dir", run_dir, "a run's output folder (the one with report.html)")->required();
    report->add_option("-o,--out", pdf_out, "the PDF to write (default <run_dir>/report.pdf)");

    std::vector<std::string> files;
    auto* validate = app.add_subcommand("validate", "check scenario files");
    validate->add_option("files", files, "scenario JSON files")->required();

    std::string type;
    bool as_json = false, as_markdown = false;
    auto* describe = app.add_subcommand("describe", "print a device type's or a standard's parameter tables");
    describe->add_option("type", type,
                         "device type, e.g. meter.single_phase (or its family, e.g. meter), or a standard, e.g. "
                         "iec62053-21:2003")
        ->required();
    describe->add_flag("--json", as_json, "machine-readable output");
    describe->add_flag("--markdown", as_markdown, "the parameter table as Markdown");

    bool list_json = false;
    auto* list = app.add_subcommand("list", "list device types and standards");
    list->add_flag("--json", list_json, "machine-readable output (families, their device types and standards)");
    bool campaign_schema = false, detectors_schema = false;
    auto* schema = app.add_subcommand("schema", "print the scenario JSON Schema (scenarios/schema/scenario.schema.json)");
    schema->add_flag("--campaign", campaign_schema, "the campaign file's schema instead (scenarios/schema/campaign.schema.json)");
    schema->add_flag("--detectors", detectors_schema, "the detector file's schema instead (scenarios/schema/detectors.schema.json)");

    std::string campaign_file, campaign_out, shard_arg;
    int campaign_jobs = 0, shards = 0;
    bool resume = false, dry_run = false, campaign_quiet = false;
    auto* camp = app.add_subcommand("campaign", "run many scenarios from one campaign file (grid, Monte-Carlo draws, repeats)");
    camp->add_option("campaign", campaign_file, "campaign JSON file")->required();
    long long campaign_seed = -1;
    camp->add_option("--seed", campaign_seed, "replace the file's seed: the same campaign with other draws (a fresh corpus)")
        ->check(CLI::Range(0LL, 2147483647LL));
    camp->add_option("--out", campaign_out, "the campaign's folder (default out/<campaign name>)");
    camp->add_option("-j,--jobs", campaign_jobs, "runs in parallel, each in its own process (default: all cores)")
        ->check(CLI::Range(1, 256));
    camp->add_option("--shard", shard_arg,
                     "run shard i of N (i/N); without it, SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX with --shards");
    camp->add_option("--shards", shards, "the number of shards, with JOB_COMPLETION_INDEX (a Kubernetes Indexed Job)")
        ->check(CLI::Range(1, 100000));
    camp->add_flag("--resume", resume, "skip the runs already complete in --out (by id)");
    camp->add_flag("--dry-run", dry_run, "list the runs (this shard's) and run nothing");
    camp->add_flag("-q,--quiet", campaign_quiet, "no progress on stderr");

    std::vector<std::string> merge_dirs;
    std::string merge_out;
    bool merge_quiet = false;
    auto* merge = app.add_subcommand("merge", "combine the folders of a campaign's shards into one campaign result");
    merge->add_option("folders", merge_dirs, "the shards' campaign folders")->required();
    merge->add_option("--out", merge_out, "the merged campaign's folder")->required();
    merge->add_flag("-q,--quiet", merge_quiet, "print only when runs are missing");

    std::string arl_chart;
    double arl_k = 0.5, arl_h = 4.0, arl_lambda = 0.1, arl_L = 2.7, arl_arl0 = 0;
    std::vector<double> arl_shifts = {0, 0.5, 1, 2};
    bool arl_json = false;
    detect::detect_options det;
    auto* detc = app.add_subcommand("detect", "run detectors on a run's or a campaign's records; --score: score them against the labels");
    detc->add_option("folder", det.folder, "a run folder (result.json) or a campaign folder (campaign.json, runs/)")->required();
    detc->add_option("--detectors", det.detectors, "the detector file (scenarios/detectors/*.json)")->required();
    detc->add_option("--out", det.out, "output folder (default <folder>/detect)");
    detc->add_flag("--score", det.score, "score the findings against the runs' labels: score.json, leaderboard.csv, report.html");
    detc->add_option("--base-rate", det.scoring.base_rate, "share of malicious devices in the fleet (default 0.085, SGCC)")
        ->check(CLI::Range(1e-6, 0.999999));
    detc->add_option("--budget-pct", det.scoring.budget_pct, "inspections as % of the fleet, for precision (default 5)")
        ->check(CLI::Range(0.001, 100.0));
    detc->add_option("--max-far", det.scoring.max_far, "false-alarm rate of the operating point (default 0.05, EPA)")
        ->check(CLI::Range(0.0, 1.0));
    detc->add_option("--arl0", det.scoring.arl0, "in-control ARL of the fleet CUSUM that checks bias detectors (default 20)")
        ->check(CLI::Range(2.0, 1e6));
    detc->add_option("--thresholds-from", det.thresholds_from,
                     "score.json of a training corpus: evaluate its operating thresholds here (a train/test split)");
    detc->add_flag("--quiet", det.quiet, "no summary");
    detect::export_options exo;
    auto* expc = app.add_subcommand("export", "the labelled corpus as CSV: inputs/, truth/, labels/ and a train/test split");
    expc->add_option("folder", exo.folder, "a campaign folder (campaign.json, runs/) or a run folder")->required();
    expc->add_option("--out", exo.out, "output folder")->required();
    expc->add_option("--test-pct", exo.test_pct, "share of runs in the test split, by a hash of their seed (default 30)")
        ->check(CLI::Range(0.0, 100.0));
    expc->add_option("--start-date", exo.start_date,
                     "the first day's date in sgcc/sgcc.csv, YYYY-MM-DD (default 2014-01-01, the SGCC set's first day)");
    expc->add_flag("--quiet", exo.quiet, "no summary");
    detect::evade_options ev;
    auto* evc = app.add_subcommand("evade", "the largest setting of a cheat that still passes a procedure or evades a detector");
    evc->add_option("scenario", ev.scenario, "the cheat's scenario")->required();
    evc->add_option("--pointer", ev.pointer, "JSON pointer to the cheat's setting, e.g. /cheats/0/effect/scale")->required();
    evc->add_option("--from", ev.from, "its harmless value (e.g. 1 for a scale)")->required();
    evc->add_option("--to", ev.to, "its strong value")->required();
    evc->add_option("--out", ev.out, "output folder")->required();
    evc->add_option("--seeds", ev.seeds, "runs per setting (default 3)")->check(CLI::Range(1, 10000));
    evc->add_option("--share", ev.share, "share of the runs that must get through (default 1)")->check(CLI::Range(0.0, 1.0));
    evc->add_option("--grid", ev.grid, "settings on the frontier grid (default 5)")->check(CLI::Range(2, 1000));
    evc->add_option("--bisections", ev.bisections, "bisection steps after the grid (default 6)")->check(CLI::Range(0, 60));
    evc->add_option("--fidelity", ev.fidelity, "run in this fidelity instead of the scenario's")
        ->check(CLI::IsMember({"bit", "sample", "twin"}));
    evc->add_option("--detectors", ev.detectors, "a detector file: judge by a detector instead of the procedure");
    evc->add_option("--detector", ev.detector, "the detector's id");
    evc->add_option("--honest", ev.honest, "a campaign folder of benign runs that sets the detector's threshold");
    evc->add_option("--far", ev.far, "false-alarm rate on the honest runs (default 0.01)")->check(CLI::Range(0.0, 1.0));
    evc->add_option("--threshold", ev.threshold, "or this threshold: an alarm at score > threshold")->check(CLI::Range(0.0, 1e12));
    evc->add_option("-j,--jobs", ev.jobs, "parallel runs (default 1)")->check(CLI::Range(1, 1024));
    evc->add_flag("-q,--quiet", ev.quiet, "no progress");
    auto* arlc = app.add_subcommand("arl", "average run lengths of a two-sided CUSUM or EWMA chart design");
    arlc->add_option("chart", arl_chart, "cusum or ewma")->required()->check(CLI::IsMember({"cusum", "ewma"}));
    arlc->add_option("--k", arl_k, "CUSUM reference value, in sigma (default 0.5)")->check(CLI::Range(0.0, 5.0));
    arlc->add_option("--h", arl_h, "CUSUM decision interval, in sigma (default 4)")->check(CLI::Range(0.01, 40.0));
    arlc->add_option("--lambda", arl_lambda, "EWMA smoothing constant (default 0.1)")->check(CLI::Range(0.02, 1.0));
    arlc->add_option("--L", arl_L, "EWMA limit factor (default 2.7)")->check(CLI::Range(0.1, 8.0));
    arlc->add_option("--arl0", arl_arl0, "design: choose h (or L) for this in-control ARL")->check(CLI::Range(2.0, 1e7));
    arlc->add_option("--shift", arl_shifts, "mean shifts, in sigma (default 0 0.5 1 2)")->check(CLI::Range(-10.0, 10.0));
    arlc->add_flag("--json", arl_json, "print JSON");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (const std::string word = unknown_command(app, argc, argv); !word.empty()) {
            std::vector<std::string> names;
            for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
            const std::string near = nearest(word, names);
            std::string all;
            for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
            std::fprintf(stderr, "hilbench: '%s' is not a command%s (commands: %s; see hilbench --help)\n", word.c_str(),
                         near.empty() ? "" : ("; did you mean '" + near + "'?").c_str(), all.c_str());
            return 2;
        }
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    log::level lvl;
    log::parse_level(log_level, &lvl);
    log::set_level(lvl);
    try {
        if (*run) return cmd_run(path, out, seed, jobs, trace, fidelity, check_expect, quiet, max_wall_s, pdf);
        if (*report) return cmd_report(run_dir, pdf_out);
        if (*validate) return cmd_validate(files);
        if (*describe) return cmd_describe(type, as_json, as_markdown);
        if (*list) return cmd_list(list_json);
        if (*schema) {
            std::printf("%s\n", (detectors_schema  ? detect::detector_config_schema()
                                  : campaign_schema ? campaign::campaign_schema()
                                                    : scenario::scenario_schema(cat()))
                                     .dump(2)
                                     .c_str());
            return 0;
        }
        if (*camp) {
            const campaign::campaign c = campaign::load(campaign_file, cat(), campaign_seed);
            campaign::campaign_options o;
            o.part = campaign::shard_of(shard_arg, shards);
            if (dry_run) {
                campaign::print_runs(c, o.part);
                return 0;
            }
            o.out = campaign_out.empty() ? (std::filesystem::path("out") / c.spec.name).string() : campaign_out;
            o.jobs = campaign_jobs > 0 ? campaign_jobs : int(std::max(1u, std::thread::hardware_concurrency()));
            o.resume = resume;
            o.quiet = campaign_quiet;
            return campaign::run(c, o, fams());
        }
        if (*merge) return campaign::merge(merge_dirs, merge_out, merge_quiet);
        if (*detc) return detect::detect_command(det);
        if (*expc) return detect::export_command(exo);
        if (*evc) return detect::evade_command(ev);
        if (*arlc) return cmd_arl(arl_chart, arl_k, arl_h, arl_lambda, arl_L, arl_arl0, arl_shifts, arl_json);
    } catch (const input_error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    } catch (const reports::write_error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "hilbench: internal error: %s\n", e.what());
        return 3;
    }
    return 3;
}
