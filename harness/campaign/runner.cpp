#include "harness/campaign/runner.h"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "harness/bench/plan.h"
#include "harness/bench/run.h"
#include "harness/campaign/store.h"
#include "harness/campaign/summary.h"
#include "harness/pool/process_pool.h"
#include "harness/scenario/scenario.h"
#include "models/core/errors.h"
#include "reports/report_writer.h"

namespace hilbench::campaign {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using clock_type = std::chrono::steady_clock;

json manifest_of(const campaign& c, const shard& part) {
    json runs = json::array();
    for (const planned_run& r : c.runs)
        runs.push_back({{"index", r.index}, {"id", r.id}, {"scenario", r.scenario}, {"group", r.group()}, {"grid", r.grid},
                        {"draw", r.draw}, {"drawn", r.drawn}, {"repeat", r.repeat}, {"seed", r.seed}});
    return {{"campaign",
             {{"name", c.spec.name}, {"description", c.spec.description}, {"file", fs::path(c.file).filename().string()},
              {"hash", c.hash}, {"judge", c.spec.judge}, {"reports", c.spec.reports}, {"runs_total", c.runs.size()}}},
            {"shard", {{"index", part.index}, {"count", part.count}}},
            {"definition", c.definition},
            {"runs", runs}};
}

json read_json_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    return json::parse(in);
}

// The saved run without its wall-clock facts: what two runs of the same id must agree on.
json outside_meta(json j) {
    j.erase("meta");
    return j;
}

// Creates the folder and its runs/ and checks that it can be written (bad input otherwise).
void prepare_folder(const std::string& out) {
    std::error_code ec;
    fs::create_directories(fs::path(out) / "runs", ec);
    if (ec) throw config_error("--out", "", "cannot create " + (fs::path(out) / "runs").string() + ": " + ec.message());
    try {
        const std::string probe = (fs::path(out) / ".write-probe").string();
        reports::write_file(probe, "probe\n");
        fs::remove(probe, ec);
    } catch (const reports::write_error& e) {
        throw config_error("--out", "", std::string("the campaign folder cannot be written: ") + e.what());
    }
}

std::string eta_text(double s) {
    char b[32];
    if (!std::isfinite(s) || s < 0) return "?";
    if (s >= 3600) std::snprintf(b, sizeof b, "%dh%02dm", int(s / 3600), int(s / 60) % 60);
    else if (s >= 60) std::snprintf(b, sizeof b, "%dm%02ds", int(s / 60), int(s) % 60);
    else std::snprintf(b, sizeof b, "%ds", int(s));
    return b;
}

// A run whose process ended without a record (a crash, a kill): an error record of it.
json error_record(const planned_run& r) {
    const json& d = r.doc;
    return {{"schema_version", 1},
            {"scenario", {{"path", r.scenario}, {"name", d.value("name", "")}, {"seed", r.seed}}},
            {"device", {{"type", d.contains("device") ? d["device"].value("type", "") : ""},
                        {"fidelity", d.contains("device") ? d["device"].value("fidelity", "sample") : "sample"}}},
            {"verdict", "error"},
            {"points", json::array()},
            {"meta", json::object()}};
}

}  // namespace

void print_runs(const campaign& c, const shard& part) {
    std::size_t n = 0;
    std::printf("%-7s %-16s %-5s %-6s %-16s %s\n", "index", "id", "draw", "repeat", "seed", "scenario and grid");
    for (const planned_run& r : c.runs) {
        if (!part.member(r.index)) continue;
        ++n;
        std::printf("%-7zu %-16s %-5s %-6d %-16llu %s\n", r.index, r.id.c_str(),
                    r.draw < 0 ? "-" : std::to_string(r.draw).c_str(), r.repeat, (unsigned long long)r.seed, r.group().c_str());
    }
    std::printf("%zu of %zu runs%s; campaign %s (%s)\n", n, c.runs.size(),
                part.whole() ? "" : (" in shard " + std::to_string(part.index) + "/" + std::to_string(part.count)).c_str(),
                c.spec.name.c_str(), c.hash.c_str());
}

