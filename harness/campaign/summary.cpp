#include "harness/campaign/summary.h"

#include <boost/math/special_functions/beta.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/report_writer.h"

namespace hilbench::campaign {
namespace {

using json = nlohmann::json;

json stats_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    if (n == 0) return {{"n", 0}};
    double mean = 0;
    for (double x : v) mean += x;
    mean /= double(n);
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    json s = {{"n", n}, {"mean", mean}, {"min", v.front()}, {"p05", quantile(v, 0.05)}, {"p50", quantile(v, 0.5)},
              {"p95", quantile(v, 0.95)}, {"max", v.back()}};
    s["sd"] = n > 1 ? json(std::sqrt(ss / double(n - 1))) : json(nullptr);
    return s;
}

// The first check of a point that bounds a magnitude (|value| <= limit): the error and its MPE.
const json* bounding_check(const json& point) {
    if (!point.contains("checks") || !point["checks"].is_array()) return nullptr;
    for (const auto& c : point["checks"])
        if (c.value("relation", "") == "abs_le" && c.contains("limit") && c["limit"].is_number() && c["limit"].get<double>() > 0)
            return &c;
    return nullptr;
}

std::string run_name(const json& c) {
    std::string s = "run " + std::to_string(c.at("index").get<int>()) + " " + c.at("run_id").get<std::string>();
    if (c.at("draw").get<int>() >= 0) s += " draw " + std::to_string(c.at("draw").get<int>());
    if (c.at("repeat").get<int>() > 0) s += " repeat " + std::to_string(c.at("repeat").get<int>());
    return s + " seed " + std::to_string(c.at("seed").get<uint64_t>());
}

}  // namespace

std::pair<double, double> clopper_pearson(std::size_t k, std::size_t n, double confidence) {
    if (n == 0) return {0.0, 1.0};
    const double a = (1.0 - confidence) / 2.0;
    const double lo = k == 0 ? 0.0 : boost::math::ibeta_inv(double(k), double(n - k + 1), a);
    const double hi = k == n ? 1.0 : boost::math::ibeta_inv(double(k + 1), double(n - k), 1.0 - a);
    return {lo, hi};
}

double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return std::nan("");
    const double h = (double(sorted.size()) - 1.0) * q;
    const auto lo = std::size_t(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - double(lo)) * (sorted[hi] - sorted[lo]);
}

json summary_part(const json& saved) {
    json out = {{"campaign", saved.at("campaign")}, {"verdict", saved.at("verdict")},
                {"expect", saved.value("expect", json())}, {"points", json::array()}};
    for (const auto& p : saved.value("points", json::array()))
        out["points"].push_back({{"id", p.at("id")}, {"test", p.value("test", "")}, {"verdict", p.at("verdict")},
                                 {"values", p.value("values", json::object())}, {"checks", p.value("checks", json::array())},
                                 {"note", p.value("note", "")}});
    return out;
}

