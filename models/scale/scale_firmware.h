// Firmware model of the price-computing scale (pure C++, no SystemC): reads the ADC codes,
// filters them, detects motion, sets and tracks zero within the R 76 ranges, keeps tare,
// rounds to e (with multi-interval switching), blanks the indication on overload, during
// warm-up, on low supply and while self-locked (JJF 2184), computes the price with a
// configurable rounding rule and totalises sales. It keeps the audit trail and the
// software identification. Cheats act through the taps passed in fw_taps.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "models/core/audit_log.h"
#include "models/core/scale_face.h"
#include "models/scale/scale_params.h"

namespace hilbench::scale {

// Factory adjustment: ADC code of the empty receptor and counts per gram.
struct scale_calibration {
    double zero_code = 0;
    double counts_per_g = 1;
};

// The firmware-level taps for one reading (empty / 1 / 0 = honest).
struct fw_taps {
    std::function<double(double)> weight;            // fw.weight_g: the gross weight before rounding
    std::function<double(double)> price;             // fw.price: the computed price
    double zero_reference_offset_g = 0;              // fw.zero_reference_g
    double zero_tracking_rate_factor = 1;            // fw.zero_tracking_rate
    double zero_tracking_band_factor = 1;            // fw.zero_tracking_band
};

using display_state = weighing_display;

enum class rounding { half_up, half_even, down, up };
rounding rounding_from(const std::string& name);
// The price in price intervals for a net weight (g, resolved to 0.01 g) and a unit price per
// kg (resolved to 0.01), rounded by rule r. Integer arithmetic, so ties (x.xx5) are exact.
int64_t price_intervals(double net_g, double unit_price_per_kg, double price_interval, rounding r);

class scale_firmware {
public:
    scale_firmware(const scale_params& p, const scale_calibration& factory, std::string device_id);

    void power_on(double t_s, uint32_t adc_cfgwr_cnt);
    void power_off(double t_s);
    // One ADC reading; supply_v is the measured supply; adc_cfgwr_cnt the ADC's write counter.
    void reading(double t_s, int32_t code, double supply_v, uint32_t adc_cfgwr_cnt, const fw_taps& taps);
    void key(double t_s, const std::string& k);
    void case_opened(double t_s);
    void case_closed(double t_s);
    bool unlock(double t_s, uint32_t code);
    // Calibration command (the fw.calibration tap): the span set so that weights read `factor`
    // times their value (restore: the factory span). Path "logged" leaves an audit entry,
    // "hidden" does not; "direct" writes the ADC's GAIN register and is the caller's.
    void command_write(double t_s, const std::string& reg, double factor, const std::string& path, bool restore);

    const display_state& display() const { return m_display; }
    const std::vector<ticket>& tickets() const { return m_tickets; }
    const std::vector<audit_entry>& audit_trail() const { return m_log.entries(); }
    std::string software_id() const;
    uint32_t checksum() const;
    const std::string& device_id() const { return m_device_id; }
    uint32_t lock_challenge() const { return m_challenge; }
    bool locked() const { return m_locked; }
    bool powered() const { return m_powered; }
    // Honest internal values offered to triggers (a hidden chip sees the same ADC data).
    double gross_g() const { return m_gross_g; }
    bool stable() const { return m_stable; }
    const std::vector<std::string>& key_log() const { return m_keys; }
    uint64_t readings() const { return m_readings; }

private:
    void update_display(double t_s, const fw_taps& taps);
    bool zero_in_range(double new_zero_g, double centre_g, double range_pct) const;

    const scale_params& m_p;
    scale_calibration m_cal, m_factory;
    std::string m_device_id;
    rounding m_rounding;
    audit_log m_log;
    bool m_powered = false, m_locked = false, m_case_open = false;
    uint32_t m_challenge = 0, m_expected_cfgwr = 0;
    double m_power_on_s = 0, m_last_reading_s = 0;
    std::deque<int32_t> m_filter;
    std::deque<std::pair<double, double>> m_motion;  // (t, raw g)
    double m_raw_g = 0, m_gross_g = 0, m_shown_gross_g = 0;
    bool m_stable = false;
    bool m_zero_set = false;
    double m_zero_g = 0, m_initial_zero_g = 0;
    double m_tare_g = 0;   // at the firmware's internal resolution, not rounded to e
    bool m_tared = false;
    bool m_low_supply = false;
    int64_t m_unit_price_cents = 0;
    std::vector<sale_item> m_items;
    std::vector<ticket> m_tickets;
    std::vector<std::string> m_keys;
    uint64_t m_readings = 0;
    display_state m_display;
};

}  // namespace hilbench::scale
