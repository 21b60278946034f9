#define BOOST_TEST_MODULE reports
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "reports/report_writer.h"
#include "reports/sections/meter_sections.h"

using namespace hilbench::reports;
namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

// the parts of the report an electricity-meter family adds
section_list meter_sections() { return {&sections::meter_device(), &sections::iec62053_accuracy_curves()}; }

run_record sample_record() {
    run_record r;
    r.scenario_path = "scenarios/meter/x.json";
    r.scenario_sha256 = std::string(64, 'a');
    r.scenario_name = "x";
    r.scenario_description = "a <test> & more";
    r.seed = 9;
    r.device_type = "meter.single_phase";
    r.fidelity = "sample";
    r.device_params = {{"basic_current_a", 5.0}, {"accuracy_class", "1"}};
    r.standard = "iec62053-21:2003";
    r.verdict = "fail";
    const double currents[] = {0.25, 0.5, 5, 60};
    const char* ids[] = {"pf1_0.05Ib", "pf1_0.1Ib", "pf1_Ib", "pf1_Imax"};
    for (int k = 0; k < 4; ++k) {
        point_record p;
        p.id = ids[k];
        p.test = "accuracy";
        p.title = "accuracy";
        p.verdict = k == 2 ? "fail" : "pass";
        p.conditions = {{"voltage_v", 230}, {"current_a", currents[k]}, {"power_factor", 1}, {"phase_deg", 0}};
        p.values = {{"error_pct", k == 2 ? 1.2 : 0.1}, {"mpe_pct", k == 0 ? 1.5 : 1.0}, {"uncertainty_pct", 0.06},
                    {"duration_s", 10}};
        p.checks = {{"rounded error within the MPE", "error_pct", k == 2 ? 1.2 : 0.1, "abs_le", k == 0 ? 1.5 : 1.0, k != 2}};
        p.series.push_back({"readings", {"reading", "error_pct"}, {{1, 0.1}, {2, 0.1}}});
        p.wall_s = 1.234;  // meta only
        r.points.push_back(p);
    }
    point_record e;
    e.id = "no_load";
    e.test = "no_load";
    e.verdict = "error";
    e.note = "simulation process killed by signal 9";
    r.points.push_back(e);
    r.audit_trail.push_back({1, 1, 0.0, "parameter_change", "factory", "IGAIN", "4194304", "4257218"});
    r.meta = {{"wall_s", 3.2}};
    return r;
}
}  // namespace

