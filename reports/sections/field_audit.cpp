// Field audit: the error per hour of the day. The error per load band (with its limit) is the
// form's table of the bands series; the band values are left out of the points table.
#include <cmath>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/meter_sections.h"

namespace hilbench::reports::sections {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class field_audit_part : public report_section {
public:
    // the per-band values (<band>_error_pct, <band>_mpe_pct, <band>_true_energy_kwh): the bands table shows them
    bool hides(const std::string& test, const std::string& value) const override {
        if (test != "field_profile") return false;
        for (const char* suffix : {"_error_pct", "_mpe_pct", "_true_energy_kwh"})
            if (ends_with(value, suffix) && value != "error_pct" && value != "true_energy_kwh") return true;
        return false;
    }

    std::string point_detail(const run_record&, const point_record& p, const std::string& dir) const override {
        std::ostringstream h;
        for (const auto& s : p.series) {
            if (s.name != "hourly" || s.rows.empty()) continue;
            const int hour = column(s, "hour_start_h"), err = column(s, "error_pct");
            if (hour < 0 || err < 0) continue;
            plot_spec spec;
            spec.title = p.id + ": error per hour of the day";
            spec.xlabel = "Hour of the day (h)";
            spec.ylabel = "Error of the CF output (%)";
            spec.xrange = {0, 24};
            plot_series e{"error of the CF output in the hour", "boxes", {}, "#0550ae"};
            for (const auto& row : s.rows) e.rows.push_back({row[std::size_t(hour)] + 0.5, row[std::size_t(err)]});
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
