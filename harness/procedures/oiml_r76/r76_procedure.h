// Type evaluation of a non-automatic weighing instrument (OIML R 76-1:2006 / JJG 539-2016),
// with the price-computing and self-lock checks of JJG 1204-2025 / JJF 2184-2025. Tests:
// weighing (increasing and decreasing, changeover method, corrected by E0), eccentricity,
// repeatability, discrimination, zero-setting (accuracy and ranges), zero tracking, tare,
// temperature effect on span and on the no-load indication, warm-up, creep and return to
// zero, supply variation, price computing, self-lock. MPE from the standard's data by class; x2 in service.
#pragma once
#include <string>

#include "harness/families/scale/scale_lab.h"
#include "harness/procedures/oiml_r76/r76_data.h"
#include "harness/procedures/procedure.h"

namespace hilbench::procedures::oiml_r76 {

class bench_hands;
using families::scale::scale_lab;

// procedure.options of the weighing standards (besides the lab's weight class)
struct r76_options {
    double settle_s = 2;                   // waiting after a load is placed, before stability is awaited
    int repeatability_count = 3;           // weighings per repeatability series
    double soak_s = 3600;                  // temperature stabilisation at each chamber step
    bool in_service = false;               // in-service MPE (x2) instead of initial verification
    std::string price_rounding = "half_up";  // the jurisdiction's price rounding rule
};
const params_of<r76_options>& r76_options_table();

class r76_procedure : public procedure_in<scale_lab> {
public:
    r76_procedure(const r76_data& d, const scale_nameplate& np, const r76_options& opt,
                  const families::scale::scale_lab_options& lab, selection sel);
    std::string standard_id() const override { return m_data.id; }
    std::string title() const override { return m_data.title; }
    std::string decision_rule() const override;
    std::vector<test_point> plan() const override;
    std::vector<reports::test_info> tests() const override { return m_data.tests; }
    double expected_duration_s(const test_point& p) const override;

    // the verification interval of the partial range a load is in, and the MPE there (g)
    double e_at(double load_g) const;
    double mpe_g(double load_g) const;

protected:
    reports::point_record run_in(const test_point& p, scale_lab& ctx) const override;

private:
    reports::point_record run_weighing(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_eccentricity(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_repeatability(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_discrimination(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_zero_setting(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_zero_tracking(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_tare(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_temperature(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_no_load_temperature(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_warm_up(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_creep(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_price(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_self_lock(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    reports::point_record run_supply(const test_point& p, scale_lab& ctx, bench_hands& hands) const;
    std::vector<double> weighing_loads() const;
    double nice_load(double g) const;

    const r76_data& m_data;
    r76_options m_opt;
    std::string m_weight_class;
    selection m_sel;
    weighing_rating m_rating;
    std::string m_class;
    double m_max_g, m_e_g, m_max1_g, m_e1_g, m_min_g;
};

}  // namespace hilbench::procedures::oiml_r76
