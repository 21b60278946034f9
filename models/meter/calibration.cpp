#include "models/meter/calibration.h"

#include <algorithm>
#include <cmath>
#include <complex>

#include "models/meter/ef_regs.h"

namespace hilbench::meter {
namespace {
constexpr double two23 = 8388608.0;

uint32_t clamp_u(double v, double hi) { return static_cast<uint32_t>(std::llround(std::clamp(v, 0.0, hi))); }
}  // namespace

double hpf_gain(double f_hz, double fs_hz, int k) {
    const double a = std::ldexp(1.0, -k);
    const std::complex<double> z1 = std::polar(1.0, -2 * pi * f_hz / fs_hz);
    return std::abs((1.0 - z1) / (1.0 - (1.0 - a) * z1));
}

std::vector<std::pair<uint8_t, uint32_t>> calibration_set::writes() const {
    using namespace ef;
    return {{CONFIG, config},
            {VGAIN, vgain},
            {IGAIN, igain},
            {I2GAIN, i2gain},
            {VOFFSET, static_cast<uint32_t>(voffset)},
            {IOFFSET, static_cast<uint32_t>(ioffset)},
            {I2OFFSET, static_cast<uint32_t>(i2offset)},
            {PHCAL, static_cast<uint32_t>(phcal)},
            {WATTOS, static_cast<uint32_t>(wattos)},
            {NOLOAD, noload},
            {START, start},
            {CFTHR_LO, static_cast<uint32_t>(cfthr & 0xffffffffu)},
            {CFTHR_HI, static_cast<uint32_t>(cfthr >> 32)},
            {CFDIV, cfdiv},
            {CFWIDTH, cfwidth},
            {TAMPER_THR, tamper_thr},
            {TAMPER_MIN, tamper_min}};
}

std::vector<std::pair<std::string, int64_t>> calibration_set::named() const {
    return {{"CONFIG", config},   {"VGAIN", vgain},     {"IGAIN", igain},         {"I2GAIN", i2gain},
            {"VOFFSET", voffset}, {"IOFFSET", ioffset}, {"I2OFFSET", i2offset},   {"PHCAL", phcal},
            {"WATTOS", wattos},   {"NOLOAD", noload},   {"START", start},         {"CFTHR", int64_t(cfthr)},
            {"CFDIV", cfdiv},     {"CFWIDTH", cfwidth}, {"TAMPER_THR", tamper_thr}, {"TAMPER_MIN", tamper_min}};
}

calibration_result factory_calibration(const meter_params& p, const analog_front_end& afe) {
    calibration_result out;
    calibration_set& c = out.regs;
    const double tc = p.calibration_temperature_c;
    const double f = p.freq_hz;
    const double fs = sample_rate_hz;
    const double h = sinc3_gain(f, modulator_clock_hz, oversampling_ratio) * hpf_gain(f, fs, ef::HPF_K);
    // LSB (24-bit sample) per RMS volt / ampere at the fundamental; mean(v*i) = a_v a_i V I cos
    const double a_v = afe.voltage_gain(tc) * two23 * h;
    const double a_i = afe.current_gain(tc) * two23 * h;
    const double a_n = afe.neutral_gain(tc) * two23 * h;

    // Phase: delay the lagging-side channel so that the sensor lead (minus the residual
    // the scenario leaves) is cancelled; d solves arg((1-d) + d e^{-j theta}) = -phi.
    const double phi = afe.current_phase_lead_rad() - p.calibration_phase_error_deg * pi / 180.0;
    const double theta = 2 * pi * f / fs;
    const double tp = std::tan(std::fabs(phi));
    const double d = tp / (std::sin(theta) + tp * (1 - std::cos(theta)));
    const long phcal = std::lround(std::clamp(d, 0.0, 1.0) * 1024.0);
    c.phcal = static_cast<int32_t>(phi >= 0 ? phcal : -phcal);
    const double dq = double(phcal) / 1024.0;
    const double m_interp = std::abs(std::complex<double>(1 - dq + dq * std::cos(theta), -dq * std::sin(theta)));

    c.vgain = ef::GAIN_ONE;
    c.igain = clamp_u(ef::GAIN_ONE * (1.0 + p.calibration_gain_error_pct / 100.0), 0xffffff);
    c.i2gain = clamp_u(ef::GAIN_ONE * a_i / a_n, 0xffffff);
    out.power_lsb_per_w = a_v * a_i * m_interp / 65536.0;

    const double quantum_j = 3.6e6 / (p.meter_constant_imp_per_kwh * p.energy_quanta_per_pulse);
    c.cfthr = static_cast<uint64_t>(std::llround(out.power_lsb_per_w * fs * quantum_j));
    c.cfdiv = static_cast<uint32_t>(p.energy_quanta_per_pulse);
    c.cfwidth = std::max<uint32_t>(1, clamp_u(p.cf_pulse_width_ms * 1e-3 * fs, 0xffff));
    const double p_ist = p.voltage_v * starting_current_a(p) * out.power_lsb_per_w;
    c.start = clamp_u(p_ist * p.start_threshold_pct_of_ist / 100.0, 4294967295.0);
    c.noload = clamp_u(p_ist * p.noload_threshold_pct_of_ist / 100.0, 4294967295.0);
    c.tamper_thr = clamp_u(p.tamper_threshold_pct * 1.28, 127);
    // mean |i| of a sine at 5 % Ib: sqrt(2) I 2/pi
    c.tamper_min = clamp_u(a_i * 0.05 * p.basic_current_a * std::sqrt(2.0) * 2.0 / pi, 0xffffff);
    c.config = ef::config_bit::HPF_V | ef::config_bit::HPF_I | ef::config_bit::HPF_I2 |
               (p.absolute_energy ? ef::config_bit::ABS_ENERGY : 0u) |
               (p.use_larger_current ? ef::config_bit::USE_LARGER : 0u);
    return out;
}

}  // namespace hilbench::meter
