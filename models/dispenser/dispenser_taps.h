// The taps, driftable parameters and observables the fuel dispenser declares to the cheat
// engine (models/core/cheat_engine.h); `hilbench describe dispenser` lists them.
#pragma once
#include <vector>

#include "models/core/audit_log.h"
#include "models/core/cheat_engine.h"

namespace hilbench::dispenser {

const std::vector<engine::tap_decl>& dispenser_taps();
const std::vector<engine::driftable_decl>& dispenser_driftables();
const std::vector<engine::observable_decl>& dispenser_observables();

// The events its audit trail can hold (every one it logs is declared here).
const std::vector<audit_event_decl>& dispenser_audit_events();

}  // namespace hilbench::dispenser
