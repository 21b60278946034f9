// The hilbench command line end to end: exit codes, determinism, seeds, fidelity agreement,
// and the model README's parameter table.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace {
const std::string bin = HILBENCH_BIN;
const fs::path src = HILBENCH_SOURCE_DIR;
const fs::path build = HILBENCH_BUILD_DIR;

int run(const std::string& args) {
    const int rc = std::system((bin + " " + args + " > /dev/null 2>&1").c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string output_of(const std::string& args) {
    std::string out;
    FILE* p = popen((bin + " " + args + " 2>&1").c_str(), "r");
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

nlohmann::json result_without_meta(const fs::path& dir) {
    std::ifstream in(dir / "result.json");
    nlohmann::json j = nlohmann::json::parse(in);
    j.erase("meta");
    return j;
}

std::string scenario(const std::string& name) { return (src / "scenarios/meter" / name).string(); }
fs::path scratch(const std::string& name) { return build / "test-out" / name; }
}  // namespace

BOOST_AUTO_TEST_CASE(exit_codes) {
    BOOST_TEST(run("list") == 0);
    BOOST_TEST(run("describe meter.single_phase") == 0);
    BOOST_TEST(output_of("describe meter") == output_of("describe meter.single_phase"));
    BOOST_TEST(run("describe meter.three_phase") == 2);
    BOOST_TEST(run("validate " + scenario("class1_type_approval.json")) == 0);
    BOOST_TEST(run("validate " + (src / "tests/data/bad_scenarios/param_wrong_type.json").string()) == 2);
    BOOST_TEST(run("run does/not/exist.json") == 2);
    BOOST_TEST(run("run " + scenario("class1_type_approval.json") + " --jobs 0") == 2);  // out-of-range option
    BOOST_TEST(run("frobnicate") == 2);
    // a failing meter exits 1; with --check-expect its met expectation exits 0
    const std::string gain = scenario("class1_gain_error.json") + " --quiet --out " + scratch("gain").string();
    BOOST_TEST(run("run " + gain) == 1);
    BOOST_TEST(run("run " + gain + " --check-expect") == 0);
}

// The command line as the README uses it: options of the program after the subcommand, short
// flags, a suggestion for a mistyped command, progress that counts finished points and a last
// line that names the points that failed.
BOOST_AUTO_TEST_CASE(command_line_conventions) {
    const std::string ok = scenario("class1_type_approval.json");
    BOOST_TEST(run("validate " + ok + " --log-level info") == 0);
    BOOST_TEST(run("--log-level debug validate " + ok) == 0);
    BOOST_TEST(run("validate " + ok + " --log-level loud") == 2);

    BOOST_TEST(run("rnu " + ok) == 2);
    const std::string typo = output_of("rnu " + ok);
    BOOST_TEST(typo.find("'rnu' is not a command; did you mean 'run'?") != std::string::npos, typo);
    BOOST_TEST(output_of("valdiate " + ok).find("did you mean 'validate'?") != std::string::npos);
    const std::string far = output_of("frobnicate");
    BOOST_TEST(far.find("'frobnicate' is not a command (commands: run, report, validate") != std::string::npos, far);

    const fs::path out = scratch("conventions");
    fs::remove_all(out);
    const std::string gain = scenario("class1_gain_error.json");
    BOOST_TEST(run("run " + gain + " -q -j 2 --out " + out.string()) == 1);
    const std::string quiet = output_of("run " + gain + " -q -j 2 --out " + out.string());
    BOOST_TEST(quiet.find("[1/15]") == std::string::npos, quiet);  // -q: no progress
    // the last line names the failing points, in plan order
    BOOST_TEST(quiet.find("FAIL meter-class1-gain-error: 5/15 points pass; failed: pf1_0.1Ib, pf1_Ib, pf1_Imax, ") !=
                   std::string::npos,
               quiet);
    const std::string loud = output_of("run " + gain + " -j 2 --out " + out.string());
    for (int k = 1; k <= 15; ++k)  // one line per finished point, counting up to all of them
        BOOST_TEST(loud.find("[" + std::to_string(k) + "/15] ") != std::string::npos, "no progress line " << k);
    BOOST_TEST(loud.find("rounded error within the MPE: 1.5 % (limit ±1.0 %)") != std::string::npos, loud);
}

// Bad input is refused with file and place and exit 2, and `validate` goes on to the next file:
// a number beyond the range of a double, a scenario file of 1 GiB (refused by its size, before
// it is read: the process may not even have the memory to read it).
BOOST_AUTO_TEST_CASE(bad_files_are_refused_cheaply_and_validate_goes_on) {
    const std::string big = (src / "tests/data/bad_scenarios/number_beyond_double.json").string();
    const std::string ok = scenario("class1_type_approval.json");
    const std::string out = output_of("validate " + big + " " + ok);
    BOOST_TEST(out.find(big + ":5:11: expected a number within the range of a double") != std::string::npos, out);
    BOOST_TEST(out.find("ok " + ok) != std::string::npos, out);
    BOOST_TEST(run("validate " + big + " " + ok) == 2);
    const fs::path huge = scratch("huge") / "huge.json";
    fs::create_directories(huge.parent_path());
    { std::ofstream(huge.string()); }
    fs::resize_file(huge, std::uintmax_t(1) << 30);  // sparse: no disk
    const int rc = std::system(("bash -c 'ulimit -v 400000; exec " + bin + " validate " + huge.string() +
                                "' > " + (scratch("huge") / "out.txt").string() + " 2>&1")
                                   .c_str());
    BOOST_TEST(WEXITSTATUS(rc) == 2);
    std::ifstream in(scratch("huge") / "out.txt");
    std::stringstream ss;
    ss << in.rdbuf();
    BOOST_TEST(ss.str().find("expected a scenario file of at most 16 MiB, got 1073741824 bytes") != std::string::npos, ss.str());
    fs::remove_all(huge.parent_path());
}

namespace {
std::string slurp_file(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
// processes still running a given scenario file (the pattern's [x] keeps it from matching the
// shell that runs pgrep)
int processes_running(const fs::path& scenario_file) {
    const std::string name = scenario_file.filename().string();
    const std::string pattern = (scenario_file.parent_path() / ("[" + name.substr(0, 1) + "]" + name.substr(1))).string();
    return std::system(("pgrep -f '" + pattern + "' > /dev/null").c_str()) == 0 ? 1 : 0;
}
}  // namespace

// An output folder that cannot be used is bad input found before any simulation: a long
// bit-fidelity campaign refuses at once.
BOOST_AUTO_TEST_CASE(output_folder_problems_are_found_before_any_simulation) {
    const fs::path dir = scratch("outfolder");
    fs::create_directories(dir);
    { std::ofstream((dir / "a_file").string()) << "x"; }
    const std::string long_run = scenario("class1_bit_fidelity.json") + " --quiet --out ";
    const auto t0 = std::chrono::steady_clock::now();
    BOOST_TEST(run("run " + long_run + (dir / "a_file").string()) == 2);
    BOOST_TEST(run("run " + long_run + (dir / "a_file" / "sub").string()) == 2);
    BOOST_TEST(run("run " + long_run + "/proc/hilbench-cannot-be-here/run") == 2);
    BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < 10.0);
    BOOST_TEST(output_of("run " + long_run + (dir / "a_file").string()).find("expected an output folder, got an existing file") !=
               std::string::npos);
}

// A run lands only when it is complete: a one-point rerun into a 15-point folder leaves no stale
// series; a run whose reports cannot be written (a file-size limit standing for a full disk)
// exits 2, leaves no *.tmp, keeps the previous run and the finished points' records.
BOOST_AUTO_TEST_CASE(a_run_lands_only_when_complete) {
    const fs::path dir = scratch("landing");
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path out = dir / "run";
    BOOST_REQUIRE(run("run " + scenario("class1_type_approval.json") + " --quiet --out " + out.string()) == 0);
    BOOST_TEST(fs::exists(out / "series/pf1_Imax_readings.csv"));
    { std::ofstream((dir / "one.json").string()) << R"({"schema_version": 1, "name": "one", "description": "d", "seed": 1,
        "device": {"type": "meter.single_phase"}, "procedure": {"standard": "iec62053-21:2003", "points": ["pf1_Ib"]}})"; }
    BOOST_REQUIRE(run("run " + (dir / "one.json").string() + " --quiet --out " + out.string()) == 0);
    BOOST_TEST(fs::exists(out / "series/pf1_Ib_readings.csv"));
    BOOST_TEST(!fs::exists(out / "series/pf1_Imax_readings.csv"));  // the old run's series are gone
    BOOST_TEST(!fs::exists(dir / "run.partial"));
    const std::string before = slurp_file(out / "result.json");
    const int rc = std::system(("bash -c 'ulimit -f 60; exec " + bin + " run " + scenario("class1_type_approval.json") +
                                " --quiet --out " + out.string() + "' > /dev/null 2>&1")
                                   .c_str());
    BOOST_TEST(WEXITSTATUS(rc) == 2);
    BOOST_TEST(slurp_file(out / "result.json") == before);  // the previous complete run, untouched
    std::size_t records = 0, tmp = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir / "run.partial")) {
        records += e.path().parent_path().filename() == ".points";
        tmp += e.path().extension() == ".tmp";
    }
    BOOST_TEST(records == 15u);
    BOOST_TEST(tmp == 0u);
    BOOST_TEST(slurp_file(dir / "run.partial/PARTIAL.txt").find("File too large") != std::string::npos);
}

