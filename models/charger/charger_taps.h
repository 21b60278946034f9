// The taps, driftable parameters and observables the chargers declare to the cheat engine
// (models/core/cheat_engine.h); `hilbench describe charger` lists them. The AC post's meter
// keeps its own taps (fw.calibration, sensor.current_gain, cf.out, ...), declared here too, and
// its observables come first in the AC post's list.
#pragma once
#include <vector>

#include "models/core/audit_log.h"
#include "models/core/cheat_engine.h"

namespace hilbench::charger {

const std::vector<engine::tap_decl>& ac_post_taps();
const std::vector<engine::driftable_decl>& ac_post_driftables();
const std::vector<engine::observable_decl>& ac_post_observables();

const std::vector<engine::tap_decl>& dc_charger_taps();
const std::vector<engine::driftable_decl>& dc_charger_driftables();
const std::vector<engine::observable_decl>& dc_charger_observables();

// The events its audit trail can hold (every one it logs is declared here).
const std::vector<audit_event_decl>& charger_audit_events();

}  // namespace hilbench::charger
