#include "harness/detect/detect_command.h"
#include "harness/detect/records.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <tuple>

#include "harness/families/family.h"
#include "harness/scenario/scenario.h"
#include "models/core/errors.h"
#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/report_writer.h"

namespace hilbench::detect {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::string csv_num(double v) {
    if (!std::isfinite(v)) return "";
    char b[40];
    std::snprintf(b, sizeof b, "%.10g", v);
    return b;
}

std::string pct(const json& v, int decimals = 1) {
    if (!v.is_number()) return "&ndash;";
    char b[32];
    std::snprintf(b, sizeof b, "%.*f %%", decimals, 100 * v.get<double>());
    return b;
}

std::string fixed(const json& v, int decimals = 3) {
    if (!v.is_number()) return "&ndash;";
    char b[32];
    std::snprintf(b, sizeof b, "%.*f", decimals, v.get<double>());
    return b;
}

std::string leaderboard_csv(const json& metrics) {
    std::string s =
        "detector,kind,threshold,runs,positives,negatives,auc,detection_rate,false_alarm_rate,op_threshold,op_detection_rate,"
        "op_false_alarm_rate,op_meets,precision_at_budget\n";
    for (const json& d : metrics) {
        auto n = [](const json& v) { return v.is_number() ? csv_num(v.get<double>()) : std::string(); };
        s += reports::csv_field(d["detector"].get<std::string>()) + "," + d["kind"].get<std::string>() + "," + n(d["threshold"]) + "," +
             std::to_string(d["runs"].get<std::size_t>()) + "," + std::to_string(d["positives"].get<std::size_t>()) + "," +
             std::to_string(d["negatives"].get<std::size_t>()) + "," + n(d["auc"]) + "," + n(d["at_threshold"]["detection_rate"]) +
             "," + n(d["at_threshold"]["false_alarm_rate"]) + "," + n(d["operating_point"]["threshold"]) + "," +
             n(d["operating_point"]["detection_rate"]) + "," + n(d["operating_point"]["false_alarm_rate"]) + "," +
             (d["operating_point"]["meets"].get<bool>() ? "true" : "false") + "," + n(d["precision_at_budget"]["precision"]) + "\n";
    }
    return s;
}

std::string report_html(const std::string& folder, const std::string& detectors, const json& metrics, const score_options& opt,
                        const std::string& scratch) {
    using reports::html_escape;
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>hilbench detection: "
      << html_escape(fs::path(folder).filename().string())
      << "</title>\n<style>body{font:14px/1.4 sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}"
         "td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}"
         ".ok{color:#060}.no{color:#a00}caption{text-align:left;font-weight:bold;margin-bottom:4px}</style></head><body>\n";
    h << "<h1>Detection benchmark</h1>\n<p>Runs: <code>" << html_escape(folder) << "</code>; detectors: <code>" << html_escape(detectors)
      << "</code>. Positives are the runs with a CHEAT, THEFT or TAMPER active during the inspection; negatives are honest, "
         "drifting and faulty devices. The detectors saw the inspection results, the audit trail, the software identification "
         "and the nameplate; the labels were read by the scoring step only.</p>\n";
    h << "<table><caption>Leaderboard (by AUC)</caption><tr><th>detector</th><th>kind</th><th>AUC</th><th>detection rate</th>"
         "<th>false alarms</th><th>P<sub>D</sub> at P<sub>FA</sub> &le; "
      << int(std::lround(100 * opt.max_far)) << " %</th><th>at score</th><th>precision, top " << opt.budget_pct
      << " % (base rate " << 100 * opt.base_rate << " %)</th></tr>\n";
    std::vector<const json*> ranked;
    for (const json& d : metrics) ranked.push_back(&d);
    std::stable_sort(ranked.begin(), ranked.end(), [](const json* a, const json* b) {
        const double x = (*a)["auc"].is_number() ? (*a)["auc"].get<double>() : -1, y = (*b)["auc"].is_number() ? (*b)["auc"].get<double>() : -1;
        return x > y;
    });
    for (const json* d : ranked) {
        const json& op = (*d)["operating_point"];
        h << "<tr><td>" << html_escape((*d)["detector"].get<std::string>()) << "</td><td>" << html_escape((*d)["kind"].get<std::string>())
          << "</td><td>" << fixed((*d)["auc"]) << "</td><td>" << pct((*d)["at_threshold"]["detection_rate"]) << "</td><td>"
          << pct((*d)["at_threshold"]["false_alarm_rate"]) << "</td><td class=\"" << (op["meets"].get<bool>() ? "ok" : "no") << "\">"
          << pct(op["detection_rate"]) << " at " << pct(op["false_alarm_rate"]) << "</td><td>" << fixed(op["threshold"], 3)
          << "</td><td>" << pct((*d)["precision_at_budget"]["precision"]) << "</td></tr>\n";
    }
    h << "</table>\n<p>Detection rate and false alarms are at each detector's configured threshold. The P<sub>D</sub> column is "
         "the best the detector reaches on this corpus with at most "
      << int(std::lround(100 * opt.max_far))
      << " % false alarms (EPA's operating point asks for P<sub>D</sub> &ge; 95 % there; green: met); its threshold is chosen "
         "on the corpus itself, so it is an optimistic figure, unlike the configured one. Precision is that of inspecting the "
         "most suspicious "
      << opt.budget_pct << " % of a fleet in which " << 100 * opt.base_rate << " % of devices are malicious.</p>\n";
    // ROC curves
    reports::plot_spec roc;
    roc.title = "ROC";
    roc.xlabel = "False-alarm rate";
    roc.ylabel = "Detection rate";
    roc.xrange = {0, 1};
    roc.yrange = {0, 1.02};
    roc.width = 640;
    roc.height = 520;
    for (const json& d : metrics) {
        reports::plot_series s;
        s.title = d["detector"].get<std::string>();
        s.style = "steps";
        for (const json& p : d["roc"]) s.rows.push_back({p[0].get<double>(), p[1].get<double>()});
        s.rows.push_back({1.0, 1.0});
        roc.series.push_back(std::move(s));
    }
    reports::plot_series diag;
    diag.title = "";
    diag.style = "lines";
    diag.dashed = true;
    diag.color = "#999999";
    diag.rows = {{0, 0}, {1, 1}};
    roc.series.push_back(diag);
    try {
        h << "<h2>ROC curves</h2>\n" << reports::render_svg(roc, scratch) << "\n";
    } catch (const std::exception& e) {
        h << "<p>(ROC plot not drawn: " << html_escape(e.what()) << ")</p>\n";
    }
    // per class and confusion
    const std::vector<std::string> classes = {"NORMAL", "DRIFT", "FAULT", "TAMPER", "THEFT", "CHEAT"};
    h << "<table><caption>Alarm rate by true class (configured thresholds)</caption><tr><th>detector</th>";
    for (const std::string& c : classes) h << "<th>" << c << "</th>";
    h << "</tr>\n";
    for (const json& d : metrics) {
        h << "<tr><td>" << html_escape(d["detector"].get<std::string>()) << "</td>";
        for (const std::string& c : classes) {
            if (d["per_class"].contains(c))
                h << "<td>" << pct(d["per_class"][c]["alarm_rate"], 0) << " <small>(" << d["per_class"][c]["alarms"].get<std::size_t>()
                  << "/" << d["per_class"][c]["runs"].get<std::size_t>() << ")</small></td>";
            else
                h << "<td>&ndash;</td>";
        }
        h << "</tr>\n";
    }
    h << "</table>\n";
    // each kind of cheat, drift or fault at the operating point
    std::vector<std::pair<std::string, std::string>> fams;  // class, family
    for (const json& d : metrics)
        for (auto it = d["per_family"].begin(); it != d["per_family"].end(); ++it) {
            const std::pair<std::string, std::string> k{it.value()["class"].get<std::string>(), it.key()};
            if (std::find(fams.begin(), fams.end(), k) == fams.end()) fams.push_back(k);
        }
    std::sort(fams.begin(), fams.end(), [&](const auto& a, const auto& b) {
        const auto ia = std::find(classes.begin(), classes.end(), a.first), ib = std::find(classes.begin(), classes.end(), b.first);
        return ia != ib ? ia > ib : a.second < b.second;
    });
    h << "<table><caption>Share of each kind of run over the operating threshold (P<sub>FA</sub> &le; "
      << int(std::lround(100 * opt.max_far)) << " %"
      << (opt.thresholds_source.empty() ? std::string(", chosen on this corpus") : ", thresholds from " + html_escape(opt.thresholds_source))
      << ")</caption><tr><th>run</th><th>class</th>";
    for (const json& d : metrics) h << "<th>" << html_escape(d["detector"].get<std::string>()) << "</th>";
    h << "</tr>\n";
    for (const auto& [cls, fam] : fams) {
        h << "<tr><td>" << html_escape(fam) << "</td><td>" << cls << "</td>";
        for (const json& d : metrics) {
            if (!d["per_family"].contains(fam)) {
                h << "<td>&ndash;</td>";
                continue;
            }
            const json& e = d["per_family"][fam];
            h << "<td>" << pct(e["rate"], 0) << " <small>(" << e["over"].get<int>() << "/" << e["runs"].get<int>() << ")</small></td>";
        }
        h << "</tr>\n";
    }
    h << "</table>\n<h2>What each alarm called the run</h2>\n<p>Rows: the true class; columns: the label the detector's "
         "alarm named (none: no alarm). Telling a cheat from a drift or a fault of the same size is the hard part.</p>\n";
    const std::vector<std::string> guesses = {"none", "CHEAT", "THEFT", "TAMPER", "FAULT", "DRIFT"};
    for (const json& d : metrics) {
        h << "<table><caption>" << html_escape(d["detector"].get<std::string>()) << "</caption><tr><th>true class</th>";
        for (const std::string& g : guesses) h << "<th>" << g << "</th>";
        h << "</tr>\n";
        for (const std::string& c : classes) {
            if (!d["confusion"].contains(c)) continue;
            h << "<tr><td>" << c << "</td>";
            for (const std::string& g : guesses) h << "<td>" << d["confusion"][c].value(g, 0) << "</td>";
            h << "</tr>\n";
        }
        h << "</table>\n";
    }
    h << "</body></html>\n";
    return h.str();
}

}  // namespace

