#define BOOST_TEST_MODULE ef_equivalence
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include "models/core/rng.h"
#include "models/meter/ef_regs.h"
#include "models/meter/signal_chain.h"
#include "models/meter/rtl_adapter.h"
#include "tests/rtl/ef_fixture.h"

using namespace hilbench;
using hilbench::test::dual_frontend;

namespace {

// A random bus operation now and then: mostly calibration writes, sometimes LOCK traffic.
void random_bus(rng& r, ef::twin_inputs& in, double write_prob) {
    in.bus_addr = static_cast<uint8_t>(r.next() % 0x30);
    in.bus_we = false;
    in.bus_re = (r.next() & 3) != 0;  // reads on most cycles, of any address
    if (r.uniform() < write_prob) {
        static const uint8_t targets[] = {ef::CONFIG, ef::LOCK, ef::VGAIN, ef::IGAIN, ef::I2GAIN, ef::VOFFSET,
                                          ef::IOFFSET, ef::I2OFFSET, ef::PHCAL, ef::WATTOS, ef::NOLOAD, ef::START,
                                          ef::CFTHR_LO, ef::CFTHR_HI, ef::CFDIV, ef::CFWIDTH, ef::TAMPER_THR,
                                          ef::TAMPER_MIN, ef::AENERGY, ef::ID};
        in.bus_addr = targets[r.next() % (sizeof targets)];
        in.bus_we = true;
        in.bus_wdata = static_cast<uint32_t>(r.next());
        if (in.bus_addr == ef::LOCK) in.bus_wdata = (r.next() & 1) ? 1u : ef::UNLOCK_KEY;
        if (in.bus_addr == ef::CFTHR_HI) in.bus_wdata &= 0x3u;  // keep quanta frequent
        if (in.bus_addr == ef::CFTHR_LO) in.bus_wdata &= 0x3fffffu;
        if (in.bus_addr == ef::START || in.bus_addr == ef::NOLOAD) in.bus_wdata &= 0xfffffu;
        if (in.bus_addr == ef::CFWIDTH || in.bus_addr == ef::CFDIV) in.bus_wdata &= 0x1fu;
    }
}

void write(dual_frontend& d, uint8_t addr, uint32_t v) {
    ef::twin_inputs in;
    in.bus_addr = addr;
    in.bus_wdata = v;
    in.bus_we = true;
    d.step(in);
}

}  // namespace

BOOST_AUTO_TEST_CASE(bit_mode_modulated_sines_with_random_bus_traffic) {
    dual_frontend d;
    rng r(11);
    meter::sigma_delta2 mv, mi, mi2;
    write(d, ef::CFTHR_HI, 0);
    write(d, ef::CFTHR_LO, 200000);
    ef::twin_inputs in;
    const double w = 2 * meter::pi * 50.0 / 819200.0;
    for (uint64_t n = 0; n < 1500000; ++n) {
        const double t = double(n);
        in.v_bit = mv.step(0.4 * std::sin(w * t) + 1e-3);
        in.i_bit = mi.step(0.3 * std::sin(w * t - 0.5) + 0.02 * std::sin(3 * w * t));
        in.i2_bit = mi2.step((n < 700000 ? 0.3 : 0.1) * std::sin(w * t - 0.5));
        random_bus(r, in, 2e-4);
        d.step(in);
    }
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
    BOOST_TEST(d.read(ef::CFCNT) > 10u);  // the run exercised the CF path
}

BOOST_AUTO_TEST_CASE(sample_mode_extreme_samples_and_random_strobes) {
    dual_frontend d;
    rng r(23);
    ef::twin_inputs in;
    in.sample_mode = true;
    for (uint64_t n = 0; n < 400000; ++n) {
        in.sample_valid = r.uniform() < 0.7;
        const bool extreme = r.uniform() < 0.05;
        auto s = [&] {
            if (extreme) return (r.next() & 1) ? 0x7fffff : -0x800000;
            return static_cast<int32_t>(r.next() % 0x1000000) - 0x800000;
        };
        in.v_sample = s();
        in.i_sample = s();
        in.i2_sample = s();
        random_bus(r, in, 1e-3);
        d.step(in);
    }
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
}

