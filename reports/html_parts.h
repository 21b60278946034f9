// Small HTML pieces shared by the report writer's sections (meter and scale).
#pragma once
#include <string>

#include "reports/plot.h"
#include "reports/run_record.h"

namespace hilbench::reports {

std::string html_escape(const std::string& s);
// printf-formatted number; "" for NaN or infinity
std::string num(double v, const char* f = "%.10g");
std::string value_or(const named_values& v, const std::string& k, const char* f = "%.4g");
double device_number(const run_record& r, const std::string& k, double def);
std::string device_text(const run_record& r, const std::string& k);
// A plot that cannot be drawn becomes a note: the report is still written.
std::string plot_or_note(const plot_spec& spec, const std::string& dir);
const series_table* find_series(const point_record& p, const std::string& name);
int column(const series_table& s, const std::string& name);  // -1 when absent

// The scale's parts of report.html: the rating line, and the sections after the test-point
// table (error vs load with the MPE staircase, eccentricity, repeatability, price checks,
// zero tracking and creep, market audit) and a truth timeline for a labelled point.
std::string scale_rating(const run_record& r);
std::string scale_sections(const run_record& r, const std::string& dir);
std::string scale_truth_plot(const point_record& p, const series_table& truth, const std::string& dir);

}  // namespace hilbench::reports
