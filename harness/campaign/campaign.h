// A campaign file and its expansion into runs. The file names scenarios, settings of their keys
// (`set`), a grid of alternative settings, Monte-Carlo draws of device parameters within their
// tolerances, and repeats with derived seeds; it expands to runs in a fixed order:
//   for each scenario, each grid combination (the last axis varying fastest), each draw, each repeat.
// Each run is a whole scenario document; its id is a hash of that document (seed included), so
// the same run has the same id in every shard, on every machine, after every resume. The
// campaign's hash covers its definition and the ids of all its runs: shards of one campaign
// share it, and merge refuses shards whose hashes differ.
// The fields are declared once (campaign_table()); the loader, `hilbench describe campaign`,
// the README table and scenarios/schema/campaign.schema.json come from the declaration.
#pragma once
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "harness/scenario/catalogue.h"
#include "models/core/param_table.h"

namespace hilbench::campaign {

struct setting {
    std::string pointer;
    std::string value;  // JSON text
};
struct grid_axis {
    std::string pointer;
    std::string values;  // JSON text of a non-empty array
};
struct tolerance {
    std::string param;    // a device parameter, or
    std::string pointer;  // any numeric value of the scenario (a cheat's magnitude, a drift's rate, an onset)
    std::string distribution = "normal";
    double sd = 0;          // normal: the standard deviation, in the parameter's unit
    double half_width = 0;  // uniform: the half-width, in the parameter's unit
    double offset = 0;      // moves the centre from the scenario's value (an onset days later)
};
struct monte_carlo_spec {
    int draws = 0;
    std::string seeds = "shared";  // shared: every draw meets the same noise; per_draw: each its own
    std::vector<tolerance> tolerances;
};
struct campaign_spec {
    int schema_version = 1;
    std::string name, description;
    int seed = 1;
    std::vector<std::string> scenarios;
    std::vector<setting> set;
    std::vector<grid_axis> grid;
    monte_carlo_spec monte_carlo;
    int repeats = 1;
    double run_timeout_s = 3600;
    std::string judge = "verdict";
    std::string reports = "none";
};

const params_of<campaign_spec>& campaign_table();
// The JSON Schema of campaign files (scenarios/schema/campaign.schema.json), from the declaration.
nlohmann::json campaign_schema();

struct planned_run {
    std::size_t index = 0;
    std::string id;             // 16 hex digits of the sha256 of `doc`
    std::string scenario;       // as the campaign file names it
    std::string scenario_file;  // resolved against the campaign file's folder
    nlohmann::json doc;         // the whole scenario of this run
    nlohmann::json grid = nlohmann::json::object();   // pointer -> value of this grid combination
    int draw = -1;                                    // Monte-Carlo draw (-1: none)
    nlohmann::json drawn = nlohmann::json::object();  // parameter -> drawn value
    int repeat = 0;
    uint64_t seed = 0;
    // what the run belongs to in the summary: its scenario and grid combination
    std::string group() const;
};

struct campaign {
    std::string file;
    campaign_spec spec;
    nlohmann::json definition;  // the file's JSON
    std::string hash;
    std::vector<planned_run> runs;
};

// Reads, checks and expands a campaign file; every run is loaded and planned as a scenario, so
// that bad input (a pointer the scenario lacks, a draw outside a parameter's range) is found
// before anything runs. input_error names the campaign file and pointer, and the run.
// seed >= 0 replaces the file's seed (a fresh corpus from the same file: `campaign --seed`).
campaign load(const std::string& path, const scenario::catalogue& cat, long long seed = -1);

// The runs one process takes: index % count == index_.
struct shard {
    int index = 0, count = 1;
    bool member(std::size_t run_index) const { return int(run_index % std::size_t(count)) == index; }
    bool whole() const { return count == 1; }
};
// "i/N" (0 <= i < N); "" takes SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT, or
// JOB_COMPLETION_INDEX with the count from `--shards` (Kubernetes passes no count), or 0/1.
shard shard_of(const std::string& arg, int shards_hint);

}  // namespace hilbench::campaign
