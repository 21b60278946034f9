// Sequential charts on a standardised residual z = (x - mu0) / sigma, and their average run
// lengths. The charts are what the residual detectors run; the ARLs are how a chart is designed
// (an in-control ARL that sets the false-alarm rate, and the ARL at the shift it must catch).
//
// ARLs are for independent N(mu, 1) observations (mu: the shift in sigma), computed by the
// Nystrom method on the chart's integral equation with Gauss-Legendre nodes, the method of
// Goel & Wu (CUSUM) and Crowder (EWMA). tests/detect/ checks them against R's spc package and
// against the charts themselves run on simulated streams.
#pragma once
#include <cstdint>
#include <vector>

namespace hilbench::detect {

// Tabular CUSUM: S+ = max(0, S+ + z - k), S- = max(0, S- - z - k); an alarm when either
// exceeds h. k and h in sigma; k = delta/2 is optimal for a shift of delta.
struct cusum_design {
    double k = 0.5;
    double h = 4.0;
};

class cusum {
public:
    explicit cusum(const cusum_design& d) : m_d(d) {}
    // One observation; true: an alarm (the chart restarts from zero).
    bool update(double z);
    double upper() const { return m_up; }
    double lower() const { return m_lo; }
    // +1: the last alarm was on the upper side, -1: the lower.
    int side() const { return m_side; }
    void reset() { m_up = m_lo = 0; }

private:
    cusum_design m_d;
    double m_up = 0, m_lo = 0;
    int m_side = 0;
};

// EWMA with fixed (asymptotic) limits: w = (1 - lambda) w + lambda z, an alarm when
// |w| > L sqrt(lambda / (2 - lambda)).
struct ewma_design {
    double lambda = 0.1;
    double L = 2.7;
};

class ewma {
public:
    explicit ewma(const ewma_design& d);
    bool update(double z);
    double value() const { return m_w; }
    double limit() const { return m_limit; }
    void reset() { m_w = 0; }

private:
    ewma_design m_d;
    double m_limit = 0, m_w = 0;
};

// Wald's sequential probability ratio test of mean 0 against mean delta (in sigma, either sign),
// repeated: after accepting H0 it starts again, so it watches a stream. Thresholds from alpha
// and beta: accept H1 when the log-likelihood ratio reaches ln((1 - beta) / alpha), H0 when it
// falls to ln(beta / (1 - alpha)).
struct sprt_design {
    double delta = 1.0;
    double alpha = 0.05;
    double beta = 0.05;
};

class sprt {
public:
    explicit sprt(const sprt_design& d);
    enum class decision { none, h0, h1 };
    decision update(double z);
    double llr() const { return m_llr; }
    double upper() const { return m_a; }
    double lower() const { return m_b; }
    void reset() { m_llr = 0; }

private:
    sprt_design m_d;
    double m_a = 0, m_b = 0, m_llr = 0;
};

// Average run lengths (observations up to and including the alarm), chart started at zero.
double cusum_arl_one_sided(const cusum_design& d, double mu);   // the upper chart alone
double cusum_arl_two_sided(const cusum_design& d, double mu);   // 1/ARL = 1/ARL+ + 1/ARL-
double ewma_arl_two_sided(const ewma_design& d, double mu);
// The h that gives a two-sided CUSUM with this k the in-control ARL arl0 (bisection).
double cusum_h_for_arl0(double k, double arl0);
// The L that gives a two-sided EWMA with this lambda the in-control ARL arl0.
double ewma_L_for_arl0(double lambda, double arl0);

// Gauss-Legendre nodes and weights on [a, b].
void gauss_legendre(int n, double a, double b, std::vector<double>* nodes, std::vector<double>* weights);

}  // namespace hilbench::detect
