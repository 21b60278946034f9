#include "harness/detect/records.h"

#include <algorithm>
#include <filesystem>

#include "harness/scenario/scenario.h"
#include "models/core/errors.h"

namespace hilbench::detect {

namespace fs = std::filesystem;
using json = nlohmann::json;


std::vector<run_file> records_of(const std::string& folder) {
    std::error_code ec;
    if (fs::is_regular_file(fs::path(folder) / "result.json", ec)) {
        std::string key = fs::path(folder).lexically_normal().filename().string();
        if (key.empty() || key == ".") key = fs::absolute(folder, ec).lexically_normal().parent_path().filename().string();
        return {{key.empty() ? "run" : key, (fs::path(folder) / "result.json").string()}};
    }
    if (!fs::is_regular_file(fs::path(folder) / "campaign.json", ec) || !fs::is_directory(fs::path(folder) / "runs", ec))
        throw scenario_error(folder, "",
                             "expected a run folder (with result.json) or a campaign folder (with campaign.json and runs/)");
    std::vector<run_file> out;
    for (const auto& e : fs::directory_iterator(fs::path(folder) / "runs", ec))
        if (e.is_regular_file() && e.path().extension() == ".json") out.push_back({e.path().stem().string(), e.path().string()});
    if (ec) throw scenario_error(folder, "", "cannot read runs/: " + ec.message());
    std::sort(out.begin(), out.end(), [](const run_file& a, const run_file& b) { return a.key < b.key; });
    if (out.empty()) throw scenario_error(folder, "", "expected finished runs in runs/, found none");
    return out;
}

json read_record(const run_file& f) {
    const std::string text = scenario::read_file(f.path, "run record");
    try {
        return json::parse(text);
    } catch (const json::exception& e) {
        throw scenario_error(f.path, "", std::string("expected a run record (JSON), got ") + e.what());
    }
}

bool finished(const json& r) {
    return r.is_object() && r.value("verdict", "error") != "error" && r.contains("points") && r["points"].is_array() &&
           !r["points"].empty();
}

}  // namespace hilbench::detect
