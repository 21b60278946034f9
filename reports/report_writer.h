// Run record in, files out: result.json, junit.xml, points.csv, series/*.csv and a
// self-contained report.html (inline CSS and SVG plots) that a lab can attach.
#pragma once
#include <string>

#include "reports/run_record.h"

namespace hilbench::reports {

void write_result_json(const run_record& r, const std::string& dir);
void write_junit(const run_record& r, const std::string& dir);
void write_csv(const run_record& r, const std::string& dir);
void write_html(const run_record& r, const std::string& dir);
// All of the above.
void write_all(const run_record& r, const std::string& dir);

std::string html_escape(const std::string& s);

}  // namespace hilbench::reports
