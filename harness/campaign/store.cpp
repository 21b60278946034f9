#include "harness/campaign/store.h"

#include <sqlite3.h>

#include <cmath>
#include <functional>
#include <vector>

#include "reports/report_writer.h"

namespace hilbench::campaign {
namespace {

// The tables (README.md, "The results store"). Wall-clock facts live in run_meta alone.
const char* const schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS campaigns (
  campaign_hash TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT, runs_total INTEGER NOT NULL,
  definition TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  campaign_hash TEXT NOT NULL, run_id TEXT NOT NULL, run_index INTEGER NOT NULL, scenario TEXT NOT NULL,
  scenario_name TEXT, device_type TEXT, fidelity TEXT, standard TEXT, grid TEXT NOT NULL, draw INTEGER,
  repeat INTEGER NOT NULL, seed INTEGER NOT NULL, verdict TEXT NOT NULL, judged_pass INTEGER NOT NULL,
  expect_met INTEGER, exit_code INTEGER NOT NULL, error TEXT,
  PRIMARY KEY (campaign_hash, run_id));
CREATE TABLE IF NOT EXISTS parameters (
  campaign_hash TEXT NOT NULL, run_id TEXT NOT NULL, name TEXT NOT NULL, value, drawn INTEGER NOT NULL,
  PRIMARY KEY (campaign_hash, run_id, name));
CREATE TABLE IF NOT EXISTS points (
  campaign_hash TEXT NOT NULL, run_id TEXT NOT NULL, point_id TEXT NOT NULL, test TEXT, title TEXT,
  verdict TEXT NOT NULL, note TEXT,
  PRIMARY KEY (campaign_hash, run_id, point_id));
CREATE TABLE IF NOT EXISTS point_values (
  campaign_hash TEXT NOT NULL, run_id TEXT NOT NULL, point_id TEXT NOT NULL, name TEXT NOT NULL, value REAL,
  PRIMARY KEY (campaign_hash, run_id, point_id, name));
CREATE TABLE IF NOT EXISTS labels (
  campaign_hash TEXT NOT NULL, run_id TEXT NOT NULL, point_id TEXT NOT NULL, label_id TEXT NOT NULL,
  label TEXT NOT NULL, tap TEXT, onset_s REAL, end_s REAL, magnitude REAL, magnitude_unit TEXT,
  PRIMARY KEY (campaign_hash, run_id, point_id, label_id));
CREATE TABLE IF NOT EXISTS provenance (
  campaign_hash TEXT NOT NULL, run_id TEXT NOT NULL, scenario_sha256 TEXT, hilbench_version TEXT,
  git_commit TEXT, systemc_version TEXT, verilator_version TEXT,
  PRIMARY KEY (campaign_hash, run_id));
CREATE TABLE IF NOT EXISTS run_meta (
  campaign_hash TEXT NOT NULL, run_id TEXT NOT NULL, wall_s REAL, max_rss_mb REAL, started_utc TEXT,
  PRIMARY KEY (campaign_hash, run_id));
)sql";

const char* const tables[] = {"campaigns", "runs", "parameters", "points", "point_values", "labels", "provenance", "run_meta"};

// A prepared statement with positional binding of JSON values.
class statement {
public:
    statement(sqlite3* db, const char* sql, const std::function<void(const std::string&)>& fail) : m_fail(fail) {
        if (sqlite3_prepare_v2(db, sql, -1, &m_st, nullptr) != SQLITE_OK) m_fail(sqlite3_errmsg(db));
        m_db = db;
    }
    ~statement() { sqlite3_finalize(m_st); }
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    void run(const std::vector<nlohmann::json>& args) {
        sqlite3_reset(m_st);
        sqlite3_clear_bindings(m_st);
        for (std::size_t k = 0; k < args.size(); ++k) {
            const int i = int(k) + 1;
            const nlohmann::json& v = args[k];
            if (v.is_null() || (v.is_number_float() && !std::isfinite(v.get<double>())))
                sqlite3_bind_null(m_st, i);
            else if (v.is_boolean())
                sqlite3_bind_int(m_st, i, v.get<bool>() ? 1 : 0);
            else if (v.is_number_integer() || v.is_number_unsigned())
                sqlite3_bind_int64(m_st, i, v.get<int64_t>());
            else if (v.is_number_float())
                sqlite3_bind_double(m_st, i, v.get<double>());
            else {
                const std::string s = v.is_string() ? v.get<std::string>() : v.dump();
                sqlite3_bind_text(m_st, i, s.c_str(), int(s.size()), SQLITE_TRANSIENT);
            }
        }
        if (sqlite3_step(m_st) != SQLITE_DONE) m_fail(sqlite3_errmsg(m_db));
    }

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_st = nullptr;
    std::function<void(const std::string&)> m_fail;
};

nlohmann::json at_or_null(const nlohmann::json& j, const char* k) { return j.contains(k) ? j[k] : nlohmann::json(); }

}  // namespace

store::store(const std::string& path) : m_path(path) {
    if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        const std::string why = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw reports::write_error(path, why);
    }
    sqlite3_busy_timeout(m_db, 10000);
    exec("PRAGMA journal_mode=DELETE");
    exec(schema_sql);
}

store::~store() { sqlite3_close(m_db); }

void store::fail(const std::string& what) { throw reports::write_error(m_path, what); }

