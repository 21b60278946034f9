#include "harness/pool/process_pool.h"

#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <stdexcept>

#include "models/core/errors.h"

namespace hilbench::pool {
namespace {

using clock_type = std::chrono::steady_clock;

// The signal that asked the parent to stop (0: none); set by its handler, read by the loop.
volatile std::sig_atomic_t g_stop_signal = 0;
void on_stop_signal(int sig) { g_stop_signal = sig; }

// SIGINT and SIGTERM stop the pool instead of the process while it runs (poll returns EINTR).
class stop_signals {
public:
    stop_signals() {
        g_stop_signal = 0;
        struct sigaction sa {};
        sa.sa_handler = on_stop_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = 0;  // no SA_RESTART: poll must return
        sigaction(SIGINT, &sa, &m_old_int);
        sigaction(SIGTERM, &sa, &m_old_term);
    }
    ~stop_signals() {
        sigaction(SIGINT, &m_old_int, nullptr);
        sigaction(SIGTERM, &m_old_term, nullptr);
    }
    stop_signals(const stop_signals&) = delete;
    stop_signals& operator=(const stop_signals&) = delete;

private:
    struct sigaction m_old_int {}, m_old_term {};
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

struct child {
    pid_t pid;
    int fd;
    std::size_t index;
    std::string buf;
    clock_type::time_point start;
};

// In the child: die with the parent, take the default signal actions back, run the task, hand
// over its result, and leave without running the parent's destructors or atexit handlers.
[[noreturn]] void child_main(int fd, std::size_t index, const std::function<nlohmann::json(std::size_t)>& work,
                             pid_t parent) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(3);  // the parent died before prctl took effect
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    nlohmann::json msg;
    int code = 0;
    try {
        msg = {{"ok", true}, {"payload", work(index)}};
    } catch (const input_error& e) {
        msg = {{"ok", false}, {"kind", 2}, {"message", e.what()}};
        code = 2;
    } catch (const std::exception& e) {
        msg = {{"ok", false}, {"kind", 3}, {"message", e.what()}};
        code = 3;
    }
    write_all(fd, msg.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));  // a path or note need not be UTF-8
    ::close(fd);
    std::fflush(nullptr);
    ::_exit(code);
}

task_result collect(const child& c, int status) {
    task_result r;
    r.wall_s = std::chrono::duration<double>(clock_type::now() - c.start).count();
    try {
        const nlohmann::json msg = nlohmann::json::parse(c.buf);
        if (msg.at("ok").get<bool>()) {
            r.payload = msg.at("payload");
        } else {
            r.exit_kind = msg.at("kind").get<int>();
            r.error = msg.at("message").get<std::string>();
        }
    } catch (const std::exception&) {
        r.exit_kind = 3;
        r.error = WIFSIGNALED(status)
                      ? "simulation process killed by signal " + std::to_string(WTERMSIG(status))
                      : "simulation process ended without a result (exit " + std::to_string(WEXITSTATUS(status)) + ")";
    }
    return r;
}

// Stops the running children (SIGTERM, then SIGKILL after a grace period) and reaps them.
void stop_children(std::vector<child>& running) {
    for (const child& c : running) ::kill(c.pid, SIGTERM);
    const auto grace = clock_type::now() + std::chrono::seconds(2);
    for (child& c : running) {
        int status = 0;
        while (::waitpid(c.pid, &status, WNOHANG) == 0) {
            if (clock_type::now() >= grace) {
                ::kill(c.pid, SIGKILL);
                ::waitpid(c.pid, &status, 0);
                break;
            }
            ::usleep(10000);
        }
        ::close(c.fd);
    }
    running.clear();
}

}  // namespace

std::string stop::reason() const {
    if (signal == SIGINT) return "interrupted by SIGINT";
    if (signal == SIGTERM) return "interrupted by SIGTERM";
    if (signal != 0) return "interrupted by signal " + std::to_string(signal);
    if (wall_limit) return "the run's wall-clock limit was reached";
    return "";
}

stop run(const std::vector<std::size_t>& order, int jobs, const std::function<nlohmann::json(std::size_t)>& work,
         const std::function<void(std::size_t, const task_result&)>& done,
         std::optional<std::chrono::steady_clock::time_point> deadline) {
    const stop_signals guard;
    const pid_t parent = ::getpid();
    std::vector<child> running;
    std::size_t next = 0, finished = 0;
    jobs = std::max(1, jobs);
    stop result;
    while (finished < order.size()) {
        if (g_stop_signal != 0 || (deadline && clock_type::now() >= *deadline)) {
            result.signal = g_stop_signal;
            result.wall_limit = g_stop_signal == 0;
            stop_children(running);
            return result;
        }
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
                child_main(fds[1], idx, work, parent);
            }
            ::close(fds[1]);
            running.push_back({pid, fds[0], idx, {}, clock_type::now()});
        }
        std::vector<pollfd> pfds;
        for (const child& c : running) pfds.push_back({c.fd, POLLIN, 0});
        int timeout_ms = -1;
        if (deadline)
            timeout_ms = int(std::clamp<long long>(
                std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - clock_type::now()).count() + 1, 0, 1000));
        const int ready = ::poll(pfds.data(), pfds.size(), timeout_ms);
        if (ready < 0 && errno != EINTR) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
        if (ready <= 0) continue;  // a signal, or time to look at the deadline
        // a stop asked for while children ended (Ctrl-C reaches them too): what they left is not
        // a result, so no done() for them; the top of the loop stops the pool
        if (g_stop_signal != 0) continue;
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
            const task_result r = collect(c, status);
            const std::size_t index = c.index;
            running.erase(running.begin() + std::ptrdiff_t(k));
            ++finished;
            try {
                done(index, r);
            } catch (...) {  // the caller cannot go on (its results cannot be written): stop the rest
                stop_children(running);
                throw;
            }
            break;
        }
    }
    return result;
}

}  // namespace hilbench::pool
