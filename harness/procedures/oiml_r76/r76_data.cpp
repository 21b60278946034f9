#include "harness/procedures/oiml_r76/r76_data.h"

#include <nlohmann/json.hpp>

#include "harness/procedures/procedure.h"

#include <cmath>

#include "harness/procedures/oiml_r76/r76_data_text.h"
#include "models/core/errors.h"

namespace hilbench::procedures::oiml_r76 {
namespace {

r76_data parse(const char* text) {
    const nlohmann::json j = nlohmann::json::parse(text);
    r76_data d;
    d.id = j.at("id").get<std::string>();
    d.title = j.at("title").get<std::string>();
    d.classes = j.at("classes").get<std::vector<std::string>>();
    d.tests = tests_from_json(j.at("tests"));
    const auto& mpe = j.at("mpe_initial_e");
    d.mpe_confidence = mpe.at("confidence").get<std::string>();
    for (const auto& c : d.classes)
        for (const auto& row : mpe.at(c)) d.mpe_initial[c].push_back({row.at(0).get<double>(), row.at(1).get<double>()});
    d.in_service_factor = j.at("in_service_factor").get<double>();
    for (const auto& c : d.classes) d.min_e[c] = j.at("min_e").at(c).get<double>();
    d.zero_setting_accuracy_e = j.at("zero_setting_accuracy_e").get<double>();
    d.tare_accuracy_e = j.at("tare_accuracy_e").get<double>();
    d.zero_setting_range_pct = j.at("zero_setting_range_pct").get<double>();
    d.initial_zero_range_pct = j.at("initial_zero_range_pct").get<double>();
    const auto& zt = j.at("zero_tracking_e_per_s");
    d.zt_tracked_e_per_s = zt.at("tracked").get<double>();
    d.zt_not_tracked_e_per_s = zt.at("not_tracked").get<double>();
    d.zt_duration_s = zt.at("duration_s").get<double>();
    d.discrimination_extra_d = j.at("discrimination_extra_d").get<double>();
    d.temperature_sequence_c = j.at("temperature_sequence_c").get<std::vector<double>>();
    d.no_load_e_per_5k = j.at("no_load_temperature_e_per_5k").get<double>();
    d.warm_up_minutes = j.at("warm_up_minutes").get<std::vector<double>>();
    const auto& cr = j.at("creep");
    d.creep_hold_s = cr.at("hold_s").get<double>();
    d.creep_extended_s = cr.at("extended_s").get<double>();
    d.creep_15_30_e = cr.at("max_15_to_30_min_e").get<double>();
    d.return_to_zero_e = j.at("return_to_zero_e").get<double>();
    d.supply_over_pct = j.at("supply").at("over_pct").get<double>();
    d.supply_margin_pct = j.at("supply").at("margin_pct").get<double>();
    d.weighing_fractions = j.at("weighing_fractions_of_max").get<std::vector<double>>();
    d.eccentricity_fraction = j.at("eccentricity").at("fraction_of_max").get<double>();
    for (const auto& p : j.at("eccentricity").at("positions"))
        d.eccentricity_positions.emplace_back(p.at(0).get<double>(), p.at(1).get<double>());
    d.repeatability_fractions = j.at("repeatability_fractions_of_max").get<std::vector<double>>();
    for (auto it = j.at("confidence").begin(); it != j.at("confidence").end(); ++it)
        d.confidence[it.key()] = it.value().get<std::string>();
    return d;
}

}  // namespace

const std::vector<r76_data>& all_standards() {
    static const std::vector<r76_data> s = {parse(data_text::oiml_r76_1_2006), parse(data_text::jjg_539_2016)};
    return s;
}

const r76_data* find(const std::string& id) {
    for (const auto& d : all_standards())
        if (d.id == id) return &d;
    return nullptr;
}

double mpe_e(const r76_data& d, const std::string& cls, double m_in_e, bool in_service) {
    const auto& steps = d.mpe_initial.at(cls);
    HB_ASSERT(!steps.empty(), "no MPE table for class " + cls);
    double mpe = steps.back().mpe_e;
    const double m = std::fabs(m_in_e);
    for (const mpe_step& s : steps) {
        if (m <= s.upto_e + 1e-9) {
            mpe = s.mpe_e;
            break;
        }
    }
    return in_service ? mpe * d.in_service_factor : mpe;
}

double weighing_rating::mpe_g(const r76_data& d, double load_g, bool in_service) const {
    const double e = e_at(std::fabs(load_g));
    return mpe_e(d, accuracy_class, std::fabs(load_g) / e, in_service) * e;
}

weighing_rating rating_from(const scale_nameplate& np) {
    weighing_rating r;
    r.accuracy_class = np.accuracy_class;
    r.max_g = np.max_g;
    r.e_g = np.e_g;
    r.max1_g = np.max1_g;
    r.e1_g = np.max1_g > 0 ? np.e1_g : np.e_g;
    return r;
}

}  // namespace hilbench::procedures::oiml_r76