// SIGTERM to the parent stops the run cleanly: exit 143, the children stopped and reaped, the
// finished points written to <out>.partial marked partial, <out> untouched. SIGKILL to the
// parent alone takes the point processes with it.
BOOST_AUTO_TEST_CASE(signals_stop_the_run_and_no_process_outlives_it) {
    const fs::path dir = scratch("signals");
    fs::remove_all(dir);
    fs::create_directories(dir);
    // a private copy of the long scenario, so that its path tells our processes from others
    fs::copy_file(src / "scenarios/meter/class1_bit_fidelity.json", dir / "long_run.json");
    const std::string run_cmd = bin + " run " + (dir / "long_run.json").string() + " --quiet --jobs 2 --out ";
    const std::string term = "bash -c '" + run_cmd + (dir / "t").string() +
                             " & p=$!; sleep 3; kill -TERM $p; wait $p; echo $? > " + (dir / "rc").string() + "'";
    std::system(term.c_str());
    BOOST_TEST(slurp_file(dir / "rc") == "143\n");
    BOOST_TEST(slurp_file(dir / "t.partial/PARTIAL.txt").find("interrupted by SIGTERM") != std::string::npos);
    BOOST_TEST(fs::exists(dir / "t.partial/result.json"));
    BOOST_TEST(!fs::exists(dir / "t"));
    BOOST_TEST(processes_running(dir / "long_run.json") == 0);
    const std::string kill = "bash -c '" + run_cmd + (dir / "k").string() + " & p=$!; sleep 3; kill -KILL $p; sleep 2'";
    std::system(kill.c_str());
    BOOST_TEST(processes_running(dir / "long_run.json") == 0);
    std::system(("pkill -KILL -f '" + (dir / "long_run.json").string() + "'").c_str());  // never leave any behind
}

