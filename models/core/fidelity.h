// Fidelity modes of a device's RTL front end (ARCHITECTURE.md, "Time and speed"):
// bit: analog -> sigma-delta modulator -> RTL at the modulator clock;
// sample: analog -> decimated samples -> the RTL datapath after its decimators.
#pragma once

namespace hilbench {

enum class fidelity { bit, sample };

}  // namespace hilbench
