// The bench of one test point: the world, the device and the reference standard of the
// device's family, elaborated once per process. It hands the procedure its run_context
// and gives the ground truth (true vs legally indicated quantity) for any time.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "harness/bench/registry.h"
#include "harness/procedures/procedure.h"
#include "harness/scenario/scenario.h"

namespace hilbench::bench {

class bench {
public:
    virtual ~bench() = default;
    virtual procedures::run_context& context() = 0;
    virtual device_instance& device() = 0;
    // Ground truth columns (the first is time_s) and one row at time t.
    virtual std::vector<std::string> truth_columns() const = 0;
    virtual std::vector<double> truth_row(double t_s) const = 0;
};

// eng may be null (an honest device).
std::unique_ptr<bench> make_bench(const scenario::scenario& sc, const device_type& type, uint64_t seed,
                                  engine::cheat_engine* eng);

}  // namespace hilbench::bench
