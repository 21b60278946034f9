// Load-profile recording: true energy (reference) against the CF output and the display.
#include <algorithm>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/meter_sections.h"

namespace hilbench::reports::sections {
namespace {

class profile_part : public report_section {
public:
    std::string point_detail(const run_record&, const point_record& p, const std::string& dir) const override {
        std::string out;
        for (const auto& s : p.series) {
            if (s.name != "energy" || s.rows.empty()) continue;
            const time_axis ta = time_axis_for(s.rows.back()[0]);
            double emax = 0;
            for (const auto& row : s.rows) emax = std::max(emax, row[1]);
            const bool kwh = emax > 2000;
            const double ek = kwh ? 1000.0 : 1.0;
            plot_spec spec;
            spec.title = p.id + ": true and indicated energy";
            spec.xlabel = ta.label;
            spec.ylabel = kwh ? "Energy (kWh)" : "Energy (Wh)";
            spec.xrange = {0, s.rows.back()[0] / ta.seconds_per_unit};
            plot_series t{"true energy (reference)", "lines", {}, "#1b1f24", true},
                c{"CF output", "steps", {}, "#0550ae"}, d{"display register", "steps", {}, "#cf222e"};
            for (const auto& row : s.rows) {
                const double x = row[0] / ta.seconds_per_unit;
                t.rows.push_back({x, row[1] / ek});
                c.rows.push_back({x, row[2] / ek});
                d.rows.push_back({x, row[3] / ek});
            }
            spec.series = {c, d, t};
            out += "<div class=\"plot\">" + plot_or_note(spec, dir) + "</div>\n";
        }
        return out;
    }
};

}  // namespace

const report_section& profile_recording_detail() {
    static const profile_part s;
    return s;
}

}  // namespace hilbench::reports::sections
