#include "reports/plot.h"

#include <gnuplot-iostream.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace hilbench::reports {
namespace {
std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += (c == '\'') ? std::string("''") : std::string(1, c);
    return out + "'";
}
}  // namespace

time_axis time_axis_for(double span_s) {
    if (span_s > 3 * 3600.0) return {3600.0, "Time (h)"};
    if (span_s > 600.0) return {60.0, "Time (min)"};
    return {1.0, "Time (s)"};
}

std::string render_svg(const plot_spec& spec, const std::string& scratch_dir) {
    namespace fs = std::filesystem;
    fs::create_directories(scratch_dir);
    const fs::path out = fs::path(scratch_dir) / ".plot.svg";
    // the data goes through files, one per series: gnuplot reads a pipe a byte at a time,
    // which made the plots of long series the slowest part of writing a report
    std::vector<fs::path> data;
    for (std::size_t k = 0; k < spec.series.size(); ++k) {
        data.push_back(fs::path(scratch_dir) / (".plot." + std::to_string(k) + ".dat"));
        std::ofstream dat(data.back());
        dat.precision(10);
        // a missing value (no indication) is a gap, not a number gnuplot cannot read
        for (const auto& r : spec.series[k].rows) {
            if (!std::all_of(r.begin(), r.end(), [](double v) { return std::isfinite(v); })) continue;
            for (std::size_t c = 0; c < r.size(); ++c) dat << (c ? " " : "") << r[c];
            dat << "\n";
        }
        if (!dat.flush()) throw std::runtime_error("could not write " + data.back().string());
    }
    {
        Gnuplot gp;  // `gnuplot -persist`, or $GNUPLOT_IOSTREAM_CMD
        gp << "set terminal svg size " << spec.width << "," << spec.height
           << " noenhanced font 'DejaVu Sans,11' background rgb 'white'\n";
        gp << "set output " << quote(out.string()) << "\n";
        gp << "set title " << quote(spec.title) << "\n";
        gp << "set xlabel " << quote(spec.xlabel) << "\nset ylabel " << quote(spec.ylabel) << "\n";
        gp << "set grid\nset key outside below center horizontal maxrows 3\nset style fill solid 0.6 border -1\nset boxwidth 0.8\n";
        if (spec.logx) gp << "set logscale x\n";
        if (spec.whole_x) gp << "set xtics 1\n";
        double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300;
        for (const auto& s : spec.series)
            for (const auto& r : s.rows) {
                if (!std::all_of(r.begin(), r.end(), [](double v) { return std::isfinite(v); })) continue;
                xmin = std::min(xmin, r.at(0));
                xmax = std::max(xmax, r.at(0));
                if (r.size() > 1) {
                    ymin = std::min(ymin, r[1]);
                    ymax = std::max(ymax, r[1]);
                }
            }
        int obj = 1;
        for (const auto& [x0, x1] : spec.shade)
            gp << "set object " << obj++ << " rect from " << x0 << ", graph 0 to " << x1
               << ", graph 1 behind fc rgb '#f4a6a6' fs solid 0.35 noborder\n";
        if (spec.yrange.first < spec.yrange.second)
            gp << "set yrange [" << spec.yrange.first << ":" << spec.yrange.second << "]\n";
        else if (ymin == ymax)  // a flat curve (a spread of zero): give the axis some room
            gp << "set yrange [" << ymin - 1 << ":" << ymax + 1 << "]\n";
        else if (ymin == 0 && ymax > 0)  // a curve along zero would hide in the axis
            gp << "set yrange [" << -0.04 * ymax << ":*]\n";
        if (spec.xrange.first < spec.xrange.second)
            gp << "set xrange [" << spec.xrange.first << ":" << spec.xrange.second << "]\n";
        else if (spec.logx && xmin > 0 && xmin < xmax)  // a decade of room would leave the data in a corner
            gp << "set xrange [" << xmin / 1.4 << ":" << xmax * 1.4 << "]\n";
        else if (xmin == xmax) {  // a single abscissa: give the axis some room
            const double lo = spec.logx ? xmin / 2 : xmin - 1, hi = spec.logx ? xmax * 2 : xmax + 1;
            gp << "set xrange [" << lo << ":" << hi << "]\n";
        }
        gp << "plot ";
        for (std::size_t k = 0; k < spec.series.size(); ++k) {
            const plot_series& s = spec.series[k];
            if (k) gp << ", ";
            gp << quote(data[k].string()) << " with " << s.style << (s.title.empty() ? std::string(" notitle") : " title " + quote(s.title));
            if (!s.color.empty()) gp << " lc rgb " << quote(s.color);
            if (s.style == "linespoints" || s.style == "points" || s.style == "yerrorbars")
                gp << " pt " << s.point_type << " ps " << s.point_size;
            gp << " lw 1.5";
            if (s.dashed) gp << " dt 2";
        }
        gp << "\n";
        gp << "set output\n";
    }
    for (const auto& d : data) fs::remove(d);
    std::ifstream in(out);
    if (!in) throw std::runtime_error("gnuplot did not write " + out.string());
    std::ostringstream os;
    os << in.rdbuf();
    in.close();
    fs::remove(out);
    std::string svg = os.str();
    // keep only the <svg> element for inlining into HTML
    const auto start = svg.find("<svg");
    if (start == std::string::npos) throw std::runtime_error("gnuplot wrote no SVG");
    return svg.substr(start);
}

}  // namespace hilbench::reports
