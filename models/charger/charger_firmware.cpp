#include "models/charger/charger_firmware.h"

#include <cstdio>

#include "models/core/rng.h"

namespace hilbench::charger {
namespace {

billing_config billing_of(const billing_params& b, const ocmf_params& o, double step) {
    billing_config c;
    c.tariff = b.tariff;
    c.service_fee_cny_per_kwh = b.service_fee_cny_per_kwh;
    c.min_pay_cny = b.min_pay_cny;
    c.display_kwh_step = step;
    c.clock_aligned_interval_s = o.clock_aligned_interval_s;
    return c;
}

// another valid P-256 key, drawn from the seed (what a swapped signing module would hold)
std::string forged_key(uint64_t seed) {
    rng r(derive_seed(seed, "forged_signing_key"));
    for (;;) {
        char b[65];
        for (int k = 0; k < 4; ++k)
            std::snprintf(b + 16 * k, 17, "%016llX", static_cast<unsigned long long>(r.next()));
        if (ocmf::private_key_problem(b).empty()) return b;
    }
}

// the record's RV moved by dv (kWh) in its text: what an edited backend copy looks like
std::string edit_value(const std::string& rec, double dv) {
    const auto at = rec.find("\"RV\":");
    if (at == std::string::npos) return rec;
    const auto end = rec.find(',', at);
    const double v = std::stod(rec.substr(at + 5, end - at - 5));
    char b[32];
    std::snprintf(b, sizeof b, "%.4f", v + dv);
    return rec.substr(0, at + 5) + b + rec.substr(end);
}

}  // namespace

charger_firmware::charger_firmware(const charger_identity& id, const billing_params& billing, const clock_params& clock,
                                   const ocmf_params& ocmf, double display_step_kwh, double start_h, uint64_t seed,
                                   engine::cheat_engine* eng)
    : m_engine(eng),
      m_clock(clock.start_date, start_h, clock.drift_ppm, clock.error_s, clock.synchronised),
      m_session(id, billing_of(billing, ocmf, display_step_kwh), m_clock, ocmf::signing_key(ocmf.signing_key)),
      m_registered_key(ocmf::signing_key(ocmf.signing_key).public_key_hex()),
      m_key_hex(ocmf.signing_key),
      m_forged_hex(forged_key(seed)),
      m_billed(billing.register_start_kwh) {}

void charger_firmware::meter_register(double t, double reg) {
    if (m_last_register < 0) m_last_register = reg;
    const double inc = reg - m_last_register;
    m_last_register = reg;
    if (inc == 0) return;
    const double factor = m_engine ? m_engine->apply("billing.energy", 1.0, t) : 1.0;
    m_billed += inc * factor;
}

void charger_firmware::apply_taps(double t) {
    if (!m_engine) return;
    const double step = m_engine->apply("clock.step_s", 0.0, t);
    if (step != 0 && !m_clock_stepped) {
        m_clock.set(t, m_clock.device_s(t) + step);
        m_clock_stepped = true;
    }
    const bool forged = m_engine->apply("ocmf.forged_key", 0.0, t) >= 0.5;
    if (forged != m_forged) {
        m_forged = forged;
        // a swapped signing module leaves no entry of its own: the key changes silently
        m_session.set_key(t, ocmf::signing_key(forged ? m_forged_hex : m_key_hex), "");
    }
}

void charger_firmware::start(double t, const std::string& id_tag, double loss) {
    apply_taps(t);
    const double offset = m_engine ? m_engine->apply("billing.begin_offset_kwh", 0.0, t) : 0.0;
    m_billed -= offset;  // the begin reading is taken lower: the bill holds energy that never flowed
    m_session.start(t, m_billed, id_tag, loss);
    m_billed += offset;
}

void charger_firmware::advance(double t, double loss) {
    apply_taps(t);
    m_session.advance(t, m_billed, loss);
}

void charger_firmware::stop(double t, double loss) {
    if (!m_session.charging()) return;
    apply_taps(t);
    m_session.stop(t, m_billed, loss);
    forward_session(t);
}

void charger_firmware::forward_session(double t) {
    std::vector<std::string> recs = m_session.receipts().back().records;
    if (m_engine && recs.size() >= 2) {
        const double edit = m_engine->apply("backend.end_value_kwh", 0.0, t);
        if (edit != 0) recs.back() = edit_value(recs.back(), edit);
        if (m_engine->apply("backend.replay_signature", 0.0, t) >= 0.5) {
            const std::string& prev = recs[recs.size() - 2];
            recs.back() = recs.back().substr(0, recs.back().rfind('|')) + prev.substr(prev.rfind('|'));
        }
        if (m_engine->apply("backend.drop_page", 0.0, t) >= 0.5 && recs.size() >= 3) recs.erase(recs.end() - 2);
    }
    m_forwarded.insert(m_forwarded.end(), recs.begin(), recs.end());
}

}  // namespace hilbench::charger
