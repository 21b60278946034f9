#include "models/core/errors.h"

namespace hilbench {

namespace {
std::string lines(const std::vector<input_error>& all) {
    std::string s;
    for (const auto& e : all) s += (s.empty() ? "" : "\n") + std::string(e.what());
    return s;
}
}  // namespace

// file(), pointer() and message() are the first error's; what() has them all
input_errors::input_errors(std::vector<input_error> all)
    : scenario_error(all.at(0).file(), all.at(0).pointer(), all.at(0).message(), lines(all)), m_all(std::move(all)) {}

void error_collector::add(const input_error& e, std::exception_ptr p) {
    // the same error found twice (one cause seen from two parts) is reported once
    for (const auto& seen : m_all)
        if (std::string(seen.what()) == e.what()) return;
    if (m_all.empty()) m_first = p;
    m_all.push_back(e);
}

void error_collector::raise() const {
    if (m_all.empty()) return;
    if (m_all.size() == 1 && m_first) std::rethrow_exception(m_first);
    throw input_errors(m_all);
}

void assert_failed(const char* expr, const char* file, int line, const std::string& msg) {
    throw std::logic_error(std::string("internal error: ") + expr + " failed at " + file + ":" +
                           std::to_string(line) + (msg.empty() ? "" : ": " + msg));
}

}  // namespace hilbench
