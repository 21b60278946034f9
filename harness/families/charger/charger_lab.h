// The EV-charger lab: what a charger procedure may touch. The charging world (the grid, the
// outlet where the lab plugs its load or a vehicle), the charger's legal outputs and controls
// (its face) and the reference standard meter at the charger's output (AC) or at the vehicle
// end of its cable (DC), whose class and certificate are the lab options of every charger
// standard, with the load method.
#pragma once
#include <string>

#include "harness/procedures/procedure.h"
#include "models/charger/charger_face.h"
#include "models/charger/ev_model.h"
#include "models/core/param_table.h"

namespace hilbench {
namespace stimulus {
class charging_world;
}
namespace reference {
class reference_meter;
}
}  // namespace hilbench

namespace hilbench::families::charger {

struct charger_lab : procedures::lab {
    charger_lab(stimulus::charging_world& w, hilbench::charger::charger_face& c, const reference::reference_meter& r,
                const hilbench::charger::ev_params& v)
        : world(w), charger(c), reference(r), vehicle(v) {}
    stimulus::charging_world& world;
    hilbench::charger::charger_face& charger;
    const reference::reference_meter& reference;
    const hilbench::charger::ev_params& vehicle;  // the vehicle the real-vehicle method plugs in
};

struct charger_lab_options {
    double reference_class_pct = 0.05;
    double reference_constant_imp_per_kwh = 1e6;
    std::string reference_certificate = "not stated";
    std::string load_method = "virtual";  // "virtual" (the lab's load) or "vehicle" (real-vehicle method)
};
const params_of<charger_lab_options>& charger_lab_options_table();

// The charging world's environment beyond the shared keys: the grid, and the vehicle.
struct charger_environment {
    time_series grid_voltage_v;    // (from t_s, V); empty: rated
    time_series grid_frequency_hz; // (from t_s, Hz); empty: rated
    hilbench::charger::ev_params vehicle;
};
const params_of<charger_environment>& charger_environment_table();
const params_of<hilbench::charger::ev_params>& ev_param_table();

}  // namespace hilbench::families::charger
