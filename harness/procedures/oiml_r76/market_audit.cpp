#include "harness/procedures/oiml_r76/market_audit.h"

#include <algorithm>
#include <cmath>

#include "harness/procedures/oiml_r76/scale_bench_ops.h"
#include "harness/stimulus/weight_world.h"
#include "models/core/rng.h"
#include "models/core/rounding.h"
#include "models/core/scale_face.h"

namespace hilbench::procedures::oiml_r76 {

const params_of<audit_options>& audit_options_table() {
    using O = audit_options;
    static const params_of<O> t = [] {
        params_of<O> p;
        p.number("settle_s", &O::settle_s, "s", 0.2, 600, "waiting after a load is placed, before stability is awaited")
            .integer("audit_loads", &O::audit_loads, 1, 1000, "irregular commodity loads weighed")
            .number("audit_min_fraction", &O::audit_min_fraction, "", 0.001, 1, "lightest load, as a fraction of Max")
            .number("audit_max_fraction", &O::audit_max_fraction, "", 0.001, 1, "heaviest load, as a fraction of Max")
            .number("reference_balance_g", &O::reference_balance_g, "g", 0, 1000,
                    "standard uncertainty of the lab's reference balance")
            .check("audit_max_fraction is not below audit_min_fraction", [](const O& o) {
                if (o.audit_max_fraction < o.audit_min_fraction)
                    throw param_error("/audit_max_fraction", "expected a fraction not below audit_min_fraction, got number " +
                                                                 std::to_string(o.audit_max_fraction));
            });
        return p;
    }();
    return t;
}

const params_of<audit_inputs>& audit_inputs_table() {
    using A = audit_inputs::action;
    static const params_of<A> action = [] {
        params_of<A> p;
        p.integer("before_load", &A::before_load, 0, 1000, "index of the load (0-based) the action precedes").required()
            .strings("keys", &A::keys, 1, "keys typed on the scale's keyboard, in order")
            .boolean("power_cycle", &A::power_cycle, "switch the scale off and on")
            .check(
                "an action types keys or cycles the power",
                [](const A& a) {
                    if (a.keys.empty() && !a.power_cycle) throw param_error("", "expected keys or power_cycle: true");
                },
                R"({"anyOf": [{"required": ["keys"]}, {"required": ["power_cycle"], "properties": {"power_cycle": {"const": true}}}]})");
        return p;
    }();
    static const params_of<audit_inputs> t = [] {
        params_of<audit_inputs> p;
        p.table_list("actions", &audit_inputs::actions, action, 0,
                     "what the shopkeeper does between loads (cheat codes, power cycles)");
        return p;
    }();
    return t;
}

market_audit::market_audit(const r76_data& d, const scale_nameplate& np, const audit_options& opt, const audit_inputs& in,
                           uint64_t seed)
    : m_data(d), m_opt(opt), m_in(in), m_seed(derive_seed(seed, "market-audit")), m_rating(rating_from(np)) {}

std::string market_audit::title() const {
    return "market audit: irregular commodity loads against the in-service MPE (" + m_data.id + ")";
}

std::string market_audit::decision_rule() const {
    return "pass when |indication - reference mass| <= in-service MPE (x" + std::to_string(int(m_data.in_service_factor)) +
           ") + e/2 (rounding) for every load";
}

std::vector<test_point> market_audit::plan() const {
    test_point p;
    p.id = "market_audit";
    p.test = "irregular_loads";
    p.title = std::to_string(m_opt.audit_loads) + " irregular commodity loads, as bought in a shop";
    p.settings = {{"loads", double(m_opt.audit_loads)}};
    p.confidence = "[M] procedure; " + m_data.mpe_confidence;
    return {p};
}

double market_audit::expected_duration_s(const test_point&) const { return 15.0 * m_opt.audit_loads; }

reports::point_record market_audit::run_in(const test_point& p, families::scale::scale_lab& ctx) const {
    reports::point_record r = start_record(p);
    bench_hands hands(ctx, m_opt.settle_s);
    rng g(m_seed);
    if (!hands.wait_stable(120)) {
        judge(r, "a stable weighing result within 120 s of power-on", "stable_result", false);
        return r;
    }
    hands.type_unit_price(6.80);
    reports::series_table t{"market_audit", {"load_no", "time_s", "reference_mass_g", "indication_g", "error_g", "error_pct",
                                             "limit_g", "price_cny", "fair_price_cny", "pass"}, {}};
    int failed = 0;
    double sum_err_pct = 0, worst_pct = 0, overcharge = 0;
    for (int k = 0; k < m_opt.audit_loads; ++k) {
        for (const auto& a : m_in.actions) {
            if (a.before_load != k) continue;
            for (const auto& key : a.keys) hands.press(key);
            if (a.power_cycle) {
                ctx.scale.set_power(false);
                wait_s(ctx, 2);
                ctx.scale.set_power(true);
                hands.wait_stable(120);
                hands.type_unit_price(6.80);
            }
        }
        const double lo = m_opt.audit_min_fraction * m_rating.max_g,
                     hi = m_opt.audit_max_fraction * m_rating.max_g;
        const double mass = std::round((lo + (hi - lo) * g.uniform()) * 10.0) / 10.0;  // fruit, meat, ...
        const double x = (g.uniform() - 0.5) * 0.5, y = (g.uniform() - 0.5) * 0.5;
        const double reference = mass + m_opt.reference_balance_g * g.normal();
        const std::string h = hands.place_exact(mass, x, y);
        hands.wait_stable();
        const weighing_display d = ctx.scale.display();
        const double e = m_rating.e_at(reference);
        const double limit = m_rating.mpe_g(m_data, reference, true) + 0.5 * e;
        const double err = d.weight_valid ? d.weight_g - reference : -reference;
        const bool pass = d.weight_valid && std::fabs(err) <= limit + 1e-9;
        const double fair = round_to_step(reference / 1000.0 * d.unit_price, ctx.scale.nameplate().price_interval);
        failed += pass ? 0 : 1;
        sum_err_pct += err / reference * 100.0;
        worst_pct = std::max(worst_pct, std::fabs(err / reference * 100.0));
        if (d.price_valid) overcharge += d.price - fair;
        t.rows.push_back({double(k + 1), now_s(), reference, d.weight_valid ? d.weight_g : std::nan(""), err,
                          err / reference * 100.0, limit, d.price_valid ? d.price : std::nan(""), fair, pass ? 1.0 : 0.0});
        hands.remove(h);
        hands.wait_stable();
        if (ctx.scale.display().weight_valid && ctx.scale.display().weight_g != 0) hands.press("ZERO");
    }
    judge(r, "loads beyond the in-service MPE + e/2", "failed_loads", double(failed), must::be_at_most, 0);
    r.values = {{"loads", double(m_opt.audit_loads)}, {"failed_loads", double(failed)},
                {"mean_error_pct", sum_err_pct / m_opt.audit_loads}, {"worst_error_pct", worst_pct},
                {"overcharge_cny", overcharge}};
    if (failed) r.note = std::to_string(failed) + " loads beyond the in-service MPE";
    r.series.push_back(std::move(t));
    return r;
}

}  // namespace hilbench::procedures::oiml_r76
