#include "harness/procedures/procedure.h"

#include <algorithm>

#include "harness/procedures/iec62053/iec62053_procedure.h"
#include "harness/procedures/profile/profile_procedure.h"
#include "models/core/errors.h"

namespace hilbench::procedures {

reports::point_record start_record(const test_point& p) {
    reports::point_record r;
    r.id = p.id;
    r.test = p.test;
    r.title = p.title;
    r.confidence = p.confidence;
    for (const auto& [k, v] : p.settings) r.conditions.emplace_back(k, v);
    return r;
}

const std::vector<standard_info>& standards() {
    static const std::vector<standard_info> s = [] {
        std::vector<standard_info> out;
        for (const auto& d : iec62053::all_standards())
            out.push_back({d.id, d.title, "meter", d.classes, {"accuracy", "starting", "no_load", "register"}});
        return out;
    }();
    return s;
}

const standard_info* find_standard(const std::string& id) {
    for (const auto& s : standards())
        if (s.id == id) return &s;
    return nullptr;
}

std::unique_ptr<procedure> make_procedure(const scenario::scenario& sc) {
    if (!sc.has_procedure) return std::make_unique<profile_procedure>(sc);
    const iec62053::standard_data* d = iec62053::find(sc.procedure.standard);
    HB_ASSERT(d != nullptr, "the loader admitted unknown standard " + sc.procedure.standard);
    return std::make_unique<iec62053::meter_procedure>(*d, sc);
}

}  // namespace hilbench::procedures
