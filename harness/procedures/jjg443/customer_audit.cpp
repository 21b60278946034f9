#include "harness/procedures/jjg443/customer_audit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "harness/procedures/sim_time.h"
#include "harness/reference/standard_measures.h"
#include "harness/stimulus/fuel_world.h"
#include "models/core/rng.h"
#include "models/core/rounding.h"

namespace hilbench::procedures::jjg443 {

const params_of<audit_options>& audit_options_table() {
    using O = audit_options;
    static const params_of<O> t = [] {
        params_of<O> p;
        p.integer("drafts", &O::drafts, 1, 200, "customer drafts")
            .number("min_volume_l", &O::min_volume_l, "L", 1, 200, "the smallest draft")
            .number("max_volume_l", &O::max_volume_l, "L", 1, 200, "the largest draft")
            .number("tolerance_pct", &O::tolerance_pct, "%", 0.05, 5, "in-service tolerance of a draft's error [M]")
            .number("master_meter_class_pct", &O::master_meter_class_pct, "%", 0.001, 1,
                    "class of the test car's master meter")
            .number("pause_s", &O::pause_s, "s", 0, 86400, "time between two customers")
            .boolean("pulse_monitor", &O::pulse_monitor,
                     "an overt inspection: a pulse counter on the pulser cable at the controller's input, and both "
                     "totalisers read before and after every draft (the drafts' table gains their columns, the point "
                     "three checks and the edges counted while nothing flowed)");
        p.check("the smallest draft is not larger than the largest", [](const O& o) {
            if (o.min_volume_l > o.max_volume_l)
                throw param_error("min_volume_l", "expected at most max_volume_l (" + std::to_string(o.max_volume_l) + ")");
        });
        return p;
    }();
    return t;
}

customer_audit::customer_audit(const fuel_standard_data& d, const hilbench::dispenser::dispenser_nameplate& np,
                               const audit_options& opt, uint64_t seed)
    : m_data(d), m_np(np), m_opt(opt), m_seed(seed) {}

std::string customer_audit::title() const {
    return "customer audit: random drafts at random flows through a test car's master meter, in-service tolerance";
}

std::string customer_audit::decision_rule() const {
    char b[160];
    std::snprintf(b, sizeof b, "every draft's error (indicated - master meter) within +-%.2f %% (in service) [M]",
                  m_opt.tolerance_pct);
    std::string rule = b;
    if (m_opt.pulse_monitor)
        rule += "; overt: every draft's display equal to the pulser's count over the verified K-factor within a digit "
                "and two pulses, the pulser's lines one edge apart at most, and the electronic totaliser advanced by the "
                "volume shown";
    return rule;
}

std::vector<test_point> customer_audit::plan() const {
    return {{"customer_audit", "customer_drafts", std::to_string(m_opt.drafts) + " customer drafts",
             {{"drafts", double(m_opt.drafts)}}, 0, "[M] in-service tolerance"}};
}

double customer_audit::expected_duration_s(const test_point&) const {
    const double v = (m_opt.min_volume_l + m_opt.max_volume_l) / 2;
    const double q = (m_np.qmin_l_per_min + m_np.qmax_l_per_min) / 2;
    return m_opt.drafts * (v / q * 60 + m_opt.pause_s + 30) + 60;
}

reports::point_record customer_audit::run_in(const test_point& p, dispenser_lab& lab) const {
    reports::point_record r = start_record(p);
    auto& d = lab.dispenser;
    reference::master_meter mm(m_opt.master_meter_class_pct, m_seed);
    rng pick(derive_seed(m_seed, "customers"));
    reports::series_table t{"drafts",
                            {"draft_no", "time_s", "flow_l_per_min", "indicated_l", "master_meter_l", "error_pct",
                             "amount_cny", "fair_amount_cny", "overcharge_cny", "pass"},
                            {}};
    // the overt inspection's instruments: the pulse counter read against the verified K-factor,
    // within one digit of the display and one pulse at each end of the draft
    const bool monitor = m_opt.pulse_monitor;
    const double kf = m_np.k_factor_pulses_per_l;
    const double pulser_tol = m_np.volume_interval_l + 2 / kf;
    if (monitor)
        for (const char* c : {"a_edges", "b_edges", "a_minus_b_edges", "pulser_volume_l", "display_vs_pulser_l", "pulser_tolerance_l",
                              "electronic_advance_l", "totaliser_vs_display_l", "mechanical_advance_l"})
            t.columns.push_back(c);
    int failed = 0, refused = 0, pulser_off = 0, quadrature_off = 0, totaliser_off = 0;
    double worst = 0, overcharge = 0, sum = 0, mech_sum = 0, elec_sum = 0;
    // the counter stays on the cable between drafts: a line that pulses while nothing flows
    // (the nozzle hung up, or a refused draft) has something on it besides the pulser
    double drafts_a = 0, drafts_b = 0;
    const auto audit0 = d.pulser_monitor();
    wait_s(lab, 5);
    for (int k = 1; k <= m_opt.drafts; ++k) {
        const double v = m_opt.min_volume_l + pick.uniform() * (m_opt.max_volume_l - m_opt.min_volume_l);
        const double q = m_np.qmin_l_per_min + pick.uniform() * (m_np.qmax_l_per_min - m_np.qmin_l_per_min);
        const double target = std::round(v * 100) / 100;
        mm.reset();
        lab.world.point_nozzle_at(&mm);
        const double t0 = now_s();
        const auto pulses0 = d.pulser_monitor();
        const double elec0 = d.electronic_totaliser_l(), mech0 = d.mechanical_totaliser_l();
        if (!d.authorise(hilbench::dispenser::preset_kind::none, 0)) {
            ++refused;
            lab.world.point_nozzle_at(nullptr);
            wait_s(lab, m_opt.pause_s);
            continue;
        }
        d.set_nozzle_flow(q);
        // the customer lets go when the display shows the volume they wanted
        wait_until(lab, d.display_event(), t0 + target / q * 60 * 2 + 60,
                   [&] { return d.display().volume_l >= target - 1e-9 || d.display().locked; });
        d.set_nozzle_flow(0);
        wait_s(lab, 2);
        // the customer pays what the display shows
        const double shown = d.display().volume_l;
        const double amount = d.display().amount_cny;
        const double price = d.display().unit_price;
        d.hang_up();
        lab.world.point_nozzle_at(nullptr);
        const double ref = mm.reading_l();
        const double err = ref > 0 ? (shown - ref) / ref * 100 : std::nan("");
        const double fair = round_to_step(ref * price, m_np.amount_interval_cny);
        const bool ok = std::fabs(err) <= m_opt.tolerance_pct + 1e-9;
        failed += !ok;
        if (std::fabs(err) > std::fabs(worst)) worst = err;
        sum += err;
        overcharge += amount - fair;
        t.rows.push_back({double(k), t0, q, shown, ref, err, amount, fair, amount - fair, ok ? 1.0 : 0.0});
        if (monitor) {
            const auto pulses1 = d.pulser_monitor();
            const double a = double(pulses1.a_edges - pulses0.a_edges), b = double(pulses1.b_edges - pulses0.b_edges);
            const double elec = d.electronic_totaliser_l() - elec0, mech = d.mechanical_totaliser_l() - mech0;
            const double elec_vs_shown = std::round((elec - shown) * 1e6) / 1e6 + 0.0;  // both on the display's digits (no -0)
            const double by_pulses = b / kf;
            pulser_off += std::fabs(shown - by_pulses) > pulser_tol + 1e-9;
            quadrature_off += std::fabs(a - b) > 1;  // the lines alternate: one edge apart at most
            totaliser_off += std::fabs(elec_vs_shown) > m_np.volume_interval_l / 2;
            mech_sum += mech;
            elec_sum += elec;
            drafts_a += a;
            drafts_b += b;
            t.rows.back().insert(t.rows.back().end(), {a, b, a - b, by_pulses, shown - by_pulses, pulser_tol, elec, elec_vs_shown, mech});
        }
        wait_s(lab, m_opt.pause_s);
    }
    judge(r, "drafts refused (the dispenser would not sell)", "refused_drafts", double(refused), must::be_at_most, 0);
    judge(r, "drafts beyond the in-service tolerance", "failed_drafts", double(failed), must::be_at_most, 0);
    r.values = {{"drafts", double(m_opt.drafts)},
                {"mean_error_pct", t.rows.empty() ? std::nan("") : sum / double(t.rows.size())},
                {"worst_error_pct", worst},
                {"overcharge_cny", overcharge},
                {"tolerance_pct", m_opt.tolerance_pct}};
    if (monitor) {
        judge(r, "drafts whose display differs from the pulser's count over the verified K-factor by more than a digit and two pulses",
              "pulser_mismatches", double(pulser_off), must::be_at_most, 0);
        judge(r, "drafts with more edges on one pulser line than on the other", "quadrature_mismatches",
              double(quadrature_off), must::be_at_most, 0);
        judge(r, "drafts by which the electronic totaliser advanced other than the volume shown", "totaliser_mismatches",
              double(totaliser_off), must::be_at_most, 0);
        // the edges outside the drafts: the pauses and the refused drafts
        const auto audit1 = d.pulser_monitor();
        const double idle_a = double(audit1.a_edges - audit0.a_edges) - drafts_a;
        const double idle_b = double(audit1.b_edges - audit0.b_edges) - drafts_b;
        r.values.push_back({"idle_a_edges", idle_a});
        r.values.push_back({"idle_b_edges", idle_b});
        r.values.push_back({"idle_edges", idle_a + idle_b});
        // the mechanical totaliser counts turns at the nominal displacement, in whole litres: it
        // differs from the electronic one by the meter's slip at calibration, and by a cheat
        // between the pulser and the controller's count
        r.values.push_back({"k_factor_pulses_per_l", kf});
        r.values.push_back({"mechanical_advance_l", mech_sum});
        r.values.push_back({"electronic_advance_l", elec_sum});
        r.values.push_back({"mechanical_vs_electronic_pct", elec_sum > 0 ? (mech_sum - elec_sum) / elec_sum * 100 : std::nan("")});
        r.values.push_back({"mechanical_resolution_pct", elec_sum > 0 ? 100 / elec_sum : std::nan("")});
    }
    r.series.push_back(std::move(t));
    return r;
}

}  // namespace hilbench::procedures::jjg443
