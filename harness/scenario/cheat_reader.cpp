#include "harness/scenario/cheat_reader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <set>

#include "harness/scenario/csv.h"
#include "models/core/errors.h"

namespace hilbench::scenario {
namespace {

using engine::effect_spec;
using engine::tap_kind;
using engine::trigger_spec;

// The one key an object of alternatives carries ({"scale": 0.97}, {"time_of_day_h": [22, 6]}).
std::string one_key(json_reader& r, const std::vector<std::string>& allowed) {
    std::string want = "an object with exactly one of";
    for (std::size_t k = 0; k < allowed.size(); ++k) want += (k ? ", " : " ") + allowed[k];
    if (r.json().size() != 1) r.fail_here("expected " + want + ", got " + std::to_string(r.json().size()) + " keys");
    const std::string key = r.json().begin().key();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) r.finish(allowed);
    return key;
}

std::vector<double> number_list(json_reader& r, const std::string& key, double lo, double hi, std::size_t min_n) {
    const nlohmann::json& j = r.raw(key);
    const std::string ptr = r.child_pointer(key);
    if (!j.is_array() || j.size() < min_n)
        throw scenario_error(r.file(), ptr, "expected an array of at least " + std::to_string(min_n) + " numbers, got " +
                                                describe_json(j));
    std::vector<double> out;
    for (std::size_t k = 0; k < j.size(); ++k) out.push_back(checked_number(r.file(), ptr + "/" + std::to_string(k), j[k], lo, hi));
    return out;
}

std::pair<double, double> number_pair(json_reader& r, const std::string& key, double lo, double hi) {
    const nlohmann::json& j = r.raw(key);
    if (!j.is_array() || j.size() != 2) r.fail(key, "[number, number]", j);
    return {checked_number(r.file(), r.child_pointer(key) + "/0", j[0], lo, hi),
            checked_number(r.file(), r.child_pointer(key) + "/1", j[1], lo, hi)};
}

effect_spec read_effect(json_reader& r, const engine::tap_decl& decl, const std::string& scenario_path) {
    const tap_kind kind = decl.kind;
    const std::string& tap_name = decl.name;
    effect_spec e;
    std::vector<std::string> allowed;
    if (kind == tap_kind::pulse_train) allowed = {"drop_pulses", "insert_pulses"};
    else if (kind == tap_kind::command_channel) allowed = {"write_register"};
    else if (kind == tap_kind::sample_stream)
        allowed = {"scale", "scale_steps", "offset", "clamp", "stuck_at", "replace_series", "replace_series_csv",
                   "noise_rms", "delay_s"};
    else allowed = {"scale", "scale_steps", "offset", "clamp", "stuck_at", "replace_series", "replace_series_csv",
                    "noise_rms"};
    if (r.json().size() == 1 && std::find(allowed.begin(), allowed.end(), r.json().begin().key()) == allowed.end()) {
        std::string want;
        for (const auto& a : allowed) want += (want.empty() ? "" : ", ") + a;
        throw scenario_error(r.file(), r.child_pointer(r.json().begin().key()),
                             "expected an effect for the " + std::string(engine::to_string(kind)) + " tap '" + tap_name +
                                 "' (" + want + "), got '" + r.json().begin().key() + "'");
    }
    const std::string key = one_key(r, allowed);
    using ek = effect_spec::kind;
    if (key == "scale") { e.k = ek::scale; e.value = r.number("scale", -1e6, 1e6); }
    else if (key == "scale_steps") { e.k = ek::scale_steps; e.steps = number_list(r, key, -1e6, 1e6, 1); }
    else if (key == "offset") { e.k = ek::offset; e.value = r.number("offset", -1e6, 1e6); }
    else if (key == "stuck_at") { e.k = ek::stuck_at; e.value = r.number("stuck_at", -1e6, 1e6); }
    else if (key == "noise_rms") { e.k = ek::noise; e.rms = r.number("noise_rms", 0, 1e6); }
    else if (key == "delay_s") { e.k = ek::delay; e.delay_s = r.number("delay_s", 0, 1.0); }
    else if (key == "replace_series_csv") {
        // a CSV of t_s,value rows, relative to the scenario
        e.k = ek::replace_series;
        const std::string rel = r.string(key);
        const std::string path = (std::filesystem::path(scenario_path).parent_path() / rel).string();
        if (rel.empty()) r.fail(key, "a CSV file of t_s,value rows", r.raw(key));
        e.series = parse_series_csv(read_file(path, "replacement series CSV"), path);
    }
    else if (key == "clamp") {
        e.k = ek::clamp;
        std::tie(e.lo, e.hi) = number_pair(r, "clamp", -1e6, 1e6);
        if (e.lo > e.hi) r.fail("clamp", "[low, high] with low <= high", r.json().at("clamp"));
    } else if (key == "replace_series") {
        e.k = ek::replace_series;
        const nlohmann::json& j = r.raw("replace_series");
        const std::string ptr = r.child_pointer("replace_series");
        if (!j.is_array() || j.empty()) r.fail("replace_series", "non-empty array of [t_s, value]", j);
        for (std::size_t k = 0; k < j.size(); ++k) {
            const std::string p = ptr + "/" + std::to_string(k);
            if (!j[k].is_array() || j[k].size() != 2)
                throw scenario_error(r.file(), p, "expected [t_s, value], got " + describe_json(j[k]));
            const double t = checked_number(r.file(), p + "/0", j[k][0], 0, 1e9);
            if (!e.series.empty() && t <= e.series.back().first)
                throw scenario_error(r.file(), p + "/0", "expected a time after the previous point, got " + describe_json(j[k][0]));
            e.series.emplace_back(t, checked_number(r.file(), p + "/1", j[k][1], -1e6, 1e6));
        }
    } else if (key == "drop_pulses" || key == "insert_pulses") {
        json_reader d = r.object(key);
        e.k = key == "drop_pulses" ? ek::drop_pulses : ek::insert_pulses;
        if (key == "drop_pulses") {
            const std::string how = one_key(d, {"every_n", "fraction"});
            if (how == "every_n") e.every_n = static_cast<int>(d.integer("every_n", 1, 1000000));
            else e.fraction = d.number("fraction", 0, 1);
        } else {
            if (d.has("rate_hz") == d.has("every_n"))
                d.fail_here("expected exactly one of rate_hz, every_n");
            e.rate_hz = d.number("rate_hz", 0, 0, 1e4);
            e.every_n = static_cast<int>(d.integer("every_n", 0, 1, 1000000));
            e.burst = static_cast<int>(d.integer("burst", 1, 1, 1000));
            d.finish({"rate_hz", "every_n", "burst"});
        }
    } else {
        json_reader w = r.object("write_register");
        e.k = ek::write_register;
        e.reg = w.choice("reg", decl.registers);
        e.value = w.number("factor", 0, 100);
        e.path = w.choice("path", "logged", {"logged", "hidden", "direct"});
        w.finish({"reg", "factor", "path"});
    }
    return e;
}

using observable_list = std::vector<engine::observable_decl>;

trigger_spec read_trigger(json_reader& r, const scenario& sc, const device_decl& dev);

int observable_index(json_reader& r, const std::string& key, const observable_list& obs) {
    std::vector<std::string> names;
    for (const auto& o : obs) names.push_back(o.name);
    const std::string name = r.choice(key, names);
    return int(std::find(names.begin(), names.end(), name) - names.begin());
}

int find_observable(const observable_list& obs, const std::string& name) {
    for (std::size_t k = 0; k < obs.size(); ++k)
        if (obs[k].name == name) return int(k);
    return -1;
}

std::vector<std::string> key_list(json_reader& r, const std::string& key) {
    const nlohmann::json& j = r.raw(key);
    const std::string ptr = r.child_pointer(key);
    if (!j.is_array() || j.empty()) throw scenario_error(r.file(), ptr, "expected a non-empty array of key names, got " + describe_json(j));
    std::vector<std::string> out;
    for (std::size_t k = 0; k < j.size(); ++k) {
        if (!j[k].is_string() || j[k].get<std::string>().empty())
            throw scenario_error(r.file(), ptr + "/" + std::to_string(k), "expected a key name, got " + describe_json(j[k]));
        out.push_back(j[k].get<std::string>());
    }
    return out;
}

std::vector<trigger_spec> read_trigger_list(json_reader& r, const std::string& key, const scenario& sc,
                                            const device_decl& dev) {
    const nlohmann::json& j = r.raw(key);
    const std::string ptr = r.child_pointer(key);
    if (!j.is_array() || j.empty()) throw scenario_error(r.file(), ptr, "expected a non-empty array of triggers, got " + describe_json(j));
    std::vector<trigger_spec> out;
    for (std::size_t k = 0; k < j.size(); ++k) {
        json_reader c(r.file(), ptr + "/" + std::to_string(k), j[k]);
        out.push_back(read_trigger(c, sc, dev));
    }
    return out;
}

trigger_spec read_trigger(json_reader& r, const scenario& sc, const device_decl& dev) {
    const observable_list& obs = *dev.observables;
    trigger_spec t;
    using tk = trigger_spec::kind;
    const std::string key = one_key(r, {"always", "time_window_s", "time_of_day_h", "after_energy_wh", "condition",
                                        "commands", "keys", "inspection_aware", "all", "any", "not", "latch"});
    if (key == "always") {
        if (!r.raw("always").is_boolean() || !r.raw("always").get<bool>()) r.fail("always", "true", r.raw("always"));
        t.k = tk::always;
    } else if (key == "time_window_s") {
        t.k = tk::time_window;
        std::tie(t.t0_s, t.t1_s) = number_pair(r, key, 0, 1e12);
        if (t.t1_s <= t.t0_s) r.fail(key, "[start_s, end_s] with end after start", r.raw(key));
    } else if (key == "time_of_day_h") {
        t.k = tk::time_of_day;
        std::tie(t.from_h, t.to_h) = number_pair(r, key, 0, 24);
    } else if (key == "after_energy_wh") {
        t.k = tk::after_energy;
        t.observable_index = find_observable(obs, "energy_wh");
        if (t.observable_index < 0) r.fail(key, "a trigger this device offers (it measures no energy)", r.raw(key));
        t.energy_wh = r.number(key, 0, 1e12);
    } else if (key == "condition") {
        json_reader c = r.object(key);
        t.k = tk::condition;
        t.observable_index = observable_index(c, "observable", obs);
        t.observable = obs[std::size_t(t.observable_index)].name;
        const int ops = int(c.has("above")) + int(c.has("below")) + int(c.has("between"));
        if (ops != 1) c.fail_here("expected exactly one of above, below, between, got " + std::to_string(ops));
        if (c.has("above")) {
            t.op = "above";
            t.value = c.number("above", -1e12, 1e12);
        } else if (c.has("below")) {
            t.op = "below";
            t.value = c.number("below", -1e12, 1e12);
        } else {
            t.op = "between";
            std::tie(t.value, t.value2) = number_pair(c, "between", -1e12, 1e12);
        }
        c.finish({"observable", "above", "below", "between"});
    } else if (key == "commands") {
        json_reader c = r.object(key);
        t.k = tk::commands;
        t.events_s = number_list(c, "events_s", 0, 1e12, 1);
        for (std::size_t k = 1; k < t.events_s.size(); ++k)
            if (t.events_s[k] <= t.events_s[k - 1])
                throw scenario_error(c.file(), c.child_pointer("events_s") + "/" + std::to_string(k), "expected times in increasing order");
        const std::string mode = c.choice("mode", "toggle", {"toggle", "latch", "cycle"});
        t.toggle = mode == "toggle";
        if (mode == "cycle") t.levels = static_cast<int>(c.integer("levels", 1, 100));
        t.reset_on_power_cycle = c.boolean("reset_on_power_cycle", false);
        c.finish({"events_s", "mode", "levels", "reset_on_power_cycle"});
    } else if (key == "keys") {
        // a key sequence typed on the device's keyboard (hidden cheat codes)
        json_reader c = r.object(key);
        t.k = tk::keys;
        t.keys = key_list(c, "sequence");
        if (c.has("off_sequence")) t.off_keys = key_list(c, "off_sequence");
        t.toggle = c.choice("mode", "latch", {"toggle", "latch"}) == "toggle";
        t.reset_on_power_cycle = c.boolean("reset_on_power_cycle", false);
        c.finish({"sequence", "off_sequence", "mode", "reset_on_power_cycle"});
    } else if (key == "inspection_aware") {
        json_reader c = r.object(key);
        t.k = tk::inspection_aware;
        if (c.has("observable")) {
            t.observable_index = observable_index(c, "observable", obs);
            if (c.has("test_values")) t.test_values = number_list(c, "test_values", -1e9, 1e9, 1);
            t.grid_step = c.number("grid_step", 0, 0, 1e9);
            if (t.test_values.empty() && t.grid_step <= 0)
                c.fail_here("expected test_values or a grid_step > 0 for the observable");
        } else if (const auto def = dev.inspection ? dev.inspection(sc.device.params) : std::nullopt) {
            // the device's default: its standard test values of its default observable
            t.observable_index = find_observable(obs, def->observable);
            HB_ASSERT(t.observable_index >= 0, "inspection default names an undeclared observable " + def->observable);
            t.test_values = c.has("test_values") ? number_list(c, "test_values", -1e9, 1e9, 1) : def->test_values;
        } else {
            c.fail_here("expected an 'observable' for this device");
        }
        t.steady_s = c.number("steady_s", 10, 0, 1e6);
        t.tolerance_pct = c.number("tolerance_pct", 1, 0, 50);
        t.tolerance_abs = c.number("tolerance", 0, 0, 1e9);
        t.clean_index = find_observable(obs, "thd_pct");
        if (t.clean_index >= 0) t.max_clean = c.number("max_thd_pct", 1, 0, 100);
        c.finish({"observable", "test_values", "grid_step", "steady_s", "tolerance_pct", "tolerance", "max_thd_pct"});
    } else if (key == "all" || key == "any") {
        t.k = key == "all" ? tk::all : tk::any;
        t.children = read_trigger_list(r, key, sc, dev);
    } else {
        t.k = key == "not" ? tk::negate : tk::latch;
        json_reader c = r.object(key);
        t.children.push_back(read_trigger(c, sc, dev));
    }
    return t;
}

}  // namespace

