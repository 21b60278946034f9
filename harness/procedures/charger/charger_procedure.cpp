#include "harness/procedures/charger/charger_procedure.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "harness/procedures/charger/charger_data_text.h"
#include "harness/procedures/sim_time.h"
#include "harness/reference/reference_meter.h"
#include "harness/stimulus/charging_world.h"
#include "models/charger/ocmf.h"

namespace hilbench::procedures::charger {
namespace {

using hilbench::charger::receipt;

charger_standard_data parse(const char* text) {
    const nlohmann::json j = nlohmann::json::parse(text);
    charger_standard_data d;
    d.id = j.at("id").get<std::string>();
    d.title = j.at("title").get<std::string>();
    d.current_type = j.at("current_type").get<std::string>();
    d.classes = j.at("classes").get<std::vector<std::string>>();
    d.tests = tests_from_json(j.at("tests"));
    for (auto it = j.at("mpe_pct").begin(); it != j.at("mpe_pct").end(); ++it) d.mpe_pct[it.key()] = it.value().get<double>();
    d.mpe_confidence = j.at("mpe_confidence").get<std::string>();
    for (auto it = j.at("load_points").begin(); it != j.at("load_points").end(); ++it)
        d.load_points[it.key()] = {it.value().at(0).get<double>(), it.value().at(1).get<double>()};
    d.default_load_points = j.at("default_load_points").get<std::vector<std::string>>();
    d.load_points_confidence = j.at("load_points_confidence").get<std::string>();
    d.clock_initial_s = j.at("clock_initial_s").get<double>();
    d.clock_subsequent_s = j.at("clock_subsequent_s").get<double>();
    d.clock_confidence = j.at("clock_confidence").get<std::string>();
    d.indication_confidence = j.at("indication_confidence").get<std::string>();
    d.payment_confidence = j.at("payment_confidence").get<std::string>();
    d.continuous_run_steps = j.at("continuous_run_steps").get<int>();
    d.continuous_run_confidence = j.at("continuous_run_confidence").get<std::string>();
    d.continuous_run_resolution_of_mpe = j.at("continuous_run_resolution_of_mpe").get<double>();
    return d;
}

std::string fmt(const char* f, double v) {
    char b[64];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

// seconds after midnight of a displayed "YYYY-MM-DD hh:mm:ss" (-1 when it is not one)
double seconds_of_day(const std::string& shown) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (std::sscanf(shown.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6) return -1;
    return h * 3600.0 + mi * 60.0 + s;
}

constexpr const char* card = "LAB-TEST-CARD";

}  // namespace

const std::vector<charger_standard_data>& all_standards() {
    static const std::vector<charger_standard_data> s = {parse(data_text::jjg_1148_2022), parse(data_text::jjg_1149_2022),
                                                         parse(data_text::eichrecht_field)};
    return s;
}

const params_of<charger_options>& charger_options_table() {
    using O = charger_options;
    static const params_of<O> t = [] {
        params_of<O> p;
        p.strings("load_points", &O::load_points, 0,
                  "working-error load points (imax, half_imax, imin; AC also imax_pf05); none: the standard's "
                  "minimum (Imax)")
            .choice("verification", &O::verification, {"initial", "subsequent"},
                    "initial or subsequent verification (the clock's limit)")
            .integer("gate_pulses", &O::gate_pulses, 10, 100000, "test-output pulses per working-error reading [M]")
            .number("indication_kwh", &O::indication_kwh, "kWh", 0.1, 100, "energy of the indication-error session [M]")
            .number("payment_minutes", &O::payment_minutes, "min", 1, 600, "length of the payment-error session [M]")
            .number("session_minutes", &O::session_minutes, "min", 1, 600, "length of the transparency session [M]")
            .number("dc_test_voltage_v", &O::dc_test_voltage_v, "V", 0, 1500,
                    "DC: the virtual load's voltage (0: the middle of the charger's range)")
            .number("plausibility_pct", &O::plausibility_pct, "%", 0, 100,
                    "largest deviation of the signed energy from the reference (0: the class's MPE) [M]")
            .number("continuous_run_min_s", &O::continuous_run_min_s, "s", 0, 86400,
                    "the continuous run also lasts at least this long, so that a display that steps several "
                    "digits per update still resolves the error [M]");
        return p;
    }();
    return t;
}

charger_procedure::charger_procedure(const charger_standard_data& d, const hilbench::charger::charger_nameplate& np,
                                     const charger_options& opt, const families::charger::charger_lab_options& lab,
                                     const conditions& cond, selection sel)
    : m_data(d), m_np(np), m_opt(opt), m_lab(lab), m_cond(cond), m_sel(std::move(sel)) {}

double charger_procedure::mpe_pct() const {
    const auto it = m_data.mpe_pct.find(m_np.accuracy_class);
    return it != m_data.mpe_pct.end() ? it->second : 1.0;
}

double charger_procedure::dc_voltage() const {
    return m_opt.dc_test_voltage_v > 0 ? m_opt.dc_test_voltage_v : (m_np.min_voltage_v + m_np.max_voltage_v) / 2;
}

std::string charger_procedure::decision_rule() const {
    return "Simple acceptance: a point passes when every requirement holds (errors within the MPE of class " +
           m_np.accuracy_class + ", " + fmt("%.1f %%", mpe_pct()) +
           ", no guard band); the expanded uncertainty of the reference is reported beside each error.";
}

std::vector<test_point> charger_procedure::plan() const {
    std::vector<test_point> out;
    auto add = [&](const std::string& id, const std::string& test, const std::string& title,
                   std::map<std::string, double> settings, const std::string& conf) {
        if (!m_sel.test(test) || !m_sel.point(id)) return;
        if (std::none_of(m_data.tests.begin(), m_data.tests.end(), [&](const auto& t) { return t.name == test; })) return;
        out.push_back({id, test, title, std::move(settings), mpe_pct(), "[" + conf + "]"});
    };
    const std::vector<std::string>& lps = m_opt.load_points.empty() ? m_data.default_load_points : m_opt.load_points;
    for (const std::string& lp : lps) {
        const auto& [fraction, pf] = m_data.load_points.at(lp);
        const double amps = fraction > 0 ? fraction * m_np.max_current_a : m_np.min_current_a;
        std::map<std::string, double> s = {{"current_a", amps}};
        if (m_np.current_type == "AC") s["power_factor"] = pf;
        else s["voltage_v"] = dc_voltage();
        add("working_" + lp, "working_error", "working error at " + fmt("%.1f A", amps) +
            (m_np.current_type == "AC" ? fmt(", PF %.1f", pf) : fmt(", %.0f V", dc_voltage())), s,
            m_data.mpe_confidence + " MPE; " + m_data.load_points_confidence + " load point");
    }
    std::map<std::string, double> imax = {{"current_a", m_np.max_current_a}};
    if (m_np.current_type == "DC") imax["voltage_v"] = dc_voltage();
    add("indication", "indication_error", "the display over a session of " + fmt("%.1f kWh", m_opt.indication_kwh), imax,
        m_data.indication_confidence);
    add("clock", "clock_error", "the displayed time against the lab's clock", {}, m_data.clock_confidence);
    add("payment", "payment_error", "the amount of a " + fmt("%.0f-minute", m_opt.payment_minutes) + " session", imax,
        m_data.payment_confidence);
    add("continuous_run", "continuous_run",
        std::to_string(continuous_run_steps()) + " least-digit steps of the display (and at least " +
            fmt("%.0f s", m_opt.continuous_run_min_s) + ") against the reference",
        imax,
        m_data.continuous_run_confidence);
    add("transparency", "transparency", "the signed records of a " + fmt("%.0f-minute", m_opt.session_minutes) + " session",
        imax, "S~");
    return out;
}

double charger_procedure::expected_duration_s(const test_point& p) const {
    const double amps = p.settings.count("current_a") ? p.settings.at("current_a") : m_np.max_current_a;
    const double volts = m_np.current_type == "AC" ? m_np.rated_voltage_v : dc_voltage();
    const double kw = std::max(0.1, amps * volts / 1000);
    if (p.test == "working_error") return m_opt.gate_pulses / m_np.meter_constant_imp_per_kwh / kw * 3600 + 60;
    if (p.test == "indication_error") return m_opt.indication_kwh / kw * 3600 + 60;
    if (p.test == "payment_error") return m_opt.payment_minutes * 60 + 30;
    if (p.test == "continuous_run")
        return std::max(continuous_run_steps() * m_np.display_resolution_kwh / kw * 3600 * 1.5, m_opt.continuous_run_min_s) + 60;
    if (p.test == "transparency") return m_opt.session_minutes * 60 + 30;
    return 30;
}

void charger_procedure::connect(charger_lab& lab, double amps, double pf) const {
    if (m_lab.load_method == "vehicle") lab.world.plug_vehicle(now_s(), lab.vehicle);
    else lab.world.plug_load(now_s(), amps, m_np.current_type == "AC" ? pf : dc_voltage());
}

std::size_t charger_procedure::session(charger_lab& lab, double duration_s, double stop_kwh, double& t0,
                                       double& t1) const {
    auto& c = lab.charger;
    c.start_session(card);
    t0 = now_s();
    wait_until(lab, c.display_event(), t0 + duration_s, [&] { return !c.charging() || c.display().energy_kwh >= stop_kwh; });
    c.stop_session();
    t1 = now_s();
    wait_s(lab, 1);
    return c.receipts().size() - 1;
}

reports::point_record charger_procedure::run_in(const test_point& p, charger_lab& lab) const {
    wait_s(lab, 1);  // the charger switched on at t = 0
    reports::point_record r = run_test(p, lab);
    // with the real-vehicle method, what the vehicle and the charger said to each other
    const auto& log = lab.world.messages();
    if (!log.empty()) {
        std::size_t cyclic = 0;
        std::string first, last;
        for (const auto& m : log) {
            if (m.code == "BCL" || m.code == "BCS" || m.code == "CCS") ++cyclic;
            if (m.code == "BCP") first = m.text;
            if (m.code == "BST" || m.code == "BSD") last += (last.empty() ? "" : "; ") + m.code + " " + m.text;
        }
        const std::string note = "Vehicle (GB/T 27930 messages at message level): BCP " + first + "; " +
                                 std::to_string(cyclic) + " BCL/BCS/CCS entries" + (last.empty() ? "" : "; " + last) + ".";
        r.note = r.note.empty() ? note : r.note + " " + note;
    }
    return r;
}

reports::point_record charger_procedure::run_test(const test_point& p, charger_lab& lab) const {
    if (p.test == "working_error") return run_working(p, lab);
    if (p.test == "indication_error") return run_indication(p, lab);
    if (p.test == "clock_error") return run_clock(p, lab);
    if (p.test == "payment_error") return run_payment(p, lab);
    if (p.test == "continuous_run") return run_continuous(p, lab);
    if (p.test == "transparency") return run_transparency(p, lab);
    HB_ASSERT(false, "unknown test " + p.test);
}

reports::point_record charger_procedure::run_working(const test_point& p, charger_lab& lab) const {
    reports::point_record r = start_record(p);
    auto& c = lab.charger;
    const double amps = p.settings.at("current_a");
    const double pf = p.settings.count("power_factor") ? p.settings.at("power_factor") : 1.0;
    connect(lab, amps, pf);
    c.start_session(card);
    wait_s(lab, 5);  // the contactor closes, the power settles
    const auto n = static_cast<std::size_t>(m_opt.gate_pulses);
    const double volts = m_np.current_type == "AC" ? m_np.rated_voltage_v : dc_voltage();
    const double pulse_s = 3.6e6 / (m_np.meter_constant_imp_per_kwh * std::max(1.0, volts * amps * pf));
    const std::size_t n0 = c.pulse_count();
    const bool started = wait_until(lab, c.pulse_event(), now_s() + 10 * pulse_s + 30, [&] { return c.pulse_count() > n0; });
    const bool gated = started && wait_until(lab, c.pulse_event(), now_s() + 3 * double(n) * pulse_s + 60,
                                             [&] { return c.pulse_count() >= n0 + 1 + n; });
    judge(r, "the test output gave the gate's pulses", "gate_complete", gated);
    double error = std::nan(""), u = std::nan(""), gate = 0, e_ref = 0;
    if (gated) {
        const double ta = c.pulse_time_s(n0), tb = c.pulse_time_s(n0 + n);
        gate = tb - ta;
        e_ref = lab.reference.true_energy_wh(ta, tb) / 1000;
        const double e_dut = double(n) / m_np.meter_constant_imp_per_kwh;
        error = e_ref > 0 ? (e_dut - e_ref) / e_ref * 100 : std::nan("");
        u = lab.reference.expanded_uncertainty_pct(lab.reference.pulses(ta, tb), 1 / 3200.0, gate);
    }
    c.stop_session();
    judge(r, "working error within the MPE", "error_pct", error, must::be_within, mpe_pct());
    r.values = {{"current_a", amps},   {"error_pct", error}, {"mpe_pct", mpe_pct()}, {"uncertainty_pct", u},
                {"gate_s", gate},      {"gate_pulses", double(n)}, {"reference_kwh", e_ref}};
    if (m_np.current_type == "AC") r.values.push_back({"power_factor", pf});
    else r.values.push_back({"voltage_v", dc_voltage()});
    return r;
}

reports::point_record charger_procedure::run_indication(const test_point& p, charger_lab& lab) const {
    reports::point_record r = start_record(p);
    connect(lab, m_np.max_current_a, 1.0);
    const double kw = std::max(0.1, m_np.max_current_a * (m_np.current_type == "AC" ? m_np.rated_voltage_v : dc_voltage()) / 1000);
    double t0 = 0, t1 = 0;
    const std::size_t k = session(lab, m_opt.indication_kwh / kw * 3600 * 2 + 120, m_opt.indication_kwh, t0, t1);
    const receipt& rc = lab.charger.receipts().at(k);
    const double e_ref = lab.reference.true_energy_wh(t0, t1 + 1) / 1000;
    const double error = e_ref > 0 ? (rc.energy_kwh - e_ref) / e_ref * 100 : std::nan("");
    judge(r, "the session reached its energy", "session_kwh", rc.energy_kwh, must::be_at_least, m_opt.indication_kwh * 0.99);
    judge(r, "indication (display) error within the MPE", "error_pct", error, must::be_within, mpe_pct());
    r.values = {{"displayed_kwh", rc.energy_kwh}, {"reference_kwh", e_ref}, {"error_pct", error}, {"mpe_pct", mpe_pct()},
                {"display_resolution_kwh", m_np.display_resolution_kwh}};
    return r;
}

reports::point_record charger_procedure::run_clock(const test_point& p, charger_lab& lab) const {
    reports::point_record r = start_record(p);
    const double device = seconds_of_day(lab.charger.display().time);
    const double truth = std::fmod(m_cond.start_time_of_day_h * 3600 + now_s(), 86400.0);
    double err = device - std::floor(truth);  // the display shows whole seconds
    if (err > 43200) err -= 86400;
    if (err < -43200) err += 86400;
    const double limit = m_opt.verification == "initial" ? m_data.clock_initial_s : m_data.clock_subsequent_s;
    judge(r, "the clock shows a time", "clock_readable", device >= 0);
    judge(r, "clock error within the " + m_opt.verification + " verification's limit", "clock_error_s",
          device >= 0 ? err : std::nan(""), must::be_within, limit);
    r.values = {{"clock_error_s", err}, {"limit_s", limit}};
    r.note = "displayed " + lab.charger.display().time;
    return r;
}

reports::point_record charger_procedure::run_payment(const test_point& p, charger_lab& lab) const {
    reports::point_record r = start_record(p);
    connect(lab, m_np.max_current_a, 1.0);
    double t0 = 0, t1 = 0;
    const std::size_t k = session(lab, m_opt.payment_minutes * 60, 1e9, t0, t1);
    const receipt& rc = lab.charger.receipts().at(k);
    reports::series_table t{"periods", {"period", "energy_kwh", "price_cny_per_kwh", "service_fee_cny_per_kwh", "cost_cny"}, {}};
    double expected = 0;
    for (std::size_t i = 0; i < rc.kwh_per_period.size(); ++i) {
        if (rc.kwh_per_period[i] == 0) continue;
        const double cost = rc.kwh_per_period[i] * (rc.price_per_period.at(i) + rc.service_fee_cny_per_kwh);
        expected += cost;
        t.rows.push_back({double(i), rc.kwh_per_period[i], rc.price_per_period.at(i), rc.service_fee_cny_per_kwh, cost});
    }
    const double diff = rc.amount_cny - expected;
    judge(r, "payment error: amount minus the sum of energy x (price + fee)", "payment_error_cny", diff, must::be_within,
          m_np.min_pay_cny);
    double billed = 0;
    for (double e : rc.kwh_per_period) billed += e;
    judge(r, "the periods' energies add up to the session's", "period_sum_error_kwh", billed - rc.energy_kwh,
          must::be_within, 1e-6);
    r.values = {{"amount_cny", rc.amount_cny}, {"expected_cny", expected}, {"payment_error_cny", diff},
                {"min_pay_cny", m_np.min_pay_cny}, {"energy_kwh", rc.energy_kwh}};
    r.series.push_back(std::move(t));
    return r;
}

int charger_procedure::continuous_run_steps() const {
    // one step in N is 100/N % of the energy; the reading at each end is truncated to a step
    const double allowed_pct = m_data.continuous_run_resolution_of_mpe * mpe_pct();
    return std::max(m_data.continuous_run_steps, int(std::ceil(100.0 / allowed_pct - 1e-9)));
}

reports::point_record charger_procedure::run_continuous(const test_point& p, charger_lab& lab) const {
    reports::point_record r = start_record(p);
    auto& c = lab.charger;
    connect(lab, m_np.max_current_a, 1.0);
    c.start_session(card);
    const double res = m_np.display_resolution_kwh;
    const double kw = std::max(0.1, m_np.max_current_a * (m_np.current_type == "AC" ? m_np.rated_voltage_v : dc_voltage()) / 1000);
    const double step_s = res / kw * 3600;
    // from one step of the least digit to the step N steps later
    wait_s(lab, 5);
    const double e_start = c.display().energy_kwh;
    const bool a = wait_until(lab, c.display_event(), now_s() + 10 * step_s + 30,
                              [&] { return c.display().energy_kwh > e_start + res / 2; });
    const double ta = now_s(), ea = c.display().energy_kwh;
    const int steps = continuous_run_steps();
    const double min_end = ta + m_opt.continuous_run_min_s;
    const bool b = a && wait_until(lab, c.display_event(), std::max(now_s() + 3 * steps * step_s, min_end) + 60, [&] {
        return c.display().energy_kwh >= ea + steps * res - res / 2 && now_s() >= min_end;
    });
    const double tb = now_s(), eb = c.display().energy_kwh;
    c.stop_session();
    judge(r, "the display stepped " + std::to_string(steps) + " times", "steps_complete", a && b);
    const double e_ref = lab.reference.true_energy_wh(ta, tb) / 1000;
    const double error = a && b && e_ref > 0 ? ((eb - ea) - e_ref) / e_ref * 100 : std::nan("");
    judge(r, "the display against the reference within the MPE", "error_pct", error, must::be_within, mpe_pct());
    r.values = {{"display_steps", std::round((eb - ea) / res)}, {"displayed_kwh", eb - ea}, {"reference_kwh", e_ref},
                {"error_pct", error}, {"mpe_pct", mpe_pct()}, {"digit_resolution_pct", res / std::max(e_ref, 1e-12) * 100}};
    return r;
}

reports::point_record charger_procedure::run_transparency(const test_point& p, charger_lab& lab) const {
    reports::point_record r = start_record(p);
    auto& c = lab.charger;
    connect(lab, m_np.max_current_a, 1.0);
    const std::size_t before = c.ocmf_records().size();
    double t0 = 0, t1 = 0;
    const std::size_t k = session(lab, m_opt.session_minutes * 60, 1e9, t0, t1);
    const receipt& rc = c.receipts().at(k);
    const std::vector<std::string> recs(c.ocmf_records().begin() + long(before), c.ocmf_records().end());
    hilbench::charger::ocmf::transaction_options o;
    o.display_kwh = rc.end_kwh;
    o.reference_kwh = lab.reference.true_energy_wh(t0, t1 + 1) / 1000;
    o.plausibility_pct = m_opt.plausibility_pct > 0 ? m_opt.plausibility_pct : mpe_pct();
    if (m_np.registered_cable_mohm > 0) o.registered_lr = m_np.registered_cable_mohm;
    const auto v = hilbench::charger::ocmf::check_transaction(recs, m_np.registered_public_key, o);
    for (const auto& chk : v.checks) judge(r, chk.name + " (" + chk.detail + ")", chk.name, chk.pass);
    reports::series_table t{"records", {"record", "page", "reading_kwh", "signature_valid"}, {}};
    for (std::size_t i = 0; i < recs.size(); ++i) {
        const auto pr = hilbench::charger::ocmf::parse_record(recs[i]);
        const auto j = nlohmann::json::parse(pr.payload, nullptr, false);
        double page = std::nan(""), rv = std::nan("");
        if (!j.is_discarded() && j.contains("PG") && j["PG"].is_string() && j["PG"].get<std::string>().size() > 1)
            page = std::atof(j["PG"].get<std::string>().c_str() + 1);
        if (!j.is_discarded() && j.contains("RD") && j["RD"].is_array() && !j["RD"].empty() && j["RD"][0].contains("RV") &&
            j["RD"][0]["RV"].is_number())
            rv = j["RD"][0]["RV"].get<double>();
        t.rows.push_back({double(i + 1), page, rv,
                          hilbench::charger::ocmf::verify_record(pr, m_np.registered_public_key) ? 1.0 : 0.0});
    }
    r.values = {{"records", double(recs.size())}, {"signed_kwh", v.end_value - v.begin_value},
                {"reference_kwh", *o.reference_kwh}, {"displayed_kwh", rc.energy_kwh},
                {"plausibility_pct", o.plausibility_pct}};
    r.series.push_back(std::move(t));
    return r;
}

}  // namespace hilbench::procedures::charger
