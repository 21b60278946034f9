#include "harness/procedures/oiml_r76/r76_procedure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

#include "harness/procedures/oiml_r76/scale_bench_ops.h"
#include "harness/reference/standard_weights.h"
#include "harness/stimulus/weight_world.h"
#include "models/core/errors.h"
#include "models/core/rounding.h"
#include "models/core/scale_face.h"

namespace hilbench::procedures::oiml_r76 {
namespace {

std::string fmt(double v, int prec = 5) {
    std::ostringstream os;
    os.precision(prec);
    os << v;
    return os.str();
}

std::string pct_id(double fraction) { return std::to_string(int(std::lround(fraction * 100))) + "pct"; }

std::string temp_id(double c) {
    std::string s = fmt(c);
    return "temperature_" + s + "c";
}

bool has_entry(const std::vector<audit_entry>& trail, const std::string& name) {
    return std::any_of(trail.begin(), trail.end(), [&](const audit_entry& e) { return e.parameter == name; });
}

}  // namespace

const params_of<r76_options>& r76_options_table() {
    using O = r76_options;
    static const params_of<O> t = [] {
        params_of<O> p;
        p.number("settle_s", &O::settle_s, "s", 0.2, 600, "waiting after a load is placed, before stability is awaited")
            .integer("repeatability_count", &O::repeatability_count, 2, 50, "weighings per repeatability series")
            .number("soak_s", &O::soak_s, "s", 0, 86400, "temperature stabilisation at each chamber step")
            .boolean("in_service", &O::in_service, "judge by the in-service MPE (twice the initial-verification MPE)")
            .choice("price_rounding", &O::price_rounding, {"half_up", "half_even", "down", "up"},
                    "the jurisdiction's rounding of the price to the price interval");
        return p;
    }();
    return t;
}

r76_procedure::r76_procedure(const r76_data& d, const scale_nameplate& np, const r76_options& opt,
                             const families::scale::scale_lab_options& lab, selection sel)
    : m_data(d), m_opt(opt), m_weight_class(lab.weight_class), m_sel(std::move(sel)), m_rating(rating_from(np)) {
    m_class = m_rating.accuracy_class;
    m_max_g = m_rating.max_g;
    m_e_g = m_rating.e_g;
    m_max1_g = m_rating.max1_g;
    m_e1_g = m_rating.e1_g;
    m_min_g = d.min_e.at(m_class) * m_e1_g;
}

std::string r76_procedure::decision_rule() const {
    return "pass when |Ec| <= MPE at every load (Ec = changeover error corrected by E0; " +
           std::string(m_opt.in_service ? "in-service MPE, x2" : "initial-verification MPE") +
           "); the standard weights' uncertainty (R 111 class " + m_weight_class + ", MPE per nominal value " +
           reference::standard_weights::mpe_confidence(m_weight_class) + ") is reported, not deducted";
}

double r76_procedure::e_at(double load_g) const { return m_rating.e_at(load_g); }

double r76_procedure::mpe_g(double load_g) const { return m_rating.mpe_g(m_data, load_g, m_opt.in_service); }

double r76_procedure::nice_load(double g) const {
    // a load the weight set makes up: a whole number of e, at most 2 significant figures
    const double mag = std::pow(10.0, std::floor(std::log10(g)) - 1);
    double v = round_to_step(g, mag);
    v = round_to_step(v, m_e_g);
    return std::max(v, m_e1_g);
}

std::vector<double> r76_procedure::weighing_loads() const {
    std::set<double> loads = {m_min_g, m_max_g};
    for (double f : m_data.weighing_fractions) loads.insert(nice_load(f * m_max_g));
    // the MPE change points of every partial range (500 e and 2000 e for class III)
    for (double e : {m_e1_g, m_e_g})
        for (const mpe_step& s : m_data.mpe_initial.at(m_class))
            if (s.upto_e * e < m_max_g && s.upto_e * e > m_min_g && (e == m_e_g || s.upto_e * e <= m_max1_g))
                loads.insert(s.upto_e * e);
    if (m_max1_g > 0) loads.insert(m_max1_g);
    return {loads.begin(), loads.end()};
}

std::vector<test_point> r76_procedure::plan() const {
    std::vector<test_point> out;
    auto wanted = [&](const std::string& t) { return m_sel.test(t); };
    auto add = [&](const std::string& id, const std::string& test, const std::string& title,
                   std::map<std::string, double> settings) {
        if (!wanted(test)) return;
        if (!m_sel.point(id)) return;
        test_point p;
        p.id = id;
        p.test = test;
        p.title = title;
        p.settings = std::move(settings);
        p.confidence = m_data.confidence.count(test) ? m_data.confidence.at(test) : m_data.mpe_confidence;
        out.push_back(std::move(p));
    };
    add("weighing", "weighing", "weighing test, increasing and decreasing loads (changeover method)",
        {{"loads", double(weighing_loads().size())}, {"max_g", m_max_g}});
    const double ecc = nice_load(m_data.eccentricity_fraction * m_max_g);
    add("eccentricity", "eccentricity", "eccentricity at centre and four quarter positions", {{"load_g", ecc}});
    for (double f : m_data.repeatability_fractions)
        add("repeatability_" + pct_id(f), "repeatability", "repeatability series at " + pct_id(f) + " of Max",
            {{"load_g", nice_load(f * m_max_g)}, {"count", double(m_opt.repeatability_count)}});
    add("discrimination_min", "discrimination", "discrimination at Min (extra 1.4 d)", {{"load_g", m_min_g}});
    add("discrimination_50pct", "discrimination", "discrimination at 50 % of Max (extra 1.4 d)",
        {{"load_g", nice_load(0.5 * m_max_g)}});
    add("discrimination_100pct", "discrimination", "discrimination at Max (extra 1.4 d)", {{"load_g", m_max_g}});
    add("zero_setting_accuracy", "zero_setting", "zero-setting accuracy (E0 within 0.25 e)", {{"load_g", 10 * m_e1_g}});
    add("zero_setting_range", "zero_setting", "range of semi-automatic zero-setting and zero tracking (<= 4 % of Max)",
        {{"step_g", nice_load(0.005 * m_max_g)}});
    add("initial_zero_setting_range", "zero_setting", "initial zero-setting range at power-on (<= 20 % of Max)",
        {{"step_g", nice_load(0.025 * m_max_g)}});
    add("zero_tracking_" + fmt(m_data.zt_tracked_e_per_s) + "e_per_s", "zero_tracking",
        "zero tracking: a slow drift is followed", {{"rate_e_per_s", m_data.zt_tracked_e_per_s}});
    add("zero_tracking_" + fmt(m_data.zt_not_tracked_e_per_s) + "e_per_s", "zero_tracking",
        "zero tracking: a drift faster than 0.5 e/s is not followed", {{"rate_e_per_s", m_data.zt_not_tracked_e_per_s}});
    add("tare", "tare", "tare accuracy (0.25 e) and a net weighing on the tare",
        {{"tare_g", nice_load(0.2 * m_max_g)}, {"net_g", nice_load(m_max_g / 3.0)}});
    std::set<std::string> seen;
    for (double c : m_data.temperature_sequence_c) {
        std::string id = temp_id(c);
        if (!seen.insert(id).second) id += "_final";
        add(id, "temperature", "static temperature " + fmt(c) + " degC: error at Min, 500 e, 2000 e and Max",
            {{"temperature_c", c}});
    }
    add("no_load_temperature", "no_load_temperature", "temperature effect on the no-load indication (<= 1 e per 5 K)",
        {{"steps", double(m_data.temperature_sequence_c.size())}});
    add("warm_up", "warm_up", "warm-up: no result while warming, errors within MPE at 0, 5, 15, 30 min",
        {{"load_g", m_max_g}});
    add("creep", "creep", "creep at Max over 30 min (4 h when the 15 to 30 min change is too large)",
        {{"load_g", m_max_g}});
    add("return_to_zero", "creep", "return to zero after 30 min at Max (<= 0.5 e)", {{"load_g", m_max_g}});
    add("supply_variation", "supply", "supply variation: errors within MPE from the low-voltage limit to +10 %; no result below the limit",
        {{"load_g", m_max_g}});
    add("price_rounding", "price", "price = indicated weight x unit price, rounded to the price interval (" +
                                       m_opt.price_rounding + "), ties included", {});
    add("price_negative_and_overload", "price", "no price for a negative net weight or on overload", {});
    add("price_totalisation", "price", "totalisation: the ticket total is the sum of the item prices", {});
    add("self_lock", "self_lock", "JJF 2184 self-lock: opening the case locks; only the dynamic code unlocks; logged", {});
    return out;
}

double r76_procedure::expected_duration_s(const test_point& p) const {
    if (p.test == "temperature") return m_opt.soak_s + 300;
    if (p.test == "no_load_temperature") return m_opt.soak_s * double(m_data.temperature_sequence_c.size()) + 300;
    if (p.test == "creep") return m_data.creep_hold_s + 300;
    if (p.test == "warm_up") return 1900;
    if (p.test == "weighing") return 60.0 * double(weighing_loads().size());
    if (p.test == "repeatability") return 40.0 * m_opt.repeatability_count;
    return 120;
}

reports::point_record r76_procedure::run_in(const test_point& p, scale_lab& ctx) const {
    // every point starts from the scale as switched on at t = 0: wait for its first result
    bench_hands hands(ctx, m_opt.settle_s);
    if (p.test != "warm_up" && p.test != "self_lock" && !hands.wait_stable(120)) {
        reports::point_record r = start_record(p);
        judge(r, "a stable weighing result within 120 s of power-on", "stable_result", false);
        r.note = "display '" + ctx.scale.display().message + "'";
        return r;
    }
    if (p.test == "weighing") return run_weighing(p, ctx, hands);
    if (p.test == "eccentricity") return run_eccentricity(p, ctx, hands);
    if (p.test == "repeatability") return run_repeatability(p, ctx, hands);
    if (p.test == "discrimination") return run_discrimination(p, ctx, hands);
    if (p.test == "zero_setting") return run_zero_setting(p, ctx, hands);
    if (p.test == "zero_tracking") return run_zero_tracking(p, ctx, hands);
    if (p.test == "tare") return run_tare(p, ctx, hands);
    if (p.test == "temperature") return run_temperature(p, ctx, hands);
    if (p.test == "no_load_temperature") return run_no_load_temperature(p, ctx, hands);
    if (p.test == "warm_up") return run_warm_up(p, ctx, hands);
    if (p.test == "creep") return run_creep(p, ctx, hands);
    if (p.test == "price") return run_price(p, ctx, hands);
    if (p.test == "self_lock") return run_self_lock(p, ctx, hands);
    if (p.test == "supply") return run_supply(p, ctx, hands);
    HB_ASSERT(false, "unknown test " + p.test);
}

namespace {

// The error at 10 e (out of the zero-tracking band): the zero error E0 of R 76.
struct e0_result {
    bool ok = false;
    double e0_g = 0;
};
e0_result measure_e0(bench_hands& hands, double e) {
    const std::string h = hands.place(10 * e);
    const auto c = hands.find_changeover(e);
    hands.remove(h);
    return {c.ok, c.p_g - 10 * e};
}

}  // namespace

reports::point_record r76_procedure::run_weighing(const test_point& p, scale_lab& ctx, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    hands.press("ZERO");
    hands.wait_stable();
    const e0_result e0 = measure_e0(hands, m_e1_g);
    hands.wait_stable();
    const std::vector<double> loads = weighing_loads();
    std::vector<std::pair<double, int>> sequence;
    for (double l : loads) sequence.emplace_back(l, +1);
    for (auto it = loads.rbegin() + 1; it != loads.rend(); ++it) sequence.emplace_back(*it, -1);
    reports::series_table t{"weighing", {"load_g", "direction", "indication_g", "added_g", "error_g", "corrected_error_g",
                                         "corrected_error_e", "mpe_e", "uncertainty_e", "pass"}, {}};
    double worst_ratio = 0, worst_load = 0;
    std::string handle, blank, weights_note;
    int failed = 0;
    for (const auto& [load, dir] : sequence) {
        // the next load goes on before the previous comes off: the cell never unloads
        const std::string next = hands.place(load);
        if (!handle.empty()) hands.remove(handle);
        handle = next;
        const double e = e_at(load);
        const auto c = hands.find_changeover(e);
        const double err = c.p_g - load;
        const double ec = err - e0.e0_g;
        const double mpe = mpe_g(load);
        const double u = 2 * std::hypot(hands.uncertainty_g(handle), 0.1 * e / std::sqrt(12.0));
        if (hands.weights_mpe_g(handle) > mpe / 3.0 && weights_note.empty())
            weights_note = "; the test weights' MPE at " + fmt(load) + " g exceeds 1/3 of the instrument's MPE (use a finer class)";
        const bool pass = c.ok && std::fabs(ec) <= mpe + 1e-9;
        failed += pass ? 0 : 1;
        if (!std::isfinite(c.indication_g) && blank.empty())
            blank = "; no weighing result at " + fmt(load) + " g (display '" + ctx.scale.display().message + "')";
        if (std::isfinite(ec) && std::fabs(ec) / mpe > worst_ratio) {
            worst_ratio = std::fabs(ec) / mpe;
            worst_load = load;
        }
        t.rows.push_back({load, double(dir), c.indication_g, c.added_g, err, ec, ec / e, mpe / e, u / e, pass ? 1.0 : 0.0});
    }
    hands.remove_all();
    judge(r, "zero error E0 found at 10 e", "e0_found", e0.ok);
    judge(r, "readings beyond the MPE", "failed_readings", double(failed), must::be_at_most, 0);
    judge(r, "largest |Ec| / MPE", "worst_error_to_mpe", worst_ratio, must::be_at_most, 1);
    r.values = {{"e0_g", e0.e0_g}, {"worst_error_to_mpe", worst_ratio}, {"worst_load_g", worst_load},
                {"loads", double(loads.size())}, {"failed_readings", double(failed)}};
    if (!e0.ok) r.note = "no changeover found at 10 e (E0)";
    else if (failed)
        r.note = std::to_string(failed) + " of " + std::to_string(sequence.size()) + " readings beyond the MPE" + blank;
    if (!weights_note.empty()) r.note += (r.note.empty() ? weights_note.substr(2) : weights_note);
    r.series.push_back(std::move(t));
    return r;
}

reports::point_record r76_procedure::run_eccentricity(const test_point& p, scale_lab& /*ctx*/, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    hands.press("ZERO");
    hands.wait_stable();
    const e0_result e0 = measure_e0(hands, m_e1_g);
    const double load = p.settings.at("load_g");
    const double e = e_at(load), mpe = mpe_g(load);
    reports::series_table t{"eccentricity", {"position", "x_rel", "y_rel", "indication_g", "added_g", "corrected_error_g",
                                             "corrected_error_e", "mpe_e", "pass"}, {}};
    double worst = 0;
    int k = 0, failed = 0;
    for (const auto& [x, y] : m_data.eccentricity_positions) {
        hands.wait_stable();
        const std::string h = hands.place(load, x, y);
        const auto c = hands.find_changeover(e);
        hands.remove(h);
        const double ec = c.p_g - load - e0.e0_g;
        const bool pass = c.ok && std::fabs(ec) <= mpe + 1e-9;
        failed += pass ? 0 : 1;
        worst = std::max(worst, std::fabs(ec));
        t.rows.push_back({double(++k), x, y, c.indication_g, c.added_g, ec, ec / e, mpe / e, pass ? 1.0 : 0.0});
    }
    judge(r, "zero error E0 found at 10 e", "e0_found", e0.ok);
    judge(r, "positions beyond the MPE", "failed_positions", double(failed), must::be_at_most, 0);
    judge(r, "largest |Ec| at the positions", "worst_corrected_error_g", worst, must::be_at_most, mpe);
    r.values = {{"e0_g", e0.e0_g}, {"worst_corrected_error_g", worst}, {"mpe_g", mpe}, {"load_g", load}};
    r.series.push_back(std::move(t));
    return r;
}

reports::point_record r76_procedure::run_repeatability(const test_point& p, scale_lab& /*ctx*/, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    const double load = p.settings.at("load_g");
    const double e = e_at(load), mpe = mpe_g(load);
    const int n = m_opt.repeatability_count;
    reports::series_table t{"repeatability", {"weighing", "indication_g", "added_g", "p_g"}, {}};
    double lo = 1e300, hi = -1e300;
    bool ok = true;
    for (int k = 1; k <= n; ++k) {
        hands.wait_stable();
        if (std::fabs(hands.read()) > 0) hands.press("ZERO");  // back to zero between weighings
        hands.wait_stable();
        const std::string h = hands.place(load);
        const auto c = hands.find_changeover(e);
        hands.remove(h);
        ok = ok && c.ok;
        lo = std::min(lo, c.p_g);
        hi = std::max(hi, c.p_g);
        t.rows.push_back({double(k), c.indication_g, c.added_g, c.p_g});
    }
    const double spread = hi - lo;
    judge(r, "a changeover found in every weighing", "changeovers_found", ok);
    judge(r, "spread of the indications (before rounding) within the MPE", "spread_g", spread, must::be_at_most, mpe);
    r.values = {{"spread_g", spread}, {"spread_e", spread / e}, {"mpe_g", mpe}, {"count", double(n)}, {"load_g", load}};
    r.series.push_back(std::move(t));
    return r;
}

reports::point_record r76_procedure::run_discrimination(const test_point& p, scale_lab& ctx, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    const double load = p.settings.at("load_g");
    const double d = e_at(load);  // d = e on these instruments
    const std::string h = hands.place(load);
    // ten small weights of 0.1 d on top, then take them off until the indication drops by d
    std::vector<std::string> smalls;
    for (int k = 0; k < 10; ++k) smalls.push_back(hands.place_exact(ctx.weights.small(0.1 * d, k + 1).actual_g));
    hands.wait_stable();
    const double i0 = hands.read();
    double dropped_at = i0;
    while (!smalls.empty()) {
        hands.remove(smalls.back());
        smalls.pop_back();
        hands.wait_stable();
        dropped_at = hands.read();
        if (dropped_at <= i0 - d + 1e-9) break;
    }
    // one small weight back, then the extra load of 1.4 d
    smalls.push_back(hands.place_exact(ctx.weights.small(0.1 * d, 11).actual_g));
    const std::string extra = hands.place(m_data.discrimination_extra_d * d);
    hands.wait_stable();
    const double i1 = hands.read();
    hands.remove(extra);
    hands.remove(h);
    for (const auto& s : smalls) hands.remove(s);
    const bool dropped = dropped_at <= i0 - d + 1e-9;
    judge(r, "removing ten 0.1 d weights lowers the indication by d", "indication_dropped", dropped);
    judge(r, "an extra load of 1.4 d raises the indication", "indication_rise_g", i1 - dropped_at, must::be_at_least, d);
    r.values = {{"indication_start_g", i0}, {"indication_dropped_g", dropped_at}, {"indication_with_extra_g", i1},
                {"extra_load_g", m_data.discrimination_extra_d * d}, {"d_g", d}};
    if (!dropped) r.note = "removing ten 0.1 d weights did not lower the indication by d";
    return r;
}

reports::point_record r76_procedure::run_zero_setting(const test_point& p, scale_lab& ctx, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    const double e = m_e1_g;
    if (own_id(p) == "zero_setting_accuracy") {
        hands.press("ZERO");
        hands.wait_stable();
        const e0_result e0 = measure_e0(hands, e);
        judge(r, "zero error E0 found at 10 e", "e0_found", e0.ok);
        judge(r, "zero-setting accuracy: E0", "e0_e", e0.e0_g / e, must::be_within, m_data.zero_setting_accuracy_e);
        r.values = {{"e0_g", e0.e0_g}, {"e0_e", e0.e0_g / e}, {"limit_e", m_data.zero_setting_accuracy_e}};
        return r;
    }
    const double step = p.settings.at("step_g");
    reports::series_table t{"zero_range", {"offset_g", "accepted"}, {}};
    if (own_id(p) == "zero_setting_range") {
        // positive part: loads at zero, ZERO pressed; negative part: the scale switched on with
        // a preload (its initial zero), the preload then partly taken off
        double pos = 0, neg = 0;
        for (int k = 1; k * step <= 0.1 * m_max_g + 1e-9; ++k) {
            const std::string h = hands.place(k * step);
            hands.wait_stable();
            hands.press("ZERO");
            hands.wait_stable();
            const bool accepted = hands.read() == 0;
            t.rows.push_back({k * step, accepted ? 1.0 : 0.0});
            hands.remove(h);
            hands.wait_stable();
            hands.press("ZERO");
            if (!accepted) break;
            pos = k * step;
        }
        const double preload = nice_load(0.05 * m_max_g);
        ctx.scale.set_power(false);
        wait_s(ctx, 2);
        std::string pre = hands.place(preload);
        ctx.scale.set_power(true);
        if (!hands.wait_stable(120)) {
            judge(r, "a weighing result after power-on with a preload of " + fmt(preload) + " g", "preload_result", false);
            return r;
        }
        for (int k = 1; k * step <= preload + 1e-9; ++k) {
            hands.remove(pre);
            pre = k * step < preload - 1e-9 ? hands.place(preload - k * step) : "";
            hands.wait_stable();
            hands.press("ZERO");
            hands.wait_stable();
            const bool accepted = hands.read() == 0;
            t.rows.push_back({-k * step, accepted ? 1.0 : 0.0});
            if (!accepted) break;
            neg = k * step;
            if (pre.empty()) break;
            // back to the initial zero: put the preload back and zero there
            hands.remove(pre);
            pre = hands.place(preload);
            hands.wait_stable();
            hands.press("ZERO");
        }
        hands.remove_all();
        const double range_pct = (pos + neg) / m_max_g * 100.0;
        judge(r, "range of zero-setting", "range_pct_of_max", range_pct, must::be_at_most, m_data.zero_setting_range_pct);
        r.values = {{"positive_range_g", pos}, {"negative_range_g", neg}, {"range_pct_of_max", range_pct},
                    {"limit_pct_of_max", m_data.zero_setting_range_pct}, {"resolution_g", step}};
        r.note = "range measured in steps of " + fmt(step) + " g";
    } else {
        // initial zero-setting: switched on with growing preloads
        double accepted_max = 0;
        for (int k = 1; k * step <= 0.3 * m_max_g + 1e-9; ++k) {
            ctx.scale.set_power(false);
            hands.remove_all();
            const std::string h = hands.place(k * step);
            wait_s(ctx, 1);
            ctx.scale.set_power(true);
            const bool shown = hands.wait_stable(30);
            const bool accepted = shown && hands.read() == 0;
            t.rows.push_back({k * step, accepted ? 1.0 : 0.0});
            if (!accepted) break;
            accepted_max = k * step;
        }
        ctx.scale.set_power(false);
        hands.remove_all();
        ctx.scale.set_power(true);
        const double pct = accepted_max / m_max_g * 100.0;
        judge(r, "range of initial zero-setting", "range_pct_of_max", pct, must::be_at_most, m_data.initial_zero_range_pct);
        r.values = {{"positive_initial_range_g", accepted_max}, {"range_pct_of_max", pct},
                    {"limit_pct_of_max", m_data.initial_zero_range_pct}, {"resolution_g", step}};
        r.note = "positive side only: the receptor cannot be lightened in simulation";
    }
    r.series.push_back(std::move(t));
    return r;
}

reports::point_record r76_procedure::run_zero_tracking(const test_point& p, scale_lab& ctx, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    const double e = m_e1_g, rate = p.settings.at("rate_e_per_s");
    hands.press("ZERO");
    hands.wait_stable();
    // a load that grows at rate x e per second from zero (sand trickling in)
    const std::string h = hands.place_exact(0.0, 0, 0, rate * e);
    reports::series_table t{"zero_tracking", {"time_s", "indication_g", "true_load_g"}, {}};
    const double t0 = now_s();
    double max_abs = 0;
    while (now_s() < t0 + m_data.zt_duration_s) {
        wait_s(ctx, 0.1);
        const weighing_display& d = ctx.scale.display();
        const double ind = d.weight_valid ? d.weight_g : 0;
        max_abs = std::max(max_abs, std::fabs(ind));
        t.rows.push_back({now_s() - t0, ind, ctx.world.true_mass_g(now_s())});
    }
    hands.remove(h);
    const bool tracked = max_abs < 0.5 * e;
    const bool should_track = rate <= 0.5;
    judge(r, should_track ? "a drift of at most 0.5 e/s is tracked" : "a drift faster than 0.5 e/s is not tracked",
          "tracked_as_required", tracked == should_track);
    r.values = {{"rate_e_per_s", rate}, {"max_indication_g", max_abs}, {"tracked", tracked ? 1.0 : 0.0},
                {"drift_g", rate * e * m_data.zt_duration_s}};
    r.note = tracked ? "the display stayed at zero (drift tracked)" : "the display left zero (drift not tracked)";
    r.series.push_back(std::move(t));
    return r;
}

reports::point_record r76_procedure::run_tare(const test_point& p, scale_lab& /*ctx*/, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    const double tare = p.settings.at("tare_g"), net = p.settings.at("net_g");
    hands.press("ZERO");
    hands.wait_stable();
    const std::string ht = hands.place(tare);
    hands.wait_stable();
    hands.press("TARE");
    const double e_net0 = e_at(0);
    const auto c0 = hands.find_changeover(e_net0);
    const double e_tare = c0.p_g;  // the net indication should be zero
    const std::string hn = hands.place(net);
    const double e = e_at(net);
    const auto c1 = hands.find_changeover(e);
    const double e_net = c1.p_g - net - e_tare;
    hands.remove(hn);
    hands.remove(ht);
    hands.wait_stable();
    hands.press("TARE");  // clears the tare at gross zero
    const bool tare_ok = judge(r, "tare accuracy: net indication after taring", "tare_error_e",
                               c0.ok ? e_tare / e_net0 : std::nan(""), must::be_within, m_data.tare_accuracy_e);
    const bool net_ok = judge(r, "net weighing on the tare within the MPE", "net_error_g", c1.ok ? e_net : std::nan(""),
                              must::be_within, mpe_g(net));
    r.values = {{"tare_error_g", e_tare}, {"tare_error_e", e_tare / e_net0}, {"tare_limit_e", m_data.tare_accuracy_e},
                {"net_error_g", e_net}, {"net_mpe_g", mpe_g(net)}};
    if (!tare_ok) r.note = "tare error beyond 0.25 e";
    else if (!net_ok) r.note = "net weighing on the tare beyond the MPE";
    return r;
}

reports::point_record r76_procedure::run_temperature(const test_point& p, scale_lab& ctx, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    const double c = p.settings.at("temperature_c");
    ctx.world.set_temperature(c, now_s());
    wait_s(ctx, m_opt.soak_s);
    hands.wait_stable();
    hands.press("ZERO");
    hands.wait_stable();
    const e0_result e0 = measure_e0(hands, m_e1_g);
    std::vector<double> loads = {m_min_g};
    for (const mpe_step& s : m_data.mpe_initial.at(m_class))
        if (s.upto_e * m_e_g < m_max_g && s.upto_e * m_e_g > m_min_g) loads.push_back(s.upto_e * m_e_g);
    loads.push_back(m_max_g);
    reports::series_table t{"temperature", {"load_g", "indication_g", "corrected_error_g", "corrected_error_e", "mpe_e",
                                            "pass"}, {}};
    double worst = 0;
    int failed = 0;
    std::string handle;
    for (double load : loads) {
        const std::string next = hands.place(load);
        if (!handle.empty()) hands.remove(handle);
        handle = next;
        const double e = e_at(load);
        const auto co = hands.find_changeover(e);
        const double ec = co.p_g - load - e0.e0_g;
        const bool pass = co.ok && std::fabs(ec) <= mpe_g(load) + 1e-9;
        failed += pass ? 0 : 1;
        worst = std::max(worst, std::fabs(ec) / mpe_g(load));
        t.rows.push_back({load, co.indication_g, ec, ec / e, mpe_g(load) / e, pass ? 1.0 : 0.0});
    }
    hands.remove_all();
    judge(r, "zero error E0 found at 10 e", "e0_found", e0.ok);
    judge(r, "loads beyond the MPE", "failed_readings", double(failed), must::be_at_most, 0);
    judge(r, "largest |Ec| / MPE", "worst_error_to_mpe", worst, must::be_at_most, 1);
    r.values = {{"temperature_c", c}, {"e0_g", e0.e0_g}, {"worst_error_to_mpe", worst},
                {"soak_s", m_opt.soak_s}};
    r.series.push_back(std::move(t));
    return r;
}

reports::point_record r76_procedure::run_no_load_temperature(const test_point& p, scale_lab& ctx, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    const double e = m_e1_g;
    hands.press("ZERO");
    hands.wait_stable();
    // 10 e stays on the receptor throughout, so zero tracking cannot hide the zero's drift
    const std::string h = hands.place(10 * e);
    reports::series_table t{"no_load_temperature", {"temperature_c", "p_g", "change_e_per_5k", "pass"}, {}};
    int failed = 0;
    double prev_p = 0, prev_c = 0, worst = 0;
    for (std::size_t k = 0; k < m_data.temperature_sequence_c.size(); ++k) {
        const double c = m_data.temperature_sequence_c[k];
        ctx.world.set_temperature(c, now_s());
        wait_s(ctx, m_opt.soak_s);
        const auto co = hands.find_changeover(e);
        double per5 = 0;
        bool pass = co.ok;
        if (k > 0 && std::fabs(c - prev_c) > 0) {
            per5 = (co.p_g - prev_p) / e / std::fabs(c - prev_c) * 5.0;
            pass = pass && std::fabs(per5) <= m_data.no_load_e_per_5k + 1e-9;
            worst = std::max(worst, std::fabs(per5));
        }
        failed += pass ? 0 : 1;
        t.rows.push_back({c, co.p_g, per5, pass ? 1.0 : 0.0});
        prev_p = co.p_g;
        prev_c = c;
    }
    hands.remove(h);
    judge(r, "temperature steps beyond the limit", "failed_steps", double(failed), must::be_at_most, 0);
    judge(r, "largest change of the no-load indication", "worst_change_e_per_5k", worst, must::be_at_most,
          m_data.no_load_e_per_5k);
    r.values = {{"worst_change_e_per_5k", worst}, {"limit_e_per_5k", m_data.no_load_e_per_5k},
                {"soak_s", m_opt.soak_s}};
    r.series.push_back(std::move(t));
    return r;
}

reports::point_record r76_procedure::run_warm_up(const test_point& p, scale_lab& ctx, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    // disconnected, then switched on (the model keeps no thermal state across the break,
    // so a short break stands for the 8 h of R 76)
    ctx.scale.set_power(false);
    wait_s(ctx, 60);
    const double t_on = now_s();
    ctx.scale.set_power(true);
    double t_first = -1;
    while (now_s() < t_on + 600) {
        wait_s(ctx, 0.05);
        if (ctx.scale.display().weight_valid) {
            t_first = now_s() - t_on;
            break;
        }
    }
    reports::series_table t{"warm_up", {"time_min", "e0_g", "corrected_error_g", "mpe_g", "pass"}, {}};
    int failed = 0;
    if (t_first >= 0) {
        hands.wait_stable();
        hands.press("ZERO");
        double e0_first = 0;
        for (std::size_t k = 0; k < m_data.warm_up_minutes.size(); ++k) {
            const double at = t_on + m_data.warm_up_minutes[k] * 60.0;
            if (now_s() < at) wait_s(ctx, at - now_s());
            const e0_result e0 = measure_e0(hands, m_e1_g);
            if (k == 0) e0_first = e0.e0_g;
            const std::string h = hands.place(m_max_g);
            const auto c = hands.find_changeover(e_at(m_max_g));
            hands.remove(h);
            const double ec = c.p_g - m_max_g - e0.e0_g;
            const bool pass = e0.ok && c.ok && std::fabs(ec) <= mpe_g(m_max_g) + 1e-9 &&
                              std::fabs(e0.e0_g - e0_first) <= mpe_g(0) + 1e-9;
            failed += pass ? 0 : 1;
            t.rows.push_back({m_data.warm_up_minutes[k], e0.e0_g, ec, mpe_g(m_max_g), pass ? 1.0 : 0.0});
        }
    }
    judge(r, "a weighing result within 600 s of switching on", "first_result_after_s",
          t_first >= 0 ? t_first : std::nan(""), must::be_at_most, 600);
    if (t_first >= 0)
        judge(r, "readings beyond the MPE (or E0 moving by more than the MPE at zero)", "failed_readings",
              double(failed), must::be_at_most, 0);
    r.values = {{"first_result_after_s", t_first}};
    if (t_first < 0) r.note = "no weighing result within 600 s of switching on";
    r.series.push_back(std::move(t));
    return r;
}

reports::point_record r76_procedure::run_creep(const test_point& p, scale_lab& ctx, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    const double load = p.settings.at("load_g");
    const double e = e_at(load), e_zero = m_e1_g;
    hands.press("ZERO");
    hands.wait_stable();
    const e0_result before = measure_e0(hands, e_zero);
    hands.wait_stable();
    const std::string h = hands.place(load);
    const double t0 = now_s();
    reports::series_table t{"creep", {"time_s", "p_g"}, {}};
    auto reading_at = [&](double after_s) {
        if (now_s() < t0 + after_s) wait_s(ctx, t0 + after_s - now_s());
        const auto c = hands.find_changeover(e);
        t.rows.push_back({now_s() - t0, c.p_g});
        return c.p_g;
    };
    const double p0 = reading_at(0);
    const double p15 = reading_at(m_data.creep_hold_s / 2);
    const double p30 = reading_at(m_data.creep_hold_s);
    if (own_id(p) == "return_to_zero") {
        hands.remove(h);
        const e0_result after = measure_e0(hands, e_zero);
        const double dev = after.e0_g - before.e0_g;
        judge(r, "zero before and after the load found", "zero_found", before.ok && after.ok);
        judge(r, "return to zero after removing the load", "deviation_e", dev / e_zero, must::be_within,
              m_data.return_to_zero_e);
        r.values = {{"zero_before_g", before.e0_g}, {"zero_after_g", after.e0_g}, {"deviation_e", dev / e_zero},
                    {"limit_e", m_data.return_to_zero_e}, {"hold_s", m_data.creep_hold_s}};
        r.series.push_back(std::move(t));
        return r;
    }
    const double mpe = mpe_g(load);
    const bool pass30 = std::fabs(p30 - p15) <= m_data.creep_15_30_e * e + 1e-9 && std::fabs(p30 - p0) <= mpe + 1e-9;
    double p_end = p30, held = m_data.creep_hold_s;
    if (pass30) {
        judge(r, "change between 15 and 30 min", "change_15_30_min_e", (p30 - p15) / e, must::be_within,
              m_data.creep_15_30_e);
        judge(r, "change over 30 min within the MPE", "change_total_e", (p30 - p0) / e, must::be_within, mpe / e);
    } else {
        // the 15-30 min criterion failed: hold for the extended time, reading every hour
        for (double at = 3600; at <= m_data.creep_extended_s + 1e-9; at += 3600) p_end = reading_at(at);
        held = m_data.creep_extended_s;
        judge(r, "change over the extended time within the MPE", "change_total_e", (p_end - p0) / e, must::be_within,
              mpe / e);
    }
    hands.remove(h);
    r.values = {{"change_15_30_min_e", (p30 - p15) / e}, {"change_total_e", (p_end - p0) / e}, {"mpe_e", mpe / e},
                {"held_s", held}};
    r.series.push_back(std::move(t));
    return r;
}

reports::point_record r76_procedure::run_price(const test_point& p, scale_lab& ctx, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    const double interval = ctx.scale.nameplate().price_interval;
    // the jurisdiction's rule, computed by the lab from the indicated weight
    auto expected = [&](double w_g, double up) {
        const double exact = w_g / 1000.0 * up / interval;
        const double q = std::floor(exact + 1e-9);
        const double frac = exact - q;
        const std::string& rule = m_opt.price_rounding;
        double n = q;
        if (rule == "half_up") n = frac >= 0.5 - 1e-9 ? q + 1 : q;
        else if (rule == "half_even") n = frac > 0.5 + 1e-9 ? q + 1 : (std::fabs(frac - 0.5) <= 1e-9 ? (std::fmod(q, 2) != 0 ? q + 1 : q) : q);
        else if (rule == "up") n = frac > 1e-9 ? q + 1 : q;
        return on_grid(n, interval);
    };
    if (own_id(p) == "price_rounding") {
        struct case_t {
            double load_g, unit_price;
        };
        // ties at the half interval (2.5 kg x 0.03 = 0.075; 1.5 kg x 12.35 = 18.525) and ordinary cases
        const std::vector<case_t> cases = {{nice_load(m_max_g / 6), 0.03}, {nice_load(m_max_g / 10), 12.35},
                                           {m_min_g, 99.99}, {nice_load(m_max_g / 2), 8.88}, {m_max_g, 9999.99},
                                           {nice_load(m_max_g / 3), 0.01}};
        reports::series_table t{"price", {"load_g", "unit_price_cny_per_kg", "indicated_g", "price_cny", "expected_price_cny",
                                          "pass"}, {}};
        int failed = 0;
        for (const case_t& c : cases) {
            hands.type_unit_price(c.unit_price);
            const std::string h = hands.place(c.load_g);
            hands.wait_stable();
            const weighing_display d = ctx.scale.display();
            const double want = expected(d.weight_g, d.unit_price);
            const bool pass = d.weight_valid && d.price_valid && std::fabs(d.price - want) < interval * 1e-3;
            failed += pass ? 0 : 1;
            t.rows.push_back({c.load_g, d.unit_price, d.weight_valid ? d.weight_g : std::nan(""),
                              d.price_valid ? d.price : std::nan(""), want, pass ? 1.0 : 0.0});
            hands.remove(h);
            hands.wait_stable();
        }
        judge(r, "prices that differ from the computed price", "wrong_prices", double(failed), must::be_at_most, 0);
        r.values = {{"cases", double(cases.size())}, {"price_interval_cny", interval}};
        r.series.push_back(std::move(t));
        return r;
    }
    if (own_id(p) == "price_negative_and_overload") {
        hands.type_unit_price(10.0);
        const std::string tare = hands.place(nice_load(0.1 * m_max_g));
        hands.wait_stable();
        hands.press("TARE");
        hands.wait_stable();
        hands.remove(tare);
        hands.wait_stable();
        const weighing_display neg = ctx.scale.display();
        const bool neg_ok = !(neg.price_valid && neg.weight_valid && neg.weight_g < 0);
        hands.press("ZERO");
        const std::string over = hands.place(m_max_g + nice_load(0.1 * m_max_g));
        wait_s(ctx, 5);
        const weighing_display ov = ctx.scale.display();
        const bool over_ok = !ov.price_valid && !ov.weight_valid;
        hands.remove(over);
        judge(r, "no price for a negative net weight", "negative_price_refused", neg_ok);
        judge(r, "no weight and no price on overload", "overload_refused", over_ok);
        r.values = {{"negative_net_g", neg.weight_g}, {"negative_price_shown", neg.price_valid ? 1.0 : 0.0},
                    {"overload_price_shown", ov.price_valid ? 1.0 : 0.0},
                    {"overload_weight_shown", ov.weight_valid ? 1.0 : 0.0}};
        r.note = "display on overload: '" + ov.message + "'";
        return r;
    }
    // totalisation
    const std::vector<std::pair<double, double>> items = {{nice_load(m_max_g / 15), 5.0}, {nice_load(m_max_g / 6), 12.34},
                                                          {nice_load(m_max_g / 3), 3.99}};
    double sum = 0;
    reports::series_table t{"totalisation", {"load_g", "unit_price_cny_per_kg", "price_cny"}, {}};
    for (const auto& [load, up] : items) {
        hands.type_unit_price(up);
        const std::string h = hands.place(load);
        hands.wait_stable();
        sum += ctx.scale.display().price;
        t.rows.push_back({load, up, ctx.scale.display().price});
        hands.press("ADD");
        hands.remove(h);
        hands.wait_stable();
    }
    const std::size_t before = ctx.scale.tickets().size();
    hands.press("TOTAL");
    const auto& tickets = ctx.scale.tickets();
    const bool printed = tickets.size() == before + 1;
    const double total = printed ? tickets.back().total : std::nan("");
    judge(r, "a ticket is printed", "ticket_printed", printed);
    judge(r, "the ticket lists every item", "items", printed ? double(tickets.back().items.size()) : 0.0, must::equal,
          double(items.size()));
    judge(r, "the ticket total is the sum of the prices", "total_minus_sum_cny", total - sum, must::be_within,
          interval * 1e-3);
    r.values = {{"ticket_total_cny", total}, {"sum_of_prices_cny", sum},
                {"items", printed ? double(tickets.back().items.size()) : 0}};
    r.series.push_back(std::move(t));
    return r;
}

reports::point_record r76_procedure::run_self_lock(const test_point& p, scale_lab& ctx, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    hands.wait_stable(120);
    const std::string h = hands.place(nice_load(m_max_g / 10));
    hands.wait_stable();
    const bool before = ctx.scale.display().weight_valid;
    ctx.scale.open_case();
    wait_s(ctx, 1);
    const bool locked = !ctx.scale.display().weight_valid;
    ctx.scale.close_case();
    wait_s(ctx, 1);
    const bool still_locked = !ctx.scale.display().weight_valid;
    const uint32_t challenge = ctx.scale.lock_challenge();
    const uint32_t right = scale_unlock_code(ctx.scale.nameplate().device_id, challenge);
    const bool wrong_refused = !ctx.scale.unlock((right + 1) % 1000000u);
    const bool unlocked = ctx.scale.unlock(right);
    const bool shows_again = hands.wait_stable(30);
    hands.remove(h);
    const auto& trail = ctx.scale.audit_trail();
    const bool logged = has_entry(trail, "case_opened") && has_entry(trail, "self_lock") &&
                        has_entry(trail, "unlock_refused") && has_entry(trail, "SELF_LOCK");
    judge(r, "a weighing result before the case is opened", "result_before_opening", before);
    judge(r, "opening the case locks the scale", "locked_on_opening", locked);
    judge(r, "closing the case does not unlock it", "locked_after_closing", still_locked);
    judge(r, "a wrong code is refused", "wrong_code_refused", wrong_refused);
    judge(r, "the dynamic code unlocks it", "dynamic_code_unlocks", unlocked);
    judge(r, "weighing results after unlocking", "results_after_unlock", shows_again);
    judge(r, "case_opened, self_lock, unlock_refused and SELF_LOCK in the audit trail", "events_logged", logged);
    r.values = {{"locked_on_opening", locked ? 1.0 : 0.0}, {"locked_after_closing", still_locked ? 1.0 : 0.0},
                {"wrong_code_refused", wrong_refused ? 1.0 : 0.0}, {"dynamic_code_unlocks", unlocked ? 1.0 : 0.0},
                {"results_after_unlock", shows_again ? 1.0 : 0.0}, {"events_logged", logged ? 1.0 : 0.0}};
    return r;
}

reports::point_record r76_procedure::run_supply(const test_point& p, scale_lab& ctx, bench_hands& hands) const {
    reports::point_record r = start_record(p);
    const scale_nameplate& np = ctx.scale.nameplate();
    const double load = p.settings.at("load_g"), e = e_at(load), mpe = mpe_g(load);
    hands.press("ZERO");
    hands.wait_stable();
    const e0_result e0 = measure_e0(hands, m_e1_g);
    const std::string h = hands.place(load);
    reports::series_table t{"supply", {"supply_v", "corrected_error_g", "mpe_g", "result_shown", "pass"}, {}};
    int failed = 0;
    auto at = [&](double v, bool expect_result) {
        ctx.world.set_supply(v, now_s());
        double ec = std::nan("");
        bool shown = false;
        if (expect_result) {
            const auto c = hands.find_changeover(e);
            shown = c.ok;
            ec = c.p_g - load - e0.e0_g;
        } else {
            wait_s(ctx, 3);
            shown = ctx.scale.display().weight_valid;
        }
        const bool pass = expect_result ? (shown && std::fabs(ec) <= mpe + 1e-9) : !shown;
        failed += pass ? 0 : 1;
        t.rows.push_back({v, ec, mpe, shown ? 1.0 : 0.0, pass ? 1.0 : 0.0});
    };
    const double margin = m_data.supply_margin_pct / 100.0 * np.supply_nominal_v;
    at(np.supply_nominal_v, true);
    at(np.supply_nominal_v * (1 + m_data.supply_over_pct / 100.0), true);
    at(np.low_voltage_v + margin, true);
    at(np.low_voltage_v - margin, false);
    ctx.world.set_supply(np.supply_nominal_v, now_s());
    hands.wait_stable();
    hands.remove(h);
    judge(r, "zero error E0 found at 10 e", "e0_found", e0.ok);
    judge(r, "supply voltages with an error beyond the MPE, or a result below the low-voltage limit",
          "failed_voltages", double(failed), must::be_at_most, 0);
    r.values = {{"nominal_v", np.supply_nominal_v}, {"low_voltage_limit_v", np.low_voltage_v}, {"mpe_g", mpe}};
    r.series.push_back(std::move(t));
    return r;
}

}  // namespace hilbench::procedures::oiml_r76
