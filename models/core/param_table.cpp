#include "models/core/param_table.h"

#include <algorithm>
#include <stdexcept>

namespace hilbench {

const param_info* param_table::find(const std::string& name) const {
    for (const auto& e : m_entries)
        if (e.name == name) return &e;
    return nullptr;
}

std::vector<std::string> param_table::names() const {
    std::vector<std::string> out;
    for (const auto& e : m_entries) out.push_back(e.name);
    return out;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string param_table::nearest(const std::string& name) const {
    std::string best;
    std::size_t best_d = 4;
    for (const auto& e : m_entries) {
        const std::size_t d = edit_distance(name, e.name);
        if (d < best_d) {
            best_d = d;
            best = e.name;
        }
    }
    return best;
}

double get_number(const param_values& v, const std::string& name) {
    auto it = v.find(name);
    if (it == v.end() || !std::holds_alternative<double>(it->second))
        throw std::logic_error("parameter '" + name + "' is not a resolved number");
    return std::get<double>(it->second);
}

std::string get_choice(const param_values& v, const std::string& name) {
    auto it = v.find(name);
    if (it == v.end() || !std::holds_alternative<std::string>(it->second))
        throw std::logic_error("parameter '" + name + "' is not a resolved choice");
    return std::get<std::string>(it->second);
}

bool get_bool(const param_values& v, const std::string& name) {
    auto it = v.find(name);
    if (it == v.end() || !std::holds_alternative<bool>(it->second))
        throw std::logic_error("parameter '" + name + "' is not a resolved boolean");
    return std::get<bool>(it->second);
}

}  // namespace hilbench
