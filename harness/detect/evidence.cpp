#include "harness/detect/evidence.h"

#include <cmath>

#include "models/core/errors.h"

namespace hilbench::detect {
namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& file, const std::string& pointer, const std::string& message) {
    throw scenario_error(file, pointer, message);
}

// A reader of one record that names the pointer of whatever is missing or mistyped.
struct reader {
    const std::string& file;
    const json& at(const json& j, const std::string& where, const std::string& key, json::value_t type) const {
        if (!j.is_object() || !j.contains(key))
            fail(file, where + "/" + key, "expected a run record (result.json of hilbench run, or runs/<id>.json of a campaign): \"" +
                                              key + "\" is missing");
        const json& v = j[key];
        const bool ok = type == json::value_t::number_float ? v.is_number() : v.type() == type;
        if (!ok) fail(file, where + "/" + key, "expected " + std::string(json(type).type_name()) + ", got " + v.type_name());
        return v;
    }
    std::string text(const json& j, const std::string& where, const std::string& key) const {
        return at(j, where, key, json::value_t::string).get<std::string>();
    }
};

bool is_truth(const std::string& name, const std::vector<std::string>& truth) {
    for (const std::string& t : truth) {
        if (name == t) return true;
        if (name.size() > t.size() + 1 && name.compare(name.size() - t.size(), t.size(), t) == 0 &&
            name[name.size() - t.size() - 1] == '_')
            return true;
    }
    return false;
}

reports::named_values values(const reader& rd, const json& j, const std::string& where, const std::string& key,
                             const std::vector<std::string>& truth) {
    reports::named_values out;
    for (auto it = rd.at(j, where, key, json::value_t::object).begin(); it != j[key].end(); ++it) {
        if (is_truth(it.key(), truth)) continue;
        if (it.value().is_null()) {
            out.emplace_back(it.key(), std::nan(""));
        } else if (it.value().is_number()) {
            out.emplace_back(it.key(), it.value().get<double>());
        } else {
            fail(rd.file, where + "/" + key + "/" + it.key(), std::string("expected a number, got ") + it.value().type_name());
        }
    }
    return out;
}

std::vector<reports::audit_row> audit(const reader& rd, const json& j, const std::string& where) {
    std::vector<reports::audit_row> rows;
    const json& a = rd.at(j, where, "audit_trail", json::value_t::array);
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string w = where + "/audit_trail/" + std::to_string(i);
        reports::audit_row r;
        const json& seq = rd.at(a[i], w, "sequence", json::value_t::number_float);
        const json& ctr = rd.at(a[i], w, "event_counter", json::value_t::number_float);
        if (!seq.is_number_unsigned() || !ctr.is_number_unsigned()) fail(rd.file, w, "expected counters that are whole numbers >= 0");
        r.sequence = seq.get<uint64_t>();
        r.event_counter = ctr.get<uint64_t>();
        r.time_s = rd.at(a[i], w, "time_s", json::value_t::number_float).get<double>();
        r.kind = rd.text(a[i], w, "kind");
        r.source = rd.text(a[i], w, "source");
        r.parameter = rd.text(a[i], w, "parameter");
        r.old_value = rd.text(a[i], w, "old_value");
        r.new_value = rd.text(a[i], w, "new_value");
        rows.push_back(std::move(r));
    }
    return rows;
}