BOOST_AUTO_TEST_CASE(writes_all_files_with_the_right_content) {
    const fs::path dir = fs::temp_directory_path() / "hilbench-report-test";
    fs::remove_all(dir);
    const run_record r = sample_record();
    write_all(r, dir.string(), meter_sections());
    for (const char* f : {"result.json", "junit.xml", "points.csv", "report.html", "series/pf1_Ib_readings.csv"})
        BOOST_TEST(fs::exists(dir / f), f);

    const auto j = nlohmann::json::parse(slurp(dir / "result.json"));
    BOOST_TEST(j.at("verdict") == "fail");
    BOOST_TEST(j.at("points").size() == 5u);
    BOOST_TEST(j.at("points").at(2).at("values").at("error_pct") == 1.2);
    BOOST_TEST(!j.at("points").at(0).contains("wall_s"));  // wall-clock facts stay in meta
    BOOST_TEST(j.at("meta").at("wall_s") == 3.2);

    const std::string junit = slurp(dir / "junit.xml");
    BOOST_TEST(junit.find("tests=\"5\" failures=\"1\" errors=\"1\"") != std::string::npos);
    BOOST_TEST(junit.find("<failure") != std::string::npos);
    BOOST_TEST(junit.find("<error message=\"simulation process killed by signal 9\"") != std::string::npos);

    const std::string csv = slurp(dir / "points.csv");
    BOOST_TEST(std::count(csv.begin(), csv.end(), '\n') == 6);

    const std::string html = slurp(dir / "report.html");
    BOOST_TEST(html.find("a &lt;test&gt; &amp; more") != std::string::npos);  // escaped
    BOOST_TEST(html.find("<svg") != std::string::npos);                      // the error curve
    BOOST_TEST(html.find("id=\"overall\" class=\"verdict fail\"") != std::string::npos);
    BOOST_TEST(html.find("<tr class=\"fail\" data-point=\"pf1_Ib\"><td>pf1_Ib</td>") != std::string::npos);
    BOOST_TEST(html.find("IGAIN") != std::string::npos);  // the audit trail
    // laid out as the OIML report formats: identification, checklist, a form per test
    for (const char* part : {"id=\"identification\"", "id=\"checklist\"", "id=\"test-accuracy\"", "Reference standard"})
        BOOST_TEST(html.find(part) != std::string::npos, part);
    // the checklist judges the requirement by its worst point, with value and limit in words
    BOOST_TEST(html.find("rounded error within the MPE</td><td>pf1_Ib</td>") != std::string::npos);
    // every id of the page is unique, the plots' included
    std::map<std::string, int> ids;
    for (std::size_t at = html.find(" id="); at != std::string::npos; at = html.find(" id=", at + 4)) {
        const char q = html[at + 4];
        ids[html.substr(at + 5, html.find(q, at + 5) - at - 5)]++;
    }
    for (const auto& [id, n] : ids) BOOST_TEST(n == 1, id << " appears " << n << " times");
    BOOST_TEST(ids.size() > 20u);
    // no number in exponent notation and no snake_case key as a column title
    const std::string text = html.substr(0, html.find("<svg"));
    BOOST_TEST(text.find("e+0") == std::string::npos);
    BOOST_TEST(text.find("<th>error_pct") == std::string::npos);
    fs::remove_all(dir);
}

