#include "harness/reference/standard_weights.h"

#include <cmath>
#include <cstdio>
#include <iterator>
#include <stdexcept>

#include "models/core/errors.h"
#include "models/core/rng.h"

namespace hilbench::reference {
namespace {

// OIML R 111-1:2004 Table 1: maximum permissible errors (mg) per nominal value (g) for the
// classes F1, F2, M1, M2, M3; 0 where R 111 defines no weight of that class. M1 is [S] (the
// reference's source); the other columns are [M] (recalled from the table; its M2 and M3 values
// at 1 kg, 160 mg and 500 mg, are [S]).
struct mpe_row {
    double nominal_g, f1_mg, f2_mg, m1_mg, m2_mg, m3_mg;
};
constexpr mpe_row r111_table[] = {
    {50000, 250, 800, 2500, 8000, 25000}, {20000, 100, 300, 1000, 3000, 10000}, {10000, 50, 160, 500, 1600, 5000},
    {5000, 25, 80, 250, 800, 2500},       {2000, 10, 30, 100, 300, 1000},       {1000, 5, 16, 50, 160, 500},
    {500, 2.5, 8, 25, 80, 250},           {200, 1.0, 3.0, 10, 30, 100},         {100, 0.5, 1.6, 5, 16, 50},
    {50, 0.3, 1.0, 3, 10, 30},            {20, 0.25, 0.8, 2.5, 8, 25},          {10, 0.2, 0.6, 2, 6, 20},
    {5, 0.16, 0.5, 1.6, 5, 16},           {2, 0.12, 0.4, 1.2, 4, 12},           {1, 0.1, 0.3, 1.0, 3, 10},
    {0.5, 0.08, 0.25, 0.8, 2.5, 0},       {0.2, 0.06, 0.2, 0.6, 2.0, 0},        {0.1, 0.05, 0.16, 0.5, 1.6, 0},
    {0.05, 0.04, 0.12, 0.4, 0, 0},        {0.02, 0.03, 0.1, 0.3, 0, 0},         {0.01, 0.025, 0.08, 0.25, 0, 0},
    {0.005, 0.02, 0.06, 0.2, 0, 0},       {0.002, 0.02, 0.06, 0.2, 0, 0},       {0.001, 0.02, 0.06, 0.2, 0, 0}};

// The column of a class; a class R 111 does not define for a nominal value falls back to its
// usual ratio to M1 (then [M]).
double column_mg(const mpe_row& r, const std::string& c) {
    if (c == "F1") return r.f1_mg;
    if (c == "F2") return r.f2_mg;
    if (c == "M1") return r.m1_mg;
    if (c == "M2") return r.m2_mg > 0 ? r.m2_mg : 3.2 * r.m1_mg;
    if (c == "M3") return r.m3_mg > 0 ? r.m3_mg : 10.0 * r.m1_mg;
    HB_ASSERT(false, "unknown weight class " + c);
}

// The lab's set: denomination (g) and how many pieces of it
constexpr std::pair<double, int> lab_set[] = {{20000, 4}, {10000, 2}, {5000, 2}, {2000, 2}, {1000, 1}, {500, 1},
                                              {200, 2}, {100, 1}, {50, 1}, {20, 2}, {10, 1}, {5, 1}, {2, 2},
                                              {1, 1}, {0.5, 1}, {0.2, 2}, {0.1, 1}};

}  // namespace

standard_weights::standard_weights(std::string weight_class, uint64_t seed)
    : m_class(std::move(weight_class)), m_seed(seed) {
    column_mg(r111_table[0], m_class);
}

double standard_weights::mpe_g(const std::string& weight_class, double nominal_g) {
    for (const mpe_row& r : r111_table)
        if (std::fabs(r.nominal_g - nominal_g) < 1e-9 * std::max(1.0, nominal_g)) return column_mg(r, weight_class) * 1e-3;
    // between nominal values (not a weight R 111 defines): in proportion to the next smaller one
    for (const mpe_row& r : r111_table)
        if (r.nominal_g < nominal_g) return column_mg(r, weight_class) * 1e-3 * nominal_g / r.nominal_g;
    return column_mg(r111_table[std::size(r111_table) - 1], weight_class) * 1e-3;
}

std::string standard_weights::mpe_confidence(const std::string& weight_class) {
    return weight_class == "M1" ? "[S]" : "[M]";
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
