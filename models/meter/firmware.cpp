#include "models/meter/firmware.h"

#include <cmath>
#include <cstdio>

#include "models/core/errors.h"
#include "models/meter/ef_regs.h"

namespace hilbench::meter {

firmware::firmware(const meter_params& p, const calibration_result& factory)
    : m_p(p), m_cal(factory.regs),
      m_quantum_wh(1000.0 / (p.meter_constant_imp_per_kwh * p.energy_quanta_per_pulse)) {
    // The factory calibration is the first part of the meter's history: each calibrated
    // register is logged with its reset value as the old value.
    const calibration_set reset_values = [] {
        calibration_set r;
        r.config = 0x07;
        r.vgain = r.igain = r.i2gain = ef::GAIN_ONE;
        r.cfthr = 0x000001000000ull;
        r.tamper_thr = 16;
        r.tamper_min = 0x1000;
        return r;
    }();
    const auto olds = reset_values.named();
    const auto news = m_cal.named();
    for (std::size_t k = 0; k < news.size(); ++k)
        if (olds[k].second != news[k].second)
            log_change(0.0, "factory", news[k].first, olds[k].second, news[k].second);
    log_change(0.0, "factory", "METER_CONSTANT_IMP_PER_KWH", 0, std::llround(p.meter_constant_imp_per_kwh));
}

void firmware::log_event(double t, const std::string& source, const std::string& name, const std::string& old_v,
                         const std::string& new_v) {
    m_log.event(t, source, name, old_v, new_v);
}

void firmware::log_change(double t, const std::string& source, const std::string& name, int64_t old_v,
                          int64_t new_v) {
    m_log.change(t, source, name, std::to_string(old_v), std::to_string(new_v));
}

void firmware::power_on(register_bus& bus, double t) {
    if (bus.read(ef::ID) != ef::ID_VALUE) {
        log_event(t, "firmware", "frontend_id_mismatch", "", std::to_string(bus.read(ef::ID)));
        return;
    }
    if (bus.read(ef::LOCK) & 1u) bus.write(ef::LOCK, ef::UNLOCK_KEY);
    for (const auto& [addr, value] : m_cal.writes()) bus.write(addr, value);
    bus.write(ef::LOCK, 1u);
    m_expected_calwr = bus.read(ef::CALWR_CNT);
    m_last_aenergy = bus.read(ef::AENERGY);
    m_last_status = bus.read(ef::STATUS);
    m_powered = true;
    log_event(t, "firmware", "power_on", "", software_id());
}

bool firmware::peak(double h) const {
    const double a = m_p.tariff_peak_start_h, b = m_p.tariff_peak_end_h;
    return a <= b ? (h >= a && h < b) : (h >= a || h < b);
}

double firmware::tariff_energy_wh(int tariff) const { return m_tariff_quanta[tariff == 1 ? 0 : 1] * m_quantum_wh; }

void firmware::tick(register_bus& bus, double t, double increment_factor, double clock_h) {
    if (!m_powered) return;
    const uint32_t ae = bus.read(ef::AENERGY);
    const int32_t delta = static_cast<int32_t>(ae - m_last_aenergy);
    m_quanta += delta;
    m_register_quanta += double(delta) * increment_factor;
    m_tariff_quanta[peak(clock_h) ? 0 : 1] += double(delta) * increment_factor;
    m_last_aenergy = ae;

    const uint32_t status = bus.read(ef::STATUS);
    const uint32_t changed = status ^ m_last_status;
    if (changed & ef::status_bit::TAMPER)
        log_event(t, "frontend", (status & ef::status_bit::TAMPER) ? "tamper_start" : "tamper_end", "", "");
    if (changed & ef::status_bit::REVP)
        log_event(t, "frontend", (status & ef::status_bit::REVP) ? "reverse_power_start" : "reverse_power_end", "",
                  "");
    m_last_status = status;

    const uint32_t calwr = bus.read(ef::CALWR_CNT);
    if (calwr != m_expected_calwr) {
        log_event(t, "frontend", "unexpected_calibration_write", std::to_string(m_expected_calwr),
                  std::to_string(calwr));
        m_expected_calwr = calwr;
    }
}

double firmware::energy_wh() const { return m_register_quanta * m_quantum_wh; }

double firmware::measured_energy_wh() const { return double(m_quanta) * m_quantum_wh; }

int64_t firmware::display_digits() const {
    // digits = floor(quanta * quantum_kwh / resolution), exact for whole quanta
    const long double q_kwh = 1.0L / ((long double)m_p.meter_constant_imp_per_kwh * m_p.energy_quanta_per_pulse);
    const long double digits = (long double)m_register_quanta * q_kwh / (long double)m_p.display_resolution_kwh;
    return static_cast<int64_t>(std::floor(digits + 1e-9L));
}

void firmware::command_write(register_bus& bus, const std::string& reg, double factor, const std::string& path,
                             bool restore, double t) {
    struct entry {
        const char* name;
        uint8_t addr;
        uint32_t calibration_set::*field;
    };
    static const entry regs[] = {{"VGAIN", ef::VGAIN, &calibration_set::vgain},
                                 {"IGAIN", ef::IGAIN, &calibration_set::igain},
                                 {"I2GAIN", ef::I2GAIN, &calibration_set::i2gain},
                                 {"NOLOAD", ef::NOLOAD, &calibration_set::noload},
                                 {"START", ef::START, &calibration_set::start},
                                 {"CFDIV", ef::CFDIV, &calibration_set::cfdiv}};
    for (const entry& e : regs) {
        if (reg != e.name) continue;
        const uint32_t legit = m_cal.*e.field;
        const uint32_t current = bus.read(e.addr);
        const uint32_t value = restore ? legit : static_cast<uint32_t>(std::llround(double(legit) * factor));
        bus.write(ef::LOCK, ef::UNLOCK_KEY);
        bus.write(e.addr, value);
        bus.write(ef::LOCK, 1u);
        if (path == "direct") return;  // the firmware did not make this write
        m_expected_calwr = bus.read(ef::CALWR_CNT);
        if (path == "logged") log_change(t, "comms", e.name, current, value);
        return;
    }
    HB_ASSERT(false, "no command-path register " + reg);
}

double firmware::display_kwh() const { return double(display_digits()) * m_p.display_resolution_kwh; }

uint32_t firmware::checksum() const {
    std::string s = "hilbench-meter-firmware/" + m_p.firmware_version;
    for (const auto& [name, value] : m_cal.named()) s += ";" + name + "=" + std::to_string(value);
    char buf[64];
    std::snprintf(buf, sizeof buf, ";C=%.6g;RES=%.6g", m_p.meter_constant_imp_per_kwh, m_p.display_resolution_kwh);
    return crc32(s + buf);
}

std::string firmware::software_id() const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s CRC32 %08X", m_p.firmware_version.c_str(), checksum());
    return buf;
}

}  // namespace hilbench::meter
