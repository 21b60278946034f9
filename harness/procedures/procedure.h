// The test lab. A procedure plans test points from its standard's data and runs one point
// at a time inside a SystemC thread. It sees only the device's legal outputs and
// nameplate (a face), the bench's sources and the reference standard, never taps or
// internals, so it cannot pass a device by peeking.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/scenario/scenario.h"
#include "models/core/param_table.h"
#include "reports/run_record.h"

namespace hilbench {
class energy_meter_face;
class scale_face;
namespace stimulus {
class ac_source;
class weight_world;
}
namespace reference {
class reference_meter;
class standard_weights;
}
}  // namespace hilbench

namespace hilbench::procedures {

struct test_point {
    std::string id, test, title;
    std::map<std::string, double> settings;  // unit-suffixed: voltage_v, current_a, phase_deg, ...
    double mpe_pct = 0;
    std::string confidence;
};

// The bench of one device family: an electricity meter on its AC source with a reference
// meter, or a scale in its world with the lab's standard weights. A procedure uses the
// members of its family (the others are null).
struct run_context {
    stimulus::ac_source* source = nullptr;
    const energy_meter_face* meter = nullptr;
    const reference::reference_meter* reference = nullptr;
    stimulus::weight_world* world = nullptr;
    scale_face* scale = nullptr;
    const reference::standard_weights* weights = nullptr;
    std::function<void(double sim_s)> progress;  // called now and then with simulated time
};

class procedure {
public:
    virtual ~procedure() = default;
    virtual std::string standard_id() const = 0;
    virtual std::string title() const = 0;
    virtual std::string decision_rule() const = 0;
    virtual std::vector<test_point> plan() const = 0;
    // Runs inside an SC_THREAD; uses sc_core::wait.
    virtual reports::point_record run(const test_point& p, run_context& ctx) const = 0;
    // Rough simulated duration of a point (for scheduling the longest first).
    virtual double expected_duration_s(const test_point& p) const = 0;
};

struct standard_info {
    std::string id, title, device_family;
    std::vector<std::string> classes, tests;
};

// A record for point p with its identity and conditions filled in (verdict still empty).
reports::point_record start_record(const test_point& p);

const std::vector<standard_info>& standards();
const standard_info* find_standard(const std::string& id);

// Throws scenario_error (pointer into the scenario) when the device does not fit.
std::unique_ptr<procedure> make_procedure(const scenario::scenario& sc);

}  // namespace hilbench::procedures