// --max-wall-s ends a run cleanly: the unfinished points are error points that say why, the
// run lands in place, and the exit code is 3.
BOOST_AUTO_TEST_CASE(max_wall_s_ends_a_run_cleanly) {
    const fs::path out = scratch("max_wall");
    fs::remove_all(out);
    const auto t0 = std::chrono::steady_clock::now();
    BOOST_TEST(run("run " + scenario("class1_bit_fidelity.json") + " --quiet --jobs 2 --max-wall-s 2 --out " + out.string()) == 3);
    BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < 30.0);
    std::ifstream in(out / "result.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    BOOST_TEST(j.at("verdict") == "error");
    std::size_t unfinished = 0;
    for (const auto& p : j.at("points"))
        unfinished += p.at("note").get<std::string>() == "not finished: the run's wall-clock limit was reached";
    BOOST_TEST(unfinished >= 10u);
    BOOST_TEST(!fs::exists(out.string() + ".partial"));
}

// A long series streams to disk: a recording of a million samples keeps the point process
// under 60 MB (holding it in memory took 580 MB) and writes every row.
BOOST_AUTO_TEST_CASE(long_series_stream_to_disk_with_flat_memory) {
    const fs::path dir = scratch("stream");
    fs::remove_all(dir);
    fs::create_directories(dir);
    { std::ofstream((dir / "long.json").string()) << R"({"schema_version": 1, "name": "long", "description": "d", "seed": 1,
        "device": {"type": "meter.single_phase"},
        "stimulus": {"duration_s": 20000, "sample_period_s": 0.02, "profile": [{"t_s": 0, "current_a": 5}]}})"; }
    BOOST_REQUIRE(run("run " + (dir / "long.json").string() + " --quiet --out " + (dir / "out").string()) == 0);
    std::ifstream in(dir / "out/result.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    const double rss = j.at("meta").at("point_max_rss_mb").at("profile").get<double>();
    BOOST_TEST_MESSAGE("peak resident memory of the point process: " << rss << " MB");
    BOOST_TEST(rss < 60.0);
    std::ifstream csv(dir / "out/series/profile_energy.csv");
    std::size_t lines = 0;
    for (std::string l; std::getline(csv, l);) ++lines;
    BOOST_TEST(lines >= 1000001u);  // the header and a row every 0.02 s from t = 0
    fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(bad_input_message_names_file_and_pointer) {
    const std::string f = (src / "tests/data/bad_scenarios/param_out_of_range.json").string();
    const std::string out = output_of("validate " + f);
    BOOST_TEST(out.find(f + ":/device/params/voltage_v: expected number in [57.7, 480], got number 5000") !=
               std::string::npos, out);
}

// `validate` reports every defect of a file at once, each with its pointer, not only the first:
// a lab fixing a scenario should not need one run per typo.
BOOST_AUTO_TEST_CASE(validate_reports_every_error_of_a_file) {
    std::ifstream in(scenario("class1_type_approval.json"));
    nlohmann::json j = nlohmann::json::parse(in);
    j["seed"] = -3;
    j["device"]["params"]["voltage_v"] = "230";
    j["device"]["params"]["bogus_param"] = 1;
    j["environment"]["temperature_c"] = nlohmann::json::array({nlohmann::json::array({0, "hot"})});
    j["outputs"]["waveforms"] = "vcd";
    j["extra_key"] = true;
    fs::create_directories(scratch(""));
    const fs::path f = scratch("several_defects.json");
    std::ofstream(f) << j.dump(1);
    BOOST_TEST(run("validate " + f.string()) == 2);
    const std::string out = output_of("validate " + f.string());
    for (const char* where : {":/seed: ", ":/device/params/voltage_v: ", ":/device/params/bogus_param: unknown key",
                              ":/environment/temperature_c/0/1: ", ":/outputs/waveforms: ", ":/extra_key: unknown key"})
        BOOST_TEST(out.find(f.string() + where) != std::string::npos, where << " not in\n" << out);
    // with a good device the procedure is read too, and its errors join the others
    j = nlohmann::json::parse(std::ifstream(scenario("class1_type_approval.json")));
    j["procedure"]["tests"].push_back("tea");
    j["name"] = "Bad Name";
    std::ofstream(f) << j.dump(1);
    const std::string two = output_of("validate " + f.string());
    BOOST_TEST(two.find(f.string() + ":/name: ") != std::string::npos, two);
    BOOST_TEST(two.find(f.string() + ":/procedure/tests/4: ") != std::string::npos, two);
}

// `run --pdf` and `hilbench report` print report.html with headless Chromium. A browser that
// hangs is killed with its children at the time limit, a missing one is a warning for `run`
// and exit 2 for `report`, and neither leaves a half-written PDF.
BOOST_AUTO_TEST_CASE(report_prints_a_pdf_and_survives_a_bad_browser) {
    const fs::path dir = scratch("pdf");
    fs::remove_all(dir);
    const bool have_chromium = std::system("command -v chromium > /dev/null 2>&1") == 0;
    const std::string out = output_of("run " + (src / "scenarios/scale/span_error_initial.json").string() +
                                      " --quiet --pdf --out " + dir.string());
    if (have_chromium) {
        std::ifstream pdf(dir / "report.pdf", std::ios::binary);
        char magic[5] = {};
        pdf.read(magic, 4);
        BOOST_TEST(std::string(magic) == "%PDF", out);
    } else {
        BOOST_TEST(out.find("warning: report.pdf not written") != std::string::npos, out);
    }
    BOOST_TEST(run("report " + scratch("no-such-run").string()) == 2);
    BOOST_TEST(output_of("report " + src.string()).find("a folder without report.html") != std::string::npos);

    // a browser that never finishes, and leaves a child behind
    const fs::path fake = scratch("hanging-browser.sh");
    std::ofstream(fake) << "#!/bin/sh\nsleep 297 &\nsleep 297\n";
    fs::permissions(fake, fs::perms::owner_all);
    fs::remove(dir / "report.pdf");
    const auto t0 = std::chrono::steady_clock::now();
    const std::string env = "HILBENCH_CHROMIUM=" + fake.string() + " HILBENCH_PDF_TIMEOUT_S=2 ";
    const int rc = std::system((env + bin + " report " + dir.string() + " > /dev/null 2>&1").c_str());
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    BOOST_TEST(WEXITSTATUS(rc) == 2);
    BOOST_TEST(took < 30.0);
    BOOST_TEST(!fs::exists(dir / "report.pdf"));
    BOOST_TEST(!fs::exists(dir / "report.pdf.tmp"));
    BOOST_TEST(std::system("pgrep -f 'sleep 29[7]' > /dev/null") != 0);  // no process outlives it
    // a browser that is not there: `run --pdf` warns and still writes its reports
    const std::string warned = [&] {
        std::string o;
        FILE* p = popen(("HILBENCH_CHROMIUM=/nonexistent/chromium " + bin + " run " +
                         (src / "scenarios/scale/span_error_initial.json").string() + " --quiet --pdf --out " +
                         dir.string() + " 2>&1").c_str(), "r");
        char buf[4096];
        std::size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) o.append(buf, n);
        pclose(p);
        return o;
    }();
    BOOST_TEST(warned.find("warning: report.pdf not written: cannot run /nonexistent/chromium") != std::string::npos, warned);
    BOOST_TEST(fs::exists(dir / "report.html"));
    fs::remove_all(dir);
}

