// A recording run: the source follows the scenario's load profile (steps or CSV) and the
// run records the true energy from the reference beside the energy the meter indicates
// (CF pulses and display register). No limits apply; the point passes when it completes.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "harness/families/meter/meter_lab.h"
#include "harness/procedures/procedure.h"
#include "harness/stimulus/ac_profile.h"

namespace hilbench::procedures {

// The scenario's `stimulus` for a meter: a load profile as steps or as a CSV file.
struct stimulus_inputs {
    struct harmonic_spec {
        int order = 3;
        double voltage_pct = 0, current_pct = 0, voltage_phase_deg = 0, current_phase_deg = 0;
    };
    // a step keeps the previous step's value of every key it leaves out
    struct step_spec {
        double t_s = 0;
        std::optional<double> voltage_v, current_a, phase_deg, freq_hz;
        std::optional<std::vector<harmonic_spec>> harmonics;
    };
    double duration_s = 0;
    double sample_period_s = 1;
    std::vector<step_spec> profile;
    std::string profile_csv;  // resolved path
};
const params_of<stimulus_inputs>& stimulus_inputs_table();

class profile_procedure : public procedure_in<families::meter::meter_lab> {
public:
    profile_procedure(const energy_meter_nameplate& np, const stimulus_inputs& in, const conditions& cond);
    std::string standard_id() const override { return "profile"; }
    std::string title() const override { return "load profile recording (no limits apply)"; }
    std::string decision_rule() const override { return "none: the run records true and indicated energy"; }
    std::vector<test_point> plan() const override;
    std::vector<reports::test_info> tests() const override {
        return {{"profile", "Load-profile recording (no limits apply)", "", ""}};
    }
    double expected_duration_s(const test_point&) const override { return m_duration_s; }

protected:
    reports::point_record run_in(const test_point& p, families::meter::meter_lab& ctx) const override;

private:
    std::vector<stimulus::profile_step> m_profile;
    double m_duration_s, m_sample_period_s;
    double m_constant, m_resolution_kwh, m_start_h, m_peak_start_h, m_peak_end_h;
};

}  // namespace hilbench::procedures
