#include "harness/stimulus/ac_source.h"

#include <algorithm>

#include "harness/stimulus/environment.h"
#include "models/core/errors.h"

namespace hilbench::stimulus {

ac_source::ac_source(const ac_line_state& initial, time_series temperature_profile)
    : m_temperature(std::move(temperature_profile)) {
    m_history.emplace_back(0.0, initial);
    if (m_temperature.empty()) m_temperature.push_back({0.0, 23.0});
}

double ac_source::temperature_c(double t) const { return profile_temperature_c(m_temperature, t); }

void ac_source::set(const ac_line_state& s, double now_s) {
    HB_ASSERT(now_s >= m_history.back().first, "the source cannot go back in time");
    for (ac_line_listener* l : m_listeners) l->before_line_change(now_s);
    if (now_s == m_history.back().first) m_history.back().second = s;
    else m_history.emplace_back(now_s, s);
}

double ac_source::energy_j(double t0, double t1) const {
    double e = 0;
    for (std::size_t k = 0; k < m_history.size(); ++k) {
        const double a = std::max(t0, m_history[k].first);
        const double b = std::min(t1, k + 1 < m_history.size() ? m_history[k + 1].first : t1);
        if (b > a) e += line_energy_j(m_history[k].second, a, b);
    }
    return e;
}

}  // namespace hilbench::stimulus
