#include "harness/bench/point_runner.h"

#include <systemc>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <numeric>

#include "harness/bench/bench.h"
#include "harness/bench/registry.h"
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
                     procedures::run_context& ctx)
        : sc_core::sc_module(name), m_proc(proc), m_point(p), m_ctx(ctx) {
        SC_HAS_PROCESS(procedure_runner);
        SC_THREAD(main);
    }
    reports::point_record record;
    std::exception_ptr error;

private:
    void main() {
        try {
            record = m_proc.run(m_point, m_ctx);
        } catch (...) {
            error = std::current_exception();
        }
        sc_core::sc_stop();
    }
    const procedures::procedure& m_proc;
    const procedures::test_point& m_point;
    procedures::run_context& m_ctx;
};

// Ground truth beside the procedure: a row of the bench's truth (true quantity, legally
// indicated quantity) every period.
class truth_recorder : public sc_core::sc_module {
public:
    truth_recorder(sc_core::sc_module_name name, double period_s, const bench& b)
        : sc_core::sc_module(name), m_period(period_s), m_bench(b) {
        table.columns = b.truth_columns();
        SC_HAS_PROCESS(truth_recorder);
        SC_THREAD(main);
    }
    reports::series_table table{"truth", {}, {}};

private:
    void main() {
        for (;;) {
            table.rows.push_back(m_bench.truth_row(sc_core::sc_time_stamp().to_seconds()));
            wait(sc_core::sc_time(m_period, sc_core::SC_SEC));
        }
    }
    double m_period;
    const bench& m_bench;
};

bool write_all(int fd, const std::string& s) {
    std::size_t off = 0;
    while (off < s.size()) {
        const ssize_t n = ::write(fd, s.data() + off, s.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        off += std::size_t(n);
    }
    return true;
}

}  // namespace

reports::point_record run_point(const scenario::scenario& sc, const procedures::procedure& proc,
                                const procedures::test_point& p, const run_options& opt, const std::string& tag) {
    const auto wall0 = clock_type::now();
    sc_core::sc_report_handler::set_handler(report_handler);
    sc_core::sc_report_handler::set_actions("/IEEE_Std_1666/deprecated", sc_core::SC_DO_NOTHING);
    log::set_time_source([] { return sc_core::sc_time_stamp().to_seconds(); });

    const device_type* type = find_device_type(sc.device.type);
    HB_ASSERT(type != nullptr, "unknown device type " + sc.device.type);
    const uint64_t seed = derive_seed(sc.seed, p.id);
    std::unique_ptr<engine::cheat_engine> eng;
    if (!sc.cheats.empty() || !sc.drift.empty())
        eng = std::make_unique<engine::cheat_engine>(sc.cheats, sc.drift, sc.time_compression,
                                                     derive_seed(seed, "engine"), sc.device_age_years);
    std::unique_ptr<bench> bn = make_bench(sc, *type, seed, eng.get());
    device_instance& dev = bn->device();

    const double planned = proc.expected_duration_s(p);
    auto last_print = clock_type::now();
    procedures::run_context& ctx = bn->context();
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
        dev.trace((std::filesystem::path(opt.out_dir) / "waves" / (p.id + ".fst")).string(),
                   sc.outputs.waveform_window_s);
    }
    procedure_runner runner("procedure", proc, p, ctx);
    std::unique_ptr<truth_recorder> truth;
    if (sc.outputs.series) {
        // at most the scenario's period, and about 500 rows for a short point
        const double period = std::min(sc.outputs.truth_period_s, std::max(0.01, planned / 500.0));
        truth = std::make_unique<truth_recorder>("truth", period, *bn);
    }
    sc_core::sc_start();
    if (runner.error) std::rethrow_exception(runner.error);
    reports::point_record rec = std::move(runner.record);
    rec.audit_trail = dev.audit_trail();
    rec.software_id = dev.software_id();
    rec.stats = dev.stats();
    rec.stats.emplace_back("simulated_s", sc_core::sc_time_stamp().to_seconds());
    if (truth) {
        const double end = sc_core::sc_time_stamp().to_seconds();
        auto& rows = truth->table.rows;
        if (rows.empty() || rows.back()[0] < end) rows.push_back(bn->truth_row(end));
        rec.series.push_back(std::move(truth->table));
    }
    if (eng)
        for (const auto& l : eng->labels(sc_core::sc_time_stamp().to_seconds()))
            rec.labels.push_back({l.id, l.label, l.tap, l.onset_s, l.end_s, l.magnitude, l.magnitude_unit});
    rec.wall_s = std::chrono::duration<double>(clock_type::now() - wall0).count();
    return rec;
}

