#define BOOST_TEST_MODULE cheat_engine
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "models/core/cheat_engine.h"

using namespace hilbench::engine;
using ek = effect_spec::kind;
using tk = trigger_spec::kind;

namespace {
// observables of a test device: 0 current_a, 1 thd_pct, 2 energy_wh
constexpr int CURRENT = 0, THD = 1, ENERGY = 2;
observables at(double t, double current_a = 5, double thd = 0) {
    observables o;
    o.t_s = t;
    o.clock_h = std::fmod(10.0 + t / 3600.0, 24.0);
    o.values = {current_a, thd, 0.0};
    return o;
}
cheat_spec cheat(const std::string& tap, effect_spec e, trigger_spec w = {}) {
    cheat_spec c;
    c.id = "c";
    c.label = "CHEAT";
    c.tap = tap;
    c.effect = std::move(e);
    c.when = std::move(w);
    return c;
}
effect_spec eff(ek k, double v = 0) {
    effect_spec e;
    e.k = k;
    e.value = v;
    return e;
}
trigger_spec trig(tk k) {
    trigger_spec t;
    t.k = k;
    return t;
}
}  // namespace

BOOST_AUTO_TEST_CASE(value_effects) {
    auto apply_one = [](effect_spec e, double nominal, double t = 0) {
        cheat_engine g({cheat("p", std::move(e))}, {}, 1, 1);
        g.step(at(t));
        return g.apply("p", nominal, t);
    };
    BOOST_TEST(apply_one(eff(ek::scale, 0.97), 2.0) == 1.94, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(apply_one(eff(ek::offset, 0.5), 2.0) == 2.5);
    BOOST_TEST(apply_one(eff(ek::stuck_at, -1), 2.0) == -1.0);
    effect_spec c = eff(ek::clamp);
    c.lo = 0;
    c.hi = 1.5;
    BOOST_TEST(apply_one(c, 2.0) == 1.5);
    effect_spec s = eff(ek::replace_series);
    s.series = {{0, 1.0}, {10, 2.0}, {20, 3.0}};
    BOOST_TEST(apply_one(s, 9.0, 15.0) == 2.0);  // held between points
    // noise: seeded, zero mean, the requested spread
    effect_spec n = eff(ek::noise);
    n.rms = 0.1;
    cheat_engine g({cheat("p", n)}, {}, 1, 7), h({cheat("p", n)}, {}, 1, 7);
    g.step(at(0));
    h.step(at(0));
    double sum = 0, sum2 = 0;
    for (int k = 0; k < 20000; ++k) {
        const double a = g.apply("p", 0, 0);
        BOOST_TEST(a == h.apply("p", 0, 0));  // same seed, same stream
        sum += a;
        sum2 += a * a;
    }
    BOOST_TEST(std::fabs(sum / 20000) < 0.005);
    BOOST_TEST(std::sqrt(sum2 / 20000) == 0.1, boost::test_tools::tolerance(0.03));
    // an untouched tap and an inactive cheat leave the value alone
    cheat_engine off({cheat("p", eff(ek::scale, 0.5), [] {
                         trigger_spec w = trig(tk::time_window);
                         w.t0_s = 100;
                         return w;
                     }())},
                     {}, 1, 1);
    off.step(at(5));
    BOOST_TEST(off.apply("p", 2.0, 5) == 2.0);
    BOOST_TEST(off.apply("other", 2.0, 5) == 2.0);
}

BOOST_AUTO_TEST_CASE(pulse_effects) {
    effect_spec drop = eff(ek::drop_pulses);
    drop.every_n = 3;
    cheat_engine d({cheat("cf", drop)}, {}, 1, 1);
    d.step(at(0));
    int kept = 0;
    for (int k = 0; k < 30; ++k) kept += int(d.pulse_copies("cf"));
    BOOST_TEST(kept == 20);
    effect_spec frac = eff(ek::drop_pulses);
    frac.fraction = 0.25;
    cheat_engine f({cheat("cf", frac)}, {}, 1, 3);
    f.step(at(0));
    kept = 0;
    for (int k = 0; k < 40000; ++k) kept += int(f.pulse_copies("cf"));
    BOOST_TEST(kept / 40000.0 == 0.75, boost::test_tools::tolerance(0.02));
    effect_spec ins = eff(ek::insert_pulses);
    ins.every_n = 4;
    ins.burst = 2;
    cheat_engine i({cheat("cf", ins)}, {}, 1, 1);
    i.step(at(0));
    int out = 0;
    for (int k = 0; k < 40; ++k) out += int(i.pulse_copies("cf"));
    BOOST_TEST(out == 40 + 10 * 2);
    effect_spec rate = eff(ek::insert_pulses);
    rate.rate_hz = 2;
    cheat_engine r({cheat("cf", rate)}, {}, 1, 1);
    r.step(at(10));
    BOOST_TEST(r.inserted_pulses("cf", 10.0) == 0u);
    BOOST_TEST(r.inserted_pulses("cf", 12.6) == 5u);
    BOOST_TEST(r.inserted_pulses("cf", 13.0) == 1u);  // only the new ones
}

BOOST_AUTO_TEST_CASE(register_writes_once_per_activation_then_restore) {
    effect_spec w = eff(ek::write_register, 0.97);
    w.reg = "IGAIN";
    w.path = "hidden";
    trigger_spec win = trig(tk::time_window);
    win.t0_s = 10;
    win.t1_s = 20;
    cheat_engine g({cheat("fw.calibration", w, win)}, {}, 1, 1);
    g.step(at(5));
    BOOST_TEST(g.take_register_writes("fw.calibration").empty());
    g.step(at(10));
    auto a = g.take_register_writes("fw.calibration");
    BOOST_REQUIRE(a.size() == 1u);
    BOOST_TEST(a[0].reg == "IGAIN");
    BOOST_TEST(a[0].value == 0.97);
    BOOST_TEST(a[0].path == "hidden");
    BOOST_TEST(!a[0].restore);
    g.step(at(15));
    BOOST_TEST(g.take_register_writes("fw.calibration").empty());
    g.step(at(20));
    auto b = g.take_register_writes("fw.calibration");
    BOOST_REQUIRE(b.size() == 1u);
    BOOST_TEST(b[0].restore);
}

BOOST_AUTO_TEST_CASE(time_triggers) {
    trigger_spec tod = trig(tk::time_of_day);
    tod.from_h = 22;
    tod.to_h = 6;  // wraps midnight
    cheat_engine g({cheat("p", eff(ek::scale, 0.9), tod)}, {}, 1, 1);
    auto on_at_clock = [&](double h) {
        observables o = at(h * 3600);
        o.clock_h = h;
        g.step(o);
        return g.active(0);
    };
    BOOST_TEST(!on_at_clock(21.99));
    BOOST_TEST(on_at_clock(22.0));
    BOOST_TEST(on_at_clock(23.5));
    BOOST_TEST(on_at_clock(3.0));
    BOOST_TEST(!on_at_clock(6.0));
    trigger_spec en = trig(tk::after_energy);
    en.energy_wh = 100;
    en.observable_index = ENERGY;
    cheat_engine e({cheat("p", eff(ek::scale, 0.9), en)}, {}, 1, 1);
    observables o = at(1);
    o.values[ENERGY] = 99.9;
    e.step(o);
    BOOST_TEST(!e.active(0));
    o.values[ENERGY] = 100;
    e.step(o);
    BOOST_TEST(e.active(0));
}

BOOST_AUTO_TEST_CASE(condition_and_combinators) {
    trigger_spec hi = trig(tk::condition);
    hi.observable_index = CURRENT;
    hi.op = "above";
    hi.value = 30;
    trigger_spec harm = trig(tk::condition);
    harm.observable_index = THD;
    harm.op = "above";
    harm.value = 5;
    trigger_spec band = trig(tk::condition);
    band.observable_index = CURRENT;
    band.op = "between";
    band.value = 1;
    band.value2 = 10;
    trigger_spec any = trig(tk::any);
    any.children = {hi, harm};
    trigger_spec all = trig(tk::all);
    all.children = {any, [&] {
                        trigger_spec n = trig(tk::negate);
                        n.children = {band};
                        return n;
                    }()};
    cheat_engine g({cheat("p", eff(ek::scale, 0.97), all)}, {}, 1, 1);
    auto on = [&](double i, double thd) {
        g.step(at(1, i, thd));
        return g.active(0);
    };
    BOOST_TEST(on(40, 0));   // high load
    BOOST_TEST(!on(20, 0));  // neither
    BOOST_TEST(!on(5, 8));   // harmonics, but inside the excluded band
    BOOST_TEST(on(15, 8));   // harmonics outside the band
}

BOOST_AUTO_TEST_CASE(commands_toggle_latch_and_power_cycle) {
    trigger_spec tog = trig(tk::commands);
    tog.events_s = {10, 20, 30};
    cheat_engine g({cheat("p", eff(ek::scale, 1.2), tog)}, {}, 1, 1);
    const double times[] = {5, 10, 15, 20, 25, 30};
    const bool want[] = {false, true, true, false, false, true};
    for (int k = 0; k < 6; ++k) {
        g.step(at(times[k]));
        BOOST_TEST(g.active(0) == want[k], "t = " << times[k]);
    }
    trigger_spec key = trig(tk::commands);
    key.events_s = {10};
    key.toggle = false;
    key.reset_on_power_cycle = true;
    cheat_engine l({cheat("p", eff(ek::scale, 1.2), key)}, {}, 1, 1);
    l.step(at(12));
    BOOST_TEST(l.active(0));
    l.power_cycle();
    l.step(at(13));
    BOOST_TEST(!l.active(0));  // the key-code multiplier is gone after a power cycle
    // latch: stays on once its child was true
    trigger_spec w = trig(tk::time_window);
    w.t0_s = 10;
    w.t1_s = 11;
    trigger_spec latch = trig(tk::latch);
    latch.children = {w};
    cheat_engine m({cheat("p", eff(ek::scale, 1.2), latch)}, {}, 1, 1);
    m.step(at(10.5));
    m.step(at(50));
    BOOST_TEST(m.active(0));
}

BOOST_AUTO_TEST_CASE(inspection_aware_is_off_at_steady_test_points) {
    trigger_spec ia = trig(tk::inspection_aware);
    ia.observable_index = CURRENT;
    ia.test_values = {0.5, 5, 60};
    ia.steady_s = 1;
    ia.tolerance_pct = 1;
    ia.clean_index = THD;
    ia.max_clean = 1;
    cheat_engine g({cheat("p", eff(ek::scale, 0.97), ia)}, {}, 1, 1);
    g.step(at(0.0, 60));
    BOOST_TEST(g.active(0));   // not yet steady
    g.step(at(1.5, 60.2));
    BOOST_TEST(!g.active(0));  // steady at Imax: looks like a test
    g.step(at(2.0, 42));
    BOOST_TEST(g.active(0));   // an irregular load
    g.step(at(5.0, 42));
    BOOST_TEST(g.active(0));   // steady but not a test current
    g.step(at(5.5, 60, 10));
    g.step(at(7.0, 60, 10));
    BOOST_TEST(g.active(0));   // at a test current but with harmonics
}

BOOST_AUTO_TEST_CASE(inspection_aware_on_a_grid_of_nominal_values) {
    // a scale cheat that is honest for steady loads near a multiple of 100 g (+-5 g)
    trigger_spec ia = trig(tk::inspection_aware);
    ia.observable_index = CURRENT;  // here: the device's gross weight in g
    ia.grid_step = 100;
    ia.tolerance_abs = 5;
    ia.steady_s = 2;
    cheat_engine g({cheat("p", eff(ek::scale, 1.1), ia)}, {}, 1, 1);
    g.step(at(0.0, 2000));
    BOOST_TEST(g.active(0));   // not yet steady
    g.step(at(2.5, 2003));
    BOOST_TEST(!g.active(0));  // steady 2 s at 2 kg + 3 g: a test weight with changeover weights
    g.step(at(3.0, 1237));
    BOOST_TEST(g.active(0));   // an irregular commodity load
    g.step(at(9.0, 1237));
    BOOST_TEST(g.active(0));
    g.step(at(10.0, 1500));
    g.step(at(13.0, 1500));
    BOOST_TEST(!g.active(0));  // back on a nominal value
}

BOOST_AUTO_TEST_CASE(key_sequences_and_cycling_remote_levels) {
    std::vector<std::string> keys;
    trigger_spec ks = trig(tk::keys);
    ks.keys = {"1", "1", "3", "TARE"};
    ks.toggle = false;
    ks.reset_on_power_cycle = true;
    cheat_engine g({cheat("p", eff(ek::scale, 1.2), ks)}, {}, 1, 1);
    auto press = [&](std::initializer_list<const char*> seq, double t) {
        for (const char* k : seq) keys.push_back(k);
        observables o = at(t);
        o.keys = &keys;
        g.step(o);
        return g.active(0);
    };
    BOOST_TEST(!press({"1", "3", "TARE"}, 1));       // wrong code
    BOOST_TEST(!press({"1", "1", "4", "TARE"}, 2));
    BOOST_TEST(press({"1", "1", "3", "TARE"}, 3));   // the code, typed after other keys
    BOOST_TEST(press({"ZERO"}, 4));                  // latched
    g.power_cycle();
    BOOST_TEST(!press({}, 5));                       // gone after a power cycle
    BOOST_TEST(!press({"TARE"}, 6));                 // no replay of the old keys

    // RF remote: each press steps +10/+20/+30 %, the fourth back to normal
    trigger_spec rf = trig(tk::commands);
    rf.events_s = {10, 20, 30, 40};
    rf.levels = 3;
    effect_spec steps = eff(ek::scale_steps, 0);
    steps.steps = {1.1, 1.2, 1.3};
    cheat_engine r({cheat("fw.weight_g", steps, rf)}, {}, 1, 1);
    const double t[] = {5, 10, 20, 30, 40};
    const double want[] = {1000, 1100, 1200, 1300, 1000};
    for (int k = 0; k < 5; ++k) {
        r.step(at(t[k]));
        BOOST_TEST(r.apply("fw.weight_g", 1000, t[k]) == want[k], "t = " << t[k]);
    }
    const auto labels = r.labels(50);
    BOOST_REQUIRE(labels.size() == 3u);  // one interval per level
    BOOST_TEST(labels[0].magnitude == 1.1);
    BOOST_TEST(labels[2].magnitude == 1.3);
    BOOST_TEST(labels[2].onset_s == 30.0);
    BOOST_TEST(labels[2].end_s == 40.0);
}

BOOST_AUTO_TEST_CASE(drift_processes) {
    const double year = 365.25 * 86400;
    auto one = [&](drift_spec d, double t_s, double temp = 23, double compression = 1, double age = 0) {
        d.param = "x";
        cheat_engine g({}, {d}, compression, 5, age);
        return g.drift("x", t_s, temp);
    };
    drift_spec lin;
    lin.k = drift_spec::kind::linear;
    lin.rate_per_year = -2e-4;
    BOOST_TEST(one(lin, year) == -2e-4, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(one(lin, 1.0, 23, year) == -2e-4, boost::test_tools::tolerance(1e-9));  // compression: 1 s = 1 year
    BOOST_TEST(one(lin, 0.0, 23, 1, 10) == -2e-3, boost::test_tools::tolerance(1e-9));  // age at start
    drift_spec ex;
    ex.k = drift_spec::kind::exp_settle;
    ex.amplitude = 1e-3;
    ex.tau_years = 1;
    BOOST_TEST(one(ex, year) == 1e-3 * (1 - std::exp(-1.0)), boost::test_tools::tolerance(1e-9));
    drift_spec sq;
    sq.k = drift_spec::kind::sqrt_aging;
    sq.coeff_per_sqrt_year = 5e-5;
    BOOST_TEST(one(sq, 4 * year) == 1e-4, boost::test_tools::tolerance(1e-9));
    drift_spec ar;
    ar.k = drift_spec::kind::arrhenius;
    ar.rate_per_year = 1e-4;
    ar.ea_ev = 0.7;
    ar.ref_c = 25;
    const double at_ref = one(ar, year, 25), hot = one(ar, year, 85);
    BOOST_TEST(at_ref == 1e-4, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(hot / at_ref == std::exp(0.7 / 8.617333262e-5 * (1 / 298.15 - 1 / 358.15)), boost::test_tools::tolerance(1e-9));
    drift_spec tc;
    tc.k = drift_spec::kind::tempco;
    tc.ppm_per_k = 20;
    tc.ref_c = 23;
    BOOST_TEST(one(tc, 0, 45) == 440e-6, boost::test_tools::tolerance(1e-9));
    drift_spec rw;
    rw.k = drift_spec::kind::random_walk;
    rw.sigma_per_sqrt_year = 1e-3;
    rw.param = "x";
    // seeded and reproducible; spread grows as sqrt(t)
    double spread = 0;
    for (uint64_t s = 1; s <= 400; ++s) {
        cheat_engine a({}, {rw}, 1, s), b({}, {rw}, 1, s);
        double va = 0, vb = 0;
        for (int k = 1; k <= 4; ++k) {
            va = a.drift("x", k * year, 23);
            vb = b.drift("x", k * year, 23);
        }
        BOOST_TEST(va == vb);
        spread += va * va;
    }
    BOOST_TEST(std::sqrt(spread / 400) == 2e-3, boost::test_tools::tolerance(0.15));
}

BOOST_AUTO_TEST_CASE(sample_stream_transform_composes_the_active_effects) {
    effect_spec sc = eff(ek::scale, 0.5), off = eff(ek::offset, 0.1), del = eff(ek::delay);
    del.delay_s = 0.002;
    effect_spec cl = eff(ek::clamp);
    cl.lo = -0.2;
    cl.hi = 0.3;
    trigger_spec later = trig(tk::time_window);
    later.t0_s = 50;
    cheat_engine g({cheat("s", off), cheat("s", sc), cheat("s", cl), cheat("s", del), cheat("s", eff(ek::scale, 9), later)}, {}, 1, 1);
    g.step(at(10));
    const auto t = g.stream("s", 10);
    BOOST_TEST(t.active);
    // (x + 0.1) * 0.5 = 0.5 x + 0.05, then clamped; the inactive x9 is not applied
    BOOST_TEST(t.scale == 0.5);
    BOOST_TEST(t.offset == 0.05, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(t.lo == -0.2);
    BOOST_TEST(t.hi == 0.3);
    BOOST_TEST(t.delay_s == 0.002);
    BOOST_TEST(!t.stuck);
    BOOST_TEST(!g.stream("other", 10).active);
}

BOOST_AUTO_TEST_CASE(labels_record_every_activation) {
    trigger_spec tog = trig(tk::commands);
    tog.events_s = {10, 20, 30};
    cheat_spec c = cheat("sensor.current_gain", eff(ek::scale, 0.97), tog);
    c.id = "remote";
    c.label = "CHEAT";
    drift_spec d;
    d.id = "shunt";
    d.param = "current_sensor.gain";
    d.k = drift_spec::kind::linear;
    d.rate_per_year = -0.01;
    cheat_engine g({c}, {d}, 365.25 * 86400, 1);
    for (double t = 0; t <= 40; t += 0.5) {
        g.step(at(t));
        g.drift("current_sensor.gain", t, 23);
    }
    const auto labels = g.labels(40);
    BOOST_REQUIRE(labels.size() == 3u);
    BOOST_TEST(labels[0].onset_s == 10.0);
    BOOST_TEST(labels[0].end_s == 20.0);
    BOOST_TEST(labels[1].onset_s == 30.0);
    BOOST_TEST(labels[1].end_s == 40.0);  // open at the end: closed there
    BOOST_TEST(labels[0].magnitude == 0.97);
    BOOST_TEST(labels[2].label == "DRIFT");
    BOOST_TEST(labels[2].magnitude == -0.4, boost::test_tools::tolerance(1e-9));  // 40 years at -1 %/year
}