// The twin's block path (samples(), what `twin` fidelity runs) against the RTL edge by edge:
// blocks of strobed samples of random length, a few bus writes between blocks (the firmware's
// traffic), CF after every edge and every register after every block.
BOOST_AUTO_TEST_CASE(sample_blocks_match_the_rtl_edge_by_edge) {
    dual_frontend d;
    ef::twin batch;
    ef::twin_inputs idle;
    idle.rst_n = false;
    for (int k = 0; k < 3; ++k) batch.tick(idle);
    rng r(31);
    auto both = [&](const ef::twin_inputs& in) {
        d.step(in);
        batch.tick(in);
    };
    ef::twin_inputs w;
    w.sample_mode = true;
    w.bus_we = true;
    w.bus_addr = ef::CFTHR_HI;
    w.bus_wdata = 0;
    both(w);
    w.bus_addr = ef::CFTHR_LO;
    w.bus_wdata = 60000;
    both(w);
    uint64_t cf_mismatch = 0, reg_mismatch = 0, edges = 0, cf_high = 0;
    std::vector<int32_t> v, i, i2;
    std::vector<uint8_t> cf;
    const double step = 2 * meter::pi * 50.0 / 3200.0;
    for (int block = 0; block < 3000; ++block) {
        const std::size_t n = 1 + r.next() % 300;
        v.resize(n);
        i.resize(n);
        i2.resize(n);
        cf.resize(n);
        for (std::size_t k = 0; k < n; ++k) {
            const double t = double(edges + k);
            const double noise = 2e-3 * (r.uniform() - 0.5);
            v[k] = static_cast<int32_t>(std::lround((0.4 * std::sin(step * t) + noise) * 8388607.0));
            i[k] = static_cast<int32_t>(std::lround((0.3 * std::sin(step * t - 0.4) + noise) * 8388607.0));
            i2[k] = static_cast<int32_t>(std::lround(((block % 7 == 3) ? 0.05 : 0.3) * std::sin(step * t - 0.4) * 8388607.0));
            if (r.uniform() < 0.01) v[k] = (r.next() & 1) ? 0x7fffff : -0x800000;  // saturated samples too
        }
        batch.samples(v.data(), i.data(), i2.data(), n, cf.data());
        for (std::size_t k = 0; k < n; ++k) {
            ef::twin_inputs in;
            in.sample_mode = true;
            in.sample_valid = true;
            in.v_sample = v[k];
            in.i_sample = i[k];
            in.i2_sample = i2[k];
            d.step(in);
            cf_high += cf[k];
            if (bool(d.rtl->o_cf) != bool(cf[k])) ++cf_mismatch;
        }
        edges += n;
        for (uint8_t a = 0; a < 0x30; ++a)
            if (batch.peek(a) != d.twin.peek(a)) ++reg_mismatch;
        // the firmware between blocks: a bus write now and then, to both
        if (r.uniform() < 0.2) {
            ef::twin_inputs bus;
            bus.sample_mode = true;
            random_bus(r, bus, 1.0);
            both(bus);
        }
    }
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);  // the per-edge twin still matches the RTL
    BOOST_TEST(cf_mismatch == 0u);
    BOOST_TEST(reg_mismatch == 0u);
    BOOST_TEST(cf_high > 100u);  // CF pulsed: the comparison covered the energy path
}

BOOST_AUTO_TEST_CASE(cf_queue_saturates_identically) {
    dual_frontend d;
    write(d, ef::CFTHR_HI, 0);
    write(d, ef::CFTHR_LO, 1000);
    write(d, ef::CFWIDTH, 40);
    write(d, ef::CFDIV, 1);
    ef::twin_inputs in;
    in.sample_mode = true;
    in.sample_valid = true;
    for (uint64_t n = 0; n < 50000; ++n) {
        in.v_sample = 0x600000;
        in.i_sample = (n / 3000) % 2 ? 0x600000 : -0x600000;
        in.i2_sample = in.i_sample;
        in.bus_addr = static_cast<uint8_t>(n % 0x28);
        d.step(in);
    }
    in.sample_valid = false;
    const uint32_t cfcnt = d.read(ef::CFCNT, in);
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
    // CF stays high for 40 samples and low for at least one: at most one edge per 41 samples
    BOOST_TEST(cfcnt <= 50000u / 41u + 1u);
    BOOST_TEST(cfcnt >= 50000u / 41u - 5u);
}

BOOST_AUTO_TEST_CASE(reset_in_the_middle_of_a_run) {
    dual_frontend d;
    rng r(5);
    meter::sigma_delta2 mv;
    ef::twin_inputs in;
    for (uint64_t n = 0; n < 200000; ++n) {
        in.rst_n = !(n > 100000 && n < 100005);
        in.v_bit = mv.step(0.3);
        in.i_bit = r.next() & 1;
        in.i2_bit = r.next() & 1;
        random_bus(r, in, 1e-3);
        d.step(in);
    }
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
}

