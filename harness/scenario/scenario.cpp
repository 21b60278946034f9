#include "harness/scenario/scenario.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "harness/scenario/cheat_reader.h"
#include "harness/scenario/json_reader.h"
#include "models/core/errors.h"

namespace hilbench::scenario {

const standard_decl* family_decl::find_standard(const std::string& id) const {
    for (const auto& s : standards)
        if (s.id == id) return &s;
    return nullptr;
}

const standard_decl* family_decl::stimulus() const {
    for (const auto& s : standards)
        if (s.stimulus) return &s;
    return nullptr;
}

const family_decl* catalogue::find_family(const std::string& name) const {
    for (const auto& f : families)
        if (f.name == name) return &f;
    return nullptr;
}

const family_decl& catalogue::family(const std::string& name) const {
    const family_decl* f = find_family(name);
    HB_ASSERT(f != nullptr, "no family " + name + " in the catalogue");
    return *f;
}

const device_decl* catalogue::find_device(const std::string& name) const {
    for (const auto& f : families)
        for (const auto& d : f.devices)
            if (d.name == name) return &d;
    return nullptr;
}

const standard_decl* catalogue::find_standard(const std::string& id) const {
    for (const auto& f : families)
        if (const standard_decl* s = f.find_standard(id)) return s;
    return nullptr;
}

std::vector<const device_decl*> catalogue::devices() const {
    std::vector<const device_decl*> out;
    for (const auto& f : families)
        for (const auto& d : f.devices) out.push_back(&d);
    return out;
}

std::vector<const standard_decl*> catalogue::standards() const {
    std::vector<const standard_decl*> out;
    for (const auto& f : families)
        for (const auto& s : f.standards) out.push_back(&s);
    return out;
}

const params_of<environment_spec>& environment_table() {
    using E = environment_spec;
    static const params_of<E> t = [] {
        params_of<E> p;
        p.series("temperature_c", &E::temperature_c, "degC", -60, 100,
                 "ambient temperature profile, [[t_s, degC], ...], linear between points (none: 23 degC)")
            .number("time_compression", &E::time_compression, "", 1e-6, 1e10,
                    "seconds of device ageing per simulated second (drift)")
            .number("device_age_years", &E::device_age_years, "a", 0, 100, "age of the device at t = 0 (drift starts there)")
            .number("start_time_of_day_h", &E::start_time_of_day_h, "h", 0, 24, "the device clock at t = 0, hours after midnight");
        return p;
    }();
    return t;
}

const params_of<outputs_spec>& outputs_table() {
    using O = outputs_spec;
    static const params_of<O> t = [] {
        params_of<O> p;
        p.choice("waveforms", &O::waveforms, {"none", "fst"}, "RTL waveforms of each point (FST, opened with GTKWave)")
            .number("waveform_window_s", &O::waveform_window_s, "s", 0.001, 10, "waveforms cover this much simulated time from t = 0")
            .boolean("series", &O::series, "write the ground-truth series of every point")
            .number("truth_period_s", &O::truth_period_s, "s", 0.01, 3600,
                    "ground-truth row period: at most this, about 500 rows for a short point");
        return p;
    }();
    return t;
}

const params_of<device_spec>& identification_table() {
    using D = device_spec;
    static const params_of<D> t = [] {
        params_of<D> p;
        p.text("manufacturer", &D::manufacturer, "the manufacturer named on the test report")
            .text("model", &D::model, "the type or model designation")
            .text("serial_number", &D::serial_number, "the serial number of the instrument tested");
        return p;
    }();
    return t;
}

const params_of<lab_spec>& lab_table() {
    using L = lab_spec;
    static const params_of<L> t = [] {
        params_of<L> p;
        p.text("name", &L::name, "the testing laboratory named on the report")
            .text("address", &L::address, "its address")
            .text("operator", &L::operator_name, "who performed the tests");
        return p;
    }();
    return t;
}

constexpr std::size_t max_file_bytes = 16u << 20;

std::string read_file(const std::string& path, const std::string& what_for) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw scenario_error(path, "", "expected a readable " + what_for + " file, got " +
                                           (std::filesystem::exists(path, ec) ? "something that is not a regular file"
                                                                              : "no such file"));
    // the size before the bytes: a huge file costs nothing to refuse
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_file_bytes)
        throw scenario_error(path, "", "expected a " + what_for + " file of at most 16 MiB, got " + std::to_string(size) + " bytes");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw scenario_error(path, "", "expected a readable " + what_for + " file, got a file that cannot be opened");
    std::ostringstream os;
    os << in.rdbuf();
    std::string s = os.str();
    if (s.size() > max_file_bytes)
        throw scenario_error(path, "", "expected a " + what_for + " file of at most 16 MiB, got " + std::to_string(s.size()) + " bytes");
    return s;
}

