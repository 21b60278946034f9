#define BOOST_TEST_MODULE loader
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <typeinfo>

#include "harness/bench/registry.h"
#include "harness/procedures/procedure.h"
#include "harness/scenario/scenario.h"
#include "models/core/errors.h"

// libsystemc references sc_main; these tests never elaborate.
extern "C" int sc_main(int, char*[]) { return 0; }

namespace fs = std::filesystem;
using namespace hilbench;

namespace {
const fs::path src = HILBENCH_SOURCE_DIR;

std::vector<fs::path> files_in(const fs::path& dir, const std::string& ext) {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().extension() == ext) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

// Every file in tests/data/bad_scenarios is rejected with a scenario_error that names the
// file and the JSON pointer given in its .expect, and never with anything else.
BOOST_AUTO_TEST_CASE(bad_scenarios_give_file_pointer_errors) {
    const auto files = files_in(src / "tests/data/bad_scenarios", ".json");
    BOOST_TEST(files.size() >= 30u);
    for (const auto& f : files) {
        fs::path expect_path = f;
        expect_path.replace_extension(".expect");
        BOOST_TEST_CONTEXT(f.filename().string()) {
            BOOST_REQUIRE(fs::exists(expect_path));
            std::ifstream in(expect_path);
            const nlohmann::json ex = nlohmann::json::parse(in);
            bool thrown = false;
            try {
                scenario::load(f.string());
            } catch (const scenario_error& e) {
                thrown = true;
                BOOST_TEST(e.pointer() == ex.at("pointer").get<std::string>());
                BOOST_TEST(e.message().find(ex.at("contains").get<std::string>()) != std::string::npos, e.what());
                const std::string fc = ex.value("file_contains", f.filename().string());
                BOOST_TEST(e.file().find(fc) != std::string::npos, e.file());
                BOOST_TEST(std::string(e.what()).rfind(e.file(), 0) == 0u);
            }
            BOOST_TEST(thrown);
        }
    }
}

BOOST_AUTO_TEST_CASE(bundled_scenarios_load_and_plan) {
    const auto files = files_in(src / "scenarios", ".json");
    std::size_t n = 0;
    for (const auto& f : files) {
        if (f.parent_path().filename() == "schema") continue;
        BOOST_TEST_CONTEXT(f.string()) {
            const auto sc = scenario::load(f.string());
            BOOST_TEST(!sc.name.empty());
            BOOST_TEST(sc.sha256.size() == 64u);
            BOOST_TEST(!procedures::make_procedure(sc)->plan().empty());
            ++n;
        }
    }
    BOOST_TEST(n >= 5u);
}

BOOST_AUTO_TEST_CASE(defaults_come_from_the_parameter_table) {
    const auto sc = scenario::parse(R"({"schema_version":1,"name":"d","description":"d","seed":3,
        "device":{"type":"meter.single_phase","params":{"voltage_v":220}},
        "procedure":{"standard":"iec62053-21:2003"}})", "inline.json");
    BOOST_TEST(sc.device.fidelity == "sample");
    BOOST_TEST(std::get<double>(sc.device.resolved.at("voltage_v")) == 220.0);
    const auto* table = bench::find_device_type("meter.single_phase")->params;
    BOOST_TEST(std::get<double>(sc.device.resolved.at("max_current_a")) ==
               std::get<double>(table->find("max_current_a")->def));
    BOOST_TEST(sc.device.params.size() == 1u);  // only what the scenario set
    BOOST_TEST(procedures::make_procedure(sc)->plan().size() == 15u);
}

