#include "harness/stimulus/fuel_world.h"

#include <cmath>

namespace hilbench::stimulus {
namespace {
double at(const time_series& s, double t, double def) {
    double v = def;
    for (const auto& [ts, x] : s)
        if (ts <= t) v = x;
    return v;
}
}  // namespace

fuel_world::fuel_world(std::string product, time_series fuel_temperature_c, time_series ambient_c)
    : m_product(std::move(product)), m_fuel_c(std::move(fuel_temperature_c)), m_ambient_c(std::move(ambient_c)) {}

double fuel_world::ambient_c(double t) const { return at(m_ambient_c, t, 20.0); }

double fuel_world::fuel_temperature_c(double t) const { return at(m_fuel_c, t, ambient_c(t)); }

double fuel_world::viscosity_mm2_s(double t) const {
    // kinematic viscosity at 15 degC and its fall with temperature (about 1.5 % per K for
    // petrol, 2.5 % per K for diesel) [M]
    const double dt = fuel_temperature_c(t) - 15.0;
    return m_product == "diesel" ? 3.5 * std::exp(-0.025 * dt) : 0.7 * std::exp(-0.015 * dt);
}

double fuel_world::beta_per_k() const { return m_product == "diesel" ? 0.00083 : 0.00120; }  // [M]

void fuel_world::deliver(double t0, double, double litres) {
    const double tf = fuel_temperature_c(t0);
    m_delivered_l += litres;
    m_delivered_15_l += litres / (1 + beta_per_k() * (tf - 15.0));
    if (m_receiver) m_receiver->receive(litres, tf);
}

}  // namespace hilbench::stimulus
