// Fidelity modes of a device's front end (ARCHITECTURE.md, "Time and speed"):
// bit: analog -> sigma-delta modulator -> RTL at the modulator clock;
// sample: analog -> decimated samples -> the RTL datapath after its decimators;
// twin: as sample, with the bit-exact C++ twin of the RTL in place of the Verilated model
// (the same inputs on the same cycles, so the same outputs: results equal sample's).
#pragma once
#include <string>

namespace hilbench {

enum class fidelity { bit, sample, twin };

// "bit" | "sample" | "twin" (the loader has checked the name against the device's list).
inline fidelity fidelity_named(const std::string& name) {
    return name == "bit" ? fidelity::bit : name == "twin" ? fidelity::twin : fidelity::sample;
}

}  // namespace hilbench
