#include "harness/scenario/json_reader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "models/core/errors.h"
#include "models/core/param_table.h"

namespace hilbench::scenario {

std::string describe_json(const nlohmann::json& j) {
    switch (j.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return std::string("boolean ") + (j.get<bool>() ? "true" : "false");
    case nlohmann::json::value_t::string: {
        std::string s = j.get<std::string>();
        if (s.size() > 40) {
            // cut at a character boundary: never inside a multi-byte UTF-8 sequence
            std::size_t n = 40;
            while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
            s = s.substr(0, n) + "...";
        }
        return "string " + nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "number " + j.dump();
    case nlohmann::json::value_t::array: return "array";
    case nlohmann::json::value_t::object: return "object";
    default: return "invalid value";
    }
}

std::string pointer_escape(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

namespace {
std::string fmt(double v) {
    std::ostringstream os;
    os << v;
    return os.str();
}
}  // namespace

double checked_number(const std::string& file, const std::string& pointer, const nlohmann::json& j, double lo,
                      double hi) {
    const std::string want = "number in [" + fmt(lo) + ", " + fmt(hi) + "]";
    if (!j.is_number()) throw scenario_error(file, pointer, "expected " + want + ", got " + describe_json(j));
    const double v = j.get<double>();
    if (!std::isfinite(v) || v < lo || v > hi)
        throw scenario_error(file, pointer, "expected " + want + ", got " + describe_json(j));
    return v;
}

long long checked_integer(const std::string& file, const std::string& pointer, const nlohmann::json& j, long long lo,
                          long long hi) {
    // as in JSON Schema, an integer is a number without a fractional part (3 and 3.0 alike)
    const std::string want = "integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
    auto bad = [&] { throw scenario_error(file, pointer, "expected " + want + ", got " + describe_json(j)); };
    if (j.is_number_unsigned()) {
        const unsigned long long u = j.get<unsigned long long>();
        if (hi < 0 || u > static_cast<unsigned long long>(hi) || static_cast<long long>(u) < lo) bad();
        return static_cast<long long>(u);
    }
    if (j.is_number_integer()) {
        const long long v = j.get<long long>();
        if (v < lo || v > hi) bad();
        return v;
    }
    if (!j.is_number_float()) bad();
    const double v = j.get<double>();
    if (!std::isfinite(v) || v != std::floor(v) || v < double(lo) || v > double(hi)) bad();
    return static_cast<long long>(v);
}

json_reader::json_reader(const std::string& file, const std::string& pointer, const nlohmann::json& j)
    : m_file(file), m_pointer(pointer), m_j(j) {
    if (!j.is_object()) throw scenario_error(file, pointer, "expected object, got " + describe_json(j));
}

bool json_reader::has(const std::string& key) const { return m_j.contains(key); }

void json_reader::fail(const std::string& key, const std::string& expected, const nlohmann::json& got) const {
    throw scenario_error(m_file, child_pointer(key), "expected " + expected + ", got " + describe_json(got));
}

void json_reader::fail_here(const std::string& message) const { throw scenario_error(m_file, m_pointer, message); }

const nlohmann::json& json_reader::require(const std::string& key) {
    if (!m_j.contains(key)) throw scenario_error(m_file, child_pointer(key), "expected a value, got nothing (required key missing)");
    m_used.insert(key);
    return m_j.at(key);
}

const nlohmann::json& json_reader::raw(const std::string& key) { return require(key); }

json_reader json_reader::object(const std::string& key) { return json_reader(m_file, child_pointer(key), require(key)); }

double json_reader::number(const std::string& key, double lo, double hi) {
    return checked_number(m_file, child_pointer(key), require(key), lo, hi);
}
double json_reader::number(const std::string& key, double def, double lo, double hi) {
    return has(key) ? number(key, lo, hi) : def;
}

long long json_reader::integer(const std::string& key, long long lo, long long hi) {
    return checked_integer(m_file, child_pointer(key), require(key), lo, hi);
}
long long json_reader::integer(const std::string& key, long long def, long long lo, long long hi) {
    return has(key) ? integer(key, lo, hi) : def;
}

std::string json_reader::string(const std::string& key) {
    const nlohmann::json& j = require(key);
    if (!j.is_string()) fail(key, "string", j);
    return j.get<std::string>();
}
std::string json_reader::string(const std::string& key, const std::string& def) {
    return has(key) ? string(key) : def;
}

std::string json_reader::choice(const std::string& key, const std::vector<std::string>& allowed) {
    const nlohmann::json& j = require(key);
    std::string want = "one of";
    for (std::size_t k = 0; k < allowed.size(); ++k) want += (k ? ", " : " ") + nlohmann::json(allowed[k]).dump();
    if (!j.is_string()) fail(key, want, j);
    const std::string v = j.get<std::string>();
    for (const auto& a : allowed)
        if (a == v) return v;
    fail(key, want, j);
}
std::string json_reader::choice(const std::string& key, const std::string& def, const std::vector<std::string>& allowed) {
    return has(key) ? choice(key, allowed) : def;
}

bool json_reader::boolean(const std::string& key, bool def) {
    if (!has(key)) return def;
    const nlohmann::json& j = require(key);
    if (!j.is_boolean()) fail(key, "boolean", j);
    return j.get<bool>();
}

void json_reader::finish(const std::vector<std::string>& also_known) const {
    error_collector unknown;  // every unknown key, not only the first
    for (auto it = m_j.begin(); it != m_j.end(); ++it) {
        if (m_used.count(it.key())) continue;
        std::vector<std::string> known(m_used.begin(), m_used.end());
        known.insert(known.end(), also_known.begin(), also_known.end());
        std::string best;
        std::size_t best_d = 4;
        for (const auto& k : known) {
            // a near miss, or a known key that begins with what was typed ('linear' -> 'linear_per_year')
            const std::size_t d = (k.rfind(it.key(), 0) == 0 && it.key().size() >= 3) ? 1 : edit_distance(it.key(), k);
            if (d < best_d) {
                best_d = d;
                best = k;
            }
        }
        unknown.attempt([&] {
            throw scenario_error(m_file, child_pointer(it.key()),
                                 "unknown key '" + it.key() + "'" + (best.empty() ? "" : " (did you mean '" + best + "'?)"));
        });
    }
    unknown.raise();
}

}  // namespace hilbench::scenario

namespace hilbench::scenario {

json_source::json_source(const std::string& file, const std::string& pointer, const nlohmann::json& j,
                         std::string base_dir)
    : m_r(file, pointer, j), m_base_dir(std::move(base_dir)) {}

double json_source::number(const param_info& p) {
    if (p.k != param_info::kind::integer) return m_r.number(p.name, p.min, p.max);
    const double v = double(m_r.integer(p.name, static_cast<long long>(p.min), static_cast<long long>(p.max)));
    if (!p.values.empty() && std::find(p.values.begin(), p.values.end(), v) == p.values.end()) {
        std::string want = "one of";
        for (std::size_t k = 0; k < p.values.size(); ++k) want += (k ? ", " : " ") + std::to_string(static_cast<long long>(p.values[k]));
        m_r.fail(p.name, "an integer, " + want, m_r.raw(p.name));
    }
    return v;
}

std::string json_source::text(const param_info& p) {
    if (p.k == param_info::kind::choice) return m_r.choice(p.name, p.choices);
    if (p.k == param_info::kind::value) return m_r.raw(p.name).dump();
    const std::string s = m_r.string(p.name);
    if (p.k != param_info::kind::path) return s;
    if (s.empty()) m_r.fail(p.name, "a file name", m_r.raw(p.name));
    return (std::filesystem::path(m_base_dir) / s).string();
}

bool json_source::boolean(const param_info& p) { return m_r.boolean(p.name, false); }

std::vector<std::string> json_source::strings(const param_info& p) {
    const nlohmann::json& j = m_r.raw(p.name);
    const std::string ptr = m_r.child_pointer(p.name);
    const std::string want = p.min_items > 0 ? "an array of at least " + std::to_string(p.min_items) + " non-empty strings"
                                             : "an array of non-empty strings";
    if (!j.is_array() || j.size() < p.min_items) throw scenario_error(m_r.file(), ptr, "expected " + want + ", got " + describe_json(j));
    std::vector<std::string> out;
    for (std::size_t k = 0; k < j.size(); ++k) {
        if (!j[k].is_string() || j[k].get<std::string>().empty())
            throw scenario_error(m_r.file(), ptr + "/" + std::to_string(k), "expected a non-empty string, got " + describe_json(j[k]));
        out.push_back(j[k].get<std::string>());
    }
    return out;
}

time_series json_source::series(const param_info& p) {
    const nlohmann::json& j = m_r.raw(p.name);
    const std::string base = m_r.child_pointer(p.name);
    if (!j.is_array() || j.empty())
        throw scenario_error(m_r.file(), base, "expected non-empty array of [t_s, " + p.name + "] pairs, got " + describe_json(j));
    time_series out;
    for (std::size_t k = 0; k < j.size(); ++k) {
        const std::string ptr = base + "/" + std::to_string(k);
        const nlohmann::json& pair = j.at(k);
        if (!pair.is_array() || pair.size() != 2)
            throw scenario_error(m_r.file(), ptr, "expected [t_s, " + p.name + "], got " + describe_json(pair));
        const double t = checked_number(m_r.file(), ptr + "/0", pair.at(0), 0, 1e9);
        const double v = checked_number(m_r.file(), ptr + "/1", pair.at(1), p.min, p.max);
        if (!out.empty() && t <= out.back().first)
            throw scenario_error(m_r.file(), ptr + "/0",
                                 "expected a time after " + std::to_string(out.back().first) + " s, got " + describe_json(pair.at(0)));
        out.emplace_back(t, v);
    }
    return out;
}

std::unique_ptr<param_source> json_source::table(const param_info& p) {
    const nlohmann::json& j = m_r.raw(p.name);
    return std::make_unique<json_source>(m_r.file(), m_r.child_pointer(p.name), j, m_base_dir);
}

std::vector<std::unique_ptr<param_source>> json_source::table_list(const param_info& p) {
    const nlohmann::json& j = m_r.raw(p.name);
    const std::string ptr = m_r.child_pointer(p.name);
    if (!j.is_array() || j.size() < p.min_items)
        throw scenario_error(m_r.file(), ptr,
                             std::string("expected ") + (p.min_items > 0 ? "a non-empty array" : "an array") + " of objects, got " +
                                 describe_json(j));
    std::vector<std::unique_ptr<param_source>> out;
    for (std::size_t k = 0; k < j.size(); ++k)
        out.push_back(std::make_unique<json_source>(m_r.file(), ptr + "/" + std::to_string(k), j[k], m_base_dir));
    return out;
}

void json_source::fail(const std::string& relative_pointer, const std::string& message) {
    throw scenario_error(m_r.file(), m_r.pointer() + relative_pointer, message);
}

}  // namespace hilbench::scenario
