// A model's statistic: name, unit, description and value (gem5/SST style), the same for
// every device model.
#pragma once

namespace hilbench {

struct model_stat {
    const char* name;
    const char* unit;
    const char* description;
    double value;
};

}  // namespace hilbench
