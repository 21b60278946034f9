#include <algorithm>

#include "harness/families/family.h"

namespace hilbench::families {

#define HB_FAMILY(name) const family& name##_family();
#include "harness/families/list.h"
#undef HB_FAMILY

const family_list& builtin() {
    static const family_list list = {
#define HB_FAMILY(name) &name##_family(),
#include "harness/families/list.h"
#undef HB_FAMILY
    };
    return list;
}

scenario::catalogue catalogue_of(const family_list& list) {
    scenario::catalogue c;
    for (const family* f : list) {
        scenario::family_decl d = f->decl;
        d.devices = f->devices;
        for (auto& dev : d.devices) dev.family = d.name;
        for (const auto& s : f->standards) {
            d.standards.push_back(s.decl);
            d.standards.back().family = d.name;
        }
        c.families.push_back(std::move(d));
    }
    return c;
}

const scenario::catalogue& builtin_catalogue() {
    static const scenario::catalogue c = catalogue_of(builtin());
    return c;
}

const family& family_of(const family_list& list, const std::string& family_name) {
    for (const family* f : list)
        if (f->decl.name == family_name) return *f;
    HB_ASSERT(false, "no family " + family_name);
}

const standard& standard_of(const family_list& list, const std::string& standard_id) {
    for (const family* f : list)
        for (const auto& s : f->standards)
            if (s.decl.id == standard_id) return s;
    HB_ASSERT(false, "no standard " + standard_id);
}

reports::section_list report_sections(const family_list& list, const scenario::scenario& sc) {
    reports::section_list out = family_of(list, sc.device.family).sections;
    for (const auto& spec : sc.procedures)
        for (const reports::report_section* s : standard_of(list, spec.standard).sections)
            if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    return out;
}

std::vector<reports::audit_row> audit_rows(const std::vector<audit_entry>& trail) {
    std::vector<reports::audit_row> out;
    for (const auto& e : trail)
        out.push_back({e.sequence, e.event_counter, e.time_s, e.kind, e.source, e.parameter, e.old_value, e.new_value});
    return out;
}

std::vector<reports::stat_row> stat_rows(const std::vector<model_stat>& stats) {
    std::vector<reports::stat_row> out;
    for (const auto& s : stats) out.push_back({s.name, s.unit, s.description, s.value});
    return out;
}

procedures::conditions procedure_request::conditions() const {
    procedures::conditions c;
    c.temperature_c = environment.temperature_c;
    c.start_time_of_day_h = environment.start_time_of_day_h;
    c.seed = seed;
    return c;
}

void procedure_request::fail_device(const std::string& param, const std::string& message) const {
    throw scenario_error(file, "/device/params/" + param, message);
}

}  // namespace hilbench::families
