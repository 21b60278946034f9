#include "harness/procedures/oiml_r76/scale_bench_ops.h"

#include <systemc>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "harness/stimulus/weight_world.h"
#include "models/core/errors.h"
#include "models/core/scale_face.h"

namespace hilbench::procedures::oiml_r76 {

bench_hands::bench_hands(scale_lab& ctx, double settle_s) : m_ctx(ctx), m_settle_s(settle_s) {}

std::string bench_hands::place(double nominal_g, double x, double y) {
    group g;
    g.handle = "load" + std::to_string(++m_count);
    g.pieces = m_ctx.weights.compose(nominal_g);
    const double t = now_s();
    for (std::size_t k = 0; k < g.pieces.size(); ++k) {
        receptor_load l;
        l.id = g.handle + "/" + g.pieces[k].id;
        l.mass_g = g.pieces[k].actual_g;
        l.x = x;
        l.y = y;
        m_ctx.world.place(l, t);
        g.ids.push_back(l.id);
    }
    m_groups.push_back(std::move(g));
    return m_groups.back().handle;
}

std::string bench_hands::place_exact(double mass_g, double x, double y, double rate_g_per_s) {
    group g;
    g.handle = "load" + std::to_string(++m_count);
    receptor_load l;
    l.id = g.handle;
    l.mass_g = mass_g;
    l.x = x;
    l.y = y;
    l.rate_g_per_s = rate_g_per_s;
    m_ctx.world.place(l, now_s());
    g.ids.push_back(l.id);
    m_groups.push_back(std::move(g));
    return m_groups.back().handle;
}

void bench_hands::remove(const std::string& handle) {
    const auto it = std::find_if(m_groups.begin(), m_groups.end(), [&](const group& g) { return g.handle == handle; });
    HB_ASSERT(it != m_groups.end(), "no load " + handle);
    const double t = now_s();
    for (const auto& id : it->ids) m_ctx.world.remove(id, t);
    m_groups.erase(it);
}

void bench_hands::remove_all() {
    while (!m_groups.empty()) remove(m_groups.back().handle);
}

double bench_hands::uncertainty_g(const std::string& handle) const {
    for (const auto& g : m_groups)
        if (g.handle == handle) return reference::standard_weights::standard_uncertainty_g(g.pieces);
    return 0;
}

double bench_hands::weights_mpe_g(const std::string& handle) const {
    double s = 0;
    for (const auto& g : m_groups)
        if (g.handle == handle)
            for (const auto& p : g.pieces) s += p.mpe_g;
    return s;
}

bool bench_hands::wait_stable(double timeout_s) {
    wait_s(m_ctx, m_settle_s);
    const double end = now_s() + timeout_s;
    while (now_s() < end) {
        const weighing_display& d = m_ctx.scale.display();
        if (d.weight_valid && d.stable) return true;
        wait_s(m_ctx, 0.1);
    }
    return false;
}

double bench_hands::read() {
    const weighing_display& d = m_ctx.scale.display();
    return d.weight_valid ? d.weight_g : std::nan("");
}

bench_hands::changeover bench_hands::find_changeover(double e) {
    changeover c;
    c.indication_g = c.p_g = std::nan("");  // no weighing result (overload, blanked, locked)
    if (!wait_stable()) return c;
    c.indication_g = read();
    const double step = 0.1 * e;
    std::vector<std::string> smalls;
    for (int k = 1; k <= 20; ++k) {
        const std::string h = "small" + std::to_string(++m_count);
        receptor_load l;
        l.id = h;
        l.mass_g = m_ctx.weights.small(step, k).actual_g;
        m_ctx.world.place(l, now_s());
        smalls.push_back(h);
        c.added_g += step;
        c.steps = k;
        if (!wait_stable()) break;
        if (read() >= c.indication_g + e - 1e-9) {
            c.ok = true;
            break;
        }
    }
    const double t = now_s();
    for (const auto& h : smalls) m_ctx.world.remove(h, t);
    c.p_g = c.indication_g + 0.5 * e - c.added_g;
    return c;
}

void bench_hands::press(const std::string& key) {
    m_ctx.scale.press(key);
    wait_s(m_ctx, 0.2);
}

void bench_hands::type_unit_price(double price_per_kg) {
    press("CLEAR");
    const long long cents = std::llround(price_per_kg * 100.0);
    for (char ch : std::to_string(cents)) press(std::string(1, ch));
}

}  // namespace hilbench::procedures::oiml_r76
