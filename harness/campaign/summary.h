// The campaign result, from the manifest (campaign.json: the campaign and all its runs) and the
// runs' saved records: per group (a scenario with one grid combination) the verdicts, the yield
// of its devices (Monte-Carlo draws) with a Clopper-Pearson interval, a pass/fail matrix over its
// test points, and the distribution of every value each point measured. Written as
// summary.json, junit.xml (one test case per run) and report.html. No SystemC here.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace hilbench::campaign {

// The exact (Clopper-Pearson) two-sided interval of a binomial proportion k/n at `confidence`.
std::pair<double, double> clopper_pearson(std::size_t k, std::size_t n, double confidence = 0.95);

// Quantile of sorted values by linear interpolation between order statistics (R's type 7,
// numpy's default).
double quantile(const std::vector<double>& sorted, double q);

// `saved`: the runs' files (runs/<id>.json), any order; runs of the manifest that are missing
// are listed as such.
nlohmann::json summarise(const nlohmann::json& manifest, const std::vector<nlohmann::json>& saved);

// What summarise() and write_summary() read of a saved run (its campaign block, verdict,
// expectation and points without their series, audit trails and statistics): a campaign keeps
// this much of each run in memory, not the whole record.
nlohmann::json summary_part(const nlohmann::json& saved);

// summary.json, junit.xml and report.html in dir (reports::write_error when they cannot be written).
void write_summary(const nlohmann::json& summary, const std::vector<nlohmann::json>& saved, const std::string& dir);

// 0: every run complete and passed as judged; 1: some failed; 3: some ended in error or are missing.
int exit_code_of(const nlohmann::json& summary);

}  // namespace hilbench::campaign
