// The taps, driftable parameters and trigger observables of the price-computing scale.
#pragma once
#include <vector>

#include "models/core/audit_log.h"
#include "models/core/cheat_engine.h"

namespace hilbench::scale {

const std::vector<engine::tap_decl>& scale_taps();
const std::vector<engine::driftable_decl>& scale_driftables();
// What the scale offers to triggers, in the order price_scale fills observables::values.
const std::vector<engine::observable_decl>& scale_observables();

// The events its audit trail can hold (every one it logs is declared here).
const std::vector<audit_event_decl>& scale_audit_events();

}  // namespace hilbench::scale
