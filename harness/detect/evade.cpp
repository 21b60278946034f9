#include "harness/detect/evade.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "harness/campaign/campaign.h"
#include "harness/campaign/runner.h"
#include "harness/detect/detectors.h"
#include "harness/detect/records.h"
#include "harness/detect/scoring.h"
#include "harness/families/family.h"
#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"
#include "models/core/errors.h"
#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/report_writer.h"

namespace hilbench::detect {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

struct evaluation {
    double value = 0;
    std::size_t runs = 0, through = 0, errors = 0;
    std::vector<double> scores;  // detector mode
    bool gets_through = false;
    std::string folder;
};

std::string fmt(double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.6g", v);
    return b;
}

// The threshold that gives at most `far` false alarms on the honest runs of a corpus: an alarm at
// score > t. The scores of the honest runs, sorted down; t is the one after the alarms allowed.
double threshold_for(const std::string& honest, const detector_config& cfg, const std::string& det, double far,
                     std::size_t* n_honest) {
    const scenario::catalogue& cat = families::builtin_catalogue();
    std::vector<double> s;
    for (const run_file& f : records_of(honest)) {
        const json r = read_record(f);
        if (!finished(r)) continue;
        // the honest corpus is a training set: its labels choose the honest runs (no cheat, drift or fault)
        if (ground_truth_of(r, f.path, f.key).cls != "NORMAL") continue;
        for (const finding& x : run_detectors(cfg, evidence_of(r, f.path, f.key, cat)))
            if (x.detector == det) s.push_back(std::isfinite(x.score) ? x.score : -std::numeric_limits<double>::infinity());
    }
    if (s.empty()) throw scenario_error(honest, "", "expected honest runs (no cheat, drift or fault active) to set the threshold, found none");
    std::sort(s.begin(), s.end(), std::greater<double>());
    const std::size_t allowed = std::size_t(std::floor(far * double(s.size()) + 1e-9));
    *n_honest = s.size();
    return allowed >= s.size() ? -std::numeric_limits<double>::infinity() : s[allowed];
}

}  // namespace

