// Factory calibration of the meter: the register values a calibration station would
// write after measuring the as-built front end at the calibration temperature, plus the
// residual errors the scenario asks for. Also the design quantities the firmware needs.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "models/meter/analog_front_end.h"
#include "models/meter/meter_params.h"

namespace hilbench::meter {

struct calibration_set {
    uint32_t config = 0;
    uint32_t vgain = 0, igain = 0, i2gain = 0;
    int32_t voffset = 0, ioffset = 0, i2offset = 0;
    int32_t phcal = 0;
    int32_t wattos = 0;
    uint32_t noload = 0, start = 0;
    uint64_t cfthr = 0;
    uint32_t cfdiv = 1, cfwidth = 1;
    uint32_t tamper_thr = 0, tamper_min = 0;

    // (register address, value) in the order the firmware writes them.
    std::vector<std::pair<uint8_t, uint32_t>> writes() const;
    // (legal parameter name, value) for the audit trail and the checksum.
    std::vector<std::pair<std::string, int64_t>> named() const;
};

struct calibration_result {
    calibration_set regs;
    double power_lsb_per_w = 0;  // APOWER LSB per watt of line power, as calibrated
};

calibration_result factory_calibration(const meter_params& p, const analog_front_end& afe);

// Magnitude of the DC-removal filter of the front end at f (sample rate fs, 2**k).
double hpf_gain(double f_hz, double fs_hz, int k);

}  // namespace hilbench::meter
