#include "models/charger/control_pilot.h"

#include <cmath>

namespace hilbench::charger {

const char* name_of(cp_state s) {
    switch (s) {
    case cp_state::A: return "A";
    case cp_state::B: return "B";
    case cp_state::C: return "C";
    case cp_state::D: return "D";
    case cp_state::E: return "E";
    case cp_state::F: return "F";
    }
    return "?";
}

cp_state state_of_cp_voltage(double v) {
    if (v <= -11) return cp_state::F;
    if (v >= 11) return cp_state::A;
    if (v >= 8) return cp_state::B;
    if (v >= 5) return cp_state::C;
    if (v >= 2) return cp_state::D;
    return cp_state::E;
}

double cp_voltage(cp_state s) {
    switch (s) {
    case cp_state::A: return 12;
    case cp_state::B: return 9;
    case cp_state::C: return 6;
    case cp_state::D: return 3;
    case cp_state::E: return 0;
    case cp_state::F: return -12;
    }
    return 0;
}

bool may_energise(cp_state s) { return s == cp_state::C || s == cp_state::D; }

std::optional<double> duty_for_current(double a) {
    if (a < 6 || a > 80) return std::nullopt;
    if (a <= 51) return a / 0.6;
    return a / 2.5 + 64;
}

std::optional<double> current_for_duty(double d) {
    if (d < 3) return std::nullopt;
    if (d <= 7) return 0.0;  // digital communication: the current comes over ISO 15118 / DIN 70121
    if (d < 8) return std::nullopt;
    if (d < 10) return 6.0;
    if (d <= 85) return d * 0.6;
    if (d <= 96) return (d - 64) * 2.5;
    if (d <= 97) return 80.0;
    return std::nullopt;
}

std::optional<double> cable_capacity_a(double rc) {
    struct band {
        double lo, hi, amps;
    };
    // IEC 61851-1 Table B.2 style bands around the nominal resistors
    static const band bands[] = {{1100, 2460, 13}, {400, 936, 20}, {164, 308, 32}, {75, 140, 63}};
    for (const band& b : bands)
        if (rc >= b.lo && rc <= b.hi) return b.amps;
    return std::nullopt;
}

}  // namespace hilbench::charger
