// IEC 62053-21:2003 (tables also used by JJG 596-2012) and EN 50470-3 accuracy campaign:
// accuracy at the standard points by pulse comparison against the reference, starting
// current, no-load (creep) and the register (dial) test.
#pragma once
#include <algorithm>
#include <optional>

#include "harness/families/meter/meter_lab.h"
#include "harness/procedures/iec62053/standard_data.h"
#include "harness/procedures/procedure.h"

namespace hilbench::procedures::iec62053 {

// procedure.options of the meter standards (besides the lab's reference meter)
struct meter_options {
    int readings = 2;                             // error readings per accuracy point, averaged
    double min_gate_s = 5;                        // shortest gate of one reading
    double settle_s = 2;                          // settling after each change of the load
    std::optional<double> starting_time_factor;   // starting window / t0 (none: the standard's)
    double no_load_time_factor = 1;               // no-load duration / the standard's
    int register_digits = 100;                    // display digits of the register test
    double timeout_factor = 3;                    // a reading fails after this many expected durations
    bool terminal_clamps = false;                 // clamp meters on live and neutral at every accuracy point
};
const params_of<meter_options>& meter_options_table();

using families::meter::meter_lab;

class meter_procedure : public procedure_in<meter_lab> {
public:
    meter_procedure(const standard_data& data, const energy_meter_nameplate& np, const meter_options& opt,
                    selection sel, const conditions& cond);
    std::string standard_id() const override { return m_data.id; }
    std::string title() const override { return m_data.title; }
    std::string decision_rule() const override;
    std::vector<test_point> plan() const override;
    std::vector<reports::test_info> tests() const override { return m_data.tests; }
    double expected_duration_s(const test_point& p) const override;
    // every wait of a reading may take timeout_factor times its expected time
    double limit_duration_s(const test_point& p) const override {
        return std::max(watchdog_factor, m_opt.timeout_factor + 1) * expected_duration_s(p) + watchdog_margin_s;
    }

protected:
    reports::point_record run_in(const test_point& p, meter_lab& ctx) const override;

private:
    reports::point_record run_accuracy(const test_point& p, meter_lab& ctx) const;
    reports::point_record run_starting(const test_point& p, meter_lab& ctx) const;
    reports::point_record run_no_load(const test_point& p, meter_lab& ctx) const;
    reports::point_record run_register(const test_point& p, meter_lab& ctx) const;
    double basis_current_a(const std::string& basis) const;

    const standard_data& m_data;
    meter_options m_opt;
    selection m_sel;
    std::string m_class;
    double m_un_v, m_ib_a, m_imax_a, m_freq_hz, m_constant, m_resolution_kwh, m_ambient_c;
    std::size_t m_band;
};

}  // namespace hilbench::procedures::iec62053
