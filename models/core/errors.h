// Error kinds of hilbench. Bad input (scenario_error, config_error) exits 2, an internal
// bug (HB_ASSERT, std::logic_error) exits 3. Every bad-input message reads
// "<file>:<json-pointer>: expected <what>, got <what>".
#pragma once
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace hilbench {

class input_error : public std::runtime_error {
public:
    input_error(std::string file, std::string pointer, std::string message)
        : std::runtime_error(format(file, pointer, message)),
          m_file(std::move(file)), m_pointer(std::move(pointer)), m_message(std::move(message)) {}
    const std::string& file() const { return m_file; }
    const std::string& pointer() const { return m_pointer; }
    const std::string& message() const { return m_message; }

protected:
    // an error whose text is given whole (several errors, one per line)
    input_error(std::string file, std::string pointer, std::string message, const std::string& text)
        : std::runtime_error(text), m_file(std::move(file)), m_pointer(std::move(pointer)), m_message(std::move(message)) {}

private:
    static std::string format(const std::string& f, const std::string& p, const std::string& m) {
        std::string s = f;
        if (!p.empty()) s += (s.empty() ? "" : ":") + p;  // a command-line option stands alone
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

// Every bad-input error found in one file, when the reader went on after the first to report
// them all (`hilbench validate`). what() has one line per error, in the order found.
class input_errors : public scenario_error {
public:
    explicit input_errors(std::vector<input_error> all);
    const std::vector<input_error>& all() const { return m_all; }

private:
    std::vector<input_error> m_all;
};

// Collects the bad-input errors of the independent parts of a file: attempt() runs one part,
// keeps its error (or errors) and returns false, so that the next part is still read. raise()
// rethrows a single error as it was thrown, and several as input_errors.
class error_collector {
public:
    template <class Part>
    bool attempt(Part&& part) {
        try {
            part();
            return true;
        } catch (const input_errors& e) {
            for (const auto& one : e.all()) add(one, nullptr);
        } catch (const input_error& e) {
            add(e, std::current_exception());
        }
        return false;
    }
    bool empty() const { return m_all.empty(); }
    void raise() const;

private:
    void add(const input_error& e, std::exception_ptr p);
    std::vector<input_error> m_all;
    std::exception_ptr m_first;  // the first error as thrown (rethrown when it is the only one)
};

[[noreturn]] void assert_failed(const char* expr, const char* file, int line, const std::string& msg);

}  // namespace hilbench

#define HB_ASSERT(cond, msg)                                                        \
    do {                                                                            \
        if (!(cond)) ::hilbench::assert_failed(#cond, __FILE__, __LINE__, (msg));  \
    } while (0)
