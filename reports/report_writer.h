// Run record in, files out: result.json, junit.xml, points.csv, labels.csv, series/*.csv and
// a self-contained report.html (inline CSS and SVG plots) that a lab can attach.
#pragma once
#include <stdexcept>
#include <string>

#include "reports/run_record.h"
#include "reports/sections/section.h"

namespace hilbench::reports {

// A file that could not be written (a full disk, an unwritable folder): the path and why.
class write_error : public std::runtime_error {
public:
    write_error(const std::string& path, const std::string& why)
        : std::runtime_error("cannot write " + path + ": " + why), m_path(path) {}
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

// Writes a whole file through a temporary beside it (no reader sees half a file; a failed write
// leaves no temporary); write_error when it cannot.
void write_file(const std::string& path, const std::string& text);

void write_result_json(const run_record& r, const std::string& dir);
void write_junit(const run_record& r, const std::string& dir, const section_list& sections);
void write_csv(const run_record& r, const std::string& dir, const section_list& sections);
// The page is the writer's; `sections` (the device family's and its standards') add to it.
void write_html(const run_record& r, const std::string& dir, const section_list& sections);
// All of the above.
void write_all(const run_record& r, const std::string& dir, const section_list& sections);

std::string html_escape(const std::string& s);

}  // namespace hilbench::reports
