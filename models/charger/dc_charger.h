// SystemC model of a DC off-board charger: a power module that follows the vehicle's demand
// within its limits, the DC meter (the metering ASIC in DC mode behind a shunt or Hall sensor)
// at its output, the charging cable (a loop resistance between the meter and the vehicle), the
// cable-loss compensation of the firmware (the billed energy is the measured energy less
// I^2 R t with the resistance of the cable id it is set to, as OCMF's LC and CL record it), and
// the charger firmware (sessions, billing, clock, signed records).
#pragma once
#include <systemc>

#include <string>
#include <vector>

#include "models/charger/charger_device.h"
#include "models/charger/charger_params.h"
#include "models/charger/dc_meter.h"
#include "models/core/cheat_engine.h"
#include "models/core/fidelity.h"
#include "models/core/model_stat.h"

namespace hilbench::charger {

class dc_charger : public charger_device {
public:
    dc_charger(sc_core::sc_module_name name, const dc_charger_params& p, fidelity f, dc_outlet& outlet, uint64_t seed,
               engine::cheat_engine* eng = nullptr, double start_time_of_day_h = 10.0);

    void start_session(const std::string& id_tag) override;
    void stop_session() override;

    // for the bench: the truth and the probes
    double meter_register_kwh() const { return m_meter.display_kwh(); }
    double compensated_loss_kwh() const { return m_loss_kwh; }
    double true_cable_loss_kwh() const { return m_true_loss_kwh; }
    double output_current_a() const { return m_current; }
    double output_voltage_v() const { return m_voltage; }
    std::vector<model_stat> stats() const;
    void trace_rtl(const std::string& path, double window_s) { m_meter.trace(path, window_s); }

    // what the charger's nameplate states (the one place it is read from the parameters)
    static charger_nameplate nameplate_of(const dc_charger_params& p);

private:
    void step(double now) override;
    void account(double now);  // the loss integrals and the meter's register up to now
    void end_session(double now, const std::string& reason);
    dc_modifiers modifiers(double now);
    double cable_mohm(int id) const;

    const dc_charger_params& m_p;
    dc_meter m_meter;
    dc_outlet& m_outlet;
    engine::cheat_engine* m_engine;
    engine::observables m_observables;
    bool m_authorised = false;
    int m_cable_id = 0;
    double m_cable_mohm = 0;  // the fitted cable's loop resistance as it is now (a corroded connector raises it)
    double m_current = 0, m_voltage = 0, m_last_t = 0, m_loss_kwh = 0, m_true_loss_kwh = 0;
    dc_modifiers m_mod;
    std::size_t m_pulses_taken = 0;
};

}  // namespace hilbench::charger
