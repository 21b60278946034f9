// Deterministic per-instance random numbers: xoshiro256** seeded through splitmix64.
// The only source of randomness in models; seeds derive from the scenario seed.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>

namespace hilbench {

inline uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// Derive a child seed from a parent seed and a name (FNV-1a of the name, mixed).
inline uint64_t derive_seed(uint64_t parent, const std::string& name) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : name) h = (h ^ c) * 0x100000001b3ull;
    uint64_t x = parent ^ h;
    return splitmix64(x);
}

class rng {
public:
    explicit rng(uint64_t seed = 1) {
        uint64_t x = seed;
        for (auto& s : m_s) s = splitmix64(x);
    }
    uint64_t next() {
        const uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    // Approximately normal with unit variance from one draw: the sum of four 16-bit
    // uniforms (Irwin-Hall), cheap enough for a per-cycle loop.
    double fast_normal() {
        const uint64_t r = next();
        const double s = double(r & 0xffff) + double((r >> 16) & 0xffff) + double((r >> 32) & 0xffff) +
                         double(r >> 48);
        return (s - 4.0 * 32767.5) * (1.0 / 37837.0);  // sqrt(4 * 65536^2 / 12) = 37837.2
    }
    // Two approximately normal values from one draw (each the sum of four 8-bit uniforms).
    void fast_normal_pair(double* a, double* b) {
        const uint64_t r = next();
        auto sum4 = [](uint64_t x) {
            return double((x & 0xff) + ((x >> 8) & 0xff) + ((x >> 16) & 0xff) + ((x >> 24) & 0xff));
        };
        constexpr double mean = 4 * 127.5, inv_sd = 1.0 / 147.79;  // sqrt(4 * (256^2 - 1) / 12)
        *a = (sum4(r) - mean) * inv_sd;
        *b = (sum4(r >> 32) - mean) * inv_sd;
    }
    double normal() {
        const double u1 = uniform() + 1e-300, u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t m_s[4];
};

}  // namespace hilbench
