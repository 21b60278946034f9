// Field audit: the error per load band (with its limit) and per hour of the day.
#include <cmath>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/meter_sections.h"

namespace hilbench::reports::sections {
namespace {

class field_audit_part : public report_section {
public:
    std::string point_detail(const run_record&, const point_record& p, const std::string& dir) const override {
        std::ostringstream h;
        bool band_header = false;
        for (const auto& [k, v] : p.values) {
            const std::string suffix = "_true_energy_kwh";
            if (k.size() <= suffix.size() || k.compare(k.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
            const std::string band = k.substr(0, k.size() - suffix.size());
            if (!band_header) {
                h << "<table class=\"bands\"><thead><tr><th>Load band</th><th>True energy kWh</th><th>Error %</th>"
                     "<th>MPE &plusmn;%</th></tr></thead><tbody>\n";
                band_header = true;
            }
            const double* e = find_value(p.values, band + "_error_pct");
            const double* m = find_value(p.values, band + "_mpe_pct");
            const bool bad = e && m && v * 1000.0 >= 0 && std::fabs(*e) > *m && p.note.find(band) != std::string::npos;
            h << "<tr class=\"" << (bad ? "fail" : "pass") << "-band\"" << (bad ? " style=\"background:#ffebe9\"" : "")
              << "><td>" << html_escape(band) << "</td><td class=\"num\">" << num(v, "%.3f")
              << "</td><td class=\"num\">" << (e ? num(*e, "%+.3f") : "") << "</td><td class=\"num\">"
              << (m ? num(*m, "%.2f") : "no limit") << "</td></tr>\n";
        }
        if (band_header) h << "</tbody></table>\n";
        for (const auto& s : p.series) {
            if (s.name != "hourly" || s.rows.empty()) continue;
            plot_spec spec;
            spec.title = "Error per hour of the day";
            spec.xlabel = "hour";
            spec.ylabel = "error_pct";
            plot_series e{"error of the CF output", "boxes", {}, "#0550ae"};
            for (const auto& row : s.rows) e.rows.push_back({row[0] + 0.5, row[3]});
            spec.series = {e};
            h << "<div class=\"plot\">" << plot_or_note(spec, dir) << "</div>\n";
        }
        return h.str();
    }
};

}  // namespace

const report_section& field_audit_detail() {
    static const field_audit_part s;
    return s;
}

}  // namespace hilbench::reports::sections
