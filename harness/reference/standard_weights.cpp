#include "harness/reference/standard_weights.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "models/core/errors.h"
#include "models/core/rng.h"

namespace hilbench::reference {
namespace {

// R 111 class M1 MPE (mg) per nominal value (g); the other classes scale by their factor
struct mpe_row {
    double nominal_g, m1_mg;
};
constexpr mpe_row m1_table[] = {{50000, 2500}, {20000, 1000}, {10000, 500}, {5000, 250}, {2000, 100}, {1000, 50},
                                {500, 25}, {200, 10}, {100, 5}, {50, 3}, {20, 2.5}, {10, 2}, {5, 1.6}, {2, 1.2},
                                {1, 1}, {0.5, 0.8}, {0.2, 0.6}, {0.1, 0.5}};

double class_factor(const std::string& c) {
    if (c == "F1") return 0.1;
    if (c == "F2") return 0.32;
    if (c == "M1") return 1.0;
    if (c == "M2") return 3.2;
    if (c == "M3") return 10.0;
    HB_ASSERT(false, "unknown weight class " + c);
}

// The lab's set: denomination (g) and how many pieces of it
constexpr std::pair<double, int> lab_set[] = {{20000, 4}, {10000, 2}, {5000, 2}, {2000, 2}, {1000, 1}, {500, 1},
                                              {200, 2}, {100, 1}, {50, 1}, {20, 2}, {10, 1}, {5, 1}, {2, 2},
                                              {1, 1}, {0.5, 1}, {0.2, 2}, {0.1, 1}};

}  // namespace

standard_weights::standard_weights(std::string weight_class, uint64_t seed)
    : m_class(std::move(weight_class)), m_seed(seed) {
    class_factor(m_class);
}

double standard_weights::mpe_g(const std::string& weight_class, double nominal_g) {
    for (const mpe_row& r : m1_table)
        if (std::fabs(r.nominal_g - nominal_g) < 1e-9 * std::max(1.0, nominal_g))
            return r.m1_mg * 1e-3 * class_factor(weight_class);
    // between table values: proportional to the next larger denomination
    for (const mpe_row& r : m1_table)
        if (r.nominal_g < nominal_g) return r.m1_mg * 1e-3 * class_factor(weight_class) * nominal_g / r.nominal_g;
    return m1_table[17].m1_mg * 1e-3 * class_factor(weight_class);
}

weight_piece standard_weights::piece(const std::string& cls, double nominal_g, const std::string& id) const {
    weight_piece p;
    p.id = id;
    p.nominal_g = nominal_g;
    p.mpe_g = mpe_g(cls, nominal_g);
    rng r(derive_seed(m_seed, id));
    p.actual_g = nominal_g + (2 * r.uniform() - 1) * p.mpe_g;
    return p;
}

double standard_weights::capacity_g() {
    double total = 0;
    for (const auto& [denom, count] : lab_set) total += denom * count;
    return total;
}

std::vector<weight_piece> standard_weights::compose(double nominal_g) const {
    std::vector<weight_piece> out;
    double left = nominal_g;
    for (const auto& [denom, count] : lab_set) {
        for (int k = 0; k < count && left >= denom - 1e-9; ++k) {
            char id[64];
            std::snprintf(id, sizeof id, "%s-%gg-%d", m_class.c_str(), denom, k + 1);
            out.push_back(piece(m_class, denom, id));
            left -= denom;
        }
    }
    if (std::fabs(left) > 1e-6)
        throw std::logic_error("the weight set cannot make up " + std::to_string(nominal_g) + " g");
    return out;
}

weight_piece standard_weights::small(double nominal_g, int k) const {
    char id[64];
    std::snprintf(id, sizeof id, "F1-small-%gg-%d", nominal_g, k);
    return piece("F1", nominal_g, id);
}

double standard_weights::actual_g(const std::vector<weight_piece>& pieces) {
    double m = 0;
    for (const auto& p : pieces) m += p.actual_g;
    return m;
}

double standard_weights::standard_uncertainty_g(const std::vector<weight_piece>& pieces) {
    // the pieces were adjusted independently: rectangular within each MPE, summed in quadrature
    double v = 0;
    for (const auto& p : pieces) v += p.mpe_g * p.mpe_g / 3.0;
    return std::sqrt(v);
}

}  // namespace hilbench::reference
