#include "reports/html_parts.h"

#include <cmath>
#include <cstdio>
#include <exception>
#include <sstream>
#include <vector>

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
    return json_text(it->second);
}

std::string lab_option(const run_record& r, const std::string& k) {
    auto it = r.lab_options.find(k);
    return it == r.lab_options.end() ? std::string("not stated") : json_text(it->second);
}

int decimals_of(double step) {
    int d = 0;
    while (d < 6 && std::fabs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-9) ++d;
    return d;
}

std::string json_text(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number()) return num(v.get<double>(), "%.10g");  // 230, 0.01, 100000000: never 230.0 or 1e+08
    return v.dump();
}

namespace {
int g_plot_number = 0;

// Every id of one SVG (gnuplot names them alike in every plot: gnuplot_canvas, gpPt6) and the
// references to them get the plot's own prefix, so that the ids of a page are unique.
std::string prefix_ids(const std::string& svg, const std::string& prefix) {
    std::vector<std::string> ids;
    for (std::size_t at = svg.find(" id="); at != std::string::npos; at = svg.find(" id=", at + 4)) {
        const char q = svg[at + 4];
        const std::size_t end = svg.find(q, at + 5);
        if (end == std::string::npos) break;
        ids.push_back(svg.substr(at + 5, end - at - 5));
    }
    std::string out;
    out.reserve(svg.size() + 64 * ids.size());
    for (std::size_t k = 0; k < svg.size();) {
        bool done = false;
        if (svg.compare(k, 4, "id=\"") == 0 || svg.compare(k, 4, "id='") == 0) {
            out += svg.substr(k, 4) + prefix;
            k += 4;
            done = true;
        } else if (svg[k] == '#') {
            for (const auto& id : ids)
                if (svg.compare(k + 1, id.size(), id) == 0 && k + 1 + id.size() < svg.size() &&
                    (svg[k + 1 + id.size()] == '\'' || svg[k + 1 + id.size()] == '"' || svg[k + 1 + id.size()] == ')')) {
                    out += "#" + prefix;
                    k += 1;
                    done = true;
                    break;
                }
        }
        if (!done) out += svg[k++];
    }
    return out;
}
}  // namespace

void reset_plot_ids() { g_plot_number = 0; }

std::string plot_or_note(const plot_spec& spec, const std::string& dir) {
    try {
        return prefix_ids(render_svg(spec, dir), "plot" + std::to_string(++g_plot_number) + "_");
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


std::string series_table_html(const series_table& s, const std::vector<std::string>& cols, const vocabulary& words,
                              const std::string& css_class) {
    std::ostringstream h;
    h << "<table class=\"" << css_class << "\"><thead><tr>";
    if (!s.key_column.empty()) h << "<th>" << html_escape(describe(s.key_column, words).title) << "</th>";
    for (const auto& c : cols) {
        if (column(s, c) < 0) continue;
        h << "<th>" << html_escape(c == "pass" ? "Result" : column_title(describe(c, words))) << "</th>";
    }
    h << "</tr></thead><tbody>\n";
    const int pass_col = column(s, "pass");
    for (std::size_t r = 0; r < s.rows.size(); ++r) {
        const auto& row = s.rows[r];
        const bool bad = pass_col >= 0 && row[std::size_t(pass_col)] == 0;
        h << "<tr" << (bad ? " class=\"bad\"" : "") << ">";
        if (!s.key_column.empty()) h << "<td>" << html_escape(r < s.keys.size() ? s.keys[r] : "") << "</td>";
        for (const auto& c : cols) {
            const int k = column(s, c);
            if (k < 0) continue;
            const double v = row[std::size_t(k)];
            std::string cell = format_number(v, describe(c, words));
            if (c == "pass") cell = v != 0 ? "pass" : "FAIL";
            if (c == "direction") cell = v > 0 ? "&uarr; increasing" : "&darr; decreasing";
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
