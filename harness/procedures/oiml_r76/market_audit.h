// Market surveillance of a price-computing scale as an inspector does it in a shop: a
// series of irregular commodity loads (their masses known from the lab's reference
// balance), placed off-centre as a customer would, read from the display and compared with
// the in-service MPE of R 76 (x2) plus the rounding of the indication. Scripted actions
// (keys typed, power cycles) happen between loads, so a key-code or remote cheat can be
// reproduced and shown. Standard weights are deliberately not used.
#pragma once
#include "harness/procedures/oiml_r76/r76_data.h"
#include "harness/procedures/procedure.h"

namespace hilbench::procedures::oiml_r76 {

class market_audit : public procedure {
public:
    market_audit(const r76_data& d, const scenario::scenario& sc, const scenario::procedure_spec& spec);
    std::string standard_id() const override { return "market-audit"; }
    std::string title() const override;
    std::string decision_rule() const override;
    std::vector<test_point> plan() const override;
    reports::point_record run(const test_point& p, run_context& ctx) const override;
    double expected_duration_s(const test_point& p) const override;

private:
    const r76_data& m_data;
    scenario::procedure_spec m_spec;
    uint64_t m_seed;
    weighing_rating m_rating;
};

}  // namespace hilbench::procedures::oiml_r76
