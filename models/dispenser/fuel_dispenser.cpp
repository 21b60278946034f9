#include "models/dispenser/fuel_dispenser.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "models/core/rng.h"
#include "models/dispenser/dispenser_taps.h"

namespace hilbench::dispenser {
namespace {

std::string make_device_id(uint64_t seed) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "HB-FD-%08X", static_cast<uint32_t>(seed >> 32) ^ static_cast<uint32_t>(seed));
    return buf;
}

key128 key_from(uint64_t seed) {
    key128 k;
    for (unsigned i = 0; i < 4; ++i) k.w[i] = static_cast<uint32_t>(derive_seed(seed, "key" + std::to_string(i)));
    return k;
}

}  // namespace

fuel_dispenser::fuel_dispenser(sc_core::sc_module_name name, const dispenser_params& p, fidelity f, fuel_source& world,
                               uint64_t seed, engine::cheat_engine* eng, double start_time_of_day_h)
    : sc_core::sc_module(name),
      m_p(p),
      m_world(world),
      m_meter(p),
      m_link(f, static_cast<uint32_t>(derive_seed(seed, "controller_chip")),
             static_cast<uint32_t>(derive_seed(seed, "encoder_chip"))),
      m_fw(p, verified_k_factor(p), make_device_id(derive_seed(seed, "identity"))),
      m_engine(eng),
      m_key(key_from(derive_seed(seed, "pairing"))),
      m_other_key(key_from(derive_seed(seed, "another_board"))),
      m_start_h(start_time_of_day_h) {
    m_nameplate = {p.accuracy_class,       p.qmax_l_per_min, p.qmin_l_per_min, p.mmq_l, p.volume_interval_l,
                   p.amount_interval_cny, make_device_id(derive_seed(seed, "identity")), verified_k_factor(p)};
    m_observables.values.assign(dispenser_observables().size(), 0.0);
    if (m_engine) engine_step(0.0);  // a board swapped from the start is there at the first power-on
    power_up(0.0);
    m_shown = m_fw.display();
    SC_HAS_PROCESS(fuel_dispenser);
    SC_THREAD(main_thread);
}

fuel_dispenser::~fuel_dispenser() = default;

double fuel_dispenser::clock_h(double now_s) const { return std::fmod(m_start_h + now_s / 3600.0, 24.0); }

void fuel_dispenser::power_up(double now_s) {
    m_paired = m_pair_next && !m_foreign_encoder && !m_foreign_board;
    m_link.power_on(now_s, m_key, m_paired ? m_key : m_other_key, m_p.encoder_authentication);
    m_fw.power_on(now_s, m_link.fwd_count());
    m_hose_to_fill_l = m_p.hose_expansion_l;
    m_drafts = 0;
}

