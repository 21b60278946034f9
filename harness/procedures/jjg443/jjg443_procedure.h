// Type evaluation and verification of a fuel dispenser: JJG 443-2023 and -2015 (editions as
// data) and OIML R 117-1 (classes 0.3, 0.5, 1.0). Tests: the error at Qmax, an intermediate
// flow and Qmin (3 runs each into a 20 L standard measure, corrected for the temperatures of
// the measure and the fuel) with its repeatability and the payment error of each run; the
// MMQ against Emin; presets by volume and amount; a flow interrupted twice; self-lock with a
// pulse generator on the A line; authentication with an unpaired encoder and an unpaired
// mainboard.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "harness/families/dispenser/dispenser_lab.h"
#include "harness/procedures/procedure.h"
#include "models/dispenser/dispenser_face.h"

namespace hilbench::procedures::jjg443 {

using families::dispenser::dispenser_lab;

struct fuel_standard_data {
    std::string id, title;
    std::vector<std::string> classes;
    std::vector<reports::test_info> tests;
    std::map<std::string, double> mpe_pct, repeatability_pct, line_a_pct;
    std::string mpe_confidence, repeatability_confidence, payment_confidence, preset_confidence;
    // test condition: the liquid in the meter and in the measure (JJG 443-1998: 4 degC)
    double max_temperature_difference_c = 4;
    std::string temperature_difference_confidence;
    double payment_limit_cny = 0.01;
    int preset_excess_intervals = 5, runs = 3;
};
const std::vector<fuel_standard_data>& all_standards();

// procedure.options of the dispenser standards (besides the lab's measures)
struct fuel_options {
    double draft_l = 20;             // volume of each accuracy run (the measure's nominal volume)
    double intermediate_flow_l_per_min = 0;  // 0: the geometric mean of Qmin and Qmax
    double pulse_generator_per_s = 5;        // the self-lock test's extra pulses on A
    bool in_service = false;         // in-service limits (x2 the MPE) [M]
    bool maintenance_menu = false;   // the inspector opens the maintenance menu with its key first
};
const params_of<fuel_options>& fuel_options_table();

class jjg443_procedure : public procedure_in<dispenser_lab> {
public:
    jjg443_procedure(const fuel_standard_data& d, const hilbench::dispenser::dispenser_nameplate& np,
                     const fuel_options& opt, const families::dispenser::dispenser_lab_options& lab, selection sel);
    std::string standard_id() const override { return m_data.id; }
    std::string title() const override { return m_data.title; }
    std::string decision_rule() const override;
    std::vector<test_point> plan() const override;
    std::vector<reports::test_info> tests() const override { return m_data.tests; }
    double expected_duration_s(const test_point& p) const override;

    double mpe_pct() const;
    double emin_l() const;

protected:
    reports::point_record run_in(const test_point& p, dispenser_lab& lab) const override;

private:
    struct run_result {
        double flow_l_per_min = 0, indicated_l = 0, amount_cny = 0, reading_l = 0, reference_l = 0, error_pct = 0;
        double payment_error_cny = 0;
        double measure_l = 0, t_meter_c = 0, t_measure_c = 0;  // the measure used and the two thermometers
        bool completed = false;
        bool record_differs = false;  // the display and the controller's record of the sale disagree
    };
    run_result draft(dispenser_lab& lab, hilbench::dispenser::preset_kind kind, double value, double q,
                     double stop_for_s = 0) const;
    reports::point_record run_test(const test_point& p, dispenser_lab& lab) const;
    void judge_temperatures(reports::point_record& r, double worst_difference_c) const;
    reports::point_record run_accuracy(const test_point& p, dispenser_lab& lab) const;
    reports::point_record run_mmq(const test_point& p, dispenser_lab& lab) const;
    reports::point_record run_preset(const test_point& p, dispenser_lab& lab) const;
    reports::point_record run_interruption(const test_point& p, dispenser_lab& lab) const;
    reports::point_record run_self_lock(const test_point& p, dispenser_lab& lab) const;
    reports::point_record run_authentication(const test_point& p, dispenser_lab& lab) const;

    const fuel_standard_data& m_data;
    hilbench::dispenser::dispenser_nameplate m_np;
    fuel_options m_opt;
    families::dispenser::dispenser_lab_options m_lab;
    selection m_sel;
};

}  // namespace hilbench::procedures::jjg443
