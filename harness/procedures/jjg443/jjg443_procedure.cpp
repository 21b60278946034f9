#include "harness/procedures/jjg443/jjg443_procedure.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "harness/procedures/jjg443/jjg443_data_text.h"
#include "harness/procedures/sim_time.h"
#include "harness/reference/standard_measures.h"
#include "harness/stimulus/fuel_world.h"
#include "models/core/rounding.h"

namespace hilbench::procedures::jjg443 {
namespace {

using hilbench::dispenser::preset_kind;

std::map<std::string, double> number_map(const nlohmann::json& j) {
    std::map<std::string, double> m;
    for (auto it = j.begin(); it != j.end(); ++it) m[it.key()] = it.value().get<double>();
    return m;
}

fuel_standard_data parse(const char* text) {
    const nlohmann::json j = nlohmann::json::parse(text);
    fuel_standard_data d;
    d.id = j.at("id").get<std::string>();
    d.title = j.at("title").get<std::string>();
    d.classes = j.at("classes").get<std::vector<std::string>>();
    d.tests = tests_from_json(j.at("tests"));
    d.mpe_pct = number_map(j.at("mpe_pct"));
    d.repeatability_pct = number_map(j.at("repeatability_pct"));
    d.line_a_pct = number_map(j.at("line_a_pct"));
    d.mpe_confidence = j.at("mpe_confidence").get<std::string>();
    d.repeatability_confidence = j.at("repeatability_confidence").get<std::string>();
    d.payment_confidence = j.at("payment_confidence").get<std::string>();
    d.preset_confidence = j.at("preset_confidence").get<std::string>();
    d.payment_limit_cny = j.at("payment_limit_cny").get<double>();
    d.preset_excess_intervals = j.at("preset_excess_intervals").get<int>();
    d.runs = j.at("runs").get<int>();
    d.max_temperature_difference_c = j.at("max_temperature_difference_c").get<double>();
    d.temperature_difference_confidence = j.at("temperature_difference_confidence").get<std::string>();
    return d;
}

std::string fmt(double v, const char* f = "%.2f") {
    char b[48];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

}  // namespace

const std::vector<fuel_standard_data>& all_standards() {
    static const std::vector<fuel_standard_data> s = {parse(data_text::jjg_443_2023), parse(data_text::jjg_443_2015),
                                                      parse(data_text::oiml_r117_1_2007)};
    return s;
}

const params_of<fuel_options>& fuel_options_table() {
    using O = fuel_options;
    static const params_of<O> t = [] {
        params_of<O> p;
        p.number("draft_l", &O::draft_l, "L", 5, 50, "volume of each accuracy run (the standard measure's nominal volume)")
            .number("intermediate_flow_l_per_min", &O::intermediate_flow_l_per_min, "L/min", 0, 200,
                    "the intermediate flow of the accuracy test (0: the geometric mean of Qmin and Qmax)")
            .number("pulse_generator_per_s", &O::pulse_generator_per_s, "1/s", 0.5, 100,
                    "extra pulses per second the self-lock test puts on the A line")
            .boolean("in_service", &O::in_service, "in-service limits: twice the MPE [M]")
            .boolean("maintenance_menu", &O::maintenance_menu,
                     "before each test the inspector opens the maintenance menu with its key, to read the software "
                     "identification and the K-factor (a step an inspection-aware cheat can recognise)");
        return p;
    }();
    return t;
}

jjg443_procedure::jjg443_procedure(const fuel_standard_data& d, const hilbench::dispenser::dispenser_nameplate& np,
                                   const fuel_options& opt, const families::dispenser::dispenser_lab_options& lab,
                                   selection sel)
    : m_data(d), m_np(np), m_opt(opt), m_lab(lab), m_sel(std::move(sel)) {}

double jjg443_procedure::mpe_pct() const {
    auto it = m_data.mpe_pct.find(m_np.accuracy_class);
    const double mpe = it != m_data.mpe_pct.end() ? it->second : m_data.mpe_pct.begin()->second;
    return m_opt.in_service ? 2 * mpe : mpe;
}

double jjg443_procedure::emin_l() const {
    // R 117-1: Emin = 2 MMQ A / 100 for MMQ >= 2 L; below 2 L twice the small-volume MPE
    // (1..2 L: A applied to 2 L); never below 2 R
    auto it = m_data.line_a_pct.find(m_np.accuracy_class);
    const double a = it != m_data.line_a_pct.end() ? it->second : 0.5;
    const double mmq = m_np.mmq_l;
    double e = mmq >= 2 ? 2 * mmq * a / 100 : mmq >= 1 ? 2 * 2 * a / 100 : 2 * 2 * (2 * a / 100) * std::max(mmq, 0.4);
    return std::max(e, 2 * m_np.volume_interval_l);
}

std::string jjg443_procedure::decision_rule() const {
    return "run error E = (V_indicated - V_measure) / V_measure within +-" + fmt(mpe_pct()) +
           " % (measure corrected for the temperatures of the steel and the fuel; its class carried as uncertainty, "
           "not subtracted); repeatability (max - min of the runs) and |amount - volume x price| <= " +
           fmt(m_data.payment_limit_cny) + " CNY per run; MMQ within Emin " + fmt(emin_l(), "%.3f") + " L";
}

std::vector<test_point> jjg443_procedure::plan() const {
    std::vector<test_point> out;
    auto add = [&](const std::string& id, const std::string& test, const std::string& title,
                   std::map<std::string, double> settings, const std::string& conf) {
        if (!m_sel.test(test) || !m_sel.point(id)) return;
        out.push_back({id, test, title, std::move(settings), 0, "[" + conf + "]"});
    };
    const double qint = m_opt.intermediate_flow_l_per_min > 0 ? m_opt.intermediate_flow_l_per_min
                                                              : std::sqrt(m_np.qmax_l_per_min * m_np.qmin_l_per_min);
    const std::string dt = "; " + m_data.temperature_difference_confidence + " temperature difference";
    const std::string conf = m_data.mpe_confidence + " MPE; " + m_data.repeatability_confidence + " repeatability" + dt;
    add("accuracy_qmax", "accuracy", "3 runs of " + fmt(m_opt.draft_l, "%.0f") + " L at Qmax",
        {{"flow_l_per_min", m_np.qmax_l_per_min}, {"volume_l", m_opt.draft_l}}, conf);
    add("accuracy_qint", "accuracy", "3 runs of " + fmt(m_opt.draft_l, "%.0f") + " L at an intermediate flow",
        {{"flow_l_per_min", std::round(qint * 10) / 10}, {"volume_l", m_opt.draft_l}}, conf);
    add("accuracy_qmin", "accuracy", "3 runs of " + fmt(m_opt.draft_l, "%.0f") + " L at Qmin",
        {{"flow_l_per_min", m_np.qmin_l_per_min}, {"volume_l", m_opt.draft_l}}, conf);
    add("mmq", "mmq", "3 runs of the minimum measured quantity at Qmin into the small measure",
        {{"flow_l_per_min", m_np.qmin_l_per_min}, {"volume_l", m_np.mmq_l}}, "M Emin" + dt);
    add("preset_volume", "preset", "a volume preset of " + fmt(m_opt.draft_l, "%.0f") + " L at Qmax",
        {{"flow_l_per_min", m_np.qmax_l_per_min}, {"preset_l", m_opt.draft_l}}, m_data.preset_confidence);
    add("preset_amount", "preset", "an amount preset of 100 CNY at Qmax",
        {{"flow_l_per_min", m_np.qmax_l_per_min}, {"preset_cny", 100}}, m_data.preset_confidence);
    add("flow_interruption", "flow_interruption", "a run at Qmax stopped twice for 10 s at the nozzle",
        {{"flow_l_per_min", m_np.qmax_l_per_min}, {"volume_l", m_opt.draft_l}}, "M");
    add("self_lock", "self_lock", "a pulse generator on the A line during a delivery: the dispenser must lock",
        {{"pulses_per_s", m_opt.pulse_generator_per_s}}, "M");
    add("authentication", "authentication", "an unpaired encoder, then an unpaired mainboard: each must lock", {}, "M");
    return out;
}

double jjg443_procedure::expected_duration_s(const test_point& p) const {
    const double q = p.settings.count("flow_l_per_min") ? p.settings.at("flow_l_per_min") : m_np.qmax_l_per_min;
    const double v = p.settings.count("volume_l") ? p.settings.at("volume_l") : 20;
    if (p.test == "accuracy" || p.test == "mmq") return 3 * (v / q * 60 + m_lab.drain_s + 30) + 60;
    if (p.test == "flow_interruption") return v / q * 60 + 120;
    if (p.test == "preset") return 200;
    return 120;
}

jjg443_procedure::run_result jjg443_procedure::draft(dispenser_lab& lab, preset_kind kind, double value, double q,
                                                     double stop_for_s) const {
    run_result r;
    auto& d = lab.dispenser;
    const double volume = kind == preset_kind::volume ? value : kind == preset_kind::amount ? value / d.display().unit_price : value;
    reference::standard_measure& m = lab.measures.for_volume(volume);
    m.set_fuel_beta(lab.world.beta_per_k());
    m.set_air_temperature(lab.world.ambient_c(now_s()));
    if (!m.wet()) {  // wet the measure once: fill it and empty it
        lab.world.point_nozzle_at(&m);
        if (d.authorise(preset_kind::volume, m.nominal_l())) {
            d.set_nozzle_flow(m_np.qmax_l_per_min);
            wait_until(lab, d.display_event(), now_s() + m.nominal_l() / m_np.qmax_l_per_min * 60 * 2 + 60,
                       [&] { return d.display().volume_l >= m.nominal_l() - 1e-9 || d.display().locked; });
            wait_s(lab, 2);
            d.hang_up();
        }
    }
    m.empty(m_lab.drain_s);
    wait_s(lab, m_lab.drain_s);
    lab.world.point_nozzle_at(&m);
    if (!d.authorise(kind, value)) {
        lab.world.point_nozzle_at(nullptr);
        return r;
    }
    const double t0 = now_s();
    const double expected_s = volume / q * 60;
    d.set_nozzle_flow(q);
    if (stop_for_s > 0) {  // two interruptions, at a third and two thirds of the run
        for (int k = 1; k <= 2; ++k) {
            wait_s(lab, expected_s / 3);
            d.set_nozzle_flow(0);
            wait_s(lab, stop_for_s);
            d.set_nozzle_flow(q);
        }
    }
    // until the preset closes the valves (the display stops) or the volume is reached
    double last_v = -1, last_change = now_s();
    const double deadline = t0 + expected_s * 3 + 2 * stop_for_s + 120;
    while (now_s() < deadline) {
        wait_s(lab, 1.0);
        const double v = d.display().volume_l;
        if (v != last_v) {
            last_v = v;
            last_change = now_s();
        }
        if (d.display().locked) break;
        if (kind == preset_kind::none && v >= value - 1e-9) break;
        if (kind != preset_kind::none && now_s() - last_change > 5) break;
    }
    const double t1 = last_change;
    d.set_nozzle_flow(0);
    wait_s(lab, 2);
    // what the customer display shows is the indication; the controller's record of the sale
    // (POS) must agree with it
    r.indicated_l = d.display().volume_l;
    r.amount_cny = d.display().amount_cny;
    d.hang_up();
    lab.world.point_nozzle_at(nullptr);
    wait_s(lab, 10);  // the foam settles before the neck is read [M]
    const auto& sale = d.sales();
    r.record_differs = !sale.empty() && (std::fabs(sale.back().volume_l - r.indicated_l) > 1e-9 ||
                                         std::fabs(sale.back().amount_cny - r.amount_cny) > 1e-9);
    r.reading_l = m.reading_l();
    r.measure_l = m.nominal_l();
    r.t_measure_c = m.temperature_c();
    r.t_meter_c = lab.world.fuel_temperature_c(now_s());
    r.reference_l = reference::standard_measure::volume_at_meter(r.reading_l, r.t_measure_c, r.t_meter_c,
                                                                 lab.world.beta_per_k());
    r.error_pct = r.reference_l > 0 ? (r.indicated_l - r.reference_l) / r.reference_l * 100 : std::nan("");
    r.flow_l_per_min = t1 > t0 ? r.reference_l / ((t1 - t0 - 2 * stop_for_s) / 60) : 0;
    const double price = sale.empty() ? d.display().unit_price : sale.back().unit_price;
    r.payment_error_cny = r.amount_cny - round_to_step(r.indicated_l * price, m_np.amount_interval_cny);
    r.completed = true;
    return r;
}

reports::point_record jjg443_procedure::run_in(const test_point& p, dispenser_lab& lab) const {
    wait_s(lab, 1);  // the dispenser switched on at t = 0
    std::string menu;
    if (m_opt.maintenance_menu) {
        lab.dispenser.press("maintenance");
        menu = "The inspector opened the maintenance menu with its key before the test: software identification " +
               lab.dispenser.software_id() + ".";
    }
    reports::point_record r = run_test(p, lab);
    if (!menu.empty()) r.note = r.note.empty() ? menu : menu + " " + r.note;
    return r;
}

reports::point_record jjg443_procedure::run_test(const test_point& p, dispenser_lab& lab) const {
    if (p.test == "accuracy") return run_accuracy(p, lab);
    if (p.test == "mmq") return run_mmq(p, lab);
    if (p.test == "preset") return run_preset(p, lab);
    if (p.test == "flow_interruption") return run_interruption(p, lab);
    if (p.test == "self_lock") return run_self_lock(p, lab);
    if (p.test == "authentication") return run_authentication(p, lab);
    HB_ASSERT(false, "unknown test " + p.test);
}

reports::point_record jjg443_procedure::run_accuracy(const test_point& p, dispenser_lab& lab) const {
    reports::point_record r = start_record(p);
    const double q = p.settings.at("flow_l_per_min"), v = p.settings.at("volume_l");
    reports::series_table t{"runs",
                            {"run", "flow_l_per_min", "measure_l", "t_meter_c", "t_measure_c", "indicated_l",
                             "reading_l", "reference_l", "error_pct", "amount_cny", "payment_error_cny", "pass"},
                            {}};
    std::vector<double> errors;
    double worst = 0, worst_pay = 0, worst_dt = 0;
    int mismatches = 0;
    bool all_done = true;
    for (int k = 1; k <= m_data.runs; ++k) {
        const run_result x = draft(lab, preset_kind::volume, v, q);
        all_done &= x.completed;
        if (!x.completed) break;
        mismatches += x.record_differs;
        worst_dt = std::max(worst_dt, std::fabs(x.t_meter_c - x.t_measure_c));
        errors.push_back(x.error_pct);
        if (std::fabs(x.error_pct) > std::fabs(worst)) worst = x.error_pct;
        if (std::fabs(x.payment_error_cny) > std::fabs(worst_pay)) worst_pay = x.payment_error_cny;
        t.rows.push_back({double(k), x.flow_l_per_min, x.measure_l, x.t_meter_c, x.t_measure_c, x.indicated_l,
                          x.reading_l, x.reference_l, x.error_pct, x.amount_cny, x.payment_error_cny, std::fabs(x.error_pct) <= mpe_pct() + 1e-9 ? 1.0 : 0.0});
    }
    judge(r, "every run was delivered (the dispenser authorised and stopped at the preset)", "runs_completed", all_done);
    judge_temperatures(r, worst_dt);
    const double spread = errors.empty() ? std::nan("") : *std::max_element(errors.begin(), errors.end()) -
                                                              *std::min_element(errors.begin(), errors.end());
    double mean = 0;
    for (double e : errors) mean += e / double(errors.size());
    const auto rep = m_data.repeatability_pct.find(m_np.accuracy_class);
    const double rep_limit = rep != m_data.repeatability_pct.end() ? rep->second : 0.1;
    judge(r, "largest run error within the MPE", "worst_error_pct", errors.empty() ? std::nan("") : worst,
          must::be_within, mpe_pct());
    judge(r, "repeatability: largest minus smallest run error", "spread_pct", spread, must::be_at_most, rep_limit);
    judge(r, "payment: amount minus volume x unit price", "worst_payment_error_cny", worst_pay, must::be_within,
          m_data.payment_limit_cny);
    judge(r, "runs whose display differs from the controller's record of the sale", "record_mismatches",
          double(mismatches), must::be_at_most, 0);
    // the measure's class as the standard uncertainty of each run (rectangular), k = 2
    const double u = 2 * lab.measures.for_volume(v).standard_uncertainty_rel() * 100;
    r.values = {{"flow_l_per_min", q}, {"mean_error_pct", mean}, {"worst_error_pct", worst}, {"spread_pct", spread},
                {"mpe_pct", mpe_pct()}, {"repeatability_limit_pct", rep_limit}, {"uncertainty_pct", u},
                {"worst_payment_error_cny", worst_pay}};
    r.series.push_back(std::move(t));
    return r;
}

void jjg443_procedure::judge_temperatures(reports::point_record& r, double worst_difference_c) const {
    judge(r, "test condition: liquid temperature in the meter against in the measure", "temperature_difference_c", worst_difference_c, must::be_at_most, m_data.max_temperature_difference_c);
}

reports::point_record jjg443_procedure::run_mmq(const test_point& p, dispenser_lab& lab) const {
    reports::point_record r = start_record(p);
    const double q = p.settings.at("flow_l_per_min"), v = p.settings.at("volume_l");
    reports::series_table t{
        "runs", {"run", "measure_l", "t_meter_c", "t_measure_c", "indicated_l", "reading_l", "reference_l", "error_l", "pass"}, {}};
    double worst = 0, worst_dt = 0;
    bool all_done = true;
    for (int k = 1; k <= m_data.runs; ++k) {
        const run_result x = draft(lab, preset_kind::volume, v, q);
        all_done &= x.completed;
        if (!x.completed) break;
        const double e = x.indicated_l - x.reference_l;
        if (std::fabs(e) > std::fabs(worst)) worst = e;
        worst_dt = std::max(worst_dt, std::fabs(x.t_meter_c - x.t_measure_c));
        t.rows.push_back({double(k), x.measure_l, x.t_meter_c, x.t_measure_c, x.indicated_l, x.reading_l, x.reference_l, e, std::fabs(e) <= emin_l() + 1e-9 ? 1.0 : 0.0});
    }
    judge(r, "every run was delivered", "runs_completed", all_done);
    judge_temperatures(r, worst_dt);
    judge(r, "largest error at the MMQ within Emin", "worst_error_l", worst, must::be_within, emin_l());
    r.values = {{"mmq_l", v}, {"worst_error_l", worst}, {"emin_l", emin_l()}};
    r.series.push_back(std::move(t));
    return r;
}

reports::point_record jjg443_procedure::run_preset(const test_point& p, dispenser_lab& lab) const {
    reports::point_record r = start_record(p);
    const double q = p.settings.at("flow_l_per_min");
    const bool by_amount = p.settings.count("preset_cny") > 0;
    const double preset = by_amount ? p.settings.at("preset_cny") : p.settings.at("preset_l");
    const run_result x = draft(lab, by_amount ? preset_kind::amount : preset_kind::volume, preset, q);
    judge(r, "the preset delivery was made", "completed", x.completed);
    const double shown = by_amount ? x.amount_cny : x.indicated_l;
    const double step = by_amount ? m_np.amount_interval_cny : m_np.volume_interval_l;
    const double allowed = by_amount ? m_data.preset_excess_intervals * m_np.volume_interval_l * lab.dispenser.display().unit_price
                                     : m_data.preset_excess_intervals * step;
    judge(r, "not less than the preset", by_amount ? "amount_short_cny" : "volume_short_l", preset - shown,
          must::be_at_most, 0);
    judge(r, "at most 5 intervals beyond the preset", by_amount ? "amount_excess_cny" : "volume_excess_l", shown - preset,
          must::be_at_most, allowed);
    judge(r, "the delivery's error within the MPE", "error_pct", x.error_pct, must::be_within, mpe_pct());
    judge(r, "payment: amount minus volume x unit price", "payment_error_cny", x.payment_error_cny, must::be_within,
          m_data.payment_limit_cny);
    r.values = {{"indicated_l", x.indicated_l}, {"amount_cny", x.amount_cny}, {"reference_l", x.reference_l},
                {"error_pct", x.error_pct}, {"payment_error_cny", x.payment_error_cny}};
    return r;
}

reports::point_record jjg443_procedure::run_interruption(const test_point& p, dispenser_lab& lab) const {
    reports::point_record r = start_record(p);
    const double q = p.settings.at("flow_l_per_min"), v = p.settings.at("volume_l");
    const run_result x = draft(lab, preset_kind::volume, v, q, 10);
    judge(r, "the interrupted delivery was completed", "completed", x.completed);
    judge(r, "the error of the interrupted run within the MPE", "error_pct", x.error_pct, must::be_within, mpe_pct());
    r.values = {{"indicated_l", x.indicated_l}, {"reference_l", x.reference_l}, {"error_pct", x.error_pct}};
    return r;
}

reports::point_record jjg443_procedure::run_self_lock(const test_point& p, dispenser_lab& lab) const {
    reports::point_record r = start_record(p);
    auto& d = lab.dispenser;
    reference::standard_measure& m = lab.measures.for_volume(20);
    m.empty(m_lab.drain_s);
    lab.world.point_nozzle_at(&m);
    const bool started = d.authorise(preset_kind::volume, 20);
    d.set_nozzle_flow(m_np.qmax_l_per_min);
    wait_s(lab, 5);
    const double before = d.display().volume_l;
    d.attach_pulse_generator(p.settings.at("pulses_per_s"));
    const double t_on = now_s();
    wait_until(lab, d.display_event(), t_on + 30, [&] { return d.display().locked; });
    const bool locked = d.display().locked;
    const double lock_after = locked ? now_s() - t_on : std::nan("");
    wait_s(lab, 3);
    const double v_locked = d.display().volume_l;
    wait_s(lab, 5);
    const bool stopped = std::fabs(d.display().volume_l - v_locked) < 1e-9;
    d.attach_pulse_generator(0);
    d.set_nozzle_flow(0);
    d.hang_up();
    lab.world.point_nozzle_at(nullptr);
    const bool refused = !d.authorise(preset_kind::none, 0);
    if (!refused) d.hang_up();
    judge(r, "a delivery was under way before the pulses", "delivering", started && before > 0);
    judge(r, "the abnormal pulses lock the dispenser", "locked", locked);
    judge(r, "the delivery stops once locked", "stopped", stopped);
    judge(r, "a locked dispenser refuses the next delivery", "refused", refused);
    r.values = {{"lock_after_s", lock_after}, {"volume_at_lock_l", v_locked}};
    return r;
}

reports::point_record jjg443_procedure::run_authentication(const test_point& p, dispenser_lab& lab) const {
    reports::point_record r = start_record(p);
    auto& d = lab.dispenser;
    auto try_part = [&](const std::string& part) {
        d.set_power(false);
        d.fit_unpaired(part, true);
        wait_s(lab, 2);
        d.set_power(true);
        wait_s(lab, 2);
        const bool refused = !d.authorise(preset_kind::none, 0);
        if (!refused) d.hang_up();
        const bool locked = d.display().locked;
        // the original part back, a power cycle and a service unlock: it works again
        d.set_power(false);
        d.fit_unpaired(part, false);
        wait_s(lab, 2);
        d.set_power(true);
        d.service_unlock();
        wait_s(lab, 1);
        const bool works = d.authorise(preset_kind::none, 0);
        if (works) d.hang_up();
        return std::make_tuple(refused, locked, works);
    };
    const auto [enc_refused, enc_locked, enc_works] = try_part("encoder");
    const auto [mb_refused, mb_locked, mb_works] = try_part("mainboard");
    judge(r, "with an unpaired encoder the dispenser refuses to deliver", "encoder_swap_refused", enc_refused);
    judge(r, "with an unpaired encoder it locks", "encoder_swap_locked", enc_locked);
    judge(r, "with an unpaired mainboard it refuses to deliver", "mainboard_swap_refused", mb_refused);
    judge(r, "with an unpaired mainboard it locks", "mainboard_swap_locked", mb_locked);
    judge(r, "with the paired parts back it delivers again", "restored", enc_works && mb_works);
    return r;
}

}  // namespace hilbench::procedures::jjg443
