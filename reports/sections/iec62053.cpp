// IEC 62053-21 / EN 50470-3: error against current, one plot per power factor, with the
// MPE envelope. The accuracy points are shown in full here and in the test-point table.
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/meter_sections.h"

namespace hilbench::reports::sections {
namespace {

class accuracy_curves : public report_section {
public:
    std::string test_detail(const run_record& r, const std::string& test, const std::string& dir) const override {
        if (test != "accuracy") return "";
        const double ib = device_number(r, "basic_current_a", 1);
        std::map<std::string, std::vector<const point_record*>> families;
        for (const auto& p : r.points) {
            if (p.test != "accuracy" || !find_value(p.values, "error_pct")) continue;
            const double* ph = find_value(p.conditions, "phase_deg");
            const double* pf = find_value(p.conditions, "power_factor");
            const std::string fam = "PF " + num(pf ? *pf : 1, "%.3g") +
                                    (ph && *ph > 0   ? " inductive"
                                     : ph && *ph < 0 ? " capacitive"
                                                     : "");
            families[fam].push_back(&p);
        }
        if (families.empty()) return "";
        std::ostringstream h;
        h << "<div id=\"curves\">\n";
        for (auto& [fam, pts] : families) {
            std::sort(pts.begin(), pts.end(), [](const point_record* a, const point_record* b) {
                return *find_value(a->conditions, "current_a") < *find_value(b->conditions, "current_a");
            });
            plot_spec spec;
            spec.title = "Error vs current, " + fam;
            spec.xlabel = "Current / Ib";
            spec.ylabel = "Error (%)";
            spec.logx = true;
            plot_series meas{"measured error (bars: U, k=2)", "yerrorbars", {}, "#0550ae"};
            plot_series line{"", "lines", {}, "#0550ae"};  // joins the points; the bars carry the legend
            plot_series up{"MPE (±)", "steps", {}, "#cf222e"}, lo{"", "steps", {}, "#cf222e"};
            for (const point_record* p : pts) {
                const double x = *find_value(p->conditions, "current_a") / ib;
                const double* u = find_value(p->values, "uncertainty_pct");
                meas.rows.push_back({x, *find_value(p->values, "error_pct"), u ? *u : 0.0});
                line.rows.push_back({x, *find_value(p->values, "error_pct")});
                up.rows.push_back({x, *find_value(p->values, "mpe_pct")});
                lo.rows.push_back({x, -*find_value(p->values, "mpe_pct")});
            }
            double ymax = 0;
            for (const auto& row : up.rows) ymax = std::max(ymax, row[1]);
            for (const auto& row : meas.rows) ymax = std::max(ymax, std::fabs(row[1]) + row[2]);
            spec.yrange = {-1.25 * ymax, 1.25 * ymax};
            spec.series = {up, lo, line, meas};
            h << "<div class=\"plot\">" << plot_or_note(spec, dir) << "</div>\n";
        }
        h << "</div>\n";
        return h.str();
    }
};

}  // namespace

const report_section& iec62053_accuracy_curves() {
    static const accuracy_curves s;
    return s;
}

}  // namespace hilbench::reports::sections
