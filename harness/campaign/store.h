// The results store: every run's record, also in an SQLite database (harness/campaign/README.md
// documents the tables and shows queries). The campaign's process is its only writer; a shard
// writes its own database and `hilbench merge` combines them. A failure to write (a full disk,
// a read-only folder) is a reports::write_error naming the database.
#pragma once
#include <nlohmann/json.hpp>

#include <string>

struct sqlite3;

namespace hilbench::campaign {

class store {
public:
    // Opens (creating) the database and its tables.
    explicit store(const std::string& path);
    ~store();
    store(const store&) = delete;
    store& operator=(const store&) = delete;

    void add_campaign(const std::string& hash, const std::string& name, const std::string& description,
                      std::size_t runs_total, const nlohmann::json& definition);
    // One run: `saved` is the file runs/<id>.json (the run record with its `campaign` block).
    // Adding a run that is there already changes nothing.
    void add_run(const nlohmann::json& saved);
    bool has_run(const std::string& hash, const std::string& run_id);
    // Every row of another store (a shard's) that this one lacks.
    void merge_from(const std::string& other_path);

private:
    void exec(const std::string& sql);
    [[noreturn]] void fail(const std::string& what);
    std::string m_path;
    sqlite3* m_db = nullptr;
};

}  // namespace hilbench::campaign