void read_cheats(json_reader& top, scenario& sc, const device_decl& dev) {
    const std::vector<engine::tap_decl>& taps = *dev.taps;
    if (!top.has("cheats")) return;
    const nlohmann::json& j = top.raw("cheats");
    if (!j.is_array()) top.fail("cheats", "array", j);
    std::set<std::string> ids;
    error_collector errors;  // every cheat's errors
    for (std::size_t k = 0; k < j.size(); ++k) errors.attempt([&] {
        json_reader c(top.file(), "/cheats/" + std::to_string(k), j[k]);
        engine::cheat_spec spec;
        spec.id = c.string("id");
        if (spec.id.empty() || !ids.insert(spec.id).second) c.fail("id", "a unique, non-empty id", c.raw("id"));
        spec.label = c.choice("label", {"CHEAT", "THEFT", "TAMPER", "FAULT"});
        std::vector<std::string> names;
        for (const auto& t : taps) names.push_back(t.name);
        spec.tap = c.choice("tap", names);
        const auto& decl = *std::find_if(taps.begin(), taps.end(), [&](const auto& t) { return t.name == spec.tap; });
        json_reader e = c.object("effect");
        spec.effect = read_effect(e, decl, top.file());
        if (c.has("when")) {
            json_reader w = c.object("when");
            spec.when = read_trigger(w, sc, dev);
        }
        c.finish({"id", "label", "tap", "effect", "when"});
        sc.cheats.push_back(std::move(spec));
    });
    errors.raise();
}