// DC mode (CONFIG[5]), as a DC charger's meter runs it: modulated DC levels with a ripple and
// load steps, including reversals, with random bus traffic that keeps DC set (and writes
// PHCAL, which DC mode must ignore in both). Every cycle compared.
BOOST_AUTO_TEST_CASE(dc_mode_levels_steps_and_ripple) {
    dual_frontend d;
    rng r(31);
    meter::sigma_delta2 mv, mi, mi2;
    write(d, ef::CONFIG, ef::config_bit::DC | 0x07u);
    write(d, ef::PHCAL, 300);
    write(d, ef::CFTHR_HI, 0);
    write(d, ef::CFTHR_LO, 200000);
    ef::twin_inputs in;
    const double w = 2 * meter::pi * 300.0 / 819200.0;  // the rectifier's ripple
    for (uint64_t n = 0; n < 1200000; ++n) {
        const double level = n < 400000 ? 0.35 : n < 800000 ? 0.12 : -0.2;
        in.v_bit = mv.step(0.45 + 0.004 * std::sin(w * double(n)));
        in.i_bit = mi.step(level + 0.01 * std::sin(w * double(n)));
        in.i2_bit = mi2.step(level);
        random_bus(r, in, 2e-4);
        if (in.bus_we && in.bus_addr == ef::CONFIG) in.bus_wdata |= ef::config_bit::DC;
        d.step(in);
    }
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
    BOOST_TEST(d.read(ef::CFCNT) > 10u);
    BOOST_TEST((d.read(ef::CONFIG) & ef::config_bit::DC) != 0u);
}

// What DC mode is for: constant samples of V and I give the active power (V x I) >>> 16 in DC
// mode, where the AC configuration's high-pass filters take the DC out and leave no power.
// The phase calibration changes nothing in DC mode.
BOOST_AUTO_TEST_CASE(dc_mode_keeps_the_dc_that_ac_mode_removes) {
    const int32_t v = 0x300000, i = 0x140000;
    const int64_t expected = (int64_t(v) * int64_t(i)) >> 16;
    auto settle = [&](uint32_t config, int32_t phcal) {
        dual_frontend d;
        write(d, ef::CONFIG, config);
        write(d, ef::PHCAL, static_cast<uint32_t>(phcal) & 0xfffu);
        ef::twin_inputs in;
        in.sample_mode = true;
        in.sample_valid = true;
        in.v_sample = v;
        in.i_sample = i;
        in.i2_sample = i;
        for (int n = 0; n < 32000; ++n) d.step(in);  // 10 s of samples
        in.sample_valid = false;
        const auto p = static_cast<int32_t>(d.read(ef::APOWER, in));
        BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
        return p;
    };
    const int32_t dc = settle(ef::config_bit::DC | 0x07u, 0);
    BOOST_TEST(std::llabs(dc - expected) <= 2, dc << " against " << expected);
    BOOST_TEST(settle(ef::config_bit::DC | 0x07u, 500) == dc);
    BOOST_TEST(std::abs(settle(0x07u, 0)) <= 2);  // AC: the HPFs removed it
}

// Behaviour of the RTL itself (the twin follows through the cases above).
BOOST_AUTO_TEST_CASE(sinc3_dc_gain_is_full_scale_times_input) {
    dual_frontend d;
    write(d, ef::CONFIG, 0);  // HPF off: the DC value reaches VWAVE
    meter::sigma_delta2 mv;
    ef::twin_inputs in;
    for (uint64_t n = 0; n < 256 * 40; ++n) {
        in.v_bit = mv.step(0.25);
        d.step(in);
    }
    const double v = double(static_cast<int32_t>(d.read(ef::VWAVE) << 8) >> 8);
    BOOST_TEST(std::fabs(v / (0.25 * 8388608.0) - 1.0) < 2e-3);
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
}

BOOST_AUTO_TEST_CASE(calibration_lock_rejects_and_counts_writes) {
    dual_frontend d;
    write(d, ef::IGAIN, 0x410000);
    BOOST_TEST(d.read(ef::IGAIN) == 0x410000u);
    BOOST_TEST(d.read(ef::CALWR_CNT) == 1u);
    write(d, ef::LOCK, 1);
    BOOST_TEST((d.read(ef::STATUS) & ef::status_bit::LOCKED) != 0u);
    write(d, ef::IGAIN, 0x300000);
    write(d, ef::LOCK, 0x12345678);  // wrong key: stays locked
    write(d, ef::PHCAL, 5);
    BOOST_TEST(d.read(ef::IGAIN) == 0x410000u);
    BOOST_TEST(d.read(ef::PHCAL) == 0u);
    BOOST_TEST(d.read(ef::CALWR_REJ) == 2u);
    write(d, ef::LOCK, ef::UNLOCK_KEY);
    write(d, ef::IGAIN, 0x300000);
    BOOST_TEST(d.read(ef::IGAIN) == 0x300000u);
    BOOST_TEST(d.read(ef::CALWR_CNT) == 2u);
    write(d, ef::AENERGY, 77);  // read-only: neither stored nor counted
    BOOST_TEST(d.read(ef::AENERGY) == 0u);
    BOOST_TEST(d.read(ef::CALWR_CNT) == 2u);
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
}

