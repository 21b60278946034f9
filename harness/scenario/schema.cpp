#include "harness/scenario/schema.h"

#include <algorithm>
#include <map>
#include <set>

#include "harness/scenario/scenario.h"
#include "models/core/errors.h"

namespace hilbench::scenario {
namespace {

using json = nlohmann::json;

std::string describe(const param_info& p) {
    std::string d = p.doc;
    if (!p.unit.empty()) d += " [" + p.unit + "]";
    return d;
}

json number_schema(double lo, double hi) { return {{"type", "number"}, {"minimum", lo}, {"maximum", hi}}; }

json value_schema(const param_info& p) {
    using k = param_info::kind;
    json s;
    switch (p.k) {
        case k::number:
            s = number_schema(p.min, p.max);
            break;
        case k::integer:
            s = {{"type", "integer"}, {"minimum", p.min}, {"maximum", p.max}};
            if (!p.values.empty()) s["enum"] = p.values;
            break;
        case k::choice:
            s = {{"enum", p.choices}};
            break;
        case k::boolean:
            s = {{"type", "boolean"}};
            break;
        case k::text:
            s = {{"type", "string"}};
            break;
        case k::value:
            s = json::object();  // any JSON value
            break;
        case k::path:
            s = {{"type", "string"}, {"minLength", 1}};
            break;
        case k::strings:
            s = {{"type", "array"}, {"items", {{"type", "string"}, {"minLength", 1}}}};
            if (p.min_items) s["minItems"] = p.min_items;
            break;
        case k::series:
            s = {{"type", "array"},
                 {"minItems", 1},
                 {"items",
                  {{"type", "array"},
                   {"prefixItems", {number_schema(0, 1e9), number_schema(p.min, p.max)}},
                   {"items", false},
                   {"minItems", 2}}}};
            break;
        case k::table:
            s = table_schema(*p.nested);
            break;
        case k::table_list:
            s = {{"type", "array"}, {"items", table_schema(*p.nested)}};
            if (p.min_items) s["minItems"] = p.min_items;
            break;
    }
    s["description"] = describe(p);
    if (p.def) std::visit([&](const auto& x) { s["default"] = x; }, *p.def);
    return s;
}

// The properties, required keys and rules of tables that read one object together.
json merged_tables(const std::vector<const param_table*>& tables) {
    json props = json::object(), rules = json::array();
    json required = json::array();
    for (const param_table* t : tables) {
        if (!t) continue;
        for (const auto& e : t->entries()) {
            props[e.name] = value_schema(e);
            if (e.required) required.push_back(e.name);
        }
        for (const auto& r : t->rules())
            if (!r.schema.empty()) rules.push_back(json::parse(r.schema));
    }
    json s = {{"type", "object"}, {"additionalProperties", false}, {"properties", props}};
    if (!required.empty()) s["required"] = required;
    if (!rules.empty()) s["allOf"] = rules;
    return s;
}

json string_set(const std::vector<std::string>& allowed) {
    json items = {{"type", "string"}};
    if (!allowed.empty()) items = {{"enum", allowed}};
    return {{"type", "array"}, {"items", items}, {"uniqueItems", true}};
}

// An object with exactly one key among the alternatives ({"scale": 0.97}, {"always": true}).
json one_key(const json& alternatives) {
    return {{"type", "object"},
            {"minProperties", 1},
            {"maxProperties", 1},
            {"additionalProperties", false},
            {"properties", alternatives}};
}

json pair_of(double lo, double hi) {
    return {{"type", "array"},
            {"prefixItems", {number_schema(lo, hi), number_schema(lo, hi)}},
            {"items", false},
            {"minItems", 2}};
}

json numbers(double lo, double hi, int min_items) {
    return {{"type", "array"}, {"items", number_schema(lo, hi)}, {"minItems", min_items}};
}

json names(const std::vector<std::string>& v) { return {{"enum", v}}; }

std::string def_ref(const std::string& def) { return "#/$defs/" + def; }

// ---- cheats: effects per tap kind, triggers per device (its observables)

json value_effects(bool stream) {
    json alts = {{"scale", number_schema(-1e6, 1e6)},
                 {"scale_steps", numbers(-1e6, 1e6, 1)},
                 {"offset", number_schema(-1e6, 1e6)},
                 {"clamp", pair_of(-1e6, 1e6)},
                 {"stuck_at", number_schema(-1e6, 1e6)},
                 {"replace_series",
                  {{"type", "array"},
                   {"minItems", 1},
                   {"items",
                    {{"type", "array"},
                     {"prefixItems", {number_schema(0, 1e9), number_schema(-1e6, 1e6)}},
                     {"items", false},
                     {"minItems", 2}}}}},
                 {"replace_series_csv",
                  {{"type", "string"}, {"description", "CSV of t_s,value rows, relative to the scenario"}}},
                 {"noise_rms", number_schema(0, 1e6)}};
    if (stream) alts["delay_s"] = number_schema(0, 1.0);
    return one_key(alts);
}

json pulse_effects() {
    json drop = {{"type", "object"},
                 {"additionalProperties", false},
                 {"minProperties", 1},
                 {"maxProperties", 1},
                 {"properties",
                  {{"every_n", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000000}}},
                   {"fraction", number_schema(0, 1)}}}};
    json insert = {{"type", "object"},
                   {"additionalProperties", false},
                   {"properties",
                    {{"rate_hz", number_schema(0, 1e4)},
                     {"every_n", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000000}}},
                     {"burst", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}, {"default", 1}}}}},
                   {"oneOf", {{{"required", {"rate_hz"}}}, {{"required", {"every_n"}}}}}};
    return one_key({{"drop_pulses", drop}, {"insert_pulses", insert}});
}

