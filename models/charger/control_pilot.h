// The IEC 61851-1 control pilot and proximity circuits of an AC charging post (mode 3), as the
// EVSE and the vehicle see them. The EVSE's +12 V source through 1 kOhm meets the vehicle's
// diode and resistors, so the positive plateau of the CP line tells the state:
//   A 12 V  no vehicle             B 9 V  vehicle connected, not ready
//   C 6 V   ready, charging        D 3 V  ready, charging with ventilation
//   E 0 V   CP shorted (error)     F -12 V EVSE not available
// The EVSE's 1 kHz PWM duty cycle states the current the vehicle may draw (Annex A), and the
// cable's proximity resistor Rc its current capacity (IEC 61851-1 / IEC 62196-2).
#pragma once
#include <optional>
#include <string>

namespace hilbench::charger {

enum class cp_state { A, B, C, D, E, F };

const char* name_of(cp_state s);
// The state for a positive plateau voltage (V) with the standard's bands (+-1 V around
// 12, 9, 6 and 3 V; below 2 V: E); a negative plateau of -12 V is F.
cp_state state_of_cp_voltage(double plateau_v);
// The plateau voltage of each state (nominal).
double cp_voltage(cp_state s);
// Whether the contactor may close in this state (C and D).
bool may_energise(cp_state s);

// Annex A: the duty cycle (%) the EVSE sets to offer a maximum current (A), for 6 <= I <= 80;
// 5 % asks for digital communication instead; nullopt outside the table.
std::optional<double> duty_for_current(double amps);
// What a vehicle reads from a duty cycle (%): the current it may draw, 0 for digital
// communication (3-7 %), nullopt where the standard says "not allowed".
std::optional<double> current_for_duty(double duty_pct);

// The cable's current capacity (A) from its proximity resistor Rc (Ohm): 1.5 kOhm 13 A,
// 680 Ohm 20 A, 220 Ohm 32 A, 100 Ohm 63 A; nullopt for a resistance outside every band.
std::optional<double> cable_capacity_a(double rc_ohm);

}  // namespace hilbench::charger