// A procedure's table, without the columns its family declares ground truth.
reports::series_table table(const reader& rd, const json& j, const std::string& where, const std::vector<std::string>& truth) {
    reports::series_table t;
    t.name = rd.text(j, where, "name");
    const json& cols = rd.at(j, where, "columns", json::value_t::array);
    std::vector<std::size_t> kept;
    for (std::size_t c = 0; c < cols.size(); ++c) {
        if (!cols[c].is_string()) fail(rd.file, where + "/columns/" + std::to_string(c), std::string("expected a string, got ") + cols[c].type_name());
        if (is_truth(cols[c].get<std::string>(), truth)) continue;
        kept.push_back(c);
        t.columns.push_back(cols[c].get<std::string>());
    }
    const json& rows = rd.at(j, where, "rows", json::value_t::array);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::string rw = where + "/rows/" + std::to_string(r);
        if (!rows[r].is_array() || rows[r].size() != cols.size())
            fail(rd.file, rw, "expected a row of " + std::to_string(cols.size()) + " numbers, got " + rows[r].dump().substr(0, 80));
        std::vector<double> row;
        for (std::size_t c : kept) {
            const json& v = rows[r][c];
            if (!v.is_null() && !v.is_number())
                fail(rd.file, rw + "/" + std::to_string(c), std::string("expected a number or null, got ") + v.type_name());
            row.push_back(v.is_null() ? std::nan("") : v.get<double>());
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace

evidence evidence_of(const json& record, const std::string& file, const std::string& key, const scenario::catalogue& cat) {
    const reader rd{file};
    if (!record.is_object()) fail(file, "", std::string("expected a run record (a JSON object), got ") + record.type_name());
    evidence e;
    e.run = key;
    const json& dev = rd.at(record, "", "device", json::value_t::object);
    e.device_type = rd.text(dev, "/device", "type");
    const scenario::device_decl* decl = cat.find_device(e.device_type);
    if (!decl) fail(file, "/device/type", "expected a device type of this hilbench (`hilbench list`), got \"" + e.device_type + "\"");
    const scenario::family_decl& fam = cat.family(decl->family);
    e.software_id = rd.text(dev, "/device", "software_id");
    const json& params = rd.at(dev, "/device", "params", json::value_t::object);
    for (const std::string& name : decl->nameplate)
        if (params.contains(name)) e.nameplate[name] = params[name];
    e.audit_trail = audit(rd, dev, "/device");
    const json& proc = rd.at(record, "", "procedure", json::value_t::object);
    const bool inspected = rd.text(proc, "/procedure", "kind") == "procedure";
    const json& points = rd.at(record, "", "points", json::value_t::array);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const json& p = points[i];
        const std::string w = "/points/" + std::to_string(i);
        if (!inspected) continue;  // a recording: the stimulus is not an inspection result
        inspection in;
        in.point = rd.text(p, w, "id");
        in.test = rd.text(p, w, "test");
        in.verdict = rd.text(p, w, "verdict");
        in.software_id = rd.text(p, w, "software_id");
        in.audit_trail = audit(rd, p, w);
        in.conditions = values(rd, p, w, "conditions", fam.ground_truth);
        in.values = values(rd, p, w, "values", fam.ground_truth);
        const json& checks = rd.at(p, w, "checks", json::value_t::array);
        for (std::size_t c = 0; c < checks.size(); ++c) {
            const std::string cw = w + "/checks/" + std::to_string(c);
            reports::check_row r;
            r.requirement = rd.text(checks[c], cw, "requirement");
            r.quantity = rd.text(checks[c], cw, "quantity");
            if (is_truth(r.quantity, fam.ground_truth)) continue;
            const json& v = checks[c].contains("value") ? checks[c]["value"] : json();
            r.value = v.is_number() ? v.get<double>() : std::nan("");
            r.relation = rd.text(checks[c], cw, "relation");
            r.limit = rd.at(checks[c], cw, "limit", json::value_t::number_float).get<double>();
            r.pass = rd.at(checks[c], cw, "pass", json::value_t::boolean).get<bool>();
            in.checks.push_back(std::move(r));
        }
        if (p.contains("tables")) {  // records before tables were kept have none
            const json& tables = rd.at(p, w, "tables", json::value_t::array);
            for (std::size_t t = 0; t < tables.size(); ++t)
                in.tables.push_back(table(rd, tables[t], w + "/tables/" + std::to_string(t), fam.ground_truth));
        }
        e.inspections.push_back(std::move(in));
    }
    return e;
}

const double* value_of(const inspection& p, const std::string& name) {
    const double* v = reports::find_value(p.values, name);
    return v && std::isfinite(*v) ? v : nullptr;
}

const double* condition_of(const inspection& p, const std::string& name) {
    const double* v = reports::find_value(p.conditions, name);
    return v && std::isfinite(*v) ? v : nullptr;
}

const reports::series_table* table_of(const inspection& p, const std::string& name) {
    for (const auto& t : p.tables)
        if (t.name == name) return &t;
    return nullptr;
}

std::string unit_of(const std::string& quantity) {
    static const std::pair<const char*, const char*> suffixes[] = {
        {"_pct", "%"}, {"_ppm", "ppm"}, {"_wh", "Wh"}, {"_kwh", "kWh"}, {"_g", "g"}, {"_kg", "kg"}, {"_l", "L"},
        {"_a", "A"},   {"_v", "V"},     {"_s", "s"},   {"_e", "e"},     {"_cny", "CNY"}};
    for (const auto& [s, u] : suffixes) {
        const std::string suf = s;
        if (quantity.size() > suf.size() && quantity.compare(quantity.size() - suf.size(), suf.size(), suf) == 0) return u;
    }
    return "";
}

}  // namespace hilbench::detect
