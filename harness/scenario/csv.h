// The CSV files a scenario names (load profiles, replacement series): fields split at commas,
// and numbers read strictly: an optional sign, digits with an optional decimal point, an
// optional exponent, nothing else (no blanks, hex floats, inf or nan). Numbers too small for a
// normal double read as the nearest subnormal (or zero); numbers beyond the range of a double
// are refused.
#pragma once
#include <string>
#include <vector>

namespace hilbench::scenario {

// One row's fields (a trailing carriage return is dropped).
std::vector<std::string> csv_fields(const std::string& line);

// The number in a field; false with the reason in *why ("not a number", "beyond the range of
// a double") when the field is not one.
bool csv_number(const std::string& field, double* out, std::string* why);

}  // namespace hilbench::scenario
