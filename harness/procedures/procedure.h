// The test lab. A procedure plans test points from its standard's data and runs one point
// at a time inside a SystemC thread. It is built from a typed nameplate, its typed options
// and the lab's conditions, and runs in its family's typed lab context (the device's legal
// outputs and controls, the world, the reference standards): never the scenario, taps,
// labels or ground truth, so it cannot pass a device by peeking.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "models/core/errors.h"
#include "models/core/param_table.h"
#include "reports/run_record.h"

namespace hilbench::procedures {

struct test_point {
    std::string id, test, title;
    std::map<std::string, double> settings;  // unit-suffixed: voltage_v, current_a, phase_deg, ...
    double mpe_pct = 0;
    std::string confidence;
    double after_days = 0;  // in service this long after the first procedure (the plan's; its id then ends in _d<days>)
};

// A point of a procedure that takes place `after_days` into service: its id ends in this, and it
// carries the condition after_days, so a re-verification's points differ from the first's.
std::string in_service_suffix(double after_days);
// The standard's own id of the point (without that suffix): what a procedure plans and dispatches on.
std::string own_id(const test_point& p);

// Which of a standard's tests and points the scenario selected (empty: all).
struct selection {
    std::vector<std::string> tests, points;
    bool test(const std::string& t) const;
    bool point(const std::string& id) const;
};

// What the lab knows of the conditions it works in.
struct conditions {
    time_series temperature_c;        // the ambient (chamber) profile the lab sets up
    double start_time_of_day_h = 10;  // the lab's clock at t = 0
    uint64_t seed = 1;                // the lab's own random choices (commodities, positions)
};

// The lab a point runs in. Each family derives its typed lab from it; the procedures of the
// family receive that.
class lab {
public:
    virtual ~lab() = default;
    std::function<void(double sim_s)> progress;  // called now and then with simulated time
    std::string series_folder;                    // where long series stream to ("": held in memory)
    // the watchdog's view of the waits (sim_time.h): the simulated time of the last wait and how
    // many waits in a row found it unchanged
    double last_wait_s = -1;
    uint64_t waits_without_progress = 0;
};

// A point whose simulated time stopped advancing (its procedure waits zero time over and over).
class stalled : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class procedure {
public:
    virtual ~procedure() = default;
    virtual std::string standard_id() const = 0;
    virtual std::string title() const = 0;
    virtual std::string decision_rule() const = 0;
    virtual std::vector<test_point> plan() const = 0;
    // The tests of the standard with their clauses, in its order (for the report's forms).
    virtual std::vector<reports::test_info> tests() const = 0;
    // Runs inside an SC_THREAD; uses sc_core::wait.
    virtual reports::point_record run(const test_point& p, lab& l) const = 0;
    // Rough simulated duration of a point (for scheduling the longest first).
    virtual double expected_duration_s(const test_point& p) const = 0;
    // The longest the point may take before the watchdog ends it: by default a stated multiple
    // of the expected duration; a procedure whose own timeouts allow more says so.
    virtual double limit_duration_s(const test_point& p) const {
        return watchdog_factor * expected_duration_s(p) + watchdog_margin_s;
    }
    static constexpr double watchdog_factor = 4;
    static constexpr double watchdog_margin_s = 600;
};

// A procedure for the labs of one family: run() hands it the family's typed lab.
template <class Lab>
class procedure_in : public procedure {
public:
    reports::point_record run(const test_point& p, lab& l) const final {
        Lab* typed = dynamic_cast<Lab*>(&l);
        HB_ASSERT(typed != nullptr, standard_id() + " was handed another family's lab");
        return run_in(p, *typed);
    }

protected:
    virtual reports::point_record run_in(const test_point& p, Lab& lab) const = 0;
};

// The tests of a standard's data file: {"<test>": {"title", "clause", "confidence"}, ...}.
std::vector<reports::test_info> tests_from_json(const nlohmann::json& tests);

// A record for point p with its identity and conditions filled in (verdict still empty).
reports::point_record start_record(const test_point& p);

// How a measured value must stand to its limit.
enum class must { be_within, be_at_most, be_at_least, equal, hold };  // |v| <= L, v <= L, v >= L, v == L, v is true

// Judges one requirement of point r: records the check (what was measured against what limit)
// and sets the verdict, "fail" as soon as one requirement does not hold. A value that could not
// be measured (NaN) does not hold. Limits are met with a slack of 1e-9 for rounding. Returns
// whether it held.
bool judge(reports::point_record& r, const std::string& requirement, const std::string& quantity, double value, must m,
           double limit = 0);
// The same for a yes/no requirement ("the case opening locked the scale").
bool judge(reports::point_record& r, const std::string& requirement, const std::string& quantity, bool holds);

}  // namespace hilbench::procedures
