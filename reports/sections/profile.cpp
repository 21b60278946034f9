// Load-profile recording: true energy (reference) against the CF output and the display.
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
            plot_spec spec;
            spec.title = "True and indicated energy";
            spec.xlabel = "time_s";
            spec.ylabel = "energy_wh";
            plot_series t{"true (reference)", "lines", {}, "#1b1f24"}, c{"CF pulses", "steps", {}, "#0550ae"},
                d{"display register", "steps", {}, "#cf222e"};
            for (const auto& row : s.rows) {
                t.rows.push_back({row[0], row[1]});
                c.rows.push_back({row[0], row[2]});
                d.rows.push_back({row[0], row[3]});
            }
            spec.series = {t, c, d};
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
