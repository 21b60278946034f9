// The EV-charger family: the AC charging post (charger.ac) and the DC off-board charger
// (charger.dc), their bench (the charging world with the grid and the outlet, the reference
// standard meter at the charger's output or the vehicle end of the cable), their standards
// (JJG 1148-2022, JJG 1149-2022, the German field methods) and their parts of the report.
#include <cstdio>
#include <memory>

#include "harness/families/charger/charger_lab.h"
#include "harness/families/family.h"
#include "harness/procedures/charger/charger_procedure.h"
#include "harness/reference/reference_meter.h"
#include "harness/stimulus/charging_world.h"
#include "models/charger/ac_post.h"
#include "models/charger/charger_params.h"
#include "models/charger/charger_taps.h"
#include "models/charger/dc_charger.h"
#include "models/core/errors.h"
#include "reports/sections/charger_sections.h"

namespace hilbench::families {
namespace charger {
namespace {

using hilbench::charger::ac_post_params;
using hilbench::charger::dc_charger_params;

fidelity fidelity_of(const bench_request& rq) { return fidelity_named(rq.device.fidelity); }

const charger_environment& env_of(const bench_request& rq) {
    return std::any_cast<const charger_environment&>(rq.environment.family);
}

// The charger under test, AC or DC, behind one face; the world and the reference around it.
class charger_bench : public bench {
public:
    charger_bench(const bench_request& rq, const charger_lab_options& lab)
        : m_ac(rq.device.type == "charger.ac"),
          m_world(m_ac ? std::any_cast<const ac_post_params&>(rq.device.params).rated_voltage_v : 0,
                  m_ac ? std::any_cast<const ac_post_params&>(rq.device.params).freq_hz : 50, env_of(rq).grid_voltage_v,
                  env_of(rq).grid_frequency_hz, rq.environment.temperature_c,
                  m_ac ? std::any_cast<const ac_post_params&>(rq.device.params).phases : 1),
          m_reference(m_ac ? m_world.ac_history() : static_cast<const stimulus::energy_history&>(m_world),
                      lab.reference_class_pct, lab.reference_constant_imp_per_kwh) {
        if (m_ac) {
            std::vector<ac_line*> lines;
            for (std::size_t k = 0; k < m_world.phases(); ++k) lines.push_back(&m_world.line(k));
            m_post = std::make_unique<hilbench::charger::ac_post>(
                "charger", std::any_cast<const ac_post_params&>(rq.device.params), fidelity_of(rq), lines, m_world,
                rq.seed, rq.engine, rq.environment.start_time_of_day_h);
        }
        else
            m_dc = std::make_unique<hilbench::charger::dc_charger>(
                "charger", std::any_cast<const dc_charger_params&>(rq.device.params), fidelity_of(rq), m_world, rq.seed,
                rq.engine, rq.environment.start_time_of_day_h);
        m_lab = std::make_unique<charger_lab>(m_world, face(), m_reference, env_of(rq).vehicle);
    }

