#define BOOST_TEST_MODULE firmware
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>

#include "models/meter/calibration.h"
#include "models/meter/ef_regs.h"
#include "models/meter/firmware.h"
#include "models/meter/signal_chain.h"

using namespace hilbench;
using namespace hilbench::meter;

namespace {
meter_params defaults(const param_values& over = {}) { return meter_param_table().make(over); }

// A register file standing in for the front end.
struct fake_bus : register_bus {
    std::map<uint8_t, uint32_t> regs{{ef::ID, ef::ID_VALUE}};
    uint32_t writes = 0;
    bool locked = false;
    uint32_t read(uint8_t a) override {
        if (a == ef::LOCK) return locked;
        if (a == ef::CALWR_CNT) return writes;
        auto it = regs.find(a);
        return it == regs.end() ? 0 : it->second;
    }
    void write(uint8_t a, uint32_t v) override {
        if (a == ef::LOCK) {
            locked = v == 1 ? true : (v == ef::UNLOCK_KEY ? false : locked);
            return;
        }
        if (locked) return;
        regs[a] = v;
        ++writes;
    }
};
}  // namespace

BOOST_AUTO_TEST_CASE(crc32_reference_vector) { BOOST_TEST(crc32("123456789") == 0xCBF43926u); }

BOOST_AUTO_TEST_CASE(power_on_restores_calibration_and_locks) {
    const meter_params p = defaults();
    analog_front_end afe(p);
    const calibration_result cal = factory_calibration(p, afe);
    firmware fw(p, cal);
    fake_bus bus;
    fw.power_on(bus, 0.0);
    BOOST_TEST(bus.locked);
    BOOST_TEST(bus.regs.at(ef::IGAIN) == cal.regs.igain);
    BOOST_TEST(bus.regs.at(ef::CFTHR_LO) == uint32_t(cal.regs.cfthr & 0xffffffffu));
    BOOST_TEST(bus.writes == cal.regs.writes().size());
    // factory history: parameter changes with an increasing event counter, then power_on
    const auto& a = fw.audit_trail();
    BOOST_REQUIRE(a.size() >= 3u);
    BOOST_TEST(a.back().parameter == "power_on");
    uint64_t counter = 0;
    for (const auto& e : a)
        if (e.kind == "parameter_change") BOOST_TEST(e.event_counter == ++counter);
    BOOST_TEST(fw.event_counter() == counter);
}

