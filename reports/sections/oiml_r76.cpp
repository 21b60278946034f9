// OIML R 76-1 / JJG 539 type evaluation: the weighing test's error against load with the MPE
// staircase, the same per chamber temperature, eccentricity positions, repeatability spread,
// price computing and totalisation, zero tracking.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/scale_sections.h"

namespace hilbench::reports::sections {
namespace {

// The MPE staircase (in e) over the loads of a series, as +MPE and -MPE step lines.
void staircase(const series_table& s, plot_series& up, plot_series& lo) {
    const int x = column(s, "load_g"), m = column(s, "mpe_e");
    std::vector<std::pair<double, double>> pts;
    for (const auto& row : s.rows) pts.emplace_back(row[std::size_t(x)], row[std::size_t(m)]);
    std::sort(pts.begin(), pts.end());
    pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
    for (const auto& [l, v] : pts) {
        up.rows.push_back({l, v});
        lo.rows.push_back({l, -v});
    }
}

class r76_part : public report_section {
public:
    std::string body(const run_record& r, const std::string& dir) const override {
        std::ostringstream h;
        // weighing test: error vs load, increasing and decreasing, with the MPE staircase
        if (const point_record* w = find_point(r, "weighing")) {
            if (const series_table* s = find_series(*w, "weighing")) {
                h << "<section id=\"weighing\"><h2>Weighing test: error vs load " << badge(w->verdict) << "</h2>\n";
                plot_spec spec;
                spec.title = "Weighing test: error corrected by E0 (changeover method)";
                spec.xlabel = "load_g";
                spec.ylabel = "error_e";
                plot_series inc{"increasing loads", "linespoints", {}, "#0550ae"},
                    dec{"decreasing loads", "linespoints", {}, "#bc4c00"};
                plot_series up{"+MPE", "fsteps", {}, "#cf222e"}, lo{"-MPE", "fsteps", {}, "#cf222e"};
                const int x = column(*s, "load_g"), y = column(*s, "corrected_error_e"), d = column(*s, "direction");
                double ymax = 0;
                for (const auto& row : s->rows) {
                    (row[std::size_t(d)] > 0 ? inc : dec).rows.push_back({row[std::size_t(x)], row[std::size_t(y)]});
                    ymax = std::max(ymax, std::fabs(row[std::size_t(y)]));
                }
                staircase(*s, up, lo);
                for (const auto& row : up.rows) ymax = std::max(ymax, row[1]);
                spec.yrange = {-1.25 * ymax, 1.25 * ymax};
                spec.series = {up, lo, inc, dec};
                h << "<div class=\"plot\">" << plot_or_note(spec, dir) << "</div>\n";
                h << series_table_html(*s,
                                       {{"load_g", "%g"},
                                        {"direction", "%g"},
                                        {"indication_g", "%g"},
                                        {"added_g", "%g"},
                                        {"corrected_error_g", "%+.2f"},
                                        {"corrected_error_e", "%+.2f"},
                                        {"mpe_e", "%.1f"},
                                        {"uncertainty_e", "%.3f"},
                                        {"pass", "%g"}},
                                       "weighing");
                h << "</section>\n";
            }
        }
        // temperature points: one curve per temperature
        std::vector<const point_record*> temps;
        for (const auto& p : r.points)
            if (p.test == "temperature" && find_series(p, "temperature")) temps.push_back(&p);
        if (!temps.empty()) {
            h << "<section id=\"temperature\"><h2>Static temperature: error vs load</h2>\n";
            plot_spec spec;
            spec.title = "Error corrected by E0 at each chamber temperature";
            spec.xlabel = "load_g";
            spec.ylabel = "error_e";
            plot_series up{"+MPE", "fsteps", {}, "#cf222e"}, lo{"-MPE", "fsteps", {}, "#cf222e"};
            staircase(*find_series(*temps.front(), "temperature"), up, lo);
            spec.series = {up, lo};
            double ymax = up.rows.empty() ? 1 : up.rows.back()[1];
            for (const point_record* p : temps) {
                const series_table& s = *find_series(*p, "temperature");
                const double* c = find_value(p->values, "temperature_c");
                plot_series t{(c ? num(*c, "%g") : p->id) + " degC", "linespoints", {}, ""};
                for (const auto& row : s.rows) {
                    t.rows.push_back(
                        {row[std::size_t(column(s, "load_g"))], row[std::size_t(column(s, "corrected_error_e"))]});
                    ymax = std::max(ymax, std::fabs(t.rows.back()[1]));
                }
                spec.series.push_back(t);
            }
            spec.yrange = {-1.25 * ymax, 1.25 * ymax};
            h << "<div class=\"plot\">" << plot_or_note(spec, dir) << "</div>\n</section>\n";
        }
        // eccentricity
        if (const point_record* e = find_point(r, "eccentricity")) {
            if (const series_table* s = find_series(*e, "eccentricity")) {
                h << "<section id=\"eccentricity\"><h2>Eccentricity " << badge(e->verdict) << "</h2>\n";
                plot_spec spec;
                spec.title = "Eccentricity: error at the centre (1) and the quarter positions (2-5)";
                spec.xlabel = "position";
                spec.ylabel = "error_e";
                plot_series b{"corrected error", "boxes", {}, "#0550ae"}, up{"+MPE", "lines", {}, "#cf222e"},
                    lo{"-MPE", "lines", {}, "#cf222e"};
                double ymax = 0;
                for (const auto& row : s->rows) {
                    const double pos = row[std::size_t(column(*s, "position"))];
                    const double mpe = row[std::size_t(column(*s, "mpe_e"))];
                    b.rows.push_back({pos, row[std::size_t(column(*s, "corrected_error_e"))]});
                    up.rows.push_back({pos, mpe});
                    lo.rows.push_back({pos, -mpe});
                    ymax = std::max({ymax, mpe, std::fabs(b.rows.back()[1])});
                }
                spec.yrange = {-1.25 * ymax, 1.25 * ymax};
                spec.series = {up, lo, b};
                h << "<div class=\"plot\">" << plot_or_note(spec, dir) << "</div>\n";
                h << series_table_html(*s,
                                       {{"position", "%g"},
                                        {"x", "%+.2f"},
                                        {"y", "%+.2f"},
                                        {"indication_g", "%g"},
                                        {"corrected_error_g", "%+.2f"},
                                        {"corrected_error_e", "%+.2f"},
                                        {"mpe_e", "%.1f"},
                                        {"pass", "%g"}},
                                       "eccentricity");
                h << "</section>\n";
            }
        }
        // repeatability: the spread of each series against the MPE
        std::vector<const point_record*> reps;
        for (const auto& p : r.points)
            if (p.test == "repeatability" && find_series(p, "repeatability")) reps.push_back(&p);
        if (!reps.empty()) {
            h << "<section id=\"repeatability\"><h2>Repeatability</h2>\n";
            plot_spec spec;
            spec.title = "Repeatability: indication before rounding, minus the series mean";
            spec.xlabel = "weighing";
            spec.ylabel = "deviation_e";
            const double e = device_number(r, "e_g", 1);
            for (const point_record* p : reps) {
                const series_table& s = *find_series(*p, "repeatability");
                double mean = 0;
                for (const auto& row : s.rows) mean += row[std::size_t(column(s, "p_g"))];
                mean /= double(std::max<std::size_t>(1, s.rows.size()));
                plot_series t{p->id, "linespoints", {}, ""};
                for (const auto& row : s.rows)
                    t.rows.push_back({row[0], (row[std::size_t(column(s, "p_g"))] - mean) / e});
                spec.series.push_back(t);
            }
            h << "<div class=\"plot\">" << plot_or_note(spec, dir) << "</div>\n";
            h << "<table><thead><tr><th>Series</th><th>Load g</th><th>Weighings</th><th>Spread g</th><th>MPE g</th>"
                 "<th>Verdict</th></tr></thead><tbody>\n";
            for (const point_record* p : reps)
                h << "<tr><td>" << html_escape(p->id) << "</td><td class=\"num\">"
                  << value_or(p->values, "load_g", "%g") << "</td><td class=\"num\">"
                  << value_or(p->values, "count", "%g") << "</td><td class=\"num\">"
                  << value_or(p->values, "spread_g", "%.2f") << "</td><td class=\"num\">"
                  << value_or(p->values, "mpe_g", "%.2f") << "</td><td>" << badge(p->verdict) << "</td></tr>\n";
            h << "</tbody></table></section>\n";
        }
        // price computing
        const point_record* pr = find_point(r, "price_rounding");
        const point_record* pt = find_point(r, "price_totalisation");
        if ((pr && find_series(*pr, "price")) || (pt && find_series(*pt, "totalisation"))) {
            h << "<section id=\"price\"><h2>Price computing</h2>\n";
            if (pr && find_series(*pr, "price")) {
                h << "<p>Price = indicated weight x unit price, rounded to the price interval " << badge(pr->verdict)
                  << "</p>\n";
                h << series_table_html(*find_series(*pr, "price"),
                                       {{"load_g", "%g"},
                                        {"unit_price_per_kg", "%.2f"},
                                        {"indicated_g", "%g"},
                                        {"price", "%.2f"},
                                        {"expected_price", "%.2f"},
                                        {"pass", "%g"}},
                                       "price");
            }
            if (pt && find_series(*pt, "totalisation")) {
                h << "<p>Totalisation: ticket total " << value_or(pt->values, "ticket_total", "%.2f")
                  << ", sum of prices " << value_or(pt->values, "sum_of_prices", "%.2f") << " " << badge(pt->verdict)
                  << "</p>\n";
                h << series_table_html(*find_series(*pt, "totalisation"),
                                       {{"load_g", "%g"}, {"unit_price_per_kg", "%.2f"}, {"price", "%.2f"}},
                                       "totalisation");
            }
            h << "</section>\n";
        }
        // zero tracking and creep: time plots
        bool zt = false;
        for (const auto& p : r.points) zt |= p.test == "zero_tracking" && find_series(p, "zero_tracking");
        if (zt) {
            h << "<section id=\"zero_tracking\"><h2>Zero tracking</h2>\n";
            for (const auto& p : r.points) {
                const series_table* s = p.test == "zero_tracking" ? find_series(p, "zero_tracking") : nullptr;
                if (!s) continue;
                plot_spec spec;
                spec.title =
                    p.id + ": a load growing at " + value_or(p.values, "rate_e_per_s", "%g") + " e/s from zero";
                spec.xlabel = "time_s";
                spec.ylabel = "mass_g";
                plot_series t{"true load", "lines", {}, "#1b1f24"}, i{"indication", "steps", {}, "#0550ae"};
                for (const auto& row : s->rows) {
                    t.rows.push_back({row[0], row[2]});
                    i.rows.push_back({row[0], row[1]});
                }
                spec.series = {t, i};
                h << "<div class=\"plot\">" << plot_or_note(spec, dir) << "</div>\n";
            }
            h << "</section>\n";
        }
        return h.str();
    }
};

}  // namespace

const report_section& r76_type_evaluation() {
    static const r76_part s;
    return s;
}

}  // namespace hilbench::reports::sections
