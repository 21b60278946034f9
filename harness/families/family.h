// The instrument-family seam. A family is everything that makes one kind of instrument
// testable: its device types (parameters, taps, observables), its bench (world, reference
// standards, device glue, ground-truth columns), the typed lab its procedures receive, its
// standards with their option tables and factories, and its parts of the report. One list
// registers the families (harness/families/list.h); the loader, bench runner, point runner,
// report writer and CLI work from this interface and name no family.
#pragma once
#include <any>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "harness/procedures/procedure.h"
#include "harness/scenario/catalogue.h"
#include "harness/scenario/scenario.h"
#include "models/core/audit_log.h"
#include "models/core/model_stat.h"
#include "reports/run_record.h"
#include "reports/sections/section.h"

namespace hilbench::families {

// One test point's bench: the world, the device under test and the reference standards of a
// family, elaborated once per process (SystemC). It gives the procedure its typed lab and
// gives the ground truth (true vs legally indicated quantity) for any time.
class bench {
public:
    virtual ~bench() = default;
    virtual procedures::lab& lab() = 0;
    // the device's own record of the point
    virtual std::vector<reports::audit_row> audit_trail() const = 0;
    virtual std::string software_id() const = 0;
    virtual std::vector<reports::stat_row> stats() const = 0;
    virtual void trace(const std::string& fst_path, double window_s) = 0;
    // ground truth: columns (the first is time_s) and one row at time t
    virtual std::vector<std::string> truth_columns() const = 0;
    virtual std::vector<double> truth_row(double t_s) const = 0;
    // The environmental conditions of the test (ambient temperature, supply) at time t, as a lab
    // records them at the start and end of each test: unit-suffixed names.
    virtual reports::named_values environment(double /*t_s*/) const { return {}; }
};

struct bench_request {
    const scenario::device_spec& device;            // typed parameters in device.params
    const scenario::environment_spec& environment;  // the family's own part in environment.family
    const std::any& lab_options;                    // the family's lab options of the point's procedure
    uint64_t seed;
    engine::cheat_engine* engine;  // null: an honest device
};

// What a standard's factory builds a procedure from. The factory turns it into the typed
// nameplate, options and conditions the procedure takes.
struct procedure_request {
    const scenario::device_spec& device;
    const scenario::environment_spec& environment;
    const scenario::procedure_spec& spec;
    std::string file;  // the scenario file
    uint64_t seed;

    procedures::selection selection() const { return {spec.tests, spec.points}; }
    procedures::conditions conditions() const;
    // Bad input found only now (e.g. the lab cannot test this rating): names the device parameter.
    [[noreturn]] void fail_device(const std::string& param, const std::string& message) const;
};

struct standard {
    scenario::standard_decl decl;
    std::function<std::unique_ptr<procedures::procedure>(const procedure_request&)> make;
    std::vector<const reports::report_section*> sections;  // what the standard's points add to report.html
};

struct family {
    scenario::family_decl decl;
    std::vector<scenario::device_decl> devices;
    std::vector<standard> standards;
    std::function<std::unique_ptr<bench>(const bench_request&)> make_bench;
    std::vector<const reports::report_section*> sections;  // the family's parts of report.html
};

// Glue for benches: the device's own audit trail and statistics as run-record rows.
std::vector<reports::audit_row> audit_rows(const std::vector<audit_entry>& trail);
std::vector<reports::stat_row> stat_rows(const std::vector<model_stat>& stats);

using family_list = std::vector<const family*>;

// The families hilbench ships (harness/families/list.h).
const family_list& builtin();

// The declarations of a list of families, for the loader.
scenario::catalogue catalogue_of(const family_list& list);
const scenario::catalogue& builtin_catalogue();

const family& family_of(const family_list& list, const std::string& family_name);
const standard& standard_of(const family_list& list, const std::string& standard_id);

// The report sections of a run: the family's, then those of each standard it ran.
reports::section_list report_sections(const family_list& list, const scenario::scenario& sc);

}  // namespace hilbench::families
