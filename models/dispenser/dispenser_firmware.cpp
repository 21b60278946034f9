#include "models/dispenser/dispenser_firmware.h"

#include <cmath>
#include <cstdio>

#include "models/core/rounding.h"

namespace hilbench::dispenser {
namespace {
std::string text(double v, const char* f = "%.2f") {
    char b[48];
    std::snprintf(b, sizeof b, f, v);
    return b;
}
}  // namespace

double amount_of(double volume_l, double unit_price, double amount_interval) {
    // volume to 0.001 L and price to 0.01 CNY/L as integers: the product in 1e-5 CNY is exact
    const long long v = std::llround(volume_l * 1000), p = std::llround(unit_price * 100);
    const long long step = std::llround(amount_interval * 100000);
    const long long product = v * p;  // 1e-5 CNY
    const long long steps = (product + step / 2) / step;
    return on_grid(double(steps), amount_interval);
}

dispenser_firmware::dispenser_firmware(const dispenser_params& p, double k_factor, std::string device_id)
    : m_p(p), m_k(k_factor), m_device_id(std::move(device_id)) {
    m_display.unit_price = p.unit_price_cny_per_l;
    m_log.change(0, "factory", "k_factor", "", text(m_k, "%.4f"));
    m_log.change(0, "factory", "unit_price", "", text(p.unit_price_cny_per_l));
}

uint32_t dispenser_firmware::checksum() const {
    // the code identity and the legally relevant parameters
    return crc32("dispenser-controller " + m_p.firmware_version + " k=" + text(m_k, "%.6f") +
                 " vi=" + text(m_p.volume_interval_l, "%.4f") + " ai=" + text(m_p.amount_interval_cny, "%.4f"));
}

std::string dispenser_firmware::software_id() const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s CRC32 %08X", m_p.firmware_version.c_str(), checksum());
    return buf;
}

void dispenser_firmware::power_on(double t_s, uint32_t fwd_count) {
    m_start_count = fwd_count;
    m_last_count = fwd_count;
    m_log.event(t_s, "firmware", "power_on", "", software_id());
}

double dispenser_firmware::volume_of(uint32_t counts, double factor) {
    // the counts since the last look (the counter wraps at 2**32), weighted by the tap as they
    // come: a cheat that is on for part of a delivery changes only that part
    const uint32_t n = counts - m_last_count;
    m_last_count = counts;
    m_counted += double(n) * factor;
    // shown to the volume interval, truncated: never more than the pulses stand for
    const double v = m_counted / m_k;
    const double steps = std::floor(v / m_p.volume_interval_l + 1e-9);
    return on_grid(steps, m_p.volume_interval_l);
}

bool dispenser_firmware::authorise(double t_s, preset_kind kind, double value, uint32_t fwd_count) {
    if (m_locked || m_display.delivering) return false;
    m_preset = kind;
    m_preset_value = value;
    m_start_count = fwd_count;
    m_last_count = fwd_count;
    m_counted = 0;
    m_stopped = false;
    m_display.volume_l = 0;
    m_display.amount_cny = 0;
    m_display.unit_price = m_p.unit_price_cny_per_l;
    m_display.delivering = true;
    if (kind != preset_kind::none)
        m_log.event(t_s, "pos", "preset", "", (kind == preset_kind::volume ? "volume " : "amount ") + text(value));
    return true;
}

valves dispenser_firmware::count(double t_s, uint32_t fwd_count, bool frontend_lock, double count_factor) {
    if (frontend_lock && !m_locked) lock(t_s, "abnormal pulses (front end)");
    if (!m_display.delivering) return {};
    const double v = volume_of(fwd_count, count_factor);
    m_display.volume_l = v;
    m_display.amount_cny = amount_of(v, m_display.unit_price, m_p.amount_interval_cny);
    if (v > m_p.abnormal_volume_l && !m_locked) lock(t_s, "abnormal volume");
    if (m_locked || m_stopped) return {};
    // the preset in litres still to go
    double to_go = 1e300;
    if (m_preset == preset_kind::volume) to_go = m_preset_value - v;
    if (m_preset == preset_kind::amount) to_go = (m_preset_value - m_display.amount_cny) / m_display.unit_price;
    if (to_go <= 1e-9) {
        m_stopped = true;
        return {};
    }
    return {to_go > m_p.slow_down_l, true};
}

void dispenser_firmware::hang_up(double t_s) {
    if (!m_display.delivering) return;
    m_display.delivering = false;
    fuel_sale s{m_display.volume_l, m_display.amount_cny, m_display.unit_price, ""};
    if (m_preset == preset_kind::volume) s.preset = "volume " + text(m_preset_value);
    if (m_preset == preset_kind::amount) s.preset = "amount " + text(m_preset_value);
    m_sales.push_back(s);
    m_total_volume_l += s.volume_l;
    m_total_amount_cny += s.amount_cny;
    m_log.event(t_s, "firmware", "sale", "", text(s.volume_l) + " L " + text(s.amount_cny) + " CNY");
}

void dispenser_firmware::command(double t_s, const std::string& reg, double value, const std::string& source,
                                 bool logged) {
    if (reg == "k_factor") {
        if (logged) m_log.change(t_s, source, "k_factor", text(m_k, "%.4f"), text(value, "%.4f"));
        m_k = value;
    } else if (reg == "unit_price") {
        if (m_display.delivering) return;  // the unit price must not change during a delivery
        if (logged) m_log.change(t_s, source, "unit_price", text(m_display.unit_price), text(value));
        m_display.unit_price = value;
    }
}

void dispenser_firmware::authentication(double t_s, bool passed) {
    if (passed) return;
    m_log.event(t_s, "firmware", "authentication_failed");
    if (!m_locked) lock(t_s, "encoder authentication failed");
}

void dispenser_firmware::lock(double t_s, const std::string& cause) {
    m_locked = true;
    m_lock_cause = cause;
    m_display.locked = true;
    m_log.event(t_s, "firmware", "self_lock", "", cause);
}

void dispenser_firmware::service_unlock(double t_s, const std::string& who) {
    if (!m_locked) return;
    m_locked = false;
    m_display.locked = false;
    m_log.event(t_s, who, "service_unlock", m_lock_cause, "");
    m_lock_cause.clear();
}

}  // namespace hilbench::dispenser