int evade_command(const evade_options& o) {
    const scenario::catalogue& cat = families::builtin_catalogue();
    // the scenario, and the value the pointer names in it
    const scenario::scenario sc = scenario::load(o.scenario, cat);  // bad input names itself
    const json doc = json::parse(scenario::read_file(o.scenario, "scenario"));
    json::json_pointer jp;
    try {
        jp = json::json_pointer(o.pointer);
    } catch (const json::exception&) {
        throw scenario_error(o.scenario, o.pointer, "expected a JSON pointer for --pointer (/cheats/0/effect/scale)");
    }
    if (!doc.contains(jp) || !doc[jp].is_number())
        throw scenario_error(o.scenario, o.pointer, "expected --pointer to name a number of the scenario, got " +
                                                        (doc.contains(jp) ? scenario::describe_json(doc[jp]) : std::string("nothing")));
    if (!(o.from != o.to) || !std::isfinite(o.from) || !std::isfinite(o.to))
        throw scenario_error("hilbench evade", "--from", "expected --from (harmless) and --to (strong) to differ");
    if (o.out.empty()) throw scenario_error("hilbench evade", "--out", "expected an output folder");

    std::string standard;
    for (const auto& p : sc.procedures) standard += (standard.empty() ? "" : " + ") + p.standard;
    const bool by_detector = !o.detectors.empty();
    detector_config cfg;
    double thr = o.threshold;
    std::size_t n_honest = 0;
    if (by_detector) {
        cfg = load_detectors(o.detectors);
        const auto it = std::find_if(cfg.detectors.begin(), cfg.detectors.end(), [&](const detector_spec& d) { return d.id == o.detector; });
        if (it == cfg.detectors.end())
            throw scenario_error(o.detectors, "/detectors", "expected a detector with id \"" + o.detector + "\" (--detector)");
        if (!o.honest.empty() == (o.threshold >= 0))
            throw scenario_error("hilbench evade", "--honest", "expected either --honest <campaign-dir> (with --far) or --threshold, not both");
        if (!o.honest.empty()) thr = threshold_for(o.honest, cfg, o.detector, o.far, &n_honest);
    } else if (!o.honest.empty() || o.threshold >= 0 || !o.detector.empty()) {
        throw scenario_error("hilbench evade", "--detectors", "expected --detectors with --detector, --honest or --threshold");
    }

    const fs::path out(o.out);
    std::map<double, evaluation> seen;
    std::size_t counter = 0;
    int interrupted = 0;
    auto evaluate = [&](double v) -> const evaluation& {
        if (auto it = seen.find(v); it != seen.end()) return it->second;
        evaluation e;
        e.value = v;
        const fs::path dir = out / "settings" / std::to_string(counter++);
        e.folder = dir.string();
        json c = {{"schema_version", 1},
                  {"name", "evade-" + std::to_string(counter)},
                  {"description", "hilbench evade: " + o.pointer + " = " + fmt(v)},
                  {"seed", 1},
                  {"scenarios", {fs::absolute(o.scenario).lexically_normal().string()}},
                  {"set", {{{"pointer", o.pointer}, {"value", v}}}},
                  {"repeats", o.seeds},
                  {"judge", "verdict"}};
        if (!o.fidelity.empty()) c["set"].push_back({{"pointer", "/device/fidelity"}, {"value", o.fidelity}});
        reports::write_file((dir / "evade_setting.json").string(), c.dump(2) + "\n");
        const campaign::campaign camp = campaign::load((dir / "evade_setting.json").string(), cat);
        campaign::campaign_options co;
        co.out = (dir / "campaign").string();
        co.jobs = std::max(1, o.jobs);
        co.quiet = true;
        co.silent = true;
        const int rc = campaign::run(camp, co, families::builtin());
        if (rc >= 128) interrupted = rc;
        for (const run_file& f : records_of(co.out)) {
            const json r = read_record(f);
            ++e.runs;
            if (!finished(r)) {
                ++e.errors;  // a run that ended in error gets nothing through
                continue;
            }
            if (by_detector) {
                double score = -std::numeric_limits<double>::infinity();
                for (const finding& x : run_detectors(cfg, evidence_of(r, f.path, f.key, cat)))
                    if (x.detector == o.detector && std::isfinite(x.score)) score = x.score;
                e.scores.push_back(score);
                e.through += score > thr ? 0 : 1;
            } else {
                e.through += r.value("verdict", "") == "pass" ? 1 : 0;
            }
        }
        e.gets_through = e.runs > 0 && double(e.through) >= o.share * double(e.runs) - 1e-9;
        if (!o.quiet)
            std::fprintf(stderr, "[evade] %s = %s: %zu of %zu runs get through%s\n", o.pointer.c_str(), fmt(v).c_str(), e.through, e.runs,
                         e.gets_through ? "" : " (caught)");
        return seen.emplace(v, e).first->second;
    };

    // the frontier on a grid, then bisection between the last setting that gets through and the
    // first that does not (from the harmless end)
    const int g = std::max(2, o.grid);
    std::vector<double> grid;
    for (int i = 0; i < g; ++i) grid.push_back(o.from + (o.to - o.from) * double(i) / double(g - 1));
    double lo = std::nan(""), hi = std::nan("");
    for (double v : grid) {
        const evaluation& e = evaluate(v);
        if (interrupted) return interrupted;
        if (e.gets_through && std::isnan(hi)) lo = v;
        if (!e.gets_through && std::isnan(hi)) hi = v;
    }
    std::string outcome;
    if (std::isnan(lo)) {
        outcome = "even the harmless setting is caught";
    } else if (std::isnan(hi)) {
        outcome = "the strongest setting gets through";
    } else {
        for (int i = 0; i < o.bisections; ++i) {
            const double mid = 0.5 * (lo + hi);
            const evaluation& e = evaluate(mid);
            if (interrupted) return interrupted;
            (e.gets_through ? lo : hi) = mid;
        }
        outcome = "bisected";
    }

    json res = {{"scenario", o.scenario},
                {"pointer", o.pointer},
                {"scenario_value", doc[jp]},
                {"from", o.from},
                {"to", o.to},
                {"seeds", o.seeds},
                {"share", o.share},
                {"criterion", by_detector ? "detector" : "procedure"},
                {"outcome", outcome},
                {"largest_through", std::isnan(lo) ? json(nullptr) : json(lo)},
                {"smallest_caught", std::isnan(hi) ? json(nullptr) : json(hi)},
                {"evaluations", json::array()}};
    if (by_detector) {
        res["detector"] = {{"file", o.detectors}, {"id", o.detector}, {"threshold", std::isfinite(thr) ? json(thr) : json(nullptr)}};
        if (!o.honest.empty()) res["detector"].update({{"honest", o.honest}, {"honest_runs", n_honest}, {"false_alarm_rate", o.far}});
    } else {
        res["procedure"] = standard;
    }
    std::string csv = "value,runs,through,errors,share_through,gets_through,folder\n";
    for (const auto& [v, e] : seen) {
        res["evaluations"].push_back({{"value", v},
                                      {"runs", e.runs},
                                      {"through", e.through},
                                      {"errors", e.errors},
                                      {"share_through", e.runs ? double(e.through) / double(e.runs) : 0.0},
                                      {"gets_through", e.gets_through},
                                      {"folder", fs::relative(e.folder, out).string()}});
        csv += fmt(v) + "," + std::to_string(e.runs) + "," + std::to_string(e.through) + "," + std::to_string(e.errors) + "," +
               fmt(e.runs ? double(e.through) / double(e.runs) : 0.0) + "," + (e.gets_through ? "true" : "false") + "," +
               fs::relative(e.folder, out).string() + "\n";
    }
    reports::write_file((out / "evade.json").string(), res.dump(2) + "\n");
    reports::write_file((out / "evade.csv").string(), csv);

    // the frontier plot
    reports::plot_spec p;
    p.title = "Evasion frontier";
    p.xlabel = o.pointer;
    p.ylabel = "Share of runs that get through";
    p.yrange = {-0.02, 1.05};
    reports::plot_series s;
    s.title = by_detector ? "no alarm of " + o.detector : "passes " + standard;
    s.style = "linespoints";
    for (const auto& [v, e] : seen) s.rows.push_back({v, e.runs ? double(e.through) / double(e.runs) : 0.0});
    p.series.push_back(s);
    reports::plot_series need;
    need.title = "required share";
    need.style = "lines";
    need.dashed = true;
    need.color = "#999999";
    need.rows = {{std::min(o.from, o.to), o.share}, {std::max(o.from, o.to), o.share}};
    p.series.push_back(need);
    if (!std::isnan(lo) && !std::isnan(hi)) p.shade.push_back({std::min(lo, hi), std::max(lo, hi)});
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>hilbench evade</title>"
         "<style>body{font:14px/1.4 sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse}td,th{border:1px solid "
         "#bbb;padding:3px 8px;text-align:right}</style></head><body>\n<h1>Evasion frontier</h1>\n<p>Scenario <code>"
      << reports::html_escape(o.scenario) << "</code>, setting <code>" << reports::html_escape(o.pointer) << "</code> from "
      << fmt(o.from) << " (harmless) to " << fmt(o.to) << " (strong); " << o.seeds << " seeds per setting; a setting gets through when "
      << fmt(100 * o.share) << " % of its runs "
      << (by_detector ? "raise no alarm of <code>" + reports::html_escape(o.detector) + "</code> (score &le; " + fmt(thr) + ")"
                      : std::string("pass ") + reports::html_escape(standard))
      << ".</p>\n<p><b>"
      << (outcome == "bisected" ? "The largest setting that gets through: " + fmt(lo) + "; the smallest caught: " + fmt(hi) + "."
                                : "Result: " + outcome + ".")
      << "</b></p>\n";
    try {
        h << reports::render_svg(p, out.string()) << "\n";
    } catch (const std::exception& e) {
        h << "<p>(plot not drawn: " << reports::html_escape(e.what()) << ")</p>\n";
    }
    h << "<table><tr><th>setting</th><th>runs</th><th>through</th><th>errors</th></tr>\n";
    for (const auto& [v, e] : seen)
        h << "<tr><td>" << fmt(v) << "</td><td>" << e.runs << "</td><td>" << e.through << "</td><td>" << e.errors << "</td></tr>\n";
    h << "</table></body></html>\n";
    reports::write_file((out / "report.html").string(), h.str());
    if (!o.quiet) {
        if (outcome == "bisected")
            std::printf("largest %s that gets through: %s (smallest caught: %s)\n", o.pointer.c_str(), fmt(lo).c_str(), fmt(hi).c_str());
        else
            std::printf("%s\n", outcome.c_str());
    }
    return 0;
}

}  // namespace hilbench::detect
