// libFuzzer target: the CSV readers a scenario can point at (load profiles and replacement
// series), on any bytes; the first byte picks the reader. Bad input must end as a
// scenario_error; anything else is a defect.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "harness/scenario/csv.h"
#include "harness/stimulus/ac_profile.h"
#include "models/core/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace hilbench;
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        if (data[0] & 1) {
            ac_line_state base;
            base.voltage_v = 230;
            base.freq_hz = 50;
            stimulus::parse_profile_csv(text, "fuzz.csv", base);
        } else {
            scenario::parse_series_csv(text, "fuzz.csv");
        }
    } catch (const input_error&) {
    } catch (const std::exception& e) {
        std::fprintf(stderr, "escaped as another exception: %s\n", e.what());
        std::abort();
    }
    return 0;
}
