// The world at the dispenser's nozzle: the fuel's temperature and viscosity, and where the
// delivered fuel goes (the lab's standard measure, a customer's tank).
#pragma once

namespace hilbench::dispenser {

class fuel_source {
public:
    virtual ~fuel_source() = default;
    virtual double fuel_temperature_c(double t_s) const = 0;
    virtual double viscosity_mm2_s(double t_s) const = 0;
    // litres (at the fuel's temperature in the meter) left the nozzle during [t0_s, t1_s]
    virtual void deliver(double t0_s, double t1_s, double litres) = 0;
};

}  // namespace hilbench::dispenser
