// The fuel dispenser's parts of the report: rating, standard measures, words, volume
// timelines of labelled points, lock and authentication evidence; and the JJG 443 / R 117
// error-against-flow plot of the accuracy runs.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/dispenser_sections.h"

namespace hilbench::reports::sections {
namespace {

class dispenser_part : public report_section {
public:
    void words(const run_record&, vocabulary& v) const override {
        v.unit_decimals = {{"L", 3}, {"CNY", 2}, {"L/min", 1}};
        v.names = {{"indicated_l", {"Indicated volume", "L", 2}},
                   {"reading_l", {"Measure reading", "L", 3}},
                   {"reference_l", {"Reference volume V_B at the meter", "L", 3}},
                   {"master_meter_l", {"Master meter", "L", 3}},
                   {"fair_amount_cny", {"Amount due for the master meter's volume", "CNY", 2}},
                   {"overcharge_cny", {"Overcharge", "CNY", 2}},
                   {"measure_l", {"Standard measure", "L", 0}},
                   {"t_meter_c", {"Fuel temperature at the meter", "°C", 1}},
                   {"t_measure_c", {"Measure temperature", "°C", 1}},
                   {"temperature_difference_c", {"Largest temperature difference", "°C", 1}},
                   {"error_pct", {"Error", "%", 3}},
                   {"error_l", {"Error", "L", 3}},
                   {"worst_error_pct", {"Largest run error", "%", 3}},
                   {"worst_error_l", {"Largest error", "L", 3}},
                   {"mean_error_pct", {"Mean run error", "%", 3}},
                   {"spread_pct", {"Repeatability (largest - smallest)", "%", 3}},
                   {"repeatability_limit_pct", {"Repeatability limit", "%", 2}},
                   {"mpe_pct", {"MPE (±)", "%", 2}},
                   {"uncertainty_pct", {"Expanded uncertainty U (k = 2)", "%", 3}},
                   {"flow_l_per_min", {"Flow rate", "L/min", 1}},
                   {"amount_cny", {"Amount", "CNY", 2}},
                   {"payment_error_cny", {"Payment error", "CNY", 2}},
                   {"worst_payment_error_cny", {"Largest payment error", "CNY", 2}},
                   {"emin_l", {"Emin", "L", 3}},
                   {"mmq_l", {"MMQ", "L", 1}},
                   {"volume_l", {"Volume", "L", 2}},
                   {"preset_l", {"Preset", "L", 2}},
                   {"preset_cny", {"Preset", "CNY", 2}},
                   {"lock_after_s", {"Locked after", "s", 2}},
                   {"volume_at_lock_l", {"Volume at the lock", "L", 2}},
                   {"pulses_per_s", {"Generator pulses", "1/s", 1}},
                   {"a_edges", {"Pulser line A edges", "", 0}},
                   {"b_edges", {"Pulser line B edges", "", 0}},
                   {"a_minus_b_edges", {"A - B edges", "", 0}},
                   {"pulser_volume_l", {"Pulses / verified K", "L", 3}},
                   {"display_vs_pulser_l", {"Display - pulses / K", "L", 3}},
                   {"pulser_tolerance_l", {"Bound (a digit, two pulses)", "L", 3}},
                   {"electronic_advance_l", {"Electronic totaliser advance", "L", 2}},
                   {"totaliser_vs_display_l", {"Electronic advance - display", "L", 2}},
                   {"mechanical_advance_l", {"Mechanical totaliser advance", "L", 0}},
                   {"mechanical_vs_electronic_pct", {"Mechanical - electronic totaliser", "%", 3}},
                   {"mechanical_resolution_pct", {"Mechanical totaliser digit over the audit", "%", 3}},
                   {"k_factor_pulses_per_l", {"Verified K-factor", "pulses/L", 3}},
                   {"idle_a_edges", {"A edges while nothing flowed", "", 0}},
                   {"idle_b_edges", {"B edges while nothing flowed", "", 0}},
                   {"idle_edges", {"Pulser edges while nothing flowed", "", 0}},
                   {"run", {"Run", "", 0}},
                   {"fuel_temperature_c", {"Fuel temperature", "°C", 1}}};
    }

    void summary(const run_record& r, summary_rows& rows) const override {
        rows.emplace_back("Rating", "class " + device_text(r, "accuracy_class") + ", Qmax " + device_text(r, "qmax_l_per_min") +
                                        " L/min, Qmin " + device_text(r, "qmin_l_per_min") + " L/min, MMQ " +
                                        device_text(r, "mmq_l") + " L");
        std::string k = device_text(r, "k_factor_pulses_per_l");
        rows.emplace_back("Meter and controller", device_text(r, "volume_per_rev_l") + " L per turn, " +
                                                       device_text(r, "pulses_per_rev") + " pulses per turn, K-factor " +
                                                       (k.empty() || k == "null" ? "from the factory calibration" : k + " /L") +
                                                       "; encoder authentication " +
                                                       (device_text(r, "encoder_authentication") == "true" ? "on" : "off"));
        rows.emplace_back("Display", "volume to " + device_text(r, "volume_interval_l") + " L, amount to " +
                                         device_text(r, "amount_interval_cny") + " CNY, unit price " +
                                         device_text(r, "unit_price_cny_per_l") + " CNY/L");
    }

    void reference_standards(const run_record& r, std::vector<reference_row>& rows) const override {
        auto option = [&](const std::string& k) { return lab_option(r, k); };
        rows.push_back({"Standard metal measures 2, 5, 20 and 50 L",
                        "capacity within ±" + option("measure_class_pct") + " %, neck scale 1 to 10 mL",
                        option("measures_certificate")});
        rows.push_back({"Thermometers for the fuel and the measure (simulated)", "exact", "not applicable (simulated)"});
    }

