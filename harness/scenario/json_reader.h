// Strict reading of one JSON object of a scenario: every access names its key, builds the
// JSON pointer as it descends, checks type and range, and at the end reports every key
// nobody asked for ("unknown key 'voltge_v' (did you mean 'voltage_v'?)").
#pragma once
#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "models/core/param_table.h"

namespace hilbench::scenario {

// "number 3.5", "string \"230\"", "array", ... for messages.
std::string describe_json(const nlohmann::json& j);
std::string pointer_escape(const std::string& key);

class json_reader {
public:
    json_reader(const std::string& file, const std::string& pointer, const nlohmann::json& j);

    bool has(const std::string& key) const;
    const nlohmann::json& raw(const std::string& key);  // marks used
    std::string child_pointer(const std::string& key) const { return m_pointer + "/" + pointer_escape(key); }
    json_reader object(const std::string& key);

    double number(const std::string& key, double lo, double hi);
    double number(const std::string& key, double def, double lo, double hi);
    long long integer(const std::string& key, long long lo, long long hi);
    long long integer(const std::string& key, long long def, long long lo, long long hi);
    std::string string(const std::string& key);
    std::string string(const std::string& key, const std::string& def);
    std::string choice(const std::string& key, const std::vector<std::string>& allowed);
    std::string choice(const std::string& key, const std::string& def, const std::vector<std::string>& allowed);
    bool boolean(const std::string& key, bool def);

    // Throws for the keys that were never read (input_errors when there are several).
    void finish(const std::vector<std::string>& also_known = {}) const;

    [[noreturn]] void fail(const std::string& key, const std::string& expected, const nlohmann::json& got) const;
    [[noreturn]] void fail_here(const std::string& message) const;
    const std::string& file() const { return m_file; }
    const std::string& pointer() const { return m_pointer; }
    const nlohmann::json& json() const { return m_j; }

private:
    const nlohmann::json& require(const std::string& key);
    std::string m_file, m_pointer;
    const nlohmann::json& m_j;
    mutable std::set<std::string> m_used;
};

// Checks a number against [lo, hi] and throws with the pointer on failure.
double checked_number(const std::string& file, const std::string& pointer, const nlohmann::json& j, double lo,
                      double hi);
// Checks an integer (a number without a fractional part, as JSON Schema has it) against [lo, hi].
long long checked_integer(const std::string& file, const std::string& pointer, const nlohmann::json& j, long long lo,
                          long long hi);

// Declared parameter tables read from a JSON object (models/core/param_table.h). Files named
// by `path` entries are resolved against base_dir (the scenario's folder).
class json_source : public param_source {
public:
    json_source(const std::string& file, const std::string& pointer, const nlohmann::json& j, std::string base_dir);
    bool has(const std::string& key) const override { return m_r.has(key); }
    double number(const param_info& p) override;
    std::string text(const param_info& p) override;
    bool boolean(const param_info& p) override;
    std::vector<std::string> strings(const param_info& p) override;
    time_series series(const param_info& p) override;
    std::unique_ptr<param_source> table(const param_info& p) override;
    std::vector<std::unique_ptr<param_source>> table_list(const param_info& p) override;
    void finish(const std::vector<std::string>& known) override { m_r.finish(known); }
    [[noreturn]] void fail(const std::string& relative_pointer, const std::string& message) override;
    json_reader& reader() { return m_r; }

private:
    json_reader m_r;
    std::string m_base_dir;
};

}  // namespace hilbench::scenario