json summarise(const json& manifest, const std::vector<json>& saved) {
    std::map<std::string, const json*> by_id;
    for (const auto& s : saved) by_id[s.at("campaign").at("run_id").get<std::string>()] = &s;
    const json& runs = manifest.at("runs");
    struct point_acc {
        std::string id, test;
        std::size_t pass = 0, fail = 0, error = 0;
        std::map<std::string, std::vector<double>> values;
        std::vector<double> check_ratio;
        double limit = std::nan("");
        std::string quantity;
    };
    struct group_acc {
        std::string name, scenario;
        json grid;
        std::size_t runs = 0, complete = 0, pass = 0, fail = 0, error = 0, judged_pass = 0;
        std::map<int, bool> devices;  // draw (or -1) -> all its runs passed as judged
        std::vector<std::string> point_order;
        std::map<std::string, point_acc> points;
    };
    std::vector<std::string> order;
    std::map<std::string, group_acc> groups;
    json missing = json::array();
    std::size_t n_pass = 0, n_fail = 0, n_error = 0, n_judged_pass = 0;
    for (const auto& r : runs) {
        const std::string g = r.at("group");
        if (!groups.count(g)) {
            order.push_back(g);
            groups[g].name = g;
            groups[g].scenario = r.at("scenario");
            groups[g].grid = r.at("grid");
        }
        group_acc& ga = groups[g];
        ++ga.runs;
        const auto it = by_id.find(r.at("id").get<std::string>());
        if (it == by_id.end()) {
            missing.push_back(r.at("id"));
            continue;
        }
        const json& s = *it->second;
        const json& c = s.at("campaign");
        ++ga.complete;
        const std::string v = s.at("verdict");
        (v == "pass" ? ga.pass : v == "fail" ? ga.fail : ga.error)++;
        (v == "pass" ? n_pass : v == "fail" ? n_fail : n_error)++;
        const bool jp = c.at("judged_pass").get<bool>();
        ga.judged_pass += jp;
        n_judged_pass += jp;
        const int draw = c.at("draw");
        auto d = ga.devices.find(draw);
        if (d == ga.devices.end()) ga.devices[draw] = jp;
        else d->second = d->second && jp;
        for (const auto& p : s.value("points", json::array())) {
            const std::string pid = p.at("id");
            if (!ga.points.count(pid)) {
                ga.point_order.push_back(pid);
                ga.points[pid].id = pid;
                ga.points[pid].test = p.value("test", "");
            }
            point_acc& pa = ga.points[pid];
            const std::string pv = p.at("verdict");
            (pv == "pass" ? pa.pass : pv == "fail" ? pa.fail : pa.error)++;
            for (auto vi = p["values"].begin(); vi != p["values"].end(); ++vi)
                if (vi.value().is_number() && std::isfinite(vi.value().get<double>()))
                    pa.values[vi.key()].push_back(vi.value().get<double>());
            if (const json* chk = bounding_check(p); chk && (*chk)["value"].is_number()) {
                pa.check_ratio.push_back((*chk)["value"].get<double>() / (*chk)["limit"].get<double>());
                pa.quantity = (*chk).value("quantity", "");
                pa.limit = (*chk)["limit"].get<double>();
            }
        }
    }
    json out;
    const json& cm = manifest.at("campaign");
    out["campaign"] = {{"name", cm.at("name")},       {"description", cm.at("description")},
                       {"hash", cm.at("hash")},       {"file", cm.at("file")},
                       {"judge", cm.at("judge")},     {"runs_total", runs.size()},
                       {"runs_complete", runs.size() - missing.size()}, {"runs_missing", missing}};
    out["verdicts"] = {{"pass", n_pass}, {"fail", n_fail}, {"error", n_error}};
    out["judged"] = {{"by", cm.at("judge")}, {"pass", n_judged_pass}, {"not_pass", runs.size() - missing.size() - n_judged_pass}};
    out["groups"] = json::array();
    for (const auto& g : order) {
        const group_acc& ga = groups.at(g);
        std::size_t dev_pass = 0;
        for (const auto& [draw, ok] : ga.devices) dev_pass += ok;
        const auto ci = clopper_pearson(dev_pass, ga.devices.size());
        json gj = {{"group", ga.name}, {"scenario", ga.scenario}, {"grid", ga.grid}, {"runs", ga.runs},
                   {"runs_complete", ga.complete}, {"verdicts", {{"pass", ga.pass}, {"fail", ga.fail}, {"error", ga.error}}},
                   {"judged_pass", ga.judged_pass}};
        gj["yield"] = {{"devices", ga.devices.size()},
                       {"devices_passing", dev_pass},
                       {"yield", ga.devices.empty() ? json(nullptr) : json(double(dev_pass) / double(ga.devices.size()))},
                       {"ci95", {ci.first, ci.second}},
                       {"method", "Clopper-Pearson exact interval, 95 %; a device passes when all its runs pass as judged"}};
        gj["points"] = json::array();
        for (const auto& pid : ga.point_order) {
            const point_acc& pa = ga.points.at(pid);
            json pj = {{"id", pa.id}, {"test", pa.test}, {"pass", pa.pass}, {"fail", pa.fail}, {"error", pa.error}};
            json vals = json::object();
            for (const auto& [name, v] : pa.values) vals[name] = stats_of(v);
            pj["values"] = vals;
            if (!pa.check_ratio.empty()) pj["check"] = {{"quantity", pa.quantity}, {"limit", pa.limit},
                                                         {"value_to_limit", stats_of(pa.check_ratio)}};
            gj["points"].push_back(pj);
        }
        out["groups"].push_back(gj);
    }
    out["meta"] = json::object();
    return out;
}

int exit_code_of(const json& summary) {
    if (!summary.at("campaign").at("runs_missing").empty() || summary.at("verdicts").at("error").get<std::size_t>() > 0)
        return 3;
    return summary.at("judged").at("not_pass").get<std::size_t>() > 0 ? 1 : 0;
}

