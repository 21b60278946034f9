#include "harness/scenario/scenario.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "harness/bench/registry.h"
#include "harness/procedures/procedure.h"
#include "harness/scenario/cheat_reader.h"
#include "harness/scenario/json_reader.h"
#include "models/core/errors.h"

namespace hilbench::scenario {
namespace {

constexpr std::size_t max_file_bytes = 16u << 20;

std::string read_file(const std::string& path, const std::string& what_for) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw scenario_error(path, "", "expected a readable " + what_for + " file, got " +
                                           (std::filesystem::exists(path, ec) ? "something that is not a regular file"
                                                                              : "no such file"));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw scenario_error(path, "", "expected a readable " + what_for + " file, got a file that cannot be opened");
    std::ostringstream os;
    os << in.rdbuf();
    std::string s = os.str();
    if (s.size() > max_file_bytes)
        throw scenario_error(path, "", "expected a " + what_for + " file of at most 16 MiB, got " + std::to_string(s.size()) + " bytes");
    return s;
}

// line and column (1-based) of a byte offset
std::string line_col(const std::string& text, std::size_t byte) {
    std::size_t line = 1, col = 1;
    for (std::size_t k = 0; k < text.size() && k + 1 < byte; ++k) {
        if (text[k] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return std::to_string(line) + ":" + std::to_string(col);
}

void read_params(json_reader& dev, const bench::device_type& type, device_spec& out) {
    if (!dev.has("params")) {
        out.resolved = type.params->resolve({});
        return;
    }
    const nlohmann::json& j = dev.raw("params");
    const std::string base = dev.child_pointer("params");
    if (!j.is_object()) throw scenario_error(dev.file(), base, "expected object, got " + describe_json(j));
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string ptr = base + "/" + pointer_escape(it.key());
        const param_info* info = type.params->find(it.key());
        if (!info) {
            const std::string near = type.params->nearest(it.key());
            throw scenario_error(dev.file(), ptr,
                                 "unknown key '" + it.key() + "'" + (near.empty() ? "" : " (did you mean '" + near + "'?)") +
                                     "; `hilbench describe " + type.name + "` lists the parameters");
        }
        const nlohmann::json& v = it.value();
        switch (info->k) {
        case param_info::kind::number:
            out.params[info->name] = checked_number(dev.file(), ptr, v, info->min, info->max);
            break;
        case param_info::kind::integer: {
            const double x = checked_number(dev.file(), ptr, v, info->min, info->max);
            if (x != std::floor(x))
                throw scenario_error(dev.file(), ptr, "expected integer, got " + describe_json(v));
            out.params[info->name] = x;
            break;
        }
        case param_info::kind::choice: {
            std::string want = "one of";
            for (std::size_t k = 0; k < info->choices.size(); ++k)
                want += (k ? ", " : " ") + nlohmann::json(info->choices[k]).dump();
            if (!v.is_string() || std::find(info->choices.begin(), info->choices.end(), v.get<std::string>()) ==
                                      info->choices.end())
                throw scenario_error(dev.file(), ptr, "expected " + want + ", got " + describe_json(v));
            out.params[info->name] = v.get<std::string>();
            break;
        }
        case param_info::kind::boolean:
            if (!v.is_boolean()) throw scenario_error(dev.file(), ptr, "expected boolean, got " + describe_json(v));
            out.params[info->name] = v.get<bool>();
            break;
        }
    }
    out.resolved = type.params->resolve(out.params);
}

std::vector<std::string> string_list(json_reader& r, const std::string& key, const std::vector<std::string>& allowed) {
    std::vector<std::string> out;
    if (!r.has(key)) return out;
    const nlohmann::json& j = r.raw(key);
    const std::string base = r.child_pointer(key);
    if (!j.is_array()) throw scenario_error(r.file(), base, "expected array of strings, got " + describe_json(j));
    std::string want = "one of";
    for (std::size_t k = 0; k < allowed.size(); ++k) want += (k ? ", " : " ") + nlohmann::json(allowed[k]).dump();
    for (std::size_t k = 0; k < j.size(); ++k) {
        const std::string ptr = base + "/" + std::to_string(k);
        const nlohmann::json& v = j.at(k);
        if (!v.is_string()) throw scenario_error(r.file(), ptr, "expected string, got " + describe_json(v));
        const std::string s = v.get<std::string>();
        if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), s) == allowed.end())
            throw scenario_error(r.file(), ptr, "expected " + want + ", got " + describe_json(v));
        if (std::find(out.begin(), out.end(), s) != out.end())
            throw scenario_error(r.file(), ptr, "expected each entry once, got " + describe_json(v) + " again");
        out.push_back(s);
    }
    return out;
}

