// OIML R 76-1 / JJG 539 type evaluation: the plots of the test forms. The weighing test's
// error against load with the MPE staircase, the same per chamber temperature, the error at
// each eccentricity position, the repeatability spread, zero tracking against time. The
// readings themselves are the forms' tables (the writer shows every series of a point).
#include <algorithm>
#include <cmath>
#include <sstream>

#include "reports/html_parts.h"
#include "reports/plot.h"
#include "reports/sections/scale_sections.h"

namespace hilbench::reports::sections {
namespace {

// The MPE staircase (in e) over the loads of a series, as +MPE and -MPE step lines; one legend entry.
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

std::string plot_div(const plot_spec& spec, const std::string& dir) {
    return "<div class=\"plot\">" + plot_or_note(spec, dir) + "</div>\n";
}

std::string weighing_plot(const series_table& s, const std::string& dir) {
    plot_spec spec;
    spec.title = "Weighing test: error corrected by E0 (changeover-point method)";
    spec.xlabel = "Load L (g)";
    spec.ylabel = "Corrected error Ec (e)";
    plot_series inc{"increasing loads", "linespoints", {}, "#0550ae"},
        dec{"decreasing loads", "linespoints", {}, "#bc4c00", true};
    plot_series up{"MPE (±; a load on a step has the lower MPE)", "fsteps", {}, "#cf222e"}, lo{"", "fsteps", {}, "#cf222e"};
    const int x = column(s, "load_g"), y = column(s, "corrected_error_e"), d = column(s, "direction");
    if (x < 0 || y < 0 || d < 0) return "";
    double ymax = 0, xmax = 0;
    for (const auto& row : s.rows) {
        (row[std::size_t(d)] > 0 ? inc : dec).rows.push_back({row[std::size_t(x)], row[std::size_t(y)]});
        ymax = std::max(ymax, std::fabs(row[std::size_t(y)]));
        xmax = std::max(xmax, row[std::size_t(x)]);
    }
    staircase(s, up, lo);
    for (const auto& row : up.rows) ymax = std::max(ymax, row[1]);
    spec.yrange = {-1.25 * ymax, 1.25 * ymax};
    spec.xrange = {0, xmax * 1.02};
    spec.series = {up, lo, inc, dec};
    return plot_div(spec, dir);
}

class r76_part : public report_section {
public:
    std::string test_detail(const run_record& r, const std::string& test, const std::string& dir) const override {
        if (test == "weighing") {
            std::string out;
            for (const auto& p : r.points)
                if (p.test == test)
                    if (const series_table* s = find_series(p, "weighing")) out += weighing_plot(*s, dir);
            return out;
        }
        if (test == "temperature") return temperature(r, dir);
        if (test == "eccentricity") return eccentricity(r, dir);
        if (test == "repeatability") return repeatability(r, dir);
        if (test == "zero_tracking") return zero_tracking(r, dir);
        return "";
    }

private:
    // one curve per chamber temperature
    static std::string temperature(const run_record& r, const std::string& dir) {
        std::vector<const point_record*> temps;
        for (const auto& p : r.points)
            if (p.test == "temperature" && find_series(p, "temperature")) temps.push_back(&p);
        if (temps.empty()) return "";
        plot_spec spec;
        spec.title = "Error corrected by E0 at each chamber temperature";
        spec.xlabel = "Load L (g)";
        spec.ylabel = "Corrected error Ec (e)";
        plot_series up{"MPE (±; a load on a step has the lower MPE)", "fsteps", {}, "#cf222e"}, lo{"", "fsteps", {}, "#cf222e"};
        staircase(*find_series(*temps.front(), "temperature"), up, lo);
        spec.series = {up, lo};
        double ymax = up.rows.empty() ? 1 : up.rows.back()[1], xmax = 0;
        for (const point_record* p : temps) {
            const series_table& s = *find_series(*p, "temperature");
            const double* c = find_value(p->values, "temperature_c");
            plot_series t{(c ? num(*c, "%.0f") : p->id) + " °C" + (p->id.find("final") != std::string::npos ? " (final)" : ""),
                          "linespoints", {}, ""};
            for (const auto& row : s.rows) {
                t.rows.push_back({row[std::size_t(column(s, "load_g"))], row[std::size_t(column(s, "corrected_error_e"))]});
                ymax = std::max(ymax, std::fabs(t.rows.back()[1]));
                xmax = std::max(xmax, t.rows.back()[0]);
            }
            spec.series.push_back(t);
        }
        spec.yrange = {-1.25 * ymax, 1.25 * ymax};
        spec.xrange = {0, xmax * 1.02};
        return plot_div(spec, dir);
    }

