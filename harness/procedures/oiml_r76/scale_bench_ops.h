// What a weighing lab does with its hands, shared by the scale procedures: place and remove
// standard weights (made up from the lab's set) at positions, wait for a stable
// indication, read it, and find the changeover point with small weights of 0.1 e.
// Everything goes through the scale's legal outputs and controls and the world.
#pragma once
#include <string>
#include <vector>

#include "harness/families/scale/scale_lab.h"
#include "harness/procedures/procedure.h"
#include "harness/procedures/sim_time.h"
#include "harness/reference/standard_weights.h"

namespace hilbench::procedures::oiml_r76 {

using families::scale::scale_lab;

class bench_hands {
public:
    bench_hands(scale_lab& ctx, double settle_s);

    // Places the nominal load at (x, y) from standard weights; returns its handle.
    std::string place(double nominal_g, double x = 0, double y = 0);
    // Places a load of any mass (a commodity, a container) with no standard behind it.
    std::string place_exact(double mass_g, double x = 0, double y = 0, double rate_g_per_s = 0);
    void remove(const std::string& handle);
    void remove_all();
    // Standard uncertainty of a placed standard load's conventional mass (g).
    double uncertainty_g(const std::string& handle) const;
    double weights_mpe_g(const std::string& handle) const;
    // Waits settle_s, then until the display shows a stable weighing result (timeout_s).
    bool wait_stable(double timeout_s = 60);
    // The indication (net or gross as displayed), after wait_stable; NaN without a weighing result.
    double read();

    struct changeover {
        bool ok = false;
        double indication_g = 0, added_g = 0, p_g = 0;
        int steps = 0;
    };
    // From the current stable indication I, adds 0.1 e small weights until the indication
    // rises by e; the small weights are then removed. Without a weighing result (overload,
    // blanking) ok is false and the indication NaN.
    changeover find_changeover(double e);
    void press(const std::string& key);
    void type_unit_price(double price_per_kg);

private:
    scale_lab& m_ctx;
    double m_settle_s;
    int m_count = 0;
    struct group {
        std::string handle;
        std::vector<std::string> ids;
        std::vector<reference::weight_piece> pieces;
    };
    std::vector<group> m_groups;
};

}  // namespace hilbench::procedures::oiml_r76
