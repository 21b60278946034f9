#define BOOST_TEST_MODULE loader
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <typeinfo>

#include "harness/bench/plan.h"
#include "harness/families/family.h"
#include "harness/scenario/scenario.h"
#include "harness/scenario/schema.h"
#include "harness/stimulus/ac_profile.h"
#include "models/core/errors.h"


namespace fs = std::filesystem;
using namespace hilbench;

namespace {
const fs::path src = HILBENCH_SOURCE_DIR;

const scenario::catalogue& cat() { return families::builtin_catalogue(); }

// What `hilbench validate` does: load, then build the test plan.
scenario::scenario load_and_plan(const std::string& path) {
    scenario::scenario sc = scenario::load(path, cat());
    bench::make_plan(sc, families::builtin());
    return sc;
}

std::vector<fs::path> files_in(const fs::path& dir, const std::string& ext) {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().extension() == ext) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

// Every file in tests/data/bad_scenarios is rejected with a scenario_error that names the
// file and the JSON pointer given in its .expect, and never with anything else (loading, or
// building the plan where only a plan can tell).
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
                load_and_plan(f.string());
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
        if (f.parent_path().filename() == "schema" || f.parent_path().filename() == "campaigns" ||
            f.parent_path().filename() == "detectors")
            continue;
        BOOST_TEST_CONTEXT(f.string()) {
            const auto sc = scenario::load(f.string(), cat());
            BOOST_TEST(!sc.name.empty());
            BOOST_TEST(sc.sha256.size() == 64u);
            BOOST_TEST(!bench::make_plan(sc, families::builtin()).points.empty());
            ++n;
        }
    }
    BOOST_TEST(n >= 5u);
}

BOOST_AUTO_TEST_CASE(defaults_come_from_the_parameter_table) {
    const auto sc = scenario::parse(R"({"schema_version":1,"name":"d","description":"d","seed":3,
        "device":{"type":"meter.single_phase","params":{"voltage_v":220}},
        "procedure":{"standard":"iec62053-21:2003"}})", "inline.json", cat());
    BOOST_TEST(sc.device.fidelity == "sample");
    BOOST_TEST(std::get<double>(sc.device.resolved.at("voltage_v")) == 220.0);
    const auto* table = cat().find_device("meter.single_phase")->params;
    BOOST_TEST(std::get<double>(sc.device.resolved.at("max_current_a")) ==
               std::get<double>(*table->find("max_current_a")->def));
    BOOST_TEST(sc.device.set == std::vector<std::string>{"voltage_v"});  // only what the scenario set
    BOOST_TEST(bench::make_plan(sc, families::builtin()).points.size() == 15u);
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
        const auto steps = stimulus::load_profile_csv((dir / "ok.csv").string(), base);
        BOOST_TEST(steps.size() == 2u);
        BOOST_TEST(steps[1].t_s == 10.0);
        BOOST_TEST(steps[1].state.current_a == 5.5);
        BOOST_TEST(steps[1].state.voltage_v == 230.0);  // columns left out keep the base
    }
    auto error_of = [&](const std::string& text) {
        std::ofstream(dir / "bad.csv") << text;
        try {
            stimulus::load_profile_csv((dir / "bad.csv").string(), base);
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
    // strict numbers and columns
    BOOST_TEST(error_of("t_s,current_a,current_a\n0,1,2\n").find("got 'current_a' twice") != std::string::npos);
    BOOST_TEST(error_of("t_s,current_a\n0,0x1p3\n").find("got '0x1p3' (not a number)") != std::string::npos);
    BOOST_TEST(error_of("t_s,current_a\n0, 1\n").find("got ' 1' (not a number)") != std::string::npos);
    BOOST_TEST(error_of("t_s,current_a\n0,1 \n").find("got '1 ' (not a number)") != std::string::npos);
    BOOST_TEST(error_of("t_s,current_a\n0,inf\n").find("got 'inf' (not a number)") != std::string::npos);
    BOOST_TEST(error_of("t_s,current_a\n0,nan\n").find("got 'nan' (not a number)") != std::string::npos);
    BOOST_TEST(error_of("t_s,current_a\n0,1e400\n").find("got '1e400' (beyond the range of a double)") != std::string::npos);
    BOOST_TEST(error_of("t_s,current_a\n0,\n").find("got '' (not a number)") != std::string::npos);
    {  // a subnormal is a number (a current too small to matter, but no format error)
        std::ofstream(dir / "tiny.csv") << "t_s,current_a\n0,1e-320\n1,.5\n2,+3.\n";
        const auto steps = stimulus::load_profile_csv((dir / "tiny.csv").string(), base);
        BOOST_TEST(steps[0].state.current_a == 1e-320);
        BOOST_TEST(steps[1].state.current_a == 0.5);
        BOOST_TEST(steps[2].state.current_a == 3.0);
    }
    fs::remove_all(dir);
}

// The committed JSON Schema is what `hilbench schema` generates from the declarations now.
BOOST_AUTO_TEST_CASE(committed_schema_is_the_generated_one) {
    std::ifstream in(src / "scenarios/schema/scenario.schema.json");
    BOOST_REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string generated = scenario::scenario_schema(cat()).dump(2) + "\n";
    BOOST_TEST((ss.str() == generated),
               "scenarios/schema/scenario.schema.json is stale; regenerate it with "
               "`build/hilbench schema > scenarios/schema/scenario.schema.json`");
    // and it is split per device type: a meter's taps are offered for a meter only
    const nlohmann::json schema = nlohmann::json::parse(generated);
    const auto& defs = schema.at("$defs");
    for (const auto* dp : cat().devices()) {
        const auto& d = *dp;
        std::vector<std::string> taps;
        for (const auto& t : *d.taps) taps.push_back(t.name);
        BOOST_TEST(defs.at(d.name + ".cheat").at("properties").at("tap").at("enum").get<std::vector<std::string>>() == taps);
        BOOST_TEST(defs.at(d.name + ".params").at("properties").size() == d.params->entries().size());
    }
}

// Integers mean what JSON Schema means by them: numbers without a fractional part.
BOOST_AUTO_TEST_CASE(integers_are_whole_numbers_as_in_json_schema) {
    auto with = [](const std::string& seed, const std::string& readings) {
        return R"({"schema_version":1,"name":"i","description":"d","seed":)" + seed +
               R"(,"device":{"type":"meter.single_phase"},"procedure":{"standard":"iec62053-21:2003","options":{"readings":)" +
               readings + "}}}";
    };
    const auto sc = scenario::parse(with("7.0", "3.0"), "i.json", cat());
    BOOST_TEST(sc.seed == 7u);
    auto error_of = [&](const std::string& seed, const std::string& readings) {
        try {
            scenario::parse(with(seed, readings), "i.json", cat());
        } catch (const scenario_error& e) {
            return e.pointer();
        }
        return std::string("no error");
    };
    BOOST_TEST(error_of("7.5", "3") == "/seed");
    BOOST_TEST(error_of("1e300", "3") == "/seed");
    BOOST_TEST(error_of("7", "2.5") == "/procedure/options/readings");
    BOOST_TEST(error_of("7", "51") == "/procedure/options/readings");
    BOOST_TEST(error_of("7", "50.0") == "no error");
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
            const auto sc = scenario::parse(text, "mutated.json", cat());
            bench::make_plan(sc, families::builtin());
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
