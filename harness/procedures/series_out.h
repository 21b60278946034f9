// A series recorded during a point. When the runner streams series (a folder is set), every row
// goes to <folder>/<point>_<name>.csv as it is recorded, and only an evenly thinned copy of at
// most 2 x keep_rows rows stays in memory for the report's plots: memory stays flat however long
// the point runs. Without a folder the series is held whole in memory.
#pragma once
#include <cstddef>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "reports/run_record.h"

namespace hilbench::procedures {

class series_out {
public:
    static constexpr std::size_t keep_rows = 20000;
    // folder: "" to hold the series in memory
    series_out(const std::string& folder, const std::string& point_id, std::string name, std::vector<std::string> columns);
    void add(std::vector<double> row);
    std::size_t rows() const { return m_count; }
    const std::vector<double>& last() const { return m_last; }  // the last row added (empty before any)
    // The table for the point record (thinned and marked streamed when it went to a file);
    // write_error when the file could not be written whole.
    reports::series_table finish();

private:
    reports::series_table m_table;
    std::string m_path;
    std::unique_ptr<std::ofstream> m_file;
    std::size_t m_stride = 1, m_count = 0;
    bool m_last_kept = false;
    std::vector<double> m_last;
};

}  // namespace hilbench::procedures
