#include "harness/procedures/sim_time.h"

#include <algorithm>
#include <systemc>

namespace hilbench::procedures {
namespace {
constexpr double progress_step_s = 10.0;

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
    const double end = now_s() + dt;
    while (now_s() < end - 1e-12) {
        const sc_core::sc_time step = left_until(end);
        if (step == sc_core::SC_ZERO_TIME) break;  // closer than the time resolution
        sc_core::wait(step);
        if (l.progress) l.progress(now_s());
    }
}

bool wait_until(lab& l, const sc_core::sc_event& ev, double deadline_s, const std::function<bool()>& done) {
    while (!done()) {
        const sc_core::sc_time step = left_until(deadline_s);
        if (step == sc_core::SC_ZERO_TIME) return false;
        sc_core::wait(step, ev);
        if (l.progress) l.progress(now_s());
    }
    return true;
}

}  // namespace hilbench::procedures
