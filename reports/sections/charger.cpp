// The EV charger's parts of the report: rating, reference meter, words and decimals, the
// energy timeline of labelled points, and the JJG 1148/1149 working-error plot.
#include <algorithm>
#include <cmath>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/charger_sections.h"

namespace hilbench::reports::sections {
namespace {

// An AC post states a rated voltage; a DC charger a voltage range.
bool is_ac_post(const run_record& r) { return !device_text(r, "rated_voltage_v").empty(); }

class charger_part : public report_section {
public:
    void words(const run_record&, vocabulary& v) const override {
        v.unit_decimals = {{"kWh", 4}, {"CNY", 2}, {"A", 1}, {"V", 1}, {"s", 1}};
        v.names = {{"current_a", {"Current", "A", 1}},
                   {"voltage_v", {"Voltage", "V", 0}},
                   {"power_factor", {"Power factor", "", 2}},
                   {"error_pct", {"Error", "%", 3}},
                   {"mpe_pct", {"MPE (±)", "%", 1}},
                   {"uncertainty_pct", {"Expanded uncertainty U (k = 2)", "%", 3}},
                   {"gate_s", {"Gate", "s", 1}},
                   {"gate_pulses", {"Test-output pulses in the gate", "", 0}},
                   {"reference_kwh", {"Reference energy", "kWh", 4}},
                   {"displayed_kwh", {"Displayed energy", "kWh", 3}},
                   {"display_resolution_kwh", {"Display resolution", "kWh", 3}},
                   {"clock_error_s", {"Clock error", "s", 0}},
                   {"limit_s", {"Limit", "s", 0}},
                   {"amount_cny", {"Amount", "CNY", 2}},
                   {"expected_cny", {"Energies x (price + fee)", "CNY", 4}},
                   {"payment_error_cny", {"Payment error", "CNY", 4}},
                   {"min_pay_cny", {"Minimum payment variable", "CNY", 2}},
                   {"energy_kwh", {"Energy", "kWh", 3}},
                   {"price_cny_per_kwh", {"Price", "CNY/kWh", 4}},
                   {"service_fee_cny_per_kwh", {"Service fee", "CNY/kWh", 4}},
                   {"cost_cny", {"Cost", "CNY", 4}},
                   {"period", {"Tariff period", "", 0}},
                   {"display_steps", {"Display steps", "", 0}},
                   {"digit_resolution_pct", {"One digit of the energy", "%", 3}},
                   {"records", {"Signed records", "", 0}},
                   {"record", {"Record", "", 0}},
                   {"page", {"Page (PG)", "", 0}},
                   {"reading_kwh", {"Reading (RV)", "kWh", 4}},
                   {"signature_valid", {"Signature valid", "", 0}},
                   {"signed_kwh", {"Signed energy (E - B)", "kWh", 4}},
                   {"plausibility_pct", {"Plausibility limit", "%", 2}},
                   {"grid_voltage_v", {"Grid voltage", "V", 1}},
                   {"grid_frequency_hz", {"Grid frequency", "Hz", 2}}};
    }

    void summary(const run_record& r, summary_rows& rows) const override {
        const bool ac = is_ac_post(r);
        if (ac)
            rows.emplace_back("Rating", "class " + device_text(r, "accuracy_class") + ", " + device_text(r, "rated_voltage_v") +
                                            " V, Imin " + device_text(r, "min_current_a") + " A, Imax " +
                                            device_text(r, "max_current_a") + " A, test output " +
                                            device_text(r, "meter_constant_imp_per_kwh") + " imp/kWh");
        else
            rows.emplace_back("Rating", "class " + device_text(r, "accuracy_class") + ", " + device_text(r, "min_voltage_v") +
                                            " to " + device_text(r, "max_voltage_v") + " V, Imin " +
                                            device_text(r, "min_current_a") + " A, Imax " + device_text(r, "max_current_a") +
                                            " A, " + device_text(r, "max_power_kw") + " kW; cable id " +
                                            device_text(r, "cable_id") + ", loss compensation " +
                                            (device_text(r, "loss_compensation") == "true" ? "on" : "off"));
    }

