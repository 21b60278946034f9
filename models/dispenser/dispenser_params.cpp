#include "models/dispenser/dispenser_params.h"

#include <algorithm>
#include <cmath>

namespace hilbench::dispenser {

const params_of<dispenser_params>& dispenser_param_table() {
    using P = dispenser_params;
    static const params_of<P> t = [] {
        params_of<P> p;
        p.choice("accuracy_class", &P::accuracy_class, {"0.3", "0.5", "1.0"},
                 "OIML R 117-1 accuracy class of the measuring system (fuel dispensers: 0.5)")
            .number("qmax_l_per_min", &P::qmax_l_per_min, "L/min", 5, 200, "maximum flow rate Qmax")
            .number("qmin_l_per_min", &P::qmin_l_per_min, "L/min", 0.5, 100, "minimum flow rate Qmin")
            .number("mmq_l", &P::mmq_l, "L", 0.5, 10, "minimum measured quantity")
            .number("volume_per_rev_l", &P::volume_per_rev_l, "L", 0.05, 5, "meter displacement per shaft revolution")
            .number("slip_pct_at_qmin", &P::slip_pct_at_qmin, "%", 0, 10, "meter slip at Qmin with the reference fuel, new")
            .number("slip_pct_at_qmax", &P::slip_pct_at_qmax, "%", 0, 10, "meter slip at Qmax with the reference fuel, new")
            .number("reference_viscosity_mm2_s", &P::reference_viscosity_mm2_s, "mm2/s", 0.3, 20,
                    "kinematic viscosity of the fuel the slip figures hold for")
            .number("wear_slip_pct_per_1000_m3", &P::wear_slip_pct_per_1000_m3, "%", 0, 5,
                    "growth of the slip at Qmin per 1000 m3 delivered (wear of the clearances)")
            .number("delivered_before_m3", &P::delivered_before_m3, "m3", 0, 100000, "the meter's life before the test")
            .integer("pulses_per_rev", &P::pulses_per_rev, 1, 1000, "pulser (encoder disc) pulses per meter revolution")
            .number("hose_expansion_l", &P::hose_expansion_l, "L", 0, 1, "volume the hose takes up when pressurised")
            .number("k_factor_pulses_per_l", &P::k_factor_pulses_per_l, "1/L", 1, 100000,
                    "K-factor (pulse equivalent) in the controller; absent: the factory calibration")
            .number("unit_price_cny_per_l", &P::unit_price_cny_per_l, "CNY/L", 0.01, 99.99, "unit price")
            .number("volume_interval_l", &P::volume_interval_l, "L", 0.001, 0.1, "volume display interval")
            .number("amount_interval_cny", &P::amount_interval_cny, "CNY", 0.01, 1, "amount display interval")
            .number("slow_down_l", &P::slow_down_l, "L", 0, 5, "the main valve closes this far before a preset")
            .number("slow_flow_l_per_min", &P::slow_flow_l_per_min, "L/min", 0.5, 50, "flow through the slow-down valve")
            .number("abnormal_volume_l", &P::abnormal_volume_l, "L", 10, 10000,
                    "one delivery beyond this volume locks the dispenser")
            .boolean("encoder_authentication", &P::encoder_authentication,
                     "the encoder and the controller authenticate each other (JJG 443 since 2006)")
            .text("firmware_version", &P::firmware_version, "controller firmware version (in the software identification)");
        p.check("Qmax is at least 5 Qmin (R 117; fuel dispensers 10)", [](const P& d) {
            if (d.qmin_l_per_min * 5 > d.qmax_l_per_min)
                throw param_error("qmin_l_per_min", "expected Qmax / Qmin >= 5 (R 117; 10 for fuel dispensers), got " +
                                                        std::to_string(d.qmax_l_per_min / d.qmin_l_per_min));
        });
        p.check("the slow-down flow lies within [Qmin, Qmax]", [](const P& d) {
            if (d.slow_flow_l_per_min < d.qmin_l_per_min || d.slow_flow_l_per_min > d.qmax_l_per_min)
                throw param_error("slow_flow_l_per_min", "expected a slow-down flow within [Qmin, Qmax]");
        });
        return p;
    }();
    return t;
}

double slip_fraction(const dispenser_params& p, double q, double nu, double v_m3) {
    if (q <= 0) return 1.0;  // no flow: what leaks through does not turn the meter
    const double q1 = p.qmin_l_per_min, q2 = p.qmax_l_per_min;
    const double s1 = p.slip_pct_at_qmin / 100, s2 = p.slip_pct_at_qmax / 100;
    // s(q) = a / q + b q through (q1, s1), (q2, s2)
    const double b = (s2 * q2 - s1 * q1) / (q2 * q2 - q1 * q1);
    const double a = s1 * q1 - b * q1 * q1;
    const double wear = 1 + (p.wear_slip_pct_per_1000_m3 / 100) / std::max(s1, 1e-9) * (v_m3 / 1000);
    const double s = (std::max(a, 0.0) / q + std::max(b, 0.0) * q) * (p.reference_viscosity_mm2_s / nu) * wear;
    return std::min(s, 1.0);
}

double factory_k_factor(const dispenser_params& p) {
    const double q = std::sqrt(p.qmin_l_per_min * p.qmax_l_per_min);
    const double pulses_per_l = p.pulses_per_rev / p.volume_per_rev_l;
    return pulses_per_l * (1 - slip_fraction(p, q, p.reference_viscosity_mm2_s, 0));  // new, at the factory
}

double verified_k_factor(const dispenser_params& p) {
    return p.k_factor_pulses_per_l ? *p.k_factor_pulses_per_l : factory_k_factor(p);
}

}  // namespace hilbench::dispenser