std::vector<point_outcome> run_points(const scenario::scenario& sc, const procedures::procedure& proc,
                                      const std::vector<procedures::test_point>& plan, const run_options& opt) {
    std::vector<point_outcome> out(plan.size());
    std::vector<std::size_t> order(plan.size());
    std::iota(order.begin(), order.end(), 0);
    // longest first keeps both cores busy to the end
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return proc.expected_duration_s(plan[a]) > proc.expected_duration_s(plan[b]);
    });
    struct child {
        pid_t pid;
        int fd;
        std::size_t index;
        std::string buf;
        clock_type::time_point start;
    };
    std::vector<child> running;
    std::size_t next = 0, done = 0;
    const int jobs = std::max(1, opt.jobs);
    while (done < plan.size()) {
        while (int(running.size()) < jobs && next < order.size()) {
            const std::size_t idx = order[next++];
            int fds[2];
            if (::pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
            std::fflush(nullptr);
            const pid_t pid = ::fork();
            if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
            if (pid == 0) {
                ::close(fds[0]);
                for (const child& c : running) ::close(c.fd);
                nlohmann::json msg;
                int code = 0;
                try {
                    const std::string tag = sc.name + " " + std::to_string(idx + 1) + "/" +
                                            std::to_string(plan.size()) + " " + plan[idx].id;
                    msg = {{"ok", true}, {"record", reports::to_json(run_point(sc, proc, plan[idx], opt, tag))}};
                } catch (const input_error& e) {
                    msg = {{"ok", false}, {"kind", 2}, {"message", e.what()}};
                    code = 2;
                } catch (const std::exception& e) {
                    msg = {{"ok", false}, {"kind", 3}, {"message", e.what()}};
                    code = 3;
                }
                write_all(fds[1], msg.dump());
                ::close(fds[1]);
                std::fflush(nullptr);
                ::_exit(code);
            }
            ::close(fds[1]);
            running.push_back({pid, fds[0], idx, {}, clock_type::now()});
        }
        std::vector<pollfd> pfds;
        for (const child& c : running) pfds.push_back({c.fd, POLLIN, 0});
        if (::poll(pfds.data(), pfds.size(), -1) < 0 && errno != EINTR)
            throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
        for (std::size_t k = 0; k < running.size(); ++k) {
            if (!(pfds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            child& c = running[k];
            char buf[65536];
            const ssize_t n = ::read(c.fd, buf, sizeof buf);
            if (n > 0) {
                c.buf.append(buf, std::size_t(n));
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            ::close(c.fd);
            int status = 0;
            ::waitpid(c.pid, &status, 0);
            point_outcome& o = out[c.index];
            o.record.id = plan[c.index].id;
            o.record.test = plan[c.index].test;
            o.record.title = plan[c.index].title;
            try {
                const nlohmann::json msg = nlohmann::json::parse(c.buf);
                if (msg.at("ok").get<bool>()) {
                    o.record = reports::point_from_json(msg.at("record"));
                } else {
                    o.exit_kind = msg.at("kind").get<int>();
                    o.error = msg.at("message").get<std::string>();
                }
            } catch (const std::exception&) {
                o.exit_kind = 3;
                o.error = WIFSIGNALED(status) ? "simulation process killed by signal " + std::to_string(WTERMSIG(status))
                                              : "simulation process ended without a result (exit " +
                                                    std::to_string(WEXITSTATUS(status)) + ")";
            }
            if (o.exit_kind != 0) {
                o.record.verdict = "error";
                o.record.note = o.error;
            }
            ++done;
            if (!opt.quiet) {
                const double wall = std::chrono::duration<double>(clock_type::now() - c.start).count();
                const double* e = reports::find_value(o.record.values, "error_pct");
                const double* mpe = reports::find_value(o.record.values, "mpe_pct");
                char line[512];
                std::snprintf(line, sizeof line, "[%zu/%zu] %-14s %-5s", done, plan.size(), o.record.id.c_str(),
                              o.record.verdict.c_str());
                std::string s = line;
                if (e && mpe) {
                    std::snprintf(line, sizeof line, " error %+.3f %% (MPE %.1f %%)", *e, *mpe);
                    s += line;
                }
                std::snprintf(line, sizeof line, " in %.1f s wall", wall);
                s += line;
                if (o.exit_kind) s += ": " + o.error;
                std::fprintf(stderr, "%s\n", s.c_str());
            }
            running.erase(running.begin() + std::ptrdiff_t(k));
            break;
        }
    }
    return out;
}

}  // namespace hilbench::bench
