#include "reports/report_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/section.h"

namespace hilbench::reports {
namespace fs = std::filesystem;
void write_file(const std::string& path, const std::string& text) {
    const fs::path p(path);
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    if (ec) throw write_error(p.parent_path().string(), ec.message());
    // through a temporary beside it: a reader never sees half a file, and a failed write leaves none
    const fs::path tmp = p.string() + ".tmp";
    errno = 0;
    bool ok = false;
    {
        std::ofstream out(tmp, std::ios::binary);
        if (out) {
            out << text;
            out.flush();
            ok = bool(out);
        }
    }
    if (!ok) {
        const std::string why = errno ? std::strerror(errno) : "the write failed";
        fs::remove(tmp, ec);
        throw write_error(p.string(), why);
    }
    fs::rename(tmp, p, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw write_error(p.string(), ec.message());
    }
}

namespace {

void write_text(const fs::path& p, const std::string& text) { write_file(p.string(), text); }

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

void write_result_json(const run_record& r, const std::string& dir) {
    // text from outside (file names, notes) need not be UTF-8: such bytes become U+FFFD
    write_text(fs::path(dir) / "result.json", to_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
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
        for (const auto& st : p.stats)
            if (!d && st.name == "simulated_s") d = &st.value;
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

void write_csv(const run_record& r, const std::string& dir, const section_list& sections) {
    std::ostringstream os;
    csv_layout layout;
    for (const report_section* s : sections)
        if (layout.conditions.empty() && layout.values.empty()) layout = s->points_csv();
    if (layout.conditions.empty() && layout.values.empty()) {
        // one column per condition and per value that any point carries
        layout.condition_prefix = "condition_";
        for (const auto& p : r.points) {
            for (const auto& [k, v] : p.conditions)
                if (std::find(layout.conditions.begin(), layout.conditions.end(), k) == layout.conditions.end())
                    layout.conditions.push_back(k);
            for (const auto& [k, v] : p.values)
                if (std::find(layout.values.begin(), layout.values.end(), k) == layout.values.end()) layout.values.push_back(k);
        }
    }
    os << "id,test,verdict";
    for (const auto& c : layout.conditions) os << "," << layout.condition_prefix << c;
    for (const auto& c : layout.values) os << "," << c;
    os << "\n";
    for (const auto& p : r.points) {
        os << p.id << "," << p.test << "," << p.verdict;
        for (const auto& c : layout.conditions) os << "," << value_or(p.conditions, c, "%.10g");
        for (const auto& c : layout.values) os << "," << value_or(p.values, c, "%.10g");
        os << "\n";
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
            if (s.streamed) continue;  // written as it was recorded
            std::string cs = csv_header(s);
            for (const auto& row : s.rows) cs += csv_row(row);
            write_text(fs::path(dir) / "series" / (p.id + "_" + s.name + ".csv"), cs);
        }
}

void write_html(const run_record& r, const std::string& dir, const section_list& sections) {
    std::ostringstream h;
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
    summary_rows rows;
    for (const report_section* s : sections) s->summary(r, rows);
    for (const auto& [k, v] : rows) kv(k, v);
    kv("Software identification", r.software_id);
    kv("Scenario", r.scenario_path + " (sha256 " + r.scenario_sha256 + ")");
    kv("Seed", std::to_string(r.seed));
    if (r.has_expect) {
        std::string e = r.expect_met ? "met" : "NOT met";
        for (const auto& m : r.expect_mismatches) e += "; " + m;
        kv("Scenario expectation", e);
    }
    h << "</table></section>\n";

    std::string table;
    for (const report_section* s : sections)
        if (table.empty()) table = s->points_table(r);
    if (table.empty()) {
        // every value of a point in one cell
        std::ostringstream t;
        t << "<section id=\"points\"><h2>Test points</h2>\n<table class=\"points\">\n<thead><tr><th>Point</th>"
             "<th>Test</th><th>Conditions</th><th>Results</th><th>Limits confidence</th><th>Verdict</th></tr></thead>\n<tbody>\n";
        for (const auto& p : r.points) {
            std::string res;
            for (const auto& [k, v] : p.values) res += (res.empty() ? "" : ", ") + k + " " + num(v, "%.4g");
            t << "<tr class=\"" << html_escape(p.verdict) << "\"><td>" << html_escape(p.id) << "</td><td>"
              << html_escape(p.test) << "</td><td>" << html_escape(conditions_text(p)) << "</td><td>" << html_escape(res)
              << (p.note.empty() ? "" : "<br><i>" + html_escape(p.note) + "</i>") << "</td><td>"
              << html_escape(p.confidence) << "</td><td>" << badge(p.verdict) << "</td></tr>\n";
        }
        t << "</tbody></table></section>\n";
        table = t.str();
    }
    h << table;
    for (const report_section* s : sections) h << s->body(r, dir);

    // every point no part shows in full: all its values and notes
    auto covered = [&](const point_record& p) {
        return std::any_of(sections.begin(), sections.end(), [&](const report_section* s) { return s->covers(p); });
    };
    if (std::any_of(r.points.begin(), r.points.end(), [&](const point_record& p) { return !covered(p); })) {
        h << "<section id=\"other\"><h2>Test points in detail</h2>\n";
        for (const auto& p : r.points) {
            if (covered(p)) continue;
            h << "<h3 style=\"font-size:14px\">" << html_escape(p.id) << ": " << html_escape(p.title) << " "
              << badge(p.verdict) << "</h3>\n<table class=\"kv\">\n";
            for (const auto& [k, v] : p.conditions) kv("condition " + k, num(v, "%.6g"));
            for (const auto& [k, v] : p.values) kv(k, num(v, "%.6g"));
            if (!p.note.empty()) kv("note", p.note);
            kv("limits confidence", p.confidence);
            h << "</table>\n";
            for (const report_section* s : sections) h << s->point_detail(r, p, dir);
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
                for (const report_section* sec : sections) {
                    const std::string plot = sec->truth_plot(r, p, s, dir);
                    if (plot.empty()) continue;
                    h << plot;
                    break;
                }
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
        // tamper and intervention evidence stands out: what the device's parts call evidence,
        // and every parameter change through the command path
        auto alert = [&](const audit_row& a) {
            if (a.kind == "parameter_change" && a.source != "factory") return true;
            return std::any_of(sections.begin(), sections.end(), [&](const report_section* s) { return s->evidence(a); });
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

void write_all(const run_record& r, const std::string& dir, const section_list& sections) {
    fs::create_directories(dir);
    write_result_json(r, dir);
    write_junit(r, dir);
    write_csv(r, dir, sections);
    write_html(r, dir, sections);
}

}  // namespace hilbench::reports