json command_effects(const std::vector<std::string>& registers) {
    json w = {{"type", "object"},
              {"additionalProperties", false},
              {"required", {"reg", "factor"}},
              {"properties",
               {{"reg", names(registers)},
                {"factor", number_schema(0, 100)},
                {"path", {{"enum", {"logged", "hidden", "direct"}}, {"default", "logged"}}}}}};
    return one_key({{"write_register", w}});
}

json trigger_schema(const device_decl& d, const std::string& self) {
    std::vector<std::string> obs;
    bool energy = false, thd = false;
    for (const auto& o : *d.observables) {
        obs.push_back(o.name);
        energy |= o.name == "energy_wh";
        thd |= o.name == "thd_pct";
    }
    json tr = {{"$ref", def_ref(self)}};
    json condition = {{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"observable"}},
                      {"properties",
                       {{"observable", names(obs)},
                        {"above", number_schema(-1e12, 1e12)},
                        {"below", number_schema(-1e12, 1e12)},
                        {"between", pair_of(-1e12, 1e12)}}},
                      {"oneOf", {{{"required", {"above"}}}, {{"required", {"below"}}}, {{"required", {"between"}}}}}};
    json commands = {{"type", "object"},
                     {"additionalProperties", false},
                     {"required", {"events_s"}},
                     {"properties",
                      {{"events_s", numbers(0, 1e12, 1)},
                       {"mode", {{"enum", {"toggle", "latch", "cycle"}}, {"default", "toggle"}}},
                       {"levels", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}}},
                       {"reset_on_power_cycle", {{"type", "boolean"}, {"default", false}}}}},
                     {"if", {{"properties", {{"mode", {{"const", "cycle"}}}}}, {"required", {"mode"}}}},
                     {"then", {{"required", {"levels"}}}},
                     {"else", {{"not", {{"required", {"levels"}}}}}}};
    json key_list = {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "string"}, {"minLength", 1}}}};
    json keys = {{"type", "object"},
                 {"additionalProperties", false},
                 {"required", {"sequence"}},
                 {"properties",
                  {{"sequence", key_list},
                   {"off_sequence", key_list},
                   {"mode", {{"enum", {"toggle", "latch"}}, {"default", "latch"}}},
                   {"reset_on_power_cycle", {{"type", "boolean"}, {"default", false}}}}}};
    json ia_props = {{"observable", names(obs)},
                     {"test_values", numbers(-1e9, 1e9, 1)},
                     {"grid_step", number_schema(0, 1e9)},
                     {"steady_s", number_schema(0, 1e6)},
                     {"tolerance_pct", number_schema(0, 50)},
                     {"tolerance", number_schema(0, 1e9)}};
    if (thd) ia_props["max_thd_pct"] = number_schema(0, 100);
    json with_observable = {
        {"required", {"observable"}},
        {"anyOf",
         {{{"required", {"test_values"}}},
          {{"required", {"grid_step"}}, {"properties", {{"grid_step", {{"exclusiveMinimum", 0}}}}}}}}};
    json inspection = {{"type", "object"}, {"additionalProperties", false}, {"properties", ia_props}};
    if (d.inspection) {  // without an observable: the device's own test values (no grid)
        const json neither = {
            {"not", {{"anyOf", json::array({{{"required", {"observable"}}}, {{"required", {"grid_step"}}}})}}}};
        inspection["anyOf"] = json::array({with_observable, neither});
    } else {
        inspection["allOf"] = json::array({with_observable});
    }
    json alts = {{"always", {{"const", true}}},
                 {"time_window_s", pair_of(0, 1e12)},
                 {"time_of_day_h", pair_of(0, 24)},
                 {"condition", condition},
                 {"commands", commands},
                 {"keys", keys},
                 {"inspection_aware", inspection},
                 {"all", {{"type", "array"}, {"minItems", 1}, {"items", tr}}},
                 {"any", {{"type", "array"}, {"minItems", 1}, {"items", tr}}},
                 {"not", tr},
                 {"latch", tr}};
    if (energy) alts["after_energy_wh"] = number_schema(0, 1e12);
    return one_key(alts);
}

