// A part of report.html that an instrument family or one of its standards supplies. The
// writer (reports/report_writer.cpp) owns the page: header, summary, test-point table, the
// detail of every point, ground truth, audit trail, software identification, provenance. It
// asks each part in turn what it adds, and names none of them. A family registers its parts
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

class report_section {
public:
    virtual ~report_section() = default;
    // Rows for the summary table (the rating, the constants).
    virtual void summary(const run_record&, summary_rows&) const {}
    // Words, units and decimals of the part's quantities (reports/quantity.h).
    virtual void words(const run_record&, vocabulary&) const {}
    // The test-point table ("": the next part's, or the writer's own with every value of a point).
    virtual std::string points_table(const run_record&) const { return ""; }
    // The columns of points.csv (an empty layout: one column per condition and value any point has).
    virtual csv_layout points_csv() const { return {}; }
    // A section after the test-point table ("": none).
    virtual std::string body(const run_record&, const std::string& /*dir*/) const { return ""; }
    // True when the part shows the point in full, so the detail section leaves it out.
    virtual bool covers(const point_record&) const { return false; }
    // More detail below a point's values in the detail section (tables, plots).
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
