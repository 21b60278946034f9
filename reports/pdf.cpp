#include "reports/pdf.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

namespace hilbench::reports {
namespace fs = std::filesystem;

std::string find_chromium() {
    if (const char* env = std::getenv("HILBENCH_CHROMIUM"); env && *env) return env;
    const char* path = std::getenv("PATH");
    if (!path) return "";
    const std::string dirs = path;
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
        std::size_t start = 0;
        while (start <= dirs.size()) {
            const std::size_t end = dirs.find(':', start);
            const std::string dir = dirs.substr(start, end == std::string::npos ? std::string::npos : end - start);
            const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
            if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }
    return "";
}

pdf_result print_pdf(const std::string& html_path, const std::string& pdf_path, double timeout_s) {
    if (const char* env = std::getenv("HILBENCH_PDF_TIMEOUT_S"); env && std::atof(env) > 0) timeout_s = std::atof(env);
    const std::string chromium = find_chromium();
    if (chromium.empty())
        return {false, "no Chromium found (install the Debian package chromium, or set HILBENCH_CHROMIUM)"};
    std::error_code ec;
    if (!fs::is_regular_file(html_path, ec)) return {false, "no report at " + html_path};
    char profile_template[] = "/tmp/hilbench-chromium-XXXXXX";
    if (!::mkdtemp(profile_template)) return {false, "cannot make a temporary browser profile"};
    const std::string profile = profile_template;
    const std::string tmp = pdf_path + ".tmp";
    fs::remove(tmp, ec);
    const std::string url = "file://" + fs::absolute(html_path).lexically_normal().string();
    std::vector<std::string> args = {chromium,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--no-first-run",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--user-data-dir=" + profile,
                                     "--no-pdf-header-footer",
                                     "--print-to-pdf=" + tmp,
                                     url};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string log = profile + "/hilbench-print.log";
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        fs::remove_all(profile, ec);
        return {false, "cannot start Chromium (fork failed)"};
    }
    if (pid == 0) {
        ::setpgid(0, 0);                    // its helpers in one group, killed together
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // and gone with hilbench
        if (::getppid() != parent) ::_exit(127);
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            ::close(fd);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::setpgid(pid, pid);
    int status = 0;
    bool finished = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    while (std::chrono::steady_clock::now() < deadline) {
        const pid_t w = ::waitpid(pid, &status, WNOHANG);
        if (w == pid) {
            finished = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(-pid, SIGKILL);  // whatever of the browser is still there
    if (!finished) ::waitpid(pid, &status, 0);
    std::string tail;
    {
        std::ifstream in(log);
        std::string line;
        while (std::getline(in, line))
            if (!line.empty()) tail = line;
    }
    fs::remove_all(profile, ec);
    auto failed = [&](const std::string& why) {
        fs::remove(tmp, ec);
        return pdf_result{false, why + (tail.empty() ? "" : " (" + tail + ")")};
    };
    if (!finished) return failed("Chromium did not finish printing within " + std::to_string(int(timeout_s)) + " s");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return failed(WIFEXITED(status) && WEXITSTATUS(status) == 127 ? "cannot run " + chromium
                                                                      : "Chromium failed to print the report");
    char magic[5] = {};
    {
        std::ifstream in(tmp, std::ios::binary);
        in.read(magic, 4);
    }
    if (std::string(magic) != "%PDF") return failed("Chromium wrote no PDF");
    fs::rename(tmp, pdf_path, ec);
    if (ec) return failed("cannot write " + pdf_path + ": " + ec.message());
    return {true, ""};
}

}  // namespace hilbench::reports
