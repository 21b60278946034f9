// The load-cell ADC RTL (rtl/loadcell_adc) against its C++ twin (models/scale/lc_twin),
// every output on every cycle, plus behavioural checks of the read-out protocol.
#define BOOST_TEST_MODULE loadcell_adc_equivalence
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "models/scale/hx_host.h"
#include "tests/rtl/lc_fixture.h"

using hilbench::lc::hx_host;
using hilbench::lc::twin_inputs;
using hilbench::test::dual_adc;

namespace {

// First-order sigma-delta of a constant input in [-1, 1] (1 = +full scale).
struct modulator {
    double integ = 0;
    bool next(double x) {
        const bool b = integ >= 0;
        integ += x - (b ? 1.0 : -1.0);
        return b;
    }
};

// Runs the host against the RTL's DOUT; returns the codes read.
std::vector<int32_t> run_host(dual_adc& d, hx_host& host, twin_inputs in, double level, uint64_t cycles) {
    modulator mod;
    std::vector<int32_t> codes;
    bool sck = false;
    for (uint64_t k = 0; k < cycles; ++k) {
        in.mod_bit = mod.next(level);
        in.pd_sck = sck;
        d.step(in);
        sck = host.clock(d.rtl->o_dout);
        int32_t c;
        if (host.take(c)) codes.push_back(c);
    }
    return codes;
}

}  // namespace

BOOST_AUTO_TEST_CASE(bit_mode_random_reads_rate_changes_and_register_writes) {
    dual_adc d;
    std::mt19937_64 rng(7);
    hx_host host;
    twin_inputs in;
    in.rate = true;
    modulator mod;
    double level = 0.3;
    bool sck = false;
    for (uint64_t k = 0; k < 1500000; ++k) {
        if (k % 50000 == 0) level = std::uniform_real_distribution<double>(-0.95, 0.95)(rng);
        if (k % 200000 == 100000) in.rate = !in.rate;
        if (k % 30011 == 0) host.set_extra_pulses(uint32_t(rng() % 3 + 1));
        in.cfg_we = (rng() % 4001) == 0;
        in.cfg_addr = uint8_t(rng() % 4);
        in.cfg_wdata = uint32_t(rng()) & 0xffffffu;
        if (in.cfg_we && in.cfg_addr == 1) in.cfg_wdata = 0x300000u + (uint32_t(rng()) & 0x1fffffu);
        in.mod_bit = mod.next(level);
        // now and then an out-of-protocol glitch on PD_SCK
        in.pd_sck = (rng() % 20011 == 0) ? !sck : sck;
        d.step(in);
        sck = host.clock(d.rtl->o_dout);
        int32_t c;
        host.take(c);
    }
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
    BOOST_TEST(host.reads() > 150u);
}

BOOST_AUTO_TEST_CASE(sample_mode_extreme_samples_power_down_and_reset) {
    dual_adc d;
    std::mt19937_64 rng(11);
    hx_host host;
    twin_inputs in;
    in.sample_mode = true;
    bool sck = false;
    const int32_t extremes[] = {0x7fffff, -0x800000, 0, -1, 1, 0x400000, -0x400000};
    for (uint64_t k = 0; k < 600000; ++k) {
        in.sample_strobe = (rng() % 300) == 0;
        in.sample = (rng() % 3 == 0) ? extremes[rng() % 7] : int32_t(rng() % 0x1000000) - 0x800000;
        in.rst_n = (k % 250000) != 200000;
        in.cfg_we = (rng() % 997) == 0;
        in.cfg_addr = uint8_t(rng() % 4);
        in.cfg_wdata = uint32_t(rng()) & 0xffffffu;
        host.set_power_down((k % 100000) > 95000);
        if (k % 7001 == 0) host.set_extra_pulses(uint32_t(rng() % 3 + 1));
        in.pd_sck = sck;
        d.step(in);
        sck = host.clock(d.rtl->o_dout);
        int32_t c;
        host.take(c);
    }
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
    BOOST_TEST(host.reads() > 500u);
}

