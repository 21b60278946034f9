// One engine for cheats, faults and drift on every device. A device declares its taps
// (named points in its signal chain) and driftable parameters; a run attaches effects to
// taps, switched by triggers, and drift processes to parameters. The engine is evaluated at
// the device's control rate (its SystemC quantum), so a run without cheats or drift has no
// engine and pays nothing. It records every activation as a label (ground truth), which
// only the run record holds: procedures never see it.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "models/core/rng.h"

namespace hilbench::engine {

enum class tap_kind { sample_stream, pulse_train, parameter, command_channel, display_value };
const char* to_string(tap_kind k);

struct tap_decl {
    std::string name, unit;
    tap_kind kind;
    std::string doc;
    std::vector<std::string> registers;  // command-channel taps: the registers a write may name
};

struct driftable_decl {
    std::string name, unit, doc;  // a relative change of this physical parameter
};

// A quantity the device offers to triggers (what a hidden chip or firmware could sense).
struct observable_decl {
    std::string name, unit, doc;
};

// The device's view of its terminals and state, offered to triggers each control step.
struct observables {
    double t_s = 0;             // simulated time
    double clock_h = 0;         // device clock, hours since midnight (wraps at 24)
    bool powered = true;
    std::vector<double> values;  // the device's declared observables, in declaration order
    const std::vector<std::string>* keys = nullptr;  // every key pressed so far, in order
};

struct effect_spec {
    enum class kind { scale, offset, clamp, stuck_at, replace_series, noise, delay, drop_pulses, insert_pulses,
                      write_register, scale_steps };
    kind k = kind::scale;
    double value = 0;                                   // factor, offset, stuck value, register value
    std::vector<double> steps;                          // scale_steps: factor per trigger level 1, 2, ...
    double lo = 0, hi = 0;                              // clamp
    std::vector<std::pair<double, double>> series;      // (t_s, value), held between points
    double rms = 0;                                     // noise
    double delay_s = 0;                                 // delay (sample-stream taps)
    int every_n = 0;                                    // drop one pulse / insert a burst every n
    int burst = 1;                                      // insert: pulses per burst
    double fraction = 0;                                // drop a random fraction
    double rate_hz = 0;                                 // insert at a rate
    std::string reg;                                    // write_register: register name
    std::string path = "logged";                        // write_register: logged, hidden or direct
};

struct trigger_spec {
    enum class kind { always, time_window, time_of_day, after_energy, condition, commands, keys, inspection_aware,
                      all, any, negate, latch };
    kind k = kind::always;
    double t0_s = 0, t1_s = 1e300;                      // time_window [t0, t1)
    double from_h = 0, to_h = 0;                        // time_of_day (may wrap midnight)
    double energy_wh = 0;                               // after_energy
    std::string observable, op;                         // condition: observable op value ("above"/"below"/"between")
    int observable_index = -1;                          // condition, inspection_aware: index in observables::values
    double value = 0, value2 = 0;
    std::vector<double> events_s;                       // commands: each event toggles (or latches)
    bool toggle = true;                                 // commands, keys: toggle vs latch
    int levels = 0;                                     // commands: > 0 cycles through levels 1..n, then off
    std::vector<std::string> keys, off_keys;            // keys: the sequence that switches on (off_keys: off)
    bool reset_on_power_cycle = false;
    double steady_s = 10, tolerance_pct = 1;            // inspection_aware: steady for steady_s within tolerance
    double tolerance_abs = 0;                           // inspection_aware: absolute tolerance (0: use tolerance_pct)
    std::vector<double> test_values;                    // inspection_aware: nominal test values, or
    double grid_step = 0;                               //   any multiple of grid_step (> 0)
    int clean_index = -1;                               // inspection_aware: an observable that must stay
    double max_clean = 1;                               //   at or below max_clean (e.g. THD), -1: none
    std::vector<trigger_spec> children;                 // all / any / negate / latch
};

struct cheat_spec {
    std::string id, label, tap;                         // label: CHEAT, THEFT, TAMPER, FAULT
    effect_spec effect;
    trigger_spec when;
};

struct drift_spec {
    enum class kind { constant, linear, exp_settle, sqrt_aging, arrhenius, tempco, random_walk };
    std::string id, param, label = "DRIFT";
    kind k = kind::linear;
    double value = 0;                // constant
    double rate_per_year = 0;        // linear, arrhenius (at the reference temperature)
    double amplitude = 0, tau_years = 1;  // exp_settle: amplitude (1 - exp(-t/tau))
    double coeff_per_sqrt_year = 0;  // sqrt_aging
    double ea_ev = 0.7, ref_c = 25;  // arrhenius activation energy; tempco/arrhenius reference
    double ppm_per_k = 0;            // tempco
    double sigma_per_sqrt_year = 0;  // random_walk
};

struct label_record {
    std::string id, label, tap;
    double onset_s = 0, end_s = 0;
    double magnitude = 0;
    std::string magnitude_unit;      // "factor", "offset", "relative", "pulses", ...
};

class cheat_engine {
public:
    // time_compression: seconds of ageing per simulated second; age_years: the device's age
    // at t = 0 (drift is evaluated at age + t * compression).
    cheat_engine(std::vector<cheat_spec> cheats, std::vector<drift_spec> drifts, double time_compression,
                 uint64_t seed, double age_years = 0);
    ~cheat_engine();