// Same scenario and seed: byte-identical result.json outside meta, whatever the job count.
BOOST_AUTO_TEST_CASE(deterministic_across_runs_and_job_counts) {
    const std::string s = scenario("class1_type_approval.json") + " --quiet";
    BOOST_REQUIRE(run("run " + s + " --jobs 1 --out " + scratch("det1").string()) == 0);
    BOOST_REQUIRE(run("run " + s + " --jobs 2 --out " + scratch("det2").string()) == 0);
    BOOST_TEST(result_without_meta(scratch("det1")).dump() == result_without_meta(scratch("det2")).dump());
    // another seed changes the noise, hence the measured errors
    BOOST_REQUIRE(run("run " + s + " --jobs 2 --seed 99 --out " + scratch("det3").string()) == 0);
    const auto a = result_without_meta(scratch("det1")), c = result_without_meta(scratch("det3"));
    BOOST_TEST(c.at("scenario").at("seed") == 99);
    std::size_t differing = 0;
    for (std::size_t k = 0; k < a.at("points").size(); ++k)
        differing += a.at("points").at(k).at("values") != c.at("points").at(k).at("values");
    BOOST_TEST(differing > 0u);
}

// With cheats drawing random numbers (seeded jitter), results and labels stay byte-identical.
BOOST_AUTO_TEST_CASE(deterministic_with_seeded_cheats) {
    const std::string s = (src / "scenarios/meter/cheats/loose_connection_fault.json").string() + " --quiet";
    BOOST_REQUIRE(run("run " + s + " --jobs 1 --out " + scratch("detc1").string()) == 0);
    BOOST_REQUIRE(run("run " + s + " --jobs 2 --out " + scratch("detc2").string()) == 0);
    BOOST_TEST(result_without_meta(scratch("detc1")).dump() == result_without_meta(scratch("detc2")).dump());
    auto slurp = [](const fs::path& p) {
        std::ifstream in(p);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    };
    const std::string labels = slurp(scratch("detc1") / "labels.csv");
    BOOST_TEST(labels == slurp(scratch("detc2") / "labels.csv"));
    BOOST_TEST(labels.find(",loose_terminal,FAULT,sensor.current_gain,10.000000,") != std::string::npos);
    BOOST_TEST(slurp(scratch("detc1") / "series/pf1_Ib_truth.csv") == slurp(scratch("detc2") / "series/pf1_Ib_truth.csv"));
}

// `sample` and `bit` fidelity agree on the error at every standard test point within
// 0.1 % (absolute, in error percent). Needs the bit-fidelity scenario's output (fixture).
BOOST_AUTO_TEST_CASE(sample_and_bit_fidelity_agree) {
    const fs::path bit_dir = build / "scenario-out" / "meter.class1_bit_fidelity";
    BOOST_REQUIRE(fs::exists(bit_dir / "result.json"));
    BOOST_REQUIRE(run("run " + scenario("class1_bit_fidelity.json") + " --fidelity sample --quiet --out " +
                      scratch("fid_sample").string()) == 0);
    const auto bit = result_without_meta(bit_dir), sample = result_without_meta(scratch("fid_sample"));
    BOOST_TEST(bit.at("device").at("fidelity") == "bit");
    BOOST_TEST(sample.at("device").at("fidelity") == "sample");
    std::size_t compared = 0;
    double worst = 0;
    for (const auto& pb : bit.at("points")) {
        if (pb.at("test") != "accuracy") continue;
        for (const auto& ps : sample.at("points"))
            if (ps.at("id") == pb.at("id")) {
                const double d = std::fabs(pb.at("values").at("error_pct").get<double>() -
                                           ps.at("values").at("error_pct").get<double>());
                worst = std::max(worst, d);
                BOOST_TEST(d <= 0.1, pb.at("id").get<std::string>() + " differs by " + std::to_string(d) + " %");
                ++compared;
            }
    }
    BOOST_TEST(compared == 12u);
    BOOST_TEST_MESSAGE("largest bit/sample difference: " << worst << " %");
}