BOOST_AUTO_TEST_CASE(energy_register_and_display_resolution) {
    const meter_params p = defaults();  // 1600 imp/kWh, 16 quanta per pulse, 0.01 kWh display
    analog_front_end afe(p);
    firmware fw(p, factory_calibration(p, afe));
    fake_bus bus;
    fw.power_on(bus, 0.0);
    // 255 quanta = 9.96 Wh: the display still shows 0.00 kWh; 256 quanta = 10 Wh shows 0.01
    bus.regs[ef::AENERGY] = 255;
    fw.tick(bus, 1.0);
    BOOST_TEST(fw.display_digits() == 0);
    BOOST_TEST(fw.energy_wh() == 255 * 1000.0 / (1600 * 16), boost::test_tools::tolerance(1e-12));
    bus.regs[ef::AENERGY] = 256;
    fw.tick(bus, 2.0);
    BOOST_TEST(fw.display_digits() == 1);
    // AENERGY wraps at 32 bits: the register keeps counting
    bus.regs[ef::AENERGY] = 0xfffffff0u;
    fw.tick(bus, 3.0);
    bus.regs[ef::AENERGY] = 0x10u;
    fw.tick(bus, 4.0);
    BOOST_TEST(fw.energy_wh() == double(int64_t(0xfffffff0u) - 0x100000000LL + 0x20) * 1000.0 / (1600 * 16),
               boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(status_events_and_hidden_register_writes_are_logged) {
    const meter_params p = defaults();
    analog_front_end afe(p);
    firmware fw(p, factory_calibration(p, afe));
    fake_bus bus;
    fw.power_on(bus, 0.0);
    const std::size_t before = fw.audit_trail().size();
    bus.regs[ef::STATUS] = ef::status_bit::TAMPER;
    fw.tick(bus, 1.0);
    bus.locked = false;
    bus.write(ef::IGAIN, 0x3f0000);  // a write the firmware did not make
    fw.tick(bus, 2.0);
    const auto& a = fw.audit_trail();
    BOOST_REQUIRE(a.size() == before + 2);
    BOOST_TEST(a[before].parameter == "tamper_start");
    BOOST_TEST(a[before + 1].parameter == "unexpected_calibration_write");
    BOOST_TEST(a[before + 1].time_s == 2.0);
}

BOOST_AUTO_TEST_CASE(software_id_changes_with_a_legal_parameter) {
    const meter_params p = defaults();
    const meter_params q = defaults({{"calibration_gain_error_pct", 0.5}});
    analog_front_end afe_p(p), afe_q(q);
    firmware a(p, factory_calibration(p, afe_p)), b(q, factory_calibration(q, afe_q)), c(p, factory_calibration(p, afe_p));
    BOOST_TEST(a.software_id() == c.software_id());
    BOOST_TEST(a.software_id() != b.software_id());
    BOOST_TEST(a.software_id().rfind("1.0.0 CRC32 ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(calibration_scales_and_phase) {
    // energy quantum threshold: THR = k_p * fs * 3.6e6 / (C * CFDIV)
    const meter_params p = defaults();
    analog_front_end afe(p);
    const calibration_result c = factory_calibration(p, afe);
    BOOST_TEST(double(c.regs.cfthr) == c.power_lsb_per_w * sample_rate_hz * 3.6e6 / (1600.0 * 16.0),
               boost::test_tools::tolerance(1e-9));
    BOOST_TEST(c.regs.phcal == 0);  // shunt: no phase error to remove
    BOOST_TEST(c.regs.igain == ef::GAIN_ONE);
    BOOST_TEST(c.regs.cfwidth == 256u);  // 80 ms at 3.2 kHz
    // START above NOLOAD, both below the power at Ist
    const double p_ist = 230 * 0.02 * c.power_lsb_per_w;
    BOOST_TEST(c.regs.start > c.regs.noload);
    BOOST_TEST(double(c.regs.start) < p_ist);
    // a CT leading by 0.3 deg: the current channel is delayed by 0.3 deg at 50 Hz
    // (0.3/360 * 3200/50 = 0.0533 sample = 54.6/1024)
    const meter_params ct = defaults({{"current_sensor", std::string("ct")}, {"pga_gain", 1.0}});
    analog_front_end afe_ct(ct);
    const calibration_result cc = factory_calibration(ct, afe_ct);
    BOOST_TEST(cc.regs.phcal >= 54);
    BOOST_TEST(cc.regs.phcal <= 56);
    // a residual gain error lands in IGAIN
    const meter_params g = defaults({{"calibration_gain_error_pct", 1.5}});
    analog_front_end afe_g(g);
    BOOST_TEST(double(factory_calibration(g, afe_g).regs.igain) == std::round(ef::GAIN_ONE * 1.015));
}

BOOST_AUTO_TEST_CASE(sigma_delta_and_sinc_models) {
    // the modulator's mean output equals its input
    sigma_delta2 m;
    double sum = 0;
    const int n = 1 << 20;
    for (int k = 0; k < n; ++k) sum += m.step(0.3) ? 1 : -1;
    BOOST_TEST(sum / n == 0.3, boost::test_tools::tolerance(1e-3));
    // sinc3 gain: 1 at DC, |sin(pi f R / fm) / (R sin(pi f / fm))|^3 elsewhere, zero at fm/R
    BOOST_TEST(sinc3_gain(0, 819200, 256) == 1.0);
    BOOST_TEST(sinc3_gain(3200, 819200, 256) < 1e-12);
    BOOST_TEST(sinc3_gain(50, 819200, 256) == 0.99880, boost::test_tools::tolerance(1e-5));
    BOOST_TEST(sinc3_noise_gain(256) < 0.1);
}
