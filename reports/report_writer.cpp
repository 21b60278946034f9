#include "reports/report_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "reports/html_parts.h"
#include "reports/plot.h"

namespace hilbench::reports {
namespace fs = std::filesystem;
namespace {

void write_text(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    const fs::path tmp = p.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary);
        if (!out) throw std::runtime_error("cannot write " + p.string());
        out << text;
        if (!out) throw std::runtime_error("cannot write " + p.string());
    }
    fs::rename(tmp, p);
}

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string conditions_text(const point_record& p) {
    std::ostringstream os;
    const double* v = find_value(p.conditions, "voltage_v");
    const double* i = find_value(p.conditions, "current_a");
    const double* pf = find_value(p.conditions, "power_factor");
    const double* ph = find_value(p.conditions, "phase_deg");
    if (v) os << num(*v, "%.4g") << " V";
    if (i) os << ", " << num(*i, "%.4g") << " A";
    if (pf) os << ", PF " << num(*pf, "%.3g") << (ph && *ph > 0 ? " ind" : ph && *ph < 0 ? " cap" : "");
    if (!v && !i) {
        for (const auto& [k, x] : p.conditions) os << (os.tellp() > 0 ? ", " : "") << k << " " << num(x, "%.4g");
    }
    return os.str();
}

}  // namespace

void write_result_json(const run_record& r, const std::string& dir) {
    write_text(fs::path(dir) / "result.json", to_json(r).dump(2) + "\n");
}

void write_junit(const run_record& r, const std::string& dir) {
    int failures = 0, errors = 0;
    for (const auto& p : r.points) {
        if (p.verdict == "fail") ++failures;
        if (p.verdict == "error") ++errors;
    }
    std::ostringstream os;
    os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    os << "<testsuites name=\"hilbench\">\n";
    os << "  <testsuite name=\"" << html_escape(r.scenario_name) << "\" tests=\"" << r.points.size()
       << "\" failures=\"" << failures << "\" errors=\"" << errors << "\">\n";
    os << "    <properties>\n";
    os << "      <property name=\"standard\" value=\"" << html_escape(r.standard) << "\"/>\n";
    os << "      <property name=\"device\" value=\"" << html_escape(r.device_type) << "\"/>\n";
    os << "      <property name=\"fidelity\" value=\"" << html_escape(r.fidelity) << "\"/>\n";
    os << "      <property name=\"seed\" value=\"" << r.seed << "\"/>\n";
    os << "      <property name=\"time_unit\" value=\"simulated seconds\"/>\n";
    os << "    </properties>\n";
    for (const auto& p : r.points) {
        const double* d = find_value(p.values, "duration_s");
        if (!d) d = find_value(p.stats, "simulated_s");
        os << "    <testcase classname=\"" << html_escape(r.standard + "." + p.test) << "\" name=\""
           << html_escape(p.id) << "\" time=\"" << (d ? num(*d, "%.3f") : "0") << "\">\n";
        std::string detail = p.title + ": " + conditions_text(p);
        for (const auto& [k, v] : p.values) detail += "; " + k + "=" + num(v, "%.6g");
        if (!p.note.empty()) detail += "; " + p.note;
        if (p.verdict == "fail")
            os << "      <failure message=\"" << html_escape(p.note.empty() ? "outside the limit" : p.note) << "\">"
               << html_escape(detail) << "</failure>\n";
        else if (p.verdict == "error")
            os << "      <error message=\"" << html_escape(p.note) << "\">" << html_escape(detail) << "</error>\n";
        else
            os << "      <system-out>" << html_escape(detail) << "</system-out>\n";
        os << "    </testcase>\n";
    }
    os << "  </testsuite>\n</testsuites>\n";
    write_text(fs::path(dir) / "junit.xml", os.str());
}

