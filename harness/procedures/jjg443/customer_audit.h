// The inspector's customer audit of a fuel dispenser, as a 加油机暗访车 does it: a test car
// buys fuel like a customer - random volumes at random flows, no preset, stopped at the nozzle
// - through a master meter in its fill line. Every draft's error is judged against the
// in-service tolerance; the overcharge is the amount paid for fuel not delivered.
#pragma once
#include <string>

#include "harness/families/dispenser/dispenser_lab.h"
#include "harness/procedures/jjg443/jjg443_procedure.h"

namespace hilbench::procedures::jjg443 {

struct audit_options {
    int drafts = 8;
    double min_volume_l = 10, max_volume_l = 60;
    double tolerance_pct = 0.6;      // in-service: twice the ±0.30 % of verification [M]
    double master_meter_class_pct = 0.05;
    double pause_s = 120;            // between two customers
    // An overt inspection: a pulse counter on the pulser cable and both totalisers read around
    // every draft (a covert test car has neither).
    bool pulse_monitor = false;
};
const params_of<audit_options>& audit_options_table();

class customer_audit : public procedure_in<dispenser_lab> {
public:
    customer_audit(const fuel_standard_data& d, const hilbench::dispenser::dispenser_nameplate& np,
                   const audit_options& opt, uint64_t seed);
    std::string standard_id() const override { return "customer-audit"; }
    std::string title() const override;
    std::string decision_rule() const override;
    std::vector<test_point> plan() const override;
    std::vector<reports::test_info> tests() const override {
        return {{"customer_drafts", "Customer audit: random drafts at random flows through a master meter",
                 "in-service inspection (JJG 443 in-service tolerance)", "M"}};
    }
    double expected_duration_s(const test_point& p) const override;

protected:
    reports::point_record run_in(const test_point& p, dispenser_lab& lab) const override;

private:
    const fuel_standard_data& m_data;
    hilbench::dispenser::dispenser_nameplate m_np;
    audit_options m_opt;
    uint64_t m_seed;
};

}  // namespace hilbench::procedures::jjg443
