// The electricity meter's parts of the report: rating, test-point table, energy timelines of
// labelled points, tamper evidence.
#include <cmath>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/meter_sections.h"

namespace hilbench::reports::sections {
namespace {

// decimals of a step: 0.1 -> 1, 0.02 -> 2, 5 -> 0
int decimals_of(double step) {
    int d = 0;
    while (d < 6 && std::fabs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-9) ++d;
    return d;
}

class meter_part : public report_section {
public:
    void words(const run_record& r, vocabulary& v) const override {
        // the reported error is rounded to a tenth of the class index (JJG practice): 1, 2, A, B
        // to 0.1 %; 0.5S, 0.2S, C to hundredths
        const std::string cls = device_text(r, "accuracy_class");
        const int rounded = cls == "0.2S" || cls == "0.5S" || cls == "C" ? 2 : 1;
        const int kwh = decimals_of(device_number(r, "display_resolution_kwh", 0.01));
        v.names = {{"error_pct", {"Error", "%", 3}},
                   {"error_rounded_pct", {"Rounded error", "%", rounded}},
                   {"mpe_pct", {"MPE (±)", "%", rounded}},
                   {"uncertainty_pct", {"Expanded uncertainty U (k = 2)", "%", 3}},
                   {"reading_spread_pct", {"Spread of the readings", "%", 3}},
                   {"dut_pulses", {"DUT pulses", "", 0}},
                   {"ref_pulses", {"Reference pulses", "", 0}},
                   {"cf_pulses", {"CF pulses", "", 0}},
                   {"pulses", {"Pulses", "", 0}},
                   {"min_pulses", {"Pulses required", "", 0}},
                   {"max_pulses", {"Pulses allowed", "", 0}},
                   {"readings", {"Readings", "", 0}},
                   {"register_digits", {"Register digits", "", 0}},
                   {"voltage_v", {"Voltage", "V", 1}},
                   {"current_a", {"Current", "A", 3}},
                   {"power_factor", {"Power factor", "", 2}},
                   {"phase_deg", {"Phase angle", "°", 1}},
                   {"freq_hz", {"Frequency", "Hz", 1}},
                   {"t0_s", {"Pulse period at Ist, t0", "s", 1}},
                   {"window_s", {"Window per pulse", "s", 1}},
                   {"duration_s", {"Duration", "s", 2}},
                   {"dut_energy_wh", {"DUT energy", "Wh", 4}},
                   {"ref_energy_wh", {"Reference energy", "Wh", 4}},
                   {"true_energy_wh", {"True energy", "Wh", 4}},
                   {"register_kwh", {"Register advance", "kWh", kwh}},
                   {"cf_energy_kwh", {"CF energy", "kWh", 4}},
                   {"ref_energy_kwh", {"Reference energy", "kWh", 4}},
                   {"register_minus_cf_kwh", {"Register minus CF", "kWh", 4}},
                   {"register_vs_cf_pct", {"Register against CF", "%", 3}},
                   {"resolution_pct", {"Display resolution", "%", 3}},
                   {"expected_period_s", {"Expected pulse period", "s", 3}}};
    }

    void summary(const run_record& r, summary_rows& rows) const override {
        auto param = [&](const std::string& k) { return device_text(r, k); };
        rows.emplace_back("Rating", param("voltage_v") + " V, " + param("basic_current_a") + "(" +
                                        param("max_current_a") + ") A, " + param("freq_hz") + " Hz, class " +
                                        param("accuracy_class"));
        rows.emplace_back("Meter constant", param("meter_constant_imp_per_kwh") + " imp/kWh; display resolution " +
                                                param("display_resolution_kwh") + " kWh");
    }

