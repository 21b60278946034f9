// Type evaluation of a non-automatic weighing instrument (OIML R 76-1:2006 / JJG 539-2016),
// with the price-computing and self-lock checks of JJG 1204-2025 / JJF 2184-2025. Tests:
// weighing (increasing and decreasing, changeover method, corrected by E0), eccentricity,
// repeatability, discrimination, zero-setting (accuracy and ranges), zero tracking, tare,
// temperature effect on span and on the no-load indication, warm-up, creep and return to
// zero, supply variation, price computing, self-lock. MPE from the standard's data by class; x2 in service.
#pragma once
#include "harness/procedures/oiml_r76/r76_data.h"
#include "harness/procedures/procedure.h"

namespace hilbench::procedures::oiml_r76 {

class bench_hands;

class r76_procedure : public procedure {
public:
    r76_procedure(const r76_data& d, const scenario::scenario& sc, const scenario::procedure_spec& spec);
    std::string standard_id() const override { return m_data.id; }
    std::string title() const override { return m_data.title; }
    std::string decision_rule() const override;
    std::vector<test_point> plan() const override;
    reports::point_record run(const test_point& p, run_context& ctx) const override;
    double expected_duration_s(const test_point& p) const override;

    // the verification interval of the partial range a load is in, and the MPE there (g)
    double e_at(double load_g) const;
    double mpe_g(double load_g) const;

private:
    reports::point_record run_weighing(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_eccentricity(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_repeatability(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_discrimination(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_zero_setting(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_zero_tracking(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_tare(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_temperature(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_no_load_temperature(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_warm_up(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_creep(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_price(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_self_lock(const test_point& p, run_context& ctx, bench_hands& hands) const;
    reports::point_record run_supply(const test_point& p, run_context& ctx, bench_hands& hands) const;
    std::vector<double> weighing_loads() const;
    double nice_load(double g) const;

    const r76_data& m_data;
    scenario::procedure_spec m_spec;
    weighing_rating m_rating;
    std::string m_class;
    double m_max_g, m_e_g, m_max1_g, m_e1_g, m_min_g;
};

}  // namespace hilbench::procedures::oiml_r76
