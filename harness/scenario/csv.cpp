#include "harness/scenario/csv.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "models/core/errors.h"

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

std::vector<std::pair<double, double>> parse_series_csv(const std::string& text, const std::string& path) {
    std::vector<std::pair<double, double>> out;
    std::istringstream in(text);
    std::string line;
    std::size_t lineno = 0;
    while (std::getline(in, line)) {
        ++lineno;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#' || (out.empty() && line.rfind("t_s,", 0) == 0)) continue;
        const std::vector<std::string> f = csv_fields(line);
        const std::string where = path + ":" + std::to_string(lineno);
        double t = 0, v = 0;
        std::string why;
        if (f.size() != 2) throw scenario_error(where, "", "expected t_s,value, got '" + line + "'");
        if (!csv_number(f[0], &t, &why) || !csv_number(f[1], &v, &why))
            throw scenario_error(where, "", "expected t_s,value with numbers, got '" + line + "' (" + why + ")");
        if (!out.empty() && t <= out.back().first)
            throw scenario_error(where, "", "expected a t_s after the previous row's, got '" + line + "'");
        out.emplace_back(t, v);
    }
    if (out.empty()) throw scenario_error(path, "", "expected at least one t_s,value row, got none");
    return out;
}

}  // namespace hilbench::scenario
