#include "harness/bench/bench.h"

#include <limits>

#include "harness/reference/reference_meter.h"
#include "harness/reference/standard_weights.h"
#include "harness/stimulus/ac_source.h"
#include "harness/stimulus/weight_world.h"
#include "models/core/energy_meter_face.h"
#include "models/core/errors.h"
#include "models/core/rng.h"
#include "models/core/scale_face.h"

namespace hilbench::bench {
namespace {

class meter_bench : public bench {
public:
    meter_bench(const scenario::scenario& sc, const device_type& type, uint64_t seed, engine::cheat_engine* eng)
        : m_source(idle(sc), sc.temperature_c) {
        device_world w;
        w.line = &m_source;
        m_device = type.make(sc.device.resolved, sc.device.fidelity, w, seed, eng, sc.start_time_of_day_h);
        HB_ASSERT(m_device->meter_face() != nullptr, "a meter device without a meter face");
        m_reference = std::make_unique<reference::reference_meter>(m_source, sc.procedure.options.reference_class_pct,
                                                                   sc.procedure.options.reference_constant_imp_per_kwh);
        m_ctx.source = &m_source;
        m_ctx.meter = m_device->meter_face();
        m_ctx.reference = m_reference.get();
    }
    procedures::run_context& context() override { return m_ctx; }
    device_instance& device() override { return *m_device; }
    std::vector<std::string> truth_columns() const override {
        return {"time_s", "true_energy_wh", "cf_energy_wh", "display_energy_wh"};
    }
    std::vector<double> truth_row(double t) const override {
        const energy_meter_face& m = *m_ctx.meter;
        const auto& np = m.nameplate();
        return {t, m_reference->true_energy_wh(0, t), double(m.cf_pulse_count()) * 1000.0 / np.meter_constant_imp_per_kwh,
                double(m.display_digits()) * np.display_resolution_kwh * 1000.0};
    }

private:
    static ac_line_state idle(const scenario::scenario& sc) {
        ac_line_state s;
        s.voltage_v = get_number(sc.device.resolved, "voltage_v");
        s.freq_hz = get_number(sc.device.resolved, "freq_hz");
        return s;
    }
    stimulus::ac_source m_source;
    std::unique_ptr<device_instance> m_device;
    std::unique_ptr<reference::reference_meter> m_reference;
    procedures::run_context m_ctx;
};

class scale_bench : public bench {
public:
    scale_bench(const scenario::scenario& sc, const device_type& type, uint64_t seed, engine::cheat_engine* eng)
        : m_world(sc.temperature_c, get_number(sc.device.resolved, "supply_nominal_v"), sc.supply_v),
          m_weights(sc.procedure.options.weight_class, derive_seed(seed, "standard_weights")) {
        device_world w;
        w.receptor = &m_world;
        m_device = type.make(sc.device.resolved, sc.device.fidelity, w, seed, eng, sc.start_time_of_day_h);
        HB_ASSERT(m_device->scale_face() != nullptr, "a scale device without a scale face");
        m_ctx.world = &m_world;
        m_ctx.scale = m_device->scale_face();
        m_ctx.weights = &m_weights;
    }
    procedures::run_context& context() override { return m_ctx; }
    device_instance& device() override { return *m_device; }
    std::vector<std::string> truth_columns() const override {
        std::vector<std::string> cols = {"time_s", "true_mass_g", "indicated_g", "tare_g", "price", "temperature_c",
                                         "supply_v"};
        for (const auto& [name, v] : m_device->probes()) cols.push_back(name);  // internal probes
        return cols;
    }
    std::vector<double> truth_row(double t) const override {
        const weighing_display& d = m_ctx.scale->display();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        std::vector<double> row = {t, m_world.true_mass_g(t), d.weight_valid ? d.weight_g : nan, d.tare_g,
                                   d.price_valid ? d.price : nan, m_world.temperature_c(t), m_world.supply_v(t)};
        for (const auto& [name, v] : m_device->probes()) row.push_back(v);
        return row;
    }

private:
    stimulus::weight_world m_world;
    reference::standard_weights m_weights;
    std::unique_ptr<device_instance> m_device;
    procedures::run_context m_ctx;
};

}  // namespace

std::unique_ptr<bench> make_bench(const scenario::scenario& sc, const device_type& type, uint64_t seed,
                                  engine::cheat_engine* eng) {
    if (type.family == "scale") return std::make_unique<scale_bench>(sc, type, seed, eng);
    HB_ASSERT(type.family == "meter", "no bench for device family " + type.family);
    return std::make_unique<meter_bench>(sc, type, seed, eng);
}

}  // namespace hilbench::bench
