#include "harness/bench/point_runner.h"

#include <systemc>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <numeric>

#include "harness/pool/process_pool.h"
#include "harness/procedures/series_out.h"
#include "reports/quantity.h"
#include "reports/report_writer.h"
#include "models/core/errors.h"
#include "models/core/logger.h"
#include "models/core/rng.h"

namespace hilbench::bench {
namespace {

using clock_type = std::chrono::steady_clock;

void report_handler(const sc_core::sc_report& r, const sc_core::sc_actions& actions) {
    log::level l = log::level::debug;
    switch (r.get_severity()) {
    case sc_core::SC_INFO: l = log::level::debug; break;
    case sc_core::SC_WARNING: l = log::level::warn; break;
    default: l = log::level::error; break;
    }
    log::write(l, "systemc", std::string(r.get_msg_type()) + ": " + r.get_msg());
    if (actions & sc_core::SC_THROW) throw r;
    if (actions & sc_core::SC_STOP) sc_core::sc_stop();
    if (actions & sc_core::SC_ABORT) std::abort();
}

class procedure_runner : public sc_core::sc_module {
public:
    procedure_runner(sc_core::sc_module_name name, const procedures::procedure& proc, const procedures::test_point& p,
                     procedures::lab& ctx)
        : sc_core::sc_module(name), m_proc(proc), m_point(p), m_ctx(ctx) {
        SC_HAS_PROCESS(procedure_runner);
        SC_THREAD(main);
    }
    reports::point_record record;
    std::exception_ptr error;
    bool done = false;
    std::string stalled;  // the watchdog's message when the procedure's time stopped advancing

private:
    void main() {
        try {
            record = m_proc.run(m_point, m_ctx);
        } catch (const procedures::stalled& e) {
            stalled = e.what();
        } catch (...) {
            error = std::current_exception();
        }
        done = true;
        sc_core::sc_stop();
    }
    const procedures::procedure& m_proc;
    const procedures::test_point& m_point;
    procedures::lab& m_ctx;
};

// Ground truth beside the procedure: a row of the bench's truth (true quantity, legally
// indicated quantity) every period.
class truth_recorder : public sc_core::sc_module {
public:
    truth_recorder(sc_core::sc_module_name name, double period_s, const families::bench& b, const std::string& folder,
                   const std::string& point_id)
        : sc_core::sc_module(name), series(folder, point_id, "truth", b.truth_columns()), m_period(period_s), m_bench(b) {
        SC_HAS_PROCESS(truth_recorder);
        SC_THREAD(main);
    }
    procedures::series_out series;

private:
    void main() {
        for (;;) {
            series.add(m_bench.truth_row(sc_core::sc_time_stamp().to_seconds()));
            wait(sc_core::sc_time(m_period, sc_core::SC_SEC));
        }
    }
    double m_period;
    const families::bench& m_bench;
};

}  // namespace

reports::point_record run_point(const scenario::scenario& sc, const test_plan& plan, std::size_t index,
                                const families::family_list& families, const run_options& opt, const std::string& tag) {
    const auto wall0 = clock_type::now();
    sc_core::sc_report_handler::set_handler(report_handler);
    sc_core::sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", sc_core::SC_DO_NOTHING);
    log::set_time_source([] { return sc_core::sc_time_stamp().to_seconds(); });

    const planned_point& pp = plan.points.at(index);
    const procedures::test_point& p = pp.point;
    const procedures::procedure& proc = *plan.procedures.at(pp.procedure);
    const uint64_t seed = derive_seed(sc.seed, p.id);
    std::unique_ptr<engine::cheat_engine> eng;
    if (!sc.cheats.empty() || !sc.drift.empty())
        eng = std::make_unique<engine::cheat_engine>(sc.cheats, sc.drift, sc.environment.time_compression,
                                                     derive_seed(seed, "engine"),
                                                     sc.environment.device_age_years + p.after_days / 365.25);
    const families::family& fam = families::family_of(families, sc.device.family);
    const families::bench_request rq{sc.device, sc.environment, sc.procedures.at(pp.procedure).lab_options, seed, eng.get()};
    std::unique_ptr<families::bench> bn = fam.make_bench(rq);

    const double planned = proc.expected_duration_s(p);
    auto last_print = clock_type::now();
    procedures::lab& ctx = bn->lab();
    const std::string series_folder = opt.out_dir.empty() ? "" : (std::filesystem::path(opt.out_dir) / "series").string();
    ctx.series_folder = series_folder;
    ctx.progress = [&](double sim_s) {
        if (opt.quiet) return;
        const auto now = clock_type::now();
        if (now - last_print < std::chrono::seconds(5)) return;
        last_print = now;
        const double wall = std::chrono::duration<double>(now - wall0).count();
        std::fprintf(stderr, "[%s] simulated %.1f of ~%.0f s, %.1fx real time\n", tag.c_str(), sim_s, planned,
                     sim_s / wall);
    };
    if (opt.trace && sc.outputs.waveforms == "fst") {
        std::filesystem::create_directories(std::filesystem::path(opt.out_dir) / "waves");
        bn->trace((std::filesystem::path(opt.out_dir) / "waves" / (p.id + ".fst")).string(), sc.outputs.waveform_window_s);
    }
    procedure_runner runner("procedure", proc, p, ctx);
    std::unique_ptr<truth_recorder> truth;
    if (sc.outputs.series) {
        // at most the scenario's period, and about 500 rows for a short point
        const double period = std::min(sc.outputs.truth_period_s, std::max(0.01, planned / 500.0));
        truth = std::make_unique<truth_recorder>("truth", period, *bn, series_folder, p.id);
    }
    // the watchdog: the point may run to a stated multiple of its plan, and no further
    const double limit_s = proc.limit_duration_s(p);
    const reports::named_values env_start = bn->environment(0);
    sc_core::sc_start(sc_core::sc_time(limit_s, sc_core::SC_SEC));
    if (runner.error) std::rethrow_exception(runner.error);
    reports::point_record rec;
    if (!runner.done || !runner.stalled.empty()) {
        char why[256];
        std::snprintf(why, sizeof why, "ran past its limit of %.0f s of simulated time (~%.0f s planned)", limit_s, planned);
        rec = procedures::start_record(p);
        rec.verdict = "error";
        if (runner.done)
            rec.note = "stopped by the watchdog: " + runner.stalled;
        else if (sc_core::sc_time_stamp().to_seconds() < limit_s)
            rec.note = "the simulation ran out of events at " + std::to_string(sc_core::sc_time_stamp().to_seconds()) +
                       " s before the procedure ended";
        else
            rec.note = std::string("stopped by the watchdog: ") + why;
    } else {
        rec = std::move(runner.record);
        // the verdict rests on the checks: a fail names a requirement that did not hold
        const bool all_hold = std::all_of(rec.checks.begin(), rec.checks.end(), [](const auto& c) { return c.pass; });
        HB_ASSERT(rec.verdict == "pass" || rec.verdict == "fail", p.id + ": the procedure gave no verdict");
        HB_ASSERT((rec.verdict == "pass") == all_hold, p.id + ": verdict " + rec.verdict + " does not follow its checks");
    }
    rec.environment_start = env_start;
    rec.environment_end = bn->environment(sc_core::sc_time_stamp().to_seconds());
    rec.audit_trail = bn->audit_trail();
    // the model declares every event it logs (what an integrity detector may name)
    for (const scenario::device_decl& d : fam.devices)
        if (d.name == sc.device.type && d.audit_events)
            for (const reports::audit_row& a : rec.audit_trail)
                HB_ASSERT(a.kind != "event" ||
                              std::any_of(d.audit_events->begin(), d.audit_events->end(),
                                          [&](const audit_event_decl& e) { return e.name == a.parameter; }),
                          sc.device.type + " logged the event \"" + a.parameter + "\", which its model does not declare");
    rec.software_id = bn->software_id();
    rec.stats = bn->stats();
    rec.stats.push_back({"planned_s", "s", "simulated time the plan expected", planned});
    rec.stats.push_back({"simulated_s", "s", "simulated time of the point", sc_core::sc_time_stamp().to_seconds()});
    if (truth) {
        const double end = sc_core::sc_time_stamp().to_seconds();
        if (truth->series.last().empty() || truth->series.last()[0] < end) truth->series.add(bn->truth_row(end));
        rec.series.push_back(truth->series.finish());
    }
    if (eng)
        for (const auto& l : eng->labels(sc_core::sc_time_stamp().to_seconds()))
            rec.labels.push_back({l.id, l.label, l.tap, l.onset_s, l.end_s, l.magnitude, l.magnitude_unit});
    rec.wall_s = std::chrono::duration<double>(clock_type::now() - wall0).count();
    struct rusage ru {};
    if (::getrusage(RUSAGE_SELF, &ru) == 0) rec.max_rss_mb = double(ru.ru_maxrss) / 1024.0;
    return rec;
}

points_result run_points(const scenario::scenario& sc, const test_plan& plan, const families::family_list& families,
                         const run_options& opt) {
    const std::size_t n = plan.points.size();
    std::vector<point_outcome> out(n);
    std::vector<bool> finished(n, false);
    std::optional<std::chrono::steady_clock::time_point> deadline;
    if (opt.max_wall_s > 0)
        deadline = clock_type::now() + std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(opt.max_wall_s));
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    // longest first keeps both cores busy to the end
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return plan.expected_duration_s(plan.points[a]) > plan.expected_duration_s(plan.points[b]);
    });
    std::size_t done = 0;
    // the progress line says a failure as the report does: the family's words and decimals
    reports::run_record device_only;
    device_only.device_type = sc.device.type;
    for (const auto& [k, v] : sc.device.resolved)
        std::visit([&, key = k](const auto& x) { device_only.device_params[key] = x; }, v);
    const reports::vocabulary words = reports::vocabulary_of(device_only, families::report_sections(families, sc));
    const pool::stop stop = pool::run(
        order, opt.jobs,
        [&](std::size_t idx) {
            const std::string tag = sc.name + " " + plan.points[idx].point.id;
            return reports::to_json(run_point(sc, plan, idx, families, opt, tag));
        },
        [&](std::size_t idx, const pool::task_result& r) {
            const procedures::test_point& p = plan.points[idx].point;
            point_outcome& o = out[idx];
            o.record.id = p.id;
            o.record.test = p.test;
            o.record.title = p.title;
            o.exit_kind = r.exit_kind;
            o.error = r.error;
            if (r.exit_kind == 0) {
                try {
                    o.record = reports::point_from_json(r.payload);
                } catch (const std::exception& e) {
                    o.exit_kind = 3;
                    o.error = std::string("malformed point record: ") + e.what();
                }
            }
            if (o.exit_kind != 0) {
                o.record.verdict = "error";
                o.record.note = o.error;
            }
            finished[idx] = true;
            if (!opt.record_dir.empty()) {  // kept as it arrives: a later failure loses no finished point
                try {
                    reports::write_file((std::filesystem::path(opt.record_dir) / (p.id + ".json")).string(),
                                        reports::to_json(o.record).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
                } catch (const reports::write_error& e) {
                    std::fprintf(stderr, "hilbench: %s\n", e.what());
                }
            }
            ++done;
            if (opt.quiet) return;
            // [done/total] point verdict, in wall time: why it failed
            char line[512];
            std::snprintf(line, sizeof line, "[%zu/%zu] %-14s %-5s in %.1f s wall", done, n, o.record.id.c_str(),
                          o.record.verdict.c_str(), r.wall_s);
            std::string s = line;
            const std::string why = o.exit_kind ? o.error : reports::finding(o.record, words);
            if (!why.empty()) s += ": " + why;
            std::fprintf(stderr, "%s\n", s.c_str());
        },
        deadline);
    for (std::size_t k = 0; k < n; ++k) {
        if (finished[k]) continue;
        const procedures::test_point& p = plan.points[k].point;
        out[k].record = procedures::start_record(p);
        out[k].record.verdict = "error";
        out[k].record.note = "not finished: " + stop.reason();
        out[k].exit_kind = 3;
        out[k].error = out[k].record.note;
    }
    return {std::move(out), stop};
}

}  // namespace hilbench::bench
