// Runs a campaign's runs (or one shard's) through the shared process pool, each run in its own
// process; writes each finished run at once (runs/<id>.json, then the store), so that an
// interrupted, crashed or full-disk campaign loses no completed run, and --resume skips them.
// An unsharded campaign ends by writing its summary; shards are combined by merge().
#pragma once
#include <string>
#include <vector>

#include "harness/campaign/campaign.h"
#include "harness/families/family.h"

namespace hilbench::campaign {

struct campaign_options {
    std::string out;     // the campaign's folder
    int jobs = 1;
    shard part;
    bool resume = false;
    bool quiet = false;
    bool silent = false;  // not even the summary on stdout (a campaign run by another command)
};

// Exit code: 0 every run passed as judged, 1 some failed, 3 some ended in error (a crash, a
// timeout), 2 bad input or an output that cannot be written, 128 + signal when interrupted.
int run(const campaign& c, const campaign_options& opt, const families::family_list& families);

// Prints the runs (this shard's) without running them.
void print_runs(const campaign& c, const shard& part);

// Combines shard folders into `out`: their runs, their stores, one summary. Refuses folders of
// different campaigns (exit 2). Merging again, or merging a folder twice, changes nothing.
int merge(const std::vector<std::string>& dirs, const std::string& out, bool quiet);

}  // namespace hilbench::campaign