// "effect.sample_stream" for the tap kind "sample stream"
std::string effect_def(std::string kind) {
    for (char& c : kind)
        if (c == ' ') c = '_';
    return "effect." + kind;
}

json cheat_schema(const device_decl& d, const std::string& trigger_def) {
    std::vector<std::string> taps;
    for (const auto& t : *d.taps) taps.push_back(t.name);
    json s = {{"type", "object"},
              {"additionalProperties", false},
              {"required", {"id", "label", "tap", "effect"}},
              {"properties",
               {{"id", {{"type", "string"}, {"minLength", 1}, {"description", "unique among the cheats"}}},
                {"label", names({"CHEAT", "THEFT", "TAMPER", "FAULT"})},
                {"tap", names(taps)},
                {"effect", {{"type", "object"}}},
                {"when", {{"$ref", def_ref(trigger_def)}}}}}};
    // the effects a tap takes follow its kind (defined once in $defs); a command channel's
    // write names one of that tap's registers
    json rules = json::array();
    std::map<std::string, std::vector<std::string>> by_kind;
    for (const auto& t : *d.taps) {
        if (t.kind == engine::tap_kind::command_channel) {
            rules.push_back({{"if", {{"properties", {{"tap", {{"const", t.name}}}}}, {"required", {"tap"}}}},
                             {"then", {{"properties", {{"effect", command_effects(t.registers)}}}}}});
            continue;
        }
        by_kind[engine::to_string(t.kind)].push_back(t.name);
    }
    for (const auto& [kind, names_of_kind] : by_kind)
        rules.push_back({{"if", {{"properties", {{"tap", {{"enum", names_of_kind}}}}}, {"required", {"tap"}}}},
                         {"then", {{"properties", {{"effect", {{"$ref", def_ref(effect_def(kind))}}}}}}}});
    s["allOf"] = rules;
    return s;
}

// The processes of a drift (the same for every device).
json drift_process() {
    return one_key({{"constant", number_schema(-1, 1)},
                    {"linear_per_year", number_schema(-1, 1)},
                    {"sqrt_per_sqrt_year", number_schema(-1, 1)},
                    {"random_walk_per_sqrt_year", number_schema(0, 1)},
                    {"exp_settle",
                     {{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"amplitude", "tau_years"}},
                      {"properties", {{"amplitude", number_schema(-1, 1)}, {"tau_years", number_schema(1e-9, 1e3)}}}}},
                    {"arrhenius",
                     {{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"rate_per_year"}},
                      {"properties",
                       {{"rate_per_year", number_schema(-1, 1)},
                        {"ea_ev", {{"type", "number"}, {"minimum", 0.05}, {"maximum", 3}, {"default", 0.7}}},
                        {"ref_c", {{"type", "number"}, {"minimum", -60}, {"maximum", 200}, {"default", 25}}}}}}},
                    {"tempco",
                     {{"type", "object"},
                      {"additionalProperties", false},
                      {"required", {"ppm_per_k"}},
                      {"properties",
                       {{"ppm_per_k", number_schema(-1e5, 1e5)},
                        {"ref_c", {{"type", "number"}, {"minimum", -60}, {"maximum", 200}, {"default", 23}}}}}}}});
}

