// libFuzzer target: the scenario loader and the plan builder, on any bytes. Bad input must end
// as a scenario_error (input_error); anything else (another exception, a crash, a sanitizer
// report) is a defect. Build: -DHILBENCH_FUZZ=ON with clang (see .ci/sanitize).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "harness/bench/plan.h"
#include "harness/families/family.h"
#include "harness/scenario/scenario.h"
#include "models/core/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace hilbench;
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const scenario::scenario sc = scenario::parse(text, "fuzz.json", families::builtin_catalogue());
        bench::make_plan(sc, families::builtin());
    } catch (const input_error&) {
        // refused with a file and a place: fine
    } catch (const std::exception& e) {
        std::fprintf(stderr, "escaped as another exception: %s\n", e.what());
        std::abort();
    }
    return 0;
}
