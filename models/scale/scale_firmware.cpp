#include "models/scale/scale_firmware.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "models/core/errors.h"
#include "models/core/rounding.h"
#include "models/scale/lc_twin.h"

namespace hilbench::scale {

rounding rounding_from(const std::string& name) {
    if (name == "half_even") return rounding::half_even;
    if (name == "down") return rounding::down;
    if (name == "up") return rounding::up;
    HB_ASSERT(name == "half_up", "unknown rounding " + name);
    return rounding::half_up;
}

int64_t price_intervals(double net_g, double unit_price_per_kg, double price_interval, rounding r) {
    HB_ASSERT(net_g >= 0 && unit_price_per_kg >= 0 && price_interval > 0, "price of a negative weight");
    const int64_t net_cg = std::llround(net_g * 100.0);                 // 0.01 g
    const int64_t up_cents = std::llround(unit_price_per_kg * 100.0);   // 0.01 per kg
    const int64_t interval_mils = std::llround(price_interval * 1000.0);
    // price in mils = net_cg * up_cents * 10 / 100000; in intervals: N / D
    const int64_t n = net_cg * up_cents * 10;
    const int64_t d = 100000 * interval_mils;
    const int64_t q = n / d, rem = n % d;
    switch (r) {
    case rounding::half_up: return q + (2 * rem >= d ? 1 : 0);
    case rounding::half_even: return q + ((2 * rem > d || (2 * rem == d && (q & 1))) ? 1 : 0);
    case rounding::down: return q;
    case rounding::up: return q + (rem > 0 ? 1 : 0);
    }
    return q;
}

scale_firmware::scale_firmware(const scale_params& p, const scale_calibration& factory, std::string device_id)
    : m_p(p), m_cal(factory), m_factory(factory), m_device_id(std::move(device_id)),
      m_rounding(rounding_from(p.price_rounding)) {
    // the factory adjustment opens the scale's history
    m_log.change(0.0, "factory", "ZERO_CODE", "0", std::to_string(std::llround(factory.zero_code)));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", factory.counts_per_g);
    m_log.change(0.0, "factory", "SPAN_COUNTS_PER_G", "0", buf);
}

uint32_t scale_firmware::checksum() const {
    char buf[160];
    std::snprintf(buf, sizeof buf, ";Max=%.6g;e=%.6g;Max1=%.6g;e1=%.6g;class=%s;zero=%.0f;span=%.6f;round=%s",
                  m_p.max_g, m_p.e_g, m_p.max1_g, m_p.e1_g, m_p.accuracy_class.c_str(), m_cal.zero_code,
                  m_cal.counts_per_g, m_p.price_rounding.c_str());
    return crc32("hilbench-scale-firmware/" + m_p.firmware_version + buf);
}

std::string scale_firmware::software_id() const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s CRC32 %08X", m_p.firmware_version.c_str(), checksum());
    return buf;
}

void scale_firmware::power_on(double t, uint32_t adc_cfgwr_cnt) {
    m_powered = true;
    m_power_on_s = t;
    m_last_reading_s = t;
    m_filter.clear();
    m_motion.clear();
    m_zero_set = false;
    m_tare_g = 0;
    m_tared = false;
    m_items.clear();
    m_unit_price_cents = 0;
    m_stable = false;
    m_expected_cfgwr = adc_cfgwr_cnt;
    m_log.event(t, "firmware", "power_on", "", software_id());
    if (m_locked) m_log.event(t, "firmware", "self_lock_active", "", std::to_string(m_challenge));
    m_display = display_state{};
    m_display.message = "----";
}

void scale_firmware::power_off(double t) {
    if (!m_powered) return;
    m_powered = false;
    m_log.event(t, "firmware", "power_off");
    m_display = display_state{};
    m_display.message = "OFF";
}

bool scale_firmware::zero_in_range(double new_zero_g, double centre_g, double range_pct) const {
    // a range of r % of Max is +-r/2 % around its centre
    return std::fabs(new_zero_g - centre_g) <= range_pct / 200.0 * m_p.max_g + 1e-9;
}

