// Small HTML pieces shared by the report writer and the report sections.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "reports/plot.h"
#include "reports/quantity.h"
#include "reports/run_record.h"

namespace hilbench::reports {

std::string html_escape(const std::string& s);
// printf-formatted number; "" for NaN or infinity
std::string num(double v, const char* f = "%.10g");
std::string value_or(const named_values& v, const std::string& k, const char* f = "%.4g");
double device_number(const run_record& r, const std::string& k, double def);
std::string device_text(const run_record& r, const std::string& k);
// A parameter's value as text: a string as it is, a number without trailing zeros or exponent.
std::string json_text(const nlohmann::json& v);
// A resolved lab option of the run as text ("not stated" when the run has none).
std::string lab_option(const run_record& r, const std::string& k);
// The decimals a step needs: 0.1 -> 1, 0.02 -> 2, 5 -> 0.
int decimals_of(double step);
// A plot that cannot be drawn becomes a note: the report is still written. Each plot's SVG ids
// carry the plot's number on the page (from 1 after reset_plot_ids), so that they are unique.
std::string plot_or_note(const plot_spec& spec, const std::string& dir);
void reset_plot_ids();
const series_table* find_series(const point_record& p, const std::string& name);
const point_record* find_point(const run_record& r, const std::string& id);
int column(const series_table& s, const std::string& name);  // -1 when absent
// "230 V, 5 A, PF 0.5 ind", or every condition by name
std::string conditions_text(const point_record& p);
// <span class="pass">PASS</span>
std::string badge(const std::string& verdict);
// A table of a series: its key column (band names), then the given columns that it has, titled
// in words with units and with fixed decimals (quantity.h); a `pass` column reads pass/FAIL (and
// marks the row), a `direction` column increasing/decreasing.
std::string series_table_html(const series_table& s, const std::vector<std::string>& cols, const vocabulary& words,
                              const std::string& css_class);

}  // namespace hilbench::reports
