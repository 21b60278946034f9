// The run records of a run folder or a campaign folder, for the commands that read them
// (detect, export, evade).
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace hilbench::detect {

struct run_file {
    std::string key, path;
};

// A run folder (result.json) gives one record, keyed by the folder's name; a campaign folder
// (campaign.json, runs/) its runs by id, in id order. Anything else is bad input.
std::vector<run_file> records_of(const std::string& folder);
nlohmann::json read_record(const run_file& f);
// A record with points (not a run that ended in error).
bool finished(const nlohmann::json& r);

}  // namespace hilbench::detect
