#include "harness/procedures/sim_time.h"

#include <algorithm>
#include <systemc>

namespace hilbench::procedures {
namespace {
constexpr double progress_step_s = 10.0;

// Every wait goes through here: the watchdog counts the waits that find simulated time where the
// previous one left it.
void watch(lab& l) {
    const double t = now_s();
    if (t != l.last_wait_s) {
        l.last_wait_s = t;
        l.waits_without_progress = 0;
        return;
    }
    if (++l.waits_without_progress >= max_waits_without_progress)
        throw stalled("simulated time stopped advancing at " + std::to_string(t) + " s: " +
                      std::to_string(l.waits_without_progress) + " waits in a row without progress");
}

// The time left to a deadline as the kernel can wait it (0: the deadline is reached).
sc_core::sc_time left_until(double deadline_s) {
    const double left = std::min(deadline_s - now_s(), progress_step_s);
    if (left <= 0) return sc_core::SC_ZERO_TIME;
    const sc_core::sc_time t(left, sc_core::SC_SEC);
    return t;
}
}  // namespace

double now_s() { return sc_core::sc_time_stamp().to_seconds(); }

void wait_s(lab& l, double dt) {
    watch(l);
    const double end = now_s() + dt;
    while (now_s() < end - 1e-12) {
        const sc_core::sc_time step = left_until(end);
        if (step == sc_core::SC_ZERO_TIME) break;  // closer than the time resolution
        sc_core::wait(step);
        if (l.progress) l.progress(now_s());
    }
}

bool wait_until(lab& l, const sc_core::sc_event& ev, double deadline_s, const std::function<bool()>& done) {
    watch(l);
    while (!done()) {
        const sc_core::sc_time step = left_until(deadline_s);
        if (step == sc_core::SC_ZERO_TIME) return false;
        sc_core::wait(step, ev);
        watch(l);
        if (l.progress) l.progress(now_s());
    }
    return true;
}

}  // namespace hilbench::procedures
