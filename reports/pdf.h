// report.pdf: report.html printed by headless Chromium (its print CSS: A4, page x of y). The
// browser runs in its own process group with a fresh profile and a time limit; when it hangs
// or dies the group is killed and reaped, and no half-written PDF is left.
#pragma once
#include <string>

namespace hilbench::reports {

struct pdf_result {
    bool ok = false;
    std::string why;  // when not ok: what went wrong, in words
};

// The Chromium to print with: $HILBENCH_CHROMIUM, else chromium, chromium-browser or
// google-chrome on PATH ("" when there is none).
std::string find_chromium();

// Prints html_path to pdf_path (written through a temporary beside it). $HILBENCH_PDF_TIMEOUT_S
// overrides the time limit.
pdf_result print_pdf(const std::string& html_path, const std::string& pdf_path, double timeout_s = 120);

}  // namespace hilbench::reports
