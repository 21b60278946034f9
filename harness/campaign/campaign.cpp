#include "harness/campaign/campaign.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "harness/bench/plan.h"
#include "harness/families/family.h"
#include "harness/scenario/json_reader.h"
#include "harness/scenario/scenario.h"
#include "harness/scenario/schema.h"
#include "models/core/errors.h"
#include "models/core/rng.h"

namespace hilbench::campaign {
namespace {

const params_of<setting>& setting_table() {
    static const params_of<setting> t = [] {
        params_of<setting> p;
        p.text("pointer", &setting::pointer, "JSON pointer into the scenario, e.g. /device/fidelity").required();
        p.value("value", &setting::value,
                "the value every run puts there (null: the key is removed, as in a JSON merge patch, e.g. "
                "/procedure when the runs set /procedures)")
            .required();
        return p;
    }();
    return t;
}

const params_of<grid_axis>& grid_table() {
    static const params_of<grid_axis> t = [] {
        params_of<grid_axis> p;
        p.text("pointer", &grid_axis::pointer, "JSON pointer into the scenario, e.g. /device/params/accuracy_class")
            .required();
        p.value("values", &grid_axis::values, "a non-empty array: one run per value (times the other axes)").required();
        return p;
    }();
    return t;
}

const params_of<tolerance>& tolerance_table() {
    static const params_of<tolerance> t = [] {
        params_of<tolerance> p;
        p.text("param", &tolerance::param, "a numeric device parameter (`hilbench describe <type>`)");
        p.text("pointer", &tolerance::pointer,
               "instead of param: a JSON pointer to any number of the scenario, e.g. a cheat's magnitude "
               "/cheats/0/effect/scale (a scenario without it is not drawn there)");
        p.choice("distribution", &tolerance::distribution, {"normal", "uniform"},
                 "normal: centre + sd x N(0, 1); uniform: centre + half_width x U(-1, 1); the centre is the scenario's value (plus offset)");
        p.number("sd", &tolerance::sd, "", 0, 1e12, "standard deviation of a normal draw, in the parameter's unit");
        p.number("half_width", &tolerance::half_width, "", 0, 1e12, "half-width of a uniform draw, in the parameter's unit");
        p.number("offset", &tolerance::offset, "", -1e12, 1e12,
                 "moves the centre from the scenario's value, in its unit (e.g. a cheat's onset days into a long recording)");
        p.check("a normal draw has sd > 0 and no half_width; a uniform draw has half_width > 0 and no sd",
                [](const tolerance& x) {
                    if (x.param.empty() == x.pointer.empty())
                        throw param_error(x.param.empty() ? "/param" : "/pointer", "a tolerance names either a param or a pointer");
                    if (x.distribution == "normal" && (x.sd <= 0 || x.half_width != 0))
                        throw param_error("/sd", "a normal draw needs sd > 0 (and no half_width)");
                    if (x.distribution == "uniform" && (x.half_width <= 0 || x.sd != 0))
                        throw param_error("/half_width", "a uniform draw needs half_width > 0 (and no sd)");
                });
        return p;
    }();
    return t;
}

const params_of<monte_carlo_spec>& monte_carlo_table() {
    static const params_of<monte_carlo_spec> t = [] {
        params_of<monte_carlo_spec> p;
        p.integer("draws", &monte_carlo_spec::draws, 1, 1000000, "devices drawn: one run per draw (times the rest)")
            .required();
        p.table_list("tolerances", &monte_carlo_spec::tolerances, tolerance_table(), 1,
                     "the device parameters drawn, each around its value in the scenario (or its default)");
        p.choice("seeds", &monte_carlo_spec::seeds, {"shared", "per_draw"},
                 "shared: every draw keeps the run's seed (common random numbers: devices differ by their parameters "
                 "alone); per_draw: each draw derives its own from the scenario's seed, the campaign's seed, the scenario and "
                 "the draw (a corpus of independent devices)");
        return p;
    }();
    return t;
}

[[noreturn]] void fail(const std::string& file, const std::string& pointer, const std::string& message) {
    throw scenario_error(file, pointer, message);
}

nlohmann::json parse_json(const std::string& text) { return nlohmann::json::parse(text); }

// Puts v at ptr in doc: replaces a value, or adds a key to an object that exists (JSON Patch
// "add" semantics); the pointer's parent must exist. A null removes the key (JSON merge patch).
void put(nlohmann::json& doc, const std::string& ptr, const nlohmann::json& v, const std::string& file,
         const std::string& where, const std::string& scenario) {
    nlohmann::json::json_pointer jp;
    try {
        jp = nlohmann::json::json_pointer(ptr);
    } catch (const nlohmann::json::exception&) {
        fail(file, where, "expected a JSON pointer (\"/device/params/voltage_v\"), got \"" + ptr + "\"");
    }
    if (jp.empty()) fail(file, where, "expected a pointer below the scenario's root, got \"\"");
    const auto parent = jp.parent_pointer();
    if (!doc.contains(parent) || !doc.at(parent).is_object())
        fail(file, where,
             "the scenario " + scenario + " has no object at " + parent.to_string() + " to hold " + ptr);
    if (v.is_null())
        doc.at(parent).erase(jp.back());
    else
        doc[jp] = v;
}

std::string short_hash(const std::string& text) { return scenario::sha256_hex(text).substr(0, 16); }

std::string describe_run(const planned_run& r) {
    std::string s = "run " + std::to_string(r.index) + " (" + r.scenario;
    for (auto it = r.grid.begin(); it != r.grid.end(); ++it) s += ", " + it.key() + " = " + it.value().dump();
    if (r.draw >= 0) s += ", draw " + std::to_string(r.draw);
    if (r.repeat > 0) s += ", repeat " + std::to_string(r.repeat);
    return s + ")";
}

}  // namespace

const params_of<campaign_spec>& campaign_table() {
    static const params_of<campaign_spec> t = [] {
        params_of<campaign_spec> p;
        p.integer("schema_version", &campaign_spec::schema_version, 1, 1, "campaign file format version");
        p.text("name", &campaign_spec::name, "the campaign's name (1 to 80 of a-z, 0-9, '-', '_', '.')").required();
        p.text("description", &campaign_spec::description, "what the campaign is for");
        p.integer("seed", &campaign_spec::seed, 0, 2147483647, "seed of the Monte-Carlo draws and the repeats' seeds");
        p.strings("scenarios", &campaign_spec::scenarios, 1, "scenario files, relative to the campaign file").required();
        p.table_list("set", &campaign_spec::set, setting_table(), 0, "settings every run makes in its scenario");
        p.table_list("grid", &campaign_spec::grid, grid_table(), 0,
                     "axes of alternative settings: every combination of their values is run");
        p.table("monte_carlo", &campaign_spec::monte_carlo, monte_carlo_table(),
                "device parameters drawn within their tolerances: one device per draw");
        p.integer("repeats", &campaign_spec::repeats, 1, 100000,
                  "runs of each device: the first with the scenario's seed, the others with seeds derived from it");
        p.number("run_timeout_s", &campaign_spec::run_timeout_s, "s", 1, 1e6,
                 "wall-clock limit of one run: its unfinished points become errors");
        p.choice("judge", &campaign_spec::judge, {"verdict", "expect"},
                 "what a run passes on: its verdict, or its scenario's `expect` (a cheat's expected failure)");
        p.choice("reports", &campaign_spec::reports, {"none", "failed", "all"},
                 "a run's own reports (runs/<id>/report.html, junit.xml, csv): for none, the failed runs or all");
        p.check("name is 1 to 80 characters of a-z, 0-9, '-', '_', '.'", [](const campaign_spec& c) {
            const bool ok = !c.name.empty() && c.name.size() <= 80 &&
                            c.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") == std::string::npos;
            if (!ok) throw param_error("/name", "expected 1 to 80 characters of a-z, 0-9, '-', '_', '.', got \"" + c.name + "\"");
        });
        return p;
    }();
    return t;
}

nlohmann::json campaign_schema() {
    nlohmann::json s = scenario::table_schema(campaign_table());
    nlohmann::json out = {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                          {"$id", "https://hilbench.dev/schema/campaign.schema.json"},
                          {"title", "hilbench campaign"},
                          {"description",
                           "Many runs from one file: scenarios x grid x Monte-Carlo draws x repeats "
                           "(harness/campaign/README.md). Generated from the declarations; do not edit."}};
    for (auto it = s.begin(); it != s.end(); ++it) out[it.key()] = it.value();
    out["properties"]["$schema"] = {{"type", "string"}};
    return out;
}

std::string planned_run::group() const {
    std::string g = scenario;
    for (auto it = grid.begin(); it != grid.end(); ++it) g += " " + it.key() + "=" + it.value().dump();
    return g;
}

campaign load(const std::string& path, const scenario::catalogue& cat, long long seed) {
    const std::string text = scenario::read_file(path, "campaign");
    campaign c;
    c.file = path;
    try {
        c.definition = parse_json(text);
    } catch (const nlohmann::json::exception& e) {
        scenario::parse(text, path, cat);  // the loader's message: line and column, or the number too large
        fail(path, "", std::string("expected valid JSON, got ") + e.what());
    }
    if (!c.definition.is_object()) fail(path, "", "expected a JSON object, got " + scenario::describe_json(c.definition));
    const std::string dir = std::filesystem::path(path).parent_path().string();
    {
        scenario::json_source src(path, "", c.definition, dir);
        if (src.reader().has("$schema")) src.reader().string("$schema");  // for editors; not used
        c.spec = campaign_table().read(src, false);
        std::vector<std::string> known = campaign_table().names();
        known.push_back("$schema");
        src.finish(known);
    }
    if (seed >= 0) {
        c.spec.seed = int(seed);
        c.definition["seed"] = seed;  // the hash and the manifest say which corpus this is
    }
    const campaign_spec& s = c.spec;
    // the grid's values and the settings' values, parsed once
    std::vector<nlohmann::json> set_values, axes;
    for (const auto& x : s.set) set_values.push_back(parse_json(x.value));
    for (std::size_t k = 0; k < s.grid.size(); ++k) {
        axes.push_back(parse_json(s.grid[k].values));
        if (!axes.back().is_array() || axes.back().empty())
            fail(path, "/grid/" + std::to_string(k) + "/values",
                 "expected a non-empty array, got " + scenario::describe_json(axes.back()));
    }
    std::size_t combos = 1;
    for (const auto& a : axes) combos *= a.size();
    const std::size_t draws = s.monte_carlo.draws > 0 ? std::size_t(s.monte_carlo.draws) : 1;
    const std::size_t total = s.scenarios.size() * combos * draws * std::size_t(s.repeats);
    if (total > 10000000) fail(path, "", "expands to " + std::to_string(total) + " runs; at most 10000000 are allowed");

    std::vector<bool> pointer_found(s.monte_carlo.tolerances.size(), false);
    for (std::size_t si = 0; si < s.scenarios.size(); ++si) {
        const std::string where = "/scenarios/" + std::to_string(si);
        const std::string file = (std::filesystem::path(dir) / s.scenarios[si]).lexically_normal().string();
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec))
            fail(path, where, "expected a scenario file, got \"" + s.scenarios[si] + "\" (" + file + " does not exist)");
        const std::string stext = scenario::read_file(file, "scenario");
        nlohmann::json base;
        try {
            base = parse_json(stext);
        } catch (const nlohmann::json::exception&) {
            scenario::parse(stext, file, cat);  // its own message, with line and column
            throw;
        }
        if (!base.is_object()) scenario::parse(stext, file, cat);
        for (std::size_t k = 0; k < s.set.size(); ++k)
            put(base, s.set[k].pointer, set_values[k], path, "/set/" + std::to_string(k) + "/pointer", s.scenarios[si]);
        for (std::size_t combo = 0; combo < combos; ++combo) {
            nlohmann::json doc = base;
            nlohmann::json grid = nlohmann::json::object();
            std::size_t rest = combo;
            std::vector<std::size_t> pick(axes.size());
            for (std::size_t k = axes.size(); k-- > 0;) {
                pick[k] = rest % axes[k].size();
                rest /= axes[k].size();
            }
            for (std::size_t k = 0; k < axes.size(); ++k) {
                const nlohmann::json& v = axes[k][pick[k]];
                put(doc, s.grid[k].pointer, v, path, "/grid/" + std::to_string(k) + "/pointer", s.scenarios[si]);
                grid[s.grid[k].pointer] = v;
            }
            for (std::size_t d = 0; d < draws; ++d) {
                nlohmann::json ddoc = doc;
                nlohmann::json drawn = nlohmann::json::object();
                if (s.monte_carlo.draws > 0) {
                    rng r(derive_seed(uint64_t(s.seed), "draw/" + std::to_string(d)));
                    const std::string type = ddoc.contains("/device/type"_json_pointer) && ddoc["device"]["type"].is_string()
                                                 ? ddoc["device"]["type"].get<std::string>()
                                                 : "";
                    const scenario::device_decl* decl = cat.find_device(type);
                    for (std::size_t k = 0; k < s.monte_carlo.tolerances.size(); ++k) {
                        const tolerance& t = s.monte_carlo.tolerances[k];
                        if (!t.pointer.empty()) {
                            // the draw is taken whether or not this scenario has the value: the
                            // numbers another tolerance draws do not depend on the scenario
                            const double u = t.distribution == "normal" ? t.sd * r.normal() : t.half_width * (2.0 * r.uniform() - 1.0);
                            nlohmann::json::json_pointer jp;
                            try {
                                jp = nlohmann::json::json_pointer(t.pointer);
                            } catch (const nlohmann::json::exception&) {
                                fail(path, "/monte_carlo/tolerances/" + std::to_string(k) + "/pointer",
                                     "expected a JSON pointer (/cheats/0/effect/scale), got \"" + t.pointer + "\"");
                            }
                            if (!ddoc.contains(jp)) continue;
                            if (!ddoc[jp].is_number())
                                fail(path, "/monte_carlo/tolerances/" + std::to_string(k) + "/pointer",
                                     "expected a pointer to a number, got " + scenario::describe_json(ddoc[jp]) + " in " + s.scenarios[si]);
                            pointer_found[k] = true;
                            const double v = ddoc[jp].get<double>() + t.offset + u;
                            ddoc[jp] = v;
                            drawn[t.pointer] = v;
                            continue;
                        }
                        const std::string tw = "/monte_carlo/tolerances/" + std::to_string(k) + "/param";
                        const param_info* p = decl ? decl->params->find(t.param) : nullptr;
                        if (!p || p->k != param_info::kind::number)
                            fail(path, tw,
                                 "expected a numeric parameter of " + (type.empty() ? std::string("the device") : type) +
                                     " (`hilbench describe " + type + "`), got \"" + t.param + "\" (in " + s.scenarios[si] + ")");
                        double centre = p->def && std::holds_alternative<double>(*p->def) ? std::get<double>(*p->def) : 0.0;
                        if (!ddoc["device"].contains("params")) ddoc["device"]["params"] = nlohmann::json::object();
                        const nlohmann::json& params = ddoc["device"]["params"];
                        if (params.is_object() && params.contains(t.param) && params[t.param].is_number())
                            centre = params[t.param].get<double>();
                        centre += t.offset;
                        const double v = t.distribution == "normal" ? centre + t.sd * r.normal()
                                                                    : centre + t.half_width * (2.0 * r.uniform() - 1.0);
                        if (v < p->min || v > p->max)
                            fail(path, "/monte_carlo/tolerances/" + std::to_string(k),
                                 "draw " + std::to_string(d) + " of " + t.param + " is " + std::to_string(v) + " " + p->unit +
                                     ", outside its range [" + std::to_string(p->min) + ", " + std::to_string(p->max) +
                                     "]: narrow the tolerance or move its centre (" + s.scenarios[si] + ")");
                        ddoc["device"]["params"][t.param] = v;
                        drawn[t.param] = v;
                    }
                }
                uint64_t seed0 = ddoc.contains("seed") && ddoc["seed"].is_number_unsigned() ? ddoc["seed"].get<uint64_t>() : 0;
                if (s.monte_carlo.draws > 0 && s.monte_carlo.seeds == "per_draw")
                    seed0 = derive_seed(seed0, std::to_string(s.seed) + "/" + s.scenarios[si] + "/draw/" + std::to_string(d)) &
                            ((1ull << 53) - 1);
                for (int rep = 0; rep < s.repeats; ++rep) {
                    planned_run pr;
                    pr.index = c.runs.size();
                    pr.scenario = s.scenarios[si];
                    pr.scenario_file = file;
                    pr.doc = ddoc;
                    pr.seed = rep == 0 ? seed0 : (derive_seed(seed0, "repeat/" + std::to_string(rep)) & ((1ull << 53) - 1));
                    pr.doc["seed"] = pr.seed;
                    pr.grid = grid;
                    pr.draw = s.monte_carlo.draws > 0 ? int(d) : -1;
                    pr.drawn = drawn;
                    pr.repeat = rep;
                    pr.id = short_hash(pr.doc.dump());
                    c.runs.push_back(std::move(pr));
                }
            }
        }
    }
    for (std::size_t k = 0; k < pointer_found.size(); ++k)
        if (!s.monte_carlo.tolerances[k].pointer.empty() && !pointer_found[k])
            fail(path, "/monte_carlo/tolerances/" + std::to_string(k) + "/pointer",
                 "expected a pointer to a number of at least one scenario, got \"" + s.monte_carlo.tolerances[k].pointer +
                     "\", which none of them has");
    // every run is a scenario that loads and plans; the first bad one is reported with its run
    const families::family_list& fams = families::builtin();
    std::string ids;
    for (const planned_run& r : c.runs) {
        try {
            const scenario::scenario sc = scenario::parse(r.doc.dump(), r.scenario_file, cat);
            (void)bench::make_plan(sc, fams);
        } catch (const input_error& e) {
            throw scenario_error(path, "", describe_run(r) + " is not a valid scenario: " + e.what());
        }
        ids += r.id + "\n";
    }
    c.hash = scenario::sha256_hex(c.definition.dump() + "\n" + ids).substr(0, 16);
    return c;
}

