// One small plotting interface over gnuplot: a spec in, SVG text out (axes carry units).
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace hilbench::reports {

struct plot_series {
    std::string title;
    std::string style = "linespoints";  // gnuplot style: lines, linespoints, steps, points, yerrorbars
    std::vector<std::vector<double>> rows;  // x, y[, yerr]
    std::string color;                      // "" = gnuplot default
    bool dashed = false;                    // a dashed line: a reference drawn over the data stays see-through
    int point_type = 7;                     // gnuplot pt: 7 filled circle, 6 open circle, 4 open square
    double point_size = 0.8;
};

// A plot's axes are titled with the quantity and its unit ("Load (g)", "Time (h)"); a series
// with an empty title has no legend entry (the -MPE line beside +MPE's "MPE"). The legend sits
// below the plot, across its width.
struct plot_spec {
    std::string title, xlabel, ylabel;
    bool logx = false;
    std::pair<double, double> xrange{0, 0};  // {0, 0}: automatic
    std::pair<double, double> yrange{0, 0};  // {0, 0}: automatic
    bool whole_x = false;                    // x counts things (weighing no.): a tic per whole number
    std::vector<std::pair<double, double>> shade;  // x intervals shaded behind the data
    int width = 760, height = 400;
    std::vector<plot_series> series;
};

// Time on an axis in the unit that suits its span: s up to 10 min, min up to 3 h, then h.
struct time_axis {
    double seconds_per_unit = 1;
    std::string label = "Time (s)";
};
time_axis time_axis_for(double span_s);

// Renders with gnuplot's svg terminal; throws std::runtime_error when gnuplot fails. The
// caller must ignore SIGPIPE (a gnuplot that dies must not kill the writer).
std::string render_svg(const plot_spec& spec, const std::string& scratch_dir);

}  // namespace hilbench::reports
