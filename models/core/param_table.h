// A model's published parameter table: name, unit, kind, default, range, one-line doc.
// The scenario loader validates `device.params` against it, `hilbench describe` prints it,
// and the model builds its params struct from it, so defaults live here only.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace hilbench {

using param_value = std::variant<double, std::string, bool>;

struct param_info {
    enum class kind { number, integer, choice, boolean };
    std::string name;
    std::string unit;  // "" for dimensionless
    kind k = kind::number;
    param_value def;
    double min = 0, max = 0;                 // number / integer
    std::vector<std::string> choices;        // choice
    std::string doc;
};

using param_values = std::map<std::string, param_value>;

class param_table {
public:
    param_table& number(std::string name, std::string unit, double def, double lo, double hi, std::string doc);
    param_table& integer(std::string name, double def, double lo, double hi, std::string doc);
    param_table& choice(std::string name, std::string def, std::vector<std::string> choices, std::string doc);
    param_table& boolean(std::string name, bool def, std::string doc);

    const std::vector<param_info>& entries() const { return m_entries; }
    const param_info* find(const std::string& name) const;
    // Defaults merged with overrides (overrides must already be validated).
    param_values resolve(const param_values& overrides) const;
    // Nearest name for "did you mean" hints ("" when nothing is close).
    std::string nearest(const std::string& name) const;

private:
    std::vector<param_info> m_entries;
};

// Typed access to resolved values; throws std::logic_error on a programming mistake.
double get_number(const param_values& v, const std::string& name);
std::string get_choice(const param_values& v, const std::string& name);
bool get_bool(const param_values& v, const std::string& name);

// Levenshtein distance, used for "did you mean" hints.
std::size_t edit_distance(const std::string& a, const std::string& b);

}  // namespace hilbench