int detect_command(const detect_options& o) {
    const detector_config cfg = load_detectors(o.detectors);
    const std::string out = o.out.empty() ? (fs::path(o.folder) / "detect").string() : o.out;
    const std::vector<run_file> files = records_of(o.folder);
    const scenario::catalogue& cat = families::builtin_catalogue();

    // detection: evidence only
    std::vector<finding> findings;
    std::vector<std::string> skipped;
    for (const run_file& f : files) {
        const json r = read_record(f);
        if (!finished(r)) {
            skipped.push_back(f.key);
            continue;
        }
        for (finding& x : run_detectors(cfg, evidence_of(r, f.path, f.key, cat))) findings.push_back(std::move(x));
    }
    json det = {{"detectors", o.detectors}, {"runs", files.size() - skipped.size()}, {"skipped", skipped}, {"findings", json::array()}};
    std::string csv = "run,detector,kind,score,threshold,alarm,guess,onset_quantity,onset,magnitude,magnitude_unit,evidence\n";
    for (const finding& f : findings) {
        det["findings"].push_back(to_json(f));
        csv += f.run + "," + reports::csv_field(f.detector) + "," + f.kind + "," + csv_num(f.score) + "," + csv_num(f.threshold) + "," +
               (f.alarm ? "true" : "false") + "," + f.guess + "," + f.onset_quantity + "," +
               (f.onset_quantity.empty() ? "" : csv_num(f.onset)) + "," + csv_num(f.magnitude) + "," +
               reports::csv_field(f.magnitude_unit) + "," + reports::csv_field(f.evidence) + "\n";
    }
    reports::write_file((fs::path(out) / "detections.json").string(), det.dump(1) + "\n");
    reports::write_file((fs::path(out) / "detections.csv").string(), csv);
    std::size_t alarms = 0;
    for (const finding& f : findings) alarms += f.alarm;
    if (!o.quiet)
        std::fprintf(stderr, "hilbench detect: %zu runs, %zu detectors, %zu alarms%s -> %s\n", files.size() - skipped.size(),
                     cfg.detectors.size(), alarms,
                     skipped.empty() ? "" : (" (" + std::to_string(skipped.size()) + " runs without a record skipped)").c_str(),
                     out.c_str());
    if (!o.score) return 0;

    // scoring: the only step that reads the labels
    score_options sopt = o.scoring;
    if (!o.thresholds_from.empty()) {
        const run_file tf{"", o.thresholds_from};
        const json prev = read_record(tf);
        if (!prev.is_object() || !prev.contains("metrics") || !prev["metrics"].is_array())
            throw scenario_error(o.thresholds_from, "/metrics", "expected the score.json of an earlier hilbench detect --score");
        for (std::size_t i = 0; i < prev["metrics"].size(); ++i) {
            const json& m = prev["metrics"][i];
            const std::string w = "/metrics/" + std::to_string(i);
            if (!m.is_object() || !m.contains("detector") || !m["detector"].is_string() || !m.contains("operating_point") ||
                !m["operating_point"].is_object() || !m["operating_point"].contains("threshold"))
                throw scenario_error(o.thresholds_from, w, "expected a detector's metrics with its operating_point");
            const json& t = m["operating_point"]["threshold"];
            // null: no threshold reached the false-alarm rate there; nothing is over it here either
            sopt.fixed_thresholds[m["detector"].get<std::string>()] =
                t.is_number() ? t.get<double>() : std::numeric_limits<double>::infinity();
        }
        sopt.thresholds_source = o.thresholds_from;
    }
    std::map<std::string, ground_truth> truth;
    std::string tcsv = "run,class,family,magnitude,magnitude_unit,labels,dormant\n";
    for (const run_file& f : files) {
        if (std::find(skipped.begin(), skipped.end(), f.key) != skipped.end()) continue;
        const ground_truth g = ground_truth_of(read_record(f), f.path, f.key);
        std::string ls, ds;
        for (const reports::label_row& l : g.labels) ls += (ls.empty() ? "" : " ") + l.id + ":" + l.label;
        for (const std::string& d : g.dormant) ds += (ds.empty() ? "" : " ") + d;
        tcsv += g.run + "," + g.cls + "," + reports::csv_field(g.family) + "," + csv_num(g.magnitude) + "," + reports::csv_field(g.magnitude_unit) + "," +
                reports::csv_field(ls) + "," + reports::csv_field(ds) + "\n";
        truth[g.run] = g;
    }
    const json metrics = score(findings, truth, sopt);
    json sj = {{"detectors", o.detectors},
               {"options",
                {{"base_rate", o.scoring.base_rate},
                 {"budget_pct", o.scoring.budget_pct},
                 {"max_false_alarm_rate", o.scoring.max_far},
                 {"min_detection_rate", o.scoring.min_pd},
                 {"thresholds_from", o.thresholds_from.empty() ? json(nullptr) : json(o.thresholds_from)}}},
               {"metrics", metrics}};
    reports::write_file((fs::path(out) / "truth.csv").string(), tcsv);
    reports::write_file((fs::path(out) / "score.json").string(), sj.dump(1) + "\n");
    reports::write_file((fs::path(out) / "leaderboard.csv").string(), leaderboard_csv(metrics));
    reports::write_file((fs::path(out) / "report.html").string(), report_html(o.folder, o.detectors, metrics, sopt, out));
    if (!o.quiet) {
        int width = 8;  // the longest detector id
        for (const json& d : metrics) width = std::max(width, int(d["detector"].get<std::string>().size()));
        std::printf("%-*s %-12s %6s %9s %9s %18s\n", width, "detector", "kind", "AUC", "DR", "FAR", "PD at PFA<=5%");
        for (const json& d : metrics) {
            auto p = [](const json& v) { return v.is_number() ? 100 * v.get<double>() : std::nan(""); };
            std::printf("%-*s %-12s %6.3f %8.1f%% %8.1f%% %17.1f%%\n", width, d["detector"].get<std::string>().c_str(),
                        d["kind"].get<std::string>().c_str(), d["auc"].is_number() ? d["auc"].get<double>() : std::nan(""),
                        p(d["at_threshold"]["detection_rate"]), p(d["at_threshold"]["false_alarm_rate"]),
                        p(d["operating_point"]["detection_rate"]));
        }
    }
    return 0;
}

}  // namespace hilbench::detect

