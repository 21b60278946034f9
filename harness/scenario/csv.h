// The CSV files a scenario names (load profiles, replacement series): fields split at commas,
// and numbers read strictly: an optional sign, digits with an optional decimal point, an
// optional exponent, nothing else (no blanks, hex floats, inf or nan). Numbers too small for a
// normal double read as the nearest subnormal (or zero); numbers beyond the range of a double
// are refused.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace hilbench::scenario {

// A series of t_s,value rows (an optional t_s,... header, # comments) with increasing t_s;
// scenario_error naming path:line on bad input.
std::vector<std::pair<double, double>> parse_series_csv(const std::string& text, const std::string& path);

// One row's fields (a trailing carriage return is dropped).
std::vector<std::string> csv_fields(const std::string& line);

// The number in a field; false with the reason in *why ("not a number", "beyond the range of
// a double") when the field is not one.
bool csv_number(const std::string& field, double* out, std::string* why);

}  // namespace hilbench::scenario
