// Words, units and decimals for the quantities of a run record. A value's name carries its unit
// as a suffix (error_pct, load_g, duration_s, unit_price_cny_per_kg); a reader sees it as
// "Error (%)" with a fixed number of decimals, never %g. The suffix rules hold for every
// family; a family or standard adds its own words and decimals (report_section::words), e.g.
// a scale shows grams to a tenth of its verification interval e.
#pragma once
#include <map>
#include <string>

#include "reports/run_record.h"

namespace hilbench::reports {

struct quantity {
    std::string title;  // words, capitalised: "Rounded error"
    std::string unit;   // symbol: "%", "g", "s"; "" for a count or a ratio; "yes/no" for a flag (1 = yes)
    int decimals = 3;   // fixed decimals; -1: none for a whole number, else 3
};

struct vocabulary {
    std::map<std::string, quantity> names;  // a quantity by its name (title, unit, decimals)
    std::map<std::string, int> unit_decimals;  // decimals for every quantity of a unit ("g" -> 1)
};

// The quantity a name stands for: the vocabulary's entry, else words from the name and the unit
// from its suffix.
quantity describe(const std::string& name, const vocabulary& words = {});

// "-3.015" (fixed decimals; "" for NaN); with the unit: "-3.015 %".
std::string format_number(double v, const quantity& q);
std::string format_value(double v, const quantity& q);
// "Rounded error (%)": a column title.
std::string column_title(const quantity& q);

// The measured value of a check with its unit ("-3.0 %", "yes", "not measured") and its limit
// ("±1.0 %", "≤ 0", "yes").
std::string check_measured(const check_row& c, const vocabulary& words = {});
std::string check_limit(const check_row& c, const vocabulary& words = {});
// A judged requirement in words: "rounded error within the MPE: -3.0 % (limit ±1.0 %)".
std::string check_text(const check_row& c, const vocabulary& words = {});
// Why a point did not pass: its failed requirements, then its note ("" for a pass).
std::string finding(const point_record& p, const vocabulary& words = {});

}  // namespace hilbench::reports
