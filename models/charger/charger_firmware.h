// What the AC post and the DC charger share above their meters: the clock, the session and
// billing firmware with its signed records, the billed register (the meter's increments, through
// the billing tap), and the backend that forwards the records to the customer. The cheat
// engine's session taps act here (billing.*, backend.*, ocmf.forged_key, clock.step_s).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "models/charger/charger_params.h"
#include "models/charger/device_clock.h"
#include "models/charger/session_controller.h"
#include "models/core/cheat_engine.h"

namespace hilbench::charger {

class charger_firmware {
public:
    charger_firmware(const charger_identity& id, const billing_params& billing, const clock_params& clock,
                     const ocmf_params& ocmf, double display_step_kwh, double start_h, uint64_t seed,
                     engine::cheat_engine* eng);
    // the session firmware holds a reference to the clock: neither is copied or moved
    charger_firmware(const charger_firmware&) = delete;
    charger_firmware& operator=(const charger_firmware&) = delete;

    // The meter's register (kWh) at t: its increment since the last call goes into the billed
    // register (times the billing tap's factor).
    void meter_register(double t_s, double register_kwh);
    double billed_kwh() const { return m_billed; }

    void start(double t_s, const std::string& id_tag, double cumulated_loss_kwh = 0);
    void stop(double t_s, double cumulated_loss_kwh = 0);
    // records due by t (tariff changes, clock-aligned readings)
    void advance(double t_s, double cumulated_loss_kwh = 0);
    double next_wakeup(double t_s) const { return m_session.next_wakeup(t_s); }
    // the cheat engine's session taps at t (the clock step, the signing key)
    void apply_taps(double t_s);
    bool charging() const { return m_session.charging(); }

    session_display display(double t_s) const { return m_session.display(t_s, m_billed); }
    const std::vector<receipt>& receipts() const { return m_session.receipts(); }
    const std::vector<std::string>& forwarded_records() const { return m_forwarded; }
    const std::vector<std::string>& signed_records() const { return m_session.records(); }
    const std::vector<audit_entry>& audit_trail() const { return m_session.audit().entries(); }
    std::string software_id() const { return m_session.software_id(); }
    const device_clock& clock() const { return m_clock; }
    std::string registered_public_key() const { return m_registered_key; }
    void set_cable(double t_s, const cable_declaration& c, const std::string& source) { m_session.set_cable(t_s, c, source); }
    const std::optional<cable_declaration>& cable() const { return m_session.cable(); }

private:
    void forward_session(double t_s);

    engine::cheat_engine* m_engine;
    device_clock m_clock;
    session_controller m_session;
    std::string m_registered_key;
    std::string m_key_hex, m_forged_hex;
    bool m_forged = false, m_clock_stepped = false;
    double m_billed, m_last_register = -1;
    std::vector<std::string> m_forwarded;
};

}  // namespace hilbench::charger
