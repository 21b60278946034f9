// The weighing-instrument family: the price-computing scale, its bench (the weight world
// with its climatic chamber and supply, and the lab's R 111 standard weights), its standards
// (OIML R 76-1, JJG 539 and the market audit) and its parts of the report.
#include <limits>
#include <memory>

#include "harness/families/family.h"
#include "harness/families/scale/scale_lab.h"
#include "harness/procedures/oiml_r76/market_audit.h"
#include "harness/procedures/oiml_r76/r76_procedure.h"
#include "harness/reference/standard_weights.h"
#include "harness/stimulus/weight_world.h"
#include "models/core/rng.h"
#include "models/scale/price_scale.h"
#include "models/scale/scale_params.h"
#include "models/scale/scale_taps.h"
#include "reports/sections/scale_sections.h"

namespace hilbench::families {
namespace scale {
namespace {

using hilbench::scale::scale_params;

class scale_bench : public bench {
public:
    scale_bench(const bench_request& rq, const scale_params& p, const scale_lab_options& lab)
        : m_world(rq.environment.temperature_c, p.supply_nominal_v,
                  std::any_cast<const scale_environment&>(rq.environment.family).supply_v),
          m_weights(lab.weight_class, derive_seed(rq.seed, "standard_weights")),
          m_scale("scale", p, fidelity_named(rq.device.fidelity), m_world, rq.seed,
                  rq.engine, rq.environment.start_time_of_day_h),
          m_lab(m_world, m_scale, m_weights) {}

    procedures::lab& lab() override { return m_lab; }
    std::vector<reports::audit_row> audit_trail() const override { return audit_rows(m_scale.audit_trail()); }
    std::string software_id() const override { return m_scale.software_id(); }
    std::vector<reports::stat_row> stats() const override { return stat_rows(m_scale.stats()); }
    void trace(const std::string& path, double window_s) override { m_scale.trace_rtl(path, window_s); }
    // the truth, then internal probes recorded for research (the ADC code behind a displayed
    // weight and the honest firmware's gross); procedures never see them
    std::vector<std::string> truth_columns() const override {
        return {"time_s",        "true_mass_g", "indicated_g", "tare_g",          "price_cny",
                "temperature_c", "supply_v",    "adc_code_lsb",    "firmware_gross_g"};
    }
    std::vector<double> truth_row(double t) const override {
        const weighing_display& d = m_scale.display();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        return {t,
                m_world.true_mass_g(t),
                d.weight_valid ? d.weight_g : nan,
                d.tare_g,
                d.price_valid ? d.price : nan,
                m_world.temperature_c(t),
                m_world.supply_v(t),
                double(m_scale.last_adc_code()),
                m_scale.firmware_gross_g()};
    }

