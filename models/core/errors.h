// Error kinds of hilbench. Bad input (scenario_error, config_error) exits 2, an internal
// bug (HB_ASSERT, std::logic_error) exits 3. Every bad-input message reads
// "<file>:<json-pointer>: expected <what>, got <what>".
#pragma once
#include <stdexcept>
#include <string>

namespace hilbench {

class input_error : public std::runtime_error {
public:
    input_error(std::string file, std::string pointer, std::string message)
        : std::runtime_error(format(file, pointer, message)),
          m_file(std::move(file)), m_pointer(std::move(pointer)), m_message(std::move(message)) {}
    const std::string& file() const { return m_file; }
    const std::string& pointer() const { return m_pointer; }
    const std::string& message() const { return m_message; }

private:
    static std::string format(const std::string& f, const std::string& p, const std::string& m) {
        std::string s = f;
        if (!p.empty()) s += ":" + p;
        if (!s.empty()) s += ": ";
        return s + m;
    }
    std::string m_file, m_pointer, m_message;
};

// A scenario file that is malformed or inconsistent.
class scenario_error : public input_error {
public:
    using input_error::input_error;
};

// A model parameter set that a model refuses (names the instance as the pointer's owner).
class config_error : public input_error {
public:
    using input_error::input_error;
};

[[noreturn]] void assert_failed(const char* expr, const char* file, int line, const std::string& msg);

}  // namespace hilbench

#define HB_ASSERT(cond, msg)                                                        \
    do {                                                                            \
        if (!(cond)) ::hilbench::assert_failed(#cond, __FILE__, __LINE__, (msg));  \
    } while (0)
