// Controller firmware of the fuel dispenser (pure C++, no SystemC). It turns the front end's
// forward count into the displayed volume (count / K-factor, to the volume interval) and the
// amount (volume shown x unit price, rounded half up to the amount interval: the payment is
// what the customer sees), runs presets by volume or amount with the slow-down valve, keeps
// the electronic totalisers and the sales, locks on the front end's lock request, a failed
// authentication or an abnormal volume, logs every K-factor and price change and every lock in
// the audit trail, and forms the software identification.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/core/audit_log.h"
#include "models/dispenser/dispenser_params.h"

namespace hilbench::dispenser {

enum class preset_kind { none, volume, amount };

// What the nozzle's valves should do now.
struct valves {
    bool main_open = false;  // full flow
    bool slow_open = false;  // the slow-down valve alone: slow_flow_l_per_min
};

struct fuel_display {
    double volume_l = 0, amount_cny = 0, unit_price = 0;
    bool delivering = false;
    bool locked = false;
};

// One finished delivery as the POS receives it.
struct fuel_sale {
    double volume_l = 0, amount_cny = 0, unit_price = 0;
    std::string preset;  // "", "volume 20.00", "amount 100.00"
};

class dispenser_firmware {
public:
    dispenser_firmware(const dispenser_params& p, double k_factor, std::string device_id);

    void power_on(double t_s, uint32_t fwd_count);
    // The nozzle is lifted and the delivery authorised, with a preset or none; false (and
    // nothing happens) while locked or already delivering.
    bool authorise(double t_s, preset_kind kind, double value, uint32_t fwd_count);
    // The front end's forward count now, and its lock request: the valves for the next moment.
    // count_factor: the fw.counts tap (1 for an honest controller).
    valves count(double t_s, uint32_t fwd_count, bool frontend_lock, double count_factor = 1.0);
    // The nozzle is hung up: the sale is final.
    void hang_up(double t_s);
    // The command channel (keypad, POS or back office): "k_factor" (pulses/L) or "unit_price"
    // (CNY/L). Path "logged" leaves an audit entry, "hidden" does not (a cheat).
    void command(double t_s, const std::string& reg, double value, const std::string& source, bool logged = true);
    // The controller's authentication of the encoder finished.
    void authentication(double t_s, bool passed);
    // A service unlock (the audit trail keeps it).
    void service_unlock(double t_s, const std::string& who);

    const fuel_display& display() const { return m_display; }
    const std::vector<fuel_sale>& sales() const { return m_sales; }
    double total_volume_l() const { return m_total_volume_l; }
    double total_amount_cny() const { return m_total_amount_cny; }
    double k_factor() const { return m_k; }
    bool locked() const { return m_locked; }
    const std::string& lock_cause() const { return m_lock_cause; }
    const std::vector<audit_entry>& audit_trail() const { return m_log.entries(); }
    std::string software_id() const;
    uint32_t checksum() const;

private:
    void lock(double t_s, const std::string& cause);
    double volume_of(uint32_t counts, double factor);

    const dispenser_params& m_p;
    double m_k;
    std::string m_device_id;
    audit_log m_log;
    fuel_display m_display;
    std::vector<fuel_sale> m_sales;
    bool m_locked = false;
    std::string m_lock_cause;
    preset_kind m_preset = preset_kind::none;
    double m_preset_value = 0;
    uint32_t m_start_count = 0, m_last_count = 0;
    double m_counted = 0;  // counts of this delivery, each increment weighted by the fw.counts tap
    bool m_stopped = false;
    double m_total_volume_l = 0, m_total_amount_cny = 0;
};

// The amount for a volume shown at a unit price: half up to the amount interval, in integer
// hundredths so that ties are exact.
double amount_of(double volume_l, double unit_price, double amount_interval);

}  // namespace hilbench::dispenser
