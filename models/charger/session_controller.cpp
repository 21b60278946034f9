#include "models/charger/session_controller.h"

#include <cmath>
#include <cstdio>

#include "models/core/rounding.h"

namespace hilbench::charger {
namespace {

constexpr double never = 1e18;

std::string tariff_text(const std::vector<tariff_period>& t) {
    std::string s;
    char b[96];
    for (const auto& p : t) {
        std::snprintf(b, sizeof b, "%s%.2f-%.2f h %.4f", s.empty() ? "" : "; ", p.from_h, p.to_h, p.price_cny_per_kwh);
        s += b;
    }
    return s;
}

std::string cable_text(const std::optional<cable_declaration>& c) {
    if (!c) return "none";
    char b[64];
    std::snprintf(b, sizeof b, "id %d, %.3f mOhm", c->cable_id, c->resistance_mohm);
    return b;
}

}  // namespace

session_controller::session_controller(charger_identity id, billing_config billing, device_clock& clock,
                                       ocmf::signing_key key)
    : m_id(std::move(id)), m_bill(std::move(billing)), m_clock(clock), m_key(std::move(key)) {
    m_audit.change(0, "factory", "tariff", "", tariff_text(m_bill.tariff));
    m_audit.change(0, "factory", "signing_key", "", m_key.public_key_hex().substr(m_key.public_key_hex().size() - 16));
}

// the period in force at t; a wake-up computed for a boundary may land a rounding before it
int session_controller::period_now(double t) const {
    return period_at(m_bill.tariff, m_clock.time_of_day_h(t) + 1e-9);
}

void session_controller::start(double t, double reg, const std::string& id_tag, double loss) {
    if (m_open) return;
    m_open = true;
    m_current = receipt{};
    m_current.number = int(m_receipts.size()) + 1;
    m_current.id_tag = id_tag;
    m_current.start_time = m_clock.display_time(t);
    m_current.begin_kwh = reg;
    m_current.kwh_per_period.assign(m_bill.tariff.size(), 0.0);
    m_last_register = reg;
    m_loss_at_begin = 0;
    m_period = period_now(t);
    const double d = m_clock.device_s(t);
    m_next_aligned_s = m_bill.clock_aligned_interval_s > 0
                           ? (std::floor(d / m_bill.clock_aligned_interval_s + 1e-9) + 1) * m_bill.clock_aligned_interval_s
                           : never;
    m_audit.event(t, "firmware", "session_start", "", id_tag);
    sign(t, "B", reg, loss);
}

double session_controller::next_wakeup(double t) const {
    if (!m_open) return never;
    const double d = m_clock.device_s(t);
    // (a wake-up a rounding before a boundary counts as at it: look from just after now)
    const double boundary = d + (hours_to_next_boundary(m_bill.tariff, m_clock.time_of_day_h(t) + 1e-9) + 1e-9) * 3600;
    const double next = std::min(boundary, m_next_aligned_s);
    return std::max(t, m_clock.t_at_device_s(next));
}

void session_controller::advance(double t, double reg, double loss) {
    if (!m_open) return;
    const int now = period_now(t);
    const double d = m_clock.device_s(t) + 1e-6;
    bool aligned = false;
    while (d >= m_next_aligned_s) {
        aligned = true;
        m_next_aligned_s += m_bill.clock_aligned_interval_s;
    }
    if (now != m_period) {
        split(reg);
        m_period = now;
        sign(t, "T", reg, loss);
    } else if (aligned) {
        sign(t, "C", reg, loss);
    }
}

void session_controller::split(double reg) {
    if (m_period >= 0) m_current.kwh_per_period[std::size_t(m_period)] += reg - m_last_register;
    m_last_register = reg;
}

void session_controller::stop(double t, double reg, double loss) {
    if (!m_open) return;
    split(reg);
    sign(t, "E", reg, loss);
    m_open = false;
    m_current.end_time = m_clock.display_time(t);
    m_current.end_kwh = reg;
    m_current.energy_kwh = reg - m_current.begin_kwh;
    // the bill is made from the periods' energies as registered
    for (const tariff_period& p : m_bill.tariff) {
        m_current.price_per_period.push_back(p.price_cny_per_kwh);
        m_current.period_names.push_back(p.name);
    }
    m_current.service_fee_cny_per_kwh = m_bill.service_fee_cny_per_kwh;
    m_current.amount_cny =
        session_amount(m_current.kwh_per_period, m_bill.tariff, m_bill.service_fee_cny_per_kwh, m_bill.min_pay_cny);
    m_receipts.push_back(m_current);
    m_audit.event(t, "firmware", "session_end", "", m_current.id_tag);
}

session_display session_controller::display(double t, double reg) const {
    session_display s;
    s.charging = m_open;
    s.time = m_clock.display_time(t);
    if (m_open) {
        const double step = m_bill.display_kwh_step;
        s.energy_kwh = on_grid(std::floor((reg - m_current.begin_kwh) / step + 1e-9), step);
        // the running amount over the periods so far and the open one
        std::vector<double> kwh = m_current.kwh_per_period;
        if (m_period >= 0) kwh[std::size_t(m_period)] += reg - m_last_register;
        s.amount_cny = session_amount(kwh, m_bill.tariff, m_bill.service_fee_cny_per_kwh, m_bill.min_pay_cny);
    } else if (!m_receipts.empty()) {
        const receipt& r = m_receipts.back();
        s.energy_kwh = on_grid(std::floor(r.energy_kwh / m_bill.display_kwh_step + 1e-9), m_bill.display_kwh_step);
        s.amount_cny = r.amount_cny;
    }
    return s;
}

void session_controller::sign(double t, const std::string& tx, double reg, double loss) {
    ocmf::payload p;
    p.gi = m_id.gateway_id;
    p.gs = m_id.gateway_serial;
    p.gv = m_id.firmware;
    p.pg = "T" + std::to_string(++m_page);
    p.mv = m_id.meter_vendor;
    p.mm = m_id.meter_model;
    p.ms = m_id.meter_serial;
    p.mf = m_id.meter_firmware;
    p.is = !m_current.id_tag.empty();
    p.il = p.is ? "TRUSTED" : "NONE";
    p.it = p.is ? "ISO14443" : "NONE";
    p.id = m_current.id_tag;
    p.cf = m_id.firmware;
    if (m_cable) p.lc = ocmf::cable_loss{"cable " + std::to_string(m_cable->cable_id), m_cable->cable_id,
                                         m_cable->resistance_mohm, "mOhm"};
    p.ct = "EVSEID";
    p.ci = m_id.evse_id;
    ocmf::reading r;
    r.tm = m_clock.ocmf_time(t);
    r.tx = tx;
    r.rv = reg;
    r.rt = m_id.current_type;
    if (m_cable) r.cl = tx == "B" ? 0.0 : loss - m_loss_at_begin;
    if (tx == "B") m_loss_at_begin = loss;
    r.ef = m_clock.sync_state() == 'U' ? "t" : "";
    p.rd.push_back(r);
    const std::string rec = ocmf::sign_record(ocmf::payload_text(p), m_key);
    m_records.push_back(rec);
    m_forwarded.push_back(rec);
    m_current.records.push_back(rec);
}

std::string session_controller::software_id() const {
    char b[64];
    std::snprintf(b, sizeof b, "%s CRC %08X", m_id.firmware.c_str(), crc32(m_id.firmware + "|" + cable_text(m_cable)));
    return b;
}

bool session_controller::set_tariff(double t, const std::vector<tariff_period>& tariff, const std::string& source) {
    if (m_open) {
        m_audit.event(t, source, "tariff_change_refused", tariff_text(m_bill.tariff), tariff_text(tariff));
        return false;
    }
    m_audit.change(t, source, "tariff", tariff_text(m_bill.tariff), tariff_text(tariff));
    m_bill.tariff = tariff;
    return true;
}

void session_controller::set_cable(double t, const cable_declaration& c, const std::string& source) {
    m_audit.change(t, source, "cable", cable_text(m_cable), cable_text(c));
    m_cable = c;
}

void session_controller::set_key(double t, ocmf::signing_key key, const std::string& source) {
    const std::string& o = m_key.public_key_hex();
    const std::string& n = key.public_key_hex();
    if (!source.empty()) m_audit.change(t, source, "signing_key", o.substr(o.size() - 16), n.substr(n.size() - 16));
    m_key = std::move(key);
}

}  // namespace hilbench::charger
