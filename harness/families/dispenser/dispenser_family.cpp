// The fuel-dispenser family: one hose of a dispenser, its bench (the fuel world, the lab's
// standard metal measures), its standards (JJG 443-2023 and -2015, OIML R 117-1) and its parts
// of the report.
#include <cstdio>
#include <memory>

#include "harness/families/dispenser/dispenser_lab.h"
#include "harness/families/family.h"
#include "harness/procedures/jjg443/customer_audit.h"
#include "harness/procedures/jjg443/jjg443_procedure.h"
#include "harness/reference/standard_measures.h"
#include "harness/stimulus/fuel_world.h"
#include "models/core/errors.h"
#include "models/core/rng.h"
#include "models/dispenser/dispenser_params.h"
#include "models/dispenser/dispenser_taps.h"
#include "models/dispenser/fuel_dispenser.h"
#include "reports/sections/dispenser_sections.h"

namespace hilbench::families {
namespace dispenser {
namespace {

using hilbench::dispenser::dispenser_params;

class dispenser_bench : public bench {
public:
    dispenser_bench(const bench_request& rq, const dispenser_params& p, const dispenser_lab_options& lab)
        : m_world(std::any_cast<const dispenser_environment&>(rq.environment.family).product,
                  std::any_cast<const dispenser_environment&>(rq.environment.family).fuel_temperature_c,
                  rq.environment.temperature_c),
          m_measures(lab.measure_class_pct, derive_seed(rq.seed, "standard_measures")),
          m_dispenser("dispenser", p, fidelity_named(rq.device.fidelity), m_world, rq.seed,
                      rq.engine, rq.environment.start_time_of_day_h),
          m_lab(m_world, m_dispenser, m_measures) {}

