// Test points and MPE tables of the electricity-meter standards as data keyed by standard,
// edition and class (the JSON files beside this header, compiled into the binary).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "reports/run_record.h"

namespace hilbench::procedures::iec62053 {

struct band {
    std::string name;
    std::vector<std::pair<double, double>> ranges_c;
};

struct accuracy_row {
    std::string id, basis, kind, confidence;
    double x = 0, pf = 1;
    std::map<std::string, std::vector<double>> mpe_pct;  // class -> per band
};

struct standard_data {
    std::string id, title;
    std::vector<std::string> classes;
    std::vector<reports::test_info> tests;  // title and clause per test
    std::vector<band> bands;
    std::map<std::string, double> rounding_pct;
    std::string rounding_confidence;
    std::vector<accuracy_row> accuracy;
    // starting
    std::string starting_basis, starting_confidence;
    std::map<std::string, double> starting_x;
    double starting_pf = 1, starting_time_factor = 1.2;
    int starting_min_pulses = 2;
    // no load
    double no_load_voltage_factor = 1.15;
    std::map<std::string, double> no_load_dt_constant;
    int no_load_max_pulses = 1;
    std::string no_load_confidence;
    // register
    accuracy_row register_row;
    // the extra error allowed with harmonics in voltage and current, per class (field audit)
    std::map<std::string, double> harmonics_influence_pct;
    std::string harmonics_confidence;
};

const std::vector<standard_data>& all_standards();
const standard_data* find(const std::string& id);
// Index of the temperature band containing t (the last band when none does).
std::size_t band_index(const standard_data& d, double temperature_c);

}  // namespace hilbench::procedures::iec62053