// Plots say what they show: axes titled with quantity and unit (a day in h, energy in kWh), one
// legend entry for the MPE envelope, time from zero.
BOOST_AUTO_TEST_CASE(plots_title_their_axes_and_legends_once) {
    const fs::path dir = fs::temp_directory_path() / "hilbench-report-plots";
    fs::remove_all(dir);
    run_record r = sample_record();
    point_record day;
    day.id = "day";
    day.test = "field_profile";
    day.verdict = "pass";
    day.labels.push_back({"defeat", "CHEAT", "sensor.current_gain", 3600, 7200, 0.97, "factor"});
    series_table truth{"truth", {"time_s", "true_energy_wh", "cf_energy_wh", "display_energy_wh"}, {}};
    for (int k = 0; k <= 96; ++k) {
        const double t = k * 900.0, e = t * 0.5;  // 1.8 kW for a day: 43.2 kWh
        truth.rows.push_back({t, e, e * 0.98, e * 0.98});
    }
    day.series.push_back(truth);
    r.points.push_back(day);
    write_all(r, dir.string(), meter_sections());
    const std::string html = slurp(dir / "report.html");
    const std::string svg = html.substr(html.find("<svg"));
    for (const char* words : {"Error (%)", "Current / Ib", "Time (h)", "Energy (kWh)", "true energy (reference)"})
        BOOST_TEST(svg.find(words) != std::string::npos, words);
    for (const char* key : {"error_pct", "time_s", "energy_wh", "-MPE", "+MPE"}) BOOST_TEST(svg.find(key) == std::string::npos, key);
    // one "MPE (±)" legend entry in the one error-vs-current plot (PF 1)
    std::size_t n = 0;
    for (std::size_t at = html.find("MPE (±)</text>"); at != std::string::npos; at = html.find("MPE (±)</text>", at + 1)) ++n;
    BOOST_TEST(n == 1u);
    fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(result_json_is_deterministic_outside_meta) {
    const fs::path a = fs::temp_directory_path() / "hilbench-report-a", b = fs::temp_directory_path() / "hilbench-report-b";
    run_record r1 = sample_record(), r2 = sample_record();
    r2.meta = {{"wall_s", 99.0}};
    r2.points[0].wall_s = 42;
    write_result_json(r1, a.string());
    write_result_json(r2, b.string());
    auto j1 = nlohmann::json::parse(slurp(a / "result.json")), j2 = nlohmann::json::parse(slurp(b / "result.json"));
    BOOST_TEST(j1 != j2);
    j1.erase("meta");
    j2.erase("meta");
    BOOST_TEST(j1.dump() == j2.dump());
    fs::remove_all(a);
    fs::remove_all(b);
}

// A plot that cannot be drawn (here: no gnuplot) leaves a note; the report is still written.
BOOST_AUTO_TEST_CASE(a_failing_plot_does_not_lose_the_report) {
    const fs::path dir = fs::temp_directory_path() / "hilbench-report-noplot";
    fs::remove_all(dir);
    std::signal(SIGPIPE, SIG_IGN);
    setenv("GNUPLOT_IOSTREAM_CMD", "false", 1);
    BOOST_CHECK_NO_THROW(write_all(sample_record(), dir.string(), meter_sections()));
    unsetenv("GNUPLOT_IOSTREAM_CMD");
    const std::string html = slurp(dir / "report.html");
    BOOST_TEST(html.find("unavailable") != std::string::npos);
    BOOST_TEST(html.find("<tr class=\"fail\" data-point=\"pf1_Ib\"><td>pf1_Ib</td>") != std::string::npos);
    BOOST_TEST(fs::exists(dir / "result.json"));
    fs::remove_all(dir);
}

// A point record crosses from the simulation process to the parent as JSON: a value or a
// series cell that could not be measured (NaN, e.g. no weighing result) survives as NaN.
BOOST_AUTO_TEST_CASE(unmeasured_values_survive_the_process_boundary) {
    point_record p;
    p.id = "weighing";
    p.test = "weighing";
    p.title = "weighing";
    p.verdict = "fail";
    p.values = {{"e0_g", std::nan("")}, {"loads", 10}};
    p.series.push_back({"weighing", {"load_g", "indication_g"}, {{15000, std::nan("")}, {100, 100}}});
    const point_record q = point_from_json(nlohmann::json::parse(to_json(p).dump()));
    BOOST_REQUIRE(find_value(q.values, "e0_g") != nullptr);
    BOOST_TEST(std::isnan(*find_value(q.values, "e0_g")));
    BOOST_TEST(*find_value(q.values, "loads") == 10.0);
    BOOST_REQUIRE(q.series.size() == 1u);
    BOOST_TEST(std::isnan(q.series[0].rows[0][1]));
    BOOST_TEST(q.series[0].rows[1][1] == 100.0);
}

// Simulator statistics keep their unit and meaning across the process boundary and in result.json.
BOOST_AUTO_TEST_CASE(statistics_keep_their_units) {
    point_record p;
    p.id = "pf1_Ib";
    p.stats = {{"rtl_clock_cycles", "cycle", "clock cycles of the front end", 8.192e6}, {"simulated_s", "s", "simulated time", 10}};
    const point_record q = point_from_json(nlohmann::json::parse(to_json(p).dump()));
    BOOST_REQUIRE(q.stats.size() == 2u);
    BOOST_TEST(q.stats[0].name == "rtl_clock_cycles");
    BOOST_TEST(q.stats[0].unit == "cycle");
    BOOST_TEST(q.stats[0].description == "clock cycles of the front end");
    BOOST_TEST(q.stats[0].value == 8.192e6);
    run_record r = sample_record();
    r.points.front().stats = p.stats;
    const nlohmann::json j = to_json(r);
    BOOST_TEST(j.at("points").at(0).at("stats").at("simulated_s").at("unit") == "s");
    BOOST_TEST(j.at("points").at(0).at("stats").at("simulated_s").at("value") == 10.0);
}
