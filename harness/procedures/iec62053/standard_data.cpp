#include "harness/procedures/iec62053/standard_data.h"

#include <nlohmann/json.hpp>

#include "harness/procedures/procedure.h"

#include "harness/procedures/iec62053/standard_data_text.h"
#include "models/core/errors.h"

namespace hilbench::procedures::iec62053 {
namespace {

std::map<std::string, std::vector<double>> mpe_map(const nlohmann::json& j) {
    std::map<std::string, std::vector<double>> m;
    for (auto it = j.begin(); it != j.end(); ++it) m[it.key()] = it.value().get<std::vector<double>>();
    return m;
}

accuracy_row row_from(const nlohmann::json& j) {
    accuracy_row r;
    r.id = j.at("id").get<std::string>();
    r.basis = j.at("basis").get<std::string>();
    r.x = j.at("x").get<double>();
    r.pf = j.at("pf").get<double>();
    r.kind = j.value("kind", "unity");
    r.mpe_pct = mpe_map(j.at("mpe_pct"));
    r.confidence = j.at("confidence").get<std::string>();
    return r;
}

standard_data parse(const char* text) {
    const nlohmann::json j = nlohmann::json::parse(text);
    standard_data d;
    d.id = j.at("id").get<std::string>();
    d.title = j.at("title").get<std::string>();
    d.classes = j.at("classes").get<std::vector<std::string>>();
    d.tests = tests_from_json(j.at("tests"));
    for (const auto& b : j.at("bands")) {
        band bd;
        bd.name = b.at("name").get<std::string>();
        for (const auto& r : b.at("ranges_c")) bd.ranges_c.emplace_back(r.at(0).get<double>(), r.at(1).get<double>());
        d.bands.push_back(bd);
    }
    for (auto it = j.at("rounding_pct").begin(); it != j.at("rounding_pct").end(); ++it) {
        if (it.key() == "confidence") d.rounding_confidence = it.value().get<std::string>();
        else d.rounding_pct[it.key()] = it.value().get<double>();
    }
    for (const auto& a : j.at("accuracy")) d.accuracy.push_back(row_from(a));
    const auto& st = j.at("starting");
    d.starting_basis = st.at("basis").get<std::string>();
    for (auto it = st.at("x").begin(); it != st.at("x").end(); ++it) d.starting_x[it.key()] = it.value().get<double>();
    d.starting_pf = st.at("pf").get<double>();
    d.starting_time_factor = st.at("time_factor").get<double>();
    d.starting_min_pulses = st.at("min_pulses").get<int>();
    d.starting_confidence = st.at("confidence").get<std::string>();
    const auto& nl = j.at("no_load");
    d.no_load_voltage_factor = nl.at("voltage_factor").get<double>();
    for (auto it = nl.at("dt_constant").begin(); it != nl.at("dt_constant").end(); ++it)
        d.no_load_dt_constant[it.key()] = it.value().get<double>();
    d.no_load_max_pulses = nl.at("max_pulses").get<int>();
    d.no_load_confidence = nl.at("confidence").get<std::string>();
    d.register_row = row_from(j.at("register"));
    d.harmonics_influence_pct = j.at("harmonics").at("influence_pct").get<std::map<std::string, double>>();
    d.harmonics_confidence = j.at("harmonics").at("confidence").get<std::string>();
    for (const auto& c : d.classes) {
        HB_ASSERT(d.rounding_pct.count(c) && d.starting_x.count(c) && d.no_load_dt_constant.count(c) &&
                      d.harmonics_influence_pct.count(c),
                  d.id + ": class " + c + " lacks data");
        for (const auto& r : d.accuracy)
            HB_ASSERT(r.mpe_pct.count(c) && r.mpe_pct.at(c).size() == d.bands.size(), d.id + ": row " + r.id);
    }
    return d;
}

}  // namespace

const std::vector<standard_data>& all_standards() {
    static const std::vector<standard_data> s = {parse(data_text::iec62053_21_2003), parse(data_text::en50470_3_2006)};
    return s;
}

const standard_data* find(const std::string& id) {
    for (const auto& s : all_standards())
        if (s.id == id) return &s;
    return nullptr;
}

std::size_t band_index(const standard_data& d, double t) {
    for (std::size_t k = 0; k < d.bands.size(); ++k)
        for (const auto& [lo, hi] : d.bands[k].ranges_c)
            if (t >= lo && t <= hi) return k;
    return d.bands.size() - 1;
}

}  // namespace hilbench::procedures::iec62053