// [[t_s, value], ...] with increasing times, values in [lo, hi]
std::vector<std::pair<double, double>> read_points(json_reader& env, const std::string& key, double lo, double hi) {
    std::vector<std::pair<double, double>> out;
    if (!env.has(key)) return out;
    const nlohmann::json& j = env.raw(key);
    const std::string base = env.child_pointer(key);
    if (!j.is_array() || j.empty())
        throw scenario_error(env.file(), base, "expected non-empty array of [t_s, " + key + "] pairs, got " + describe_json(j));
    for (std::size_t k = 0; k < j.size(); ++k) {
        const std::string ptr = base + "/" + std::to_string(k);
        const nlohmann::json& p = j.at(k);
        if (!p.is_array() || p.size() != 2)
            throw scenario_error(env.file(), ptr, "expected [t_s, " + key + "], got " + describe_json(p));
        const double t = checked_number(env.file(), ptr + "/0", p.at(0), 0, 1e9);
        const double v = checked_number(env.file(), ptr + "/1", p.at(1), lo, hi);
        if (!out.empty() && t <= out.back().first)
            throw scenario_error(env.file(), ptr + "/0",
                                 "expected a time after " + std::to_string(out.back().first) + " s, got " + describe_json(p.at(0)));
        out.emplace_back(t, v);
    }
    return out;
}

std::vector<temperature_point> read_temperature(json_reader& env) {
    std::vector<temperature_point> out;
    for (const auto& [t, c] : read_points(env, "temperature_c", -60, 100)) out.push_back({t, c});
    return out;
}

void read_options(json_reader& proc, procedure_options& o, const std::string& family) {
    if (!proc.has("options")) return;
    json_reader r = proc.object("options");
    o.settle_s = r.number("settle_s", o.settle_s, 0.2, 600);
    if (family == "scale") {
        o.weight_class = r.choice("weight_class", o.weight_class, {"F1", "F2", "M1", "M2", "M3"});
        o.repeatability_count = static_cast<int>(r.integer("repeatability_count", o.repeatability_count, 2, 50));
        o.soak_s = r.number("soak_s", o.soak_s, 0, 86400);
        o.in_service = r.boolean("in_service", o.in_service);
        o.price_rounding = r.choice("price_rounding", o.price_rounding, {"half_up", "half_even", "down", "up"});
        o.audit_loads = static_cast<int>(r.integer("audit_loads", o.audit_loads, 1, 1000));
        o.audit_min_fraction = r.number("audit_min_fraction", o.audit_min_fraction, 0.001, 1);
        o.audit_max_fraction = r.number("audit_max_fraction", o.audit_max_fraction, 0.001, 1);
        if (o.audit_max_fraction < o.audit_min_fraction)
            r.fail("audit_max_fraction", "a fraction not below audit_min_fraction", r.raw("audit_max_fraction"));
        o.reference_balance_g = r.number("reference_balance_g", o.reference_balance_g, 0, 1000);
        r.finish({"settle_s", "weight_class", "repeatability_count", "soak_s", "in_service", "price_rounding",
                  "audit_loads", "audit_min_fraction", "audit_max_fraction", "reference_balance_g"});
        return;
    }
    o.readings = static_cast<int>(r.integer("readings", o.readings, 1, 50));
    o.min_gate_s = r.number("min_gate_s", o.min_gate_s, 0.1, 3600);
    o.reference_class_pct = r.number("reference_class_pct", o.reference_class_pct, 0.001, 2);
    o.reference_constant_imp_per_kwh = r.number("reference_constant_imp_per_kwh", o.reference_constant_imp_per_kwh, 1e3, 1e12);
    o.starting_time_factor = r.number("starting_time_factor", o.starting_time_factor, 1, 20);
    o.no_load_time_factor = r.number("no_load_time_factor", o.no_load_time_factor, 0.01, 20);
    o.register_digits = static_cast<int>(r.integer("register_digits", o.register_digits, 2, 1000000));
    o.timeout_factor = r.number("timeout_factor", o.timeout_factor, 1.5, 100);
    r.finish({"readings", "min_gate_s", "settle_s", "reference_class_pct", "reference_constant_imp_per_kwh",
              "starting_time_factor", "no_load_time_factor", "register_digits", "timeout_factor"});
}

