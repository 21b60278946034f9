// The price-computing scale's parts of the report: rating, mass timelines of labelled
// points, lock and ADC-write evidence.
#include <cmath>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/scale_sections.h"

namespace hilbench::reports::sections {
namespace {

class scale_part : public report_section {
public:
    void summary(const run_record& r, summary_rows& rows) const override {
        const double max_g = device_number(r, "max_g", 0), e = device_number(r, "e_g", 1),
                     max1 = device_number(r, "max1_g", 0);
        std::ostringstream os;
        os << "class " << device_text(r, "accuracy_class") << ", Max " << num(max_g, "%g")
           << " g, e = d = " << num(e, "%g") << " g (n = " << num(max_g / e, "%.0f") << ")";
        if (max1 > 0)
            os << "; multi-interval: up to " << num(max1, "%g") << " g e1 = " << num(device_number(r, "e1_g", 0), "%g")
               << " g";
        os << "; price interval " << num(device_number(r, "price_interval", 0.01), "%g") << ", rounding "
           << device_text(r, "price_rounding");
        rows.emplace_back("Rating", os.str());
    }

    std::string truth_plot(const run_record&, const point_record& p, const series_table& s,
                           const std::string& dir) const override {
        plot_spec spec;
        spec.title = p.id + ": true mass and indication (shaded: active cheats and faults)";
        spec.xlabel = "time_s";
        spec.ylabel = "mass_g";
        plot_series t{"true mass on the receptor", "steps", {}, "#1b1f24"},
            i{"indicated (net)", "steps", {}, "#cf222e"};
        const int tc = column(s, "true_mass_g"), ic = column(s, "indicated_g");
        if (tc < 0 || ic < 0) return "";
        for (const auto& row : s.rows) {
            t.rows.push_back({row[0], row[std::size_t(tc)]});
            if (std::isfinite(row[std::size_t(ic)])) i.rows.push_back({row[0], row[std::size_t(ic)]});
        }
        for (const auto& l : p.labels)
            if (l.label != "DRIFT") spec.shade.emplace_back(l.onset_s, l.end_s);
        spec.series = {t, i};
        return "<div class=\"plot\">" + plot_or_note(spec, dir) + "</div>\n";
    }

    // writes to the ADC behind the firmware, the case opened, the self-lock and refused unlocks
    bool evidence(const audit_row& a) const override {
        return a.parameter == "unexpected_adc_write" || a.parameter == "case_opened" || a.parameter == "self_lock" ||
               a.parameter == "unlock_refused";
    }
};

}  // namespace

const report_section& scale_device() {
    static const scale_part s;
    return s;
}

}  // namespace hilbench::reports::sections