namespace hilbench::detect {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date, and back (the civil calendar algorithms).
long days_from_civil(long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + long(doe) - 719468;
}

std::string date_text(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const long y = long(yoe) + era * 400 + (m <= 2);
    char b[32];
    std::snprintf(b, sizeof b, "%04ld-%02u-%02u", y, m, d);
    return b;
}

// A calendar date "YYYY-MM-DD" as days since 1970-01-01 (bad input names --start-date).
long parse_date(const std::string& text) {
    int y = 0;
    unsigned m = 0, d = 0;
    char tail = 0;
    const bool form = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) == 3 && y >= 1000;
    if (!form || m < 1 || m > 12 || d < 1 || date_text(days_from_civil(y, m, d)) != text)
        throw scenario_error("", "--start-date", "expected a date YYYY-MM-DD, got \"" + text + "\"");
    return days_from_civil(y, m, d);
}

// A run's consumption per whole day, from its family's hourly table (empty: the run has none).
// A day lacking an hour, or with an hour not measured, is NaN, as the SGCC set leaves it empty.
std::vector<double> daily_kwh(const evidence& e, const scenario::family_decl::consumption_decl& c) {
    if (c.table.empty()) return {};
    for (const inspection& p : e.inspections) {
        const reports::series_table* t = table_of(p, c.table);
        if (!t) continue;
        const auto col = [&](const std::string& n) {
            return std::size_t(std::find(t->columns.begin(), t->columns.end(), n) - t->columns.begin());
        };
        const std::size_t hc = col(c.hour_column), ec = col(c.energy_column);
        if (hc >= t->columns.size() || ec >= t->columns.size()) continue;
        std::vector<double> sum;
        std::vector<int> hours;
        for (const auto& row : t->rows) {
            if (!std::isfinite(row[hc]) || row[hc] < 0) continue;
            const std::size_t day = std::size_t(row[hc] / 24);
            if (day >= sum.size()) sum.resize(day + 1, 0), hours.resize(day + 1, 0);
            if (std::isfinite(row[ec])) {
                sum[day] += row[ec];
                ++hours[day];
            } else {
                hours[day] = -1000;  // an hour not measured: the day is not known
            }
        }
        for (std::size_t d = 0; d < sum.size(); ++d)
            if (hours[d] != 24) sum[d] = std::nan("");
        return sum;
    }
    return {};
}

}  // namespace

