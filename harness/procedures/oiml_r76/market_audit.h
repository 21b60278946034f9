// Market surveillance of a price-computing scale as an inspector does it in a shop: a
// series of irregular commodity loads (their masses known from the lab's reference
// balance), placed off-centre as a customer would, read from the display and compared with
// the in-service MPE of R 76 (x2) plus the rounding of the indication. Scripted actions
// (keys typed, power cycles) happen between loads, so a key-code or remote cheat can be
// reproduced and shown. Standard weights are deliberately not used.
#pragma once
#include <string>
#include <vector>

#include "harness/families/scale/scale_lab.h"
#include "harness/procedures/oiml_r76/r76_data.h"
#include "harness/procedures/procedure.h"

namespace hilbench::procedures::oiml_r76 {

struct audit_options {
    double settle_s = 2;                   // waiting after a load is placed, before stability is awaited
    int audit_loads = 24;                  // irregular commodity loads
    double audit_min_fraction = 0.02;      // lightest load, fraction of Max
    double audit_max_fraction = 0.6;       // heaviest load, fraction of Max
    double reference_balance_g = 0.1;      // standard uncertainty of the lab's reference balance
};
const params_of<audit_options>& audit_options_table();

// The audit's own keys of the procedure: what the shopkeeper does between loads.
struct audit_inputs {
    struct action {
        int before_load = 0;               // 0-based index of the load it precedes
        std::vector<std::string> keys;     // typed on the scale's keyboard
        bool power_cycle = false;
    };
    std::vector<action> actions;
};
const params_of<audit_inputs>& audit_inputs_table();

class market_audit : public procedure_in<families::scale::scale_lab> {
public:
    market_audit(const r76_data& d, const scale_nameplate& np, const audit_options& opt, const audit_inputs& in,
                 uint64_t seed);
    std::string standard_id() const override { return "market-audit"; }
    std::string title() const override;
    std::string decision_rule() const override;
    std::vector<test_point> plan() const override;
    std::vector<reports::test_info> tests() const override {
        return {{"irregular_loads", "Market audit: irregular commodity loads against the in-service MPE", "R 76-1 4.14 (in service)", "M"}};
    }
    double expected_duration_s(const test_point& p) const override;

protected:
    reports::point_record run_in(const test_point& p, families::scale::scale_lab& ctx) const override;

private:
    const r76_data& m_data;
    audit_options m_opt;
    audit_inputs m_in;
    uint64_t m_seed;
    weighing_rating m_rating;
};

}  // namespace hilbench::procedures::oiml_r76
