#include "reports/run_record.h"

#include <cmath>
#include <cstdio>

namespace hilbench::reports {

const double* find_value(const named_values& v, const std::string& name) {
    for (const auto& [k, x] : v)
        if (k == name) return &x;
    return nullptr;
}

namespace {
nlohmann::json values_json(const named_values& v) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, x] : v) j[k] = x;
    return j;
}
named_values values_from(const nlohmann::json& j) {
    named_values v;
    // a value that could not be measured (NaN) travels as null
    for (auto it = j.begin(); it != j.end(); ++it)
        v.emplace_back(it.key(), it.value().is_null() ? std::nan("") : it.value().get<double>());
    return v;
}
// name -> {value, unit, description}
nlohmann::json stats_json(const std::vector<stat_row>& rows) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& r : rows) j[r.name] = {{"value", r.value}, {"unit", r.unit}, {"description", r.description}};
    return j;
}
std::vector<stat_row> stats_from(const nlohmann::json& j) {
    std::vector<stat_row> rows;
    for (auto it = j.begin(); it != j.end(); ++it)
        rows.push_back({it.key(), it.value().at("unit").get<std::string>(), it.value().at("description").get<std::string>(),
                        it.value().at("value").get<double>()});
    return rows;
}
nlohmann::json audit_json(const std::vector<audit_row>& rows) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& r : rows)
        a.push_back({{"sequence", r.sequence}, {"event_counter", r.event_counter}, {"time_s", r.time_s},
                     {"kind", r.kind}, {"source", r.source}, {"parameter", r.parameter},
                     {"old_value", r.old_value}, {"new_value", r.new_value}});
    return a;
}
std::vector<audit_row> audit_from(const nlohmann::json& a) {
    std::vector<audit_row> rows;
    for (const auto& j : a) {
        audit_row r;
        r.sequence = j.at("sequence").get<uint64_t>();
        r.event_counter = j.at("event_counter").get<uint64_t>();
        r.time_s = j.at("time_s").get<double>();
        r.kind = j.at("kind").get<std::string>();
        r.source = j.at("source").get<std::string>();
        r.parameter = j.at("parameter").get<std::string>();
        r.old_value = j.at("old_value").get<std::string>();
        r.new_value = j.at("new_value").get<std::string>();
        rows.push_back(std::move(r));
    }
    return rows;
}
nlohmann::json labels_json(const std::vector<label_row>& rows) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& l : rows)
        a.push_back({{"id", l.id}, {"label", l.label}, {"tap", l.tap}, {"onset_s", l.onset_s}, {"end_s", l.end_s},
                     {"magnitude", l.magnitude}, {"magnitude_unit", l.magnitude_unit}});
    return a;
}
std::vector<label_row> labels_from(const nlohmann::json& a) {
    std::vector<label_row> rows;
    for (const auto& j : a)
        rows.push_back({j.at("id").get<std::string>(), j.at("label").get<std::string>(), j.at("tap").get<std::string>(),
                        j.at("onset_s").get<double>(), j.at("end_s").get<double>(), j.at("magnitude").get<double>(),
                        j.at("magnitude_unit").get<std::string>()});
    return rows;
}
nlohmann::json checks_json(const std::vector<check_row>& rows) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& c : rows)
        a.push_back({{"requirement", c.requirement}, {"quantity", c.quantity}, {"value", c.value},
                     {"relation", c.relation}, {"limit", c.limit}, {"pass", c.pass}});
    return a;
}
std::vector<check_row> checks_from(const nlohmann::json& a) {
    std::vector<check_row> rows;
    for (const auto& j : a)
        rows.push_back({j.at("requirement").get<std::string>(), j.at("quantity").get<std::string>(),
                        j.at("value").is_null() ? std::nan("") : j.at("value").get<double>(),
                        j.at("relation").get<std::string>(), j.at("limit").get<double>(), j.at("pass").get<bool>()});
    return rows;
}
}  // namespace

