#include "harness/bench/output_folder.h"

#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <string>

#include "models/core/errors.h"
#include "reports/report_writer.h"

namespace hilbench::bench {
namespace fs = std::filesystem;

namespace {
[[noreturn]] void refuse(const fs::path& p, const std::string& what) { throw config_error(p.string(), "", what); }

std::string now_utc() {
    char ts[32];
    const std::time_t t = std::time(nullptr);
    std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return ts;
}
}  // namespace

output_folder::output_folder(const std::string& out) {
    fs::path final_dir = fs::path(out).lexically_normal();
    if (final_dir.filename().empty()) final_dir = final_dir.parent_path();  // "out/run/"
    if (final_dir.empty() || final_dir.filename() == "." || final_dir.filename() == "..")
        refuse(final_dir, "expected an output folder with a name, got '" + out + "'");
    m_final = final_dir.string();
    m_partial = m_final + ".partial";
    std::error_code ec;
    if (fs::exists(final_dir, ec) && !fs::is_directory(final_dir, ec))
        refuse(final_dir, "expected an output folder, got an existing file");
    const fs::path parent = final_dir.has_parent_path() ? final_dir.parent_path() : fs::path(".");
    fs::create_directories(parent, ec);
    if (ec) refuse(parent, "expected a folder the output can go in, got one that cannot be created (" + ec.message() + ")");
    if (fs::exists(m_partial, ec)) fs::remove_all(m_partial, ec);  // an earlier run's leftovers
    if (ec) refuse(m_partial, "expected to clear an earlier run's partial folder, got: " + ec.message());
    fs::create_directories(m_partial, ec);
    if (ec) refuse(m_partial, "expected a writable output folder, got one that cannot be created (" + ec.message() + ")");
    if (::access(m_partial.c_str(), W_OK) != 0) refuse(m_partial, "expected a writable output folder, got a read-only one");
    try {
        reports::write_file((fs::path(m_partial) / "PARTIAL.txt").string(),
                            "This folder holds a hilbench run that has not finished (started " + now_utc() +
                                "). When it finishes, it replaces " + fs::path(m_final).filename().string() +
                                "/, which keeps the previous complete run until then.\n");
    } catch (const reports::write_error& e) {
        refuse(m_partial, std::string("expected a writable output folder, got: ") + e.what());
    }
}

std::string output_folder::record_dir() const { return (fs::path(m_partial) / ".points").string(); }

void output_folder::mark_stopped(const std::string& why, bool reports_written) const {
    try {
        reports::write_file((fs::path(m_partial) / "PARTIAL.txt").string(),
                            "This folder holds a hilbench run that did not finish: " + why + ". " +
                                (reports_written ? "Its result.json and report.html hold the points that finished; the "
                                                   "others are error points. "
                                                 : "The records of the points that finished are in .points/. ") +
                                fs::path(m_final).filename().string() + "/ still holds the previous complete run, if any.\n");
    } catch (const reports::write_error&) {
        // the folder keeps the first note, which says as much
    }
}

void output_folder::commit() const {
    std::error_code ec;
    fs::remove_all(record_dir(), ec);
    fs::remove(fs::path(m_partial) / "PARTIAL.txt", ec);
    const fs::path old = m_final + ".previous";
    fs::remove_all(old, ec);
    if (fs::exists(m_final, ec)) {
        fs::rename(m_final, old, ec);
        if (ec) throw reports::write_error(m_final, "cannot move the previous run aside: " + ec.message());
    }
    fs::rename(m_partial, m_final, ec);
    if (ec) throw reports::write_error(m_final, "cannot move the finished run into place: " + ec.message());
    fs::remove_all(old, ec);
}

}  // namespace hilbench::bench
