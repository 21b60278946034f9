#include "reports/html_parts.h"

#include <cmath>
#include <cstdio>
#include <exception>

namespace hilbench::reports {

std::string html_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
        case '&': o += "&amp;"; break;
        case '<': o += "&lt;"; break;
        case '>': o += "&gt;"; break;
        case '"': o += "&quot;"; break;
        default: o += c;
        }
    }
    return o;
}

std::string num(double v, const char* f) {
    if (!std::isfinite(v)) return "";
    char b[64];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

std::string value_or(const named_values& v, const std::string& k, const char* f) {
    const double* x = find_value(v, k);
    return x ? num(*x, f) : "";
}

double device_number(const run_record& r, const std::string& k, double def) {
    auto it = r.device_params.find(k);
    return it != r.device_params.end() && it->second.is_number() ? it->second.get<double>() : def;
}

std::string device_text(const run_record& r, const std::string& k) {
    auto it = r.device_params.find(k);
    if (it == r.device_params.end()) return "";
    return it->second.is_string() ? it->second.get<std::string>() : it->second.dump();
}

std::string plot_or_note(const plot_spec& spec, const std::string& dir) {
    try {
        return render_svg(spec, dir);
    } catch (const std::exception& e) {
        return "<p class=\"muted\">plot '" + html_escape(spec.title) + "' unavailable: " + html_escape(e.what()) + "</p>";
    }
}

const series_table* find_series(const point_record& p, const std::string& name) {
    for (const auto& s : p.series)
        if (s.name == name) return &s;
    return nullptr;
}

int column(const series_table& s, const std::string& name) {
    for (std::size_t k = 0; k < s.columns.size(); ++k)
        if (s.columns[k] == name) return int(k);
    return -1;
}

}  // namespace hilbench::reports
