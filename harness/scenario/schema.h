// The scenario JSON Schema (draft 2020-12), generated from the catalogue: device parameters,
// procedure options and inputs, environment and outputs from their declared tables; taps,
// observables, driftable parameters and standards per device type (an editor offers a
// meter's taps only for a meter). The committed scenarios/schema/scenario.schema.json is
// this output; a test keeps it fresh, and an external validator checks it against the
// bundled and the bad scenarios.
#pragma once
#include <nlohmann/json.hpp>

#include "harness/scenario/catalogue.h"
#include "models/core/param_table.h"

namespace hilbench::scenario {

nlohmann::json scenario_schema(const catalogue& cat);

// The schema of one declared table (an object with exactly these keys).
nlohmann::json table_schema(const param_table& t);

}  // namespace hilbench::scenario
