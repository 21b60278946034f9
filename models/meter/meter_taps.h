// The taps and driftable parameters of the single-phase meter, for the cheat/drift engine.
#pragma once
#include <vector>

#include "models/core/cheat_engine.h"

namespace hilbench::meter {

const std::vector<engine::tap_decl>& meter_taps();
const std::vector<engine::driftable_decl>& meter_driftables();

}  // namespace hilbench::meter
