// The instrument-family seam: a toy family made of a few lines here (a pulse counter, a lab,
// a one-point standard, a report part) goes through the real loader, plan builder, process
// pool, point runner and report writer, and nothing shared needs to know it.
#define BOOST_TEST_MODULE family_seam
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <systemc>

#include "harness/bench/run.h"
#include "harness/families/family.h"
#include "harness/procedures/sim_time.h"
#include "harness/scenario/schema.h"
#include "reports/report_writer.h"


namespace fs = std::filesystem;
using namespace hilbench;

namespace {

// --- the toy family: a counter that counts at a declared rate
struct toy_params {
    double rate_hz = 2;
};
const params_of<toy_params>& toy_table() {
    static const params_of<toy_params> t = [] {
        params_of<toy_params> p;
        p.number("rate_hz", &toy_params::rate_hz, "Hz", 0.1, 100, "counting rate");
        return p;
    }();
    return t;
}

struct toy_counter : sc_core::sc_module {
    toy_counter(sc_core::sc_module_name n, double rate_hz) : sc_core::sc_module(n), period_s(1.0 / rate_hz) {
        SC_HAS_PROCESS(toy_counter);
        SC_THREAD(count);
    }
    void count() {
        for (;;) {
            wait(sc_core::sc_time(period_s, sc_core::SC_SEC));
            ++counts;
        }
    }
    double period_s;
    long counts = 0;
};

// what the toy procedure does: count honestly, spin in zero time, or overrun its plan
struct toy_options {
    std::string behaviour = "count";
};
const params_of<toy_options>& toy_options_table() {
    static const params_of<toy_options> t = [] {
        params_of<toy_options> p;
        p.choice("behaviour", &toy_options::behaviour, {"count", "stall", "overrun"}, "what the procedure does");
        return p;
    }();
    return t;
}

struct toy_lab : procedures::lab {
    explicit toy_lab(const toy_counter& c) : counter(c) {}
    const toy_counter& counter;
};

struct toy_bench : families::bench {
    explicit toy_bench(const families::bench_request& rq)
        : counter("counter", std::any_cast<const toy_params&>(rq.device.params).rate_hz), lab_(counter) {}
    procedures::lab& lab() override { return lab_; }
    std::vector<reports::audit_row> audit_trail() const override { return {}; }
    std::string software_id() const override { return "toy 1.0"; }
    std::vector<reports::stat_row> stats() const override {
        return {{"counts", "count", "counts so far", double(counter.counts)}};
    }
    void trace(const std::string&, double) override {}
    std::vector<std::string> truth_columns() const override { return {"time_s", "counts"}; }
    std::vector<double> truth_row(double t) const override { return {t, double(counter.counts)}; }
    toy_counter counter;
    toy_lab lab_;
};

// counts for 10 s (ending between two counts); the count must be rate x 10 within one
struct toy_procedure : procedures::procedure_in<toy_lab> {
    toy_procedure(double rate, std::string what) : rate_hz(rate), behaviour(std::move(what)) {}
    std::string standard_id() const override { return "toy-standard"; }
    std::string title() const override { return "toy counting test"; }
    std::string decision_rule() const override { return "|count - rate x 10 s| <= 1"; }
    std::vector<procedures::test_point> plan() const override {
        return {{behaviour == "count" ? "count_10s" : behaviour, "count", "count for 10 s", {}, 0, "[M]"}};
    }
    std::vector<reports::test_info> tests() const override { return {{"count", "Counting", "1", "M"}}; }
    double expected_duration_s(const procedures::test_point&) const override { return 10; }
    reports::point_record run_in(const procedures::test_point& p, toy_lab& lab) const override {
        reports::point_record r = procedures::start_record(p);
        if (behaviour == "stall")  // a deadline that is always now: every wait returns at once
            for (;;) procedures::wait_until(lab, never, procedures::now_s(), [] { return false; });
        procedures::wait_s(lab, behaviour == "overrun" ? 1e6 : 10.05);
        const double n = double(lab.counter.counts);
        r.values = {{"counts", n}, {"expected_counts", rate_hz * 10}};
        procedures::judge(r, "counts in 10 s, off by at most one", "count_error", n - rate_hz * 10,
                          procedures::must::be_within, 1);
        return r;
    }
    double rate_hz;
    std::string behaviour;
    sc_core::sc_event never;
};

struct toy_section : reports::report_section {
    std::string test_detail(const reports::run_record& r, const std::string& test, const std::string&) const override {
        if (test != "count") return "";
        return "<div id=\"toy\">Toy counts: " + std::to_string(r.points.size()) + " point</div>";
    }
};

families::family make_toy() {
    static const std::vector<engine::tap_decl> taps;
    static const std::vector<engine::driftable_decl> drifts;
    static const std::vector<engine::observable_decl> observables;
    static const toy_section section;
    families::family f;
    f.decl.name = "toy";
    f.devices.push_back(
        {"toy.counter", "a pulse counter", "", &toy_table(), "", &taps, &drifts, &observables, {"sample"}, nullptr});
    families::standard s;
    s.decl = {"toy-standard", "toy counting test", "", {}, {"count"}, &toy_options_table(), nullptr, false};
    s.make = [](const families::procedure_request& rq) -> std::unique_ptr<procedures::procedure> {
        return std::make_unique<toy_procedure>(std::any_cast<const toy_params&>(rq.device.params).rate_hz,
                                               std::any_cast<const toy_options&>(rq.spec.options).behaviour);
    };
    s.sections = {&section};
    f.standards.push_back(std::move(s));
    f.make_bench = [](const families::bench_request& rq) -> std::unique_ptr<families::bench> {
        return std::make_unique<toy_bench>(rq);
    };
    return f;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_toy_family_runs_a_point_through_the_real_runner_and_report_writer) {
    const families::family toy = make_toy();
    families::family_list list = families::builtin();
    list.push_back(&toy);
    const scenario::catalogue cat = families::catalogue_of(list);

    const auto sc = scenario::parse(R"({"schema_version": 1, "name": "toy-run", "description": "d", "seed": 3,
        "device": {"type": "toy.counter", "params": {"rate_hz": 5}},
        "procedure": {"standard": "toy-standard"}, "outputs": {"truth_period_s": 1},
        "expect": {"verdict": "pass", "points": {"count_10s": "pass"}}})",
                                    "toy.json", cat);
    const bench::test_plan plan = bench::make_plan(sc, list);
    BOOST_REQUIRE(plan.points.size() == 1u);

    const fs::path dir = fs::temp_directory_path() / "hilbench-toy-family";
    fs::remove_all(dir);
    bench::run_options opt;
    opt.jobs = 1;
    opt.out_dir = dir.string();
    opt.quiet = true;
    const bench::run_result res = bench::run_scenario(sc, plan, list, opt);  // a child process runs SystemC
    reports::write_all(res.record, dir.string(), families::report_sections(list, sc));

    BOOST_TEST(res.exit_code == 0);
    BOOST_TEST(res.record.expect_met);
    const auto& p = res.record.points.at(0);
    BOOST_TEST(p.verdict == "pass");
    BOOST_TEST(*reports::find_value(p.values, "counts") == 50.0);
    BOOST_REQUIRE(p.checks.size() == 1u);  // what the verdict rests on travels with the record
    BOOST_TEST(p.checks[0].quantity == "count_error");
    BOOST_TEST(p.checks[0].pass);
    BOOST_TEST(p.software_id == "toy 1.0");
    BOOST_REQUIRE(p.series.size() == 1u);  // the bench's ground truth, recorded by the runner
    BOOST_TEST(p.series[0].rows.back()[1] == 50.0);
    BOOST_TEST(slurp(dir / "report.html").find("<div id=\"toy\">Toy counts: 1 point</div>") != std::string::npos);
    BOOST_TEST(slurp(dir / "result.json").find("\"standard\": \"toy-standard\"") != std::string::npos);
    BOOST_TEST(slurp(dir / "points.csv").find("count_10s,count,pass,50,50") != std::string::npos);

    // the loader checks the toy's declared parameters, and its schema part is generated
    BOOST_CHECK_THROW(scenario::parse(R"({"schema_version": 1, "name": "t", "description": "d", "seed": 3,
        "device": {"type": "toy.counter", "params": {"rate_hz": 500}}, "procedure": {"standard": "toy-standard"}})",
                                      "toy.json", cat),
                      scenario_error);
    const auto schema = scenario::scenario_schema(cat);
    BOOST_TEST(schema.at("$defs").at("toy.counter.params").at("properties").at("rate_hz").at("maximum") == 100.0);
    BOOST_TEST(schema.at("$defs").at("toy.procedure").at("properties").at("standard").at("enum") ==
               nlohmann::json::array({"toy-standard"}));
    fs::remove_all(dir);
}