std::string csv_field(const std::string& text) {
    const bool quote = text.find_first_of(",\"\r\n") != std::string::npos ||
                       (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!quote) return text;
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string csv_header(const series_table& s) {
    std::string h = s.key_column.empty() ? "" : csv_field(s.key_column);
    for (std::size_t k = 0; k < s.columns.size(); ++k) h += (k || !h.empty() ? "," : "") + csv_field(s.columns[k]);
    return h + "\n";
}

std::string csv_row(const std::vector<double>& row, const std::string* key) {
    std::string out = key ? csv_field(*key) : "";
    char b[32];
    for (std::size_t k = 0; k < row.size(); ++k) {
        if (k || key) out += ',';
        if (std::isfinite(row[k])) {
            std::snprintf(b, sizeof b, "%.12g", row[k]);
            out += b;
        }
    }
    return out + "\n";
}

nlohmann::json to_json(const point_record& p) {
    nlohmann::json series = nlohmann::json::array();
    for (const auto& s : p.series)
        series.push_back({{"name", s.name}, {"key_column", s.key_column}, {"keys", s.keys}, {"columns", s.columns},
                          {"rows", s.rows}, {"streamed", s.streamed}});
    return {{"id", p.id},
            {"test", p.test},
            {"title", p.title},
            {"verdict", p.verdict},
            {"confidence", p.confidence},
            {"conditions", values_json(p.conditions)},
            {"values", values_json(p.values)},
            {"checks", checks_json(p.checks)},
            {"environment", {{"start", values_json(p.environment_start)}, {"end", values_json(p.environment_end)}}},
            {"note", p.note},
            {"series", series},
            {"audit_trail", audit_json(p.audit_trail)},
            {"labels", labels_json(p.labels)},
            {"software_id", p.software_id},
            {"stats", stats_json(p.stats)},
            {"wall_s", p.wall_s},
            {"max_rss_mb", p.max_rss_mb}};
}

point_record point_from_json(const nlohmann::json& j) {
    point_record p;
    p.id = j.at("id").get<std::string>();
    p.test = j.at("test").get<std::string>();
    p.title = j.at("title").get<std::string>();
    p.verdict = j.at("verdict").get<std::string>();
    p.confidence = j.at("confidence").get<std::string>();
    p.conditions = values_from(j.at("conditions"));
    p.values = values_from(j.at("values"));
    p.checks = checks_from(j.at("checks"));
    p.environment_start = values_from(j.at("environment").at("start"));
    p.environment_end = values_from(j.at("environment").at("end"));
    p.note = j.at("note").get<std::string>();
    for (const auto& s : j.at("series")) {
        series_table t;
        t.name = s.at("name").get<std::string>();
        t.key_column = s.value("key_column", "");
        t.keys = s.value("keys", std::vector<std::string>{});
        t.columns = s.at("columns").get<std::vector<std::string>>();
        t.streamed = s.value("streamed", false);
        // a missing value (NaN: no indication shown) travels as null
        for (const auto& row : s.at("rows")) {
            std::vector<double> v;
            for (const auto& x : row) v.push_back(x.is_null() ? std::nan("") : x.get<double>());
            t.rows.push_back(std::move(v));
        }
        p.series.push_back(std::move(t));
    }
    p.audit_trail = audit_from(j.at("audit_trail"));
    p.labels = labels_from(j.at("labels"));
    p.software_id = j.at("software_id").get<std::string>();
    p.stats = stats_from(j.at("stats"));
    p.wall_s = j.at("wall_s").get<double>();
    p.max_rss_mb = j.value("max_rss_mb", 0.0);
    return p;
}

nlohmann::json to_json(const run_record& r) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : r.points) {
        nlohmann::json pj = to_json(p);
        pj.erase("wall_s");  // wall-clock and memory facts live in meta only
        pj.erase("max_rss_mb");
        pj.erase("series");  // series go to CSV files; the record keeps their names
        nlohmann::json names = nlohmann::json::array(), tables = nlohmann::json::array();
        for (const auto& s : p.series) {
            names.push_back("series/" + p.id + "_" + s.name + ".csv");
            // the tables the procedure measured row by row (readings, drafts, records) stay in the
            // record too: they are the inspection's own evidence; recorded series (streamed while
            // the point ran) are in their files only
            if (!s.streamed)
                tables.push_back({{"name", s.name}, {"key_column", s.key_column}, {"keys", s.keys}, {"columns", s.columns},
                                  {"rows", s.rows}});
        }
        pj["series_files"] = names;
        pj["tables"] = tables;
        points.push_back(std::move(pj));
    }
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [k, v] : r.device_params) params[k] = v;
    nlohmann::json lab_options = nlohmann::json::object();
    for (const auto& [k, v] : r.lab_options) lab_options[k] = v;
    nlohmann::json tests = nlohmann::json::array();
    for (const auto& t : r.tests)
        tests.push_back({{"name", t.name}, {"title", t.title}, {"clause", t.clause}, {"confidence", t.confidence}});
    nlohmann::json expect = nullptr;
    if (r.has_expect) expect = {{"met", r.expect_met}, {"mismatches", r.expect_mismatches}};
    return {{"schema_version", 1},
            {"scenario", {{"path", r.scenario_path}, {"sha256", r.scenario_sha256}, {"name", r.scenario_name},
                          {"description", r.scenario_description}, {"seed", r.seed}}},
            {"device", {{"type", r.device_type}, {"fidelity", r.fidelity}, {"params", params},
                        {"identification", {{"manufacturer", r.manufacturer}, {"model", r.model},
                                            {"serial_number", r.serial_number}}},
                        {"software_id", r.software_id}, {"audit_trail", audit_json(r.audit_trail)}}},
            {"laboratory", {{"name", r.lab_name}, {"address", r.lab_address}, {"operator", r.lab_operator},
                            {"reference_standards", lab_options}}},
            {"procedure", {{"kind", r.kind}, {"standard", r.standard}, {"title", r.standard_title},
                           {"decision_rule", r.decision_rule}, {"tests", tests}}},
            {"verdict", r.verdict},
            {"points", points},
            {"expect", expect},
            {"provenance", {{"hilbench_version", r.hilbench_version}, {"git_commit", r.git_commit},
                            {"systemc_version", r.systemc_version}, {"verilator_version", r.verilator_version}}},
            {"meta", r.meta}};
}

}  // namespace hilbench::reports