// The README tables are the declarations: each device type's parameter table is in
// models/<family>/README.md, each standard's options in a README under harness/procedures/.
BOOST_AUTO_TEST_CASE(readme_tables_match_the_declarations) {
    auto slurp = [](const fs::path& p) {
        std::ifstream in(p);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    };
    // the table is there once, and its rules are not followed by an older copy of them
    auto current_in = [](const std::string& readme, const std::string& table) {
        const std::size_t at = readme.find(table);
        if (at == std::string::npos) return false;
        const std::size_t next = readme.find_first_not_of(" \n", at + table.size());
        return next == std::string::npos || readme.compare(next, 4, "Rule") != 0;
    };
    std::string procedure_readmes;
    for (const auto& e : fs::recursive_directory_iterator(src / "harness/procedures"))
        if (e.path().filename() == "README.md") procedure_readmes += slurp(e.path());
    const auto list = nlohmann::json::parse(output_of("list --json"));
    std::size_t types = 0, standards = 0;
    for (const auto& fam : list.at("families")) {
        const std::string family = fam.at("name").get<std::string>();
        for (const auto& t : fam.at("device_types")) {
            const std::string type = t.get<std::string>();
            const std::string readme = slurp(src / "models" / family / "README.md");
            const std::string table = output_of("describe " + type + " --markdown");
            BOOST_TEST(table.size() > 500u);
            BOOST_TEST(current_in(readme, table), "models/" + family + "/README.md lacks the current table; "
                                                                "regenerate it with `hilbench describe " + type + " --markdown`");
            ++types;
        }
        for (const auto& s : fam.at("standards")) {
            const std::string id = s.at("id").get<std::string>();
            const std::string table = output_of("describe " + id + " --markdown");
            BOOST_TEST(table.size() > 100u);
            BOOST_TEST(current_in(procedure_readmes, table),
                       "no README under harness/procedures/ has the current options of " + id +
                           "; regenerate them with `hilbench describe " + id + " --markdown`");
            ++standards;
        }
    }
    BOOST_TEST(types >= 2u);
    BOOST_TEST(standards >= 7u);
    const std::string campaign_table = output_of("describe campaign --markdown");
    BOOST_TEST(campaign_table.size() > 500u);
    BOOST_TEST(current_in(slurp(src / "harness/campaign/README.md"), campaign_table),
               "harness/campaign/README.md lacks the current table; regenerate it with `hilbench describe campaign --markdown`");
    const std::string detector_table = output_of("describe detectors --markdown");
    BOOST_TEST(detector_table.size() > 500u);
    BOOST_TEST(current_in(slurp(src / "harness/detect/README.md"), detector_table),
               "harness/detect/README.md lacks the current table; regenerate it with `hilbench describe detectors --markdown`");
    BOOST_TEST(slurp(src / "scenarios/schema/detectors.schema.json") == output_of("schema --detectors"),
               "scenarios/schema/detectors.schema.json is stale; regenerate it with "
               "`hilbench schema --detectors > scenarios/schema/detectors.schema.json`");
    // the committed campaign schema is the one the declarations give
    BOOST_TEST(slurp(src / "scenarios/schema/campaign.schema.json") == output_of("schema --campaign"),
               "scenarios/schema/campaign.schema.json is stale; regenerate it with "
               "`hilbench schema --campaign > scenarios/schema/campaign.schema.json`");
}

// The scale in `bit` and `sample` fidelity: every reading of the weighing test agrees within
// 0.2 e after the changeover method (its resolution is 0.1 e), eccentricity within 0.2 e,
// and the verdicts of zero tracking and price agree. Needs the bit scenario's output.
// The dispenser's JJG 443 campaign in bit fidelity (the pulser's pins into the RTL every
// 30.5 us clock) and in sample fidelity (pulse events only) gives the same verdicts and the
// same readings, errors and amounts; only the self-lock's moment may differ, as the injected
// pulses meet the real ones at other phases. Runs twice give the same result (determinism).
BOOST_AUTO_TEST_CASE(dispenser_sample_and_bit_fidelity_agree) {
    const std::string scen = (src / "scenarios/dispenser/conforming_type_approval.json").string();
    BOOST_REQUIRE(run("run " + scen + " --fidelity bit --quiet --out " + scratch("fd_bit").string()) == 0);
    BOOST_REQUIRE(run("run " + scen + " --fidelity sample --quiet --out " + scratch("fd_sample").string()) == 0);
    BOOST_REQUIRE(run("run " + scen + " --fidelity sample --quiet -j 1 --out " + scratch("fd_sample2").string()) == 0);
    const auto bit = result_without_meta(scratch("fd_bit")), sample = result_without_meta(scratch("fd_sample"));
    BOOST_TEST(sample.dump() == result_without_meta(scratch("fd_sample2")).dump());
    std::size_t compared = 0;
    for (const auto& pb : bit.at("points"))
        for (const auto& ps : sample.at("points")) {
            if (ps.at("id") != pb.at("id")) continue;
            BOOST_TEST(pb.at("verdict") == ps.at("verdict"), pb.at("id").get<std::string>());
            if (pb.at("id") == "self_lock") continue;
            BOOST_TEST(pb.at("values") == ps.at("values"), pb.at("id").get<std::string>());
            ++compared;
        }
    BOOST_TEST(compared == 8u);
    // a seeded cheat and the customer audit's random customers: byte-identical outside meta
    // for 1 and 2 jobs
    const std::string cheat = (src / "scenarios/dispenser/cheats/flow_gated_short_delivery.json").string();
    BOOST_REQUIRE(run("run " + cheat + " --quiet -j 1 --out " + scratch("fd_cheat1").string()) == 1);
    BOOST_REQUIRE(run("run " + cheat + " --quiet -j 2 --out " + scratch("fd_cheat2").string()) == 1);
    BOOST_TEST(result_without_meta(scratch("fd_cheat1")).dump() == result_without_meta(scratch("fd_cheat2")).dump());
}

