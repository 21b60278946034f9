#include "models/charger/tariff.h"

#include "models/core/rounding.h"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace hilbench::charger {
namespace {

constexpr int day_min = 24 * 60;

bool whole_minute(double h) { return std::fabs(h * 60 - std::round(h * 60)) < 1e-6; }

int minute_of(double h) { return int(std::lround(h * 60)); }

std::string hhmm(int minute) {
    char b[16];
    std::snprintf(b, sizeof b, "%02d:%02d", (minute / 60) % 24, minute % 60);
    return b;
}

}  // namespace

tariff_problem check_tariff(const std::vector<tariff_period>& periods, int min_minutes) {
    if (periods.empty()) return {-1, "", "expected at least one tariff period"};
    std::vector<int> owner(day_min, -1);
    for (std::size_t k = 0; k < periods.size(); ++k) {
        const tariff_period& p = periods[k];
        const int i = int(k);
        if (p.from_h < 0 || p.from_h >= 24) return {i, "from_h", "expected a time of day in [0, 24) h"};
        if (p.to_h <= 0 || p.to_h > 24) return {i, "to_h", "expected a time of day in (0, 24] h"};
        if (!whole_minute(p.from_h)) return {i, "from_h", "expected a boundary on a whole minute"};
        if (!whole_minute(p.to_h)) return {i, "to_h", "expected a boundary on a whole minute"};
        const int a = minute_of(p.from_h), b = minute_of(p.to_h);
        const int len = b > a ? b - a : b + day_min - a;
        if (len < min_minutes)
            return {i, "to_h",
                    "expected a period of at least " + std::to_string(min_minutes) + " minutes, got " + std::to_string(len)};
        for (int m = 0; m < len; ++m) {
            const int at = (a + m) % day_min;
            if (owner[std::size_t(at)] >= 0)
                return {i, "from_h",
                        "expected periods that do not overlap; this one overlaps period " +
                            std::to_string(owner[std::size_t(at)]) + " at " + hhmm(at)};
            owner[std::size_t(at)] = i;
        }
    }
    for (int m = 0; m < day_min; ++m)
        if (owner[std::size_t(m)] < 0) return {-1, "", "expected the periods to cover the whole day; " + hhmm(m) + " is in none"};
    return {};
}

int period_at(const std::vector<tariff_period>& periods, double t_h) {
    double h = std::fmod(t_h, 24.0);
    if (h < 0) h += 24;
    for (std::size_t k = 0; k < periods.size(); ++k) {
        const tariff_period& p = periods[k];
        const bool in = p.from_h < p.to_h ? (h >= p.from_h && h < p.to_h) : (h >= p.from_h || h < p.to_h);
        if (in) return int(k);
    }
    return -1;
}

double hours_to_next_boundary(const std::vector<tariff_period>& periods, double t_h) {
    double h = std::fmod(t_h, 24.0);
    if (h < 0) h += 24;
    double best = 24;
    for (const tariff_period& p : periods)
        for (double b : {p.from_h, p.to_h}) {
            double d = std::fmod(b - h + 48.0, 24.0);
            if (d <= 1e-12) d += 24;
            if (d < best) best = d;
        }
    return best;
}

double session_amount(const std::vector<double>& kwh, const std::vector<tariff_period>& periods, double fee,
                      double min_pay) {
    // integers: energy in 0.1 Wh, prices in 1e-4 CNY/kWh, the sum in 1e-8 CNY
    int64_t sum = 0;
    for (std::size_t k = 0; k < kwh.size() && k < periods.size(); ++k) {
        const auto e = static_cast<int64_t>(std::llround(kwh[k] * 1e4));
        const auto p = static_cast<int64_t>(std::llround((periods[k].price_cny_per_kwh + fee) * 1e4));
        sum += e * p;
    }
    const auto unit = static_cast<int64_t>(std::llround(min_pay * 1e8));
    const int64_t a = sum < 0 ? -sum : sum;
    const int64_t q = (a + unit / 2) / unit;  // half away from zero
    return on_grid(double(sum < 0 ? -q : q), min_pay);
}

}  // namespace hilbench::charger
