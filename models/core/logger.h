// One small logger: levels error/warn/info/debug, lines like
// "[W 12.000250000 s] bench.meter0: message" on stderr. The simulated-time source is
// installed by whoever owns a simulation (none: the bracket shows only the level).
#pragma once
#include <functional>
#include <string>

namespace hilbench::log {

enum class level { error = 0, warn = 1, info = 2, debug = 3 };

void set_level(level l);
level get_level();
bool parse_level(const std::string& s, level* out);
void set_time_source(std::function<double()> now_s);
void write(level l, const std::string& who, const std::string& msg);
inline void error(const std::string& who, const std::string& msg) { write(level::error, who, msg); }
inline void warn(const std::string& who, const std::string& msg) { write(level::warn, who, msg); }
inline void info(const std::string& who, const std::string& msg) { write(level::info, who, msg); }
inline void debug(const std::string& who, const std::string& msg) { write(level::debug, who, msg); }

}  // namespace hilbench::log