    procedures::lab& lab() override { return m_lab; }
    std::vector<reports::audit_row> audit_trail() const override { return audit_rows(m_dispenser.audit_trail()); }
    std::string software_id() const override { return m_dispenser.software_id(); }
    std::vector<reports::stat_row> stats() const override { return stat_rows(m_dispenser.stats()); }
    void trace(const std::string& path, double window_s) override { m_dispenser.trace_rtl(path, window_s); }
    // the truth: the fuel that left the nozzle (at the meter's temperature and at 15 degC)
    // beside what the dispenser shows, and internal probes for research
    std::vector<std::string> truth_columns() const override {
        return {"time_s", "delivered_l", "delivered_15c_l", "indicated_l", "amount_cny", "flow_l_per_min",
                "fuel_temperature_c", "metered_l", "firmware_volume_l", "locked"};
    }
    std::vector<double> truth_row(double t) const override {
        const auto& shown = m_dispenser.display();
        return {t,
                m_world.delivered_l(),
                m_world.delivered_15c_l(),
                m_dispenser.electronic_totaliser_l() + (shown.delivering ? shown.volume_l : 0.0),
                shown.amount_cny,
                m_dispenser.flow_l_per_min(),
                m_world.fuel_temperature_c(t),
                m_dispenser.metered_l(),
                m_dispenser.firmware_display().volume_l,
                m_dispenser.locked() ? 1.0 : 0.0};
    }
    reports::named_values environment(double t) const override {
        return {{"temperature_c", m_world.ambient_c(t)}, {"fuel_temperature_c", m_world.fuel_temperature_c(t)}};
    }

private:
    stimulus::fuel_world m_world;
    reference::standard_measures m_measures;
    hilbench::dispenser::fuel_dispenser m_dispenser;
    dispenser_lab m_lab;
};

const dispenser_params& params_of_device(const scenario::device_spec& d) {
    return std::any_cast<const dispenser_params&>(d.params);
}

std::string g(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
}

// Options that the dispenser's rating or the lab's measures cannot serve: bad input, with the
// option's pointer.
[[noreturn]] void fail_option(const procedure_request& rq, const std::string& option, const std::string& message) {
    throw scenario_error(rq.file, rq.spec.pointer + "/options/" + option, message);
}

void check_options(const procedure_request& rq, const procedures::jjg443::fuel_options& o) {
    const dispenser_params& p = std::any_cast<const dispenser_params&>(rq.device.params);
    if (o.intermediate_flow_l_per_min > 0 &&
        (o.intermediate_flow_l_per_min > p.qmax_l_per_min || o.intermediate_flow_l_per_min < p.qmin_l_per_min))
        fail_option(rq, "intermediate_flow_l_per_min",
                    "expected a flow within the dispenser's [Qmin, Qmax] = [" + g(p.qmin_l_per_min) +
                        ", " + g(p.qmax_l_per_min) + "] L/min, got " +
                        g(o.intermediate_flow_l_per_min));
    if (o.draft_l < p.mmq_l)
        fail_option(rq, "draft_l", "expected a draft of at least the MMQ (" + g(p.mmq_l) + " L), got " +
                                       g(o.draft_l));
    if (o.draft_l != 5 && o.draft_l != 20 && o.draft_l != 50)
        fail_option(rq, "draft_l", "expected the nominal volume of one of the lab's standard measures (5, 20 or 50 L), got " +
                                       g(o.draft_l));
}

void check_audit(const procedure_request& rq, const procedures::jjg443::audit_options& o) {
    const dispenser_params& p = std::any_cast<const dispenser_params&>(rq.device.params);
    if (o.min_volume_l < p.mmq_l)
        fail_option(rq, "min_volume_l", "expected drafts of at least the MMQ (" + g(p.mmq_l) +
                                            " L), got " + g(o.min_volume_l));
}

hilbench::dispenser::dispenser_nameplate nameplate(const procedure_request& rq) {
    const dispenser_params& p = params_of_device(rq.device);
    return {p.accuracy_class,        p.qmax_l_per_min, p.qmin_l_per_min, p.mmq_l, p.volume_interval_l,
            p.amount_interval_cny, "",               hilbench::dispenser::verified_k_factor(p)};
}

family make() {
    family f;
    f.decl.name = "dispenser";
    f.decl.ground_truth = {"delivered_l", "delivered_15c_l", "metered_l", "firmware_volume_l"};
    f.decl.lab_options = &dispenser_lab_options_table();
    f.decl.environment = &dispenser_environment_table();
    f.devices.push_back({"dispenser.fuel",
                         "fuel dispenser, one hose: pump, positive-displacement meter with slip and wear, pulser with "
                         "an authenticating encoder, Verilated pulser front end (rtl/pulser_frontend), controller "
                         "firmware with presets, totalisers, self-lock and audit trail",
                         "",
                         &hilbench::dispenser::dispenser_param_table(),
                         "accuracy_class",
                         &hilbench::dispenser::dispenser_taps(),
                         &hilbench::dispenser::dispenser_driftables(),
                         &hilbench::dispenser::dispenser_observables(),
                         {"bit", "sample"},
                         nullptr,
                         {"accuracy_class", "qmax_l_per_min", "qmin_l_per_min", "mmq_l", "k_factor_pulses_per_l",
                          "unit_price_cny_per_l", "volume_interval_l", "amount_interval_cny", "firmware_version"},
                         &hilbench::dispenser::dispenser_audit_events()});
    namespace fuel = procedures::jjg443;
    for (const fuel::fuel_standard_data& d : fuel::all_standards()) {
        standard s;
        s.decl = {d.id,
                  d.title,
                  "",
                  d.classes,
                  {"accuracy", "mmq", "preset", "flow_interruption", "self_lock", "authentication"},
                  &fuel::fuel_options_table(),
                  nullptr,
                  false};
        s.make = [&d](const procedure_request& rq) -> std::unique_ptr<procedures::procedure> {
            check_options(rq, std::any_cast<const fuel::fuel_options&>(rq.spec.options));
            return std::make_unique<fuel::jjg443_procedure>(d, nameplate(rq),
                                                            std::any_cast<const fuel::fuel_options&>(rq.spec.options),
                                                            std::any_cast<const dispenser_lab_options&>(rq.spec.lab_options),
                                                            rq.selection());
        };
        s.sections = {&reports::sections::jjg443_evaluation()};
        f.standards.push_back(std::move(s));
    }
    {
        const fuel::fuel_standard_data& d = fuel::all_standards().front();
        standard s;
        s.decl = {"customer-audit",
                  "customer audit: random drafts at random flows through a test car's master meter, in-service tolerance",
                  "",
                  d.classes,
                  {"customer_drafts"},
                  &fuel::audit_options_table(),
                  nullptr,
                  false};
        s.make = [&d](const procedure_request& rq) -> std::unique_ptr<procedures::procedure> {
            check_audit(rq, std::any_cast<const fuel::audit_options&>(rq.spec.options));
            return std::make_unique<fuel::customer_audit>(d, nameplate(rq),
                                                          std::any_cast<const fuel::audit_options&>(rq.spec.options),
                                                          rq.seed);
        };
        s.sections = {&reports::sections::jjg443_evaluation()};
        f.standards.push_back(std::move(s));
    }
    f.make_bench = [](const bench_request& rq) -> std::unique_ptr<bench> {
        return std::make_unique<dispenser_bench>(rq, params_of_device(rq.device),
                                                 std::any_cast<const dispenser_lab_options&>(rq.lab_options));
    };
    f.sections = {&reports::sections::dispenser_device()};
    return f;
}

}  // namespace

const params_of<dispenser_lab_options>& dispenser_lab_options_table() {
    using O = dispenser_lab_options;
    static const params_of<O> t = [] {
        params_of<O> p;
        p.number("measure_class_pct", &O::measure_class_pct, "%", 0.001, 0.5,
                 "class of the lab's standard metal measures: the largest error of their capacity [M]")
            .text("measures_certificate", &O::measures_certificate,
                  "calibration certificate of the standard measures (named on the report)")
            .number("drain_s", &O::drain_s, "s", 0, 600, "drain time of the measure before each run");
        return p;
    }();
    return t;
}

const params_of<dispenser_environment>& dispenser_environment_table() {
    using E = dispenser_environment;
    static const params_of<E> t = [] {
        params_of<E> p;
        p.choice("product", &E::product, {"petrol", "diesel"}, "the fuel (its viscosity and expansion)")
            .series("fuel_temperature_c", &E::fuel_temperature_c, "degC", -40, 60,
                    "fuel temperature in the meter, [[from t_s, degC], ...] (none: the ambient temperature)");
        return p;
    }();
    return t;
}

}  // namespace dispenser

const family& dispenser_family() {
    static const family f = dispenser::make();
    return f;
}

}  // namespace hilbench::families