    reports::named_values environment(double t) const override {
        return {{"temperature_c", m_world.temperature_c(t)}, {"supply_v", m_world.supply_v(t)}};
    }

private:
    stimulus::weight_world m_world;
    reference::standard_weights m_weights;
    hilbench::scale::price_scale m_scale;
    scale_lab m_lab;
};

const scale_params& params_of_device(const scenario::device_spec& d) {
    return std::any_cast<const scale_params&>(d.params);
}

// The scale's nameplate, checked against the lab's means: the overload checks go 10 % beyond Max.
scale_nameplate nameplate(const procedure_request& rq) {
    const scale_nameplate np = hilbench::scale::nameplate_of(params_of_device(rq.device));
    const double cap = reference::standard_weights::capacity_g();
    if (np.max_g * 1.1 > cap)
        rq.fail_device("max_g", "expected a Max the lab's standard weights can test (up to " +
                                    std::to_string(int(cap / 1.1)) + " g), got " + nlohmann::json(np.max_g).dump());
    return np;
}

family make() {
    family f;
    f.decl.name = "scale";
    f.decl.ground_truth = {"true_mass_g", "true_load_g", "adc_code_lsb", "firmware_gross_g"};
    f.decl.lab_options = &scale_lab_options_table();
    f.decl.environment = &scale_environment_table();
    f.devices.push_back(
        {"scale.price_computing",
         "electronic price-computing scale: load cell on a damped receptor, Verilated HX711-class ADC "
         "(rtl/loadcell_adc), firmware with zero tracking, tare, price computing, self-lock and audit trail",
         "",
         &hilbench::scale::scale_param_table(),
         "accuracy_class",
         &hilbench::scale::scale_taps(),
         &hilbench::scale::scale_driftables(),
         &hilbench::scale::scale_observables(),
         {"bit", "sample", "twin"},
         nullptr,
         {"accuracy_class", "max_g", "e_g", "max1_g", "e1_g", "price_interval", "unit_price_max", "price_rounding",
          "firmware_version"},
         &hilbench::scale::scale_audit_events()});
    namespace r76 = procedures::oiml_r76;
    for (const r76::r76_data& d : r76::all_standards()) {
        standard s;
        s.decl = {d.id,
                  d.title,
                  "",
                  d.classes,
                  {"weighing", "eccentricity", "repeatability", "discrimination", "zero_setting", "zero_tracking",
                   "tare", "temperature", "no_load_temperature", "warm_up", "creep", "supply", "price", "self_lock"},
                  &r76::r76_options_table(),
                  nullptr,
                  false};
        s.make = [&d](const procedure_request& rq) -> std::unique_ptr<procedures::procedure> {
            return std::make_unique<r76::r76_procedure>(
                d, nameplate(rq), std::any_cast<const r76::r76_options&>(rq.spec.options),
                std::any_cast<const scale_lab_options&>(rq.spec.lab_options), rq.selection());
        };
        s.sections = {&reports::sections::r76_type_evaluation()};
        f.standards.push_back(std::move(s));
    }
    {
        const r76::r76_data& d = r76::all_standards().front();
        standard s;
        s.decl = {"market-audit",
                  "market audit: irregular commodity loads against the in-service MPE of OIML R 76-1:2006",
                  "",
                  d.classes,
                  {"irregular_loads"},
                  &r76::audit_options_table(),
                  &r76::audit_inputs_table(),
                  false};
        s.make = [&d](const procedure_request& rq) -> std::unique_ptr<procedures::procedure> {
            return std::make_unique<r76::market_audit>(
                d, nameplate(rq), std::any_cast<const r76::audit_options&>(rq.spec.options),
                std::any_cast<const r76::audit_inputs&>(rq.spec.inputs), rq.seed);
        };
        s.sections = {&reports::sections::market_audit()};
        f.standards.push_back(std::move(s));
    }
    f.make_bench = [](const bench_request& rq) -> std::unique_ptr<bench> {
        return std::make_unique<scale_bench>(rq, params_of_device(rq.device),
                                             std::any_cast<const scale_lab_options&>(rq.lab_options));
    };
    f.sections = {&reports::sections::scale_device()};
    return f;
}

}  // namespace

const params_of<scale_lab_options>& scale_lab_options_table() {
    static const params_of<scale_lab_options> t = [] {
        params_of<scale_lab_options> p;
        p.choice("weight_class", &scale_lab_options::weight_class, {"F1", "F2", "M1", "M2", "M3"},
                 "OIML R 111 class of the lab's standard weights")
            .text("weights_certificate", &scale_lab_options::weights_certificate,
                  "calibration certificate of the standard weights (named on the report)");
        return p;
    }();
    return t;
}

const params_of<scale_environment>& scale_environment_table() {
    static const params_of<scale_environment> t = [] {
        params_of<scale_environment> p;
        p.series("supply_v", &scale_environment::supply_v, "V", 0, 1000,
                 "supply voltage steps, [[from t_s, volts], ...] (none: the nominal supply)");
        return p;
    }();
    return t;
}

}  // namespace scale

const family& scale_family() {
    static const family f = scale::make();
    return f;
}

}  // namespace hilbench::families