    // Evaluates every trigger at the observables; returns true when a cheat switched.
    bool step(const observables& o);
    void power_cycle();

    bool active(std::size_t cheat) const;
    // The trigger level of an active cheat (1 unless a cycling trigger is on level n).
    int level(std::size_t cheat) const;
    // An active effect whose value changes with time (noise, series): re-apply every step.
    bool time_varying_active() const;
    bool any_on(const std::string& tap) const;
    // A value tap (parameter, display value, sample stream at control rate) after every
    // active effect on it, in declaration order.
    double apply(const std::string& tap, double nominal, double t_s);
    // A sample-stream tap's per-sample transform, composed from its active effects:
    // y = clamp(stuck ? value : x * scale + offset) + noise, x taken delay_s earlier.
    struct stream_transform {
        bool active = false;
        double scale = 1, offset = 0, lo = -1e300, hi = 1e300, noise_rms = 0, delay_s = 0;
        bool stuck = false;
        double stuck_value = 0;
    };
    stream_transform stream(const std::string& tap, double t_s) const;
    // Pulse-train taps: how many edges leave for one real edge (0 dropped, 1, or 1 + a burst
    // inserted every n), and how many edges a rate insertion adds by time t.
    unsigned pulse_copies(const std::string& tap);
    uint64_t inserted_pulses(const std::string& tap, double t_s);
    // Register writes due on a command-channel tap (each write once per activation).
    struct register_write {
        std::string reg;
        double value;
        std::string path;
        bool restore;  // the activation ended: put the legitimate value back
    };
    std::vector<register_write> take_register_writes(const std::string& tap);
    // Relative change of a driftable parameter at time t (aged by the time compression).
    double drift(const std::string& param, double t_s, double temperature_c);
    bool drifts(const std::string& param) const;
    // The deterministic part of a parameter's drift at a given age (random walks excluded),
    // e.g. to integrate a clock's frequency error over the device's life.
    double drift_at_age(const std::string& param, double years, double temperature_c) const;
    double age_years() const { return m_age_years; }

    // Labels of every activation and drift, with open intervals closed at end_s.
    std::vector<label_record> labels(double end_s);
    const std::vector<cheat_spec>& cheats() const { return m_cheats; }

private:
    struct node;
    struct cheat_state;
    std::vector<cheat_spec> m_cheats;
    std::vector<drift_spec> m_drifts;
    double m_compression, m_age_years;
    std::vector<std::unique_ptr<cheat_state>> m_state;
    std::vector<double> m_walk;          // random-walk state per drift
    std::vector<double> m_walk_years;
    std::vector<double> m_drift_last;    // last relative value per drift (for the label)
    rng m_rng;
    double m_last_t = 0;
};

}  // namespace hilbench::engine