// The watchdog: a point whose procedure spins in zero time, and one that runs past its plan,
// end as `error` points with a message; the other point of the run keeps its verdict.
BOOST_AUTO_TEST_CASE(the_watchdog_ends_stalled_and_overrunning_points_and_keeps_the_others) {
    const families::family toy = make_toy();
    const families::family_list list = {&toy};
    const scenario::catalogue cat = families::catalogue_of(list);
    const auto sc = scenario::parse(R"({"schema_version": 1, "name": "toy-watchdog", "description": "d", "seed": 3,
        "device": {"type": "toy.counter"}, "outputs": {"series": false},
        "procedures": [{"standard": "toy-standard"}, {"standard": "toy-standard", "options": {"behaviour": "stall"}},
                       {"standard": "toy-standard", "options": {"behaviour": "overrun"}}]})", "toy.json", cat);
    const bench::test_plan plan = bench::make_plan(sc, list);
    bench::run_options opt;
    opt.jobs = 2;
    opt.quiet = true;
    const bench::run_result res = bench::run_scenario(sc, plan, list, opt);
    BOOST_REQUIRE(res.record.points.size() == 3u);
    BOOST_TEST(res.record.points[0].verdict == "pass");
    BOOST_TEST(res.record.points[1].verdict == "error");
    BOOST_TEST(res.record.points[1].note.find("simulated time stopped advancing at 0.000000 s") != std::string::npos,
               res.record.points[1].note);
    BOOST_TEST(res.record.points[2].verdict == "error");
    BOOST_TEST(res.record.points[2].note.find("ran past its limit of 640 s of simulated time (~10 s planned)") !=
                   std::string::npos,
               res.record.points[2].note);
    BOOST_TEST(res.record.verdict == "error");
    BOOST_TEST(res.exit_code == 3);
}
