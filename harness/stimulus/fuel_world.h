// The fuel dispenser's world: the fuel (product, temperature in the meter and in the vessel it
// lands in) and where a delivery goes. The lab points the nozzle at a standard measure; an
// inspector's car at its tank. Viscosity follows the product and its temperature.
#pragma once
#include <string>

#include "models/core/param_table.h"
#include "models/dispenser/fuel_source.h"

namespace hilbench::stimulus {

// What collects the fuel from the nozzle.
class fuel_receiver {
public:
    virtual ~fuel_receiver() = default;
    // litres at the meter's fuel temperature t_meter_c
    virtual void receive(double litres, double t_meter_c) = 0;
};

class fuel_world : public dispenser::fuel_source {
public:
    // product: "petrol" or "diesel"; fuel_temperature_c: (t_s, degC) steps in the meter
    fuel_world(std::string product, time_series fuel_temperature_c, time_series ambient_c);

    double fuel_temperature_c(double t_s) const override;
    double ambient_c(double t_s) const;
    double viscosity_mm2_s(double t_s) const override;
    // cubic expansion coefficient of the product (1/K)
    double beta_per_k() const;
    void deliver(double t0_s, double t1_s, double litres) override;
    void point_nozzle_at(fuel_receiver* r) { m_receiver = r; }
    double delivered_l() const { return m_delivered_l; }  // at the meter's temperature, all receivers
    // the same at 15 degC (the truth the reports carry)
    double delivered_15c_l() const { return m_delivered_15_l; }
    const std::string& product() const { return m_product; }

private:
    std::string m_product;
    time_series m_fuel_c, m_ambient_c;
    fuel_receiver* m_receiver = nullptr;
    double m_delivered_l = 0, m_delivered_15_l = 0;
};

}  // namespace hilbench::stimulus
