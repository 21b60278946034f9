// The load receptor of a weighing instrument as the physical world drives it: the loads
// lying on it (mass, position, and a mass rate for a slowly filling load), the ambient
// temperature and the supply voltage. The world (harness/stimulus) implements it; a device
// registers as a listener so that it can bring its own simulation up to `now` before a
// load is placed or removed.
#pragma once
#include <string>
#include <vector>

namespace hilbench {

struct receptor_load {
    std::string id;
    double mass_g = 0;          // at since_s
    double x = 0, y = 0;        // position on the receptor, -1 .. 1 from the centre to the edge
    double rate_g_per_s = 0;    // a load that grows (sand, water) or shrinks
    double since_s = 0;
    double mass_at(double t_s) const { return mass_g + rate_g_per_s * (t_s - since_s); }
};

class receptor_listener {
public:
    virtual ~receptor_listener() = default;
    // Called with the old loads still in place, just before they change at time now_s.
    virtual void before_receptor_change(double now_s) = 0;
};

class load_receptor {
public:
    virtual ~load_receptor() = default;
    virtual const std::vector<receptor_load>& loads() const = 0;
    virtual double temperature_c(double t_s) const = 0;
    virtual double supply_v(double t_s) const = 0;
    virtual void add_listener(receptor_listener* l) = 0;
};

}  // namespace hilbench