std::vector<audit_action> read_actions(json_reader& proc) {
    std::vector<audit_action> out;
    const nlohmann::json& j = proc.raw("actions");
    const std::string ptr = proc.child_pointer("actions");
    if (!j.is_array()) throw scenario_error(proc.file(), ptr, "expected an array of actions, got " + describe_json(j));
    for (std::size_t k = 0; k < j.size(); ++k) {
        json_reader a(proc.file(), ptr + "/" + std::to_string(k), j[k]);
        audit_action act;
        act.before_load = static_cast<int>(a.integer("before_load", 0, 1000));
        if (a.has("keys")) {
            const nlohmann::json& keys = a.raw("keys");
            if (!keys.is_array() || keys.empty()) a.fail("keys", "a non-empty array of key names", keys);
            for (std::size_t i = 0; i < keys.size(); ++i) {
                if (!keys[i].is_string() || keys[i].get<std::string>().empty())
                    throw scenario_error(a.file(), a.child_pointer("keys") + "/" + std::to_string(i),
                                         "expected a key name, got " + describe_json(keys[i]));
                act.keys.push_back(keys[i].get<std::string>());
            }
        }
        act.power_cycle = a.boolean("power_cycle", false);
        if (act.keys.empty() && !act.power_cycle) a.fail_here("expected keys or power_cycle: true");
        a.finish({"before_load", "keys", "power_cycle"});
        out.push_back(std::move(act));
    }
    return out;
}

ac_line_state read_step_state(json_reader& r, const ac_line_state& base) {
    ac_line_state s = base;
    s.voltage_v = r.number("voltage_v", base.voltage_v, 0, 1000);
    s.current_a = r.number("current_a", base.current_a, 0, 1000);
    s.phase_deg = r.number("phase_deg", base.phase_deg, -180, 180);
    s.freq_hz = r.number("freq_hz", base.freq_hz, 40, 70);
    if (r.has("harmonics")) {
        s.harmonics.clear();
        const nlohmann::json& j = r.raw("harmonics");
        const std::string base_ptr = r.child_pointer("harmonics");
        if (!j.is_array()) throw scenario_error(r.file(), base_ptr, "expected array, got " + describe_json(j));
        for (std::size_t k = 0; k < j.size(); ++k) {
            json_reader h(r.file(), base_ptr + "/" + std::to_string(k), j.at(k));
            harmonic hh;
            hh.order = static_cast<int>(h.integer("order", 2, 50));
            hh.voltage_pct = h.number("voltage_pct", 0, 0, 100);
            hh.current_pct = h.number("current_pct", 0, 0, 200);
            hh.voltage_phase_deg = h.number("voltage_phase_deg", 0, -360, 360);
            hh.current_phase_deg = h.number("current_phase_deg", 0, -360, 360);
            h.finish({"order", "voltage_pct", "current_pct", "voltage_phase_deg", "current_phase_deg"});
            s.harmonics.push_back(hh);
        }
    }
    return s;
}

