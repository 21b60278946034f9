// The dispenser's two chips (rtl/pulser_frontend, Verilated) as the dispenser model drives
// them: a draft through the meter counts the same in bit fidelity (pins every clock) and in
// sample fidelity (events only); the paired chips authenticate each other and a swapped
// mainboard locks; pulses injected on channel A alone lock the front end.
#define BOOST_TEST_MODULE pulser_link
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "models/dispenser/dispenser_params.h"
#include "models/dispenser/fuel_meter.h"
#include "models/dispenser/pulser_link.h"

using namespace hilbench;
using namespace hilbench::dispenser;

namespace {
key128 key_of(uint32_t s) {
    key128 k;
    for (unsigned i = 0; i < 4; ++i) k.w[i] = s * 2654435761u + i * 40503u;
    return k;
}

// A draft of volume_l at q L/min: bit mode clocks the pins from the meter's shaft.
uint32_t draft_bit(pulser_link& link, fuel_meter& m, const dispenser_params& p, double q, double volume_l) {
    double t = link.now_s();
    const double t_end = t + volume_l / (q / 60.0);
    link.run_pins(t_end, [&](double now) {
        m.flow(q, now - t, p.reference_viscosity_mm2_s);
        t = now;
        return std::make_pair(m.pin_a(), m.pin_b());
    });
    return link.fwd_count();
}

// The same draft as events: a forward count where A rises (a quarter cycle into each cycle).
uint32_t draft_events(pulser_link& link, fuel_meter& m, const dispenser_params& p, double q, double volume_l) {
    const double t0 = link.now_s(), t_end = t0 + volume_l / (q / 60.0);
    const double cycles0 = m.revolutions() * p.pulses_per_rev;
    const double cps = m.rev_per_s(q, p.reference_viscosity_mm2_s) * p.pulses_per_rev;
    std::vector<pulse_event> ev;
    for (double n = std::floor(cycles0 - 0.25) + 1; ; n += 1) {
        const double t = t0 + (n + 0.25 - cycles0) / cps;
        if (t > t_end) break;
        ev.push_back({t, pulse_event::kind::forward});
    }
    m.flow(q, t_end - t0, p.reference_viscosity_mm2_s);
    link.run_events(ev);
    return link.fwd_count();
}
}  // namespace

BOOST_AUTO_TEST_CASE(bit_and_sample_fidelity_count_the_same_draft) {
    dispenser_params p;
    for (double q : {5.0, 20.0, 50.0}) {
        pulser_link bit(fidelity::bit, 3, 4), sample(fidelity::sample, 3, 4);
        bit.power_on(0, key_of(9), key_of(9), true);
        sample.power_on(0, key_of(9), key_of(9), true);
        BOOST_TEST(bit.authenticate(0.01));
        BOOST_TEST(sample.authenticate(0.01));
        fuel_meter mb(p), ms(p);
        const uint32_t nb = draft_bit(bit, mb, p, q, 20.0), ns = draft_events(sample, ms, p, q, 20.0);
        BOOST_TEST_MESSAGE(q << " L/min: bit " << nb << " counts in " << bit.cycles() << " clocks, sample " << ns
                              << " in " << sample.cycles() << " clocks, periods " << bit.reg(4) << " / " << sample.reg(4));
        // one count per pulser cycle: 20 L x 100 pulses/L, less the slip
        const double want = mb.revolutions() * p.pulses_per_rev;
        BOOST_TEST(std::fabs(double(nb) - want) <= 1.0, "bit " << nb << " want " << want << " at " << q);
        BOOST_TEST(std::fabs(double(ns) - double(nb)) <= 1.0, "sample " << ns << " bit " << nb << " at " << q);
        // the period in clocks: 32768 / cycles per second
        const double period = pulser_link::clock_hz / (mb.rev_per_s(q, p.reference_viscosity_mm2_s) * p.pulses_per_rev);
        BOOST_TEST(std::fabs(double(bit.reg(4)) - period) <= 1.5, "bit period " << bit.reg(4) << " want " << period);
        BOOST_TEST(std::fabs(double(sample.reg(4)) - period) <= 1.5, "sample period " << sample.reg(4));
        BOOST_TEST(!bit.lock());
        BOOST_TEST(!sample.lock());
        BOOST_TEST(sample.cycles() * 20 < bit.cycles());  // the point of the sample fidelity
    }
}

BOOST_AUTO_TEST_CASE(paired_chips_authenticate_and_a_swapped_board_locks) {
    dispenser_params p;
    for (fidelity f : {fidelity::bit, fidelity::sample}) {
        pulser_link link(f, 11, 12);
        link.power_on(0, key_of(1), key_of(2), true);  // a mainboard from another dispenser
        BOOST_TEST(!link.authenticate(0.01));
        BOOST_TEST(!link.encoder_enabled());
        BOOST_TEST(link.lock());
        fuel_meter m(p);
        const uint32_t n = f == fidelity::bit ? draft_bit(link, m, p, 30, 2.0) : draft_events(link, m, p, 30, 2.0);
        BOOST_TEST(n == 0u);  // the encoder gives it no pulses
        BOOST_TEST(((link.reg(1) >> 8) & 8u) == 8u);
    }
}

BOOST_AUTO_TEST_CASE(pulses_injected_on_a_alone_lock_the_front_end) {
    dispenser_params p;
    // bit: 4 % extra cycles of A while B holds (a pulse injector on the A line)
    pulser_link bit(fidelity::bit, 5, 6);
    bit.power_on(0, key_of(3), key_of(3), true);
    BOOST_TEST(bit.authenticate(0.01));
    fuel_meter m(p);
    const double q = 40, t0 = bit.now_s();
    double t = t0, next_inject = t0 + 0.3;
    bit.run_pins(t0 + 5.0, [&](double now) {
        m.flow(q, now - t, p.reference_viscosity_mm2_s);
        t = now;
        bool a = m.pin_a();
        // every 0.3 s (4 % of the 66 pulses/s) an extra 1.2 ms high on A
        if (now >= next_inject && now < next_inject + 0.0012) a = true;
        if (now >= next_inject + 0.0024) next_inject += 0.3;
        return std::make_pair(a, m.pin_b());
    });
    BOOST_TEST(bit.reg(5) >= 3u);
    BOOST_TEST(bit.lock());
    BOOST_TEST(((bit.reg(1) >> 8) & 1u) == 1u);
    // sample: the injector's cycles arrive as single-channel faults
    pulser_link sample(fidelity::sample, 5, 6);
    sample.power_on(0, key_of(3), key_of(3), true);
    BOOST_TEST(sample.authenticate(0.01));
    std::vector<pulse_event> ev;
    for (int k = 0; k < 100; ++k) ev.push_back({0.1 + k * 0.015, pulse_event::kind::forward});
    for (int k = 0; k < 4; ++k) ev.push_back({1.6 + k * 0.3, pulse_event::kind::fault});
    sample.run_events(ev);
    BOOST_TEST(sample.lock());
    BOOST_TEST(((sample.reg(1) >> 8) & 1u) == 1u);
}
