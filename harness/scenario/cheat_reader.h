// Reads the `cheats` and `drift` sections of a scenario into engine specs, checking every
// tap, effect and trigger against the device's declared taps and driftable parameters.
#pragma once
#include <vector>

#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"

namespace hilbench::scenario {

void read_cheats(json_reader& top, scenario& sc, const device_decl& dev);
void read_drift(json_reader& top, scenario& sc, const std::vector<engine::driftable_decl>& params);

}  // namespace hilbench::scenario
