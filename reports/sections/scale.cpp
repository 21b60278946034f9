// The price-computing scale's parts of the report: rating, mass timelines of labelled
// points, lock and ADC-write evidence.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/scale_sections.h"

namespace hilbench::reports::sections {
namespace {

class scale_part : public report_section {
public:
    // Loads and indications to the scale interval e; what the changeover method resolves (the
    // indication before rounding, errors) to 0.1 e; multiples of e to hundredths.
    void words(const run_record& r, vocabulary& v) const override {
        // the finest interval: e1 of a multi-interval scale, else e
        const double e = device_number(r, "max1_g", 0) > 0 ? std::min(device_number(r, "e_g", 1), device_number(r, "e1_g", 1))
                                                          : device_number(r, "e_g", 1);
        const int ge = decimals_of(e), g10 = decimals_of(e / 10);
        const int cny = decimals_of(device_number(r, "price_interval", 0.01));
        v.unit_decimals = {{"g", g10}, {"e", 2}, {"CNY", cny}};
        v.names = {{"load_g", {"Load L", "g", ge}},
                   {"indication_g", {"Indication I", "g", ge}},
                   {"indicated_g", {"Indication", "g", ge}},
                   {"added_g", {"Added weights ΔL", "g", g10}},
                   {"p_g", {"Indication before rounding P", "g", g10}},
                   {"error_g", {"Error E", "g", g10}},
                   {"corrected_error_g", {"Corrected error Ec", "g", g10}},
                   {"corrected_error_e", {"Corrected error Ec", "e", 2}},
                   {"worst_corrected_error_g", {"Largest corrected error |Ec|", "g", g10}},
                   {"mpe_e", {"MPE (±)", "e", 1}},
                   {"mpe_g", {"MPE (±)", "g", g10}},
                   {"net_mpe_g", {"MPE of the net (±)", "g", g10}},
                   {"e0_g", {"Error at zero E0", "g", g10}},
                   {"e0_e", {"Error at zero E0", "e", 2}},
                   {"uncertainty_e", {"Uncertainty U (k = 2)", "e", 3}},
                   {"x_rel", {"Position x (of the half-width)", "", 2}},
                   {"y_rel", {"Position y (of the half-depth)", "", 2}},
                   {"position", {"Position", "", 0}},
                   {"max_g", {"Max", "g", ge}},
                   {"worst_load_g", {"Load of the largest error", "g", ge}},
                   {"worst_error_to_mpe", {"Largest |Ec| / MPE", "", 2}},
                   {"spread_g", {"Spread (largest − smallest)", "g", g10}},
                   {"spread_e", {"Spread (largest − smallest)", "e", 2}},
                   {"extra_load_g", {"Extra load (1.4 d)", "g", g10}},
                   {"d_g", {"Scale interval d", "g", ge}},
                   {"tare_g", {"Tare", "g", ge}},
                   {"net_g", {"Net load", "g", ge}},
                   {"true_mass_g", {"True mass", "g", g10}},
                   {"reference_mass_g", {"Reference mass", "g", g10}},
                   {"limit_g", {"Limit (±)", "g", g10}},
                   {"offset_g", {"Offset at switch-on", "g", ge}},
                   {"temperature_c", {"Temperature", "°C", 1}},
                   {"soak_s", {"Soak time", "s", 0}},
                   {"held_s", {"Time under load", "s", 0}},
                   {"unit_price_cny_per_kg", {"Unit price", "CNY/kg", 2}},
                   {"price_interval_cny", {"Price interval", "CNY", cny}},
                   {"count", {"Weighings", "", 0}},
                   {"loads", {"Loads", "", 0}},
                   {"cases", {"Cases", "", 0}},
                   {"load_no", {"Load no.", "", 0}},
                   {"indication_start_g", {"Indication at the load", "g", ge}},
                   {"indication_dropped_g", {"Indication after removing 1 d", "g", ge}},
                   {"indication_with_extra_g", {"Indication with the extra load", "g", ge}},
                   {"max_indication_g", {"Largest indication", "g", ge}},
                   {"first_result_after_s", {"First result after switching on", "s", 1}},
                   {"weighing", {"Weighing no.", "", 0}},
                   {"accepted", {"Zero set", "yes/no", 0}},
                   {"tracked", {"Tracked", "yes/no", 0}},
                   {"locked_on_opening", {"Locked on opening", "yes/no", 0}},
                   {"locked_after_closing", {"Locked after closing", "yes/no", 0}},
                   {"wrong_code_refused", {"Wrong code refused", "yes/no", 0}},
                   {"dynamic_code_unlocks", {"Dynamic code unlocks", "yes/no", 0}},
                   {"results_after_unlock", {"Results after unlocking", "yes/no", 0}},
                   {"negative_price_shown", {"Price shown for a negative net", "yes/no", 0}},
                   {"overload_price_shown", {"Price shown at overload", "yes/no", 0}},
                   {"overload_weight_shown", {"Weight shown at overload", "yes/no", 0}}};
    }