void read_stimulus(json_reader& top, scenario& sc) {
    json_reader r = top.object("stimulus");
    stimulus_spec& st = sc.stimulus;
    st.duration_s = r.number("duration_s", 0.1, 1e7);
    st.sample_period_s = r.number("sample_period_s", 1, 0.01, 3600);
    ac_line_state base;
    base.voltage_v = get_number(sc.device.resolved, "voltage_v");
    base.freq_hz = get_number(sc.device.resolved, "freq_hz");
    base.current_a = 0;
    if (r.has("profile") == r.has("profile_csv"))
        r.fail_here("expected exactly one of 'profile' and 'profile_csv', got " +
                    std::string(r.has("profile") ? "both" : "neither"));
    if (r.has("profile")) {
        const nlohmann::json& j = r.raw("profile");
        const std::string ptr = r.child_pointer("profile");
        if (!j.is_array() || j.empty()) throw scenario_error(r.file(), ptr, "expected non-empty array of steps, got " + describe_json(j));
        for (std::size_t k = 0; k < j.size(); ++k) {
            json_reader s(r.file(), ptr + "/" + std::to_string(k), j.at(k));
            profile_step step;
            step.t_s = s.number("t_s", 0, 1e7);
            if (!st.profile.empty() && step.t_s <= st.profile.back().t_s)
                throw scenario_error(r.file(), s.child_pointer("t_s"), "expected a time after the previous step, got " +
                                                                           describe_json(s.json().at("t_s")));
            if (st.profile.empty() && step.t_s != 0)
                throw scenario_error(r.file(), s.child_pointer("t_s"), "expected 0 for the first step, got " +
                                                                           describe_json(s.json().at("t_s")));
            step.state = read_step_state(s, st.profile.empty() ? base : st.profile.back().state);
            s.finish({"t_s", "voltage_v", "current_a", "phase_deg", "freq_hz", "harmonics"});
            st.profile.push_back(step);
        }
    } else {
        st.profile_csv = r.string("profile_csv");
        const std::filesystem::path p = std::filesystem::path(sc.path).parent_path() / st.profile_csv;
        st.profile = load_profile_csv(p.string(), base);
    }
    r.finish({"duration_s", "sample_period_s", "profile", "profile_csv"});
}

void read_procedure(json_reader& proc, scenario& sc, procedure_spec& spec) {
    std::vector<std::string> ids;
    for (const auto& s : procedures::standards()) ids.push_back(s.id);
    spec.standard = proc.choice("standard", ids);
    const procedures::standard_info& info = *procedures::find_standard(spec.standard);
    const bench::device_type& type = *bench::find_device_type(sc.device.type);
    if (info.device_family != type.family)
        throw scenario_error(proc.file(), proc.child_pointer("standard"),
                             "expected a standard for a " + type.family + " (device " + type.name + "), got " +
                                 nlohmann::json(spec.standard).dump() + ", a " + info.device_family + " standard");
    const std::string cls = get_choice(sc.device.resolved, "accuracy_class");
    if (std::find(info.classes.begin(), info.classes.end(), cls) == info.classes.end()) {
        std::string want = "one of";
        for (std::size_t k = 0; k < info.classes.size(); ++k) want += (k ? ", " : " ") + nlohmann::json(info.classes[k]).dump();
        throw scenario_error(proc.file(), sc.device.params.count("accuracy_class") ? "/device/params/accuracy_class" : proc.child_pointer("standard"),
                             "expected an accuracy class of " + spec.standard + " (" + want + "), got " + nlohmann::json(cls).dump());
    }
    spec.tests = string_list(proc, "tests", info.tests);
    read_options(proc, spec.options, type.family);
    spec.points = string_list(proc, "points", {});
    if (spec.standard == "market-audit" && proc.has("actions")) spec.actions = read_actions(proc);
    if (spec.standard == "field-audit") {
        json_reader prof = proc.object("profile");
        const std::string csv = prof.string("csv");
        spec.profile_csv = (std::filesystem::path(sc.path).parent_path() / csv).string();
        spec.profile_duration_s = prof.number("duration_s", 60, 1e7);
        prof.finish({"csv", "duration_s"});
        ac_line_state base;
        base.voltage_v = get_number(sc.device.resolved, "voltage_v");
        base.freq_hz = get_number(sc.device.resolved, "freq_hz");
        spec.profile = load_profile_csv(spec.profile_csv, base);
        proc.finish({"standard", "tests", "points", "options", "profile"});
    } else if (spec.standard == "market-audit") {
        proc.finish({"standard", "tests", "points", "options", "actions"});
    } else {
        proc.finish({"standard", "tests", "points", "options"});
    }
}

}  // namespace

