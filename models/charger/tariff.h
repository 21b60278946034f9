// A charger's time-of-use tariff and its billing arithmetic. The day is split into periods on
// whole minutes (GB/T 29318: at least 15 minutes each, set only between sessions); each has an
// energy price, and a service fee per kWh comes on top. A session's amount is the sum over the
// periods of its energy in each times (price + fee), rounded half up to the minimum payment
// variable, the quantity JJG 1148/1149 judge the payment error against.
#pragma once
#include <string>
#include <vector>

namespace hilbench::charger {

struct tariff_period {
    double from_h = 0, to_h = 24;   // time of day; to_h < from_h wraps past midnight
    double price_cny_per_kwh = 1.0;
    std::string name;               // "peak", "valley", ...
};

struct tariff_problem {
    int period = -1;     // index of the period at fault (-1: the table as a whole)
    std::string field;   // "from_h", "to_h" or ""
    std::string message;
    bool ok() const { return message.empty(); }
};

// Checks a tariff table: boundaries on whole minutes, each period at least min_minutes long,
// and every minute of the day in exactly one period (no overlap, no gap).
tariff_problem check_tariff(const std::vector<tariff_period>& periods, int min_minutes = 15);

// The period in force at a time of day (h, any real: taken modulo 24); -1 for none.
int period_at(const std::vector<tariff_period>& periods, double time_of_day_h);
// The next boundary strictly after a time of day (h), as hours from that time (> 0).
double hours_to_next_boundary(const std::vector<tariff_period>& periods, double time_of_day_h);

// Amount of a session: energy per period (kWh, as registered), prices, fee; rounded half up
// to the minimum payment variable (CNY). Exact for energies to 0.1 Wh and prices to 1e-4 CNY.
double session_amount(const std::vector<double>& kwh_per_period, const std::vector<tariff_period>& periods,
                      double service_fee_cny_per_kwh, double min_pay_cny);

}  // namespace hilbench::charger
