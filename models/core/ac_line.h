// The terminals of a single-phase AC device as the physical world drives them. The world
// (harness/stimulus) implements ac_line; a device reads the state and registers itself as
// a listener so it can bring its own simulation up to `now` before the state changes.
#pragma once
#include <vector>

namespace hilbench {

struct harmonic {
    int order = 3;
    double voltage_pct = 0;          // of the fundamental RMS voltage
    double current_pct = 0;          // of the fundamental RMS current
    double voltage_phase_deg = 0;    // phase of this harmonic's voltage (harmonic-angle units)
    double current_phase_deg = 0;    // phase of this harmonic's current
};

struct ac_line_state {
    bool energized = true;
    double voltage_v = 0;            // fundamental RMS
    double current_a = 0;            // fundamental RMS (phase conductor)
    double phase_deg = 0;            // current lags voltage by this angle (PF = cos); < 0 capacitive
    double freq_hz = 50;
    std::vector<harmonic> harmonics;
    double neutral_current_ratio = 1;  // I_neutral / I_phase (1 for a healthy installation)
};

// One sinusoidal component of a line quantity: value(t) = peak * sin(omega t + phase).
struct line_tone {
    int order = 1;
    double peak = 0;
    double phase_rad = 0;
    double omega = 0;
};

// The voltage and current waveforms the state describes (fundamental first).
std::vector<line_tone> voltage_tones(const ac_line_state& s);
std::vector<line_tone> current_tones(const ac_line_state& s);

// Exact integral of v(t) * i(t) over [t0, t1] in joules, for constant state s.
double line_energy_j(const ac_line_state& s, double t0, double t1);

class ac_line_listener {
public:
    virtual ~ac_line_listener() = default;
    // Called with the old state still in force, just before it changes at time now_s.
    virtual void before_line_change(double now_s) = 0;
};

class ac_line {
public:
    virtual ~ac_line() = default;
    virtual const ac_line_state& state() const = 0;
    virtual double temperature_c(double t_s) const = 0;
    virtual void add_listener(ac_line_listener* l) = 0;
};

}  // namespace hilbench