void fuel_dispenser::step_once(double t0, double t1) {
    const double dt = t1 - t0;
    const double nu = m_world.viscosity_mm2_s(t0);
    const fuel_display& fd = m_fw.display();
    const bool pumping = m_power && fd.delivering && !m_fw.locked();
    double q = 0;
    if (pumping && m_demand > 0) {
        if (m_valves.main_open) q = std::min(m_demand, m_p.qmax_l_per_min);
        else if (m_valves.slow_open) q = std::min(m_demand, m_p.slow_flow_l_per_min);
    }
    // the pump's first pressure fills the hose's expansion through the meter
    double fill = 0;
    if (pumping && m_hose_to_fill_l > 0) {
        fill = std::min(m_hose_to_fill_l, m_p.qmax_l_per_min / 60.0 * dt);
        m_hose_to_fill_l -= fill;
    }
    m_flow = q;
    const double rev0 = m_meter.revolutions();
    m_meter.flow(q + fill / dt * 60.0, dt, nu);
    const double rev1 = m_meter.revolutions();
    if (q > 0) m_world.deliver(t0, t1, q / 60.0 * dt);

    // the pulser's cycles in this step, and which of them a pin in the pulser swallows
    const double ppr = m_p.pulses_per_rev;
    const double c0 = rev0 * ppr, c1 = rev1 * ppr;
    const long long last = static_cast<long long>(std::floor(c1));
    for (long long n = m_last_cycle + 1; n <= last; ++n)
        m_cycle_drop.emplace_back(n, m_engine && m_engine->any_on("pulser.cycles") &&
                                         m_engine->pulse_copies("pulser.cycles") == 0);
    m_last_cycle = std::max(m_last_cycle, last);
    while (m_cycle_drop.size() > 2 && m_cycle_drop.front().first < static_cast<long long>(std::floor(c0)) - 1)
        m_cycle_drop.pop_front();
    auto dropped = [&](long long n) {
        for (const auto& [c, d] : m_cycle_drop)
            if (c == n) return d;
        return false;
    };
    // pulses injected on the A line alone
    uint64_t injected = 0;
    if (m_engine && m_engine->any_on("pulser.a_line")) {
        injected = m_engine->inserted_pulses("pulser.a_line", t1);  // those due since the last step
        m_injected_seen += injected;
    }
    if (m_generator_per_s > 0) {  // the lab's pulse generator
        m_generator_due += m_generator_per_s * dt;
        while (m_generator_due >= 1) {
            ++injected;
            ++m_injected_seen;
            m_generator_due -= 1;
        }
    }
    // What reaches the controller's input, which the inspector's pulse counter also sees: an
    // injected pulse is a rising edge on A where A was low, and every pulser cycle the pin lets
    // through is one edge on each line. `sample` fidelity hands the same as events to the chips.
    const bool sample = m_link.mode() != fidelity::bit;
    std::vector<pulse_event> ev;
    if (injected > 0) {
        // what the decoder makes of an A pulse: nothing while A is high; else a count (reverse
        // when B is high) and, with the next real A edge, a single-channel fault
        const auto [a, b] = m_meter.pins_at(rev0);
        if (!a) {
            ++m_monitor.a_edges;
            ev.push_back({t0, b ? pulse_event::kind::reverse : pulse_event::kind::forward});
            ev.push_back({t0, pulse_event::kind::fault});
        }
    }
    if (c1 > c0)
        for (double n = std::floor(c0 - 0.25) + 1; n + 0.25 <= c1; n += 1) {
            if (dropped(static_cast<long long>(n))) continue;
            ++m_monitor.a_edges;
            ++m_monitor.b_edges;
            if (sample) ev.push_back({t0 + (n + 0.25 - c0) / (c1 - c0) * dt, pulse_event::kind::forward});
        }
    if (!sample) {
        if (injected > 0) m_inject_until = t0 + 0.0012;  // 1.2 ms high on A
        m_link.run_pins(t1, [&](double t) {
            const double rev = dt > 0 ? rev0 + (rev1 - rev0) * (t - t0) / dt : rev1;
            std::pair<bool, bool> pins = dropped(static_cast<long long>(std::floor(rev * ppr)))
                                             ? std::make_pair(false, false)
                                             : m_meter.pins_at(rev);
            if (t < m_inject_until) pins.first = true;
            return pins;
        });
    } else {
        m_events += ev.size();
        m_link.run_events(ev);
    }
    const double factor = m_engine ? m_engine->apply("fw.counts", 1.0, t1) : 1.0;
    if (m_power) m_valves = m_fw.count(t1, m_link.fwd_count(), m_link.lock(), factor);
    ++m_steps;
}

void fuel_dispenser::sync(double now_s) {
    while (double(m_steps + 1) * step_s <= now_s + 1e-12) {
        const double t0 = double(m_steps) * step_s, t1 = double(m_steps + 1) * step_s;
        step_once(t0, t1);
    }
    m_now = now_s;
}

void fuel_dispenser::engine_step(double now) {
    engine::observables& o = m_observables;
    o.t_s = now;
    o.clock_h = clock_h(now);
    o.powered = m_power;
    const fuel_display& d = m_fw.display();
    o.values = {d.volume_l, m_flow, double(m_drafts), 0.0, double(m_test_like_drafts), o.clock_h};
    o.keys = &m_keys;
    m_engine->step(o);
    for (const auto& w : m_engine->take_register_writes("fw.k_factor")) {
        const double k = w.restore ? verified_k_factor(m_p) : verified_k_factor(m_p) * w.value;  // the write's factor on the K-factor
        m_fw.command(now, "k_factor", k, "back office", w.path == "logged");
    }
    const double temp = m_world.fuel_temperature_c(now);
    m_meter.set_displacement_factor(m_engine->apply("meter.displacement", 1.0, now) *
                                    (1.0 + m_engine->drift("meter.displacement", now, temp)));
    m_meter.set_slip_factor(1.0 + m_engine->drift("meter.slip", now, temp));
    m_pair_next = m_engine->apply("board.paired", 1.0, now) >= 0.5;
}