namespace {

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

std::string one_of(const std::vector<std::string>& allowed) {
    std::string want = "one of";
    for (std::size_t k = 0; k < allowed.size(); ++k) want += (k ? ", " : " ") + nlohmann::json(allowed[k]).dump();
    return want;
}

// An array of distinct strings (each one of `allowed` unless it is empty).
std::vector<std::string> string_list(json_reader& r, const std::string& key, const std::vector<std::string>& allowed) {
    std::vector<std::string> out;
    if (!r.has(key)) return out;
    const nlohmann::json& j = r.raw(key);
    const std::string base = r.child_pointer(key);
    if (!j.is_array()) throw scenario_error(r.file(), base, "expected array of strings, got " + describe_json(j));
    const std::string want = one_of(allowed);
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

std::string base_dir(const std::string& path) { return std::filesystem::path(path).parent_path().string(); }

void read_device(json_reader& top, const catalogue& cat, scenario& sc) {
    json_reader dev = top.object("device");
    std::vector<std::string> names;
    for (const device_decl* t : cat.devices()) names.push_back(t->name);
    device_spec& d = sc.device;
    d.type = dev.choice("type", names);
    const device_decl& type = *cat.find_device(d.type);
    d.family = type.family;
    d.fidelity = dev.choice("fidelity", "sample", type.fidelities);
    if (dev.has("params")) {
        json_source params(dev.file(), dev.child_pointer("params"), dev.raw("params"), base_dir(sc.path));
        error_collector errors;  // every unknown and every bad parameter
        for (auto it = params.reader().json().begin(); it != params.reader().json().end(); ++it) {
            if (type.params->find(it.key())) continue;
            const std::string near = type.params->nearest(it.key());
            errors.attempt([&] {
                throw scenario_error(dev.file(), params.reader().child_pointer(it.key()),
                                     "unknown key '" + it.key() + "'" +
                                         (near.empty() ? "" : " (did you mean '" + near + "'?)") + "; `hilbench describe " +
                                         type.name + "` lists the parameters");
            });
        }
        errors.attempt([&] { d.params = type.params->read_any(params, errors.empty()); });
        errors.raise();
        for (auto it = params.reader().json().begin(); it != params.reader().json().end(); ++it) d.set.push_back(it.key());
    } else {
        d.params = type.params->defaults_any();
    }
    d.resolved = type.params->values_any(d.params);
    if (!type.class_param.empty()) d.accuracy_class = get_choice(d.resolved, type.class_param);
    if (dev.has("identification")) {
        json_source id(dev.file(), dev.child_pointer("identification"), dev.raw("identification"), base_dir(sc.path));
        const device_spec named = identification_table().read(id);
        d.manufacturer = named.manufacturer;
        d.model = named.model;
        d.serial_number = named.serial_number;
    }
    dev.finish({"type", "fidelity", "params", "identification"});
}

void read_environment(json_reader& top, const catalogue& cat, scenario& sc) {
    const family_decl& fam = cat.family(sc.device.family);
    environment_spec& e = sc.environment;
    if (!top.has("environment")) {
        if (fam.environment) e.family = fam.environment->defaults_any();
        return;
    }
    json_source env(top.file(), top.child_pointer("environment"), top.raw("environment"), base_dir(sc.path));
    e = environment_table().read(env, false);
    std::vector<std::string> known = environment_table().names();
    if (fam.environment) {
        e.family = fam.environment->read_any(env, false);
        for (const auto& n : fam.environment->names()) known.push_back(n);
    }
    env.finish(known);
}

// The `options` object of a procedure: the family's lab options and the standard's own.
void read_options(json_reader& proc, const catalogue& cat, const standard_decl& st, procedure_spec& spec,
                  const std::string& dir) {
    const family_decl& fam = cat.family(st.family);
    if (!proc.has("options")) {
        if (fam.lab_options) spec.lab_options = fam.lab_options->defaults_any();
        if (st.options) spec.options = st.options->defaults_any();
        return;
    }
    json_source o(proc.file(), proc.child_pointer("options"), proc.raw("options"), dir);
    std::vector<std::string> known;
    for (const param_table* t : {fam.lab_options, st.options}) {
        if (!t) continue;
        (t == fam.lab_options ? spec.lab_options : spec.options) = t->read_any(o, false);
        for (const auto& n : t->names()) known.push_back(n);
    }
    o.finish(known);
}

void read_procedure(json_source& src, const catalogue& cat, scenario& sc, procedure_spec& spec) {
    json_reader& proc = src.reader();
    spec.pointer = proc.pointer();
    std::vector<std::string> ids;
    for (const standard_decl* s : cat.standards())
        if (!s->stimulus) ids.push_back(s->id);
    spec.standard = proc.choice("standard", ids);
    const standard_decl& st = *cat.find_standard(spec.standard);
    const device_decl& type = *cat.find_device(sc.device.type);
    if (!cat.family(type.family).find_standard(spec.standard))
        throw scenario_error(proc.file(), proc.child_pointer("standard"),
                             "expected a standard for a " + type.family + " (device " + type.name + "), got " +
                                 nlohmann::json(spec.standard).dump() + ", a " + st.family + " standard");
    if (!st.classes.empty() &&
        std::find(st.classes.begin(), st.classes.end(), sc.device.accuracy_class) == st.classes.end()) {
        const bool set = std::find(sc.device.set.begin(), sc.device.set.end(), type.class_param) != sc.device.set.end();
        throw scenario_error(proc.file(), set ? "/device/params/" + type.class_param : proc.child_pointer("standard"),
                             "expected an accuracy class of " + spec.standard + " (" + one_of(st.classes) + "), got " +
                                 nlohmann::json(sc.device.accuracy_class).dump());
    }
    // the parts of a procedure are independent: each one's errors are reported
    error_collector errors;
    errors.attempt([&] { spec.tests = string_list(proc, "tests", st.tests); });
    errors.attempt([&] { read_options(proc, cat, st, spec, base_dir(sc.path)); });
    errors.attempt([&] { spec.points = string_list(proc, "points", {}); });
    errors.attempt([&] {
        if (proc.has("after_days")) spec.after_days = proc.number("after_days", 0, 36525);
    });
    std::vector<std::string> known = {"standard", "tests", "points", "options", "after_days"};
    if (st.inputs) {
        errors.attempt([&] { spec.inputs = st.inputs->read_any(src, false); });
        for (const auto& n : st.inputs->names()) known.push_back(n);
    }
    errors.attempt([&] { proc.finish(known); });
    errors.raise();
}

void read_stimulus(json_reader& top, const catalogue& cat, scenario& sc) {
    const standard_decl* st = cat.family(sc.device.family).stimulus();
    if (!st)
        top.fail("stimulus", "a procedure (device " + sc.device.type + " takes no free-running stimulus)", top.raw("stimulus"));
    sc.stimulus = true;
    procedure_spec spec;
    spec.standard = st->id;
    spec.pointer = "/stimulus";
    const family_decl& fam = cat.family(st->family);
    if (fam.lab_options) spec.lab_options = fam.lab_options->defaults_any();
    if (st->options) spec.options = st->options->defaults_any();
    json_source src(top.file(), top.child_pointer("stimulus"), top.raw("stimulus"), base_dir(sc.path));
    if (st->inputs) spec.inputs = st->inputs->read_any(src);
    else src.finish({});
    sc.procedures.push_back(std::move(spec));
}

void read_expect(json_reader& top, scenario& sc) {
    json_reader e = top.object("expect");
    sc.expect.verdict = e.choice("verdict", "", {"pass", "fail"});
    if (e.has("points")) {
        // the ids are checked against the test plan where it is built
        json_reader pts = e.object("points");
        for (auto it = pts.json().begin(); it != pts.json().end(); ++it)
            sc.expect.points[it.key()] = pts.choice(it.key(), {"pass", "fail"});
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
                throw scenario_error(sc.path, ls.child_pointer(it.key()),
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

scenario load(const std::string& path, const catalogue& cat) { return parse(read_file(path, "scenario"), path, cat); }

scenario parse(const std::string& text, const std::string& path, const catalogue& cat) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        std::string what = e.what();
        const auto pos = what.find("syntax error");
        throw scenario_error(path + ":" + line_col(text, e.byte), "",
                             "expected valid JSON, got " + (pos == std::string::npos ? what : what.substr(pos)));
    } catch (const nlohmann::json::exception& e) {
        // valid JSON that a double cannot hold: a number beyond about 1.8e308 ("number overflow
        // parsing '1e400'"); the message names the literal, the text gives its place
        const std::string what = e.what();
        const auto q0 = what.find('\''), q1 = what.rfind('\'');
        const std::string literal = q0 != std::string::npos && q1 > q0 ? what.substr(q0 + 1, q1 - q0 - 1) : "";
        const auto at = literal.empty() ? std::string::npos : text.find(literal);
        throw scenario_error(path + (at == std::string::npos ? "" : ":" + line_col(text, at + 1)), "",
                             "expected a number within the range of a double (about 1.8e308), got " +
                                 (literal.empty() ? what : literal));
    }
    scenario sc;
    sc.path = path;
    sc.sha256 = sha256_hex(text);
    json_reader top(path, "", j);
    // The parts of a scenario are read one after the other, and a part's bad input does not stop
    // the next: every error of the file is reported (`hilbench validate`). What depends on the
    // device (its procedures, cheats) is read only when the device was good, its environment when
    // the device type was.
    error_collector errors;
    errors.attempt([&] {
        if (top.has("$schema")) top.string("$schema");  // for editors; not used
    });
    errors.attempt([&] { sc.schema_version = static_cast<int>(top.integer("schema_version", 1, 1)); });
    errors.attempt([&] {
        sc.name = top.string("name");
        if (sc.name.empty() || sc.name.size() > 80 ||
            !std::all_of(sc.name.begin(), sc.name.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
            }))
            top.fail("name", "1 to 80 characters of a-z, 0-9, '-', '_', '.'", top.json().at("name"));
    });
    errors.attempt([&] { sc.description = top.string("description"); });
    errors.attempt([&] { sc.seed = static_cast<uint64_t>(top.integer("seed", 0, 9007199254740991LL)); });
    const bool device_ok = errors.attempt([&] { read_device(top, cat, sc); });
    bool cheats_ok = false, drift_ok = false;
    if (!sc.device.family.empty())  // the type was good, its parameters perhaps not
        errors.attempt([&] { read_environment(top, cat, sc); });
    else if (top.has("environment"))
        top.raw("environment");
    if (device_ok) {
        errors.attempt([&] {
            const int kinds = int(top.has("procedure")) + int(top.has("procedures")) + int(top.has("stimulus"));
            if (kinds != 1)
                top.fail_here("expected exactly one of 'procedure', 'procedures' and 'stimulus', got " +
                              (kinds == 0 ? std::string("none") : std::to_string(kinds)));
        });
        if (top.has("procedure")) {
            errors.attempt([&] {
                json_source proc(path, "/procedure", top.raw("procedure"), base_dir(path));
                procedure_spec spec;
                read_procedure(proc, cat, sc, spec);
                sc.procedures.push_back(std::move(spec));
            });
        } else if (top.has("procedures")) {
            const nlohmann::json& list = top.raw("procedures");
            errors.attempt([&] {
                if (!list.is_array() || list.empty()) top.fail("procedures", "non-empty array of procedures", list);
            });
            for (std::size_t k = 0; list.is_array() && k < list.size(); ++k)
                errors.attempt([&] {
                    json_source proc(path, "/procedures/" + std::to_string(k), list[k], base_dir(path));
                    procedure_spec spec;
                    read_procedure(proc, cat, sc, spec);
                    sc.procedures.push_back(std::move(spec));
                });
        } else if (top.has("stimulus")) {
            errors.attempt([&] { read_stimulus(top, cat, sc); });
        }
        // the ones not read are reported above, not as unknown keys
        if (top.has("procedure") && top.has("procedures")) top.raw("procedures");
        if ((top.has("procedure") || top.has("procedures")) && top.has("stimulus")) top.raw("stimulus");
        const device_decl& type = *cat.find_device(sc.device.type);
        cheats_ok = errors.attempt([&] { read_cheats(top, sc, type); });
        drift_ok = errors.attempt([&] { read_drift(top, sc, *type.driftables); });
    } else {
        // not read: the device they depend on is bad
        for (const char* k : {"procedure", "procedures", "stimulus", "cheats", "drift"})
            if (top.has(k)) top.raw(k);
    }
    if (top.has("lab"))
        errors.attempt([&] {
            json_source l(path, "/lab", top.raw("lab"), base_dir(path));
            sc.lab = lab_table().read(l);
        });
    if (top.has("outputs"))
        errors.attempt([&] {
            json_source o(path, "/outputs", top.raw("outputs"), base_dir(path));
            sc.outputs = outputs_table().read(o);
            if (sc.outputs.waveforms != "none" && sc.device.fidelity == "twin")
                throw scenario_error(path, "/outputs/waveforms",
                                     "twin fidelity runs the C++ twin, not the RTL: there are no waveforms to record "
                                     "(use sample or bit fidelity for them), got '" + sc.outputs.waveforms + "'");
        });
    if (top.has("expect")) {
        if (cheats_ok && drift_ok) errors.attempt([&] { read_expect(top, sc); });
        else top.raw("expect");  // its labels name the cheats and drifts, which are bad
    }
    errors.attempt([&] {
        top.finish({"$schema", "schema_version", "name", "description", "seed", "device", "environment", "procedure",
                    "procedures", "stimulus", "cheats", "drift", "lab", "outputs", "expect"});
    });
    errors.raise();
    return sc;
}

}  // namespace hilbench::scenario
