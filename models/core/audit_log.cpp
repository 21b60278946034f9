#include "models/core/audit_log.h"

namespace hilbench {

void audit_log::event(double t, const std::string& source, const std::string& name, const std::string& old_v,
                      const std::string& new_v) {
    m_entries.push_back({++m_sequence, m_event_counter, t, "event", source, name, old_v, new_v});
}

void audit_log::change(double t, const std::string& source, const std::string& name, const std::string& old_v,
                       const std::string& new_v) {
    m_entries.push_back({++m_sequence, ++m_event_counter, t, "parameter_change", source, name, old_v, new_v});
}

uint32_t crc32(const std::string& data) {
    uint32_t crc = 0xffffffffu;
    for (unsigned char ch : data) {
        crc ^= ch;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

}  // namespace hilbench
