// What the loader checks a scenario against: the declarations of every instrument family,
// device type and standard. The families fill it (harness/families); the loader, the schema
// generator and `hilbench describe` read it and name none of them.
#pragma once
#include <any>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/core/audit_log.h"
#include "models/core/cheat_engine.h"
#include "models/core/param_table.h"

namespace hilbench::scenario {

// An inspection-aware trigger that names no observable watches the device's default one for
// its standard test values (an electricity meter: the current, at the standard test currents).
struct inspection_default {
    std::string observable;
    std::vector<double> test_values;
};

struct device_decl {
    std::string name, description, family;
    const param_table* params = nullptr;  // device.params
    std::string class_param;              // the parameter that holds the marked accuracy class
    const std::vector<engine::tap_decl>* taps = nullptr;
    const std::vector<engine::driftable_decl>* driftables = nullptr;
    const std::vector<engine::observable_decl>* observables = nullptr;
    std::vector<std::string> fidelities;
    // the default of inspection-aware triggers, from the typed parameters (empty: none)
    std::function<std::optional<inspection_default>(const std::any& params)> inspection;
    // The parameters printed on the nameplate (what an inspector or a detector may know of the
    // device; the rest of device.params is its simulated physics).
    std::vector<std::string> nameplate = {};
    // The events its audit trail can hold: what an integrity detector may name.
    const std::vector<audit_event_decl>* audit_events = nullptr;
};

struct standard_decl {
    std::string id, title, family;
    std::vector<std::string> classes, tests;
    const param_table* options = nullptr;  // procedure.options (beside the family's lab options)
    const param_table* inputs = nullptr;   // the procedure's other keys: a load profile, scripted actions
    bool stimulus = false;                 // read from the scenario's `stimulus` instead of a `procedure`
};

struct family_decl {
    std::string name;
    const param_table* lab_options = nullptr;  // options every procedure of the family takes (its lab's equipment)
    const param_table* environment = nullptr;  // environment keys of the family's world beyond the shared ones
    std::vector<device_decl> devices;
    std::vector<standard_decl> standards;
    // Point values and series columns only a simulator knows (the true quantity): never given to a
    // detector. A name also covers the values ending in "_<name>" (per band, per tariff).
    std::vector<std::string> ground_truth = {};
    // The consumption a utility reads from the family's instruments hour by hour, where a
    // procedure records it: the table of a point, its hour column and its energy column (an
    // empty table: none). `hilbench export` sums it per day into the SGCC theft-set layout.
    struct consumption_decl {
        std::string table, hour_column, energy_column;
    } consumption = {};
    // One of the family's standards (null: not one of them).
    const standard_decl* find_standard(const std::string& id) const;
    // The standard a `stimulus` runs (null: the family has none).
    const standard_decl* stimulus() const;
};

struct catalogue {
    std::vector<family_decl> families;

    const family_decl* find_family(const std::string& name) const;
    const family_decl& family(const std::string& name) const;  // one that exists
    const device_decl* find_device(const std::string& name) const;
    const standard_decl* find_standard(const std::string& id) const;
    // Every device type and every standard, family after family.
    std::vector<const device_decl*> devices() const;
    std::vector<const standard_decl*> standards() const;
};

}  // namespace hilbench::scenario