namespace {
// A scenario that must be refused as bad input: `validate` and `run` exit 2, nothing is written,
// and the message names the file with the JSON pointer (where) and says what was expected (says).
void expect_bad_input(const std::string& name, const nlohmann::json& j, const std::string& where, const std::string& says) {
    fs::create_directories(scratch(""));
    const fs::path f = scratch(name + ".json");
    std::ofstream(f) << j.dump(1);
    BOOST_TEST(run("validate " + f.string()) == 2, name);
    BOOST_TEST(run("run " + f.string() + " --quiet --out " + scratch("never").string()) == 2, name);
    const std::string out = output_of("validate " + f.string());
    BOOST_TEST(out.find(f.string() + where) != std::string::npos, name << ": " << out);
    BOOST_TEST(out.find(says) != std::string::npos, name << ": " << out);
    BOOST_TEST(!fs::exists(scratch("never")), name);
}
}  // namespace

// Dispenser options the rating or the lab cannot serve are bad input with the option's pointer:
// a flow above Qmax, a draft below the MMQ, a draft larger than the largest measure or no
// measure's nominal volume, customer drafts below the MMQ.
BOOST_AUTO_TEST_CASE(dispenser_bad_input_names_the_option) {
    const nlohmann::json base =
        nlohmann::json::parse(std::ifstream(src / "scenarios/dispenser/conforming_type_approval.json"));
    struct bad_case {
        const char* name;
        std::function<void(nlohmann::json&)> edit;
        const char* where;
        const char* says;
    };
    const std::vector<bad_case> cases = {
        {"flow_above_qmax", [](nlohmann::json& j) { j["procedure"]["options"]["intermediate_flow_l_per_min"] = 80; },
         ":/procedure/options/intermediate_flow_l_per_min: ", "within the dispenser's [Qmin, Qmax] = [5, 50] L/min, got 80"},
        {"draft_below_mmq",
         [](nlohmann::json& j) {
             j["device"]["params"]["mmq_l"] = 10;
             j["procedure"]["options"]["draft_l"] = 5;
         },
         ":/procedure/options/draft_l: ", "at least the MMQ (10 L), got 5"},
        {"draft_beyond_the_measures", [](nlohmann::json& j) { j["procedure"]["options"]["draft_l"] = 60; },
         ":/procedure/options/draft_l: ", "expected number in [5, 50], got number 60"},
        {"draft_no_measure", [](nlohmann::json& j) { j["procedure"]["options"]["draft_l"] = 30; },
         ":/procedure/options/draft_l: ", "one of the lab's standard measures (5, 20 or 50 L), got 30"},
        {"audit_below_mmq",
         [](nlohmann::json& j) {
             j.erase("procedure");
             j["procedure"] = {{"standard", "customer-audit"}, {"options", {{"min_volume_l", 1}}}};
         },
         ":/procedure/options/min_volume_l: ", "at least the MMQ (2 L), got 1"}};
    for (const auto& c : cases) {
        nlohmann::json j = base;
        c.edit(j);
        expect_bad_input(std::string("dispenser_") + c.name, j, c.where, c.says);
    }
}

// The lab's temperature corrections have a validity range: with the fuel at 10 degC in the
// meter and the air at 40 degC the fuel reaches the measure more than 4 degC warmer, and the
// run's test condition fails while the corrected error itself stays within the MPE.
BOOST_AUTO_TEST_CASE(dispenser_temperature_condition_is_judged) {
    nlohmann::json j = nlohmann::json::parse(std::ifstream(src / "scenarios/dispenser/conforming_type_approval.json"));
    j["environment"]["temperature_c"] = nlohmann::json::array({nlohmann::json::array({0, 40.0})});
    j["environment"]["fuel_temperature_c"] = nlohmann::json::array({nlohmann::json::array({0, 10.0})});
    j["procedure"]["points"] = {"accuracy_qmax"};
    j.erase("expect");
    fs::create_directories(scratch(""));
    const fs::path f = scratch("dispenser_hot_measure.json");
    std::ofstream(f) << j.dump(1);
    BOOST_REQUIRE(run("run " + f.string() + " --quiet -j 1 --out " + scratch("fd_hot").string()) == 1);
    const auto r = result_without_meta(scratch("fd_hot"));
    const auto& p = r.at("points").at(0);
    BOOST_TEST(p.at("verdict") == "fail");
    for (const auto& c : p.at("checks")) {
        const std::string q = c.at("quantity");
        if (q == "temperature_difference_c") {
            BOOST_TEST(!c.at("pass").get<bool>());
            BOOST_TEST(c.at("value").get<double>() == 0.15 * 30, boost::test_tools::tolerance(1e-6));  // 15 % of the way
        } else {
            BOOST_TEST(c.at("pass").get<bool>(), q);
        }
    }
}

