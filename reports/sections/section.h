// A part of report.html that an instrument family or one of its standards supplies. The
// writer (reports/html_report.cpp) owns the page, laid out as the OIML test-report formats
// (R 46-3, R 76-2): identification of the instrument and the laboratory, the summary
// checklist, a form per test, ground truth, audit trail, software identification,
// provenance. It asks each part in turn what it adds, and names none of them. A family registers its parts
// and those of its standards (harness/families); every hook has a default that adds nothing.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "reports/quantity.h"
#include "reports/run_record.h"

namespace hilbench::reports {

using summary_rows = std::vector<std::pair<std::string, std::string>>;

// The columns of points.csv: conditions (with a prefix) and values, by name.
struct csv_layout {
    std::string condition_prefix;
    std::vector<std::string> conditions, values;
};

// A reference standard of the laboratory as the report's identification lists it.
struct reference_row {
    std::string instrument;   // "Reference standard meter"
    std::string accuracy;     // its class or accuracy: "class 0.05 %", "OIML R 111 class M1"
    std::string certificate;  // the calibration certificate's id (the scenario names it)
};

class report_section {
public:
    virtual ~report_section() = default;
    // Rows of the instrument's identification (the rating, the constants).
    virtual void summary(const run_record&, summary_rows&) const {}
    // The laboratory's reference standards that this part's tests rely on.
    virtual void reference_standards(const run_record&, std::vector<reference_row>&) const {}
    // Words, units and decimals of the part's quantities (reports/quantity.h).
    virtual void words(const run_record&, vocabulary&) const {}
    // The columns of points.csv (an empty layout: one column per condition and value any point has).
    virtual csv_layout points_csv() const { return {}; }
    // True for a value of a test's points that its form's table leaves out (the part shows it
    // otherwise, e.g. one row per load band).
    virtual bool hides(const std::string& /*test*/, const std::string& /*value*/) const { return false; }
    // What the form of a test shows below its table: plots, the readings of a series ("": nothing).
    virtual std::string test_detail(const run_record&, const std::string& /*test*/, const std::string& /*dir*/) const {
        return "";
    }
    // More detail of one point below its test's table (tables, plots).
    virtual std::string point_detail(const run_record&, const point_record&, const std::string& /*dir*/) const {
        return "";
    }
    // A plot of a labelled point's ground-truth series ("": not this part's).
    virtual std::string truth_plot(const run_record&, const point_record&, const series_table&,
                                   const std::string& /*dir*/) const {
        return "";
    }
    // True for an audit-trail entry that is tamper or intervention evidence (highlighted).
    virtual bool evidence(const audit_row&) const { return false; }
};

using section_list = std::vector<const report_section*>;

// The words of a run: every section's, the first to name a quantity wins.
vocabulary vocabulary_of(const run_record& r, const section_list& sections);

}  // namespace hilbench::reports
