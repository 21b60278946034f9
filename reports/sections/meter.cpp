// The electricity meter's parts of the report: rating, test-point table, energy timelines of
// labelled points, tamper evidence.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/meter_sections.h"

namespace hilbench::reports::sections {
namespace {

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
                   {"cf_interval_s", {"Mean CF interval", "s", 4}},
                   {"cf_interval_spread_pct", {"Spread of the CF intervals", "%", 3}},
                   {"clamp_live_a", {"Clamp on the live conductor", "A", 2}},
                   {"clamp_neutral_a", {"Clamp on the neutral conductor", "A", 2}},
                   {"neutral_vs_live_pct", {"Neutral against live current", "%", 1}},
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
                   {"expected_period_s", {"Expected pulse period", "s", 3}},
                   {"hour_start_h", {"Hour starting", "h", 0}},
                   {"lo_a", {"Band from", "A", 3}},
                   {"hi_a", {"Band below", "A", 3}},
                   {"band", {"Load band", "", -1}},
                   {"pulse", {"Pulse no.", "", 0}},
                   {"reading", {"Reading no.", "", 0}},
                   {"steps", {"Profile steps", "", 0}}};
    }

    void summary(const run_record& r, summary_rows& rows) const override {
        auto param = [&](const std::string& k) { return device_text(r, k); };
        rows.emplace_back("Rating", param("voltage_v") + " V, " + param("basic_current_a") + "(" +
                                        param("max_current_a") + ") A, " + param("freq_hz") + " Hz, class " +
                                        param("accuracy_class"));
        rows.emplace_back("Meter constant", param("meter_constant_imp_per_kwh") + " imp/kWh; display resolution " +
                                                param("display_resolution_kwh") + " kWh");
    }

    void reference_standards(const run_record& r, std::vector<reference_row>& rows) const override {
        auto option = [&](const std::string& k) { return lab_option(r, k); };
        rows.push_back({"Reference standard meter (pulse comparison)",
                        "class " + option("reference_class_pct") + " %, " + option("reference_constant_imp_per_kwh") +
                            " imp/kWh",
                        option("reference_certificate")});
        rows.push_back({"Programmable AC test source (simulated)", "exact sine, set voltage, current and phase",
                        "not applicable (simulated)"});
    }

    csv_layout points_csv() const override {
        return {"",
                {"voltage_v", "current_a", "power_factor"},
                {"error_pct", "error_rounded_pct", "mpe_pct", "uncertainty_pct", "dut_pulses", "ref_pulses", "pulses",
                 "duration_s", "ref_energy_wh", "true_energy_wh"}};
    }

    std::string truth_plot(const run_record& r, const point_record& p, const series_table& s,
                           const std::string& dir) const override {
        if (column(s, "true_energy_wh") != 1 || s.rows.empty()) return "";
        const time_axis ta = time_axis_for(s.rows.back()[0] - s.rows.front()[0]);
        double emax = 0;
        for (const auto& row : s.rows) emax = std::max(emax, row[1]);
        const bool kwh = emax > 2000;
        const double ek = kwh ? 1000.0 : 1.0;
        plot_spec e;
        e.title = p.id + ": true and indicated energy (shaded: active cheats and faults)";
        e.xlabel = ta.label;
        e.ylabel = kwh ? "Energy (kWh)" : "Energy (Wh)";
        e.xrange = {0, s.rows.back()[0] / ta.seconds_per_unit};
        // the indications first, the true energy dashed over them: where they agree both stay visible
        plot_series t{"true energy (reference)", "lines", {}, "#1b1f24", true}, c{"CF output", "steps", {}, "#0550ae"},
            d{"display register", "steps", {}, "#cf222e"};
        plot_spec er = e;
        er.title = p.id + ": cumulative error of the indication (from 50 CF pulses of energy on)";
        er.ylabel = "Error of the indication (%)";
        plot_series ec{"CF output", "lines", {}, "#0550ae"}, ed{"display register", "lines", {}, "#cf222e", true};
        for (const auto& row : s.rows) {
            const double x = row[0] / ta.seconds_per_unit;
            t.rows.push_back({x, row[1] / ek});
            c.rows.push_back({x, row[2] / ek});
            d.rows.push_back({x, row[3] / ek});
            // from 50 CF pulses of energy on, so that quantisation stays below 2 %
            if (row[1] >= 50.0 * 1000.0 / device_number(r, "meter_constant_imp_per_kwh", 1000.0)) {
                ec.rows.push_back({x, (row[2] - row[1]) / row[1] * 100.0});
                ed.rows.push_back({x, (row[3] - row[1]) / row[1] * 100.0});
            }
        }
        for (const auto& l : p.labels)
            if (l.label != "DRIFT") e.shade.emplace_back(l.onset_s / ta.seconds_per_unit, l.end_s / ta.seconds_per_unit);
        er.shade = e.shade;
        e.series = {c, d, t};
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
