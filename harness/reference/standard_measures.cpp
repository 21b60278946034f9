#include "harness/reference/standard_measures.h"

#include <algorithm>
#include <cmath>

#include "models/core/rng.h"

namespace hilbench::reference {

standard_measure::standard_measure(double nominal_l, double class_pct, std::string id, uint64_t seed)
    : m_nominal_l(nominal_l),
      m_class_pct(class_pct),
      // the neck scale: 1 mL for 2 and 5 L, 5 mL for 20 L, 10 mL for 50 L [M]
      m_interval_l(nominal_l <= 5 ? 0.001 : nominal_l <= 20 ? 0.005 : 0.010),
      m_id(std::move(id)) {
    rng r(derive_seed(seed, m_id));
    m_capacity_error = (r.uniform() * 2 - 1) * class_pct / 100;
}

void standard_measure::set_air_temperature(double t_air_c) {
    m_air_c = t_air_c;
    if (m_liquid_l <= 0) m_t_c = t_air_c;
}

void standard_measure::receive(double litres, double t_meter_c) {
    // the fuel warms or cools part of the way to the air on its way in, and mixes with what
    // is there; the thin walls follow the liquid
    const double t_in = t_meter_c + air_exchange * (m_air_c - t_meter_c);
    double v = litres * (1 + m_beta_fuel * (t_in - t_meter_c));
    if (v <= 0) return;
    m_t_c = m_liquid_l > 0 ? (m_t_c * m_liquid_l + t_in * v) / (m_liquid_l + v) : t_in;
    if (!m_wet) {
        // a dry measure: the first litres wet its walls and never reach the scale
        const double film = 0.00005 * m_nominal_l;
        const double take = std::min(v, film);
        v -= take;
        if (take >= film - 1e-15) m_wet = true;
    }
    m_liquid_l += v;
}

double standard_measure::reading_l() const {
    // the scale was marked at 20 degC on a measure whose capacity is (1 + error) nominal
    const double at_marks = (m_liquid_l + m_residual_l) / (1 + beta_steel_per_k * (m_t_c - 20)) / (1 + m_capacity_error);
    return std::round(at_marks / m_interval_l) * m_interval_l;
}

double standard_measure::volume_at_meter(double reading_l, double t_measure_c, double t_meter_c, double beta_fuel) {
    return reading_l * (1 + beta_steel_per_k * (t_measure_c - 20)) * (1 + beta_fuel * (t_meter_c - t_measure_c));
}

void standard_measure::empty(double drain_s) {
    // what has not drained after drain_s stays for the next run (the lab's rule: 30 s)
    m_residual_l = m_liquid_l > 0 ? 0.0002 * m_nominal_l * std::max(0.0, 1 - drain_s / 30.0) : 0.0;
    m_liquid_l = 0;
    m_t_c = m_air_c;
    m_wet = true;
}

standard_measures::standard_measures(double class_pct, uint64_t seed) {
    for (double v : {2.0, 5.0, 20.0, 50.0})
        m_set.emplace_back(v, class_pct, "measure_" + std::to_string(int(v)) + "l", seed);
}

standard_measure& standard_measures::for_volume(double volume_l) {
    for (auto& m : m_set)
        if (m.nominal_l() >= volume_l * 0.999) return m;
    return m_set.back();
}

}  // namespace hilbench::reference

namespace hilbench::reference {

master_meter::master_meter(double class_pct, uint64_t seed) : m_class_pct(class_pct) {
    rng r(derive_seed(seed, "master_meter"));
    m_gain_error = (r.uniform() * 2 - 1) * class_pct / 100;
}

void master_meter::receive(double litres, double) { m_litres += litres; }

}  // namespace hilbench::reference
