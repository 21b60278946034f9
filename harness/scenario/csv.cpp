#include "harness/scenario/csv.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace hilbench::scenario {

std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> f;
    std::string cur;
    for (char c : line) {
        if (c == ',') {
            f.push_back(cur);
            cur.clear();
        } else if (c != '\r') {
            cur += c;
        }
    }
    f.push_back(cur);
    return f;
}

namespace {
// [+-] (digits [. digits*] | . digits) [(e|E) [+-] digits]
bool decimal_syntax(const std::string& s) {
    std::size_t k = 0;
    auto digits = [&] {
        const std::size_t from = k;
        while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
        return k - from;
    };
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    const std::size_t whole = digits();
    std::size_t frac = 0;
    if (k < s.size() && s[k] == '.') {
        ++k;
        frac = digits();
    }
    if (whole + frac == 0) return false;
    if (k < s.size() && (s[k] == 'e' || s[k] == 'E')) {
        ++k;
        if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
        if (digits() == 0) return false;
    }
    return k == s.size();
}
}  // namespace

bool csv_number(const std::string& field, double* out, std::string* why) {
    if (!decimal_syntax(field)) {
        *why = "not a number";
        return false;
    }
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(field.c_str(), &end);
    if (errno == ERANGE && std::isinf(v)) {
        *why = "beyond the range of a double";
        return false;
    }
    // ERANGE with a tiny result is an underflow: the subnormal (or zero) strtod returns is right
    *out = v;
    return true;
}

}  // namespace hilbench::scenario
