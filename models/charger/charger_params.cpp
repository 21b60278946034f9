#include "models/charger/charger_params.h"

#include <cmath>
#include <set>

#include "models/charger/device_clock.h"
#include "models/charger/ocmf.h"

namespace hilbench::charger {

const params_of<tariff_period>& tariff_period_table() {
    using P = tariff_period;
    static const params_of<P> t = [] {
        params_of<P> p;
        p.number("from_h", &P::from_h, "h", 0, 24, "start of the period (time of day, on a whole minute)")
            .required()
            .number("to_h", &P::to_h, "h", 0, 24, "end of the period (before from_h: it runs past midnight)")
            .required()
            .number("price_cny_per_kwh", &P::price_cny_per_kwh, "CNY/kWh", 0, 100, "energy price in the period")
            .required()
            .text("name", &P::name, "name of the period (peak, flat, valley ...)");
        return p;
    }();
    return t;
}

const params_of<billing_params>& billing_param_table() {
    using P = billing_params;
    static const params_of<P> t = [] {
        params_of<P> p;
        p.table_list("tariff", &P::tariff, tariff_period_table(), 1,
                     "time-of-use periods covering the day once, each at least 15 minutes (GB/T 29318)")
            .number("service_fee_cny_per_kwh", &P::service_fee_cny_per_kwh, "CNY/kWh", 0, 100, "service fee per kWh")
            .number("min_pay_cny", &P::min_pay_cny, "CNY", 0.001, 1, "minimum payment variable (the amount's step)")
            .number("register_start_kwh", &P::register_start_kwh, "kWh", 0, 1e7,
                    "the energy register at t = 0 (what the charger has delivered in its life so far)");
        p.check("the tariff periods cover the day exactly once, on whole minutes, each at least 15 minutes",
                [](const P& b) {
                    const tariff_problem e = check_tariff(b.tariff);
                    if (e.ok()) return;
                    throw param_error(e.period < 0 ? "/tariff" : "/tariff/" + std::to_string(e.period) + "/" + e.field,
                                      e.message);
                });
        return p;
    }();
    return t;
}

const params_of<clock_params>& clock_param_table() {
    using P = clock_params;
    static const params_of<P> t = [] {
        params_of<P> p;
        p.text("start_date", &P::start_date, "date (YYYY-MM-DD) at simulated t = 0; the time of day is the "
                                             "environment's start_time_of_day_h")
            .number("drift_ppm", &P::drift_ppm, "ppm", -1000, 1000, "frequency error of the clock's crystal")
            .number("error_s", &P::error_s, "s", -86400, 86400, "the clock's error at t = 0 (device minus true)")
            .boolean("synchronised", &P::synchronised, "set from legal time (OCMF sync state S); false: never set (U)");
        p.check("the start date is a calendar date", [](const P& c) {
            long d = 0;
            if (!days_of_date(c.start_date, d))
                throw param_error("/start_date", "expected a calendar date YYYY-MM-DD, got '" + c.start_date + "'");
        });
        return p;
    }();
    return t;
}

const params_of<ocmf_params>& ocmf_param_table() {
    using P = ocmf_params;
    static const params_of<P> t = [] {
        params_of<P> p;
        p.text("signing_key", &P::signing_key,
               "the P-256 private key (64 hex digits) the charger signs its OCMF records with")
            .number("clock_aligned_interval_s", &P::clock_aligned_interval_s, "s", 0, 86400,
                    "interval of the clock-aligned C records (0: none)")
            .text("evse_id", &P::evse_id, "charge point id (OCMF CI)")
            .text("serial", &P::serial, "serial number of the charger (OCMF GS; the meter is <serial>-M)");
        p.check("the signing key is a P-256 private key", [](const P& o) {
            const std::string why = ocmf::private_key_problem(o.signing_key);
            if (!why.empty()) throw param_error("/signing_key", why);
        });
        return p;
    }();
    return t;
}

const params_of<ac_post_params>& ac_post_param_table() {
    using P = ac_post_params;
    static const params_of<P> t = [] {
        params_of<P> p;
        p.choice("accuracy_class", &P::accuracy_class, {"1", "2"}, "accuracy class (JJG 1148-2022)")
            .integer("phases", &P::phases, {1, 3}, "single or three phase (one metering chip per phase)")
            .number("rated_voltage_v", &P::rated_voltage_v, "V", 100, 480, "rated (reference) voltage, phase to neutral")
            .number("freq_hz", &P::freq_hz, "Hz", 45, 65, "rated frequency")
            .number("max_current_a", &P::max_current_a, "A", 6, 80, "maximum current Imax")
            .number("min_current_a", &P::min_current_a, "A", 0.1, 80, "minimum current Imin")
            .number("meter_constant_imp_per_kwh", &P::meter_constant_imp_per_kwh, "1/kWh", 100, 100000,
                    "constant of the test (pulse) output")
            .number("display_resolution_kwh", &P::display_resolution_kwh, "kWh", 1e-4, 0.01,
                    "least digit of the energy display (JJG 1148: 0.001 kWh)")
            .number("contactor_delay_s", &P::contactor_delay_s, "s", 0, 5, "the contactor closes this long after state C")
            .number("cable_rc_ohm", &P::cable_rc_ohm, "Ohm", 50, 3000,
                    "proximity resistor of the fitted cable (IEC 61851-1: 1500, 680, 220, 100 Ohm)")
            .number("shunt_resistance_ohm", &P::shunt_resistance_ohm, "Ohm", 50e-6, 1e-3, "the meter's shunt")
            .number("calibration_gain_error_pct", &P::calibration_gain_error_pct, "%", -10, 10,
                    "current-gain error left by the factory calibration")
            .number("ct_ratio_factor", &P::ct_ratio_factor, "", 0.5, 2,
                    "the firmware's current-scaling parameter (CT ratio / pulse constant) relative to the calibrated "
                    "one (1: as calibrated)")
            .table("billing", &P::billing, billing_param_table(), "tariff, service fee and payment step")
            .table("clock", &P::clock, clock_param_table(), "the charger's real-time clock")
            .table("ocmf", &P::ocmf, ocmf_param_table(), "signed meter values (OCMF)")
            .text("firmware_version", &P::firmware_version, "charger firmware version (software identification)");
        p.check("Imin is below Imax", [](const P& a) {
            if (a.min_current_a >= a.max_current_a)
                throw param_error("/min_current_a", "expected Imin below Imax (" + std::to_string(a.max_current_a) + " A)");
        });
        p.check("the shunt keeps Imax within the ADC's range", [](const P& a) {
            // peak of Imax through the shunt, 16x PGA, against the 0.5 V full scale
            if (a.max_current_a * std::sqrt(2.0) * a.shunt_resistance_ohm * 16 > 0.475)
                throw param_error("/shunt_resistance_ohm", "expected a shunt that keeps the peak of Imax below 95 % of "
                                                           "the ADC's full scale (at most " +
                                                               std::to_string(0.475 / (a.max_current_a * std::sqrt(2.0) * 16)) +
                                                               " Ohm)");
        });
        return p;
    }();
    return t;
}

const params_of<cable_entry>& cable_entry_table() {
    using P = cable_entry;
    static const params_of<P> t = [] {
        params_of<P> p;
        p.integer("id", &P::id, 0, 255, "cable id (the LI the record carries)")
            .required()
            .number("resistance_mohm", &P::resistance_mohm, "mOhm", 0, 100, "registered loop resistance of that cable")
            .required();
        return p;
    }();
    return t;
}

const params_of<dc_charger_params>& dc_charger_param_table() {
    using P = dc_charger_params;
    static const params_of<P> t = [] {
        params_of<P> p;
        p.choice("accuracy_class", &P::accuracy_class, {"1", "2"}, "accuracy class (JJG 1149-2022)")
            .number("max_voltage_v", &P::max_voltage_v, "V", 100, 1500, "highest output voltage")
            .number("min_voltage_v", &P::min_voltage_v, "V", 50, 1500, "lowest output voltage")
            .number("max_current_a", &P::max_current_a, "A", 10, 1000, "maximum output current Imax")
            .number("min_current_a", &P::min_current_a, "A", 0.5, 1000, "minimum current Imin")
            .number("max_power_kw", &P::max_power_kw, "kW", 1, 1000, "power module rating")
            .table_list("cables", &P::cables, cable_entry_table(), 1,
                        "the cable ids the firmware knows, with their registered resistance")
            .integer("cable_id", &P::cable_id, 0, 255, "the id the firmware is set to (one of cables)")
            .number("cable_resistance_mohm", &P::cable_resistance_mohm, "mOhm", 0, 100,
                    "the real loop resistance of the fitted cable")
            .boolean("loss_compensation", &P::loss_compensation,
                     "bill the energy at the vehicle end: measured minus I^2 R t with the cable id's resistance")
            .table("meter", &P::meter, dc_meter_param_table(), "the DC meter inside the charger")
            .table("billing", &P::billing, billing_param_table(), "tariff, service fee and payment step")
            .table("clock", &P::clock, clock_param_table(), "the charger's real-time clock")
            .table("ocmf", &P::ocmf, ocmf_param_table(), "signed meter values (OCMF)")
            .text("firmware_version", &P::firmware_version, "charger firmware version (software identification)");
        p.check("the rating is consistent (Imin < Imax, Umin < Umax) and within the meter's", [](const P& d) {
            if (d.min_current_a >= d.max_current_a)
                throw param_error("/min_current_a", "expected Imin below Imax");
            if (d.min_voltage_v >= d.max_voltage_v)
                throw param_error("/min_voltage_v", "expected the lowest voltage below the highest");
            if (d.max_current_a > d.meter.max_current_a)
                throw param_error("/max_current_a", "expected Imax within the meter's maximum current (" +
                                                        std::to_string(d.meter.max_current_a) + " A)");
            if (d.max_voltage_v > d.meter.max_voltage_v)
                throw param_error("/max_voltage_v", "expected the highest voltage within the meter's");
        });
        p.check("the cable id is one of the cables, each id once", [](const P& d) {
            std::set<int> ids;
            for (std::size_t k = 0; k < d.cables.size(); ++k)
                if (!ids.insert(d.cables[k].id).second)
                    throw param_error("/cables/" + std::to_string(k) + "/id", "expected each cable id once");
            if (!ids.count(d.cable_id)) throw param_error("/cable_id", "expected one of the cables' ids");
        });
        return p;
    }();
    return t;
}

}  // namespace hilbench::charger
