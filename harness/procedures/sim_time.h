// Simulated time as every procedure sees it: the one place for now, waiting and waiting for an
// event with a deadline. Waits report progress to the lab every 10 simulated seconds at most,
// and never stall: a deadline closer than the kernel's time resolution counts as reached, and
// the watchdog throws `stalled` when max_waits_without_progress waits in a row find simulated
// time where it was (a procedure that would spin in zero time).
#pragma once
#include <functional>

#include "harness/procedures/procedure.h"

namespace sc_core {
class sc_event;
}

namespace hilbench::procedures {

constexpr uint64_t max_waits_without_progress = 100000;

double now_s();
// Waits dt simulated seconds.
void wait_s(lab& l, double dt);
// Waits until done() holds (checked now and at every notification of ev) or until deadline_s;
// true when done() held.
bool wait_until(lab& l, const sc_core::sc_event& ev, double deadline_s, const std::function<bool()>& done);

}  // namespace hilbench::procedures
