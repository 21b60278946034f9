// Firmware model of the meter: restores the calibration into the front end at power-on and
// locks it, reads the energy quanta and keeps the legal kWh register at the display
// resolution, watches the front end's status and calibration-write counter, keeps the
// audit trail (OIML D 31 6.2.3.6, WELMEC 7.2) and the software identification.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/core/audit_log.h"
#include "models/meter/calibration.h"
#include "models/meter/meter_params.h"

namespace hilbench::meter {

class register_bus {
public:
    virtual ~register_bus() = default;
    virtual uint32_t read(uint8_t addr) = 0;
    virtual void write(uint8_t addr, uint32_t value) = 0;
};

using hilbench::audit_entry;
using hilbench::crc32;

class firmware {
public:
    firmware(const meter_params& p, const calibration_result& factory);

    void power_on(register_bus& bus, double t_s);
    // increment_factor: the display-value tap on the kWh register (1 for an honest meter);
    // clock_h: the device clock (hours after midnight) that selects the tariff register.
    void tick(register_bus& bus, double t_s, double increment_factor = 1.0, double clock_h = 12.0);
    // A calibration register set to its legitimate value times factor (restore puts the
    // legitimate value back). path "logged": through the command path with an audit entry;
    // "hidden": a firmware that writes without an entry and hides the write from its own
    // counter check; "direct": a write to the front end that bypasses the firmware (the
    // counter check then logs an unexpected_calibration_write).
    void command_write(register_bus& bus, const std::string& reg, double factor, const std::string& path,
                       bool restore, double t_s);

    // legal outputs
    double energy_wh() const;               // the legal register (quantum resolution)
    double measured_energy_wh() const;      // what the front end measured (no display tap)
    double tariff_energy_wh(int tariff) const;  // T1 (peak) = 1, T2 (off-peak) = 2
    bool peak(double clock_h) const;
    double display_kwh() const;             // what the display shows
    int64_t display_digits() const;         // display register in units of its resolution
    const std::vector<audit_entry>& audit_trail() const { return m_log.entries(); }
    uint64_t event_counter() const { return m_log.event_counter(); }
    std::string version() const { return m_p.firmware_version; }
    uint32_t checksum() const;              // CRC-32 over code identity + legal parameters
    std::string software_id() const;
    const calibration_set& parameters() const { return m_cal; }

private:
    void log_event(double t, const std::string& source, const std::string& name, const std::string& old_v,
                   const std::string& new_v);
    void log_change(double t, const std::string& source, const std::string& name, int64_t old_v, int64_t new_v);

    const meter_params& m_p;
    calibration_set m_cal;
    double m_quantum_wh;
    int64_t m_quanta = 0;
    double m_register_quanta = 0;  // the legal register in quanta (display-value tap applied)
    double m_tariff_quanta[2] = {0, 0};
    uint32_t m_last_aenergy = 0;
    uint32_t m_expected_calwr = 0;
    uint32_t m_last_status = 0;
    bool m_powered = false;
    audit_log m_log;
};

}  // namespace hilbench::meter