    void reference_standards(const run_record& r, std::vector<reference_row>& rows) const override {
        auto option = [&](const std::string& k) { return lab_option(r, k); };
        rows.push_back({"Standard weights, with 0.1 e changeover weights",
                        "OIML R 111 class " + option("weight_class") + " (simulated at their conventional mass)",
                        option("weights_certificate")});
        rows.push_back({"Climatic chamber and supply (simulated)", "set temperature and supply voltage",
                        "not applicable (simulated)"});
    }

    void summary(const run_record& r, summary_rows& rows) const override {
        const double max_g = device_number(r, "max_g", 0), e = device_number(r, "e_g", 1),
                     max1 = device_number(r, "max1_g", 0);
        std::ostringstream os;
        os << "class " << device_text(r, "accuracy_class") << ", Max " << num(max_g, "%g")
           << " g, e = d = " << num(e, "%g") << " g (n = " << num(max_g / e, "%.0f") << ")";
        if (max1 > 0)
            os << "; multi-interval: up to " << num(max1, "%g") << " g e1 = " << num(device_number(r, "e1_g", 0), "%g")
               << " g";
        rows.emplace_back("Rating", os.str());
        rows.emplace_back("Price computing", "price interval " + num(device_number(r, "price_interval", 0.01), "%g") +
                                                 " CNY, rounding " + device_text(r, "price_rounding"));
    }

    std::string truth_plot(const run_record&, const point_record& p, const series_table& s,
                           const std::string& dir) const override {
        const int tc = column(s, "true_mass_g"), ic = column(s, "indicated_g");
        if (tc < 0 || ic < 0 || s.rows.empty()) return "";
        const time_axis ta = time_axis_for(s.rows.back()[0] - s.rows.front()[0]);
        plot_spec spec;
        spec.title = p.id + ": true mass and indication (shaded: active cheats and faults)";
        spec.xlabel = ta.label;
        spec.ylabel = "Mass (g)";
        spec.xrange = {0, s.rows.back()[0] / ta.seconds_per_unit};
        // the indication first, the true mass dashed over it: where they agree both stay visible
        plot_series t{"true mass on the receptor", "steps", {}, "#1b1f24", true},
            i{"indication (net)", "steps", {}, "#cf222e"};
        for (const auto& row : s.rows) {
            t.rows.push_back({row[0] / ta.seconds_per_unit, row[std::size_t(tc)]});
            if (std::isfinite(row[std::size_t(ic)]))
                i.rows.push_back({row[0] / ta.seconds_per_unit, row[std::size_t(ic)]});
        }
        for (const auto& l : p.labels)
            if (l.label != "DRIFT") spec.shade.emplace_back(l.onset_s / ta.seconds_per_unit, l.end_s / ta.seconds_per_unit);
        spec.series = {i, t};
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
