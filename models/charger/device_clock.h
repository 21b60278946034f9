// A charger's real-time clock: a crystal with a frequency error (ppm) that counts from a set
// date and time, and a sync state. Synchronised to legal time it reads true time and OCMF marks
// its readings "S"; free-running after a set it is "I" (informative), never set it is "U".
// JJG 1148/1149 judge its error against the clock limits; ToU billing follows it.
#pragma once
#include <string>

namespace hilbench::charger {

class device_clock {
public:
    // start_date: "YYYY-MM-DD" of simulated t = 0; start_h: true time of day at t = 0;
    // error_s: the clock's error at t = 0 (device minus true); synced: whether it was set from
    // legal time at t = 0 (then error_s is what the sync left).
    device_clock(const std::string& start_date, double start_h, double ppm, double error_s, bool synced);

    // Device time, seconds since the start date's midnight, at simulated t (s).
    double device_s(double t_s) const;
    // True time on the same scale.
    double true_s(double t_s) const { return m_start_h * 3600 + t_s; }
    double error_s(double t_s) const { return device_s(t_s) - true_s(t_s); }
    double time_of_day_h(double t_s) const;
    // The simulated time (s) at which the device will read device_s (from the current anchor).
    double t_at_device_s(double device_s) const;
    // A sync from legal time at t: the error becomes 0 and the state S.
    void synchronise(double t_s);
    // Set by hand at t to a device time (s since the start date's midnight): state I.
    void set(double t_s, double device_s);
    char sync_state() const { return m_state; }
    // OCMF TM: "2026-11-30T10:15:00,000+0000 S" (UTC, milliseconds, sync state).
    std::string ocmf_time(double t_s) const;
    // "2026-11-30 10:15:00" for displays and receipts.
    std::string display_time(double t_s) const;

private:
    std::string stamp(double device_s, bool ocmf) const;
    long m_days0 = 0;  // days from 1970-01-01 to the start date
    double m_start_h, m_ppm, m_offset_s = 0, m_anchor_t = 0;
    char m_state = 'U';
};

// Days since 1970-01-01 of a civil date, and back; false for a malformed "YYYY-MM-DD".
bool days_of_date(const std::string& ymd, long& days);
std::string date_of_days(long days);

}  // namespace hilbench::charger
