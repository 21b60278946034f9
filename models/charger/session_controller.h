// The charger's session and billing firmware, shared by the AC post and the DC charger. It sees
// the meter's energy register (kWh; on a DC charger the register after cable-loss
// compensation) and the device clock, and it
//   - opens a session (an identification, the begin reading) and closes it (the end reading);
//   - splits the session's energy over the tariff periods by the device clock;
//   - bills energy x (price + service fee), rounded to the minimum payment variable;
//   - shows the session energy (to the display resolution), the amount and the time;
//   - prints a receipt;
//   - signs OCMF records: B at the start, T at a tariff change, C clock-aligned, E at the end,
//     with one pagination counter for the device's life;
//   - keeps an audit trail of the tariff, the cable and the key, and a software identification.
// The owner calls advance() at the times next_wakeup() names, so every record and every tariff
// split happens at its own moment.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/charger/device_clock.h"
#include "models/charger/ocmf.h"
#include "models/charger/tariff.h"
#include "models/core/audit_log.h"

namespace hilbench::charger {

struct charger_identity {
    std::string gateway_id = "HB-CHARGER", gateway_serial = "CH-0001", firmware = "1.0.0";
    std::string meter_vendor = "hilbench", meter_model = "HB-EM", meter_serial = "CH-0001-M", meter_firmware = "1.0.0";
    std::string evse_id = "CN*HBC*E0001";
    std::string current_type = "AC";  // AC or DC (OCMF RT)
};

struct billing_config {
    std::vector<tariff_period> tariff;
    double service_fee_cny_per_kwh = 0.4;
    double min_pay_cny = 0.01;
    double display_kwh_step = 0.001;       // the display's least energy digit
    double clock_aligned_interval_s = 900; // OCMF C records (0: none)
};

// The cable-loss compensation the record declares (DC): the cable id and the resistance the
// firmware looks up for it.
struct cable_declaration {
    int cable_id = 0;
    double resistance_mohm = 0;
};

struct session_display {
    bool charging = false;
    double energy_kwh = 0;  // this session, to the display step
    double amount_cny = 0;
    std::string time;       // device clock
};

struct receipt {
    int number = 0;
    std::string id_tag, start_time, end_time;
    double begin_kwh = 0, end_kwh = 0, energy_kwh = 0, amount_cny = 0;
    std::vector<double> kwh_per_period;
    std::vector<double> price_per_period;  // the energy price of each period, as printed
    std::vector<std::string> period_names;
    double service_fee_cny_per_kwh = 0;
    std::vector<std::string> records;  // the session's signed records, in order
};

class session_controller {
public:
    session_controller(charger_identity id, billing_config billing, device_clock& clock, ocmf::signing_key key);

    bool charging() const { return m_open; }
    // Opens a session at t with the register value (kWh) and the user's identification.
    void start(double t_s, double register_kwh, const std::string& id_tag, double cumulated_loss_kwh = 0);
    // Brings the session up to t: tariff splits and C / T records due at or before t.
    void advance(double t_s, double register_kwh, double cumulated_loss_kwh = 0);
    // The next time (s) a record or tariff split is due, or a large number when none is.
    double next_wakeup(double t_s) const;
    // Closes the session at t: the E record, the bill, the receipt.
    void stop(double t_s, double register_kwh, double cumulated_loss_kwh = 0);

    session_display display(double t_s, double register_kwh) const;
    const std::vector<receipt>& receipts() const { return m_receipts; }
    // every record signed since power-on, in order (what a backend would receive)
    const std::vector<std::string>& records() const { return m_records; }
    const audit_log& audit() const { return m_audit; }
    std::string software_id() const;
    const std::string& public_key_hex() const { return m_key.public_key_hex(); }

    // Legally relevant settings, logged with their source. The tariff is set only between
    // sessions (GB/T 29318): false, and a logged refusal, while one is open.
    bool set_tariff(double t_s, const std::vector<tariff_period>& tariff, const std::string& source);
    void set_cable(double t_s, const cable_declaration& c, const std::string& source);
    // (an empty source: a change the firmware does not see, so no entry)
    void set_key(double t_s, ocmf::signing_key key, const std::string& source);
    const std::optional<cable_declaration>& cable() const { return m_cable; }
    // A backend that edits what it forwards can only act on copies; the device's own list is
    // what it signed. For the tamper scenarios: replace the forwarded list.
    std::vector<std::string>& forwarded_records() { return m_forwarded; }

private:
    void sign(double t_s, const std::string& tx, double register_kwh, double cumulated_loss_kwh);
    void split(double register_kwh);
    int period_now(double t_s) const;

    charger_identity m_id;
    billing_config m_bill;
    device_clock& m_clock;
    ocmf::signing_key m_key;
    std::optional<cable_declaration> m_cable;
    audit_log m_audit;
    long m_page = 0;
    bool m_open = false;
    receipt m_current;
    double m_last_register = 0, m_loss_at_begin = 0, m_next_aligned_s = 0;
    int m_period = -1;
    std::vector<receipt> m_receipts;
    std::vector<std::string> m_records, m_forwarded;
};

}  // namespace hilbench::charger
