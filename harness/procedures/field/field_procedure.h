// Field audit: the meter follows a realistic load profile (steps, harmonics, varying PF,
// from a CSV) against the reference for a long period, and the error is reported per load
// band and per hour. Each CF pulse interval is attributed to bands and hours in proportion
// to the true energy within it, so band boundaries add no quantisation error. It catches
// what a type-approval campaign at steady standard points cannot: load-gated and
// inspection-aware cheats.
#pragma once
#include "harness/procedures/procedure.h"

namespace hilbench::procedures {

class field_procedure : public procedure {
public:
    field_procedure(const scenario::scenario& sc, const scenario::procedure_spec& spec);
    std::string standard_id() const override { return "field-audit"; }
    std::string title() const override;
    std::string decision_rule() const override;
    std::vector<test_point> plan() const override;
    reports::point_record run(const test_point& p, run_context& ctx) const override;
    double expected_duration_s(const test_point&) const override { return m_spec.profile_duration_s; }

    struct band {
        std::string name;
        double lo_a, hi_a;    // current range [lo, hi)
        bool harmonics;       // the band of intervals with THD above 5 %
        double mpe_pct;       // < 0: reported without a limit
    };
    const std::vector<band>& bands() const { return m_bands; }

private:
    std::size_t band_of(const ac_line_state& s) const;
    scenario::procedure_spec m_spec;
    double m_constant;
    std::vector<band> m_bands;
};

}  // namespace hilbench::procedures