json drift_schema(const device_decl& d) {
    std::vector<std::string> params;
    for (const auto& p : *d.driftables) params.push_back(p.name);
    return {{"type", "object"},
            {"additionalProperties", false},
            {"required", {"id", "param", "process"}},
            {"properties",
             {{"id", {{"type", "string"}, {"minLength", 1}, {"description", "unique among the drifts"}}},
              {"param", names(params)},
              {"label", {{"enum", {"DRIFT", "FAULT"}}, {"default", "DRIFT"}}},
              {"process", {{"$ref", def_ref("drift.process")}}}}}};
}

// A procedure of a family: `standard`, `tests`, `points`, `options` and each standard's other keys.
json procedure_schema(const family_decl& fam) {
    std::vector<std::string> ids;
    json branches = json::array();
    for (const auto& s : fam.standards) {
        if (s.stimulus) continue;
        ids.push_back(s.id);
        json then = {
            {"properties", {{"tests", string_set(s.tests)}, {"options", merged_tables({fam.lab_options, s.options})}}}};
        if (s.inputs) {
            const json in = merged_tables({s.inputs});
            for (auto it = in.at("properties").begin(); it != in.at("properties").end(); ++it)
                then["properties"][it.key()] = it.value();
            if (in.contains("required")) then["required"] = in.at("required");
            if (in.contains("allOf")) then["allOf"] = in.at("allOf");
        }
        branches.push_back(
            {{"if", {{"properties", {{"standard", {{"const", s.id}}}}}, {"required", {"standard"}}}}, {"then", then}});
    }
    return {{"type", "object"},
            {"required", {"standard"}},
            {"properties",
             {{"standard", {{"enum", ids}, {"description", "the standard the procedure follows (hilbench list)"}}},
              {"tests", string_set({})},
              {"points", string_set({})},
              {"after_days",
               {{"type", "number"},
                {"minimum", 0},
                {"maximum", 36525},
                {"description",
                 "the procedure takes place this many days into service after the first (a re-verification): the "
                 "device's drifts have aged by it, a cheat's setting has not; its points' ids end in _d<days> and "
                 "carry the condition after_days"}}},
              {"options", {{"type", "object"}}}}},
            {"allOf", branches},
            {"unevaluatedProperties", false}};
}

json is_device(const std::string& type) {
    return {{"properties", {{"device", {{"properties", {{"type", {{"const", type}}}}}, {"required", {"type"}}}}}},
            {"required", {"device"}}};
}

}  // namespace

nlohmann::json table_schema(const param_table& t) { return merged_tables({&t}); }