    procedures::lab& lab() override { return *m_lab; }
    std::vector<reports::audit_row> audit_trail() const override { return audit_rows(face().audit_trail()); }
    std::string software_id() const override { return face().software_id(); }
    std::vector<reports::stat_row> stats() const override { return stat_rows(m_ac ? m_post->stats() : m_dc->stats()); }
    void trace(const std::string& path, double window_s) override {
        if (m_ac) m_post->trace_rtl(path, window_s);
        else m_dc->trace_rtl(path, window_s);
    }
    // the truth: the energy at the reference's point (the vehicle end), what the meter registered,
    // what the charger bills, the cable's loss, the amount, the clock's error
    std::vector<std::string> truth_columns() const override {
        return {"time_s", "delivered_kwh", "displayed_kwh", "metered_kwh", "billed_kwh", "cable_loss_kwh",
                "compensated_loss_kwh", "amount_cny", "current_a", "clock_error_s", "soc_pct"};
    }
    std::vector<double> truth_row(double t) const override {
        const auto shown = face().display();
        const auto* ev = m_world.vehicle();
        if (m_ac)
            return {t, m_world.ac_delivered_kwh(t), shown.energy_kwh, m_post->meter_register_kwh(), m_post->billed_kwh(),
                    0.0, 0.0,
                    shown.amount_cny, m_world.line().state().current_a, m_post->clock().error_s(t),
                    ev ? ev->soc_pct() : std::nan("")};
        return {t, m_world.dc_energy_wh(0, t) / 1000, shown.energy_kwh, m_dc->meter_register_kwh(), m_dc->billed_kwh(),
                m_dc->true_cable_loss_kwh(), m_dc->compensated_loss_kwh(), shown.amount_cny, m_dc->output_current_a(),
                m_dc->clock().error_s(t), ev ? ev->soc_pct() : std::nan("")};
    }
    reports::named_values environment(double t) const override {
        reports::named_values v = {{"temperature_c", m_world.temperature_c(t)}};
        if (m_ac) {
            v.push_back({"grid_voltage_v", m_world.grid_voltage_v(t)});
            v.push_back({"grid_frequency_hz", m_world.grid_frequency_hz(t)});
        }
        return v;
    }

private:
    hilbench::charger::charger_face& face() const {
        return m_ac ? static_cast<hilbench::charger::charger_face&>(*m_post) : *m_dc;
    }
    bool m_ac;
    stimulus::charging_world m_world;
    reference::reference_meter m_reference;
    std::unique_ptr<hilbench::charger::ac_post> m_post;
    std::unique_ptr<hilbench::charger::dc_charger> m_dc;
    std::unique_ptr<charger_lab> m_lab;
};

std::string g(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
}

hilbench::charger::charger_nameplate nameplate(const procedure_request& rq) {
    if (rq.device.type == "charger.ac")
        return hilbench::charger::ac_post::nameplate_of(std::any_cast<const ac_post_params&>(rq.device.params));
    return hilbench::charger::dc_charger::nameplate_of(std::any_cast<const dc_charger_params&>(rq.device.params));
}

// What the charger's rating or the standard cannot serve: bad input with the pointer.
void check_request(const procedure_request& rq, const procedures::charger::charger_standard_data& d,
                   const procedures::charger::charger_options& o) {
    const std::string type = rq.device.type == "charger.ac" ? "AC" : "DC";
    if (d.current_type != "any" && d.current_type != type)
        throw scenario_error(rq.file, rq.spec.pointer + "/standard",
                             "expected a standard for " + std::string(type == "AC" ? "an AC post" : "a DC charger") +
                                 " (" + (type == "AC" ? "jjg-1148-2022" : "jjg-1149-2022") + " or eichrecht-field), got " +
                                 d.id + ", which tests " + (d.current_type == "AC" ? "AC posts" : "DC chargers"));
    for (std::size_t k = 0; k < o.load_points.size(); ++k)
        if (!d.load_points.count(o.load_points[k])) {
            std::string known;
            for (const auto& [id, lp] : d.load_points) known += (known.empty() ? "" : ", ") + id;
            throw scenario_error(rq.file, rq.spec.pointer + "/options/load_points/" + std::to_string(k),
                                 "expected one of " + d.id + "'s load points (" + known + "), got '" + o.load_points[k] + "'");
        }
    if (type == "DC" && o.dc_test_voltage_v > 0) {
        const dc_charger_params& p = std::any_cast<const dc_charger_params&>(rq.device.params);
        if (o.dc_test_voltage_v < p.min_voltage_v || o.dc_test_voltage_v > p.max_voltage_v)
            throw scenario_error(rq.file, rq.spec.pointer + "/options/dc_test_voltage_v",
                                 "expected a voltage within the charger's [" + g(p.min_voltage_v) + ", " +
                                     g(p.max_voltage_v) + "] V, got " + g(o.dc_test_voltage_v));
        if (o.dc_test_voltage_v * p.max_current_a > p.max_power_kw * 1000)
            throw scenario_error(rq.file, rq.spec.pointer + "/options/dc_test_voltage_v",
                                 "expected a voltage at which Imax stays within the charger's " + g(p.max_power_kw) +
                                     " kW, got " + g(o.dc_test_voltage_v) + " V (" +
                                     g(o.dc_test_voltage_v * p.max_current_a / 1000) + " kW)");
    }
}

family make() {
    family f;
    f.decl.name = "charger";
    f.decl.ground_truth = {"delivered_kwh", "metered_kwh", "cable_loss_kwh", "clock_error_s", "soc_pct"};
    f.decl.lab_options = &charger_lab_options_table();
    f.decl.environment = &charger_environment_table();
    f.devices.push_back({"charger.ac",
                         "AC charging post (mode 3, single phase): the AC meter (rtl/energy_frontend) on its line, "
                         "contactor, IEC 61851-1 control pilot, sessions, time-of-use billing, clock, OCMF records "
                         "signed with ECDSA P-256",
                         "",
                         &hilbench::charger::ac_post_param_table(),
                         "accuracy_class",
                         &hilbench::charger::ac_post_taps(),
                         &hilbench::charger::ac_post_driftables(),
                         &hilbench::charger::ac_post_observables(),
                         {"bit", "sample", "twin"},
                         nullptr,
                         {"accuracy_class", "phases", "rated_voltage_v", "freq_hz", "max_current_a", "min_current_a",
                          "meter_constant_imp_per_kwh", "display_resolution_kwh", "firmware_version"},
                         &hilbench::charger::charger_audit_events()});
    f.devices.push_back({"charger.dc",
                         "DC off-board charger: power module following the BMS (GB/T 27930 messages), DC meter "
                         "(rtl/energy_frontend in DC mode behind a shunt or Hall sensor), cable with loss "
                         "compensation by cable id, sessions, billing, clock, OCMF records",
                         "",
                         &hilbench::charger::dc_charger_param_table(),
                         "accuracy_class",
                         &hilbench::charger::dc_charger_taps(),
                         &hilbench::charger::dc_charger_driftables(),
                         &hilbench::charger::dc_charger_observables(),
                         {"bit", "sample", "twin"},
                         nullptr,
                         {"accuracy_class", "max_voltage_v", "min_voltage_v", "max_current_a", "min_current_a",
                          "max_power_kw", "cable_id", "firmware_version"},
                         &hilbench::charger::charger_audit_events()});
    namespace ch = procedures::charger;
    for (const ch::charger_standard_data& d : ch::all_standards()) {
        standard s;
        std::vector<std::string> tests;
        for (const auto& t : d.tests) tests.push_back(t.name);
        s.decl = {d.id, d.title, "", d.classes, tests, &ch::charger_options_table(), nullptr, false};
        s.make = [&d](const procedure_request& rq) -> std::unique_ptr<procedures::procedure> {
            const auto& o = std::any_cast<const ch::charger_options&>(rq.spec.options);
            check_request(rq, d, o);
            return std::make_unique<ch::charger_procedure>(d, nameplate(rq), o,
                                                           std::any_cast<const charger_lab_options&>(rq.spec.lab_options),
                                                           rq.conditions(), rq.selection());
        };
        s.sections = {&reports::sections::charger_evaluation()};
        f.standards.push_back(std::move(s));
    }
    f.make_bench = [](const bench_request& rq) -> std::unique_ptr<bench> {
        return std::make_unique<charger_bench>(rq, std::any_cast<const charger_lab_options&>(rq.lab_options));
    };
    f.sections = {&reports::sections::charger_device()};
    return f;
}

}  // namespace

const params_of<charger_lab_options>& charger_lab_options_table() {
    using O = charger_lab_options;
    static const params_of<O> t = [] {
        params_of<O> p;
        p.number("reference_class_pct", &O::reference_class_pct, "%", 0.001, 1,
                 "class of the standard energy meter (AC at the output, DC at the vehicle end of the cable)")
            .number("reference_constant_imp_per_kwh", &O::reference_constant_imp_per_kwh, "1/kWh", 1000, 1e9,
                    "pulse constant of the standard meter")
            .text("reference_certificate", &O::reference_certificate, "calibration certificate of the standard meter")
            .choice("load_method", &O::load_method, {"virtual", "vehicle"},
                    "the lab's load (virtual-load method) or the environment's vehicle (real-vehicle method)");
        return p;
    }();
    return t;
}

const params_of<hilbench::charger::ev_params>& ev_param_table() {
    using P = hilbench::charger::ev_params;
    static const params_of<P> t = [] {
        params_of<P> p;
        p.number("capacity_kwh", &P::capacity_kwh, "kWh", 1, 300, "usable energy of the pack")
            .number("soc_start_pct", &P::soc_start_pct, "%", 0, 100, "state of charge when plugged in")
            .number("soc_target_pct", &P::soc_target_pct, "%", 1, 100, "the BMS stops here")
            .number("v_empty", &P::v_empty, "V", 50, 1500, "open-circuit voltage at 0 % SOC")
            .number("v_full", &P::v_full, "V", 50, 1500, "open-circuit voltage at 100 % SOC")
            .number("charge_voltage_v", &P::charge_voltage_v, "V", 50, 1500, "the CV level")
            .number("internal_ohm", &P::internal_ohm, "Ohm", 0.001, 2, "pack resistance")
            .number("max_current_a", &P::max_current_a, "A", 1, 1000, "DC: the BMS's largest demand")
            .number("obc_max_current_a", &P::obc_max_current_a, "A", 1, 80, "AC: the on-board charger's largest current")
            .number("obc_pf", &P::obc_pf, "", 0.5, 1, "AC: the on-board charger's power factor")
            .number("end_current_a", &P::end_current_a, "A", 0, 100, "the CV phase ends below this current")
            .text("vin", &P::vin, "vehicle identification number (BRM)");
        p.check("the pack's voltages are ordered", [](const P& e) {
            if (!(e.v_empty < e.charge_voltage_v && e.charge_voltage_v <= e.v_full + 20))
                throw param_error("/charge_voltage_v", "expected v_empty < charge_voltage_v <= v_full + 20 V");
            if (e.soc_start_pct >= e.soc_target_pct)
                throw param_error("/soc_start_pct", "expected a start below the target state of charge");
        });
        return p;
    }();
    return t;
}

const params_of<charger_environment>& charger_environment_table() {
    using E = charger_environment;
    static const params_of<E> t = [] {
        params_of<E> p;
        p.series("grid_voltage_v", &E::grid_voltage_v, "V", 50, 1000,
                 "grid voltage at the AC post, [[from t_s, V], ...] (none: the rated voltage)")
            .series("grid_frequency_hz", &E::grid_frequency_hz, "Hz", 40, 70,
                    "grid frequency, [[from t_s, Hz], ...] (none: the rated frequency)")
            .table("vehicle", &E::vehicle, ev_param_table(), "the vehicle plugged in by the real-vehicle method");
        return p;
    }();
    return t;
}

}  // namespace charger

const family& charger_family() {
    static const family f = charger::make();
    return f;
}

}  // namespace hilbench::families
