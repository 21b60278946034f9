// Verification of EV chargers: JJG 1148-2022 (AC posts) and JJG 1149-2022 (DC chargers), and
// the German field methods (the continuous-run comparison and the OCMF transparency check), as
// data (the editions' tests, classes, limits and load points, each limit tagged).
//   - working_error: at each load point, the lab's load draws the current; the test output's
//     pulses gate the reference meter (N pulses); e = (E_pulses - E_ref) / E_ref.
//   - indication_error: a session of a stated energy; the displayed (billed) energy against
//     the reference energy of the same session.
//   - clock_error: the displayed time against the lab's clock.
//   - payment_error: a session; the receipt's amount against its periods' energies times
//     (price + service fee), to the minimum payment variable.
//   - continuous_run: the display over at least 100 least-digit steps against the reference.
//   - transparency: a session's signed records, forwarded by the backend, checked as
//     transparency software does (signatures with the registered key, B/E, pagination, one
//     meter, error flags), and further against the display, the reference energy and (DC) the
//     registered cable.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "harness/families/charger/charger_lab.h"
#include "harness/procedures/procedure.h"
#include "models/charger/charger_face.h"

namespace hilbench::procedures::charger {

using families::charger::charger_lab;

struct charger_standard_data {
    std::string id, title, current_type;  // "AC", "DC" or "any"
    std::vector<std::string> classes;
    std::vector<reports::test_info> tests;
    std::map<std::string, double> mpe_pct;
    std::string mpe_confidence;
    std::map<std::string, std::pair<double, double>> load_points;  // id: (fraction of Imax, 0: Imin; PF)
    std::vector<std::string> default_load_points;
    std::string load_points_confidence;
    double clock_initial_s = 5, clock_subsequent_s = 180;
    std::string clock_confidence, indication_confidence, payment_confidence, continuous_run_confidence;
    int continuous_run_steps = 100;
    // the continuous run's digit resolution (one least-digit step of the displayed energy) at most
    // this fraction of the MPE, as the lab's rule for a verification's uncertainty [M]
    double continuous_run_resolution_of_mpe = 1.0 / 3;
};
const std::vector<charger_standard_data>& all_standards();

struct charger_options {
    std::vector<std::string> load_points;  // empty: the standard's default (at least one point)
    std::string verification = "initial";  // "initial" or "subsequent" (the clock limit)
    int gate_pulses = 100;                 // test-output pulses per working-error reading [M]
    double indication_kwh = 1.0;           // energy of the indication-error session [M]
    double payment_minutes = 30;           // length of the payment-error session [M]
    double session_minutes = 20;           // the transparency check's session [M]
    double dc_test_voltage_v = 0;          // DC virtual load voltage (0: the middle of the charger's range)
    double plausibility_pct = 0;           // signed against reference energy (0: the class's MPE) [M]
    double continuous_run_min_s = 60;      // the continuous run lasts at least this long too [M]
};
const params_of<charger_options>& charger_options_table();

class charger_procedure : public procedure_in<charger_lab> {
public:
    charger_procedure(const charger_standard_data& d, const hilbench::charger::charger_nameplate& np,
                      const charger_options& opt, const families::charger::charger_lab_options& lab,
                      const conditions& cond, selection sel);
    std::string standard_id() const override { return m_data.id; }
    std::string title() const override { return m_data.title; }
    std::string decision_rule() const override;
    std::vector<test_point> plan() const override;
    std::vector<reports::test_info> tests() const override { return m_data.tests; }
    double expected_duration_s(const test_point& p) const override;
    double mpe_pct() const;

protected:
    reports::point_record run_in(const test_point& p, charger_lab& lab) const override;

private:
    // plugs the lab's load (or the vehicle) drawing current_a (AC: at pf; DC: at the test voltage)
    void connect(charger_lab& lab, double current_a, double pf) const;
    // a session of duration_s (or until the display shows stop_kwh): returns its receipt index
    std::size_t session(charger_lab& lab, double duration_s, double stop_kwh, double& t0, double& t1) const;
    reports::point_record run_test(const test_point& p, charger_lab& lab) const;
    reports::point_record run_working(const test_point& p, charger_lab& lab) const;
    reports::point_record run_indication(const test_point& p, charger_lab& lab) const;
    reports::point_record run_clock(const test_point& p, charger_lab& lab) const;
    reports::point_record run_payment(const test_point& p, charger_lab& lab) const;
    reports::point_record run_continuous(const test_point& p, charger_lab& lab) const;
    // least-digit steps of the continuous run: the standard's minimum, or more when that would
    // resolve the error more coarsely than the lab's rule allows
    int continuous_run_steps() const;
    reports::point_record run_transparency(const test_point& p, charger_lab& lab) const;
    double dc_voltage() const;

    const charger_standard_data& m_data;
    hilbench::charger::charger_nameplate m_np;
    charger_options m_opt;
    families::charger::charger_lab_options m_lab;
    conditions m_cond;
    selection m_sel;
};

}  // namespace hilbench::procedures::charger
