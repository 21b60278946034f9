// The lab's standard weights (OIML R 111). A nominal load is made up from a set of pieces,
// largest first; every piece has an actual mass that differs from its nominal value by an
// error drawn once per run within its class's MPE (seeded by the piece's identity), which
// the lab does not know: it uses nominal values and carries the MPE as an uncertainty
// (rectangular). Small changeover weights of 0.1 e come from a separate class F1 set.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hilbench::reference {

struct weight_piece {
    std::string id;
    double nominal_g = 0, actual_g = 0, mpe_g = 0;
};

class standard_weights {
public:
    standard_weights(std::string weight_class, uint64_t seed);

    // R 111 MPE of one weight of the given class and nominal value (g), from R 111-1 Table 1.
    static double mpe_g(const std::string& weight_class, double nominal_g);
    // How sure the class's MPE table is: [S] read in a primary source, [M] recalled.
    static std::string mpe_confidence(const std::string& weight_class);
    const std::string& weight_class() const { return m_class; }
    // The largest load the lab's set makes up (g).
    static double capacity_g();
    // Pieces that make up the nominal load (throws std::logic_error if the set cannot).
    std::vector<weight_piece> compose(double nominal_g) const;
    // A changeover weight of `nominal_g` (0.1 e, class F1), the k-th of the small set.
    weight_piece small(double nominal_g, int k) const;
    static double actual_g(const std::vector<weight_piece>& pieces);
    // Standard uncertainty of the load's conventional mass (g).
    static double standard_uncertainty_g(const std::vector<weight_piece>& pieces);

private:
    weight_piece piece(const std::string& cls, double nominal_g, const std::string& id) const;
    std::string m_class;
    uint64_t m_seed;
};

}  // namespace hilbench::reference
