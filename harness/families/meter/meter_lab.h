// The electricity-meter lab: what a meter procedure may touch. The programmable AC source
// (the world), the meter's legal outputs and nameplate (its face), and the reference standard
// meter. The lab options choose the reference meter every meter procedure accepts.
#pragma once
#include "harness/procedures/procedure.h"
#include "models/core/energy_meter_face.h"
#include "models/core/param_table.h"

namespace hilbench {
namespace stimulus {
class ac_source;
}
namespace reference {
class reference_meter;
}
}  // namespace hilbench

namespace hilbench::families::meter {

struct meter_lab : procedures::lab {
    meter_lab(stimulus::ac_source& s, const energy_meter_face& m, const reference::reference_meter& r)
        : source(s), meter(m), reference(r) {}
    stimulus::ac_source& source;
    const energy_meter_face& meter;
    const reference::reference_meter& reference;
};

// The lab's reference standard meter (procedure.options of every meter standard).
struct meter_lab_options {
    double reference_class_pct = 0.05;
    double reference_constant_imp_per_kwh = 1e8;
    std::string reference_certificate = "not stated";
};
const params_of<meter_lab_options>& meter_lab_options_table();

}  // namespace hilbench::families::meter
