#include "harness/bench/registry.h"

#include "models/meter/meter_taps.h"
#include "models/meter/single_phase_meter.h"

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
    std::vector<reports::audit_row> audit_trail() const override {
        std::vector<reports::audit_row> out;
        for (const auto& e : m_meter.audit_trail())
            out.push_back({e.sequence, e.event_counter, e.time_s, e.kind, e.source, e.parameter, e.old_value, e.new_value});
        return out;
    }
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

}  // namespace

const std::vector<device_type>& device_types() {
    static const std::vector<device_type> types = {
        {"meter.single_phase",
         "single-phase static electricity meter: shunt or CT front end, Verilated metering ASIC "
         "(rtl/energy_frontend), firmware with audit trail",
         "meter", &meter::meter_param_table(), &meter::meter_taps(), &meter::meter_driftables(),
         &meter::meter_observables(), {"bit", "sample"},
         [](const param_values& v, const std::string& fid, ac_line& line, uint64_t seed, engine::cheat_engine* eng,
            double start_h) {
             return std::unique_ptr<device_instance>(new meter_instance(v, fid, line, seed, eng, start_h));
         }}};
    return types;
}

const device_type* find_device_type(const std::string& name) {
    for (const auto& t : device_types())
        if (t.name == name) return &t;
    return nullptr;
}

}  // namespace hilbench::bench