void scale_firmware::reading(double t, int32_t code, double supply_v, uint32_t adc_cfgwr_cnt, const fw_taps& taps) {
    if (!m_powered) return;
    ++m_readings;
    const double dt = t - m_last_reading_s;
    m_last_reading_s = t;
    if (adc_cfgwr_cnt != m_expected_cfgwr) {
        m_log.event(t, "firmware", "unexpected_adc_write", std::to_string(m_expected_cfgwr), std::to_string(adc_cfgwr_cnt));
        m_expected_cfgwr = adc_cfgwr_cnt;
    }
    m_low_supply = supply_v < m_p.low_voltage_v;
    m_filter.push_back(code);
    while (int(m_filter.size()) > m_p.filter_samples) m_filter.pop_front();
    double avg = 0;
    for (int32_t c : m_filter) avg += c;
    avg /= double(m_filter.size());
    m_raw_g = (avg - m_cal.zero_code) / m_cal.counts_per_g;

    // motion detection: spread of the raw weight over the window
    m_motion.emplace_back(t, m_raw_g);
    while (!m_motion.empty() && m_motion.front().first < t - m_p.motion_window_s) m_motion.pop_front();
    double lo = 1e300, hi = -1e300;
    for (const auto& [tt, w] : m_motion) {
        lo = std::min(lo, w);
        hi = std::max(hi, w);
    }
    const bool window_full = t - m_power_on_s >= m_p.motion_window_s;
    m_stable = window_full && int(m_filter.size()) == m_p.filter_samples && hi - lo <= m_p.motion_band_e * m_p.first_e();

    const bool warm = t - m_power_on_s >= m_p.warm_up_s;
    // initial zero-setting: the first stable reading after warm-up
    if (warm && !m_zero_set && m_stable) {
        if (zero_in_range(m_raw_g, 0.0, m_p.initial_zero_range_pct)) {  // around the factory zero
            m_zero_g = m_initial_zero_g = m_raw_g;
            m_zero_set = true;
        }
    }
    m_gross_g = m_raw_g - m_zero_g;
    // zero tracking: stable, no tare, within the band around gross zero, limited rate and range
    if (m_zero_set && m_stable && !m_tared && dt > 0) {
        const double band = m_p.zero_tracking_band_e * taps.zero_tracking_band_factor * m_p.first_e();
        if (std::fabs(m_gross_g) <= band) {
            const double max_step = m_p.zero_tracking_rate_e_per_s * taps.zero_tracking_rate_factor * m_p.first_e() * dt;
            const double step = std::clamp(m_gross_g, -max_step, max_step);
            if (zero_in_range(m_zero_g + step, m_initial_zero_g, m_p.zero_setting_range_pct)) {
                m_zero_g += step;
                m_gross_g -= step;
            }
        }
    }
    update_display(t, taps);
}

void scale_firmware::update_display(double t, const fw_taps& taps) {
    display_state d;
    d.unit_price = double(m_unit_price_cents) / 100.0;
    d.items = int(m_items.size());
    for (const auto& it : m_items) d.total += it.price;
    d.stable = m_stable;
    const double warm = t - m_power_on_s >= m_p.warm_up_s;
    if (m_locked) d.message = "LOCK";
    else if (!warm) d.message = "----";
    else if (m_low_supply) d.message = "Lo bAt";
    else if (!m_zero_set) d.message = "Err Z";
    // the gross weight shown: the honest one through the taps (a preset zero, a cheat chip)
    const double gross0 = m_gross_g - taps.zero_reference_offset_g;
    const double gross = taps.weight ? taps.weight(gross0) : gross0;
    m_shown_gross_g = gross;
    if (d.message.empty() && gross > m_p.max_g + m_p.overload_blank_e * m_p.e_g) d.message = "-OL-";
    if (!d.message.empty()) {
        m_display = d;
        return;
    }
    const double net = gross - (m_tared ? m_tare_g : 0.0);
    const double e = m_p.e_at(std::fabs(net));
    d.weight_valid = true;
    d.weight_g = round_to_step(net, e);
    // while zero tracking holds (stable, no tare, within its band) the display shows zero
    const double band = m_p.zero_tracking_band_e * taps.zero_tracking_band_factor * m_p.first_e();
    if (!m_tared && m_stable && std::fabs(gross) <= band) d.weight_g = 0;
    if (d.weight_g == 0) d.weight_g = 0;  // no negative zero
    if (m_tared) {  // the tare value as displayed: at the interval of its own partial range
        const double te = m_p.e_at(m_tare_g);
        d.tare_g = round_to_step(m_tare_g, te);
    }
    d.net = m_tared;
    d.zero = std::fabs(m_gross_g) <= 0.25 * m_p.first_e();
    if (d.weight_g >= 0 && m_unit_price_cents > 0) {
        double price = on_grid(double(price_intervals(d.weight_g, d.unit_price, m_p.price_interval, m_rounding)),
                               m_p.price_interval);
        if (taps.price) price = taps.price(price);
        d.price_valid = true;
        d.price = price;
    } else if (d.weight_g >= 0) {
        d.price_valid = true;  // a unit price of zero gives a price of zero
        d.price = 0;
    }
    m_display = d;
}

