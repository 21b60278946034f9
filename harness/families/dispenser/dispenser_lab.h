// The dispenser lab: what a dispenser procedure may touch. The fuel world (where the nozzle
// points, the fuel's temperature), the dispenser's legal outputs and controls (its face) and
// the lab's standard metal measures, whose class and certificate are the lab options of every
// dispenser standard.
#pragma once
#include <string>

#include "harness/procedures/procedure.h"
#include "models/core/param_table.h"
#include "models/dispenser/dispenser_face.h"

namespace hilbench {
namespace stimulus {
class fuel_world;
}
namespace reference {
class standard_measures;
}
}  // namespace hilbench

namespace hilbench::families::dispenser {

struct dispenser_lab : procedures::lab {
    dispenser_lab(stimulus::fuel_world& w, hilbench::dispenser::dispenser_face& d, reference::standard_measures& m)
        : world(w), dispenser(d), measures(m) {}
    stimulus::fuel_world& world;
    hilbench::dispenser::dispenser_face& dispenser;
    reference::standard_measures& measures;
};

struct dispenser_lab_options {
    double measure_class_pct = 0.025;  // the standard measures' class (MPE of the capacity) [M]
    std::string measures_certificate = "not stated";
    double drain_s = 30;               // drain time before each run
};
const params_of<dispenser_lab_options>& dispenser_lab_options_table();

// The dispenser's environment beyond the shared keys: the fuel.
struct dispenser_environment {
    std::string product = "petrol";  // "petrol" or "diesel"
    time_series fuel_temperature_c;  // (from t_s, degC) in the meter; empty: the ambient temperature
};
const params_of<dispenser_environment>& dispenser_environment_table();

}  // namespace hilbench::families::dispenser