// Charger input the rating, the billing rules or OCMF cannot serve: bad input with the pointer
// and exit 2 (a current above the rating, overlapping tariff periods, a key that is not a P-256
// key, a load point or a test voltage the standard or the charger does not have, a standard for
// the other kind of charger).
BOOST_AUTO_TEST_CASE(charger_bad_input_names_the_place) {
    const nlohmann::json dc = nlohmann::json::parse(std::ifstream(src / "scenarios/charger/conforming_dc_charger.json"));
    const nlohmann::json ac = nlohmann::json::parse(std::ifstream(src / "scenarios/charger/conforming_ac_post.json"));
    struct bad_case {
        const char* name;
        const nlohmann::json* base;
        std::function<void(nlohmann::json&)> edit;
        const char* where;
        const char* says;
    };
    const std::vector<bad_case> cases = {
        {"current_above_the_meter", &dc, [](nlohmann::json& j) { j["device"]["params"]["max_current_a"] = 300; },
         ":/device/params/max_current_a: ", "expected Imax within the meter's maximum current (250"},
        {"current_above_the_range", &ac, [](nlohmann::json& j) { j["device"]["params"]["max_current_a"] = 100; },
         ":/device/params/max_current_a: ", "expected number in [6, 80], got number 100"},
        {"tariff_overlap", &ac,
         [](nlohmann::json& j) {
             j["device"]["params"]["billing"] = {
                 {"tariff", {{{"from_h", 0}, {"to_h", 12}, {"price_cny_per_kwh", 0.5}},
                             {{"from_h", 11}, {"to_h", 24}, {"price_cny_per_kwh", 1.0}}}}};
         },
         ":/device/params/billing/tariff/1/from_h: ", "overlaps period 0 at 11:00"},
        {"key_not_p256", &dc, [](nlohmann::json& j) { j["device"]["params"]["ocmf"] = {{"signing_key", std::string(64, 'F')}}; },
         ":/device/params/ocmf/signing_key: ", "below the curve order n"},
        {"key_not_hex", &ac, [](nlohmann::json& j) { j["device"]["params"]["ocmf"] = {{"signing_key", "not a key"}}; },
         ":/device/params/ocmf/signing_key: ", "expected 64 hex digits"},
        {"load_point_unknown", &dc, [](nlohmann::json& j) { j["procedure"]["options"]["load_points"] = {"imax", "imax_pf05"}; },
         ":/procedure/options/load_points/1: ", "expected one of jjg-1149-2022's load points"},
        {"dc_voltage_beyond_power", &dc, [](nlohmann::json& j) { j["procedure"]["options"]["dc_test_voltage_v"] = 700; },
         ":/procedure/options/dc_test_voltage_v: ", "within the charger's 120 kW, got 700 V (140 kW)"},
        {"standard_of_the_other_kind", &ac, [](nlohmann::json& j) { j["procedure"]["standard"] = "jjg-1149-2022"; },
         ":/procedure/standard: ", "expected a standard for an AC post"}};
    for (const auto& c : cases) {
        nlohmann::json j = *c.base;
        c.edit(j);
        expect_bad_input(std::string("charger_") + c.name, j, c.where, c.says);
    }
}

// The DC charger in bit and sample fidelity: the same verdicts, and working errors within
// 0.02 % of each other (the test output's pulses meet the gate at other phases). Determinism:
// a seeded cheat gives byte-identical results outside meta for 1 and 2 jobs.
BOOST_AUTO_TEST_CASE(charger_fidelities_agree_and_runs_are_deterministic) {
    nlohmann::json j = nlohmann::json::parse(std::ifstream(src / "scenarios/charger/conforming_dc_charger.json"));
    j["procedure"]["tests"] = {"working_error"};
    j["procedure"]["options"]["load_points"] = {"imax", "imin"};
    j["procedure"]["options"]["gate_pulses"] = 20;
    j.erase("expect");
    fs::create_directories(scratch(""));
    const fs::path f = scratch("charger_fidelity.json");
    std::ofstream(f) << j.dump(1);
    BOOST_REQUIRE(run("run " + f.string() + " --quiet -j 2 --fidelity bit --out " + scratch("ch_bit").string()) == 0);
    BOOST_REQUIRE(run("run " + f.string() + " --quiet -j 2 --fidelity sample --out " + scratch("ch_sample").string()) == 0);
    const auto bit = result_without_meta(scratch("ch_bit")), smp = result_without_meta(scratch("ch_sample"));
    BOOST_REQUIRE(bit.at("points").size() == 2u);
    for (std::size_t k = 0; k < 2; ++k) {
        const auto& a = bit.at("points").at(k);
        const auto& b = smp.at("points").at(k);
        BOOST_TEST(a.at("verdict") == b.at("verdict"));
        const double ea = a.at("values").at("error_pct").get<double>(), eb = b.at("values").at("error_pct").get<double>();
        BOOST_TEST(std::fabs(ea - eb) < 0.02, a.at("id") << ": bit " << ea << " %, sample " << eb << " %");
    }
    const std::string cheat = (src / "scenarios/charger/cheats/cable_id_change.json").string();
    BOOST_REQUIRE(run("run " + cheat + " --quiet -j 1 --out " + scratch("ch_cheat1").string()) == 1);
    BOOST_REQUIRE(run("run " + cheat + " --quiet -j 2 --out " + scratch("ch_cheat2").string()) == 1);
    BOOST_TEST(result_without_meta(scratch("ch_cheat1")).dump() == result_without_meta(scratch("ch_cheat2")).dump());
}

BOOST_AUTO_TEST_CASE(scale_sample_and_bit_fidelity_agree) {
    const fs::path bit_dir = build / "scenario-out" / "scale.class3_bit_fidelity";
    BOOST_REQUIRE(fs::exists(bit_dir / "result.json"));
    BOOST_REQUIRE(run("run " + (src / "scenarios/scale/class3_bit_fidelity.json").string() +
                      " --fidelity sample --quiet --out " + scratch("scale_fid_sample").string()) == 0);
    const auto bit = result_without_meta(bit_dir), sample = result_without_meta(scratch("scale_fid_sample"));
    BOOST_TEST(bit.at("device").at("fidelity") == "bit");
    auto csv = [](const fs::path& p) {
        std::ifstream in(p);
        std::vector<std::vector<double>> rows;
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            std::vector<double> r;
            std::stringstream ls(line);
            std::string cell;
            while (std::getline(ls, cell, ',')) r.push_back(std::stod(cell));
            rows.push_back(r);
        }
        return rows;
    };
    const auto wb = csv(bit_dir / "series/weighing_weighing.csv");
    const auto ws = csv(scratch("scale_fid_sample") / "series/weighing_weighing.csv");
    BOOST_REQUIRE(wb.size() == ws.size());
    BOOST_REQUIRE(wb.size() >= 19u);
    double worst = 0;
    for (std::size_t k = 0; k < wb.size(); ++k) {
        BOOST_TEST(wb[k][0] == ws[k][0]);                      // the same load
        worst = std::max(worst, std::fabs(wb[k][6] - ws[k][6]));  // corrected_error_e
    }
    BOOST_TEST(worst <= 0.2 + 1e-9, "largest difference " << worst << " e");
    BOOST_TEST_MESSAGE("largest bit/sample difference in the weighing test: " << worst << " e");
    for (const auto& pb : bit.at("points"))
        for (const auto& ps : sample.at("points"))
            if (ps.at("id") == pb.at("id")) {
                BOOST_TEST(pb.at("verdict") == ps.at("verdict"), pb.at("id").get<std::string>());
                if (pb.at("id") == "eccentricity")
                    BOOST_TEST(std::fabs(pb.at("values").at("worst_corrected_error_g").get<double>() -
                                         ps.at("values").at("worst_corrected_error_g").get<double>()) <= 1.0 + 1e-9);
            }
}