void fuel_dispenser::notify_display() {
    fuel_display d = m_fw.display();
    if (m_engine && m_power) {
        d.volume_l = m_engine->apply("display.volume", d.volume_l, m_now);
        d.amount_cny = m_engine->apply("display.amount", d.amount_cny, m_now);
    }
    if (d.volume_l != m_shown.volume_l || d.amount_cny != m_shown.amount_cny || d.delivering != m_shown.delivering ||
        d.locked != m_shown.locked || d.unit_price != m_shown.unit_price) {
        m_shown = d;
        m_display_event.notify(sc_core::SC_ZERO_TIME);
    }
}

void fuel_dispenser::main_thread() {
    const sc_core::sc_time q(step_s * 5, sc_core::SC_SEC);  // 50 ms
    for (;;) {
        wait(q);
        const double now = sc_core::sc_time_stamp().to_seconds();
        if (m_engine) engine_step(now);
        sync(now);
        notify_display();
    }
}

bool fuel_dispenser::authorise(preset_kind kind, double value) {
    const double now = sc_core::sc_time_stamp().to_seconds();
    sync(now);
    if (!m_power) return false;
    if (m_p.encoder_authentication) m_fw.authentication(now, m_link.authenticate(now));
    const bool ok = m_fw.authorise(now, kind, value, m_link.fwd_count());
    if (ok) {
        ++m_drafts;
        m_valves = {true, true};
    }
    notify_display();
    return ok;
}

void fuel_dispenser::set_nozzle_flow(double q) {
    const double now = sc_core::sc_time_stamp().to_seconds();
    sync(now);
    m_demand = std::max(0.0, q);
}

void fuel_dispenser::hang_up() {
    const double now = sc_core::sc_time_stamp().to_seconds();
    sync(now);
    m_demand = 0;
    const bool was = m_fw.display().delivering;
    m_fw.hang_up(now);
    if (was && !m_fw.sales().empty()) {
        const double v = m_fw.sales().back().volume_l;
        m_test_like_drafts = (v >= 19.0 && v <= 21.0) ? m_test_like_drafts + 1 : 0;
    }
    notify_display();
}

void fuel_dispenser::set_power(bool on) {
    const double now = sc_core::sc_time_stamp().to_seconds();
    sync(now);
    if (on == m_power) return;
    m_power = on;
    if (!on) {
        m_fw.hang_up(now);
        m_demand = 0;
        if (m_engine) m_engine->power_cycle();
    } else {
        power_up(now);
    }
    notify_display();
}

void fuel_dispenser::press(const std::string& key) {
    const double now = sc_core::sc_time_stamp().to_seconds();
    sync(now);
    m_keys.push_back(key);
}

void fuel_dispenser::pos_command(const std::string& reg, double value) {
    const double now = sc_core::sc_time_stamp().to_seconds();
    sync(now);
    m_fw.command(now, reg, value, "pos", true);
    notify_display();
}

void fuel_dispenser::service_unlock() {
    const double now = sc_core::sc_time_stamp().to_seconds();
    sync(now);
    m_link.write(0, 1u | 2u);  // LOCK_CLR in the front end
    m_fw.service_unlock(now, "service");
    notify_display();
}

void fuel_dispenser::attach_pulse_generator(double extra_per_s) {
    sync(sc_core::sc_time_stamp().to_seconds());
    m_generator_per_s = std::max(0.0, extra_per_s);
    m_generator_due = 0;
}

void fuel_dispenser::fit_unpaired(const std::string& part, bool fitted) {
    sync(sc_core::sc_time_stamp().to_seconds());
    if (part == "encoder") m_foreign_encoder = fitted;
    if (part == "mainboard") m_foreign_board = fitted;
}

std::vector<model_stat> fuel_dispenser::stats() const {
    return {{"rtl_clock_cycles", "cycle", "clock cycles of the two Verilated chips", double(m_link.cycles())},
            {"pulse_events", "event", "pulse events handed to the front end (sample fidelity)", double(m_events)},
            {"model_steps", "step", "10 ms steps of the hydraulics", double(m_steps)},
            {"injected_pulses", "pulse", "pulses injected on the A line (cheats and the lab's generator)",
             double(m_injected_seen)}};
}

}  // namespace hilbench::dispenser