int export_command(const export_options& o) {
    if (o.out.empty()) throw scenario_error("", "--out", "expected an output folder for the export");
    const std::vector<run_file> files = records_of(o.folder);
    const scenario::catalogue& cat = families::builtin_catalogue();
    // inputs: the evidence alone
    std::string devices = "run,device_type,software_id,nameplate\n";
    std::string points = "run,point,test,verdict,software_id\n";
    std::string quantities = "run,point,kind,name,value\n";
    std::string checks = "run,point,requirement,quantity,value,relation,limit,pass\n";
    std::string audit = "run,point,sequence,event_counter,time_s,kind,source,parameter,old_value,new_value\n";
    std::string tables = "run,point,table,row,column,value\n";
    // truth and labels, kept apart
    std::string truth = "run,class,family,magnitude,magnitude_unit,dormant\n";
    std::string labels = "run,point,label_id,label,tap,onset_s,end_s,magnitude,magnitude_unit\n";
    std::string split = "run,seed,split\n";
    const long start = parse_date(o.start_date);
    std::vector<std::tuple<std::string, bool, std::vector<double>>> sgcc;  // run, flag, kWh per day
    std::size_t sgcc_days = 0;
    std::size_t n = 0, skipped = 0, test = 0;
    auto audit_rows = [&](const std::string& run, const std::string& point, const std::vector<reports::audit_row>& rows) {
        for (const reports::audit_row& a : rows)
            audit += run + "," + reports::csv_field(point) + "," + std::to_string(a.sequence) + "," + std::to_string(a.event_counter) +
                     "," + csv_num(a.time_s) + "," + reports::csv_field(a.kind) + "," + reports::csv_field(a.source) + "," +
                     reports::csv_field(a.parameter) + "," + reports::csv_field(a.old_value) + "," + reports::csv_field(a.new_value) +
                     "\n";
    };
    for (const run_file& f : files) {
        const json r = read_record(f);
        if (!finished(r)) {
            ++skipped;
            continue;
        }
        ++n;
        const evidence e = evidence_of(r, f.path, f.key, cat);
        json plate = json::object();
        for (const auto& [k, v] : e.nameplate) plate[k] = v;
        devices += e.run + "," + reports::csv_field(e.device_type) + "," + reports::csv_field(e.software_id) + "," +
                   reports::csv_field(plate.dump()) + "\n";
        audit_rows(e.run, "", e.audit_trail);
        for (const inspection& p : e.inspections) {
            points += e.run + "," + reports::csv_field(p.point) + "," + reports::csv_field(p.test) + "," + p.verdict + "," +
                      reports::csv_field(p.software_id) + "\n";
            for (const auto& [k, v] : p.conditions)
                quantities += e.run + "," + reports::csv_field(p.point) + ",condition," + reports::csv_field(k) + "," + csv_num(v) + "\n";
            for (const auto& [k, v] : p.values)
                quantities += e.run + "," + reports::csv_field(p.point) + ",value," + reports::csv_field(k) + "," + csv_num(v) + "\n";
            for (const reports::check_row& c : p.checks)
                checks += e.run + "," + reports::csv_field(p.point) + "," + reports::csv_field(c.requirement) + "," +
                          reports::csv_field(c.quantity) + "," + csv_num(c.value) + "," + c.relation + "," + csv_num(c.limit) + "," +
                          (c.pass ? "true" : "false") + "\n";
            audit_rows(e.run, p.point, p.audit_trail);
            for (const reports::series_table& t : p.tables)
                for (std::size_t i = 0; i < t.rows.size(); ++i)
                    for (std::size_t c = 0; c < t.columns.size(); ++c)
                        tables += e.run + "," + reports::csv_field(p.point) + "," + reports::csv_field(t.name) + "," +
                                  std::to_string(i + 1) + "," + reports::csv_field(t.columns[c]) + "," + csv_num(t.rows[i][c]) + "\n";
        }
        const ground_truth g = ground_truth_of(r, f.path, f.key);
        std::string ds;
        for (const std::string& d : g.dormant) ds += (ds.empty() ? "" : " ") + d;
        truth += g.run + "," + g.cls + "," + reports::csv_field(g.family) + "," + csv_num(g.magnitude) + "," +
                 reports::csv_field(g.magnitude_unit) + "," + reports::csv_field(ds) + "\n";
        std::vector<double> days = daily_kwh(e, cat.family(cat.find_device(e.device_type)->family).consumption);
        if (!days.empty()) {
            sgcc_days = std::max(sgcc_days, days.size());
            sgcc.emplace_back(e.run, g.cls == "CHEAT" || g.cls == "THEFT" || g.cls == "TAMPER", std::move(days));
        }
        for (const json& p : r["points"])
            for (const json& l : p.value("labels", json::array()))
                labels += g.run + "," + reports::csv_field(p.value("id", "")) + "," + reports::csv_field(l.value("id", "")) + "," +
                          l.value("label", "") + "," + reports::csv_field(l.value("tap", "")) + "," +
                          (l.contains("onset_s") && l["onset_s"].is_number() ? csv_num(l["onset_s"].get<double>()) : "") + "," +
                          (l.contains("end_s") && l["end_s"].is_number() ? csv_num(l["end_s"].get<double>()) : "") + "," +
                          (l.contains("magnitude") && l["magnitude"].is_number() ? csv_num(l["magnitude"].get<double>()) : "") + "," +
                          reports::csv_field(l.value("magnitude_unit", "")) + "\n";
        // the split: a hash of the seed, so that a run keeps its side in any corpus it is part of
        const std::string h = scenario::sha256_hex("split/" + std::to_string(g.seed));
        const bool is_test = double(std::stoul(h.substr(0, 8), nullptr, 16) % 10000) < o.test_pct * 100;
        test += is_test;
        split += g.run + "," + std::to_string(g.seed) + "," + (is_test ? "test" : "train") + "\n";
    }
    const fs::path out(o.out);
    reports::write_file((out / "inputs/devices.csv").string(), devices);
    reports::write_file((out / "inputs/points.csv").string(), points);
    reports::write_file((out / "inputs/quantities.csv").string(), quantities);
    reports::write_file((out / "inputs/checks.csv").string(), checks);
    reports::write_file((out / "inputs/audit_trail.csv").string(), audit);
    reports::write_file((out / "inputs/tables.csv").string(), tables);
    reports::write_file((out / "truth/truth.csv").string(), truth);
    reports::write_file((out / "labels/labels.csv").string(), labels);
    reports::write_file((out / "split.csv").string(), split);
    if (!sgcc.empty()) {
        std::string csv = "CONS_NO,FLAG";
        for (std::size_t d = 0; d < sgcc_days; ++d) csv += "," + date_text(start + long(d));
        csv += "\n";
        for (const auto& [run, flag, days] : sgcc) {
            csv += run + "," + (flag ? "1" : "0");
            for (std::size_t d = 0; d < sgcc_days; ++d) csv += "," + (d < days.size() ? csv_num(days[d]) : std::string());
            csv += "\n";
        }
        reports::write_file((out / "sgcc/sgcc.csv").string(), csv);
    }
    if (!o.quiet)
        std::fprintf(stderr, "hilbench export: %zu runs (%zu train, %zu test)%s%s -> %s\n", n, n - test, test,
                     skipped ? (", " + std::to_string(skipped) + " without a record skipped").c_str() : "",
                     sgcc.empty() ? ""
                                  : ("; SGCC layout: " + std::to_string(sgcc.size()) + " customers, " + std::to_string(sgcc_days) +
                                     " days").c_str(),
                     o.out.c_str());
    return 0;
}

}  // namespace hilbench::detect