int run(const campaign& c, const campaign_options& opt, const families::family_list& families) {
    const auto wall0 = clock_type::now();
    const fs::path out(opt.out);
    prepare_folder(opt.out);
    const json manifest = manifest_of(c, opt.part);
    const fs::path mpath = out / "campaign.json";
    std::error_code ec;
    if (fs::exists(mpath, ec)) {
        json old;
        try {
            old = read_json_file(mpath.string());
        } catch (const std::exception& e) {
            throw config_error("--out", "", mpath.string() + " is not a campaign manifest (" + e.what() + "): choose another folder");
        }
        const std::string h = old.contains("campaign") ? old["campaign"].value("hash", "") : "";
        if (h != c.hash)
            throw config_error("--out", "", opt.out + " holds another campaign (" + h + ", not " + c.hash +
                                                "): choose another folder, or remove it");
        if (old.value("shard", json::object()) != manifest["shard"])
            throw config_error("--out", "", opt.out + " holds shard " + old["shard"].dump() + " of this campaign, not " +
                                                manifest["shard"].dump() + ": give each shard its own folder");
        if (!opt.resume && !fs::is_empty(out / "runs", ec))
            throw config_error("--out", "", opt.out + " holds runs of this campaign already: pass --resume to continue it, or remove it");
    }
    reports::write_file(mpath.string(), manifest.dump(1) + "\n");

    store db((out / "store.sqlite").string());
    db.add_campaign(c.hash, c.spec.name, c.spec.description, c.runs.size(), c.definition);
    // the runs already complete (by id), and those this process takes
    std::vector<json> saved;
    std::vector<std::size_t> todo;
    std::map<std::string, bool> complete;
    for (const planned_run& r : c.runs) {
        if (!opt.part.member(r.index)) continue;
        const fs::path f = out / "runs" / (r.id + ".json");
        if (fs::exists(f, ec)) {
            try {
                json j = read_json_file(f.string());
                if (j.at("campaign").at("hash") == c.hash && j.at("campaign").at("run_id") == r.id) {
                    db.add_run(j);  // a run whose record was written just before a stop
                    saved.push_back(summary_part(j));
                    complete[r.id] = true;
                    continue;
                }
            } catch (const std::exception&) {
                // not a complete record: the run is run again
            }
        }
        todo.push_back(r.index);
    }

    const bool tty = ::isatty(STDERR_FILENO) == 1;
    if (!opt.quiet)
        std::fprintf(stderr, "hilbench: campaign %s (%s): %zu runs%s, %zu complete, %zu to run, %d jobs\n", c.spec.name.c_str(),
                     c.hash.c_str(), c.runs.size(),
                     opt.part.whole() ? "" : (", shard " + std::to_string(opt.part.index) + "/" + std::to_string(opt.part.count)).c_str(),
                     saved.size(), todo.size(), opt.jobs);
    std::size_t done = 0, failed = 0, errors = 0;
    auto last_print = clock_type::now() - std::chrono::hours(1);
    auto progress = [&](bool final) {
        if (opt.quiet) return;
        const auto now = clock_type::now();
        if (!final && now - last_print < std::chrono::milliseconds(tty ? 500 : 10000)) return;
        last_print = now;
        const double el = std::chrono::duration<double>(now - wall0).count();
        const double rate = el > 0 ? double(done) / el : 0;
        std::fprintf(stderr, "%s[campaign] %zu/%zu runs, %zu failed, %zu errors, %.2f runs/s, ETA %s%s", tty ? "\r" : "", done,
                     todo.size(), failed, errors, rate,
                     eta_text(rate > 0 ? double(todo.size() - done) / rate : NAN).c_str(), tty && !final ? "   " : "\n");
        std::fflush(stderr);
    };
    const bool want_reports = c.spec.reports != "none";
    pool::stop stop;
    try {
        stop = pool::run(
            todo, opt.jobs,
            [&](std::size_t k) {
                const planned_run& r = c.runs[k];
                scenario::scenario sc = scenario::parse(r.doc.dump(), r.scenario_file, families::builtin_catalogue());
                if (!want_reports) sc.outputs.series = false;  // nothing would keep them
                const bench::test_plan plan = bench::make_plan(sc, families);
                bench::run_options ro;
                ro.jobs = 1;
                ro.quiet = true;
                ro.max_wall_s = c.spec.run_timeout_s;
                const fs::path partial = out / "runs" / (r.id + ".partial");
                if (want_reports) {
                    fs::remove_all(partial);
                    fs::create_directories(partial);
                    ro.out_dir = partial.string();
                }
                bench::run_result res = bench::run_scenario(sc, plan, families, ro);
                res.record.scenario_path = r.scenario;
                res.record.judged_by_expect = c.spec.judge == "expect" && res.record.has_expect;
                if (want_reports) {
                    if (c.spec.reports == "all" || res.record.verdict != "pass") {
                        reports::write_all(res.record, partial.string(), families::report_sections(families, sc));
                        const fs::path final_dir = out / "runs" / r.id;
                        fs::remove_all(final_dir);
                        fs::rename(partial, final_dir);
                    } else {
                        fs::remove_all(partial);
                    }
                }
                return json{{"record", reports::to_json(res.record)}, {"exit_code", res.exit_code}};
            },
            [&](std::size_t k, const pool::task_result& tr) {
                const planned_run& r = c.runs[k];
                json s;
                int exit_code = 3;
                std::string error;
                if (tr.exit_kind == 0 && tr.payload.contains("record")) {
                    s = tr.payload["record"];
                    exit_code = tr.payload.value("exit_code", 3);
                } else {
                    s = error_record(r);
                    exit_code = tr.exit_kind == 0 ? 3 : tr.exit_kind;
                    error = tr.exit_kind == 0 ? "the run's process returned no record" : tr.error;
                }
                bool judged = s.at("verdict") == "pass";
                if (c.spec.judge == "expect" && s.contains("expect") && s["expect"].is_object())
                    judged = s.at("verdict") != "error" && s["expect"].value("met", false);
                s["campaign"] = {{"hash", c.hash}, {"run_id", r.id}, {"index", r.index}, {"scenario", r.scenario},
                                 {"group", r.group()}, {"grid", r.grid}, {"draw", r.draw}, {"drawn", r.drawn},
                                 {"repeat", r.repeat}, {"seed", r.seed}, {"exit_code", exit_code}, {"judged_pass", judged}};
                if (!error.empty()) s["campaign"]["error"] = error;
                if (s.contains("meta") && s["meta"].is_object()) s["meta"]["process_wall_s"] = tr.wall_s;
                reports::write_file((out / "runs" / (r.id + ".json")).string(),
                                    s.dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
                db.add_run(s);
                ++done;
                failed += !judged && s.at("verdict") != "error";
                errors += s.at("verdict") == "error";
                saved.push_back(summary_part(s));
                progress(false);
            });
    } catch (const reports::write_error& e) {
        if (!opt.quiet && tty) std::fprintf(stderr, "\n");
        std::size_t kept = 0;  // the records on disk (the last may have missed only the store)
        for (const auto& f : fs::directory_iterator(out / "runs", ec))
            kept += f.path().extension() == ".json";
        std::fprintf(stderr,
                     "hilbench: %s\nhilbench: the campaign stopped; the %zu runs completed are kept in %s; free the space "
                     "(or make the folder writable) and continue with --resume\n",
                     e.what(), kept, opt.out.c_str());
        return 2;
    }
    progress(true);
    if (stop.stopped()) {
        std::fprintf(stderr,
                     "hilbench: campaign %s: %s; %zu of %zu runs are complete in %s; the %zu runs in flight were stopped and "
                     "are not recorded; `hilbench campaign %s --out %s --resume` continues\n",
                     c.spec.name.c_str(), stop.reason().c_str(), saved.size(), saved.size() + todo.size() - done,
                     opt.out.c_str(), std::min<std::size_t>(std::size_t(opt.jobs), todo.size() - done), c.file.c_str(),
                     opt.out.c_str());
        return 128 + (stop.signal ? stop.signal : SIGTERM);
    }
    if (!opt.part.whole()) {
        std::size_t f = 0, e = 0;
        for (const json& s : saved) {
            e += s.at("verdict") == "error";
            f += s.at("verdict") != "error" && !s.at("campaign").at("judged_pass").get<bool>();
        }
        std::printf("shard %d/%d of campaign %s: %zu runs complete in %s (%zu failed, %zu errors); combine the shards with "
                    "`hilbench merge <shard folders> --out <folder>`\n",
                    opt.part.index, opt.part.count, c.spec.name.c_str(), saved.size(), opt.out.c_str(), f, e);
        return e ? 3 : f ? 1 : 0;
    }
    json summary = summarise(manifest, saved);
    summary["meta"] = {{"wall_s", std::chrono::duration<double>(clock_type::now() - wall0).count()}, {"jobs", opt.jobs}};
    write_summary(summary, saved, opt.out);
    const json& v = summary["verdicts"];
    if (opt.silent) return exit_code_of(summary);
    std::printf("campaign %s: %zu runs: %zu pass, %zu fail, %zu error; report: %s\n", c.spec.name.c_str(), saved.size(),
                v["pass"].get<std::size_t>(), v["fail"].get<std::size_t>(), v["error"].get<std::size_t>(),
                (out / "report.html").string().c_str());
    for (const auto& g : summary["groups"]) {
        const json& y = g["yield"];
        if (y["yield"].is_number())
            std::printf("  %s: yield %zu/%zu = %.1f %% (95 %% interval %.1f to %.1f %%)\n", g["group"].get<std::string>().c_str(),
                        y["devices_passing"].get<std::size_t>(), y["devices"].get<std::size_t>(), 100 * y["yield"].get<double>(),
                        100 * y["ci95"][0].get<double>(), 100 * y["ci95"][1].get<double>());
    }
    return exit_code_of(summary);
}

int merge(const std::vector<std::string>& dirs, const std::string& out_arg, bool quiet) {
    const auto wall0 = clock_type::now();
    std::vector<json> manifests;
    std::string hash;
    for (const auto& d : dirs) {
        const fs::path m = fs::path(d) / "campaign.json";
        json j;
        try {
            j = read_json_file(m.string());
            j.at("campaign").at("hash").get<std::string>();
        } catch (const std::exception&) {
            throw config_error(d, "", "expected a campaign folder (with campaign.json), got none");
        }
        const std::string h = j["campaign"]["hash"];
        if (!hash.empty() && h != hash)
            throw config_error(d, "/campaign/hash",
                               "mixed campaigns: " + dirs.front() + " holds campaign " + hash + " (" +
                                   manifests.front()["campaign"]["name"].get<std::string>() + "), this folder " + h + " (" +
                                   j["campaign"]["name"].get<std::string>() + "); merge the shards of one campaign at a time");
        hash = h;
        manifests.push_back(std::move(j));
    }
    const fs::path out(out_arg);
    prepare_folder(out_arg);
    std::error_code ec;
    if (fs::exists(out / "campaign.json", ec)) {
        json old;
        try {
            old = read_json_file((out / "campaign.json").string());
        } catch (const std::exception&) {
        }
        if (!old.contains("campaign") || old["campaign"].value("hash", "") != hash)
            throw config_error("--out", "", out_arg + " holds another campaign: choose another folder");
    }
    json manifest = manifests.front();
    manifest["shard"] = {{"index", 0}, {"count", 1}};
    reports::write_file((out / "campaign.json").string(), manifest.dump(1) + "\n");
    store db((out / "store.sqlite").string());
    db.add_campaign(hash, manifest["campaign"]["name"], manifest["campaign"]["description"],
                    manifest["campaign"]["runs_total"].get<std::size_t>(), manifest["definition"]);
    std::map<std::string, json> runs;  // id -> what the summary needs of the saved run
    for (const auto& e : fs::directory_iterator(out / "runs"))
        if (e.path().extension() == ".json") {
            const json s = read_json_file(e.path().string());
            db.add_run(s);  // a run a shard's store lacked, or one merged earlier
            runs[e.path().stem().string()] = summary_part(s);
        }
    for (const auto& d : dirs) {
        if (fs::equivalent(d, out, ec)) continue;
        const fs::path rd = fs::path(d) / "runs";
        if (fs::is_directory(rd, ec))
            for (const auto& e : fs::directory_iterator(rd)) {
                if (e.path().extension() != ".json") continue;
                json s = read_json_file(e.path().string());
                const std::string id = e.path().stem().string();
                if (!s.contains("campaign") || s["campaign"].value("hash", "") != hash || s["campaign"].value("run_id", "") != id)
                    throw config_error(e.path().string(), "/campaign", "expected a run of campaign " + hash + ", got another");
                auto it = runs.find(id);
                if (it != runs.end()) {
                    if (outside_meta(read_json_file((out / "runs" / (id + ".json")).string())) != outside_meta(s))
                        throw config_error(e.path().string(), "",
                                           "run " + id + " differs from the one already merged (outside meta): the shards were "
                                           "not made by the same hilbench");
                    continue;
                }
                reports::write_file((out / "runs" / (id + ".json")).string(), s.dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
                const fs::path rep = rd / id;
                if (fs::is_directory(rep, ec)) fs::copy(rep, out / "runs" / id, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
                db.add_run(s);
                runs[id] = summary_part(s);
            }
        const fs::path db_file = fs::path(d) / "store.sqlite";
        if (fs::exists(db_file, ec)) db.merge_from(db_file.string());
    }
    std::vector<json> saved;
    for (auto& [id, s] : runs) saved.push_back(std::move(s));
    json summary = summarise(manifest, saved);
    summary["meta"] = {{"merged_from", dirs}, {"wall_s", std::chrono::duration<double>(clock_type::now() - wall0).count()}};
    write_summary(summary, saved, out_arg);
    const json& v = summary["verdicts"];
    const std::size_t missing = summary["campaign"]["runs_missing"].size();
    if (!quiet || missing)
        std::printf("campaign %s: merged %zu folders: %zu of %zu runs (%zu pass, %zu fail, %zu error)%s; report: %s\n",
                    manifest["campaign"]["name"].get<std::string>().c_str(), dirs.size(), saved.size(),
                    manifest["runs"].size(), v["pass"].get<std::size_t>(), v["fail"].get<std::size_t>(),
                    v["error"].get<std::size_t>(), missing ? (", " + std::to_string(missing) + " missing").c_str() : "",
                    (out / "report.html").string().c_str());
    return exit_code_of(summary);
}

}  // namespace hilbench::campaign