    static std::string eccentricity(const run_record& r, const std::string& dir) {
        std::string out;
        for (const auto& e : r.points) {
            const series_table* s = e.test == "eccentricity" ? find_series(e, "eccentricity") : nullptr;
            if (!s) continue;
            plot_spec spec;
            spec.title = "Eccentricity: error at the centre (1) and the quarter positions (2-5)";
            spec.xlabel = "Position";
            spec.whole_x = true;
            spec.ylabel = "Corrected error Ec (e)";
            plot_series b{"corrected error", "boxes", {}, "#0550ae"}, up{"MPE (±)", "lines", {}, "#cf222e"},
                lo{"", "lines", {}, "#cf222e"};
            double ymax = 0, n = 0;
            for (const auto& row : s->rows) {
                const double pos = row[std::size_t(column(*s, "position"))];
                const double mpe = row[std::size_t(column(*s, "mpe_e"))];
                b.rows.push_back({pos, row[std::size_t(column(*s, "corrected_error_e"))]});
                up.rows.push_back({pos, mpe});
                lo.rows.push_back({pos, -mpe});
                ymax = std::max({ymax, mpe, std::fabs(b.rows.back()[1])});
                n = std::max(n, pos);
            }
            spec.yrange = {-1.25 * ymax, 1.25 * ymax};
            spec.xrange = {0.5, n + 0.5};
            spec.series = {up, lo, b};
            out += plot_div(spec, dir);
        }
        return out;
    }

    // the spread of each series, as deviations from its mean
    static std::string repeatability(const run_record& r, const std::string& dir) {
        std::vector<const point_record*> reps;
        for (const auto& p : r.points)
            if (p.test == "repeatability" && find_series(p, "repeatability")) reps.push_back(&p);
        if (reps.empty()) return "";
        plot_spec spec;
        spec.title = "Repeatability: indication before rounding, minus the series mean";
        spec.xlabel = "Weighing no.";
        spec.whole_x = true;
        spec.ylabel = "Deviation from the mean (e)";
        const double e = device_number(r, "e_g", 1);
        for (const point_record* p : reps) {
            const series_table& s = *find_series(*p, "repeatability");
            const int pc = column(s, "p_g");
            if (pc < 0) continue;
            double mean = 0;
            for (const auto& row : s.rows) mean += row[std::size_t(pc)];
            mean /= double(std::max<std::size_t>(1, s.rows.size()));
            const double* load = find_value(p->values, "load_g");
            // series that coincide (no spread) stay visible: open, larger marks and dashes after the first
            plot_series t{load ? "at " + num(*load, "%.0f") + " g" : p->id, "linespoints", {}, ""};
            const std::size_t k = spec.series.size();
            t.dashed = k > 0;
            t.point_type = k == 0 ? 7 : k == 1 ? 6 : 4;
            t.point_size = 0.8 + 0.5 * double(k);
            for (const auto& row : s.rows) t.rows.push_back({row[0], (row[std::size_t(pc)] - mean) / e});
            spec.series.push_back(t);
        }
        return plot_div(spec, dir);
    }

    static std::string zero_tracking(const run_record& r, const std::string& dir) {
        std::string out;
        for (const auto& p : r.points) {
            const series_table* s = p.test == "zero_tracking" ? find_series(p, "zero_tracking") : nullptr;
            if (!s || s->rows.empty()) continue;
            plot_spec spec;
            spec.title = p.id + ": a load growing at " + value_or(p.values, "rate_e_per_s", "%.2f") + " e/s from zero";
            spec.xlabel = "Time (s)";
            spec.ylabel = "Mass (g)";
            spec.xrange = {0, s->rows.back()[0]};
            plot_series t{"true load", "lines", {}, "#1b1f24", true}, i{"indication", "steps", {}, "#0550ae"};
            for (const auto& row : s->rows) {
                t.rows.push_back({row[0], row[2]});
                i.rows.push_back({row[0], row[1]});
            }
            spec.series = {i, t};
            out += plot_div(spec, dir);
        }
        return out;
    }
};

}  // namespace

const report_section& r76_type_evaluation() {
    static const r76_part s;
    return s;
}

}  // namespace hilbench::reports::sections