void write_csv(const run_record& r, const std::string& dir) {
    std::ostringstream os;
    if (r.device_type.rfind("scale.", 0) == 0) {
        // weighing points carry different values: one column per name used by any point
        std::vector<std::string> conds, vals;
        for (const auto& p : r.points) {
            for (const auto& [k, v] : p.conditions)
                if (std::find(conds.begin(), conds.end(), k) == conds.end()) conds.push_back(k);
            for (const auto& [k, v] : p.values)
                if (std::find(vals.begin(), vals.end(), k) == vals.end()) vals.push_back(k);
        }
        os << "id,test,verdict";
        for (const auto& c : conds) os << ",condition_" << c;
        for (const auto& c : vals) os << "," << c;
        os << "\n";
        for (const auto& p : r.points) {
            os << p.id << "," << p.test << "," << p.verdict;
            for (const auto& c : conds) os << "," << value_or(p.conditions, c, "%.10g");
            for (const auto& c : vals) os << "," << value_or(p.values, c, "%.10g");
            os << "\n";
        }
    } else {
        const std::vector<std::string> cols = {"error_pct", "error_rounded_pct", "mpe_pct", "uncertainty_pct",
                                               "dut_pulses", "ref_pulses", "pulses", "duration_s", "ref_energy_wh",
                                               "true_energy_wh"};
        os << "id,test,verdict,voltage_v,current_a,power_factor";
        for (const auto& c : cols) os << "," << c;
        os << "\n";
        for (const auto& p : r.points) {
            os << p.id << "," << p.test << "," << p.verdict << "," << value_or(p.conditions, "voltage_v", "%.10g") << ","
               << value_or(p.conditions, "current_a", "%.10g") << "," << value_or(p.conditions, "power_factor", "%.10g");
            for (const auto& c : cols) os << "," << value_or(p.values, c, "%.10g");
            os << "\n";
        }
    }
    write_text(fs::path(dir) / "points.csv", os.str());
    // the labelled dataset: one row per activation of a cheat, fault or drift
    std::ostringstream ls;
    ls << "scenario,seed,fidelity,point,id,label,tap,onset_s,end_s,magnitude,magnitude_unit\n";
    for (const auto& p : r.points)
        for (const auto& l : p.labels)
            ls << r.scenario_name << "," << r.seed << "," << r.fidelity << "," << p.id << "," << l.id << "," << l.label << ","
               << l.tap << "," << num(l.onset_s, "%.6f") << "," << num(l.end_s, "%.6f") << "," << num(l.magnitude, "%.10g")
               << "," << l.magnitude_unit << "\n";
    write_text(fs::path(dir) / "labels.csv", ls.str());
    for (const auto& p : r.points)
        for (const auto& s : p.series) {
            std::ostringstream cs;
            for (std::size_t k = 0; k < s.columns.size(); ++k) cs << (k ? "," : "") << s.columns[k];
            cs << "\n";
            for (const auto& row : s.rows) {
                for (std::size_t k = 0; k < row.size(); ++k) cs << (k ? "," : "") << num(row[k], "%.12g");
                cs << "\n";
            }
            write_text(fs::path(dir) / "series" / (p.id + "_" + s.name + ".csv"), cs.str());
        }
}