    std::string points_table(const run_record& r) const override {
        std::ostringstream h;
        h << "<section id=\"points\"><h2>Test points</h2>\n<table "
             "class=\"points\">\n<thead><tr><th>Point</th><th>Test</th>"
             "<th>Conditions</th><th>Error %</th><th>Rounded %</th><th>MPE &plusmn;%</th><th>U (k=2) %</th>"
             "<th>Pulses DUT / ref</th><th>Duration s</th><th>Ref. energy "
             "Wh</th><th>Verdict</th></tr></thead>\n<tbody>\n";
        for (const auto& p : r.points) {
            h << "<tr class=\"" << html_escape(p.verdict) << "\"><td>" << html_escape(p.id) << "</td><td>"
              << html_escape(p.test) << "</td><td>" << html_escape(conditions_text(p)) << "</td>";
            h << "<td class=\"num\">" << value_or(p.values, "error_pct", "%+.4f") << "</td>";
            h << "<td class=\"num\">" << value_or(p.values, "error_rounded_pct", "%+.2f") << "</td>";
            h << "<td class=\"num\">" << value_or(p.values, "mpe_pct", "%.2f") << "</td>";
            h << "<td class=\"num\">" << value_or(p.values, "uncertainty_pct", "%.3f") << "</td>";
            std::string pulses = value_or(p.values, "dut_pulses", "%.0f");
            if (!pulses.empty())
                pulses += " / " + value_or(p.values, "ref_pulses", "%.0f");
            else
                pulses = value_or(p.values, "pulses", "%.0f");
            h << "<td class=\"num\">" << pulses << "</td>";
            h << "<td class=\"num\">" << value_or(p.values, "duration_s", "%.2f") << "</td>";
            h << "<td class=\"num\">" << value_or(p.values, "ref_energy_wh", "%.4f") << "</td>";
            h << "<td>" << badge(p.verdict) << "</td></tr>\n";
        }
        h << "</tbody></table></section>\n";
        return h.str();
    }

    csv_layout points_csv() const override {
        return {"",
                {"voltage_v", "current_a", "power_factor"},
                {"error_pct", "error_rounded_pct", "mpe_pct", "uncertainty_pct", "dut_pulses", "ref_pulses", "pulses",
                 "duration_s", "ref_energy_wh", "true_energy_wh"}};
    }

    std::string truth_plot(const run_record& r, const point_record& p, const series_table& s,
                           const std::string& dir) const override {
        if (column(s, "true_energy_wh") != 1) return "";
        plot_spec e;
        e.title = p.id + ": true and indicated energy (shaded: active cheats and faults)";
        e.xlabel = "time_s";
        e.ylabel = "energy_wh";
        plot_series t{"true (reference)", "lines", {}, "#1b1f24"}, c{"CF output", "steps", {}, "#0550ae"},
            d{"display register", "steps", {}, "#cf222e"};
        plot_spec er = e;
        er.title = p.id + ": cumulative error of the indication (from 50 CF pulses on)";
        er.ylabel = "error_pct";
        plot_series ec{"CF output", "lines", {}, "#0550ae"}, ed{"display register", "lines", {}, "#cf222e"};
        for (const auto& row : s.rows) {
            t.rows.push_back({row[0], row[1]});
            c.rows.push_back({row[0], row[2]});
            d.rows.push_back({row[0], row[3]});
            // from 50 CF pulses of energy on, so that quantisation stays below 2 %
            if (row[1] >= 50.0 * 1000.0 / device_number(r, "meter_constant_imp_per_kwh", 1000.0)) {
                ec.rows.push_back({row[0], (row[2] - row[1]) / row[1] * 100.0});
                ed.rows.push_back({row[0], (row[3] - row[1]) / row[1] * 100.0});
            }
        }
        for (const auto& l : p.labels)
            if (l.label != "DRIFT") e.shade.emplace_back(l.onset_s, l.end_s);
        er.shade = e.shade;
        e.series = {t, c, d};
        er.series = {ec, ed};
        std::string out = "<div class=\"plot\">" + plot_or_note(e, dir) + "</div>\n";
        if (!ec.rows.empty()) out += "<div class=\"plot\">" + plot_or_note(er, dir) + "</div>\n";
        return out;
    }

    // tamper and reverse-power events, and calibration writes the firmware did not make
    bool evidence(const audit_row& a) const override {
        return a.parameter.rfind("tamper", 0) == 0 || a.parameter.rfind("reverse_power", 0) == 0 ||
               a.parameter == "unexpected_calibration_write";
    }
};

}  // namespace

const report_section& meter_device() {
    static const meter_part s;
    return s;
}

}  // namespace hilbench::reports::sections
