// Load profiles of an AC source: steps of line states over simulated time, from a CSV file
// (header t_s,voltage_v,current_a,phase_deg[,freq_hz][,h3_pct..h11_pct]). Columns a file
// leaves out keep the base state, and each row starts from the previous one.
#pragma once
#include <string>
#include <vector>

#include "models/core/ac_line.h"

namespace hilbench::stimulus {

struct profile_step {
    double t_s = 0;
    ac_line_state state;
};

// Reads and checks a profile CSV; scenario_error naming file:line on bad input.
std::vector<profile_step> load_profile_csv(const std::string& path, const ac_line_state& base);
// The same from the file's text (path names it in messages).
std::vector<profile_step> parse_profile_csv(const std::string& text, const std::string& path, const ac_line_state& base);

}  // namespace hilbench::stimulus
