// The audit trail of a device's firmware (OIML D 31 6.2.3.6, WELMEC 7.2): every legally
// relevant parameter change with old and new value, and events. The event counter is the
// electronic seal: it counts parameter changes only. Shared by every device model.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace hilbench {

struct audit_entry {
    uint64_t sequence = 0;       // every entry
    uint64_t event_counter = 0;  // electronic seal: counts legally relevant parameter changes
    double time_s = 0;
    std::string kind;            // "parameter_change" or "event"
    std::string source;          // "factory", "comms", "firmware", "frontend", "keyboard", ...
    std::string parameter;       // parameter or event name
    std::string old_value, new_value;
};

class audit_log {
public:
    void event(double t, const std::string& source, const std::string& name, const std::string& old_v = "",
               const std::string& new_v = "");
    void change(double t, const std::string& source, const std::string& name, const std::string& old_v,
                const std::string& new_v);
    const std::vector<audit_entry>& entries() const { return m_entries; }
    uint64_t event_counter() const { return m_event_counter; }

private:
    uint64_t m_sequence = 0, m_event_counter = 0;
    std::vector<audit_entry> m_entries;
};

// An event a device's audit trail can hold (`kind` "event"), as its model declares it: what an
// integrity check may name.
struct audit_event_decl {
    std::string name, description;
};

// CRC-32 (IEEE 802.3), for software identification checksums.
uint32_t crc32(const std::string& data);

}  // namespace hilbench
