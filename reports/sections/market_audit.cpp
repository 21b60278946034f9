// The market audit: the error of each commodity load against the in-service limit, with the
// activation of cheats shaded. The loads themselves are the form's table.
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/scale_sections.h"

namespace hilbench::reports::sections {
namespace {

class market_audit_part : public report_section {
public:
    std::string test_detail(const run_record& r, const std::string& test, const std::string& dir) const override {
        if (test != "irregular_loads") return "";
        std::ostringstream h;
        for (const auto& p : r.points) {
            const series_table* s = p.test == test ? find_series(p, "market_audit") : nullptr;
            if (!s || s->rows.empty()) continue;
            const int t = column(*s, "time_s"), m = column(*s, "reference_mass_g"), lim = column(*s, "limit_g"),
                      e = column(*s, "error_pct");
            if (t < 0 || m < 0 || lim < 0 || e < 0) continue;
            const time_axis ta = time_axis_for(s->rows.back()[std::size_t(t)]);
            plot_spec spec;
            spec.title = "Error of each commodity load against the in-service limit (shaded: active cheats)";
            spec.xlabel = ta.label;
            spec.ylabel = "Error of the indication (%)";
            plot_series er{"error of the load", "linespoints", {}, "#0550ae"}, up{"in-service limit (±)", "steps", {}, "#cf222e"},
                lo{"", "steps", {}, "#cf222e"};
            for (const auto& row : s->rows) {
                const double x = row[std::size_t(t)] / ta.seconds_per_unit;
                er.rows.push_back({x, row[std::size_t(e)]});
                up.rows.push_back({x, row[std::size_t(lim)] / row[std::size_t(m)] * 100});
                lo.rows.push_back({x, -row[std::size_t(lim)] / row[std::size_t(m)] * 100});
            }
            for (const auto& l : p.labels)
                if (l.label != "DRIFT") spec.shade.emplace_back(l.onset_s / ta.seconds_per_unit, l.end_s / ta.seconds_per_unit);
            spec.xrange = {0, s->rows.back()[std::size_t(t)] / ta.seconds_per_unit * 1.03};
            spec.series = {up, lo, er};
            h << "<div class=\"plot\">" << plot_or_note(spec, dir) << "</div>\n";
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
