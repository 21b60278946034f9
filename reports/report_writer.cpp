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

void write_all(const run_record& r, const std::string& dir, const section_list& sections) {
    fs::create_directories(dir);
    write_result_json(r, dir);
    write_junit(r, dir, sections);
    write_csv(r, dir, sections);
    write_html(r, dir, sections);
}

}  // namespace hilbench::reports