namespace {

std::string junit_text(const json& summary, const std::vector<json>& saved) {
    std::map<std::string, std::vector<const json*>> by_group;
    for (const auto& s : saved) by_group[s.at("campaign").at("group").get<std::string>()].push_back(&s);
    for (auto& [g, v] : by_group)
        std::sort(v.begin(), v.end(), [](const json* a, const json* b) {
            return a->at("campaign").at("index").get<std::size_t>() < b->at("campaign").at("index").get<std::size_t>();
        });
    const json& c = summary.at("campaign");
    std::size_t tests = 0, failures = 0, errors = 0;
    std::ostringstream body;
    for (const auto& g : summary.at("groups")) {
        const std::string name = g.at("group");
        std::size_t t = 0, f = 0, e = 0;
        std::ostringstream cases;
        for (const json* s : by_group[name]) {
            const json& cc = s->at("campaign");
            ++t;
            cases << "    <testcase classname=\"" << reports::html_escape(c.at("name").get<std::string>() + "." + name) << "\" name=\""
                  << reports::html_escape(run_name(cc)) << "\">\n";
            if (s->at("verdict") == "error") {
                ++e;
                std::string why = cc.value("error", "");
                if (why.empty())
                    for (const auto& p : s->value("points", json::array()))
                        if (p.at("verdict") == "error") why += (why.empty() ? "" : "; ") + p.at("id").get<std::string>() + ": " + p.value("note", "");
                cases << "      <error message=\"" << reports::html_escape(why) << "\"/>\n";
            } else if (!cc.at("judged_pass").get<bool>()) {
                ++f;
                std::string why;
                if (c.at("judge") == "expect" && s->contains("expect") && s->at("expect").is_object())
                    for (const auto& m : s->at("expect").at("mismatches")) why += (why.empty() ? "" : "; ") + m.get<std::string>();
                else
                    for (const auto& p : s->value("points", json::array()))
                        if (p.at("verdict") != "pass") why += (why.empty() ? "failed: " : ", ") + p.at("id").get<std::string>();
                cases << "      <failure message=\"" << reports::html_escape(why) << "\"/>\n";
            }
            cases << "    </testcase>\n";
        }
        body << "  <testsuite name=\"" << reports::html_escape(name) << "\" tests=\"" << t << "\" failures=\"" << f << "\" errors=\"" << e
             << "\">\n" << cases.str() << "  </testsuite>\n";
        tests += t;
        failures += f;
        errors += e;
    }
    std::ostringstream os;
    os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" << reports::html_escape(c.at("name")) << "\" tests=\"" << tests
       << "\" failures=\"" << failures << "\" errors=\"" << errors << "\">\n" << body.str() << "</testsuites>\n";
    return os.str();
}

std::string fmt(const json& v, const char* f = "%.4g") {
    return v.is_number() ? reports::num(v.get<double>(), f) : std::string("");
}

std::string html_text(const json& summary, const std::string& dir) {
    using reports::html_escape;
    const json& c = summary.at("campaign");
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Campaign "
      << html_escape(c.at("name")) << "</title>\n<style>\n"
      << "body{font-family:'DejaVu Sans',sans-serif;margin:2em;max-width:1200px;color:#222}\n"
         "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}\n"
         "th{background:#eee}td.l,th.l{text-align:left}.pass{color:#176117;font-weight:bold}"
         ".fail{color:#a11;font-weight:bold}.error{color:#a60;font-weight:bold}.muted{color:#777}\n"
         "td.all{background:#e3f3e3}td.some{background:#fbe3e3}\n</style>\n</head>\n<body>\n";
    h << "<h1>Campaign " << html_escape(c.at("name")) << "</h1>\n<p>" << html_escape(c.at("description")) << "</p>\n";
    h << "<table><tr><th class=l>campaign hash</th><td class=l>" << html_escape(c.at("hash")) << "</td></tr>"
      << "<tr><th class=l>file</th><td class=l>" << html_escape(c.at("file")) << "</td></tr>"
      << "<tr><th class=l>runs</th><td class=l>" << c.at("runs_complete") << " of " << c.at("runs_total") << " complete"
      << (c.at("runs_missing").empty() ? "" : " (<span class=error>" + std::to_string(c.at("runs_missing").size()) + " missing</span>)")
      << "</td></tr><tr><th class=l>verdicts</th><td class=l>" << summary["verdicts"]["pass"] << " pass, "
      << summary["verdicts"]["fail"] << " fail, " << summary["verdicts"]["error"] << " error</td></tr>"
      << "<tr><th class=l>judged by</th><td class=l>" << html_escape(c.at("judge")) << ": " << summary["judged"]["pass"]
      << " pass</td></tr></table>\n";
    h << "<h2>Yield</h2>\n<p>A device is one Monte-Carlo draw (or the scenario's one device); it passes when all its runs "
         "pass as judged. The interval is the exact (Clopper-Pearson) 95 % interval.</p>\n"
      << "<table><tr><th class=l>group (scenario, grid)</th><th>runs</th><th>pass</th><th>fail</th><th>error</th>"
         "<th>devices</th><th>passing</th><th>yield</th><th>95 % interval</th></tr>\n";
    for (const auto& g : summary.at("groups")) {
        const json& y = g.at("yield");
        h << "<tr><td class=l>" << html_escape(g.at("group")) << "</td><td>" << g.at("runs") << "</td><td>"
          << g["verdicts"]["pass"] << "</td><td>" << g["verdicts"]["fail"] << "</td><td>" << g["verdicts"]["error"]
          << "</td><td>" << y.at("devices") << "</td><td>" << y.at("devices_passing") << "</td><td>"
          << (y.at("yield").is_number() ? reports::num(100 * y.at("yield").get<double>(), "%.1f") + " %" : "")
          << "</td><td>" << reports::num(100 * y["ci95"][0].get<double>(), "%.1f") << " to "
          << reports::num(100 * y["ci95"][1].get<double>(), "%.1f") << " %</td></tr>\n";
    }
    h << "</table>\n";
    reports::reset_plot_ids();
    int shown = 0;
    for (const auto& g : summary.at("groups")) {
        h << "<h2>" << html_escape(g.at("group")) << "</h2>\n<h3>Pass/fail matrix</h3>\n"
          << "<table><tr><th class=l>point</th><th class=l>test</th><th>pass</th><th>fail</th><th>error</th>"
             "<th class=l>bounded quantity</th><th>limit</th><th>median / limit</th><th>5 % / limit</th><th>95 % / limit</th>"
             "<th>worst / limit</th></tr>\n";
        reports::plot_spec spec;
        spec.title = "Each point's bounded quantity as a fraction of its limit: median, 5 % to 95 % of the runs";
        spec.xlabel = "Test point (no.)";
        spec.ylabel = "Value / limit (1)";
        spec.whole_x = true;
        reports::plot_series dist{"median, 5 % to 95 %", "yerrorbars", {}, "#1f5fa8"};
        reports::plot_series up{"limit", "lines", {}, "#a11", true}, down{"", "lines", {}, "#a11", true};
        int k = 0;
        double ylo = -1.2, yhi = 1.2;  // the limits stay in sight
        for (const auto& p : g.at("points")) {
            ++k;
            const std::size_t total = p["pass"].get<std::size_t>() + p["fail"].get<std::size_t>() + p["error"].get<std::size_t>();
            const char* cls = p["pass"].get<std::size_t>() == total ? "all" : "some";
            h << "<tr><td class=l>" << k << ". " << html_escape(p.at("id")) << "</td><td class=l>" << html_escape(p.at("test"))
              << "</td><td class=" << cls << ">" << p["pass"] << "</td><td>" << p["fail"] << "</td><td>" << p["error"] << "</td>";
            if (p.contains("check")) {
                const json& r = p["check"]["value_to_limit"];
                const double worst = std::max(std::fabs(r["min"].get<double>()), std::fabs(r["max"].get<double>()));
                h << "<td class=l>" << html_escape(p["check"]["quantity"]) << "</td><td>" << fmt(p["check"]["limit"]) << "</td><td>"
                  << fmt(r["p50"], "%.3f") << "</td><td>" << fmt(r["p05"], "%.3f") << "</td><td>" << fmt(r["p95"], "%.3f")
                  << "</td><td>" << reports::num(worst, "%.3f") << "</td>";
                dist.rows.push_back({double(k), r["p50"].get<double>(), r["p05"].get<double>(), r["p95"].get<double>()});
                ylo = std::min(ylo, 1.1 * r["p05"].get<double>());
                yhi = std::max(yhi, 1.1 * r["p95"].get<double>());
            } else {
                h << "<td class=\"l muted\">none</td><td></td><td></td><td></td><td></td><td></td>";
            }
            h << "</tr>\n";
        }
        h << "</table>\n";
        if (!dist.rows.empty() && shown < 24) {
            up.rows = {{0.5, 1.0}, {double(k) + 0.5, 1.0}};
            down.rows = {{0.5, -1.0}, {double(k) + 0.5, -1.0}};
            spec.xrange = {0.5, double(k) + 0.5};
            spec.yrange = {ylo, yhi};
            spec.series = {dist, up, down};
            h << "<h3>Distribution over the runs</h3>\n" << reports::plot_or_note(spec, dir) << "\n";
            ++shown;
        }
    }
    h << "<p class=muted>summary.json holds every value's distribution (n, mean, sd, min, 5 %, median, 95 %, max) per "
         "point; store.sqlite holds every run's points, values, labels and provenance.</p>\n</body>\n</html>\n";
    return h.str();
}

}  // namespace

void write_summary(const json& summary, const std::vector<json>& saved, const std::string& dir) {
    reports::write_file((std::filesystem::path(dir) / "summary.json").string(), summary.dump(2) + "\n");
    reports::write_file((std::filesystem::path(dir) / "junit.xml").string(), junit_text(summary, saved));
    reports::write_file((std::filesystem::path(dir) / "report.html").string(), html_text(summary, dir));
}

}  // namespace hilbench::campaign
