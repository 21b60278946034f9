// IEC 62053-21:2003 (tables also used by JJG 596-2012) and EN 50470-3 accuracy campaign:
// accuracy at the standard points by pulse comparison against the reference, starting
// current, no-load (creep) and the register (dial) test.
#pragma once
#include "harness/procedures/iec62053/standard_data.h"
#include "harness/procedures/procedure.h"

namespace hilbench::procedures::iec62053 {

class meter_procedure : public procedure {
public:
    meter_procedure(const standard_data& data, const scenario::scenario& sc, const scenario::procedure_spec& spec);
    std::string standard_id() const override { return m_data.id; }
    std::string title() const override { return m_data.title; }
    std::string decision_rule() const override;
    std::vector<test_point> plan() const override;
    reports::point_record run(const test_point& p, run_context& ctx) const override;
    double expected_duration_s(const test_point& p) const override;

private:
    reports::point_record run_accuracy(const test_point& p, run_context& ctx) const;
    reports::point_record run_starting(const test_point& p, run_context& ctx) const;
    reports::point_record run_no_load(const test_point& p, run_context& ctx) const;
    reports::point_record run_register(const test_point& p, run_context& ctx) const;
    double basis_current_a(const std::string& basis) const;

    const standard_data& m_data;
    scenario::procedure_options m_opt;
    std::vector<std::string> m_tests, m_points;
    std::string m_class;
    double m_un_v, m_ib_a, m_imax_a, m_freq_hz, m_constant, m_resolution_kwh, m_ambient_c;
    std::size_t m_band;
};

}  // namespace hilbench::procedures::iec62053
