#include "harness/detect/charts.h"

#include <boost/numeric/ublas/lu.hpp>
#include <boost/numeric/ublas/matrix.hpp>

#include <cmath>
#include <stdexcept>

namespace hilbench::detect {
namespace {

constexpr double pi = 3.14159265358979323846;
constexpr int nodes = 60;  // quadrature nodes; the ARLs change by < 1e-6 relative beyond 40

double phi(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * pi); }
double Phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

namespace ublas = boost::numeric::ublas;

// Solves A x = b (A: n x n, dense) by LU with partial pivoting.
std::vector<double> solve(ublas::matrix<double> a, const std::vector<double>& b) {
    ublas::vector<double> x(b.size());
    for (std::size_t i = 0; i < b.size(); ++i) x(i) = b[i];
    ublas::permutation_matrix<std::size_t> pm(a.size1());
    if (ublas::lu_factorize(a, pm) != 0) throw std::runtime_error("ARL integral equation: singular system");
    ublas::lu_substitute(a, pm, x);
    return std::vector<double>(x.begin(), x.end());
}

// Bisection on a monotone increasing f for f(x) = target in [lo, hi].
template <class F>
double bisect(F f, double lo, double hi, double target) {
    for (int it = 0; it < 200 && hi - lo > 1e-10 * (1 + hi); ++it) {
        const double mid = 0.5 * (lo + hi);
        (f(mid) < target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

}  // namespace

bool cusum::update(double z) {
    m_up = std::max(0.0, m_up + z - m_d.k);
    m_lo = std::max(0.0, m_lo - z - m_d.k);
    if (m_up > m_d.h || m_lo > m_d.h) {
        m_side = m_up > m_d.h ? 1 : -1;
        reset();
        return true;
    }
    return false;
}

ewma::ewma(const ewma_design& d) : m_d(d), m_limit(d.L * std::sqrt(d.lambda / (2 - d.lambda))) {}

bool ewma::update(double z) {
    m_w = (1 - m_d.lambda) * m_w + m_d.lambda * z;
    if (std::fabs(m_w) > m_limit) {
        reset();
        return true;
    }
    return false;
}

sprt::sprt(const sprt_design& d)
    : m_d(d), m_a(std::log((1 - d.beta) / d.alpha)), m_b(std::log(d.beta / (1 - d.alpha))) {}

sprt::decision sprt::update(double z) {
    // log f1(z)/f0(z) for N(delta, 1) against N(0, 1)
    m_llr += m_d.delta * z - 0.5 * m_d.delta * m_d.delta;
    if (m_llr >= m_a) {
        reset();
        return decision::h1;
    }
    if (m_llr <= m_b) {
        reset();
        return decision::h0;
    }
    return decision::none;
}

void gauss_legendre(int n, double a, double b, std::vector<double>* x, std::vector<double>* w) {
    // roots of P_n by Newton's method from Tricomi's initial guesses; P_n and P_n' by the
    // three-term recurrence
    x->assign(n, 0.0);
    w->assign(n, 0.0);
    for (int i = 0; i < (n + 1) / 2; ++i) {
        double t = std::cos(pi * (i + 0.75) / (n + 0.5));
        double dp = 0;
        for (int it = 0; it < 100; ++it) {
            double p0 = 1, p1 = t;
            for (int j = 2; j <= n; ++j) {
                const double p2 = ((2 * j - 1) * t * p1 - (j - 1) * p0) / j;
                p0 = p1;
                p1 = p2;
            }
            dp = n * (t * p1 - p0) / (t * t - 1);
            const double step = p1 / dp;
            t -= step;
            if (std::fabs(step) < 1e-15) break;
        }
        const double wi = 2 / ((1 - t * t) * dp * dp);
        const double mid = 0.5 * (a + b), half = 0.5 * (b - a);
        (*x)[i] = mid - half * t;
        (*x)[n - 1 - i] = mid + half * t;
        (*w)[i] = (*w)[n - 1 - i] = half * wi;
    }
}

// Upper CUSUM S' = max(0, S + z - k), z ~ N(mu, 1), alarm S' > h. The ARL L(u) from S = u:
//   L(u) = 1 + L(0) Phi(k - u - mu) + int_0^h L(s) phi(s + k - u - mu) ds,
// solved at the nodes and at u = 0 (n + 1 unknowns).
double cusum_arl_one_sided(const cusum_design& d, double mu) {
    std::vector<double> s, w;
    gauss_legendre(nodes, 0.0, d.h, &s, &w);
    const int n = nodes + 1;  // index 0: u = 0
    std::vector<double> u(n, 0.0);
    for (int i = 0; i < nodes; ++i) u[i + 1] = s[i];
    ublas::matrix<double> a(n, n);
    for (int i = 0; i < n; ++i) {
        a(i, 0) = (i == 0 ? 1.0 : 0.0) - Phi(d.k - u[i] - mu);
        for (int j = 0; j < nodes; ++j) a(i, j + 1) = (i == j + 1 ? 1.0 : 0.0) - w[j] * phi(s[j] + d.k - u[i] - mu);
    }
    return solve(a, std::vector<double>(n, 1.0))[0];
}

double cusum_arl_two_sided(const cusum_design& d, double mu) {
    const double up = cusum_arl_one_sided(d, mu), lo = cusum_arl_one_sided(d, -mu);
    return 1.0 / (1.0 / up + 1.0 / lo);
}

// EWMA w' = (1 - l) w + l z, z ~ N(mu, 1), alarm |w'| > c = L sqrt(l / (2 - l)):
//   L(u) = 1 + int_{-c}^{c} L(v) phi((v - (1 - l) u) / l - mu) / l dv.
// The nodes give L there; L(0) follows from the equation itself (Nystrom interpolation).
double ewma_arl_two_sided(const ewma_design& d, double mu) {
    const double l = d.lambda, c = d.L * std::sqrt(l / (2 - l));
    std::vector<double> v, w;
    gauss_legendre(nodes, -c, c, &v, &w);
    ublas::matrix<double> a(nodes, nodes);
    for (int i = 0; i < nodes; ++i)
        for (int j = 0; j < nodes; ++j)
            a(i, j) = (i == j ? 1.0 : 0.0) - w[j] / l * phi((v[j] - (1 - l) * v[i]) / l - mu);
    const std::vector<double> lv = solve(a, std::vector<double>(nodes, 1.0));
    double arl = 1;
    for (int j = 0; j < nodes; ++j) arl += w[j] / l * phi(v[j] / l - mu) * lv[j];
    return arl;
}

double cusum_h_for_arl0(double k, double arl0) {
    return bisect([&](double h) { return cusum_arl_two_sided({k, h}, 0.0); }, 0.01, 40.0, arl0);
}

double ewma_L_for_arl0(double lambda, double arl0) {
    return bisect([&](double L) { return ewma_arl_two_sided({lambda, L}, 0.0); }, 0.1, 8.0, arl0);
}

}  // namespace hilbench::detect