void scale_firmware::key(double t, const std::string& k) {
    m_keys.push_back(k);
    if (!m_powered || m_locked) return;
    if (k.size() == 1 && k[0] >= '0' && k[0] <= '9') {
        const int64_t next = m_unit_price_cents * 10 + (k[0] - '0');
        if (double(next) / 100.0 <= m_p.unit_price_max) m_unit_price_cents = next;
    } else if (k == "CLEAR") {
        m_unit_price_cents = 0;
    } else if (k == "ZERO") {
        // semi-automatic zero-setting: stable, within the range, clears the tare
        if (m_zero_set && m_stable && zero_in_range(m_raw_g, m_initial_zero_g, m_p.zero_setting_range_pct)) {
            m_zero_g = m_raw_g;
            m_tare_g = 0;
            m_tared = false;
        }
    } else if (k == "TARE") {
        // the tare is the gross weight as the firmware holds it (after any weight tap), at its
        // internal resolution, as real instruments take it: net zero is then exact, not within e/2
        if (m_zero_set && m_stable && !m_display.message.size()) {
            m_tared = m_shown_gross_g > 0.5 * m_p.first_e();
            m_tare_g = m_tared ? m_shown_gross_g : 0.0;
        }
    } else if (k == "ADD") {
        if (m_display.weight_valid && m_display.price_valid && m_display.stable && m_display.weight_g > 0)
            m_items.push_back({m_display.weight_g, m_display.unit_price, m_display.price});
    } else if (k == "TOTAL") {
        if (!m_items.empty()) {
            ticket tk;
            tk.t_s = t;
            tk.items = m_items;
            for (const auto& it : m_items) tk.total += it.price;
            tk.total = round_to_step(tk.total, m_p.price_interval);
            m_tickets.push_back(tk);
            m_items.clear();
        }
    }
    m_display.unit_price = double(m_unit_price_cents) / 100.0;
    m_display.items = int(m_items.size());
}

void scale_firmware::case_opened(double t) {
    m_case_open = true;
    m_log.event(t, "case_switch", "case_opened");
    if (m_p.self_lock && !m_locked) {
        m_locked = true;
        m_challenge = crc32(m_device_id + ":" + std::to_string(m_log.entries().size())) % 1000000u;
        m_log.event(t, "firmware", "self_lock", "", std::to_string(m_challenge));
        m_display = display_state{};
        m_display.message = "LOCK";
    }
}

void scale_firmware::case_closed(double t) {
    m_case_open = false;
    m_log.event(t, "case_switch", "case_closed");
}

bool scale_firmware::unlock(double t, uint32_t code) {
    if (!m_locked) return true;
    if (code != scale_unlock_code(m_device_id, m_challenge)) {
        m_log.event(t, "keyboard", "unlock_refused", "", std::to_string(code));
        return false;
    }
    m_locked = false;
    m_log.change(t, "service", "SELF_LOCK", "locked", "unlocked");
    return true;
}

void scale_firmware::command_write(double t, const std::string& reg, double factor, const std::string& path,
                                   bool restore) {
    HB_ASSERT(reg == "SPAN", "unknown scale register " + reg);
    const double old = m_cal.counts_per_g;
    // the weight is counts / span: a weight factor f divides the span
    m_cal.counts_per_g = restore ? m_factory.counts_per_g : m_factory.counts_per_g / factor;
    if (path == "logged") {
        char a[32], b[32];
        std::snprintf(a, sizeof a, "%.4f", old);
        std::snprintf(b, sizeof b, "%.4f", m_cal.counts_per_g);
        m_log.change(t, "comms", "SPAN_COUNTS_PER_G", a, b);
    }
}

}  // namespace hilbench::scale
