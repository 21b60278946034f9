// Register map of the energy front end (rtl/energy_frontend/ef_regs.sv), as a datasheet
// would print it. Shared by the RTL adapter, the firmware model, the twin and the tests.
#pragma once
#include <cstdint>

namespace hilbench::ef {

enum reg : uint8_t {
    ID = 0x00,          // RO  0x48424546 "HBEF"
    STATUS = 0x01,      // RO  [0] RUNNING [1] REVP [2] TAMPER [3] I2_USED [4] LOCKED
    CONFIG = 0x02,      // CAL [0] HPF_V [1] HPF_I [2] HPF_I2 [3] ABS_ENERGY [4] USE_LARGER
    LOCK = 0x03,        // W 1 = lock, W UNLOCK_KEY = unlock; R [0] locked
    CALWR_CNT = 0x04,   // RO  accepted calibration writes since reset
    CALWR_REJ = 0x05,   // RO  calibration writes rejected by the lock
    VGAIN = 0x10,       // CAL u24 Q2.22, 0x400000 = 1.0
    IGAIN = 0x11,       // CAL u24 Q2.22
    I2GAIN = 0x12,      // CAL u24 Q2.22
    VOFFSET = 0x13,     // CAL s24
    IOFFSET = 0x14,     // CAL s24
    I2OFFSET = 0x15,    // CAL s24
    PHCAL = 0x16,       // CAL s12, 1/1024 sample; >= 0 delays the currents
    WATTOS = 0x17,      // CAL s32 active-power offset
    NOLOAD = 0x18,      // CAL u32 stop threshold on |P|
    START = 0x19,       // CAL u32 start threshold on |P|
    CFTHR_LO = 0x1A,    // CAL u48 energy quantum threshold, low word
    CFTHR_HI = 0x1B,    // CAL high 16 bits
    CFDIV = 0x1C,       // CAL u16 quanta per CF pulse
    CFWIDTH = 0x1D,     // CAL u16 CF high time in samples
    TAMPER_THR = 0x1E,  // CAL u7 mismatch threshold in 1/128
    TAMPER_MIN = 0x1F,  // CAL u24 minimum mean |I| for the comparator
    AENERGY = 0x20,     // RO  s32 energy quanta (wrapping)
    CFCNT = 0x21,       // RO  u32 CF pulses emitted
    APOWER = 0x22,      // RO  s32 filtered active power
    VWAVE = 0x23,       // RO  s24 voltage sample after calibration
    IWAVE = 0x24,       // RO  s24 phase current sample
    I2WAVE = 0x25,      // RO  s24 neutral current sample
    IABSAVG = 0x26,     // RO  u24 mean |I|
    I2ABSAVG = 0x27,    // RO  u24 mean |I2|
};

constexpr uint32_t ID_VALUE = 0x48424546u;
constexpr uint32_t UNLOCK_KEY = 0x5aa5c33cu;
constexpr uint32_t GAIN_ONE = 0x400000u;

namespace status_bit {
constexpr uint32_t RUNNING = 1u << 0, REVP = 1u << 1, TAMPER = 1u << 2, I2_USED = 1u << 3,
                   LOCKED = 1u << 4;
}
namespace config_bit {
constexpr uint32_t HPF_V = 1u << 0, HPF_I = 1u << 1, HPF_I2 = 1u << 2, ABS_ENERGY = 1u << 3,
                   USE_LARGER = 1u << 4, DC = 1u << 5;
}

inline bool is_calibration_register(uint8_t addr) {
    return addr == CONFIG || (addr & 0xF0u) == 0x10u;
}

// Synthesis parameters of the top as built in this project (CMake passes the same values).
constexpr int OSR_LOG2 = 8;
constexpr int HPF_K = 10;
constexpr int LPF_K = 8;
constexpr int TAMPER_K = 8;

}  // namespace hilbench::ef