// A scale campaign with a key-code cheat and a market audit: byte-identical results,
// labels and truth series for one and two jobs.
BOOST_AUTO_TEST_CASE(scale_deterministic_with_cheats) {
    const std::string s = (src / "scenarios/scale/cheats/keycode_multiplier.json").string() + " --quiet";
    BOOST_REQUIRE(run("run " + s + " --jobs 1 --out " + scratch("scale_det1").string()) == 1);
    BOOST_REQUIRE(run("run " + s + " --jobs 2 --out " + scratch("scale_det2").string()) == 1);
    BOOST_TEST(result_without_meta(scratch("scale_det1")).dump() == result_without_meta(scratch("scale_det2")).dump());
    auto slurp = [](const fs::path& p) {
        std::ifstream in(p);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    };
    const std::string labels = slurp(scratch("scale_det1") / "labels.csv");
    BOOST_TEST(labels == slurp(scratch("scale_det2") / "labels.csv"));
    BOOST_TEST(labels.find(",market_audit,key_113_tare,CHEAT,fw.weight_g,") != std::string::npos);
    BOOST_TEST(slurp(scratch("scale_det1") / "series/market_audit_truth.csv") ==
               slurp(scratch("scale_det2") / "series/market_audit_truth.csv"));
}

// The ground truth carries the internal probes a researcher needs for the ADC-coefficient
// detector: (ADC code - empty code) / displayed weight is the calibrated coefficient while
// the scale is honest and drops by the cheat's factor while the key-code cheat is active.
// Needs the key-code scenario's output (fixture).
BOOST_AUTO_TEST_CASE(scale_truth_probes_show_the_cheat_in_the_adc_coefficient) {
    const fs::path dir = build / "scenario-out" / "scale.cheats.keycode_multiplier";
    BOOST_REQUIRE(fs::exists(dir / "series/market_audit_truth.csv"));
    std::ifstream in(dir / "series/market_audit_truth.csv");
    std::string line;
    std::getline(in, line);
    std::vector<std::string> cols;
    {
        std::stringstream hs(line);
        std::string c;
        while (std::getline(hs, c, ',')) cols.push_back(c);
    }
    auto col = [&](const std::string& name) {
        const auto it = std::find(cols.begin(), cols.end(), name);
        BOOST_REQUIRE(it != cols.end());
        return std::size_t(it - cols.begin());
    };
    const std::size_t ct = col("time_s"), cm = col("true_mass_g"), ci = col("indicated_g"), ca = col("adc_code_lsb");
    std::vector<std::vector<double>> rows;
    while (std::getline(in, line)) {
        std::vector<double> r;
        std::stringstream ls(line);
        std::string cell;
        while (std::getline(ls, cell, ',')) r.push_back(cell.empty() ? std::nan("") : std::stod(cell));
        rows.push_back(r);
    }
    // the cheat's activation from the labels
    std::ifstream lin(dir / "labels.csv");
    double onset = -1, end = -1;
    while (std::getline(lin, line))
        if (line.find(",market_audit,key_113_tare,") != std::string::npos) {
            std::vector<std::string> f;
            std::stringstream ls(line);
            std::string cell;
            while (std::getline(ls, cell, ',')) f.push_back(cell);
            onset = std::stod(f[7]);
            end = std::stod(f[8]);
        }
    BOOST_REQUIRE(onset > 0);
    // the empty receptor's code just before the first load
    double adc0 = std::nan("");
    for (std::size_t k = 0; k < rows.size(); ++k)
        if (rows[k][cm] > 0) {
            adc0 = rows[k > 0 ? k - 1 : 0][ca];
            break;
        }
    BOOST_REQUIRE(std::isfinite(adc0));
    std::vector<double> honest, cheating;
    for (std::size_t k = 2; k < rows.size(); ++k) {
        const auto& r = rows[k];
        // a steady load placed at least two seconds ago, shown with a weighing result
        if (!(r[ci] >= 500) || rows[k - 2][cm] != r[cm]) continue;
        const double coeff = (r[ca] - adc0) / r[ci];
        if (r[ct] > onset + 2 && r[ct] < end) cheating.push_back(coeff);
        if (r[ct] < onset || r[ct] > end + 2) honest.push_back(coeff);
    }
    BOOST_REQUIRE(honest.size() >= 5u);
    BOOST_REQUIRE(cheating.size() >= 5u);
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    const double k_honest = median(honest), k_cheat = median(cheating);
    BOOST_TEST(k_honest / k_cheat == 1.2, boost::test_tools::tolerance(0.01));
    for (double c : honest) BOOST_TEST(c / k_honest == 1.0, boost::test_tools::tolerance(0.01));
}
