#include "harness/procedures/series_out.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "reports/report_writer.h"

namespace hilbench::procedures {

series_out::series_out(const std::string& folder, const std::string& point_id, std::string name,
                       std::vector<std::string> columns) {
    m_table.name = std::move(name);
    m_table.columns = std::move(columns);
    if (folder.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    m_path = (std::filesystem::path(folder) / (point_id + "_" + m_table.name + ".csv")).string();
    m_file = std::make_unique<std::ofstream>(m_path, std::ios::binary);
    *m_file << reports::csv_header(m_table);
    m_table.streamed = true;
}

void series_out::add(std::vector<double> row) {
    if (m_file) *m_file << reports::csv_row(row);
    m_last_kept = m_count % m_stride == 0;
    if (m_last_kept) m_table.rows.push_back(row);
    m_last = std::move(row);
    ++m_count;
    if (m_file && m_table.rows.size() >= 2 * keep_rows) {  // thin: every other kept row, twice the stride
        std::size_t w = 0;
        for (std::size_t k = 0; k < m_table.rows.size(); k += 2, ++w)
            if (w != k) m_table.rows[w] = std::move(m_table.rows[k]);
        m_table.rows.resize(w);
        m_stride *= 2;
        m_last_kept = (m_count - 1) % m_stride == 0;
    }
}

reports::series_table series_out::finish() {
    if (m_file) {
        m_file->flush();
        const bool ok = bool(*m_file);
        const std::string why = errno ? std::strerror(errno) : "the write failed";
        m_file.reset();
        if (!ok) throw reports::write_error(m_path, why);
        if (!m_last_kept && !m_last.empty()) m_table.rows.push_back(m_last);  // the plot ends where the series ends
    }
    return std::move(m_table);
}

}  // namespace hilbench::procedures
