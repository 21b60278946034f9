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

#include <unistd.h>

#include "reports/html_parts.h"
#include "reports/quantity.h"
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

vocabulary vocabulary_of(const run_record& r, const section_list& sections) {
    vocabulary all;
    for (const report_section* s : sections) {
        vocabulary v;
        s->words(r, v);
        all.names.insert(v.names.begin(), v.names.end());  // the first to name a quantity wins
        all.unit_decimals.insert(v.unit_decimals.begin(), v.unit_decimals.end());
    }
    return all;
}

void write_result_json(const run_record& r, const std::string& dir) {
    // text from outside (file names, notes) need not be UTF-8: such bytes become U+FFFD
    write_text(fs::path(dir) / "result.json", to_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void write_junit(const run_record& r, const std::string& dir, const section_list& sections) {
    // One testsuite for the run's standard, one testcase per point (classname <standard>.<test>).
    // Times are wall-clock seconds (the suite's: the run's); simulated time is a property of the
    // suite and a line of each case's output. Judged by the verdicts, or with `run
    // --check-expect` by the scenario's expectation: then a point fails only where its verdict
    // differs from the expected one, and a last testcase `expectation` holds the rest of it.
    const vocabulary words = vocabulary_of(r, sections);
    const bool by_expect = r.judged_by_expect && r.has_expect;
    struct outcome {
        std::string kind;  // "", "failure", "error"
        std::string message, detail;
    };
    std::vector<outcome> outcomes;
    int failures = 0, errors = 0;
    double simulated = 0;
    for (const auto& p : r.points) {
        outcome o;
        const std::string why = finding(p, words);
        if (p.verdict == "error") {
            o = {"error", p.note.empty() ? "the point did not complete" : p.note, ""};
        } else if (by_expect) {
            auto it = r.expect_points.find(p.id);
            if (it != r.expect_points.end() && it->second != p.verdict)
                o = {"failure", "expected " + it->second + ", got " + p.verdict + (why.empty() ? "" : ": " + why), ""};
        } else if (p.verdict == "fail") {
            o = {"failure", why.empty() ? "outside the limit" : why, ""};
        }
        failures += o.kind == "failure";
        errors += o.kind == "error";
        outcomes.push_back(o);
        for (const auto& st : p.stats)
            if (st.name == "simulated_s") simulated += st.value;
    }
    std::string other_mismatches;
    if (by_expect)
        for (const auto& m : r.expect_mismatches) {
            bool about_a_point = false;
            for (const auto& [id, v] : r.expect_points) about_a_point |= m.rfind(id + ": ", 0) == 0;
            if (!about_a_point) other_mismatches += (other_mismatches.empty() ? "" : "; ") + m;
        }
    const int tests = int(r.points.size()) + (by_expect ? 1 : 0);
    failures += other_mismatches.empty() ? 0 : 1;
    char host[256] = "";
    if (::gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "unknown");
    std::string stamp = r.meta.value("started_utc", "");
    if (!stamp.empty() && stamp.back() == 'Z') stamp.pop_back();  // xs:dateTime of the JUnit schema, in UTC
    const double wall = r.meta.value("wall_s", 0.0);
    const nlohmann::json point_wall = r.meta.value("point_wall_s", nlohmann::json::object());
    const std::string suite = r.standard.empty() ? r.scenario_name : r.standard;

    std::ostringstream os;
    os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    os << "<testsuites name=\"hilbench " << html_escape(r.scenario_name) << "\" tests=\"" << tests << "\" failures=\""
       << failures << "\" errors=\"" << errors << "\" time=\"" << num(wall, "%.3f") << "\">\n";
    os << "  <testsuite name=\"" << html_escape(suite) << "\" tests=\"" << tests << "\" failures=\"" << failures
       << "\" errors=\"" << errors << "\" skipped=\"0\" time=\"" << num(wall, "%.3f") << "\" timestamp=\""
       << html_escape(stamp) << "\" hostname=\"" << html_escape(host) << "\">\n";
    os << "    <properties>\n";
    auto property = [&](const std::string& k, const std::string& v) {
        os << "      <property name=\"" << k << "\" value=\"" << html_escape(v) << "\"/>\n";
    };
    property("scenario", r.scenario_name);
    property("scenario_file", r.scenario_path);
    property("standard", r.standard_title.empty() ? r.standard : r.standard_title);
    property("device", r.device_type);
    property("fidelity", r.fidelity);
    property("seed", std::to_string(r.seed));
    property("simulated_s", num(simulated, "%.3f"));
    property("judged_by", by_expect ? "the scenario's expectation (--check-expect)" : "the verdicts");
    os << "    </properties>\n";
    for (std::size_t k = 0; k < r.points.size(); ++k) {
        const point_record& p = r.points[k];
        const outcome& o = outcomes[k];
        double sim = 0;
        for (const auto& st : p.stats)
            if (st.name == "simulated_s") sim = st.value;
        os << "    <testcase classname=\"" << html_escape(suite + "." + p.test) << "\" name=\"" << html_escape(p.id)
           << "\" time=\"" << num(point_wall.value(p.id, p.wall_s), "%.3f") << "\">\n";
        std::string out = p.title + "\nverdict: " + p.verdict + "\nconditions: " + conditions_text(p) +
                          "\nsimulated: " + num(sim, "%.3f") + " s";
        for (const auto& c : p.checks) out += "\n" + std::string(c.pass ? "met: " : "NOT met: ") + check_text(c, words);
        if (!p.note.empty()) out += "\nnote: " + p.note;
        if (!o.kind.empty())
            os << "      <" << o.kind << " message=\"" << html_escape(o.message) << "\" type=\""
               << (o.kind == "error" ? "error" : by_expect ? "expectation" : "verdict") << "\"/>\n";
        os << "      <system-out>" << html_escape(out) << "</system-out>\n";
        os << "    </testcase>\n";
    }
    if (by_expect) {
        os << "    <testcase classname=\"" << html_escape(suite) << ".expect\" name=\"expectation\" time=\"0\">\n";
        if (!other_mismatches.empty())
            os << "      <failure message=\"" << html_escape(other_mismatches) << "\" type=\"expectation\"/>\n";
        os << "      <system-out>" << html_escape(r.expect_met ? "the scenario's expectation is met" : "expectation NOT met")
           << "</system-out>\n    </testcase>\n";
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
    // RFC 4180: text fields are quoted when they need it; a value a point lacks is an empty field
    os << "id,test,verdict";
    for (const auto& c : layout.conditions) os << "," << csv_field(layout.condition_prefix + c);
    for (const auto& c : layout.values) os << "," << csv_field(c);
    os << ",finding\n";
    const vocabulary words = vocabulary_of(r, sections);
    for (const auto& p : r.points) {
        os << csv_field(p.id) << "," << csv_field(p.test) << "," << p.verdict;
        for (const auto& c : layout.conditions) os << "," << value_or(p.conditions, c, "%.10g");
        for (const auto& c : layout.values) os << "," << value_or(p.values, c, "%.10g");
        os << "," << csv_field(finding(p, words)) << "\n";
    }
    write_text(fs::path(dir) / "points.csv", os.str());
    // the labelled dataset: one row per activation of a cheat, fault or drift
    std::ostringstream ls;
    ls << "scenario,seed,fidelity,point,id,label,tap,onset_s,end_s,magnitude,magnitude_unit\n";
    for (const auto& p : r.points)
        for (const auto& l : p.labels)
            ls << csv_field(r.scenario_name) << "," << r.seed << "," << csv_field(r.fidelity) << "," << csv_field(p.id)
               << "," << csv_field(l.id) << "," << csv_field(l.label) << "," << csv_field(l.tap) << ","
               << num(l.onset_s, "%.6f") << "," << num(l.end_s, "%.6f") << "," << num(l.magnitude, "%.10g") << ","
               << csv_field(l.magnitude_unit) << "\n";
    write_text(fs::path(dir) / "labels.csv", ls.str());
    for (const auto& p : r.points)
        for (const auto& s : p.series) {
            if (s.streamed) continue;  // written as it was recorded
            std::string cs = csv_header(s);
            for (std::size_t k = 0; k < s.rows.size(); ++k)
                cs += csv_row(s.rows[k], s.key_column.empty() || k >= s.keys.size() ? nullptr : &s.keys[k]);
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
    write_junit(r, dir, sections);
    write_csv(r, dir, sections);
    write_html(r, dir, sections);
}

}  // namespace hilbench::reports
