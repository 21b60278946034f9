// The taps, driftable parameters and trigger observables of the single-phase meter, for the cheat/drift engine.
#pragma once
#include <vector>

#include "models/core/audit_log.h"
#include "models/core/cheat_engine.h"

namespace hilbench::meter {

const std::vector<engine::tap_decl>& meter_taps();
const std::vector<engine::driftable_decl>& meter_driftables();
// What the meter offers to triggers, in the order engine_step fills observables::values.
const std::vector<engine::observable_decl>& meter_observables();

// The events its audit trail can hold (every one it logs is declared here).
const std::vector<audit_event_decl>& meter_audit_events();

}  // namespace hilbench::meter
