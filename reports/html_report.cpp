// report.html: the test report a lab files, laid out as the OIML test-report formats (R 46-3
// for meters, R 76-2 for weighing instruments). 1 identification of the instrument, the
// laboratory with its reference standards, the dates and the environment of each test; 2 the
// summary checklist, pass or fail per requirement; 3 a form per test: its clause, conditions,
// the readings of every point at the resolution the test needs, the requirements judged, plots
// and the readings of the point's series; then ground truth, audit trail, software
// identification and provenance. Quantities are words with units and fixed decimals
// (reports/quantity.h). Self-contained (inline CSS and SVG) and printable to A4 (hilbench report).
#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/quantity.h"
#include "reports/report_writer.h"
#include "reports/sections/section.h"

namespace hilbench::reports {
namespace {

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string esc(const std::string& s) { return html_escape(s); }

// "2026-11-30T14:13:57Z" (+ seconds) -> "2026-11-30 14:13:57 UTC"
std::string utc_text(const std::string& iso, double plus_s = 0) {
    std::tm tm{};
    if (iso.size() < 19 || !strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return iso.empty() ? "not recorded" : iso;
    std::time_t t = timegm(&tm) + static_cast<std::time_t>(std::llround(plus_s));
    char b[40];
    std::strftime(b, sizeof b, "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&t, &tm));
    return b;
}

const char* style_sheet() {
    return R"(body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px 32px;color:#1b1f24;max-width:1180px;font-size:13px}
h1{font-size:21px;margin:0 0 2px}h2{font-size:16px;border-bottom:2px solid #d0d7de;padding-bottom:3px;margin:26px 0 8px}
h3{font-size:14px;margin:18px 0 4px}h4{font-size:13px;margin:10px 0 4px}
table{border-collapse:collapse;font-size:12px;margin:6px 0 10px}th,td{border:1px solid #d0d7de;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f3f5f7;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.verdict{display:inline-block;font-weight:bold;padding:5px 16px;border-radius:4px;color:#fff;font-size:18px}
.verdict.pass,span.pass{background:#1a7f37}.verdict.fail,span.fail{background:#cf222e}.verdict.error,span.error{background:#9a6700}
span.pass,span.fail,span.error{color:#fff;padding:1px 8px;border-radius:3px;font-weight:bold;font-size:11px}
tr.fail td,tr.bad td{background:#ffebe9}tr.error td{background:#fff8c5}tr.alert td{background:#fff1c2;font-weight:bold}
.kv th{width:240px}.muted{color:#57606a;font-size:12px}.plot{margin:6px 0 12px}.plot svg{max-width:100%;height:auto}
.form{border-top:1px solid #d0d7de;margin-top:14px}.clause{color:#57606a;font-weight:normal;font-size:12px}
.tag{font-family:'DejaVu Sans Mono',monospace;font-size:11px;color:#57606a}td.tag{min-width:150px}td.note{min-width:140px}.legend{font-size:11px;color:#57606a;margin:4px 0 10px}
.legend b{font-family:'DejaVu Sans Mono',monospace}
@page{size:A4;margin:14mm 12mm 16mm 12mm;
 @bottom-left{content:"hilbench test report";font-size:8pt;color:#57606a}
 @bottom-right{content:"page " counter(page) " of " counter(pages);font-size:8pt;color:#57606a}}
@media print{body{margin:0;max-width:none;font-size:10.5px}table{font-size:9.5px}th,td{padding:2px 5px}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 h2,h3,h4{break-after:avoid}tr,.plot,.kv{break-inside:avoid}.form{break-before:auto}
 .plot svg{max-width:170mm}}
)";
}

// What the confidence tags mean; shown wherever tags appear.
std::string tag_legend() {
    return "<p class=\"legend\">Confidence of a limit or clause number: <b>[S]</b> read in a primary or near-primary "
           "source (the standard's or the legislation's text); <b>[S~]</b> read in a secondary source that quotes it; "
           "<b>[M]</b> from domain knowledge, not yet checked against the standard's text; <b>[C]</b> the sources "
           "conflict. Tags without brackets (S, S~, M) mean the same.</p>\n";
}

// How badly a check stands against its limit: larger is worse; one that failed is worse than any pass.
double badness(const check_row& c) {
    if (std::isnan(c.value)) return std::numeric_limits<double>::infinity();
    double score = 0;
    if (c.relation == "abs_le") score = c.limit > 0 ? std::fabs(c.value) / c.limit : std::fabs(c.value);
    else if (c.relation == "le") score = c.limit > 0 ? c.value / c.limit : c.value - c.limit;
    else if (c.relation == "ge") score = c.value > 0 ? c.limit / c.value : c.limit - c.value + 1;
    else score = c.pass ? 0 : 1;
    return c.pass ? score : 1e9 + score;
}

// One requirement of a test over its points: the worst of them, and how many met it.
struct requirement_row {
    std::string requirement;
    const check_row* worst = nullptr;
    std::string worst_point;
    int met = 0, judged = 0;
};

std::vector<requirement_row> requirements_of(const std::vector<const point_record*>& points) {
    std::vector<requirement_row> out;
    for (const point_record* p : points)
        for (const check_row& c : p->checks) {
            auto it = std::find_if(out.begin(), out.end(), [&](const requirement_row& r) { return r.requirement == c.requirement; });
            if (it == out.end()) {
                out.push_back({c.requirement, nullptr, "", 0, 0});
                it = out.end() - 1;
            }
            ++it->judged;
            it->met += c.pass;
            if (!it->worst || badness(c) > badness(*it->worst)) {
                it->worst = &c;
                it->worst_point = p->id;
            }
        }
    return out;
}

std::string test_verdict(const std::vector<const point_record*>& points) {
    bool fail = false, error = false;
    for (const point_record* p : points) {
        fail |= p->verdict == "fail";
        error |= p->verdict == "error";
    }
    return error ? "error" : fail ? "fail" : "pass";
}

bool same_everywhere(const std::vector<const point_record*>& points, const std::string& name, bool condition) {
    const double* first = nullptr;
    for (const point_record* p : points) {
        const double* v = find_value(condition ? p->conditions : p->values, name);
        if (!v) return false;
        if (!first) first = v;
        else if (!(*v == *first)) return false;
    }
    return true;
}

class page {
public:
    page(const run_record& record, const std::string& out_dir, const section_list& parts)
        : r(record), dir(out_dir), sections(parts), words(vocabulary_of(record, parts)) {
        for (const auto& p : r.points) by_test[p.test].push_back(&p);
        tests = r.tests;
        for (const auto& p : r.points)  // a record without the tests' titles (older result.json)
            if (std::none_of(tests.begin(), tests.end(), [&](const test_info& t) { return t.name == p.test; }))
                tests.push_back({p.test, p.test, "", ""});
    }

    std::string html() {
        reset_plot_ids();
        head();
        identification();
        checklist();
        forms();
        ground_truth();
        audit();
        software_and_provenance();
        h << "</body>\n</html>\n";
        return h.str();
    }

private:
    const run_record& r;
    const std::string& dir;
    const section_list& sections;
    const vocabulary words;
    std::map<std::string, std::vector<const point_record*>> by_test;
    std::vector<test_info> tests;
    std::ostringstream h;

    void kv(const std::string& k, const std::string& v) { h << "<tr><th>" << esc(k) << "</th><td>" << esc(v) << "</td></tr>\n"; }

    std::string clause_text(const test_info& t) const {
        if (t.clause.empty()) return "";
        return t.clause + (t.confidence.empty() ? "" : " [" + t.confidence + "]");
    }

    void head() {
        int n_pass = 0, n_fail = 0, n_err = 0;
        for (const auto& p : r.points) (p.verdict == "pass" ? n_pass : p.verdict == "fail" ? n_fail : n_err)++;
        h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Test report: "
          << esc(r.scenario_name) << "</title>\n<style>\n" << style_sheet() << "</style>\n</head>\n<body>\n";
        // a recording (a stimulus, no limits) is not a type-approval test
        h << "<header><h1>" << (r.kind == "stimulus" ? "Recording report" : "Type-approval test report") << " &mdash; "
          << esc(r.scenario_name) << "</h1>\n";
        h << "<p class=\"muted\">" << esc(r.standard_title.empty() ? r.standard : r.standard_title) << "<br>"
          << esc(r.scenario_description) << "</p>\n";
        h << "<div id=\"overall\" class=\"verdict " << esc(r.verdict) << "\">" << upper(r.verdict) << "</div> ";
        h << "<span class=\"muted\">" << n_pass << " passed, " << n_fail << " failed, " << n_err << " errors of "
          << r.points.size() << " test points in " << tests.size() << " tests</span>\n";
        h << "<p class=\"muted\">The instrument under test is a simulation model (hilbench " << esc(r.hilbench_version)
          << "): its metering front end is the synthesisable RTL, its world and the laboratory's reference standards "
             "are simulated. The report follows the structure of the OIML test-report formats (R 46-3, R 76-2, R 117-2).</p>"
             "</header>\n";
    }

    void identification() {
        h << "<section id=\"identification\"><h2>1 Identification</h2>\n<h3>1.1 Instrument under test</h3>\n"
             "<table class=\"kv\">\n";
        kv("Manufacturer", r.manufacturer.empty() ? "not stated" : r.manufacturer);
        kv("Type / model", r.model.empty() ? "not stated" : r.model);
        kv("Serial number", r.serial_number.empty() ? "not stated" : r.serial_number);
        kv("Device model", r.device_type + " (" + r.fidelity + " fidelity)");
        summary_rows rows;
        for (const report_section* s : sections) s->summary(r, rows);
        for (const auto& [k, v] : rows) kv(k, v);
        kv("Software identification", r.software_id);
        h << "</table>\n<h3>1.2 Laboratory</h3>\n<table class=\"kv\">\n";
        kv("Testing laboratory", r.lab_name.empty() ? "not stated" : r.lab_name);
        kv("Address", r.lab_address.empty() ? "not stated" : r.lab_address);
        kv("Tests performed by", r.lab_operator.empty() ? "not stated" : r.lab_operator);
        h << "</table>\n";
        std::vector<reference_row> refs;
        for (const report_section* s : sections) s->reference_standards(r, refs);
        if (!refs.empty()) {
            h << "<table id=\"reference_standards\"><thead><tr><th>Reference standard</th><th>Class / accuracy</th>"
                 "<th>Calibration certificate</th></tr></thead><tbody>\n";
            for (const auto& x : refs)
                h << "<tr><td>" << esc(x.instrument) << "</td><td>" << esc(x.accuracy) << "</td><td>" << esc(x.certificate)
                  << "</td></tr>\n";
            h << "</tbody></table>\n";
        }
        h << "<h3>1.3 Test dates and conditions</h3>\n<table class=\"kv\">\n";
        const std::string started = r.meta.value("started_utc", "");
        kv("Tests started", utc_text(started));
        kv("Tests ended", utc_text(started, r.meta.value("wall_s", 0.0)));
        kv("Standard", r.standard_title.empty() ? r.standard : r.standard_title);
        kv("Decision rule", r.decision_rule);
        kv("Scenario", r.scenario_path + " (sha256 " + r.scenario_sha256 + "), seed " + std::to_string(r.seed));
        if (r.has_expect) {
            std::string e = r.expect_met ? "met" : "NOT met";
            for (const auto& m : r.expect_mismatches) e += "; " + m;
            kv("Scenario expectation", e);
        }
        h << "</table>\n";
        // the environment at the start and the end of each test, as the forms record it
        std::vector<std::string> env;
        for (const auto& p : r.points)
            for (const auto* side : {&p.environment_start, &p.environment_end})
                for (const auto& [k, v] : *side)
                    if (std::find(env.begin(), env.end(), k) == env.end()) env.push_back(k);
        if (!env.empty()) {
            h << "<table id=\"environment\"><thead><tr><th>Test</th>";
            for (const auto& k : env) h << "<th>" << esc(column_title(describe(k, words))) << " at start / end</th>";
            h << "<th>Relative humidity</th></tr></thead><tbody>\n";
            for (const auto& t : tests) {
                const auto& pts = by_test[t.name];
                if (pts.empty()) continue;
                h << "<tr><td>" << esc(t.title) << "</td>";
                for (const auto& k : env) {
                    const double* a = find_value(pts.front()->environment_start, k);
                    const double* b = find_value(pts.back()->environment_end, k);
                    const quantity q = describe(k, words);
                    h << "<td class=\"num\">" << (a ? format_number(*a, q) : "") << " / " << (b ? format_number(*b, q) : "")
                      << "</td>";
                }
                h << "<td>not simulated</td></tr>\n";
            }
            h << "</tbody></table>\n";
        }
        h << "</section>\n";
    }

    void checklist() {
        h << "<section id=\"checklist\"><h2>2 Summary of the evaluation</h2>\n"
             "<table class=\"checklist\"><thead><tr><th>Test</th><th>Clause</th><th>Requirement</th><th>Worst point</th>"
             "<th>Measured</th><th>Limit</th><th>Points meeting it</th><th>Result</th></tr></thead><tbody>\n";
        int n = 0;
        for (const auto& t : tests) {
            const auto& pts = by_test[t.name];
            ++n;
            std::vector<requirement_row> reqs = requirements_of(pts);
            const std::string verdict = test_verdict(pts);
            const std::size_t span = std::max<std::size_t>(1, reqs.size());
            h << "<tr class=\"test-" << verdict << "\"><td rowspan=\"" << span << "\"><a href=\"#test-" << esc(t.name)
              << "\">3." << n << "</a> " << esc(t.title) << "</td><td rowspan=\"" << span << "\">" << esc(clause_text(t))
              << "</td>";
            if (reqs.empty()) {
                h << "<td colspan=\"5\">";
                for (const point_record* p : pts)
                    if (!p->note.empty()) h << esc(p->id) << ": " << esc(p->note) << " ";
                h << "</td><td>" << badge(verdict) << "</td></tr>\n";
                continue;
            }
            for (std::size_t k = 0; k < reqs.size(); ++k) {
                const requirement_row& q = reqs[k];
                if (k > 0) h << "<tr>";
                const bool all = q.met == q.judged;
                h << "<td>" << esc(q.requirement) << "</td><td>" << esc(q.worst_point) << "</td><td class=\"num\">"
                  << esc(check_measured(*q.worst, words)) << "</td><td class=\"num\">" << esc(check_limit(*q.worst, words))
                  << "</td><td class=\"num\">" << q.met << " of " << q.judged << "</td><td>"
                  << badge(all ? "pass" : "fail") << "</td></tr>\n";
            }
        }
        h << "</tbody></table>\n" << tag_legend() << "</section>\n";
    }

    // The table of a test's points: a column per condition that varies and per value; one row
    // per point. A test of one point reads down a column instead.
    void points_table(const test_info& t, const std::vector<const point_record*>& pts) {
        std::vector<std::string> fixed, varying, values;
        for (const point_record* p : pts)
            for (const auto& [k, v] : p->conditions) {
                auto& list = same_everywhere(pts, k, true) ? fixed : varying;
                if (std::find(list.begin(), list.end(), k) == list.end()) list.push_back(k);
            }
        for (const point_record* p : pts)
            for (const auto& [k, v] : p->values) {
                if (std::find(values.begin(), values.end(), k) != values.end()) continue;
                const std::string& name = k;  // a structured binding cannot be captured (C++17)
                if (std::any_of(sections.begin(), sections.end(), [&](const report_section* s) { return s->hides(t.name, name); }))
                    continue;
                // a value that repeats a condition of the point adds nothing
                const double* c = find_value(p->conditions, k);
                if (c && *c == v) continue;
                values.push_back(k);
            }
        if (!fixed.empty()) {
            h << "<p><b>Conditions:</b> ";
            bool first = true;
            for (const auto& k : fixed) {
                const quantity q = describe(k, words);
                h << (first ? "" : "; ") << esc(q.title) << " " << esc(format_value(*find_value(pts.front()->conditions, k), q));
                first = false;
            }
            h << "</p>\n";
        }
        bool notes = false, one_source = true;
        for (const point_record* p : pts) {
            notes |= !p->note.empty();
            one_source &= p->confidence == pts.front()->confidence;
        }
        if (one_source && pts.size() > 1) h << "<p><b>Limits from:</b> " << esc(pts.front()->confidence) << "</p>\n";
        // points that share few quantities (zero-setting accuracy and ranges) read down, one table
        // each, rather than as a table of mostly empty cells
        std::size_t filled = 0;
        for (const point_record* p : pts) {
            for (const auto& k : varying) filled += find_value(p->conditions, k) != nullptr;
            for (const auto& k : values) filled += find_value(p->values, k) != nullptr;
        }
        const std::size_t cells = pts.size() * (varying.size() + values.size());
        if (pts.size() == 1 || (cells > 0 && filled * 10 < cells * 6)) {
            for (const point_record* pp : pts) {
                const point_record& p = *pp;
                h << "<table class=\"kv reading\">\n";
                h << "<tr><th>Point</th><td>" << esc(p.id) << ": " << esc(p.title) << "</td></tr>\n";
                for (const auto& k : varying)
                    if (const double* v = find_value(p.conditions, k)) row_kv(k, v);
                for (const auto& k : values)
                    if (const double* v = find_value(p.values, k)) row_kv(k, v);
                if (!p.note.empty()) kv("Note", p.note);
                kv("Limits from", p.confidence);
                h << "<tr class=\"" << esc(p.verdict) << "\" data-point=\"" << esc(p.id) << "\"><th>Result</th><td>"
                  << badge(p.verdict) << "</td></tr>\n</table>\n";
            }
            return;
        }
        h << "<table class=\"points\"><thead><tr><th>Point</th>";
        for (const auto& k : varying) h << "<th>" << esc(column_title(describe(k, words))) << "</th>";
        for (const auto& k : values) h << "<th>" << esc(column_title(describe(k, words))) << "</th>";
        h << (one_source ? "" : "<th>Limits from</th>") << (notes ? "<th>Note</th>" : "") << "<th>Result</th></tr></thead><tbody>\n";
        for (const point_record* p : pts) {
            h << "<tr class=\"" << esc(p->verdict) << "\" data-point=\"" << esc(p->id) << "\"><td>" << esc(p->id) << "</td>";
            for (const auto& k : varying) cell(k, find_value(p->conditions, k));
            for (const auto& k : values) cell(k, find_value(p->values, k));
            if (!one_source) h << "<td class=\"tag\">" << esc(p->confidence) << "</td>";
            if (notes) h << "<td class=\"note\">" << esc(p->note) << "</td>";
            h << "<td>" << badge(p->verdict) << "</td></tr>\n";
        }
        h << "</tbody></table>\n";
    }

    void cell(const std::string& k, const double* v) {
        h << "<td class=\"num\">" << (v ? esc(format_number(*v, describe(k, words))) : "") << "</td>";
    }
    void row_kv(const std::string& k, const double* v) {
        const quantity q = describe(k, words);
        h << "<tr><th>" << esc(column_title(q)) << "</th><td class=\"num\">" << (v ? esc(format_number(*v, q)) : "")
          << "</td></tr>\n";
    }

    void requirements_table(const std::vector<const point_record*>& pts) {
        bool any = false;
        for (const point_record* p : pts) any |= !p->checks.empty();
        if (!any) return;
        h << "<table class=\"requirements\"><thead><tr><th>Point</th><th>Requirement</th><th>Measured</th><th>Limit</th>"
             "<th>Met</th></tr></thead><tbody>\n";
        for (const point_record* p : pts)
            for (const check_row& c : p->checks)
                h << "<tr" << (c.pass ? "" : " class=\"bad\"") << "><td>" << esc(p->id) << "</td><td>" << esc(c.requirement)
                  << "</td><td class=\"num\">" << esc(check_measured(c, words)) << "</td><td class=\"num\">"
                  << esc(check_limit(c, words)) << "</td><td>" << (c.pass ? "yes" : "<b>NO</b>") << "</td></tr>\n";
        h << "</tbody></table>\n";
    }

    void forms() {
        h << "<section id=\"forms\"><h2>3 Test forms</h2>\n" << tag_legend();
        int n = 0;
        for (const auto& t : tests) {
            const auto& pts = by_test[t.name];
            ++n;
            h << "<section class=\"form\" id=\"test-" << esc(t.name) << "\"><h3>3." << n << " " << esc(t.title) << " "
              << badge(test_verdict(pts)) << "</h3>\n";
            h << "<p class=\"clause\">" << (t.clause.empty() ? "" : "Clause " + esc(clause_text(t)) + " &middot; ")
              << pts.size() << (pts.size() == 1 ? " point" : " points") << " &middot; test <code>" << esc(t.name)
              << "</code></p>\n";
            points_table(t, pts);
            h << "<h4>Requirements judged</h4>\n";
            requirements_table(pts);
            for (const report_section* s : sections) h << s->test_detail(r, t.name, dir);
            for (const point_record* p : pts) {
                for (const report_section* s : sections) h << s->point_detail(r, *p, dir);
                series_tables(*p);
            }
            h << "</section>\n";
        }
        h << "</section>\n";
    }

    // The readings a point recorded (its series), except the ground truth and long recordings,
    // which are in series/*.csv.
    void series_tables(const point_record& p) {
        for (const auto& s : p.series) {
            if (s.name == "truth" || s.rows.empty()) continue;
            const std::string file = "series/" + p.id + "_" + s.name + ".csv";
            if (s.streamed || s.rows.size() > 60) {
                h << "<p class=\"muted\">" << esc(p.id) << ": " << s.rows.size() << (s.streamed ? "+" : "")
                  << " readings of '" << esc(s.name) << "' in <a href=\"" << esc(file) << "\">" << esc(file) << "</a></p>\n";
                continue;
            }
            h << "<h4>" << esc(p.id) << ": " << esc(describe(s.name, words).title) << "</h4>\n";
            h << series_table_html(s, s.columns, words, "readings");
        }
    }

    void ground_truth() {
        bool any_labels = false;
        for (const auto& p : r.points) any_labels |= !p.labels.empty();
        if (!any_labels) return;
        h << "<section id=\"truth\"><h2>4 Ground truth: cheats, faults and drift</h2>\n"
             "<p class=\"muted\">Recorded by the simulator beside the device; the test procedures never see it.</p>\n"
             "<table class=\"labels\"><thead><tr><th>Point</th><th>Id</th><th>Label</th><th>Tap / parameter</th>"
             "<th>Onset (s)</th><th>End (s)</th><th>Magnitude</th></tr></thead><tbody>\n";
        for (const auto& p : r.points)
            for (const auto& l : p.labels)
                h << "<tr><td>" << esc(p.id) << "</td><td>" << esc(l.id) << "</td><td>" << esc(l.label) << "</td><td>"
                  << esc(l.tap) << "</td><td class=\"num\">" << num(l.onset_s, "%.2f") << "</td><td class=\"num\">"
                  << num(l.end_s, "%.2f") << "</td><td class=\"num\">" << num(l.magnitude, "%.6g") << " "
                  << esc(l.magnitude_unit) << "</td></tr>\n";
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

    void audit() {
        h << "<section id=\"audit\"><h2>Audit trail (as the device logged it)</h2>\n<table>\n<thead><tr><th>#</th>"
             "<th>Event counter</th><th>Time (s)</th><th>Kind</th><th>Source</th><th>Parameter / event</th><th>Old</th>"
             "<th>New</th></tr></thead><tbody>\n";
        for (const auto& a : r.audit_trail)
            h << "<tr><td class=\"num\">" << a.sequence << "</td><td class=\"num\">" << a.event_counter
              << "</td><td class=\"num\">" << num(a.time_s, "%.3f") << "</td><td>" << esc(a.kind) << "</td><td>"
              << esc(a.source) << "</td><td>" << esc(a.parameter) << "</td><td>" << esc(a.old_value) << "</td><td>"
              << esc(a.new_value) << "</td></tr>\n";
        h << "</tbody></table>\n";
        auto during = [](const audit_row& a) { return a.time_s > 0 && a.parameter != "power_on"; };
        bool extra = false;
        for (const auto& p : r.points) extra |= std::any_of(p.audit_trail.begin(), p.audit_trail.end(), during);
        if (extra) {
            // tamper and intervention evidence stands out: what the device's parts call evidence,
            // and every parameter change through the command path
            auto alert = [&](const audit_row& a) {
                if (a.kind == "parameter_change" && a.source != "factory") return true;
                return std::any_of(sections.begin(), sections.end(), [&](const report_section* s) { return s->evidence(a); });
            };
            h << "<p>Entries logged during the test points (highlighted: tamper and intervention evidence):</p>"
                 "<table><thead><tr><th>Point</th><th>Time (s)</th><th>Kind</th>"
                 "<th>Parameter / event</th><th>Old</th><th>New</th></tr></thead><tbody>\n";
            for (const auto& p : r.points)
                for (const auto& a : p.audit_trail)
                    if (during(a))
                        h << "<tr" << (alert(a) ? " class=\"alert\"" : "") << "><td>" << esc(p.id)
                          << "</td><td class=\"num\">" << num(a.time_s, "%.3f") << "</td><td>" << esc(a.kind) << "</td><td>"
                          << esc(a.parameter) << "</td><td>" << esc(a.old_value) << "</td><td>" << esc(a.new_value)
                          << "</td></tr>\n";
            h << "</tbody></table>\n";
        }
        h << "</section>\n";
    }

    void software_and_provenance() {
        h << "<section id=\"software\"><h2>Software identification</h2><table class=\"kv\">\n";
        kv("Legally relevant software", r.software_id);
        kv("Formed as", "firmware version + CRC32 over the code identity and the legally relevant parameters");
        h << "</table></section>\n";
        h << "<section id=\"provenance\"><h2>Provenance</h2><table class=\"kv\">\n";
        kv("hilbench", r.hilbench_version + " (" + r.git_commit + ")");
        kv("SystemC", r.systemc_version);
        kv("Verilator", r.verilator_version);
        kv("Fidelity", r.fidelity);
        kv("Files of this run", "result.json, junit.xml, points.csv, labels.csv, series/*.csv (reports/README.md)");
        h << "</table></section>\n";
    }
};

}  // namespace

void write_html(const run_record& r, const std::string& dir, const section_list& sections) {
    page p(r, dir, sections);
    write_file((std::filesystem::path(dir) / "report.html").string(), p.html());
}

}  // namespace hilbench::reports
