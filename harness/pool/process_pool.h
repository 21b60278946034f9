// The shared process pool. Each task runs in a forked child process (SystemC elaborates at
// most once per process), at most `jobs` at a time, in the order given. A child hands its
// result to the parent as one JSON document through a pipe; a child that fails with bad input
// or an internal error reports it, and one that crashes, is killed or ends without a result
// becomes an error result. No other task is lost.
//
// Children die with the parent (a supervisor or the OOM killer may kill the parent alone). The
// parent turns SIGINT and SIGTERM into a clean stop: it stops the children, reaps them and
// returns, so that the caller can keep what has finished. A wall-clock deadline stops the same
// way. Test points use it, and campaign runs (each run's process runs its points in its own pool).
#pragma once
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hilbench::pool {

struct task_result {
    int exit_kind = 0;           // 0 ok, 2 bad input, 3 internal error (or a crash)
    nlohmann::json payload;      // what the task returned (exit_kind 0)
    std::string error;           // what went wrong (exit_kind 2 or 3)
    double wall_s = 0;           // the child's wall time, seen by the parent
};

struct stop {
    int signal = 0;              // SIGINT or SIGTERM stopped the pool (0: none)
    bool wall_limit = false;     // the deadline stopped it
    bool stopped() const { return signal != 0 || wall_limit; }
    std::string reason() const;  // "interrupted by SIGTERM", "the wall-clock limit was reached"
};

// Runs work(k) in a child process for every index k of `order`; done(k, result) is called in
// the parent as each child ends, in the order they end. work throws input_error for bad input.
// Returns how the pool stopped early, if it did: the tasks whose done() was not called did not
// finish (those running were stopped and reaped). An exception from done() stops and reaps the
// running children and leaves run() with it.
stop run(const std::vector<std::size_t>& order, int jobs, const std::function<nlohmann::json(std::size_t)>& work,
         const std::function<void(std::size_t, const task_result&)>& done,
         std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt);

}  // namespace hilbench::pool
