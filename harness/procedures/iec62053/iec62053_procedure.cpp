#include "harness/procedures/iec62053/iec62053_procedure.h"

#include "harness/procedures/iec62053/error_maths.h"
#include "harness/procedures/sim_time.h"

#include <systemc>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "harness/reference/reference_meter.h"
#include "harness/stimulus/ac_source.h"
#include "models/core/energy_meter_face.h"
#include "models/core/errors.h"

namespace hilbench::procedures::iec62053 {
namespace {

constexpr double pi = 3.14159265358979323846;
constexpr double calculator_resolution_s = 1e-6;  // error-calculator input timing resolution

std::string fmt(double v, int prec = 4) {
    std::ostringstream os;
    os.precision(prec);
    os << v;
    return os.str();
}

// Waits until the meter has emitted more than `count` pulses or until `deadline_s`. True when
// the pulse came.
bool wait_pulses(meter_lab& ctx, std::size_t count, double deadline_s) {
    return wait_until(ctx, ctx.meter.cf_event(), deadline_s, [&] { return ctx.meter.cf_pulse_count() > count; });
}

void set_line(meter_lab& ctx, double v, double i, double phase_deg, double f) {
    ac_line_state s;
    s.voltage_v = v;
    s.current_a = i;
    s.phase_deg = phase_deg;
    s.freq_hz = f;
    ctx.source.set(s, now_s());
}

std::size_t edges_up_to(const energy_meter_face& m, double t) {
    std::size_t n = m.cf_pulse_count();
    while (n > 0 && m.cf_edge_time_s(n - 1) > t) --n;
    return n;
}

}  // namespace

const params_of<meter_options>& meter_options_table() {
    using O = meter_options;
    static const params_of<O> t = [] {
        params_of<O> p;
        p.integer("readings", &O::readings, 1, 50, "error readings per accuracy point; their mean is judged")
            .number("min_gate_s", &O::min_gate_s, "s", 0.1, 3600, "shortest gate of one reading (whole CF periods)")
            .number("settle_s", &O::settle_s, "s", 0.2, 600, "settling after every change of the load")
            .number("starting_time_factor", &O::starting_time_factor, "", 1, 20,
                    "starting window as a multiple of t0 (default: the standard's value)")
            .number("no_load_time_factor", &O::no_load_time_factor, "", 0.01, 20,
                    "no-load test duration as a multiple of the standard's")
            .integer("register_digits", &O::register_digits, 2, 1000000, "display digits the register test counts")
            .number("timeout_factor", &O::timeout_factor, "", 1.5, 100,
                    "a reading fails when it takes this many times its expected duration")
            .boolean("terminal_clamps", &O::terminal_clamps,
                     "read clamp meters on the live and the neutral conductor at the meter's terminals at every "
                     "accuracy point (values clamp_live_a, clamp_neutral_a, neutral_vs_live_pct): an installation "
                     "that returns part of the current past the meter shows there, whatever the meter does");
        return p;
    }();
    return t;
}

meter_procedure::meter_procedure(const standard_data& data, const energy_meter_nameplate& np, const meter_options& opt,
                                 selection sel, const conditions& cond)
    : m_data(data), m_opt(opt), m_sel(std::move(sel)) {
    m_class = np.accuracy_class;
    m_un_v = np.voltage_v;
    m_ib_a = np.basic_current_a;
    m_imax_a = np.max_current_a;
    m_freq_hz = np.freq_hz;
    m_constant = np.meter_constant_imp_per_kwh;
    m_resolution_kwh = np.display_resolution_kwh;
    m_ambient_c = cond.temperature_c.empty() ? 23.0 : cond.temperature_c.front().second;
    m_band = band_index(m_data, m_ambient_c);
}

std::string meter_procedure::decision_rule() const {
    return "mean error of " + std::to_string(m_opt.readings) + " readings rounded to " +
           fmt(m_data.rounding_pct.at(m_class)) + " % (class " + m_class +
           "), pass when |rounded error| <= MPE; expanded uncertainty (k=2) reported, not subtracted; "
           "temperature band '" + m_data.bands[m_band].name + "' at " + fmt(m_ambient_c) + " degC";
}

double meter_procedure::basis_current_a(const std::string& basis) const {
    if (basis == "Ib") return m_ib_a;
    if (basis == "Imax") return m_imax_a;
    if (basis == "Itr") return m_ib_a / 10.0;
    HB_ASSERT(false, "unknown current basis " + basis);
}

std::vector<test_point> meter_procedure::plan() const {
    std::vector<test_point> out;
    auto wanted = [&](const std::string& test, const std::string& id) { return m_sel.test(test) && m_sel.point(id); };
    for (const accuracy_row& r : m_data.accuracy) {
        if (!wanted("accuracy", r.id)) continue;
        test_point p;
        p.id = r.id;
        p.test = "accuracy";
        const double phase = std::acos(r.pf) * 180.0 / pi * (r.kind == "capacitive" ? -1.0 : 1.0);
        p.settings = {{"voltage_v", m_un_v}, {"current_a", basis_current_a(r.basis) * r.x},
                      {"power_factor", r.pf}, {"phase_deg", phase}, {"freq_hz", m_freq_hz}};
        p.mpe_pct = r.mpe_pct.at(m_class).at(m_band);
        p.confidence = r.confidence;
        p.title = "accuracy at " + (r.basis == "Imax" ? std::string("Imax") : fmt(r.x) + " " + r.basis) + ", PF " +
                  fmt(r.pf) + (r.kind == "inductive" ? " ind" : r.kind == "capacitive" ? " cap" : "");
        out.push_back(p);
    }
    if (wanted("starting", "starting")) {
        test_point p;
        p.id = "starting";
        p.test = "starting";
        const double ist = basis_current_a(m_data.starting_basis) * m_data.starting_x.at(m_class);
        const double t0 = starting_t0_s(m_constant, 1, m_un_v, ist);
        const double factor = m_opt.starting_time_factor.value_or(m_data.starting_time_factor);
        p.settings = {{"voltage_v", m_un_v}, {"current_a", ist}, {"power_factor", m_data.starting_pf},
                      {"phase_deg", 0.0}, {"freq_hz", m_freq_hz}, {"t0_s", t0}, {"window_s", factor * t0},
                      {"min_pulses", double(m_data.starting_min_pulses)}};
        p.title = "starting current Ist = " + fmt(ist) + " A: start within " + fmt(factor) + " t0 and keep registering";
        p.confidence = m_data.starting_confidence;
        out.push_back(p);
    }
    if (wanted("no_load", "no_load")) {
        test_point p;
        p.id = "no_load";
        p.test = "no_load";
        const double v = m_data.no_load_voltage_factor * m_un_v;
        const double dt_min = no_load_dt_s(m_data.no_load_dt_constant.at(m_class), m_constant, 1, m_un_v, m_imax_a) / 60.0;
        p.settings = {{"voltage_v", v}, {"current_a", 0.0}, {"freq_hz", m_freq_hz},
                      {"duration_s", dt_min * 60.0 * m_opt.no_load_time_factor},
                      {"max_pulses", double(m_data.no_load_max_pulses)}};
        p.title = "no-load (creep) at " + fmt(m_data.no_load_voltage_factor * 100) + " % Un, at most " +
                  std::to_string(m_data.no_load_max_pulses) + " pulse in " + fmt(dt_min * m_opt.no_load_time_factor) +
                  " min";
        p.confidence = m_data.no_load_confidence;
        out.push_back(p);
    }
    if (wanted("register", "register")) {
        const accuracy_row& r = m_data.register_row;
        test_point p;
        p.id = "register";
        p.test = "register";
        p.settings = {{"voltage_v", m_un_v}, {"current_a", basis_current_a(r.basis) * r.x},
                      {"power_factor", r.pf}, {"phase_deg", 0.0}, {"freq_hz", m_freq_hz},
                      {"digits", double(m_opt.register_digits)}};
        p.mpe_pct = r.mpe_pct.at(m_class).at(m_band);
        p.title = "register (dial) test: " + std::to_string(m_opt.register_digits) +
                  " display digits vs CF pulses vs reference";
        p.confidence = r.confidence;
        out.push_back(p);
    }
    return out;
}

double meter_procedure::expected_duration_s(const test_point& p) const {
    const auto& s = p.settings;
    const double warm = 2 * m_opt.settle_s;
    if (p.test == "no_load") return warm + s.at("duration_s");
    if (p.test == "starting") return warm + 2 * s.at("t0_s");
    const double power = s.at("voltage_v") * s.at("current_a") * std::cos(s.at("phase_deg") * pi / 180.0);
    if (p.test == "register") return warm + s.at("digits") * m_resolution_kwh * 3.6e6 / power;
    const double period = 3.6e6 / (power * m_constant);
    const double n = std::max(1.0, std::ceil(m_opt.min_gate_s / period));
    return warm + period * (1 + n * m_opt.readings);
}

reports::point_record meter_procedure::run_in(const test_point& p, meter_lab& ctx) const {
    // Every point starts from a powered meter at no load: let it boot and its filters settle.
    set_line(ctx, m_un_v, 0.0, 0.0, m_freq_hz);
    wait_s(ctx, m_opt.settle_s);
    if (p.test == "accuracy") return run_accuracy(p, ctx);
    if (p.test == "starting") return run_starting(p, ctx);
    if (p.test == "no_load") return run_no_load(p, ctx);
    if (p.test == "register") return run_register(p, ctx);
    HB_ASSERT(false, "unknown test " + p.test);
}

reports::point_record meter_procedure::run_accuracy(const test_point& p, meter_lab& ctx) const {
    reports::point_record r = start_record(p);
    const auto& s = p.settings;
    set_line(ctx, s.at("voltage_v"), s.at("current_a"), s.at("phase_deg"), s.at("freq_hz"));
    wait_s(ctx, m_opt.settle_s);
    // the clamps are read once the load has settled, and reported whatever the meter then does
    std::vector<std::pair<std::string, double>> clamps;
    if (m_opt.terminal_clamps) {
        const terminal_currents c = ctx.meter.clamp_currents();
        const double live = std::round(c.live_a * 100.0) / 100.0, neutral = std::round(c.neutral_a * 100.0) / 100.0;
        clamps = {{"clamp_live_a", live},
                  {"clamp_neutral_a", neutral},
                  {"neutral_vs_live_pct", live > 0 ? (neutral - live) / live * 100.0 : std::nan("")}};
    }
    const double power_w = s.at("voltage_v") * s.at("current_a") * std::cos(s.at("phase_deg") * pi / 180.0);
    const double period_s = 3.6e6 / (power_w * m_constant);
    const std::size_t n = static_cast<std::size_t>(std::max(1.0, std::ceil(m_opt.min_gate_s / period_s)));
    const double reading_timeout = m_opt.timeout_factor * double(n) * period_s + 5.0;

    // the gate opens on a pulse edge
    const std::size_t k0 = ctx.meter.cf_pulse_count();
    if (!wait_pulses(ctx, k0, now_s() + m_opt.timeout_factor * period_s + 5.0)) {
        judge(r, "the meter registers: a CF pulse within the timeout", "cf_pulses", 0.0, must::be_at_least, 1);
        r.note = "no CF pulse within " + fmt(m_opt.timeout_factor * period_s + 5.0) + " s (expected period " +
                 fmt(period_s) + " s): the meter does not register";
        r.values = {{"mpe_pct", p.mpe_pct}, {"expected_period_s", period_s}};
        r.values.insert(r.values.end(), clamps.begin(), clamps.end());
        return r;
    }
    reports::series_table readings{"readings", {"reading", "t_start_s", "t_end_s", "dut_pulses", "ref_pulses",
                                                "dut_energy_wh", "ref_energy_wh", "error_pct"}, {}};
    double sum_err = 0, min_err = 1e300, max_err = -1e300, dut_wh_total = 0, ref_wh_total = 0, true_wh_total = 0;
    uint64_t ref_pulses_total = 0;
    const double t_first = ctx.meter.cf_edge_time_s(k0);
    double t_last = t_first;
    for (int reading = 0; reading < m_opt.readings; ++reading) {
        const std::size_t a = k0 + std::size_t(reading) * n, b = a + n;
        if (!wait_pulses(ctx, b, now_s() + reading_timeout)) {
            judge(r, "every reading completes within its timeout", "readings", double(reading), must::be_at_least,
                  m_opt.readings);
            r.note = "reading " + std::to_string(reading + 1) + ": fewer than " + std::to_string(n) + " pulses within " +
                     fmt(reading_timeout) + " s";
            r.values = {{"mpe_pct", p.mpe_pct}, {"expected_period_s", period_s}};
            r.values.insert(r.values.end(), clamps.begin(), clamps.end());
            return r;
        }
        const double ta = ctx.meter.cf_edge_time_s(a), tb = ctx.meter.cf_edge_time_s(b);
        const uint64_t m = ctx.reference.pulses(ta, tb);
        const double dut_wh = double(n) * 1000.0 / m_constant;
        const double ref_wh = double(m) * 1000.0 / ctx.reference.constant_imp_per_kwh();
        const double err = pulse_error_pct(double(n), m_constant, double(m), ctx.reference.constant_imp_per_kwh());
        readings.rows.push_back({double(reading + 1), ta, tb, double(n), double(m), dut_wh, ref_wh, err});
        sum_err += err;
        min_err = std::min(min_err, err);
        max_err = std::max(max_err, err);
        dut_wh_total += dut_wh;
        ref_wh_total += ref_wh;
        true_wh_total += ctx.reference.true_energy_wh(ta, tb);
        ref_pulses_total += m;
        t_last = tb;
    }
    // the CF pulses' timing over the gates, as a pulse analyser sees it: at a steady load an
    // honest output is periodic; a pulse taken away or put in leaves an interval apart
    double shortest = 1e300, longest = 0;
    const std::size_t last = k0 + std::size_t(m_opt.readings) * n;
    for (std::size_t k = k0 + 1; k <= last; ++k) {
        const double dt = ctx.meter.cf_edge_time_s(k) - ctx.meter.cf_edge_time_s(k - 1);
        shortest = std::min(shortest, dt);
        longest = std::max(longest, dt);
    }
    const double interval = (t_last - t_first) / double(last - k0);
    const double mean = sum_err / m_opt.readings;
    const double step = m_data.rounding_pct.at(m_class);
    const double rounded = round_to_step(mean, step);
    const double gate_s = (t_last - t_first) / m_opt.readings;
    const double u = ctx.reference.expanded_uncertainty_pct(ref_pulses_total / uint64_t(m_opt.readings),
                                                            calculator_resolution_s, gate_s);
    judge(r, "rounded error within the MPE", "error_rounded_pct", rounded, must::be_within, p.mpe_pct);
    r.values = {{"error_pct", mean},
                {"error_rounded_pct", rounded},
                {"mpe_pct", p.mpe_pct},
                {"uncertainty_pct", u},
                {"reading_spread_pct", max_err - min_err},
                {"cf_interval_s", interval},
                {"cf_interval_spread_pct", last > k0 + 1 ? (longest - shortest) / interval * 100 : std::nan("")},
                {"dut_pulses", double(n) * m_opt.readings},
                {"ref_pulses", double(ref_pulses_total)},
                {"duration_s", t_last - t_first},
                {"dut_energy_wh", dut_wh_total},
                {"ref_energy_wh", ref_wh_total},
                {"true_energy_wh", true_wh_total}};
    r.values.insert(r.values.end(), clamps.begin(), clamps.end());
    if (u > p.mpe_pct / 3.0) r.note = "bench uncertainty exceeds one third of the MPE";
    r.series.push_back(std::move(readings));
    return r;
}

reports::point_record meter_procedure::run_starting(const test_point& p, meter_lab& ctx) const {
    reports::point_record r = start_record(p);
    const auto& s = p.settings;
    const double window = s.at("window_s");
    const int min_pulses = static_cast<int>(s.at("min_pulses"));
    set_line(ctx, s.at("voltage_v"), s.at("current_a"), s.at("phase_deg"), s.at("freq_hz"));
    const double t_apply = now_s();
    const std::size_t k0 = ctx.meter.cf_pulse_count();
    reports::series_table pulses{"pulses", {"pulse", "time_s", "interval_s"}, {}};
    double t_prev = t_apply;
    int got = 0;
    for (; got < min_pulses; ++got) {
        if (!wait_pulses(ctx, k0 + std::size_t(got), t_prev + window)) break;
        const double t = ctx.meter.cf_edge_time_s(k0 + std::size_t(got));
        pulses.rows.push_back({double(got + 1), t - t_apply, t - t_prev});
        t_prev = t;
    }
    r.values = {{"t0_s", s.at("t0_s")}, {"window_s", window}, {"pulses", double(got)},
                {"min_pulses", double(min_pulses)}, {"duration_s", now_s() - t_apply}};
    if (got >= 2) {
        const double ta = ctx.meter.cf_edge_time_s(k0), tb = ctx.meter.cf_edge_time_s(k0 + std::size_t(got) - 1);
        const double dut_wh = double(got - 1) * 1000.0 / m_constant;
        const double true_wh = ctx.reference.true_energy_wh(ta, tb);
        r.values.emplace_back("error_pct", (dut_wh - true_wh) / true_wh * 100.0);
    }
    if (!judge(r, "the meter starts: pulses, each within the window after the last", "pulses", double(got),
               must::be_at_least, min_pulses)) {
        r.note = got == 0 ? "the meter did not start within " + fmt(window) + " s"
                          : "the meter started but pulse " + std::to_string(got + 1) + " did not follow within " +
                                fmt(window) + " s";
    }
    r.series.push_back(std::move(pulses));
    return r;
}

reports::point_record meter_procedure::run_no_load(const test_point& p, meter_lab& ctx) const {
    reports::point_record r = start_record(p);
    const auto& s = p.settings;
    set_line(ctx, s.at("voltage_v"), 0.0, 0.0, s.at("freq_hz"));
    wait_s(ctx, m_opt.settle_s);
    const double t_start = now_s();
    const std::size_t k0 = ctx.meter.cf_pulse_count();
    wait_s(ctx, s.at("duration_s"));
    const std::size_t pulses = ctx.meter.cf_pulse_count() - k0;
    reports::series_table t{"pulses", {"pulse", "time_s"}, {}};
    for (std::size_t k = k0; k < ctx.meter.cf_pulse_count(); ++k)
        t.rows.push_back({double(k - k0 + 1), ctx.meter.cf_edge_time_s(k) - t_start});
    r.values = {{"pulses", double(pulses)}, {"max_pulses", s.at("max_pulses")}, {"duration_s", s.at("duration_s")}};
    if (!judge(r, "no creep: pulses at no load", "pulses", double(pulses), must::be_at_most, s.at("max_pulses")))
        r.note = std::to_string(pulses) + " pulses at no load: the meter creeps";
    r.series.push_back(std::move(t));
    return r;
}

reports::point_record meter_procedure::run_register(const test_point& p, meter_lab& ctx) const {
    reports::point_record r = start_record(p);
    const auto& s = p.settings;
    set_line(ctx, s.at("voltage_v"), s.at("current_a"), s.at("phase_deg"), s.at("freq_hz"));
    wait_s(ctx, m_opt.settle_s);
    const double power_w = s.at("voltage_v") * s.at("current_a");
    const double digit_s = m_resolution_kwh * 3.6e6 / power_w;
    const int64_t digits = static_cast<int64_t>(s.at("digits"));
    auto wait_digits = [&](int64_t target, double timeout) {
        return wait_until(ctx, ctx.meter.display_event(), now_s() + timeout,
                          [&] { return ctx.meter.display_digits() >= target; });
    };
    const int64_t d0 = ctx.meter.display_digits();
    if (!wait_digits(d0 + 1, m_opt.timeout_factor * digit_s + 5)) {
        judge(r, "the display register advances", "register_digits", 0.0, must::be_at_least, 1);
        r.note = "the display register did not advance within " + fmt(m_opt.timeout_factor * digit_s + 5) + " s";
        return r;
    }
    const double t1 = now_s();
    const int64_t d1 = ctx.meter.display_digits();
    if (!wait_digits(d1 + digits, m_opt.timeout_factor * digit_s * double(digits) + 5)) {
        judge(r, "the display register advances by the digits counted", "register_digits",
              double(ctx.meter.display_digits() - d1), must::be_at_least, double(digits));
        r.note = "the display register stopped advancing";
        return r;
    }
    const double t2 = now_s();
    const int64_t d2 = ctx.meter.display_digits();
    const std::size_t n = edges_up_to(ctx.meter, t2) - edges_up_to(ctx.meter, t1);
    const double register_kwh = double(d2 - d1) * m_resolution_kwh;
    const double cf_kwh = double(n) / m_constant;
    const uint64_t m = ctx.reference.pulses(t1, t2);
    const double ref_kwh = double(m) / ctx.reference.constant_imp_per_kwh();
    const double err_ref = (register_kwh - ref_kwh) / ref_kwh * 100.0;
    const double err_cf = (register_kwh - cf_kwh) / cf_kwh * 100.0;
    const double resolution_pct = 100.0 * m_resolution_kwh / register_kwh;
    // The gate opens and closes on display steps, so the register increase is known to the
    // step; CF may differ by one display digit plus one pulse, the reference by the MPE.
    const double rounded = round_to_step(err_ref, m_data.rounding_pct.at(m_class));
    const bool cf_ok = judge(r, "register agrees with the CF output (one display digit and one pulse)",
                             "register_minus_cf_kwh", register_kwh - cf_kwh, must::be_within,
                             m_resolution_kwh + 1.0 / m_constant);
    const bool ref_ok = judge(r, "rounded register error against the reference within the MPE", "error_rounded_pct",
                              rounded, must::be_within, p.mpe_pct);
    r.values = {{"register_kwh", register_kwh}, {"cf_pulses", double(n)}, {"cf_energy_kwh", cf_kwh},
                {"ref_energy_kwh", ref_kwh}, {"error_pct", err_ref}, {"error_rounded_pct", rounded}, {"register_vs_cf_pct", err_cf},
                {"mpe_pct", p.mpe_pct}, {"resolution_pct", resolution_pct}, {"duration_s", t2 - t1}};
    if (!cf_ok) r.note = "display register and CF output disagree by more than one display digit";
    else if (!ref_ok) r.note = "display register error against the reference exceeds the MPE";
    return r;
}

}  // namespace hilbench::procedures::iec62053