    void reference_standards(const run_record& r, std::vector<reference_row>& rows) const override {
        const bool ac = is_ac_post(r);
        rows.push_back({ac ? "Standard AC energy meter at the charger's output" : "Standard DC energy meter (shunt and "
                                                                                  "divider) at the vehicle end of the cable",
                        "class " + lab_option(r, "reference_class_pct") + " %, " +
                            lab_option(r, "reference_constant_imp_per_kwh") + " imp/kWh",
                        lab_option(r, "reference_certificate")});
        rows.push_back({"Load", lab_option(r, "load_method") == "vehicle" ? "a vehicle (real-vehicle method)"
                                                                            : "the lab's virtual load",
                        "not applicable"});
    }

    std::string truth_plot(const run_record&, const point_record& p, const series_table& s,
                           const std::string& dir) const override {
        const int del = column(s, "delivered_kwh"), bil = column(s, "displayed_kwh");
        if (del < 0 || bil < 0 || s.rows.empty() || s.rows.back()[0] < 5) return "";
        const time_axis ta = time_axis_for(s.rows.back()[0]);
        plot_spec spec;
        spec.title = p.id + ": energy delivered and the session's displayed (billed) energy (shaded: active cheats and faults)";
        spec.xlabel = ta.label;
        spec.ylabel = "Energy (kWh)";
        spec.xrange = {0, s.rows.back()[0] / ta.seconds_per_unit};
        plot_series b{"displayed in the session", "steps", {}, "#cf222e"}, d{"delivered (truth)", "lines", {}, "#1b1f24", true};
        for (const auto& row : s.rows) {
            b.rows.push_back({row[0] / ta.seconds_per_unit, row[std::size_t(bil)]});
            d.rows.push_back({row[0] / ta.seconds_per_unit, row[std::size_t(del)]});
        }
        for (const auto& l : p.labels)
            if (l.label != "DRIFT") spec.shade.emplace_back(l.onset_s / ta.seconds_per_unit, l.end_s / ta.seconds_per_unit);
        spec.series = {b, d};
        return "<div class=\"plot\">" + plot_or_note(spec, dir) + "</div>\n";
    }

    bool evidence(const audit_row& a) const override {
        return a.parameter == "cable" || a.parameter == "tariff" || a.parameter == "signing_key" ||
               a.parameter == "tariff_change_refused" || a.parameter == "unexpected_calibration_write" ||
               (a.kind == "parameter_change" && a.source != "factory");
    }
};

class charger_evaluation_part : public report_section {
public:
    std::string test_detail(const run_record& r, const std::string& test, const std::string& dir) const override {
        if (test != "working_error") return "";
        plot_spec spec;
        spec.title = "Working error at each load point";
        spec.xlabel = "Current (A)";
        spec.ylabel = "Error (%)";
        plot_series pts{"working error", "points", {}, "#0550ae"}, up{"MPE (±)", "lines", {}, "#cf222e"},
            lo{"", "lines", {}, "#cf222e"};
        double mpe = 0, imax = 0, ymax = 0;
        for (const auto& p : r.points) {
            if (p.test != test) continue;
            const double *m = find_value(p.values, "mpe_pct"), *i = find_value(p.values, "current_a"),
                         *e = find_value(p.values, "error_pct");
            if (m) mpe = std::max(mpe, *m);
            if (i && e && std::isfinite(*e)) {
                pts.rows.push_back({*i, *e});
                imax = std::max(imax, *i);
                ymax = std::max(ymax, std::fabs(*e));
            }
        }
        if (pts.rows.empty()) return "";
        up.rows = {{0, mpe}, {imax * 1.15, mpe}};
        lo.rows = {{0, -mpe}, {imax * 1.15, -mpe}};
        ymax = std::max(ymax, mpe);
        spec.xrange = {0, imax * 1.15};
        spec.yrange = {-1.3 * ymax, 1.3 * ymax};
        spec.series = {up, lo, pts};
        return "<div class=\"plot\">" + plot_or_note(spec, dir) + "</div>\n";
    }
};

}  // namespace

const report_section& charger_device() {
    static const charger_part s;
    return s;
}

const report_section& charger_evaluation() {
    static const charger_evaluation_part s;
    return s;
}

}  // namespace hilbench::reports::sections
