// A recording run: the source follows the scenario's load profile (steps or CSV) and the
// run records the true energy from the reference beside the energy the meter indicates
// (CF pulses and display register). No limits apply; the point passes when it completes.
#pragma once
#include "harness/procedures/procedure.h"

namespace hilbench::procedures {

class profile_procedure : public procedure {
public:
    explicit profile_procedure(const scenario::scenario& sc);
    std::string standard_id() const override { return "profile"; }
    std::string title() const override { return "load profile recording (no limits apply)"; }
    std::string decision_rule() const override { return "none: the run records true and indicated energy"; }
    std::vector<test_point> plan() const override;
    reports::point_record run(const test_point& p, run_context& ctx) const override;
    double expected_duration_s(const test_point&) const override { return m_st.duration_s; }

private:
    scenario::stimulus_spec m_st;
    double m_constant, m_resolution_kwh, m_start_h, m_peak_start_h, m_peak_end_h;
};

}  // namespace hilbench::procedures
