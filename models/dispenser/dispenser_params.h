// Parameters of the fuel dispenser (one hose: pump, positive-displacement meter, pulser or
// authenticating encoder, hose, nozzle, controller). The member initialisers are the defaults;
// dispenser_param_table() declares each member once (name, unit, range, doc).
#pragma once
#include <optional>
#include <string>

#include "models/core/param_table.h"

namespace hilbench::dispenser {

struct dispenser_params {
    // metrology (nameplate): OIML R 117-1 class, flow range, minimum measured quantity
    std::string accuracy_class = "0.5";
    double qmax_l_per_min = 50, qmin_l_per_min = 5, mmq_l = 2;
    // meter: displacement per revolution, slip through the clearances (relative to the flow) at
    // Qmin and Qmax with the reference fuel, and its growth with wear
    double volume_per_rev_l = 0.5;
    double slip_pct_at_qmin = 0.30, slip_pct_at_qmax = 0.10;
    double reference_viscosity_mm2_s = 0.7;  // petrol at 15 degC
    double wear_slip_pct_per_1000_m3 = 0.05;
    double delivered_before_m3 = 0;          // the meter's life before the test
    // pulser: pulses per revolution of the meter shaft
    int pulses_per_rev = 50;
    // hose: volume it takes up when pressurised
    double hose_expansion_l = 0.03;
    // controller: K-factor (pulse equivalent, pulses per litre); absent: set at the factory
    // calibration at the geometric mean of Qmin and Qmax
    std::optional<double> k_factor_pulses_per_l;
    double unit_price_cny_per_l = 7.89;
    double volume_interval_l = 0.01, amount_interval_cny = 0.01;
    double slow_down_l = 0.3;           // the slow-down valve closes the main valve this far before a preset
    double slow_flow_l_per_min = 6;     // the flow through the slow-down valve
    double abnormal_volume_l = 999.99;  // one delivery beyond this locks the dispenser
    bool encoder_authentication = true;
    std::string firmware_version = "3.2.1";
};

// The declarations and the rules that make a valid dispenser (param_error naming the parameter).
const params_of<dispenser_params>& dispenser_param_table();

// The meter's relative slip (a fraction, > 0 under-registers) at flow q (L/min) with a fuel of
// kinematic viscosity nu (mm2/s), after delivering v_m3 in its life: through the clearances
// the slip flow grows with the pressure drop over the viscosity; the drop is the friction
// torque's (constant: slip / q falls as 1/q) plus the flow's own (growing with q squared:
// slip / q grows as q). Fitted through the two stated points; wear widens the clearances.
double slip_fraction(const dispenser_params& p, double q_l_per_min, double nu_mm2_s, double v_m3);

// The factory K-factor: pulses per litre that the meter gives at the calibration flow
// sqrt(Qmin x Qmax) with the reference fuel, new (the wear since then is not in it).
double factory_k_factor(const dispenser_params& p);
// The K-factor the dispenser was verified with, as its verification record states it: the
// stated one, else the factory's.
double verified_k_factor(const dispenser_params& p);

}  // namespace hilbench::dispenser
