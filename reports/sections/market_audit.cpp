// The market audit: the error of each commodity load against the in-service limit, with the
// activation of cheats shaded.
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/scale_sections.h"

namespace hilbench::reports::sections {
namespace {

class market_audit_part : public report_section {
public:
    std::string body(const run_record& r, const std::string& dir) const override {
        std::ostringstream h;
        // market audit
        for (const auto& p : r.points) {
            const series_table* s = p.test == "irregular_loads" ? find_series(p, "market_audit") : nullptr;
            if (!s) continue;
            h << "<section id=\"market_audit\"><h2>Market audit: irregular loads " << badge(p.verdict) << "</h2>\n";
            plot_spec spec;
            spec.title = "Error of each commodity load against the in-service limit (shaded: active cheats)";
            spec.xlabel = "time_s";
            spec.ylabel = "error_pct";
            plot_series er{"error", "linespoints", {}, "#0550ae"}, up{"+limit", "steps", {}, "#cf222e"},
                lo{"-limit", "steps", {}, "#cf222e"};
            const int t = column(*s, "time_s"), m = column(*s, "reference_mass_g"), lim = column(*s, "limit_g");
            for (const auto& row : s->rows) {
                const double x = row[std::size_t(t)];
                er.rows.push_back({x, row[std::size_t(column(*s, "error_pct"))]});
                up.rows.push_back({x, row[std::size_t(lim)] / row[std::size_t(m)] * 100});
                lo.rows.push_back({x, -row[std::size_t(lim)] / row[std::size_t(m)] * 100});
            }
            for (const auto& l : p.labels)
                if (l.label != "DRIFT") spec.shade.emplace_back(l.onset_s, l.end_s);
            spec.series = {up, lo, er};
            h << "<div class=\"plot\">" << plot_or_note(spec, dir) << "</div>\n";
            h << series_table_html(*s,
                                   {{"load", "%g"},
                                    {"time_s", "%.1f"},
                                    {"reference_mass_g", "%.1f"},
                                    {"indication_g", "%g"},
                                    {"error_g", "%+.1f"},
                                    {"error_pct", "%+.2f"},
                                    {"limit_g", "%.1f"},
                                    {"price", "%.2f"},
                                    {"fair_price", "%.2f"},
                                    {"pass", "%g"}},
                                   "market");
            h << "</section>\n";
        }

        return h.str();
    }
};

}  // namespace

const report_section& market_audit() {
    static const market_audit_part s;
    return s;
}

}  // namespace hilbench::reports::sections