BOOST_AUTO_TEST_CASE(the_sha256_is_of_the_file_bytes) {
    BOOST_TEST(scenario::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(scenario::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

BOOST_AUTO_TEST_CASE(load_profile_csv_rows_and_errors) {
    const fs::path dir = fs::temp_directory_path() / "hilbench-loader-test";
    fs::create_directories(dir);
    ac_line_state base;
    base.voltage_v = 230;
    {
        std::ofstream(dir / "ok.csv") << "# comment\nt_s,current_a,phase_deg\n0,1,0\n10,5.5,30\n";
        const auto steps = scenario::load_profile_csv((dir / "ok.csv").string(), base);
        BOOST_TEST(steps.size() == 2u);
        BOOST_TEST(steps[1].t_s == 10.0);
        BOOST_TEST(steps[1].state.current_a == 5.5);
        BOOST_TEST(steps[1].state.voltage_v == 230.0);  // columns left out keep the base
    }
    auto error_of = [&](const std::string& text) {
        std::ofstream(dir / "bad.csv") << text;
        try {
            scenario::load_profile_csv((dir / "bad.csv").string(), base);
        } catch (const scenario_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    BOOST_TEST(error_of("t_s,current_a\n0,1\n5,x\n").find("bad.csv:3: expected a number in column current_a, got 'x'") != std::string::npos);
    BOOST_TEST(error_of("t_s,amps\n0,1\n").find("got 'amps'") != std::string::npos);
    BOOST_TEST(error_of("t_s,current_a\n5,1\n").find("first row at t_s = 0") != std::string::npos);
    BOOST_TEST(error_of("t_s,current_a\n0,1\n0,2\n").find("after the previous row") != std::string::npos);
    BOOST_TEST(error_of("t_s,current_a\n").find("at least one data row") != std::string::npos);
    BOOST_TEST(error_of("t_s,current_a\n0,1e999\n").find("expected a number") != std::string::npos);
    BOOST_TEST(error_of("t_s,current_a\n0,-1\n").find("current_a in [") != std::string::npos);
    fs::remove_all(dir);
}

// The JSON Schema for editors and the loader accept the same keys.
BOOST_AUTO_TEST_CASE(json_schema_matches_the_loader) {
    std::ifstream in(src / "scenarios/schema/scenario.schema.json");
    BOOST_REQUIRE(in);
    const nlohmann::json schema = nlohmann::json::parse(in);
    auto keys = [](const nlohmann::json& obj) {
        std::set<std::string> k;
        for (auto it = obj.at("properties").begin(); it != obj.at("properties").end(); ++it) k.insert(it.key());
        return k;
    };
    const auto& defs = schema.at("$defs");
    BOOST_TEST(keys(schema.at("properties").at("outputs")) ==
               (std::set<std::string>{"waveforms", "waveform_window_s", "series", "truth_period_s"}));
    BOOST_TEST(keys(schema) == (std::set<std::string>{"$schema", "schema_version", "name", "description", "seed", "device",
                                                      "environment", "procedure", "procedures", "stimulus", "cheats", "drift",
                                                      "outputs", "expect"}));
    BOOST_TEST(keys(defs.at("procedure")) ==
               (std::set<std::string>{"standard", "tests", "points", "options", "profile", "actions"}));
    std::vector<std::string> standards;
    for (const auto& st : procedures::standards()) standards.push_back(st.id);
    BOOST_TEST(defs.at("procedure").at("properties").at("standard").at("enum").get<std::vector<std::string>>() == standards);
    BOOST_TEST(keys(schema.at("properties").at("environment")) ==
               (std::set<std::string>{"temperature_c", "time_compression", "device_age_years", "start_time_of_day_h", "supply_v"}));
    BOOST_TEST(keys(schema.at("properties").at("expect")) == (std::set<std::string>{"verdict", "points", "labels", "audit"}));
    // taps, driftable parameters and observables: the schema's enums are the devices'
    // declarations, device after device
    std::vector<std::string> taps, driftables, observables, types;
    for (const auto& type : bench::device_types()) {
        types.push_back(type.name);
        for (const auto& t : *type.taps) taps.push_back(t.name);
        for (const auto& d : *type.driftables) driftables.push_back(d.name);
        for (const auto& o : *type.observables)
            if (std::find(observables.begin(), observables.end(), o.name) == observables.end()) observables.push_back(o.name);
    }
    BOOST_TEST(schema.at("properties").at("device").at("properties").at("type").at("enum").get<std::vector<std::string>>() ==
               types);
    BOOST_TEST(defs.at("cheat").at("properties").at("tap").at("enum").get<std::vector<std::string>>() == taps);
    BOOST_TEST(defs.at("drift").at("properties").at("param").at("enum").get<std::vector<std::string>>() == driftables);
    for (const auto& trig : defs.at("trigger").at("oneOf"))
        if (trig.at("properties").contains("condition"))
            BOOST_TEST(trig.at("properties").at("condition").at("properties").at("observable").at("enum")
                           .get<std::vector<std::string>>() == observables);
    BOOST_TEST(keys(defs.at("options")) ==
               (std::set<std::string>{"readings", "min_gate_s", "settle_s", "reference_class_pct",
                                      "reference_constant_imp_per_kwh", "starting_time_factor", "no_load_time_factor",
                                      "register_digits", "timeout_factor", "weight_class", "repeatability_count", "soak_s",
                                      "in_service", "price_rounding", "audit_loads", "audit_min_fraction",
                                      "audit_max_fraction", "reference_balance_g"}));
    // device parameters: names, defaults and ranges equal each model's table
    for (const auto& [type_name, def_name] : {std::pair<std::string, std::string>{"meter.single_phase", "meter_single_phase_params"},
                                              {"scale.price_computing", "scale_price_computing_params"}}) {
        const auto* table = bench::find_device_type(type_name)->params;
        const auto& props = defs.at(def_name).at("properties");
        BOOST_TEST(props.size() == table->entries().size());
        for (const auto& e : table->entries()) {
            BOOST_TEST_CONTEXT(type_name << " " << e.name) {
                BOOST_REQUIRE(props.contains(e.name));
                const auto& p = props.at(e.name);
                if (e.k == param_info::kind::number || e.k == param_info::kind::integer) {
                    BOOST_TEST(p.at("minimum").get<double>() == e.min);
                    BOOST_TEST(p.at("maximum").get<double>() == e.max);
                    BOOST_TEST(p.at("default").get<double>() == std::get<double>(e.def));
                } else if (e.k == param_info::kind::choice) {
                    BOOST_TEST(p.at("enum").get<std::vector<std::string>>() == e.choices);
                    BOOST_TEST(p.at("default").get<std::string>() == std::get<std::string>(e.def));
                } else {
                    BOOST_TEST(p.at("default").get<bool>() == std::get<bool>(e.def));
                }
            }
        }
    }
}

// Random byte edits of a valid scenario either load or fail with a scenario_error that
// names the file: never another exception, never a crash.
BOOST_AUTO_TEST_CASE(random_mutations_never_escape_as_other_errors) {
  for (const char* file : {"scenarios/meter/class1_type_approval.json", "scenarios/scale/cheats/keycode_multiplier.json"}) {
    std::ifstream in(src / file);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string original = ss.str();
    uint64_t x = 12345;
    auto next = [&x] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    const char alphabet[] = "{}[]\":,0123456789-.eE truefalsnl\\/x\x01\xff";
    std::size_t loaded = 0, rejected = 0;
    for (int trial = 0; trial < 4000; ++trial) {
        std::string text = original;
        const int edits = 1 + int(next() % 4);
        for (int e = 0; e < edits; ++e) {
            const std::size_t pos = next() % text.size();
            switch (next() % 3) {
            case 0: text[pos] = alphabet[next() % (sizeof alphabet - 1)]; break;
            case 1: text.erase(pos, 1 + next() % 8); break;
            default: text.insert(pos, 1, alphabet[next() % (sizeof alphabet - 1)]); break;
            }
            if (text.empty()) text = "{";
        }
        try {
            const auto sc = scenario::parse(text, "mutated.json");
            procedures::make_procedure(sc)->plan();
            ++loaded;
        } catch (const scenario_error& e) {
            ++rejected;
            BOOST_TEST(e.file().rfind("mutated.json", 0) == 0u);
        } catch (const std::exception& e) {
            BOOST_FAIL("trial " << trial << " escaped as " << typeid(e).name() << ": " << e.what() << "\n" << text);
        }
    }
    BOOST_TEST(rejected > 1000u);
    BOOST_TEST(loaded > 10u);  // edits inside strings and descriptions still load
  }
}