void store::exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string why = err ? err : sqlite3_errmsg(m_db);
        sqlite3_free(err);
        if (sqlite3_get_autocommit(m_db) == 0) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        fail(why);
    }
}

void store::add_campaign(const std::string& hash, const std::string& name, const std::string& description,
                         std::size_t runs_total, const nlohmann::json& definition) {
    const auto f = [this](const std::string& w) { fail(w); };
    statement st(m_db, "INSERT OR IGNORE INTO campaigns VALUES (?,?,?,?,?)", f);
    st.run({hash, name, description, runs_total, definition.dump()});
}

bool store::has_run(const std::string& hash, const std::string& run_id) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT 1 FROM runs WHERE campaign_hash = ? AND run_id = ?", -1, &st, nullptr) != SQLITE_OK)
        fail(sqlite3_errmsg(m_db));
    sqlite3_bind_text(st, 1, hash.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, run_id.c_str(), -1, SQLITE_TRANSIENT);
    const bool found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

void store::add_run(const nlohmann::json& saved) {
    const nlohmann::json& c = saved.at("campaign");
    const std::string hash = c.at("hash"), id = c.at("run_id");
    if (has_run(hash, id)) return;
    const auto f = [this](const std::string& w) { fail(w); };
    exec("BEGIN");
    try {
        const nlohmann::json& sc = saved.at("scenario");
        const nlohmann::json& dev = saved.at("device");
        const nlohmann::json expect = saved.value("expect", nlohmann::json());
        statement runs(m_db, "INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", f);
        runs.run({hash, id, c.at("index"), c.at("scenario"), at_or_null(sc, "name"), at_or_null(dev, "type"),
                  at_or_null(dev, "fidelity"), saved.contains("procedure") ? at_or_null(saved["procedure"], "standard") : nullptr,
                  c.at("grid").dump(), c.at("draw").get<int>() < 0 ? nlohmann::json() : c.at("draw"), c.at("repeat"), c.at("seed"),
                  saved.at("verdict"), c.at("judged_pass"), expect.is_object() ? expect.at("met") : nlohmann::json(),
                  c.at("exit_code"), at_or_null(c, "error")});
        statement params(m_db, "INSERT INTO parameters VALUES (?,?,?,?,?)", f);
        const nlohmann::json& drawn = c.at("drawn");
        if (dev.contains("params"))
            for (auto it = dev["params"].begin(); it != dev["params"].end(); ++it)
                params.run({hash, id, it.key(), it.value(), drawn.contains(it.key())});
        statement points(m_db, "INSERT INTO points VALUES (?,?,?,?,?,?,?)", f);
        statement values(m_db, "INSERT INTO point_values VALUES (?,?,?,?,?)", f);
        statement labels(m_db, "INSERT OR IGNORE INTO labels VALUES (?,?,?,?,?,?,?,?,?,?)", f);
        for (const auto& p : saved.value("points", nlohmann::json::array())) {
            const std::string pid = p.at("id");
            points.run({hash, id, pid, at_or_null(p, "test"), at_or_null(p, "title"), p.at("verdict"), at_or_null(p, "note")});
            if (p.contains("values"))
                for (auto it = p["values"].begin(); it != p["values"].end(); ++it) values.run({hash, id, pid, it.key(), it.value()});
            for (const auto& l : p.value("labels", nlohmann::json::array()))
                labels.run({hash, id, pid, l.at("id"), l.at("label"), at_or_null(l, "tap"), at_or_null(l, "onset_s"),
                            at_or_null(l, "end_s"), at_or_null(l, "magnitude"), at_or_null(l, "magnitude_unit")});
        }
        statement prov(m_db, "INSERT INTO provenance VALUES (?,?,?,?,?,?,?)", f);
        const nlohmann::json pv = saved.value("provenance", nlohmann::json::object());
        prov.run({hash, id, at_or_null(sc, "sha256"), at_or_null(pv, "hilbench_version"), at_or_null(pv, "git_commit"),
                  at_or_null(pv, "systemc_version"), at_or_null(pv, "verilator_version")});
        statement meta(m_db, "INSERT INTO run_meta VALUES (?,?,?,?,?)", f);
        const nlohmann::json m = saved.value("meta", nlohmann::json::object());
        meta.run({hash, id, at_or_null(m, "wall_s"), at_or_null(m, "max_rss_mb"), at_or_null(m, "started_utc")});
    } catch (...) {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    exec("COMMIT");
}

void store::merge_from(const std::string& other_path) {
    sqlite3* probe = nullptr;  // the other store must exist: ATTACH would create an empty one
    if (sqlite3_open_v2(other_path.c_str(), &probe, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        const std::string why = probe ? sqlite3_errmsg(probe) : "cannot open";
        sqlite3_close(probe);
        throw reports::write_error(m_path, "cannot read " + other_path + ": " + why);
    }
    sqlite3_close(probe);
    const auto f = [this](const std::string& w) { fail(w); };
    {
        statement att(m_db, "ATTACH DATABASE ? AS shard", f);
        att.run({other_path});
    }
    try {
        exec("BEGIN");
        for (const char* t : tables) exec(std::string("INSERT OR IGNORE INTO main.") + t + " SELECT * FROM shard." + t);
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(m_db, "DETACH DATABASE shard", nullptr, nullptr, nullptr);
        throw;
    }
    exec("DETACH DATABASE shard");
}

}  // namespace hilbench::campaign
