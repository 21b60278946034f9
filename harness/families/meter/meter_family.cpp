// The electricity-meter family: the single-phase meter, its bench (a programmable AC source
// and a reference standard meter), its standards (IEC 62053-21, EN 50470-3, the field audit
// and the load-profile recording of a `stimulus`) and its parts of the report.
#include <memory>

#include "harness/families/family.h"
#include "harness/families/meter/meter_lab.h"
#include "harness/procedures/field/field_procedure.h"
#include "harness/procedures/iec62053/iec62053_procedure.h"
#include "harness/procedures/profile/profile_procedure.h"
#include "harness/reference/reference_meter.h"
#include "harness/stimulus/ac_source.h"
#include "models/meter/meter_params.h"
#include "models/meter/meter_taps.h"
#include "models/meter/single_phase_meter.h"
#include "reports/sections/meter_sections.h"

namespace hilbench::families {
namespace meter {
namespace {

using hilbench::meter::meter_params;

class meter_bench : public bench {
public:
    meter_bench(const bench_request& rq, const meter_params& p, const meter_lab_options& lab)
        : m_source(idle(p), rq.environment.temperature_c),
          m_meter("meter", p, fidelity_named(rq.device.fidelity), m_source, rq.seed, 0.01,
                  rq.engine, rq.environment.start_time_of_day_h),
          m_reference(m_source, lab.reference_class_pct, lab.reference_constant_imp_per_kwh),
          m_lab(m_source, m_meter, m_reference) {}

    procedures::lab& lab() override { return m_lab; }
    std::vector<reports::audit_row> audit_trail() const override { return audit_rows(m_meter.audit_trail()); }
    std::string software_id() const override { return m_meter.software_id(); }
    std::vector<reports::stat_row> stats() const override { return stat_rows(m_meter.stats()); }
    void trace(const std::string& path, double window_s) override { m_meter.trace_rtl(path, window_s); }
    std::vector<std::string> truth_columns() const override {
        return {"time_s", "true_energy_wh", "cf_energy_wh", "display_energy_wh"};
    }
    std::vector<double> truth_row(double t) const override {
        const energy_meter_nameplate& np = m_meter.nameplate();
        return {t, m_reference.true_energy_wh(0, t),
                double(m_meter.cf_pulse_count()) * 1000.0 / np.meter_constant_imp_per_kwh,
                double(m_meter.display_digits()) * np.display_resolution_kwh * 1000.0};
    }