BOOST_AUTO_TEST_CASE(anti_creep_start_and_noload_hysteresis) {
    dual_frontend d;
    write(d, ef::CONFIG, 0x07);
    write(d, ef::CFTHR_LO, 100000);
    write(d, ef::START, 2000);
    write(d, ef::NOLOAD, 1000);
    ef::twin_inputs in;
    in.sample_mode = true;
    in.sample_valid = true;
    const double w = 2 * meter::pi * 50 / 3200.0;
    ef::twin_inputs idle;
    idle.sample_mode = true;  // reads between the runs: sample mode held, no strobe
    auto run = [&](double amp_i, int n) {
        for (int k = 0; k < n; ++k) {
            const double t = double(d.cycle);
            in.v_sample = static_cast<int32_t>(3e6 * std::sin(w * t));
            in.i_sample = static_cast<int32_t>(amp_i * std::sin(w * t));
            in.i2_sample = in.i_sample;
            d.step(in);
        }
    };
    // P = 3e6 * A / 2 / 65536: A = 60 -> 1373 (between NOLOAD and START): never starts
    run(60, 20000);
    BOOST_TEST((d.read(ef::STATUS, idle) & ef::status_bit::RUNNING) == 0u);
    BOOST_TEST(d.read(ef::AENERGY, idle) == 0u);
    // A = 120 -> 2747 >= START: starts and registers
    run(120, 20000);
    BOOST_TEST((d.read(ef::STATUS, idle) & ef::status_bit::RUNNING) != 0u);
    const uint32_t e1 = d.read(ef::AENERGY, idle);
    BOOST_TEST(e1 > 0u);
    // back to A = 60: above NOLOAD, keeps running (hysteresis)
    run(60, 20000);
    BOOST_TEST((d.read(ef::STATUS, idle) & ef::status_bit::RUNNING) != 0u);
    BOOST_TEST(d.read(ef::AENERGY, idle) > e1);
    // A = 20 -> 458 < NOLOAD: stops
    run(20, 20000);
    BOOST_TEST((d.read(ef::STATUS, idle) & ef::status_bit::RUNNING) == 0u);
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
}

// Noise a cheat adds on the adc.current_input tap means the same in both fidelities: white
// noise over the modulator bandwidth, so the decimated current samples (IWAVE) carry the same
// noise whether it went through the modulator and sinc3 (bit) or was scaled for them (sample).
BOOST_AUTO_TEST_CASE(sample_stream_noise_is_the_same_in_bit_and_sample_fidelity) {
    auto iwave_rms = [](hilbench::fidelity f) {
        hilbench::meter::rtl_adapter a(f, 17);
        const hilbench::meter::channel_signal none;
        a.set_signals(none, none, none);
        hilbench::engine::cheat_engine::stream_transform t;
        t.active = true;
        t.noise_rms = 0.02;  // of full scale, over the modulator bandwidth
        a.set_current_transform(&t);
        const uint64_t per_sample = f == hilbench::fidelity::bit ? 256 : 1;
        double s2 = 0;
        int n = 0;
        for (int k = 0; k < 6000; ++k) {
            a.run_until(a.now_tick() + per_sample);
            if (k < 1000) continue;  // the filters settle
            const double x = double(int32_t(a.read(ef::IWAVE) << 8) >> 8) / 8388608.0;
            s2 += x * x;
            ++n;
        }
        return std::sqrt(s2 / n);
    };
    const double bit = iwave_rms(hilbench::fidelity::bit), sample = iwave_rms(hilbench::fidelity::sample);
    BOOST_TEST_MESSAGE("IWAVE noise: bit " << bit << " FS, sample " << sample << " FS");
    BOOST_TEST(bit > 0.0005);  // the noise reaches the datapath at all
    BOOST_TEST(sample / bit > 0.85);
    BOOST_TEST(sample / bit < 1.15);
}