BOOST_AUTO_TEST_CASE(dc_input_reads_back_as_full_scale_times_input) {
    for (double level : {0.5, -0.25, 0.0}) {
        dual_adc d;
        hx_host host;
        twin_inputs in;
        in.rate = true;  // 80 SPS: 2048 cycles per conversion
        const auto codes = run_host(d, host, in, level, 2048 * 12);
        BOOST_REQUIRE(codes.size() >= 5u);
        const double expect = level * 8388608.0;
        BOOST_TEST(std::abs(codes.back() - expect) <= 2.0, "level " << level << " code " << codes.back());
        BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
    }
}

BOOST_AUTO_TEST_CASE(first_conversion_after_four_periods) {
    dual_adc d;
    twin_inputs in;
    in.rate = true;
    uint64_t first_low = 0;
    for (uint64_t k = 1; k < 2048 * 8 && first_low == 0; ++k) {
        d.step(in);
        if (!d.rtl->o_dout) first_low = k;
    }
    // three conversions discarded: DOUT first falls just after the fourth period
    BOOST_TEST(first_low > 4u * 2048u);
    BOOST_TEST(first_low < 4u * 2048u + 8u);
}

BOOST_AUTO_TEST_CASE(pulse_count_selects_channel_and_gain_for_the_next_conversion) {
    dual_adc d;
    hx_host host;
    twin_inputs in;
    in.rate = true;
    host.set_extra_pulses(2);  // 26 pulses: channel B, gain 32
    run_host(d, host, in, 0.1, 2048 * 6);
    BOOST_TEST(int(d.rtl->o_gain_sel) == int(hilbench::lc::SEL_B32));
    host.set_extra_pulses(3);  // 27 pulses: channel A, gain 64
    run_host(d, host, in, 0.1, 2048 * 6);
    BOOST_TEST(int(d.rtl->o_gain_sel) == int(hilbench::lc::SEL_A64));
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
}

BOOST_AUTO_TEST_CASE(pd_sck_held_high_powers_down_and_wakes_at_a128) {
    dual_adc d;
    hx_host host;
    twin_inputs in;
    in.rate = true;
    host.set_extra_pulses(3);
    run_host(d, host, in, 0.1, 2048 * 8);
    BOOST_REQUIRE(int(d.rtl->o_gain_sel) == int(hilbench::lc::SEL_A64));
    // a 50 us high phase (8 clocks) is still a read pulse; 10 clocks power down
    in.pd_sck = true;
    for (int k = 0; k < 9; ++k) d.step(in);
    BOOST_TEST(!d.rtl->o_power_down);
    for (int k = 0; k < 3; ++k) d.step(in);
    BOOST_TEST(d.rtl->o_power_down);
    BOOST_TEST(d.rtl->o_dout);
    in.pd_sck = false;
    for (int k = 0; k < 4; ++k) d.step(in);
    BOOST_TEST(!d.rtl->o_power_down);
    BOOST_TEST(int(d.rtl->o_gain_sel) == int(hilbench::lc::SEL_A128));
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
}

BOOST_AUTO_TEST_CASE(offset_and_gain_registers_trim_and_count_writes) {
    dual_adc d;
    twin_inputs in;
    in.sample_mode = true;
    in.cfg_we = true;
    in.cfg_addr = hilbench::lc::OFFSET;
    in.cfg_wdata = 1000;
    d.step(in);
    in.cfg_addr = hilbench::lc::GAIN;
    in.cfg_wdata = 0x600000;  // 1.5
    d.step(in);
    in.cfg_we = false;
    in.cfg_addr = hilbench::lc::CFGWR_CNT;
    d.step(in);
    BOOST_TEST(d.rtl->o_cfg_rdata == 2u);
    hx_host host;
    bool sck = false;
    std::vector<int32_t> codes;
    for (uint64_t k = 0; k < 20000; ++k) {
        in.sample_strobe = (k % 2048) == 0;
        in.sample = (k < 12000) ? 101000 : 0x7ff000;
        in.pd_sck = sck;
        d.step(in);
        sck = host.clock(d.rtl->o_dout);
        int32_t c;
        if (host.take(c)) codes.push_back(c);
    }
    BOOST_REQUIRE(codes.size() >= 3u);
    BOOST_TEST(codes.front() == 150000);        // (101000 - 1000) * 1.5
    BOOST_TEST(codes.back() == 0x7fffff);       // saturates
    BOOST_TEST(hilbench::lc::offset_gain(-0x800000, 1, 0xffffff) == -0x800000);
    BOOST_TEST(d.mismatches == 0u, d.first_mismatch);
}
