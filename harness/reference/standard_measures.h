// The lab's standard metal measures (标准金属量器): 20 L and 50 L for the accuracy tests and
// a small one for the MMQ. Each has an actual capacity error drawn once within its class
// (seeded by its identity), which the lab does not know: it reads the neck scale, applies the
// temperature corrections and carries the class as an uncertainty. Steel expands with its
// temperature (beta of steel), the fuel between the meter and the measure with its own (it
// arrives at the meter's temperature and takes a share of the way to the air's); a
// dry measure keeps a wetting film out of the reading and an emptied one keeps what did not
// drain. The lab wets the measure once and drains it for drain_s before each run.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "harness/stimulus/fuel_world.h"

namespace hilbench::reference {

class standard_measure : public stimulus::fuel_receiver {
public:
    standard_measure(double nominal_l, double class_pct, std::string id, uint64_t seed);

    void receive(double litres, double t_meter_c) override;
    // The neck-scale reading (L) at the measure's temperature, to its scale interval.
    double reading_l() const;
    double scale_interval_l() const { return m_interval_l; }
    // The liquid in the measure at the meter's temperature, from a reading (the lab's formula):
    // V = reading x (1 + beta_steel (t_measure - 20)) x (1 + beta_fuel (t_meter - t_measure)).
    static double volume_at_meter(double reading_l, double t_measure_c, double t_meter_c, double beta_fuel);
    // the air around the measure (an empty measure's walls are at it)
    void set_air_temperature(double t_air_c);
    // what the lab's thermometer in the measure reads: the liquid, and the walls that took its
    // temperature (the air's while empty)
    double temperature_c() const { return m_t_c; }
    // share of the way from the meter's temperature to the air's that the fuel makes between
    // the nozzle and the thermometer [M]
    static constexpr double air_exchange = 0.15;
    void set_fuel_beta(double beta) { m_beta_fuel = beta; }
    // Empty it, letting it drain drain_s seconds: the walls stay wet.
    void empty(double drain_s);
    bool wet() const { return m_wet; }
    double nominal_l() const { return m_nominal_l; }
    double class_pct() const { return m_class_pct; }
    // relative standard uncertainty of a full measure (rectangular within the class)
    double standard_uncertainty_rel() const { return m_class_pct / 100 / std::sqrt(3.0); }
    double liquid_l() const { return m_liquid_l; }  // the truth, at the measure's temperature

    static constexpr double beta_steel_per_k = 0.0000345;  // cubic, carbon steel [M]

private:
    double m_nominal_l, m_class_pct, m_interval_l, m_capacity_error;
    std::string m_id;
    double m_t_c = 20, m_air_c = 20, m_beta_fuel = 0.0012;
    double m_liquid_l = 0, m_residual_l = 0;
    bool m_wet = false;
};

// The set of the lab: 2 L, 5 L, 20 L, 50 L.
class standard_measures {
public:
    standard_measures(double class_pct, uint64_t seed);
    // the smallest measure that holds volume_l (the largest if none does)
    standard_measure& for_volume(double volume_l);
    static double largest_l() { return 50.0; }

private:
    std::vector<standard_measure> m_set;
};

}  // namespace hilbench::reference

namespace hilbench::reference {

// The inspector's master meter in the fill line of a test car (a 加油机暗访车): it measures any
// volume, with a gain error drawn once within its class (unknown to the inspector, carried as
// uncertainty).
class master_meter : public stimulus::fuel_receiver {
public:
    master_meter(double class_pct, uint64_t seed);
    void receive(double litres, double t_meter_c) override;
    void reset() { m_litres = 0; }
    double reading_l() const { return m_litres * (1 + m_gain_error); }
    double class_pct() const { return m_class_pct; }

private:
    double m_class_pct, m_gain_error;
    double m_litres = 0;
};

}  // namespace hilbench::reference
