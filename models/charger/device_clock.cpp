#include "models/charger/device_clock.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace hilbench::charger {

// The proleptic Gregorian calendar by eras of 400 years (146097 days).
bool days_of_date(const std::string& s, long& days) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
    if (m < 1 || m > 12 || d < 1) return false;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && leap)) return false;
    const int yy = m <= 2 ? y - 1 : y;
    const long era = (yy >= 0 ? yy : yy - 399) / 400;
    const long yoe = yy - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    days = era * 146097 + doe - 719468;
    return true;
}

std::string date_of_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    const long y = yoe + era * 400 + (m <= 2);
    char b[48];
    std::snprintf(b, sizeof b, "%04d-%02d-%02d", int(y % 10000), int(m), int(d));
    return b;
}

device_clock::device_clock(const std::string& start_date, double start_h, double ppm, double error_s, bool synced)
    : m_start_h(start_h), m_ppm(ppm), m_offset_s(error_s), m_state(synced ? 'S' : 'U') {
    if (!days_of_date(start_date, m_days0)) throw std::invalid_argument("expected a date YYYY-MM-DD, got " + start_date);
}

double device_clock::device_s(double t) const {
    // from the last anchor (t = 0, a sync or a set) the crystal runs at (1 + ppm)
    return true_s(m_anchor_t) + m_offset_s + (t - m_anchor_t) * (1 + m_ppm * 1e-6);
}

double device_clock::t_at_device_s(double d) const {
    return m_anchor_t + (d - true_s(m_anchor_t) - m_offset_s) / (1 + m_ppm * 1e-6);
}

double device_clock::time_of_day_h(double t) const {
    const double s = std::fmod(device_s(t), 86400.0);
    return (s < 0 ? s + 86400 : s) / 3600;
}

void device_clock::synchronise(double t) {
    m_anchor_t = t;
    m_offset_s = 0;
    m_state = 'S';
}

void device_clock::set(double t, double device_s) {
    m_anchor_t = t;
    m_offset_s = device_s - true_s(t);
    m_state = 'I';
}

std::string device_clock::stamp(double s, bool ocmf) const {
    const auto ms_total = static_cast<long long>(std::floor(s * 1000 + 1e-6));
    long long days = ms_total / 86400000, ms = ms_total % 86400000;
    if (ms < 0) {
        ms += 86400000;
        --days;
    }
    const std::string date = date_of_days(m_days0 + long(days));
    char b[96];
    const int h = int(ms / 3600000), mi = int(ms / 60000 % 60), se = int(ms / 1000 % 60), milli = int(ms % 1000);
    if (ocmf)
        std::snprintf(b, sizeof b, "%sT%02d:%02d:%02d,%03d+0000 %c", date.c_str(), h, mi, se, milli, m_state);
    else
        std::snprintf(b, sizeof b, "%s %02d:%02d:%02d", date.c_str(), h, mi, se);
    return b;
}

std::string device_clock::ocmf_time(double t) const { return stamp(device_s(t), true); }
std::string device_clock::display_time(double t) const { return stamp(device_s(t), false); }

}  // namespace hilbench::charger
