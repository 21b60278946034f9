#include "harness/bench/registry.h"

#include "models/core/errors.h"
#include "models/meter/meter_taps.h"
#include "models/meter/single_phase_meter.h"
#include "models/scale/price_scale.h"
#include "models/scale/scale_taps.h"

namespace hilbench::bench {
namespace {

class meter_instance : public device_instance {
public:
    meter_instance(const param_values& resolved, const std::string& fid, ac_line& line, uint64_t seed,
                   engine::cheat_engine* eng, double start_h)
        : m_params(meter::make_meter_params(resolved)),
          m_meter("meter", m_params, fid == "bit" ? meter::fidelity::bit : meter::fidelity::sample, line, seed, 0.01,
                  eng, start_h) {}
    energy_meter_face* meter_face() override { return &m_meter; }
    std::vector<reports::audit_row> audit_trail() const override;
    std::string software_id() const override { return m_meter.software_id(); }
    reports::named_values stats() const override {
        reports::named_values v;
        for (const auto& s : m_meter.stats()) v.emplace_back(s.name, s.value);
        return v;
    }
    void trace(const std::string& path, double window_s) override { m_meter.trace_rtl(path, window_s); }

private:
    meter::meter_params m_params;
    meter::single_phase_meter m_meter;
};

std::vector<reports::audit_row> to_rows(const std::vector<audit_entry>& trail) {
    std::vector<reports::audit_row> out;
    for (const auto& e : trail)
        out.push_back({e.sequence, e.event_counter, e.time_s, e.kind, e.source, e.parameter, e.old_value, e.new_value});
    return out;
}

class scale_instance : public device_instance {
public:
    scale_instance(const param_values& resolved, const std::string& fid, load_receptor& world, uint64_t seed,
                   engine::cheat_engine* eng, double start_h)
        : m_params(scale::make_scale_params(resolved)),
          m_scale("scale", m_params, fid == "bit" ? fidelity::bit : fidelity::sample, world, seed, eng, start_h) {}
    hilbench::scale_face* scale_face() override { return &m_scale; }
    std::vector<reports::audit_row> audit_trail() const override { return to_rows(m_scale.audit_trail()); }
    std::string software_id() const override { return m_scale.software_id(); }
    reports::named_values stats() const override {
        reports::named_values v;
        for (const auto& s : m_scale.stats()) v.emplace_back(s.name, s.value);
        return v;
    }
    void trace(const std::string& path, double window_s) override { m_scale.trace_rtl(path, window_s); }
    reports::named_values probes() const override {
        return {{"adc_code", double(m_scale.last_adc_code())}, {"firmware_gross_g", m_scale.firmware_gross_g()}};
    }

private:
    scale::scale_params m_params;
    scale::price_scale m_scale;
};

std::vector<reports::audit_row> meter_instance::audit_trail() const { return to_rows(m_meter.audit_trail()); }

}  // namespace

const std::vector<device_type>& device_types() {
    static const std::vector<device_type> types = {
        {"meter.single_phase",
         "single-phase static electricity meter: shunt or CT front end, Verilated metering ASIC "
         "(rtl/energy_frontend), firmware with audit trail",
         "meter", &meter::meter_param_table(), &meter::meter_taps(), &meter::meter_driftables(),
         &meter::meter_observables(), {"bit", "sample"},
         [](const param_values& v, const std::string& fid, device_world w, uint64_t seed, engine::cheat_engine* eng,
            double start_h) {
             HB_ASSERT(w.line != nullptr, "a meter needs AC terminals");
             return std::unique_ptr<device_instance>(new meter_instance(v, fid, *w.line, seed, eng, start_h));
         },
         [](const param_values& v) {
             if (get_number(v, "max_current_a") <= get_number(v, "basic_current_a"))
                 throw config_error("meter", "/device/params/max_current_a",
                                    "expected max_current_a greater than basic_current_a, got " +
                                        std::to_string(get_number(v, "max_current_a")));
         }},
        {"scale.price_computing",
         "electronic price-computing scale: load cell on a damped receptor, Verilated HX711-class ADC "
         "(rtl/loadcell_adc), firmware with zero tracking, tare, price computing, self-lock and audit trail",
         "scale", &scale::scale_param_table(), &scale::scale_taps(), &scale::scale_driftables(),
         &scale::scale_observables(), {"bit", "sample"},
         [](const param_values& v, const std::string& fid, device_world w, uint64_t seed, engine::cheat_engine* eng,
            double start_h) {
             HB_ASSERT(w.receptor != nullptr, "a scale needs a load receptor");
             return std::unique_ptr<device_instance>(new scale_instance(v, fid, *w.receptor, seed, eng, start_h));
         },
         [](const param_values& v) { scale::make_scale_params(v); }}};
    return types;
}

const device_type* find_device_type(const std::string& name) {
    for (const auto& t : device_types())
        if (t.name == name) return &t;
    return nullptr;
}

}  // namespace hilbench::bench