void read_drift(json_reader& top, scenario& sc, const std::vector<engine::driftable_decl>& params) {
    if (!top.has("drift")) return;
    const nlohmann::json& j = top.raw("drift");
    if (!j.is_array()) top.fail("drift", "array", j);
    std::set<std::string> ids;
    error_collector errors;  // every drift's errors
    for (std::size_t k = 0; k < j.size(); ++k) errors.attempt([&] {
        json_reader d(top.file(), "/drift/" + std::to_string(k), j[k]);
        engine::drift_spec spec;
        spec.id = d.string("id");
        if (spec.id.empty() || !ids.insert(spec.id).second) d.fail("id", "a unique, non-empty id", d.raw("id"));
        std::vector<std::string> names;
        for (const auto& p : params) names.push_back(p.name);
        spec.param = d.choice("param", names);
        spec.label = d.choice("label", "DRIFT", {"DRIFT", "FAULT"});
        json_reader p = d.object("process");
        using dk = engine::drift_spec::kind;
        const std::string key = one_key(p, {"constant", "linear_per_year", "exp_settle", "sqrt_per_sqrt_year", "arrhenius",
                                            "tempco", "random_walk_per_sqrt_year"});
        if (key == "constant") { spec.k = dk::constant; spec.value = p.number(key, -1, 1); }
        else if (key == "linear_per_year") { spec.k = dk::linear; spec.rate_per_year = p.number(key, -1, 1); }
        else if (key == "sqrt_per_sqrt_year") { spec.k = dk::sqrt_aging; spec.coeff_per_sqrt_year = p.number(key, -1, 1); }
        else if (key == "random_walk_per_sqrt_year") { spec.k = dk::random_walk; spec.sigma_per_sqrt_year = p.number(key, 0, 1); }
        else {
            json_reader q = p.object(key);
            if (key == "exp_settle") {
                spec.k = dk::exp_settle;
                spec.amplitude = q.number("amplitude", -1, 1);
                spec.tau_years = q.number("tau_years", 1e-9, 1e3);
                q.finish({"amplitude", "tau_years"});
            } else if (key == "arrhenius") {
                spec.k = dk::arrhenius;
                spec.rate_per_year = q.number("rate_per_year", -1, 1);
                spec.ea_ev = q.number("ea_ev", 0.7, 0.05, 3);
                spec.ref_c = q.number("ref_c", 25, -60, 200);
                q.finish({"rate_per_year", "ea_ev", "ref_c"});
            } else {
                spec.k = dk::tempco;
                spec.ppm_per_k = q.number("ppm_per_k", -1e5, 1e5);
                spec.ref_c = q.number("ref_c", 23, -60, 200);
                q.finish({"ppm_per_k", "ref_c"});
            }
        }
        d.finish({"id", "param", "label", "process"});
        sc.drift.push_back(std::move(spec));
    });
    errors.raise();
}

}  // namespace hilbench::scenario