    reports::named_values environment(double t) const override {
        return {{"temperature_c", m_source.temperature_c(t)}};
    }

private:
    static ac_line_state idle(const meter_params& p) {
        ac_line_state s;
        s.voltage_v = p.voltage_v;
        s.freq_hz = p.freq_hz;
        return s;
    }
    stimulus::ac_source m_source;
    hilbench::meter::single_phase_meter m_meter;
    reference::reference_meter m_reference;
    meter_lab m_lab;
};

const meter_params& params_of_device(const scenario::device_spec& d) {
    return std::any_cast<const meter_params&>(d.params);
}

energy_meter_nameplate nameplate(const procedure_request& rq) {
    return hilbench::meter::nameplate_of(params_of_device(rq.device));
}

// The standard test currents of the meter's rating: what an inspection-aware defeat device
// recognises when no observable is named.
std::optional<scenario::inspection_default> inspection(const std::any& params) {
    const meter_params& p = std::any_cast<const meter_params&>(params);
    scenario::inspection_default d{"current_a", {}};
    for (double x : {0.05, 0.1, 0.2, 0.5, 1.0}) d.test_values.push_back(x * p.basic_current_a);
    d.test_values.push_back(p.max_current_a);
    return d;
}

family make() {
    family f;
    f.decl.name = "meter";
    f.decl.ground_truth = {"true_energy_wh", "true_energy_kwh", "true_kwh"};
    f.decl.consumption = {"hourly", "hour_start_h", "register_kwh"};  // the field audit's hourly register readings
    f.decl.lab_options = &meter_lab_options_table();
    f.devices.push_back({"meter.single_phase",
                         "single-phase static electricity meter: shunt or CT front end, Verilated metering ASIC "
                         "(rtl/energy_frontend), firmware with audit trail",
                         "",
                         &hilbench::meter::meter_param_table(),
                         "accuracy_class",
                         &hilbench::meter::meter_taps(),
                         &hilbench::meter::meter_driftables(),
                         &hilbench::meter::meter_observables(),
                         {"bit", "sample", "twin"},
                         inspection,
                         {"accuracy_class", "voltage_v", "basic_current_a", "max_current_a", "freq_hz",
                          "meter_constant_imp_per_kwh", "display_resolution_kwh", "current_sensor", "firmware_version"},
                         &hilbench::meter::meter_audit_events()});
    namespace iec = procedures::iec62053;
    for (const iec::standard_data& d : iec::all_standards()) {
        standard s;
        s.decl = {d.id,
                  d.title,
                  "",
                  d.classes,
                  {"accuracy", "starting", "no_load", "register"},
                  &iec::meter_options_table(),
                  nullptr,
                  false};
        s.make = [&d](const procedure_request& rq) -> std::unique_ptr<procedures::procedure> {
            return std::make_unique<iec::meter_procedure>(d, nameplate(rq),
                                                          std::any_cast<const iec::meter_options&>(rq.spec.options),
                                                          rq.selection(), rq.conditions());
        };
        s.sections = {&reports::sections::iec62053_accuracy_curves()};
        f.standards.push_back(std::move(s));
    }
    {
        standard s;
        s.decl = {"field-audit",
                  "field audit: a load profile (CSV) metered against the reference, error per load band and hour",
                  "",
                  {"1", "2", "A", "B"},
                  {"field_profile"},
                  nullptr,
                  &procedures::field_inputs_table(),
                  false};
        s.make = [](const procedure_request& rq) -> std::unique_ptr<procedures::procedure> {
            return std::make_unique<procedures::field_procedure>(
                nameplate(rq), std::any_cast<const procedures::field_inputs&>(rq.spec.inputs), rq.conditions());
        };
        s.sections = {&reports::sections::field_audit_detail()};
        f.standards.push_back(std::move(s));
    }
    {
        standard s;
        s.decl = {"profile", "load profile recording (no limits apply)", "",  {}, {"profile"},
                  nullptr,   &procedures::stimulus_inputs_table(),       true};
        s.make = [](const procedure_request& rq) -> std::unique_ptr<procedures::procedure> {
            return std::make_unique<procedures::profile_procedure>(
                nameplate(rq), std::any_cast<const procedures::stimulus_inputs&>(rq.spec.inputs), rq.conditions());
        };
        s.sections = {&reports::sections::profile_recording_detail()};
        f.standards.push_back(std::move(s));
    }
    f.make_bench = [](const bench_request& rq) -> std::unique_ptr<bench> {
        return std::make_unique<meter_bench>(rq, params_of_device(rq.device),
                                             std::any_cast<const meter_lab_options&>(rq.lab_options));
    };
    f.sections = {&reports::sections::meter_device()};
    return f;
}

}  // namespace

const params_of<meter_lab_options>& meter_lab_options_table() {
    using O = meter_lab_options;
    static const params_of<O> t = [] {
        params_of<O> p;
        p.number("reference_class_pct", &O::reference_class_pct, "%", 0.001, 2,
                 "accuracy class of the lab's reference standard meter (sets the reported uncertainty)")
            .number("reference_constant_imp_per_kwh", &O::reference_constant_imp_per_kwh, "imp/kWh", 1e3, 1e12,
                    "pulse constant of the reference standard meter")
            .text("reference_certificate", &O::reference_certificate,
                  "calibration certificate of the reference standard meter (named on the report)");
        return p;
    }();
    return t;
}

}  // namespace meter

const family& meter_family() {
    static const family f = meter::make();
    return f;
}

}  // namespace hilbench::families
