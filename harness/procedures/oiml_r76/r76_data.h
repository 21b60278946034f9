// The data of the weighing standards (OIML R 76-1:2006, JJG 539-2016): MPE staircase per
// class, test loads, limits and their confidence, parsed from the JSON files beside this
// header (embedded at build time). Plus the pure maths the procedures use.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "reports/run_record.h"

#include "models/core/scale_face.h"

namespace hilbench::procedures::oiml_r76 {

struct mpe_step {
    double upto_e = 0;  // this MPE applies up to and including upto_e intervals
    double mpe_e = 0;
};

struct r76_data {
    std::string id, title;
    std::vector<std::string> classes;
    std::vector<reports::test_info> tests;  // title and clause per test
    std::map<std::string, std::vector<mpe_step>> mpe_initial;
    std::string mpe_confidence;
    double in_service_factor = 2;
    std::map<std::string, double> min_e;
    double zero_setting_accuracy_e = 0.25, tare_accuracy_e = 0.25;
    double zero_setting_range_pct = 4, initial_zero_range_pct = 20;
    double zt_tracked_e_per_s = 0.4, zt_not_tracked_e_per_s = 0.6, zt_duration_s = 12;
    double discrimination_extra_d = 1.4;
    std::vector<double> temperature_sequence_c;
    double no_load_e_per_5k = 1;
    std::vector<double> warm_up_minutes;
    double creep_hold_s = 1800, creep_extended_s = 14400, creep_15_30_e = 0.25;
    double return_to_zero_e = 0.5;
    double supply_over_pct = 10, supply_margin_pct = 2;
    std::vector<double> weighing_fractions;
    double eccentricity_fraction = 1.0 / 3.0;
    std::vector<std::pair<double, double>> eccentricity_positions;
    std::vector<double> repeatability_fractions;
    std::map<std::string, std::string> confidence;  // per test
};

const std::vector<r76_data>& all_standards();
const r76_data* find(const std::string& id);

// MPE (in e) of a load of m_in_e verification intervals: R 76-1 Table 6 with its
// boundaries inclusive (class III: 500 e -> 0.5 e, 500 e + a little -> 1 e); x2 in service.
double mpe_e(const r76_data& d, const std::string& accuracy_class, double m_in_e, bool in_service);

// The metrological rating of the instrument under test, as its nameplate states it.
struct weighing_rating {
    std::string accuracy_class;
    double max_g = 0, e_g = 0, max1_g = 0, e1_g = 0;  // e1_g = e_g for a single interval
    // the verification interval of the partial weighing range a load is in
    double e_at(double load_g) const { return (max1_g > 0 && load_g <= max1_g) ? e1_g : e_g; }
    // MPE (g) at a load, initial verification or in service
    double mpe_g(const r76_data& d, double load_g, bool in_service) const;
};

// Changeover-point method (R 76-1 A.4.4.3): indication I at load L, small weights dL added
// until the indication just rose by e: P = I + e/2 - dL, error E = P - L.
inline double changeover_indication(double indication, double e, double added) { return indication + 0.5 * e - added; }
weighing_rating rating_from(const scale_nameplate& np);

inline double changeover_error(double indication, double e, double added, double load) {
    return changeover_indication(indication, e, added) - load;
}

}  // namespace hilbench::procedures::oiml_r76