void write_html(const run_record& r, const std::string& dir) {
    std::ostringstream h;
    const bool scale = r.device_type.rfind("scale.", 0) == 0;
    const double ib = device_number(r, "basic_current_a", 1);
    int n_pass = 0, n_fail = 0, n_err = 0;
    for (const auto& p : r.points) (p.verdict == "pass" ? n_pass : p.verdict == "fail" ? n_fail : n_err)++;

    h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>hilbench report: "
      << html_escape(r.scenario_name) << "</title>\n<style>\n"
      << "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px 32px;color:#1b1f24;max-width:1180px}\n"
      << "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;border-bottom:2px solid #d0d7de;padding-bottom:4px;margin-top:28px}\n"
      << "table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}\n"
      << "th{background:#f3f5f7}td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
      << ".verdict{display:inline-block;font-weight:bold;padding:6px 16px;border-radius:4px;color:#fff;font-size:18px}\n"
      << ".verdict.pass,span.pass{background:#1a7f37}.verdict.fail,span.fail{background:#cf222e}"
         ".verdict.error,span.error{background:#9a6700}\n"
      << "span.pass,span.fail,span.error{color:#fff;padding:1px 8px;border-radius:3px;font-weight:bold;font-size:12px}\n"
      << "tr.fail td,tr.bad td{background:#ffebe9}tr.error td{background:#fff8c5}\n"
      << ".kv th{width:230px}.muted{color:#57606a;font-size:12px}.plot{margin:6px 0 14px}\n"
      << "tr.alert td{background:#fff1c2;font-weight:bold}\n"
      << "</style>\n</head>\n<body>\n";
    h << "<header><h1>Type-approval test report &mdash; " << html_escape(r.scenario_name) << "</h1>\n";
    h << "<p class=\"muted\">" << html_escape(r.scenario_description) << "</p>\n";
    h << "<div id=\"overall\" class=\"verdict " << html_escape(r.verdict) << "\">" << upper(r.verdict) << "</div> ";
    h << "<span class=\"muted\">" << n_pass << " passed, " << n_fail << " failed, " << n_err << " errors of "
      << r.points.size() << " test points</span></header>\n";

    h << "<section id=\"summary\"><h2>Summary</h2><table class=\"kv\">\n";
    auto kv = [&](const std::string& k, const std::string& v) {
        h << "<tr><th>" << html_escape(k) << "</th><td>" << html_escape(v) << "</td></tr>\n";
    };
    kv("Procedure", r.standard_title.empty() ? r.standard : r.standard_title);
    kv("Decision rule", r.decision_rule);
    kv("Device", r.device_type + " (" + r.fidelity + " fidelity)");
    auto param = [&](const std::string& k) {
        auto it = r.device_params.find(k);
        if (it == r.device_params.end()) return std::string();
        return it->second.is_string() ? it->second.get<std::string>() : it->second.dump();
    };
    if (scale) {
        kv("Rating", scale_rating(r));
    } else {
        kv("Rating", param("voltage_v") + " V, " + param("basic_current_a") + "(" + param("max_current_a") + ") A, " +
                         param("freq_hz") + " Hz, class " + param("accuracy_class"));
        kv("Meter constant", param("meter_constant_imp_per_kwh") + " imp/kWh; display resolution " +
                                 param("display_resolution_kwh") + " kWh");
    }
    kv("Software identification", r.software_id);
    kv("Scenario", r.scenario_path + " (sha256 " + r.scenario_sha256 + ")");
    kv("Seed", std::to_string(r.seed));
    if (r.has_expect) {
        std::string e = r.expect_met ? "met" : "NOT met";
        for (const auto& m : r.expect_mismatches) e += "; " + m;
        kv("Scenario expectation", e);
    }
    h << "</table></section>\n";

    if (scale) {
        // weighing points carry different results: show each point's values in one cell
        h << "<section id=\"points\"><h2>Test points</h2>\n<table class=\"points\">\n<thead><tr><th>Point</th>"
             "<th>Test</th><th>Conditions</th><th>Results</th><th>Limits confidence</th><th>Verdict</th></tr></thead>\n<tbody>\n";
        for (const auto& p : r.points) {
            std::string res;
            for (const auto& [k, v] : p.values) res += (res.empty() ? "" : ", ") + k + " " + num(v, "%.4g");
            h << "<tr class=\"" << html_escape(p.verdict) << "\"><td>" << html_escape(p.id) << "</td><td>"
              << html_escape(p.test) << "</td><td>" << html_escape(conditions_text(p)) << "</td><td>" << html_escape(res)
              << (p.note.empty() ? "" : "<br><i>" + html_escape(p.note) + "</i>") << "</td><td>"
              << html_escape(p.confidence) << "</td><td><span class=\"" << html_escape(p.verdict) << "\">"
              << upper(p.verdict) << "</span></td></tr>\n";
        }
        h << "</tbody></table></section>\n";
        h << scale_sections(r, dir);
    } else {
        h << "<section id=\"points\"><h2>Test points</h2>\n<table class=\"points\">\n<thead><tr><th>Point</th><th>Test</th>"
             "<th>Conditions</th><th>Error %</th><th>Rounded %</th><th>MPE &plusmn;%</th><th>U (k=2) %</th>"
             "<th>Pulses DUT / ref</th><th>Duration s</th><th>Ref. energy Wh</th><th>Verdict</th></tr></thead>\n<tbody>\n";
        for (const auto& p : r.points) {
            h << "<tr class=\"" << html_escape(p.verdict) << "\"><td>" << html_escape(p.id) << "</td><td>"
              << html_escape(p.test) << "</td><td>" << html_escape(conditions_text(p)) << "</td>";
            h << "<td class=\"num\">" << value_or(p.values, "error_pct", "%+.4f") << "</td>";
            h << "<td class=\"num\">" << value_or(p.values, "error_rounded_pct", "%+.2f") << "</td>";
            h << "<td class=\"num\">" << value_or(p.values, "mpe_pct", "%.2f") << "</td>";
            h << "<td class=\"num\">" << value_or(p.values, "uncertainty_pct", "%.3f") << "</td>";
            std::string pulses = value_or(p.values, "dut_pulses", "%.0f");
            if (!pulses.empty()) pulses += " / " + value_or(p.values, "ref_pulses", "%.0f");
            else pulses = value_or(p.values, "pulses", "%.0f");
            h << "<td class=\"num\">" << pulses << "</td>";
            h << "<td class=\"num\">" << value_or(p.values, "duration_s", "%.2f") << "</td>";
            h << "<td class=\"num\">" << value_or(p.values, "ref_energy_wh", "%.4f") << "</td>";
            h << "<td><span class=\"" << html_escape(p.verdict) << "\">" << upper(p.verdict) << "</span></td></tr>\n";
        }
        h << "</tbody></table></section>\n";
    }

    // error vs current, one plot per power-factor family, with the MPE envelope
    std::map<std::string, std::vector<const point_record*>> families;
    for (const auto& p : r.points) {
        if (p.test != "accuracy" || !find_value(p.values, "error_pct")) continue;
        const double* ph = find_value(p.conditions, "phase_deg");
        const double* pf = find_value(p.conditions, "power_factor");
        const std::string fam = "PF " + num(pf ? *pf : 1, "%.3g") + (ph && *ph > 0 ? " inductive" : ph && *ph < 0 ? " capacitive" : "");
        families[fam].push_back(&p);
    }
    if (!families.empty()) {
        h << "<section id=\"curves\"><h2>Error vs current</h2>\n";
        for (auto& [fam, pts] : families) {
            std::sort(pts.begin(), pts.end(), [](const point_record* a, const point_record* b) {
                return *find_value(a->conditions, "current_a") < *find_value(b->conditions, "current_a");
            });
            plot_spec spec;
            spec.title = "Error vs current, " + fam;
            spec.xlabel = "current / Ib";
            spec.ylabel = "error_pct";
            spec.logx = true;
            plot_series meas{"measured error (bars: U, k=2)", "yerrorbars", {}, "#0550ae"};
            plot_series line{"", "lines", {}, "#0550ae"};
            plot_series up{"+MPE", "steps", {}, "#cf222e"}, lo{"-MPE", "steps", {}, "#cf222e"};
            for (const point_record* p : pts) {
                const double x = *find_value(p->conditions, "current_a") / ib;
                const double* u = find_value(p->values, "uncertainty_pct");
                meas.rows.push_back({x, *find_value(p->values, "error_pct"), u ? *u : 0.0});
                line.rows.push_back({x, *find_value(p->values, "error_pct")});
                up.rows.push_back({x, *find_value(p->values, "mpe_pct")});
                lo.rows.push_back({x, -*find_value(p->values, "mpe_pct")});
            }
            line.title = "measured error";
            double ymax = 0;
            for (const auto& row : up.rows) ymax = std::max(ymax, row[1]);
            for (const auto& row : meas.rows) ymax = std::max(ymax, std::fabs(row[1]) + row[2]);
            spec.yrange = {-1.25 * ymax, 1.25 * ymax};
            spec.series = {up, lo, line, meas};
            h << "<div class=\"plot\">" << plot_or_note(spec, dir) << "</div>\n";
        }
        h << "</section>\n";
    }

    // other tests: all values and notes
    bool any_other = false;
    for (const auto& p : r.points) any_other |= p.test != "accuracy";
    if (any_other) {
        h << "<section id=\"other\"><h2>"
          << (scale ? "All test points in detail" : "Starting, no-load, register and recording tests") << "</h2>\n";
        for (const auto& p : r.points) {
            if (p.test == "accuracy") continue;
            h << "<h3 style=\"font-size:14px\">" << html_escape(p.id) << ": " << html_escape(p.title)
              << " <span class=\"" << html_escape(p.verdict) << "\">" << upper(p.verdict) << "</span></h3>\n<table class=\"kv\">\n";
            for (const auto& [k, v] : p.conditions) kv("condition " + k, num(v, "%.6g"));
            for (const auto& [k, v] : p.values) kv(k, num(v, "%.6g"));
            if (!p.note.empty()) kv("note", p.note);
            kv("limits confidence", p.confidence);
            h << "</table>\n";
            // field audit: the error per load band and per hour
            bool band_header = false;
            for (const auto& [k, v] : p.values) {
                const std::string suffix = "_true_energy_kwh";
                if (k.size() <= suffix.size() || k.compare(k.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
                const std::string band = k.substr(0, k.size() - suffix.size());
                if (!band_header) {
                    h << "<table class=\"bands\"><thead><tr><th>Load band</th><th>True energy kWh</th><th>Error %</th>"
                         "<th>MPE &plusmn;%</th></tr></thead><tbody>\n";
                    band_header = true;
                }
                const double* e = find_value(p.values, band + "_error_pct");
                const double* m = find_value(p.values, band + "_mpe_pct");
                const bool bad = e && m && v * 1000.0 >= 0 && std::fabs(*e) > *m && p.note.find(band) != std::string::npos;
                h << "<tr class=\"" << (bad ? "fail" : "pass") << "-band\"" << (bad ? " style=\"background:#ffebe9\"" : "")
                  << "><td>" << html_escape(band) << "</td><td class=\"num\">" << num(v, "%.3f") << "</td><td class=\"num\">"
                  << (e ? num(*e, "%+.3f") : "") << "</td><td class=\"num\">" << (m ? num(*m, "%.2f") : "no limit")
                  << "</td></tr>\n";
            }
            if (band_header) h << "</tbody></table>\n";
            for (const auto& s : p.series) {
                if (s.name != "hourly" || s.rows.empty()) continue;
                plot_spec spec;
                spec.title = "Error per hour of the day";
                spec.xlabel = "hour";
                spec.ylabel = "error_pct";
                plot_series e{"error of the CF output", "boxes", {}, "#0550ae"};
                for (const auto& row : s.rows) e.rows.push_back({row[0] + 0.5, row[3]});
                spec.series = {e};
                h << "<div class=\"plot\">" << plot_or_note(spec, dir) << "</div>\n";
            }
            for (const auto& s : p.series) {
                if (s.name != "energy" || s.rows.empty()) continue;
                plot_spec spec;
                spec.title = "True and indicated energy";
                spec.xlabel = "time_s";
                spec.ylabel = "energy_wh";
                plot_series t{"true (reference)", "lines", {}, "#1b1f24"}, c{"CF pulses", "steps", {}, "#0550ae"},
                    d{"display register", "steps", {}, "#cf222e"};
                for (const auto& row : s.rows) {
                    t.rows.push_back({row[0], row[1]});
                    c.rows.push_back({row[0], row[2]});
                    d.rows.push_back({row[0], row[3]});
                }
                spec.series = {t, c, d};
                h << "<div class=\"plot\">" << plot_or_note(spec, dir) << "</div>\n";
            }
        }
        h << "</section>\n";
    }

    // ground truth: labels and timelines of the points that carry any
    bool any_labels = false;
    for (const auto& p : r.points) any_labels |= !p.labels.empty();
    if (any_labels) {
        h << "<section id=\"truth\"><h2>Ground truth: cheats, faults and drift</h2>\n"
             "<p class=\"muted\">Recorded by the simulator beside the device; the test procedures never see it.</p>\n"
             "<table class=\"labels\"><thead><tr><th>Point</th><th>Id</th><th>Label</th><th>Tap / parameter</th>"
             "<th>Onset s</th><th>End s</th><th>Magnitude</th></tr></thead><tbody>\n";
        for (const auto& p : r.points)
            for (const auto& l : p.labels)
                h << "<tr><td>" << html_escape(p.id) << "</td><td>" << html_escape(l.id) << "</td><td>" << html_escape(l.label)
                  << "</td><td>" << html_escape(l.tap) << "</td><td class=\"num\">" << num(l.onset_s, "%.2f")
                  << "</td><td class=\"num\">" << num(l.end_s, "%.2f") << "</td><td>" << num(l.magnitude, "%.6g") << " "
                  << html_escape(l.magnitude_unit) << "</td></tr>\n";
        h << "</tbody></table>\n";
        for (const auto& p : r.points) {
            if (p.labels.empty()) continue;
            for (const auto& s : p.series) {
                if (s.name != "truth" || s.rows.size() < 2) continue;
                if (scale) {
                    h << scale_truth_plot(p, s, dir);
                    continue;
                }
                plot_spec e;
                e.title = p.id + ": true and indicated energy (shaded: active cheats and faults)";
                e.xlabel = "time_s";
                e.ylabel = "energy_wh";
                plot_series t{"true (reference)", "lines", {}, "#1b1f24"}, c{"CF output", "steps", {}, "#0550ae"},
                    d{"display register", "steps", {}, "#cf222e"};
                plot_spec er = e;
                er.title = p.id + ": cumulative error of the indication (from 50 CF pulses on)";
                er.ylabel = "error_pct";
                plot_series ec{"CF output", "lines", {}, "#0550ae"}, ed{"display register", "lines", {}, "#cf222e"};
                for (const auto& row : s.rows) {
                    t.rows.push_back({row[0], row[1]});
                    c.rows.push_back({row[0], row[2]});
                    d.rows.push_back({row[0], row[3]});
                    // from 50 CF pulses of energy on, so that quantisation stays below 2 %
                    if (row[1] >= 50.0 * 1000.0 / device_number(r, "meter_constant_imp_per_kwh", 1000.0)) {
                        ec.rows.push_back({row[0], (row[2] - row[1]) / row[1] * 100.0});
                        ed.rows.push_back({row[0], (row[3] - row[1]) / row[1] * 100.0});
                    }
                }
                for (const auto& l : p.labels)
                    if (l.label != "DRIFT") e.shade.emplace_back(l.onset_s, l.end_s);
                er.shade = e.shade;
                e.series = {t, c, d};
                er.series = {ec, ed};
                h << "<div class=\"plot\">" << plot_or_note(e, dir) << "</div>\n";
                if (!ec.rows.empty()) h << "<div class=\"plot\">" << plot_or_note(er, dir) << "</div>\n";
            }
        }
        h << "</section>\n";
    }

    h << "<section id=\"audit\"><h2>Audit trail (as the device logged it)</h2>\n<table>\n<thead><tr><th>#</th>"
         "<th>Event counter</th><th>Time s</th><th>Kind</th><th>Source</th><th>Parameter / event</th><th>Old</th>"
         "<th>New</th></tr></thead><tbody>\n";
    for (const auto& a : r.audit_trail)
        h << "<tr><td class=\"num\">" << a.sequence << "</td><td class=\"num\">" << a.event_counter << "</td><td class=\"num\">"
          << num(a.time_s, "%.3f") << "</td><td>" << html_escape(a.kind) << "</td><td>" << html_escape(a.source) << "</td><td>"
          << html_escape(a.parameter) << "</td><td>" << html_escape(a.old_value) << "</td><td>" << html_escape(a.new_value)
          << "</td></tr>\n";
    h << "</tbody></table>\n";
    bool extra = false;
    for (const auto& p : r.points)
        for (const auto& a : p.audit_trail)
            if (a.time_s > 0 && a.parameter != "power_on") extra = true;
    if (extra) {
        // tamper and intervention evidence stands out: tamper and reverse-power events, writes the
        // firmware did not make, and parameter changes through the command path
        auto alert = [](const audit_row& a) {
            return a.parameter.rfind("tamper", 0) == 0 || a.parameter.rfind("reverse_power", 0) == 0 ||
                   a.parameter == "unexpected_calibration_write" || a.parameter == "unexpected_adc_write" ||
                   a.parameter == "case_opened" || a.parameter == "self_lock" || a.parameter == "unlock_refused" ||
                   (a.kind == "parameter_change" && a.source != "factory");
        };
        h << "<p>Entries logged during the test points (highlighted: tamper and intervention evidence):</p>"
             "<table><thead><tr><th>Point</th><th>Time s</th><th>Kind</th>"
             "<th>Parameter / event</th><th>Old</th><th>New</th></tr></thead><tbody>\n";
        for (const auto& p : r.points)
            for (const auto& a : p.audit_trail)
                if (a.time_s > 0 && a.parameter != "power_on")
                    h << "<tr" << (alert(a) ? " class=\"alert\"" : "") << "><td>" << html_escape(p.id)
                      << "</td><td class=\"num\">" << num(a.time_s, "%.3f") << "</td><td>"
                      << html_escape(a.kind) << "</td><td>" << html_escape(a.parameter) << "</td><td>"
                      << html_escape(a.old_value) << "</td><td>" << html_escape(a.new_value) << "</td></tr>\n";
        h << "</tbody></table>\n";
    }
    h << "</section>\n";

    h << "<section id=\"software\"><h2>Software identification</h2><table class=\"kv\">\n";
    kv("Legally relevant software", r.software_id);
    kv("Formed as", "firmware version + CRC-32 over the code identity and the legally relevant parameters");
    h << "</table></section>\n";
    h << "<section id=\"provenance\"><h2>Provenance</h2><table class=\"kv\">\n";
    kv("hilbench", r.hilbench_version + " (" + r.git_commit + ")");
    kv("SystemC", r.systemc_version);
    kv("Verilator", r.verilator_version);
    kv("Fidelity", r.fidelity);
    h << "</table></section>\n</body>\n</html>\n";
    write_text(fs::path(dir) / "report.html", h.str());
}

void write_all(const run_record& r, const std::string& dir) {
    fs::create_directories(dir);
    write_result_json(r, dir);
    write_junit(r, dir);
    write_csv(r, dir);
    write_html(r, dir);
}

}  // namespace hilbench::reports
