#include "reports/html_parts.h"

#include <cmath>
#include <cstdio>
#include <exception>
#include <sstream>

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

const point_record* find_point(const run_record& r, const std::string& id) {
    for (const auto& p : r.points)
        if (p.id == id) return &p;
    return nullptr;
}

std::string badge(const std::string& verdict) {
    std::string v = verdict;
    for (char& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return "<span class=\"" + html_escape(verdict) + "\">" + v + "</span>";
}

std::string conditions_text(const point_record& p) {
    std::ostringstream os;
    const double* v = find_value(p.conditions, "voltage_v");
    const double* i = find_value(p.conditions, "current_a");
    const double* pf = find_value(p.conditions, "power_factor");
    const double* ph = find_value(p.conditions, "phase_deg");
    if (v) os << num(*v, "%.4g") << " V";
    if (i) os << ", " << num(*i, "%.4g") << " A";
    if (pf) os << ", PF " << num(*pf, "%.3g") << (ph && *ph > 0 ? " ind" : ph && *ph < 0 ? " cap" : "");
    if (!v && !i) {
        for (const auto& [k, x] : p.conditions) os << (os.tellp() > 0 ? ", " : "") << k << " " << num(x, "%.4g");
    }
    return os.str();
}


std::string series_table_html(const series_table& s, const std::vector<std::pair<std::string, const char*>>& cols,
                              const std::string& css_class) {
    std::ostringstream h;
    h << "<table class=\"" << css_class << "\"><thead><tr>";
    for (const auto& [c, f] : cols) h << "<th>" << html_escape(c) << "</th>";
    h << "</tr></thead><tbody>\n";
    const int pass_col = column(s, "pass");
    for (const auto& row : s.rows) {
        const bool bad = pass_col >= 0 && row[std::size_t(pass_col)] == 0;
        h << "<tr" << (bad ? " class=\"bad\"" : "") << ">";
        for (const auto& [c, f] : cols) {
            const int k = column(s, c);
            std::string cell = k >= 0 ? num(row[std::size_t(k)], f) : "";
            if (c == "pass" && k >= 0) cell = row[std::size_t(k)] != 0 ? "pass" : "FAIL";
            if (c == "direction" && k >= 0) cell = row[std::size_t(k)] > 0 ? "increasing" : "decreasing";
            h << "<td class=\"num\">" << cell << "</td>";
        }
        h << "</tr>\n";
    }
    h << "</tbody></table>\n";
    return h.str();
}

int column(const series_table& s, const std::string& name) {
    for (std::size_t k = 0; k < s.columns.size(); ++k)
        if (s.columns[k] == name) return int(k);
    return -1;
}

}  // namespace hilbench::reports
