#include "models/core/errors.h"

namespace hilbench {

void assert_failed(const char* expr, const char* file, int line, const std::string& msg) {
    throw std::logic_error(std::string("internal error: ") + expr + " failed at " + file + ":" +
                           std::to_string(line) + (msg.empty() ? "" : ": " + msg));
}

}  // namespace hilbench
