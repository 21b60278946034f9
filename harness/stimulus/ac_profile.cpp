#include "harness/stimulus/ac_profile.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <sstream>

#include "harness/scenario/csv.h"
#include "harness/scenario/scenario.h"
#include "models/core/errors.h"

namespace hilbench::stimulus {

std::vector<profile_step> load_profile_csv(const std::string& path, const ac_line_state& base) {
    return parse_profile_csv(scenario::read_file(path, "load profile CSV"), path, base);
}

std::vector<profile_step> parse_profile_csv(const std::string& text, const std::string& path, const ac_line_state& base) {
    std::istringstream in(text);
    std::string line;
    std::size_t lineno = 0;
    std::vector<std::string> header;
    std::vector<profile_step> out;
    const std::vector<std::string> known = {"t_s", "voltage_v", "current_a", "phase_deg", "freq_hz",
                                            "h3_pct", "h5_pct", "h7_pct", "h9_pct", "h11_pct"};
    while (std::getline(in, line)) {
        ++lineno;
        if (line.empty() || line[0] == '#') continue;
        const std::vector<std::string> f = scenario::csv_fields(line);
        const std::string where = path + ":" + std::to_string(lineno);
        if (header.empty()) {
            header = f;
            if (header.empty() || header[0] != "t_s")
                throw scenario_error(where, "", "expected a header starting with t_s, got '" + line + "'");
            for (std::size_t k = 0; k < header.size(); ++k) {
                const std::string& h = header[k];
                if (std::find(known.begin(), known.end(), h) == known.end())
                    throw scenario_error(where, "", "expected columns among t_s, voltage_v, current_a, phase_deg, freq_hz, "
                                                    "h3_pct .. h11_pct (odd current harmonics), got '" + h + "'");
                if (std::find(header.begin(), header.begin() + std::ptrdiff_t(k), h) != header.begin() + std::ptrdiff_t(k))
                    throw scenario_error(where, "", "expected each column once, got '" + h + "' twice");
            }
            continue;
        }
        if (f.size() != header.size())
            throw scenario_error(where, "", "expected " + std::to_string(header.size()) + " columns, got " +
                                                std::to_string(f.size()) + " (truncated or malformed row)");
        profile_step step;
        step.state = out.empty() ? base : out.back().state;
        for (std::size_t k = 0; k < f.size(); ++k) {
            double v = 0;
            std::string why;
            if (!scenario::csv_number(f[k], &v, &why))
                throw scenario_error(where, "", "expected a number in column " + header[k] + ", got '" + f[k] + "' (" + why + ")");
            const std::string& h = header[k];
            auto range = [&](double lo, double hi) {
                if (v < lo || v > hi)
                    throw scenario_error(where, "", "expected " + h + " in [" + std::to_string(lo) + ", " +
                                                        std::to_string(hi) + "], got " + f[k]);
            };
            if (h == "t_s") { range(0, 1e7); step.t_s = v; }
            else if (h == "voltage_v") { range(0, 1000); step.state.voltage_v = v; }
            else if (h == "current_a") { range(0, 1000); step.state.current_a = v; }
            else if (h == "phase_deg") { range(-180, 180); step.state.phase_deg = v; }
            else if (h == "freq_hz") { range(40, 70); step.state.freq_hz = v; }
            else {  // hN_pct: an odd current harmonic in phase with the fundamental
                range(0, 200);
                const int order = std::stoi(h.substr(1));
                auto it = std::find_if(step.state.harmonics.begin(), step.state.harmonics.end(),
                                       [&](const harmonic& x) { return x.order == order; });
                if (it == step.state.harmonics.end()) {
                    step.state.harmonics.push_back({order, 0, 0, 0, 0});
                    it = std::prev(step.state.harmonics.end());
                }
                it->current_pct = v;
            }
        }
        if (out.empty() && step.t_s != 0) throw scenario_error(where, "", "expected the first row at t_s = 0, got " + std::to_string(step.t_s));
        if (!out.empty() && step.t_s <= out.back().t_s)
            throw scenario_error(where, "", "expected t_s after the previous row, got " + std::to_string(step.t_s));
        out.push_back(step);
    }
    if (out.empty()) throw scenario_error(path, "", "expected at least one data row, got none");
    return out;
}

}  // namespace hilbench::stimulus