shard shard_of(const std::string& arg, int shards_hint) {
    auto to_int = [](const std::string& t, int* out) {
        if (t.empty() || t.size() > 9 || t.find_first_not_of("0123456789") != std::string::npos) return false;
        *out = std::stoi(t);
        return true;
    };
    shard s;
    if (!arg.empty()) {
        const auto slash = arg.find('/');
        if (slash == std::string::npos || !to_int(arg.substr(0, slash), &s.index) || !to_int(arg.substr(slash + 1), &s.count) ||
            s.count < 1 || s.index >= s.count)
            fail("--shard", "", "expected i/N with 0 <= i < N (e.g. 0/4), got '" + arg + "'");
        return s;
    }
    const char* slurm_id = std::getenv("SLURM_ARRAY_TASK_ID");
    const char* slurm_count = std::getenv("SLURM_ARRAY_TASK_COUNT");
    const char* slurm_min = std::getenv("SLURM_ARRAY_TASK_MIN");
    if (slurm_id && slurm_count) {
        int id = 0, count = 0, lo = 0;
        if (!to_int(slurm_id, &id) || !to_int(slurm_count, &count) || (slurm_min && !to_int(slurm_min, &lo)) || count < 1 ||
            id - lo < 0 || id - lo >= count)
            fail("SLURM_ARRAY_TASK_ID", "",
                 std::string("expected a task id within the array (SLURM_ARRAY_TASK_COUNT ") + slurm_count + "), got '" +
                     slurm_id + "'");
        return {id - lo, count};
    }
    if (const char* k8s = std::getenv("JOB_COMPLETION_INDEX")) {
        int id = 0;
        if (!to_int(k8s, &id)) fail("JOB_COMPLETION_INDEX", "", std::string("expected a whole number, got '") + k8s + "'");
        if (shards_hint < 1)
            fail("--shards", "", "JOB_COMPLETION_INDEX is set, but not the number of shards: pass --shards N (the Job's completions)");
        if (id >= shards_hint)
            fail("JOB_COMPLETION_INDEX", "", "expected an index below --shards " + std::to_string(shards_hint) + ", got " + k8s);
        return {id, shards_hint};
    }
    if (shards_hint > 1)
        fail("--shards", "", "--shards needs an index: --shard i/N, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX");
    return s;
}

}  // namespace hilbench::campaign
