// The legal outputs, nameplate and controls of a price-computing scale: all that a test
// procedure may see of it or do to it (harness/procedures never get taps or internals).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/core/audit_log.h"

namespace sc_core {
class sc_event;
}

namespace hilbench {

struct scale_nameplate {
    std::string accuracy_class;
    double max_g = 0, min_g = 0, e_g = 0, d_g = 0;
    double max1_g = 0, e1_g = 0;          // multi-interval (0: single interval)
    double price_interval = 0;
    double temperature_min_c = -10, temperature_max_c = 40;
    double supply_nominal_v = 0, low_voltage_v = 0;  // declared supply and its low-voltage limit
    std::string device_id;                // unique identity (production code)
};

struct sale_item {
    double weight_g = 0, unit_price = 0, price = 0;
};

struct ticket {
    double t_s = 0;
    std::vector<sale_item> items;
    double total = 0;
};

// What the displays show (a weighing result only when weight_valid).
struct weighing_display {
    std::string message;           // "" or: "----" warm-up, "-OL-" overload, "LOCK", "Err Z", "Lo bAt", "OFF"
    bool weight_valid = false;
    double weight_g = 0;           // net when a tare is set, else gross; rounded to e
    double tare_g = 0;
    bool net = false, stable = false, zero = false;
    double unit_price = 0;         // per kg
    bool price_valid = false;
    double price = 0;
    double total = 0;              // running total of the open ticket
    int items = 0;
};

// The dynamic unlock code of a self-locked scale for its challenge: what the maker's
// authorised service tool computes (JJF 2184 "dynamic password").
inline uint32_t scale_unlock_code(const std::string& device_id, uint32_t challenge) {
    return crc32(device_id + ":unlock:" + std::to_string(challenge)) % 1000000u;
}

class scale_face {
public:
    virtual ~scale_face() = default;
    virtual const scale_nameplate& nameplate() const = 0;
    virtual const weighing_display& display() const = 0;
    virtual const sc_core::sc_event& display_event() const = 0;   // notified when the display changes
    virtual const std::vector<ticket>& tickets() const = 0;       // printed tickets
    virtual std::string software_id() const = 0;
    virtual const std::vector<audit_entry>& audit_trail() const = 0;
    // controls: keys ("0".."9", "CLEAR", "ZERO", "TARE", "ADD", "TOTAL", ...), power, case, unlock
    virtual void press(const std::string& key) = 0;
    virtual void set_power(bool on) = 0;
    virtual void open_case() = 0;
    virtual void close_case() = 0;
    virtual uint32_t lock_challenge() const = 0;                  // shown while self-locked
    virtual bool unlock(uint32_t code) = 0;
};

}  // namespace hilbench
