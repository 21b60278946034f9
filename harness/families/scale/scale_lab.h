// The weighing lab: what a scale procedure may touch. The weight world (receptor, climatic
// chamber, supply), the scale's legal outputs, nameplate and controls (its face), and the
// lab's OIML R 111 standard weights, whose class is the lab option of every scale standard.
#pragma once
#include <string>

#include "harness/procedures/procedure.h"
#include "models/core/param_table.h"
#include "models/core/scale_face.h"

namespace hilbench {
namespace stimulus {
class weight_world;
}
namespace reference {
class standard_weights;
}
}  // namespace hilbench

namespace hilbench::families::scale {

struct scale_lab : procedures::lab {
    scale_lab(stimulus::weight_world& w, scale_face& s, const reference::standard_weights& sw)
        : world(w), scale(s), weights(sw) {}
    stimulus::weight_world& world;
    scale_face& scale;
    const reference::standard_weights& weights;
};

struct scale_lab_options {
    std::string weight_class = "M1";  // OIML R 111 class of the standard weights
    std::string weights_certificate = "not stated";
};
const params_of<scale_lab_options>& scale_lab_options_table();

// The scale's environment beyond the shared keys: its supply.
struct scale_environment {
    time_series supply_v;  // (from t_s, volts) steps; empty: nominal
};
const params_of<scale_environment>& scale_environment_table();

}  // namespace hilbench::families::scale
