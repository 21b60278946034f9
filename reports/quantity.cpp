#include "reports/quantity.h"

#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

namespace hilbench::reports {
namespace {

struct suffix_rule {
    const char* suffix;
    const char* unit;
    int decimals;
};

// longest first: "_e_per_5k" before "_e", "_kwh" before "_wh"
const std::vector<suffix_rule>& suffix_rules() {
    static const std::vector<suffix_rule> rules = {
        {"_cny_per_kg", "CNY/kg", 2}, {"_imp_per_kwh", "imp/kWh", 0}, {"_e_per_5k", "e per 5 K", 2},
        {"_e_per_s", "e/s", 2},       {"_pct_of_max", "% of Max", 1}, {"_cny", "CNY", 2},
        {"_kwh", "kWh", 4},           {"_pct", "%", 3},               {"_wh", "Wh", 4},
        {"_lsb", "LSB", 0},           {"_deg", "°", 1},               {"_min", "min", 1},
        {"_hz", "Hz", 2},             {"_kg", "kg", 3},               {"_w", "W", 1},
        {"_v", "V", 1},               {"_a", "A", 3},                 {"_s", "s", 2},
        {"_h", "h", 2},               {"_g", "g", 2},                 {"_e", "e", 2},
        {"_c", "°C", 1},
    };
    return rules;
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "error_rounded" -> "Error rounded"; abbreviations keep their case
std::string words_of(const std::string& stem) {
    static const std::map<std::string, std::string> abbreviations = {
        {"mpe", "MPE"}, {"dut", "DUT"}, {"cf", "CF"}, {"e0", "E0"}, {"ref", "reference"}, {"pf", "PF"},
        {"adc", "ADC"}, {"thd", "THD"}, {"ib", "Ib"},  {"imax", "Imax"}, {"ist", "Ist"},   {"t0", "t0"},
        {"rtc", "RTC"}, {"ec", "Ec"}};
    std::string out, word;
    auto flush = [&] {
        if (word.empty()) return;
        auto it = abbreviations.find(word);
        out += (out.empty() ? "" : " ") + (it != abbreviations.end() ? it->second : word);
        word.clear();
    };
    for (char c : stem) {
        if (c == '_') flush();
        else word += c;
    }
    flush();
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

}  // namespace

quantity describe(const std::string& name, const vocabulary& words) {
    if (auto it = words.names.find(name); it != words.names.end()) {
        quantity q = it->second;
        if (q.title.empty()) q.title = words_of(name);
        return q;
    }
    for (const suffix_rule& r : suffix_rules()) {
        if (!ends_with(name, r.suffix)) continue;
        quantity q{words_of(name.substr(0, name.size() - std::string(r.suffix).size())), r.unit, r.decimals};
        if (auto d = words.unit_decimals.find(q.unit); d != words.unit_decimals.end()) q.decimals = d->second;
        return q;
    }
    return {words_of(name), "", -1};
}

std::string format_number(double v, const quantity& q) {
    if (!std::isfinite(v)) return "";
    if (q.unit == "yes/no") return v != 0 ? "yes" : "no";
    int decimals = q.decimals;
    if (decimals < 0) decimals = std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15 ? 0 : 3;
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    std::string s = b;
    // never "-0.00"
    if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
    return s;
}

std::string format_value(double v, const quantity& q) {
    const std::string n = format_number(v, q);
    if (n.empty()) return "";
    if (q.unit.empty() || q.unit == "yes/no") return n;
    return n + (q.unit == "°" || q.unit == "%" ? (q.unit == "°" ? "" : " ") : " ") + q.unit;
}

std::string column_title(const quantity& q) {
    return q.unit.empty() || q.unit == "yes/no" ? q.title : q.title + " (" + q.unit + ")";
}

std::string check_measured(const check_row& c, const vocabulary& words) {
    if (std::isnan(c.value)) return "not measured";
    if (c.relation == "true") return c.value != 0 ? "yes" : "no";
    return format_value(c.value, describe(c.quantity, words));
}

std::string check_limit(const check_row& c, const vocabulary& words) {
    if (c.relation == "true") return "yes";
    const std::string l = format_value(c.limit, describe(c.quantity, words));
    if (c.relation == "abs_le") return "±" + l;
    if (c.relation == "le") return "≤ " + l;
    if (c.relation == "ge") return "≥ " + l;
    return "= " + l;
}

std::string check_text(const check_row& c, const vocabulary& words) {
    if (c.relation == "true") return c.requirement + ": " + check_measured(c, words) + " (required: yes)";
    return c.requirement + ": " + check_measured(c, words) + " (limit " + check_limit(c, words) + ")";
}

std::string finding(const point_record& p, const vocabulary& words) {
    if (p.verdict == "pass") return "";
    std::string out;
    for (const check_row& c : p.checks)
        if (!c.pass) out += (out.empty() ? "" : "; ") + check_text(c, words);
    if (!p.note.empty()) out += (out.empty() ? "" : "; ") + p.note;
    return out;
}

}  // namespace hilbench::reports
