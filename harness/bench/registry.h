// Device registry: type string -> factory. The loader validates `device.params` against the
// type's parameter table; the bench builds the device through it.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "models/core/ac_line.h"
#include "models/core/cheat_engine.h"
#include "models/core/load_receptor.h"
#include "models/core/param_table.h"
#include "reports/run_record.h"

namespace hilbench {
class energy_meter_face;
class scale_face;
}

namespace hilbench::bench {

class device_instance {
public:
    virtual ~device_instance() = default;
    virtual energy_meter_face* meter_face() { return nullptr; }  // a meter's legal outputs
    virtual hilbench::scale_face* scale_face() { return nullptr; }  // a scale's outputs and controls
    virtual std::vector<reports::audit_row> audit_trail() const = 0;
    virtual std::string software_id() const = 0;
    virtual reports::named_values stats() const = 0;
    virtual void trace(const std::string& fst_path, double window_s) = 0;
    // Internal signals recorded beside the ground truth for research (for example the ADC
    // code behind a displayed weight); procedures never see them.
    virtual reports::named_values probes() const { return {}; }
};

// What the world offers a device: AC terminals (meters) or a load receptor (scales).
struct device_world {
    ac_line* line = nullptr;
    load_receptor* receptor = nullptr;
};

struct device_type {
    std::string name, description, family;  // family: "meter" or "scale"
    const param_table* params;
    const std::vector<engine::tap_decl>* taps;
    const std::vector<engine::driftable_decl>* driftables;
    const std::vector<engine::observable_decl>* observables;
    std::vector<std::string> fidelities;
    // Elaborates the device (SystemC modules): at most once per process. eng may be null.
    std::function<std::unique_ptr<device_instance>(const param_values& resolved, const std::string& fidelity,
                                                   device_world world, uint64_t seed, engine::cheat_engine* eng,
                                                   double start_time_of_day_h)>
        make;
    // Checks the resolved parameters as a whole (throws config_error with a pointer).
    std::function<void(const param_values& resolved)> validate;
};

const std::vector<device_type>& device_types();
const device_type* find_device_type(const std::string& name);

}  // namespace hilbench::bench
