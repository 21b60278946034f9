// Small HTML pieces shared by the report writer and the report sections.
#pragma once
#include <string>
#include <utility>
#include <vector>

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
const point_record* find_point(const run_record& r, const std::string& id);
int column(const series_table& s, const std::string& name);  // -1 when absent
// "230 V, 5 A, PF 0.5 ind", or every condition by name
std::string conditions_text(const point_record& p);
// <span class="pass">PASS</span>
std::string badge(const std::string& verdict);
// A table of a series: the given columns with their formats; a `pass` column reads pass/FAIL
// (and marks the row), a `direction` column increasing/decreasing.
std::string series_table_html(const series_table& s, const std::vector<std::pair<std::string, const char*>>& cols,
                              const std::string& css_class);

}  // namespace hilbench::reports
