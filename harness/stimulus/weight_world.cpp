#include "harness/stimulus/weight_world.h"

#include <algorithm>

#include "harness/stimulus/environment.h"
#include "models/core/errors.h"

namespace hilbench::stimulus {

weight_world::weight_world(time_series temperature_profile, double supply_v,
                           const std::vector<std::pair<double, double>>& supply_profile)
    : m_profile(std::move(temperature_profile)) {
    m_history.emplace_back(0.0, std::vector<receptor_load>{});
    m_supply.emplace_back(0.0, supply_v);
    for (const auto& step : supply_profile) m_supply.push_back(step);
}

double weight_world::temperature_c(double t) const {
    for (auto it = m_chamber.rbegin(); it != m_chamber.rend(); ++it)
        if (t >= it->first) return it->second;
    return profile_temperature_c(m_profile, t);
}

double weight_world::supply_v(double t) const {
    // the latest step in force at t (the scenario's profile and the procedure's steps mix)
    double from = -1, v = m_supply.front().second;
    for (const auto& [f, volts] : m_supply)
        if (f <= t && f >= from) {
            from = f;
            v = volts;
        }
    return v;
}

void weight_world::change(std::vector<receptor_load> next, double now_s) {
    HB_ASSERT(now_s >= m_history.back().first, "the world cannot go back in time");
    for (receptor_listener* l : m_listeners) l->before_receptor_change(now_s);
    if (now_s == m_history.back().first) m_history.back().second = std::move(next);
    else m_history.emplace_back(now_s, std::move(next));
}

void weight_world::place(const receptor_load& l, double now_s) {
    HB_ASSERT(!has(l.id), "load " + l.id + " is already on the receptor");
    std::vector<receptor_load> next = loads();
    next.push_back(l);
    next.back().since_s = now_s;
    change(std::move(next), now_s);
}

void weight_world::remove(const std::string& id, double now_s) {
    std::vector<receptor_load> next = loads();
    const auto it = std::find_if(next.begin(), next.end(), [&](const receptor_load& l) { return l.id == id; });
    HB_ASSERT(it != next.end(), "load " + id + " is not on the receptor");
    next.erase(it);
    change(std::move(next), now_s);
}

void weight_world::clear(double now_s) { change({}, now_s); }

bool weight_world::has(const std::string& id) const {
    return std::any_of(loads().begin(), loads().end(), [&](const receptor_load& l) { return l.id == id; });
}

void weight_world::set_temperature(double c, double now_s) {
    for (receptor_listener* l : m_listeners) l->before_receptor_change(now_s);
    m_chamber.emplace_back(now_s, c);
}

void weight_world::set_supply(double v, double now_s) {
    for (receptor_listener* l : m_listeners) l->before_receptor_change(now_s);
    m_supply.emplace_back(now_s, v);
}

double weight_world::true_mass_g(double t) const {
    auto it = std::upper_bound(m_history.begin(), m_history.end(), t,
                               [](double x, const auto& h) { return x < h.first; });
    if (it == m_history.begin()) return 0;
    double m = 0;
    for (const receptor_load& l : std::prev(it)->second) m += std::max(0.0, l.mass_at(t));
    return m;
}

}  // namespace hilbench::stimulus
