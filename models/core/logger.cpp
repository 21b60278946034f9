#include "models/core/logger.h"

#include <cstdio>

namespace hilbench::log {
namespace {
struct state {
    level lvl = level::warn;
    std::function<double()> now;
};
state& st() {
    static state s;
    return s;
}
}  // namespace

void set_level(level l) { st().lvl = l; }
level get_level() { return st().lvl; }

bool parse_level(const std::string& s, level* out) {
    if (s == "error") *out = level::error;
    else if (s == "warn") *out = level::warn;
    else if (s == "info") *out = level::info;
    else if (s == "debug") *out = level::debug;
    else return false;
    return true;
}

void set_time_source(std::function<double()> now_s) { st().now = std::move(now_s); }

void write(level l, const std::string& who, const std::string& msg) {
    if (static_cast<int>(l) > static_cast<int>(st().lvl)) return;
    static const char tag[] = {'E', 'W', 'I', 'D'};
    if (st().now)
        std::fprintf(stderr, "[%c %.9f s] %s: %s\n", tag[static_cast<int>(l)], st().now(), who.c_str(),
                     msg.c_str());
    else
        std::fprintf(stderr, "[%c] %s: %s\n", tag[static_cast<int>(l)], who.c_str(), msg.c_str());
}

}  // namespace hilbench::log
