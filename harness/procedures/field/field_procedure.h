// Field audit: the meter follows a realistic load profile (steps, harmonics, varying PF,
// from a CSV) against the reference for a long period, and the error is reported per load
// band and per hour. Each CF pulse interval is attributed to bands and hours in proportion
// to the true energy within it, so band boundaries add no quantisation error. It catches
// what a type-approval campaign at steady standard points cannot: load-gated and
// inspection-aware cheats.
#pragma once
#include <string>
#include <vector>

#include "harness/families/meter/meter_lab.h"
#include "harness/procedures/procedure.h"
#include "harness/stimulus/ac_profile.h"

namespace hilbench::procedures {

// The field audit's own keys of the procedure: the load profile to follow.
struct field_inputs {
    struct profile_spec {
        std::string csv;           // resolved path
        double duration_s = 0;
        double period_s = 0;       // > 0: the profile starts again every period (a day); 0: it runs once
        double load_scale = 1;     // the customer's size: every current of the profile times this
        double daily_sd_pct = 0;   // each period's currents times 1 + N(0, sd) (the lab's seed): day-to-day variation
    };
    profile_spec profile;
};
const params_of<field_inputs>& field_inputs_table();

class field_procedure : public procedure_in<families::meter::meter_lab> {
public:
    // Reads the profile CSV (columns it leaves out keep the nameplate's voltage and frequency).
    // The band limits are those of the meter's class at the lab's ambient temperature (its band).
    field_procedure(const energy_meter_nameplate& np, const field_inputs& in, const conditions& cond);
    std::string standard_id() const override { return "field-audit"; }
    std::string title() const override;
    std::string decision_rule() const override;
    std::vector<test_point> plan() const override;
    std::vector<reports::test_info> tests() const override {
        return {{"field_profile", "Field audit: a recorded load profile against the reference meter", "in-service method (class limits)", "M"}};
    }
    double expected_duration_s(const test_point&) const override { return m_in.profile.duration_s; }

    struct band {
        std::string name;
        double lo_a, hi_a;    // current range [lo, hi)
        bool harmonics;       // the band of intervals with THD above 5 %
        double mpe_pct;       // < 0: reported without a limit
    };
    const std::vector<band>& bands() const { return m_bands; }

protected:
    reports::point_record run_in(const test_point& p, families::meter::meter_lab& ctx) const override;

private:
    std::size_t band_of(const ac_line_state& s) const;
    field_inputs m_in;
    std::vector<stimulus::profile_step> m_profile;
    uint64_t m_seed;
    double m_constant;
    double m_resolution_kwh;  // the register's least digit
    std::vector<band> m_bands;
    std::string m_confidence;
};

}  // namespace hilbench::procedures