std::string sha256_hex(const std::string& data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int k = 0; k < len; ++k) {
        out += hex[md[k] >> 4];
        out += hex[md[k] & 15];
    }
    return out;
}

std::vector<profile_step> load_profile_csv(const std::string& path, const ac_line_state& base) {
    const std::string text = read_file(path, "load profile CSV");
    std::istringstream in(text);
    std::string line;
    std::size_t lineno = 0;
    std::vector<std::string> header;
    std::vector<profile_step> out;
    auto split = [](const std::string& s) {
        std::vector<std::string> f;
        std::string cur;
        for (char c : s) {
            if (c == ',') {
                f.push_back(cur);
                cur.clear();
            } else if (c != '\r') {
                cur += c;
            }
        }
        f.push_back(cur);
        return f;
    };
    const std::vector<std::string> known = {"t_s", "voltage_v", "current_a", "phase_deg", "freq_hz",
                                            "h3_pct", "h5_pct", "h7_pct", "h9_pct", "h11_pct"};
    while (std::getline(in, line)) {
        ++lineno;
        if (line.empty() || line[0] == '#') continue;
        const std::vector<std::string> f = split(line);
        const std::string where = path + ":" + std::to_string(lineno);
        if (header.empty()) {
            header = f;
            if (header.empty() || header[0] != "t_s")
                throw scenario_error(where, "", "expected a header starting with t_s, got '" + line + "'");
            for (const auto& h : header)
                if (std::find(known.begin(), known.end(), h) == known.end())
                    throw scenario_error(where, "", "expected columns among t_s, voltage_v, current_a, phase_deg, freq_hz, "
                                                    "h3_pct .. h11_pct (odd current harmonics), got '" + h + "'");
            continue;
        }
        if (f.size() != header.size())
            throw scenario_error(where, "", "expected " + std::to_string(header.size()) + " columns, got " +
                                                std::to_string(f.size()) + " (truncated or malformed row)");
        profile_step step;
        step.state = out.empty() ? base : out.back().state;
        for (std::size_t k = 0; k < f.size(); ++k) {
            double v = 0;
            std::size_t used = 0;
            try {
                v = std::stod(f[k], &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used == 0 || used != f[k].size() || !std::isfinite(v))
                throw scenario_error(where, "", "expected a number in column " + header[k] + ", got '" + f[k] + "'");
            const std::string& h = header[k];
            auto range = [&](double lo, double hi) {
                if (v < lo || v > hi)
                    throw scenario_error(where, "", "expected " + h + " in [" + std::to_string(lo) + ", " +
                                                        std::to_string(hi) + "], got " + f[k]);
            };
            if (h == "t_s") { range(0, 1e7); step.t_s = v; }
            else if (h == "voltage_v") { range(0, 1000); step.state.voltage_v = v; }
            else if (h == "current_a") { range(0, 1000); step.state.current_a = v; }
            else if (h == "phase_deg") { range(-180, 180); step.state.phase_deg = v; }
            else if (h == "freq_hz") { range(40, 70); step.state.freq_hz = v; }
            else {  // hN_pct: an odd current harmonic in phase with the fundamental
                range(0, 200);
                const int order = std::stoi(h.substr(1));
                auto it = std::find_if(step.state.harmonics.begin(), step.state.harmonics.end(),
                                       [&](const harmonic& x) { return x.order == order; });
                if (it == step.state.harmonics.end()) {
                    step.state.harmonics.push_back({order, 0, 0, 0, 0});
                    it = std::prev(step.state.harmonics.end());
                }
                it->current_pct = v;
            }
        }
        if (out.empty() && step.t_s != 0) throw scenario_error(where, "", "expected the first row at t_s = 0, got " + std::to_string(step.t_s));
        if (!out.empty() && step.t_s <= out.back().t_s)
            throw scenario_error(where, "", "expected t_s after the previous row, got " + std::to_string(step.t_s));
        out.push_back(step);
    }
    if (out.empty()) throw scenario_error(path, "", "expected at least one data row, got none");
    return out;
}

scenario load(const std::string& path) { return parse(read_file(path, "scenario"), path); }

scenario parse(const std::string& text, const std::string& path) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        std::string what = e.what();
        const auto pos = what.find("syntax error");
        throw scenario_error(path + ":" + line_col(text, e.byte), "",
                             "expected valid JSON, got " + (pos == std::string::npos ? what : what.substr(pos)));
    }
    scenario sc;
    sc.path = path;
    sc.sha256 = sha256_hex(text);
    json_reader top(path, "", j);
    if (top.has("$schema")) top.string("$schema");  // for editors; not used
    sc.schema_version = static_cast<int>(top.integer("schema_version", 1, 1));
    sc.name = top.string("name");
    if (sc.name.empty() || sc.name.size() > 80 ||
        !std::all_of(sc.name.begin(), sc.name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        }))
        top.fail("name", "1 to 80 characters of a-z, 0-9, '-', '_', '.'", top.json().at("name"));
    sc.description = top.string("description");
    sc.seed = static_cast<uint64_t>(top.integer("seed", 0, 9007199254740991LL));

    // device
    {
        json_reader dev = top.object("device");
        std::vector<std::string> names;
        for (const auto& t : bench::device_types()) names.push_back(t.name);
        sc.device.type = dev.choice("type", names);
        const bench::device_type& type = *bench::find_device_type(sc.device.type);
        sc.device.fidelity = dev.choice("fidelity", "sample", type.fidelities);
        read_params(dev, type, sc.device);
        dev.finish({"type", "fidelity", "params"});
        if (type.validate) {
            try {
                type.validate(sc.device.resolved);
            } catch (const config_error& e) {
                throw scenario_error(path, e.pointer(), e.message());
            }
        }
    }
    // environment
    if (top.has("environment")) {
        json_reader env = top.object("environment");
        sc.temperature_c = read_temperature(env);
        sc.time_compression = env.number("time_compression", 1, 1e-6, 1e10);
        sc.device_age_years = env.number("device_age_years", 0, 0, 100);
        sc.start_time_of_day_h = env.number("start_time_of_day_h", sc.start_time_of_day_h, 0, 24);
        if (env.has("supply_v") && bench::find_device_type(sc.device.type)->family != "scale")
            env.fail("supply_v", "no supply profile (a meter is supplied by its line)", env.raw("supply_v"));
        sc.supply_v = read_points(env, "supply_v", 0, 1000);
        env.finish({"temperature_c", "time_compression", "device_age_years", "start_time_of_day_h", "supply_v"});
    }
    if (sc.temperature_c.empty()) sc.temperature_c.push_back({0.0, 23.0});

    const int kinds = int(top.has("procedure")) + int(top.has("procedures")) + int(top.has("stimulus"));
    if (kinds != 1)
        top.fail_here("expected exactly one of 'procedure', 'procedures' and 'stimulus', got " +
                      (kinds == 0 ? std::string("none") : std::to_string(kinds)));
    std::vector<std::string> point_ids;
    if (top.has("procedure")) {
        sc.has_procedure = true;
        json_reader proc = top.object("procedure");
        read_procedure(proc, sc, sc.procedure);
    } else if (top.has("procedures")) {
        sc.has_procedure = true;
        const nlohmann::json& list = top.raw("procedures");
        if (!list.is_array() || list.empty()) top.fail("procedures", "non-empty array of procedures", list);
        for (std::size_t k = 0; k < list.size(); ++k) {
            json_reader proc(path, "/procedures/" + std::to_string(k), list[k]);
            procedure_spec spec;
            read_procedure(proc, sc, spec);
            if (k == 0) sc.procedure = std::move(spec);
            else sc.more_procedures.push_back(std::move(spec));
        }
    } else {
        if (bench::find_device_type(sc.device.type)->family != "meter")
            top.fail("stimulus", "a procedure (a free-running stimulus drives meters only)", top.raw("stimulus"));
        read_stimulus(top, sc);
    }
    if (sc.has_procedure) {
        // every named point must exist in the plan, and ids must be unique across procedures
        const auto plan = procedures::make_procedure(sc)->plan();
        std::set<std::string> seen;
        for (const auto& p : plan) {
            if (!seen.insert(p.id).second)
                throw scenario_error(path, "/procedures", "expected test point ids unique across procedures, got '" + p.id + "' twice");
            point_ids.push_back(p.id);
        }
        auto check_points = [&](const procedure_spec& spec, const std::string& base) {
            for (std::size_t k = 0; k < spec.points.size(); ++k)
                if (std::find(point_ids.begin(), point_ids.end(), spec.points[k]) == point_ids.end())
                    throw scenario_error(path, base + "/points/" + std::to_string(k),
                                         "expected a test point of the selected tests, got " + nlohmann::json(spec.points[k]).dump());
        };
        check_points(sc.procedure, top.has("procedure") ? "/procedure" : "/procedures/0");
        for (std::size_t k = 0; k < sc.more_procedures.size(); ++k)
            check_points(sc.more_procedures[k], "/procedures/" + std::to_string(k + 1));
        if (plan.empty()) throw scenario_error(path, top.has("procedure") ? "/procedure" : "/procedures", "expected at least one test point, got none");
    } else {
        point_ids = {"profile"};
    }
    {
        const bench::device_type& type = *bench::find_device_type(sc.device.type);
        read_cheats(top, sc, *type.taps, *type.observables);
        read_drift(top, sc, *type.driftables);
    }
    if (top.has("outputs")) {
        json_reader o = top.object("outputs");
        sc.outputs.waveforms = o.choice("waveforms", "none", {"none", "fst"});
        sc.outputs.waveform_window_s = o.number("waveform_window_s", sc.outputs.waveform_window_s, 0.001, 10);
        sc.outputs.series = o.boolean("series", true);
        sc.outputs.truth_period_s = o.number("truth_period_s", sc.outputs.truth_period_s, 0.01, 3600);
        o.finish({"waveforms", "waveform_window_s", "series", "truth_period_s"});
    }
    if (top.has("expect")) {
        json_reader e = top.object("expect");
        sc.expect.verdict = e.choice("verdict", "", {"pass", "fail"});
        if (e.has("points")) {
            json_reader pts = e.object("points");
            for (auto it = pts.json().begin(); it != pts.json().end(); ++it) {
                if (std::find(point_ids.begin(), point_ids.end(), it.key()) == point_ids.end())
                    throw scenario_error(path, pts.child_pointer(it.key()),
                                         "unknown key '" + it.key() + "': expected the id of a planned test point");
                sc.expect.points[it.key()] = pts.choice(it.key(), {"pass", "fail"});
            }
            pts.finish();
        }
        if (e.has("labels")) {
            json_reader ls = e.object("labels");
            sc.expect.has_labels = true;
            for (auto it = ls.json().begin(); it != ls.json().end(); ++it) {
                bool known = false;
                for (const auto& c : sc.cheats) known |= c.id == it.key();
                for (const auto& d : sc.drift) known |= d.id == it.key();
                if (!known)
                    throw scenario_error(path, ls.child_pointer(it.key()),
                                         "unknown key '" + it.key() + "': expected the id of a cheat or drift of this scenario");
                sc.expect.labels[it.key()] = ls.choice(it.key(), {"CHEAT", "THEFT", "TAMPER", "FAULT", "DRIFT"});
            }
            ls.finish();
        }
        if (e.has("audit")) {
            json_reader a = e.object("audit");
            sc.expect.audit_contains = string_list(a, "contains", {});
            sc.expect.audit_lacks = string_list(a, "lacks", {});
            a.finish({"contains", "lacks"});
        }
        e.finish({"verdict", "points", "labels", "audit"});
    }
    top.finish({"$schema", "schema_version", "name", "description", "seed", "device", "environment", "procedure",
                "procedures", "stimulus", "cheats", "drift", "outputs", "expect"});
    return sc;
}

}  // namespace hilbench::scenario
