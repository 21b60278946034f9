#include "harness/procedures/procedure.h"

#include <algorithm>
#include <map>

#include "harness/procedures/iec62053/iec62053_procedure.h"
#include "harness/procedures/field/field_procedure.h"
#include "harness/procedures/oiml_r76/market_audit.h"
#include "harness/procedures/oiml_r76/r76_procedure.h"
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
        out.push_back({"field-audit",
                       "field audit: a load profile (CSV) metered against the reference, error per load band and hour",
                       "meter", {"1", "2", "A", "B"}, {"field_profile"}});
        for (const auto& d : oiml_r76::all_standards())
            out.push_back({d.id, d.title, "scale", d.classes,
                           {"weighing", "eccentricity", "repeatability", "discrimination", "zero_setting", "zero_tracking",
                            "tare", "temperature", "no_load_temperature", "warm_up", "creep", "supply", "price", "self_lock"}});
        out.push_back({"market-audit",
                       "market audit: irregular commodity loads against the in-service MPE of OIML R 76-1:2006",
                       "scale", oiml_r76::all_standards().front().classes, {"irregular_loads"}});
        return out;
    }();
    return s;
}

namespace {

std::unique_ptr<procedure> make_one(const scenario::scenario& sc, const scenario::procedure_spec& spec) {
    if (spec.standard == "field-audit") return std::make_unique<field_procedure>(sc, spec);
    if (spec.standard == "market-audit")
        return std::make_unique<oiml_r76::market_audit>(oiml_r76::all_standards().front(), sc, spec);
    if (const oiml_r76::r76_data* w = oiml_r76::find(spec.standard))
        return std::make_unique<oiml_r76::r76_procedure>(*w, sc, spec);
    const iec62053::standard_data* d = iec62053::find(spec.standard);
    HB_ASSERT(d != nullptr, "the loader admitted unknown standard " + spec.standard);
    return std::make_unique<iec62053::meter_procedure>(*d, sc, spec);
}

// Several procedures in one campaign: plans are concatenated, each point runs in its owner.
class composite_procedure : public procedure {
public:
    explicit composite_procedure(std::vector<std::unique_ptr<procedure>> parts) : m_parts(std::move(parts)) {
        for (std::size_t k = 0; k < m_parts.size(); ++k)
            for (const auto& p : m_parts[k]->plan()) m_owner[p.id] = k;
    }
    std::string standard_id() const override { return join([](const procedure& p) { return p.standard_id(); }, " + "); }
    std::string title() const override { return join([](const procedure& p) { return p.title(); }, "; "); }
    std::string decision_rule() const override {
        return join([](const procedure& p) { return p.standard_id() + ": " + p.decision_rule(); }, " | ");
    }
    std::vector<test_point> plan() const override {
        std::vector<test_point> out;
        for (const auto& p : m_parts)
            for (auto& t : p->plan()) out.push_back(std::move(t));
        return out;
    }
    reports::point_record run(const test_point& p, run_context& ctx) const override {
        return m_parts.at(m_owner.at(p.id))->run(p, ctx);
    }
    double expected_duration_s(const test_point& p) const override {
        return m_parts.at(m_owner.at(p.id))->expected_duration_s(p);
    }

private:
    template <class F>
    std::string join(F f, const char* sep) const {
        std::string s;
        for (const auto& p : m_parts) s += (s.empty() ? "" : sep) + f(*p);
        return s;
    }
    std::vector<std::unique_ptr<procedure>> m_parts;
    std::map<std::string, std::size_t> m_owner;
};

}  // namespace

const standard_info* find_standard(const std::string& id) {
    for (const auto& s : standards())
        if (s.id == id) return &s;
    return nullptr;
}

std::unique_ptr<procedure> make_procedure(const scenario::scenario& sc) {
    if (!sc.has_procedure) return std::make_unique<profile_procedure>(sc);
    if (sc.more_procedures.empty()) return make_one(sc, sc.procedure);
    std::vector<std::unique_ptr<procedure>> parts;
    parts.push_back(make_one(sc, sc.procedure));
    for (const auto& spec : sc.more_procedures) parts.push_back(make_one(sc, spec));
    return std::make_unique<composite_procedure>(std::move(parts));
}

}  // namespace hilbench::procedures
