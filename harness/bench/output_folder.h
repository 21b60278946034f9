// Where a run writes: a fresh folder `<out>.partial` beside `--out`, moved into place only when
// the run is complete. Until then `<out>.partial/PARTIAL.txt` says what the folder is, and
// `<out>` keeps the previous complete run untouched: an interrupted run never leaves a mix of
// old and new files looking current, and a rerun with fewer points leaves no stale series.
// The folder is checked before any simulation: one that cannot be created or written, or an
// `<out>` that is a file, is bad input (exit 2).
#pragma once
#include <string>

namespace hilbench::bench {

class output_folder {
public:
    // Checks and prepares `<out>.partial` (removing one an earlier run left); input_error when
    // the folder cannot be used.
    explicit output_folder(const std::string& out);
    const std::string& final_dir() const { return m_final; }
    const std::string& partial_dir() const { return m_partial; }
    // Where finished points' records go as they arrive (removed when the run is complete).
    std::string record_dir() const;
    // The run stopped before the end: PARTIAL.txt says why, and whether the reports of the
    // finished points were written; the folder stays beside `<out>`.
    void mark_stopped(const std::string& why, bool reports_written) const;
    // The run is complete: `<out>.partial` replaces `<out>`.
    void commit() const;

private:
    std::string m_final, m_partial;
};

}  // namespace hilbench::bench