nlohmann::json scenario_schema(const catalogue& cat) {
    json defs = json::object();
    for (auto k : {engine::tap_kind::parameter, engine::tap_kind::display_value, engine::tap_kind::sample_stream})
        defs[effect_def(engine::to_string(k))] = value_effects(k == engine::tap_kind::sample_stream);
    defs[effect_def(engine::to_string(engine::tap_kind::pulse_train))] = pulse_effects();
    defs["drift.process"] = drift_process();
    std::vector<std::string> types, fidelities;
    json per_type = json::array();
    std::set<std::string> families_done;
    for (const auto& fam : cat.families) {
        defs[fam.name + ".environment"] = merged_tables({&environment_table(), fam.environment});
        defs[fam.name + ".procedure"] = procedure_schema(fam);
    }
    for (const auto& fam : cat.families) {
        for (const auto& d : fam.devices) {
            types.push_back(d.name);
            for (const auto& f : d.fidelities)
                if (std::find(fidelities.begin(), fidelities.end(), f) == fidelities.end()) fidelities.push_back(f);
            defs[d.name + ".params"] = table_schema(*d.params);
            defs[d.name + ".trigger"] = trigger_schema(d, d.name + ".trigger");
            defs[d.name + ".cheat"] = cheat_schema(d, d.name + ".trigger");
            defs[d.name + ".drift"] = drift_schema(d);
            const standard_decl* stim = fam.stimulus();
            json props = {
                {"device",
                 {{"properties",
                   {{"fidelity", names(d.fidelities)}, {"params", {{"$ref", def_ref(d.name + ".params")}}}}}}},
                {"environment", {{"$ref", def_ref(d.family + ".environment")}}},
                {"procedure", {{"$ref", def_ref(d.family + ".procedure")}}},
                {"procedures", {{"items", {{"$ref", def_ref(d.family + ".procedure")}}}}},
                {"stimulus", stim && stim->inputs ? table_schema(*stim->inputs) : json(false)},
                {"cheats", {{"items", {{"$ref", def_ref(d.name + ".cheat")}}}}},
                {"drift", {{"items", {{"$ref", def_ref(d.name + ".drift")}}}}}};
            per_type.push_back({{"if", is_device(d.name)}, {"then", {{"properties", props}}}});
            // the marked class must be one of each selected standard's classes (standards with
            // the same classes share one rule)
            const param_info* cls = d.class_param.empty() ? nullptr : d.params->find(d.class_param);
            std::map<std::vector<std::string>, std::vector<std::string>> standards_by_classes;
            for (const auto& s : fam.standards)
                if (!s.classes.empty() && cls) standards_by_classes[s.classes].push_back(s.id);
            for (const auto& [classes, ids] : standards_by_classes) {
                const std::string def = cls->def ? std::get<std::string>(*cls->def) : "";
                json params = {{"properties", {{d.class_param, {{"enum", classes}}}}}};
                if (std::find(classes.begin(), classes.end(), def) == classes.end())
                    params["required"] = {d.class_param};
                const json standard = {{"properties", {{"standard", {{"enum", ids}}}}}};
                const json uses = {
                    {"anyOf",
                     {{{"properties", {{"procedure", standard}}}, {"required", {"procedure"}}},
                      {{"properties", {{"procedures", {{"contains", standard}}}}}, {"required", {"procedures"}}}}}};
                per_type.push_back({{"if", {{"allOf", {is_device(d.name), uses}}}},
                                    {"then", {{"properties", {{"device", {{"properties", {{"params", params}}}}}}}}}});
            }
        }
    }
    json expect = {{"type", "object"},
                   {"additionalProperties", false},
                   {"properties",
                    {{"verdict", names({"pass", "fail"})},
                     {"points",
                      {{"type", "object"},
                       {"additionalProperties", names({"pass", "fail"})},
                       {"description", "test point id -> expected verdict"}}},
                     {"labels",
                      {{"type", "object"},
                       {"additionalProperties", names({"CHEAT", "THEFT", "TAMPER", "FAULT", "DRIFT"})},
                       {"description", "exactly these cheat and drift ids appear, with these labels"}}},
                     {"audit",
                      {{"type", "object"},
                       {"additionalProperties", false},
                       {"properties", {{"contains", string_set({})}, {"lacks", string_set({})}}}}}}}};
    return {
        {"$schema", "https://json-schema.org/draft/2020-12/schema"},
        {"$id", "hilbench/scenario.schema.json"},
        {"title", "hilbench scenario"},
        {"description",
         "One run of hilbench: a device, its world, test procedures (or a free-running stimulus), "
         "outputs and the expected verdicts. Numbers are JSON numbers with the unit in the key; times in "
         "seconds. Generated by `hilbench schema` from the declarations; do not edit."},
        {"type", "object"},
        {"additionalProperties", false},
        {"required", {"schema_version", "name", "description", "seed", "device"}},
        {"oneOf", {{{"required", {"procedure"}}}, {{"required", {"procedures"}}}, {{"required", {"stimulus"}}}}},
        {"properties",
         {{"$schema", {{"type", "string"}, {"description", "path of this schema, for editors (ignored by hilbench)"}}},
          {"schema_version", {{"const", 1}}},
          {"name",
           {{"type", "string"},
            {"pattern", "^[a-z0-9_.-]{1,80}$"},
            {"description", "run name; also the default output directory out/<name>"}}},
          {"description", {{"type", "string"}, {"description", "which concept the scenario demonstrates"}}},
          {"seed",
           {{"type", "integer"},
            {"minimum", 0},
            {"maximum", 9007199254740991LL},
            {"description", "seed of every random process in the run"}}},
          {"device",
           {{"type", "object"},
            {"additionalProperties", false},
            {"required", {"type"}},
            {"properties",
             {{"type", {{"enum", types}, {"description", "device type (hilbench list)"}}},
              {"fidelity", {{"enum", fidelities}, {"default", "sample"}}},
              {"params",
               {{"type", "object"}, {"description", "the device type's parameters (hilbench describe <type>)"}}},
              {"identification", table_schema(identification_table())}}}}},
          {"environment", {{"type", "object"}}},
          {"procedure", {{"type", "object"}}},
          {"procedures", {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "object"}}}}},
          {"stimulus", {{"type", "object"}, {"description", "a free-running load profile instead of procedures"}}},
          {"cheats", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"drift", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"lab", table_schema(lab_table())},
          {"outputs", table_schema(outputs_table())},
          {"expect", expect}}},
        {"allOf", per_type},
        {"$defs", defs}};
}

}  // namespace hilbench::scenario