    std::string truth_plot(const run_record&, const point_record& p, const series_table& s,
                           const std::string& dir) const override {
        const int del = column(s, "delivered_l"), ind = column(s, "indicated_l");
        if (del < 0 || ind < 0 || s.rows.empty()) return "";
        const time_axis ta = time_axis_for(s.rows.back()[0]);
        plot_spec spec;
        spec.title = p.id + ": fuel delivered and volume indicated (shaded: active cheats and faults)";
        spec.xlabel = ta.label;
        spec.ylabel = "Volume (L)";
        spec.xrange = {0, s.rows.back()[0] / ta.seconds_per_unit};
        plot_series i{"indicated (all deliveries)", "steps", {}, "#cf222e"},
            t{"delivered at the nozzle (truth)", "lines", {}, "#1b1f24", true};
        for (const auto& row : s.rows) {
            i.rows.push_back({row[0] / ta.seconds_per_unit, row[std::size_t(ind)]});
            t.rows.push_back({row[0] / ta.seconds_per_unit, row[std::size_t(del)]});
        }
        for (const auto& l : p.labels)
            if (l.label != "DRIFT") spec.shade.emplace_back(l.onset_s / ta.seconds_per_unit, l.end_s / ta.seconds_per_unit);
        spec.series = {i, t};
        return "<div class=\"plot\">" + plot_or_note(spec, dir) + "</div>\n";
    }

    bool evidence(const audit_row& a) const override {
        return a.parameter == "self_lock" || a.parameter == "authentication_failed" || a.parameter == "service_unlock";
    }
};

class jjg443_part : public report_section {
public:
    std::string test_detail(const run_record& r, const std::string& test, const std::string& dir) const override {
        if (test == "customer_drafts") return customer_drafts(r, dir);
        if (test != "accuracy") return "";
        plot_spec spec;
        spec.title = "Error of every run against the flow rate";
        spec.xlabel = "Flow rate (L/min)";
        spec.ylabel = "Error (%)";
        plot_series runs{"runs (3 per flow)", "points", {}, "#0550ae"}, up{"MPE (±)", "lines", {}, "#cf222e"},
            lo{"", "lines", {}, "#cf222e"};
        double mpe = 0, qmin = 1e300, qmax = 0, ymax = 0;
        for (const auto& p : r.points) {
            if (p.test != test) continue;
            const double* m = find_value(p.values, "mpe_pct");
            if (m) mpe = std::max(mpe, *m);
            const series_table* s = find_series(p, "runs");
            if (!s) continue;
            const int q = column(*s, "flow_l_per_min"), e = column(*s, "error_pct");
            for (const auto& row : s->rows) {
                runs.rows.push_back({row[std::size_t(q)], row[std::size_t(e)]});
                qmin = std::min(qmin, row[std::size_t(q)]);
                qmax = std::max(qmax, row[std::size_t(q)]);
                ymax = std::max(ymax, std::fabs(row[std::size_t(e)]));
            }
        }
        if (runs.rows.empty()) return "";
        up.rows = {{0, mpe}, {qmax * 1.1, mpe}};
        lo.rows = {{0, -mpe}, {qmax * 1.1, -mpe}};
        ymax = std::max(ymax, mpe);
        spec.yrange = {-1.3 * ymax, 1.3 * ymax};
        spec.xrange = {0, qmax * 1.1};
        spec.series = {up, lo, runs};
        return "<div class=\"plot\">" + plot_or_note(spec, dir) + "</div>\n";
    }

private:
    // the customer audit: each draft's error at its flow against the in-service tolerance
    static std::string customer_drafts(const run_record& r, const std::string& dir) {
        std::string out;
        for (const auto& p : r.points) {
            const series_table* s = p.test == "customer_drafts" ? find_series(p, "drafts") : nullptr;
            const double* tol = find_value(p.values, "tolerance_pct");
            if (!s || s->rows.empty() || !tol) continue;
            const int q = column(*s, "flow_l_per_min"), e = column(*s, "error_pct"), v = column(*s, "master_meter_l");
            plot_spec spec;
            spec.title = p.id + ": error of each customer draft against its flow";
            spec.xlabel = "Flow rate (L/min)";
            spec.ylabel = "Error (%)";
            plot_series d{"drafts", "points", {}, "#0550ae"}, up{"in-service tolerance (±)", "lines", {}, "#cf222e"},
                lo{"", "lines", {}, "#cf222e"};
            double qmax = 0, ymax = *tol;
            for (const auto& row : s->rows) {
                d.rows.push_back({row[std::size_t(q)], row[std::size_t(e)]});
                qmax = std::max(qmax, row[std::size_t(q)]);
                if (std::isfinite(row[std::size_t(e)])) ymax = std::max(ymax, std::fabs(row[std::size_t(e)]));
            }
            (void)v;
            up.rows = {{0, *tol}, {qmax * 1.1, *tol}};
            lo.rows = {{0, -*tol}, {qmax * 1.1, -*tol}};
            spec.xrange = {0, qmax * 1.1};
            spec.yrange = {-1.3 * ymax, 1.3 * ymax};
            spec.series = {up, lo, d};
            out += "<div class=\"plot\">" + plot_or_note(spec, dir) + "</div>\n";
        }
        return out;
    }
};

}  // namespace

const report_section& dispenser_device() {
    static const dispenser_part s;
    return s;
}

const report_section& jjg443_evaluation() {
    static const jjg443_part s;
    return s;
}

}  // namespace hilbench::reports::sections
