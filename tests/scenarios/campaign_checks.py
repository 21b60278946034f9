#!/usr/bin/env python3
"""Checks of `hilbench campaign` and `hilbench merge` from the outside, one case per CTest entry:

    campaign_checks.py <case> <hilbench> <source dir> <work dir>

The results are read back by programs the project did not write: Python's sqlite3 module and
pandas read the store, junitparser the campaign JUnit; the yields' intervals are recomputed from
the binomial distribution by bisection, and the quantiles with numpy. Exit 77 skips a case.
"""
import json
import math
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

CASE, HILBENCH, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
SMALL = os.path.join(SRC, "tests/data/campaigns/small_yield.json")
GRID = os.path.join(SRC, "tests/data/campaigns/cheat_grid.json")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)


def hb(*args, env=None, timeout=900):
    e = dict(os.environ)
    for k in ("SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "JOB_COMPLETION_INDEX"):
        e.pop(k, None)
    e.update(env or {})
    return subprocess.run([HILBENCH, *args], capture_output=True, text=True, env=e, timeout=timeout)


def fresh(name):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    return d


def runs_of(folder):
    out = {}
    for f in sorted(os.listdir(os.path.join(folder, "runs"))):
        if f.endswith(".json"):
            j = json.load(open(os.path.join(folder, "runs", f)))
            j.pop("meta", None)
            out[f] = j
    return out


def summary_of(folder):
    s = json.load(open(os.path.join(folder, "summary.json")))
    s.pop("meta", None)
    return s


def store_of(folder):
    """Every table but run_meta (wall-clock facts), as sorted rows."""
    db = sqlite3.connect(os.path.join(folder, "store.sqlite"))
    tables = [r[0] for r in db.execute("select name from sqlite_master where type='table' order by name")]
    out = {t: sorted(db.execute(f"select * from {t}").fetchall(), key=repr) for t in tables if t != "run_meta"}
    db.close()
    return out


def same_results(a, b, what):
    check(runs_of(a) == runs_of(b), f"{what}: the runs' records differ outside meta")
    check(summary_of(a) == summary_of(b), f"{what}: summary.json differs outside meta")
    check(store_of(a) == store_of(b), f"{what}: the stores differ outside run_meta")


def case_dry_run_lists_runs_with_stable_ids():
    # every bundled campaign expands, and every run of it loads and plans
    bundled = os.path.join(SRC, "scenarios/campaigns")
    for f in sorted(os.listdir(bundled)):
        r = hb("campaign", os.path.join(bundled, f), "--dry-run")
        check(r.returncode == 0 and " runs; campaign " in r.stdout, f"bundled {f}: {r.stderr.strip()}")
    a, b = hb("campaign", GRID, "--dry-run"), hb("campaign", GRID, "--dry-run")
    check(a.returncode == 0 and a.stdout == b.stdout, "dry-run: the same listing twice")
    ids = [l.split()[1] for l in a.stdout.splitlines()[1:-1]]
    check(len(ids) == 8 and len(set(ids)) == 8, f"dry-run: 8 distinct ids, got {ids}")
    parts = []
    for i in range(3):
        r = hb("campaign", GRID, "--dry-run", "--shard", f"{i}/3")
        parts += [l.split()[1] for l in r.stdout.splitlines()[1:-1]]
    check(sorted(parts) == sorted(ids), "dry-run: the three shards take every run once")
    r = hb("campaign", GRID, "--dry-run", env={"SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "4",
                                               "SLURM_ARRAY_TASK_COUNT": "2"})
    s = hb("campaign", GRID, "--dry-run", "--shard", "1/2")
    check(r.returncode == 0 and r.stdout == s.stdout, "the Slurm array index (task 5 of 4..5) is shard 1/2")
    k = hb("campaign", GRID, "--dry-run", "--shards", "2", env={"JOB_COMPLETION_INDEX": "1"})
    check(k.returncode == 0 and k.stdout == s.stdout, "JOB_COMPLETION_INDEX 1 with --shards 2 is shard 1/2")
    # a different seed draws different devices, hence other ids
    c = json.load(open(SMALL))
    c["seed"] = 8
    c["scenarios"] = [os.path.join(SRC, "scenarios/meter/class1_type_approval.json")]
    other = os.path.join(fresh("seed8"), "c.json")
    os.makedirs(os.path.dirname(other))
    json.dump(c, open(other, "w"))
    x = hb("campaign", SMALL, "--dry-run").stdout.splitlines()[1:-1]
    y = hb("campaign", other, "--dry-run").stdout.splitlines()[1:-1]
    check(len(x) == 12 and not set(l.split()[1] for l in x) & set(l.split()[1] for l in y), "another seed, other runs")


BAD = [
    # (name, campaign JSON, where the error must point, what it must say)
    ("unknown_key", {"name": "x", "scenarios": ["S"], "seeds": 3}, ":/seeds", "unknown key"),
    ("grid_pointer", {"name": "x", "scenarios": ["S"], "grid": [{"pointer": "/device/paramz/voltage_v", "values": [1]}]},
     ":/grid/0/pointer", "no object at /device/paramz"),
    ("grid_not_array", {"name": "x", "scenarios": ["S"], "grid": [{"pointer": "/seed", "values": 3}]},
     ":/grid/0/values", "non-empty array"),
    ("tolerance_not_numeric", {"name": "x", "scenarios": ["S"],
                               "monte_carlo": {"draws": 2, "tolerances": [{"param": "current_sensor", "sd": 1}]}},
     ":/monte_carlo/tolerances/0/param", "numeric parameter"),
    ("draw_out_of_range", {"name": "x", "scenarios": ["S"],
                           "monte_carlo": {"draws": 50, "tolerances": [{"param": "calibration_gain_error_pct", "sd": 40}]}},
     ":/monte_carlo/tolerances/0", "outside its range"),
    ("sd_and_uniform", {"name": "x", "scenarios": ["S"],
                        "monte_carlo": {"draws": 2, "tolerances": [{"param": "adc_offset_v", "distribution": "uniform", "sd": 1}]}},
     ":/monte_carlo/tolerances/0/half_width", "half_width > 0"),
    ("missing_scenario", {"name": "x", "scenarios": ["nowhere.json"]}, ":/scenarios/0", "does not exist"),
    ("bad_name", {"name": "X Y", "scenarios": ["S"]}, ":/name", "a-z"),
    ("bad_setting", {"name": "x", "scenarios": ["S"], "set": [{"pointer": "/device/fidelity", "value": "fast"}]},
     "run 0", "/device/fidelity"),
    ("huge_number", None, ":", "range of a double"),
]


def case_bad_campaigns_name_file_and_pointer():
    d = fresh("bad")
    os.makedirs(d)
    scenario = os.path.join(SRC, "scenarios/meter/class1_type_approval.json")
    for name, doc, where, says in BAD:
        f = os.path.join(d, name + ".json")
        if doc is None:
            open(f, "w").write('{"schema_version": 1, "name": "x", "seed": 1e400, "scenarios": []}')
        else:
            doc = dict(doc, schema_version=1)
            doc["scenarios"] = [scenario if s == "S" else s for s in doc["scenarios"]]
            json.dump(doc, open(f, "w"))
        r = hb("campaign", f, "--dry-run")
        check(r.returncode == 2, f"{name}: exit 2, got {r.returncode} ({r.stderr.strip()})")
        check(f + where in r.stderr or (where.startswith("run") and f in r.stderr and where in r.stderr),
              f"{name}: the error names {where}: {r.stderr.strip()}")
        check(says in r.stderr, f"{name}: the error says '{says}': {r.stderr.strip()}")
        check("internal error" not in r.stderr and "terminate" not in r.stderr, f"{name}: no crash")
    for args, says in [(["--shard", "2/2"], "0 <= i < N"), (["--shard", "a/b"], "i/N")]:
        r = hb("campaign", SMALL, "--dry-run", *args)
        check(r.returncode == 2 and says in r.stderr, f"{args}: exit 2 saying {says}: {r.stderr.strip()}")
    r = hb("campaign", SMALL, "--dry-run", env={"JOB_COMPLETION_INDEX": "1"})
    check(r.returncode == 2 and "--shards" in r.stderr, f"JOB_COMPLETION_INDEX without --shards: {r.stderr.strip()}")
    # an output folder that cannot be made: exit 2 before anything runs
    blocker = os.path.join(d, "a_file")
    open(blocker, "w").write("x")
    r = hb("campaign", SMALL, "--out", os.path.join(blocker, "sub"), "-q")
    check(r.returncode == 2 and "cannot create" in r.stderr, f"an output under a file: exit 2: {r.stderr.strip()}")
    # merge: not a campaign folder
    r = hb("merge", d, "--out", os.path.join(d, "m"))
    check(r.returncode == 2 and "campaign folder" in r.stderr, f"merge of a non-campaign folder: {r.stderr.strip()}")


def case_results_identical_for_any_jobs_and_shards():
    one, two = fresh("j1"), fresh("j2")
    r1 = hb("campaign", SMALL, "--out", one, "-j", "1", "-q")
    r2 = hb("campaign", SMALL, "--out", two, "-j", "2", "-q")
    check(r1.returncode in (0, 1) and r1.returncode == r2.returncode, f"exit codes {r1.returncode} {r2.returncode}: {r1.stderr}")
    same_results(one, two, "-j 1 vs -j 2")
    shards = [fresh(f"s{i}") for i in range(3)]
    for i, s in enumerate(shards):
        r = hb("campaign", SMALL, "--out", s, "--shard", f"{i}/3", "-q")
        check(r.returncode in (0, 1), f"shard {i}: exit {r.returncode}: {r.stderr}")
        check(not os.path.exists(os.path.join(s, "summary.json")), "a shard writes no summary")
    merged = fresh("merged")
    r = hb("merge", *shards, "--out", merged, "-q")
    check(r.returncode == r1.returncode, f"merge exit {r.returncode} (whole campaign {r1.returncode}): {r.stderr}")
    same_results(one, merged, "3 shards merged vs one process")
    # merging again, and a shard twice, changes nothing
    r = hb("merge", *shards, shards[0], "--out", merged, "-q")
    check(r.returncode == r1.returncode, f"merge again: exit {r.returncode}: {r.stderr}")
    same_results(one, merged, "merged twice")
    # a partial merge says what is missing
    part = fresh("part")
    r = hb("merge", shards[0], "--out", part)
    s = json.load(open(os.path.join(part, "summary.json")))
    check(r.returncode == 3 and len(s["campaign"]["runs_missing"]) == 8 and "8 missing" in r.stdout,
          f"a merge of 1 of 3 shards: 8 runs missing, exit 3: {r.stdout} {r.returncode}")
    # shards of another campaign are refused
    other = fresh("other")
    hb("campaign", GRID, "--out", other, "--shard", "0/4", "-q")
    r = hb("merge", shards[0], other, "--out", fresh("mixed"))
    check(r.returncode == 2 and "mixed campaigns" in r.stderr, f"mixed campaigns refused: {r.stderr.strip()}")
    # another campaign in the folder of one is refused too
    r = hb("campaign", GRID, "--out", one, "-q")
    check(r.returncode == 2 and "another campaign" in r.stderr, f"another campaign's folder: {r.stderr.strip()}")
    r = hb("campaign", SMALL, "--out", one, "-q")
    check(r.returncode == 2 and "--resume" in r.stderr, f"a finished folder without --resume: {r.stderr.strip()}")
    r = hb("campaign", SMALL, "--out", one, "-q", "--resume")
    check(r.returncode == r1.returncode, "--resume of a finished campaign runs nothing and gives the same exit")
    same_results(one, two, "resumed when complete")


def clopper_pearson(k, n, conf=0.95):
    """From the binomial distribution by bisection (not from the beta function the tool uses)."""
    a = (1 - conf) / 2

    def cdf(p, kk):  # P(X <= kk)
        return sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(kk + 1))

    def solve(f):
        lo, hi = 0.0, 1.0
        for _ in range(100):
            mid = (lo + hi) / 2
            if f(mid) > 0:
                lo = mid
            else:
                hi = mid
        return (lo + hi) / 2

    lower = 0.0 if k == 0 else solve(lambda p: a - (1 - cdf(p, k - 1)))  # P(X >= k) = a
    upper = 1.0 if k == n else solve(lambda p: cdf(p, k) - a)            # P(X <= k) = a
    return lower, upper


def case_summary_agrees_with_independent_computation():
    import numpy as np
    import pandas as pd
    from junitparser import JUnitXml
    out = fresh("indep")
    r = hb("campaign", SMALL, "--out", out, "-q")
    check(r.returncode in (0, 1), f"campaign exit {r.returncode}: {r.stderr}")
    s = json.load(open(os.path.join(out, "summary.json")))
    db = sqlite3.connect(os.path.join(out, "store.sqlite"))
    runs = pd.read_sql_query("select * from runs", db)
    check(len(runs) == 12, f"12 runs in the store, got {len(runs)}")
    n_pass = int((runs.judged_pass == 1).sum())
    g = s["groups"][0]
    check(g["yield"]["devices"] == 12 and g["yield"]["devices_passing"] == n_pass, "the yield counts the store's passes")
    lo, hi = clopper_pearson(n_pass, 12)
    check(abs(g["yield"]["ci95"][0] - lo) < 1e-9 and abs(g["yield"]["ci95"][1] - hi) < 1e-9,
          f"Clopper-Pearson: {g['yield']['ci95']} vs {lo, hi}")
    # every point's error distribution against numpy's quantiles of the store's values
    vals = pd.read_sql_query("select point_id, value from point_values where name = 'error_pct'", db)
    for p in g["points"]:
        v = vals[vals.point_id == p["id"]].value.to_numpy()
        st = p["values"]["error_pct"]
        check(st["n"] == len(v) == 12, f"{p['id']}: 12 values")
        for q, name in [(0.05, "p05"), (0.5, "p50"), (0.95, "p95")]:
            check(abs(st[name] - np.quantile(v, q)) < 1e-9, f"{p['id']} {name}: {st[name]} vs {np.quantile(v, q)}")
        check(abs(st["mean"] - v.mean()) < 1e-9 and abs(st["sd"] - v.std(ddof=1)) < 1e-9, f"{p['id']}: mean and sd")
    # the drawn parameters are in the store, and the draws differ
    drawn = pd.read_sql_query("select run_id, value from parameters where drawn = 1 and name = 'calibration_gain_error_pct'", db)
    check(len(drawn) == 12 and drawn.value.nunique() == 12, "12 distinct drawn gain errors")
    # a failing run's points: the store agrees with its record, and its reports were written
    for _, row in runs[runs.verdict == "fail"].iterrows():
        rec = json.load(open(os.path.join(out, "runs", row.run_id + ".json")))
        bad = sorted(p["id"] for p in rec["points"] if p["verdict"] == "fail")
        got = sorted(x[0] for x in db.execute("select point_id from points where run_id = ? and verdict = 'fail'", (row.run_id,)))
        check(bad == got and bad, f"{row.run_id}: failed points {bad} vs store {got}")
        check(os.path.exists(os.path.join(out, "runs", row.run_id, "report.html")), f"{row.run_id}: its report is written")
    for _, row in runs[runs.verdict == "pass"].iterrows():
        check(not os.path.exists(os.path.join(out, "runs", row.run_id)), "a passing run has no report folder (reports: failed)")
    # the campaign JUnit, read by junitparser: a case per run, a failure per failed run
    xml = JUnitXml.fromfile(os.path.join(out, "junit.xml"))
    cases = [c for suite in xml for c in suite]
    failed = [c for c in cases if not c.is_passed]
    check(len(cases) == 12 and len(failed) == 12 - n_pass, f"JUnit: {len(cases)} cases, {len(failed)} failed")
    # the README's queries run on the store
    readme = open(os.path.join(SRC, "harness/campaign/README.md")).read()
    queries = [q.split("```", 1)[0] for q in readme.split("```sql\n")[1:]]
    check(len(queries) >= 3, "the README shows at least three queries")
    for q in queries:
        try:
            rows = db.execute(q).fetchall()
            check(len(rows) > 0, f"README query gives rows: {q.strip()[:60]}")
        except sqlite3.Error as e:
            check(False, f"README query fails: {e}: {q}")
    db.close()


def children(pid):
    out = []
    try:
        for t in os.listdir(f"/proc/{pid}/task"):
            out += [int(x) for x in open(f"/proc/{pid}/task/{t}/children").read().split()]
    except OSError:
        pass
    return out


def case_sigint_stops_cleanly_and_resume_continues():
    ref, out = fresh("ref"), fresh("interrupted")
    hb("campaign", SMALL, "--out", ref, "-j", "2", "-q")
    p = subprocess.Popen([HILBENCH, "campaign", SMALL, "--out", out, "-j", "2", "-q"], start_new_session=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 300
    while time.time() < deadline and len([f for f in os.listdir(os.path.join(out, "runs")) if f.endswith(".json")]
                                          if os.path.isdir(os.path.join(out, "runs")) else []) < 3:
        time.sleep(0.05)
    kids = children(p.pid)
    os.killpg(p.pid, signal.SIGINT)  # Ctrl-C: the whole process group
    _, err = p.communicate(timeout=60)
    check(p.returncode == 130, f"SIGINT: exit 130, got {p.returncode}: {err}")
    check("--resume" in err and "complete" in err, f"SIGINT: says what is kept and how to continue: {err.strip()}")
    time.sleep(0.2)
    alive = [k for k in kids if os.path.exists(f"/proc/{k}") and "Z" not in open(f"/proc/{k}/stat").read().split()[2]]
    check(not alive, f"no run process outlives the campaign: {alive}")
    done = [f for f in os.listdir(os.path.join(out, "runs")) if f.endswith(".json")]
    check(3 <= len(done) < 12, f"some runs complete, not all: {len(done)}")
    for f in done:
        json.load(open(os.path.join(out, "runs", f)))  # every kept record is whole
    db = sqlite3.connect(os.path.join(out, "store.sqlite"))
    in_db = db.execute("select count(*) from runs").fetchone()[0]
    db.close()
    check(in_db == len(done), f"the store holds the completed runs: {in_db} vs {len(done)}")
    r = hb("campaign", SMALL, "--out", out, "-j", "2", "--resume")
    check(r.returncode in (0, 1), f"--resume completes: {r.returncode} {r.stderr}")
    check(f"{len(done)} complete, {12 - len(done)} to run" in r.stderr, f"--resume runs only the rest: {r.stderr}")
    same_results(ref, out, "interrupted and resumed vs uninterrupted")


def case_full_disk_keeps_completed_runs():
    ref, out = fresh("ref_disk"), fresh("full")
    hb("campaign", SMALL, "--out", ref, "-j", "2", "-q")
    # a file-size limit makes the store's growth fail as a full disk does (EFBIG, as ENOSPC)
    r = subprocess.run(["bash", "-c", f'ulimit -f 160; exec "{HILBENCH}" campaign "{SMALL}" --out "{out}" -j 2 -q'],
                       capture_output=True, text=True, timeout=600)
    check(r.returncode == 2, f"a write that fails: exit 2, got {r.returncode}: {r.stderr}")
    check("cannot write" in r.stderr and "--resume" in r.stderr, f"the message says what failed and how to go on: {r.stderr}")
    done = [f for f in os.listdir(os.path.join(out, "runs")) if f.endswith(".json")]
    check(0 < len(done) < 12, f"some runs were kept: {len(done)}")
    for f in done:
        json.load(open(os.path.join(out, "runs", f)))
    r = hb("campaign", SMALL, "--out", out, "-j", "2", "-q", "--resume")
    check(r.returncode in (0, 1), f"--resume with space completes: {r.returncode} {r.stderr}")
    same_results(ref, out, "full disk then resumed vs uninterrupted")


def case_killed_or_timed_out_runs_are_recorded():
    # a run killed from outside becomes an error record; the other runs are not lost
    out = fresh("killed")
    p = subprocess.Popen([HILBENCH, "campaign", GRID, "--out", out, "-j", "1", "-q"], start_new_session=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    victim = None
    deadline = time.time() + 120
    while time.time() < deadline and victim is None:
        kids = children(p.pid)
        if kids:
            victim = kids[0]
            os.kill(victim, signal.SIGKILL)
        time.sleep(0.01)
    _, err = p.communicate(timeout=600)
    check(p.returncode == 3, f"a killed run: campaign exit 3, got {p.returncode}: {err}")
    s = json.load(open(os.path.join(out, "summary.json")))
    check(s["campaign"]["runs_complete"] == 8 and s["verdicts"]["error"] == 1, f"8 runs recorded, 1 error: {s['verdicts']}")
    errs = [json.load(open(os.path.join(out, "runs", f))) for f in os.listdir(os.path.join(out, "runs")) if f.endswith(".json")]
    errs = [e for e in errs if e["verdict"] == "error"]
    check(len(errs) == 1 and "signal 9" in errs[0]["campaign"].get("error", ""), f"the error says the signal: {errs}")
    # a run past its wall-clock limit: its unfinished points are errors, the run is recorded
    c = json.load(open(GRID))
    c["name"] = "timeout"
    c["scenarios"] = [os.path.join(SRC, "scenarios/meter/field_audit_honest.json")]
    c.pop("grid")
    c["repeats"] = 1
    c["run_timeout_s"] = 1
    d = fresh("timeout")
    os.makedirs(d)
    f = os.path.join(d, "c.json")
    json.dump(c, open(f, "w"))
    r = hb("campaign", f, "--out", os.path.join(d, "out"), "-q")
    check(r.returncode == 3, f"a timed-out run: exit 3, got {r.returncode}: {r.stderr}")
    rec = [json.load(open(os.path.join(d, "out/runs", x))) for x in os.listdir(os.path.join(d, "out/runs")) if x.endswith(".json")]
    check(len(rec) == 1 and rec[0]["verdict"] == "error" and any("wall-clock limit" in p.get("note", "") for p in rec[0]["points"]),
          "the timed-out run is an error record whose points say the limit")


def case_honest_ac_posts_pass_the_continuous_run():
    """The field continuous run resolves the error finely enough that honest class 1 posts pass:
    each reading is truncated to the least digit, so the run needs at least 3/MPE % steps."""
    out = fresh("continuous-run")
    r = hb("campaign", os.path.join(SRC, "tests/data/campaigns/honest_ac_continuous_run.json"), "--out", out, "-j", "2", "-q")
    check(r.returncode == 0, "honest continuous-run campaign exits 0: %d %s" % (r.returncode, r.stderr[-400:]))
    runs = runs_of(out)
    check(len(runs) == 20, "20 runs: %d" % len(runs))
    for name, run in runs.items():
        for p in run["points"]:
            v = p["values"]
            mpe = v["mpe_pct"]
            need = math.ceil(100 / (mpe / 3) - 1e-9)
            check(p["verdict"] == "pass", "%s: honest post passes the continuous run (error %.3f %%)" % (name, v["error_pct"]))
            check(v["display_steps"] >= need, "%s: %d steps, at least %d for MPE %.1f %%" % (name, v["display_steps"], need, mpe))
            check(v["digit_resolution_pct"] <= mpe / 3 + 1e-9, "%s: one digit is %.3f %% of the energy" % (name, v["digit_resolution_pct"]))
            ref = v["reference_kwh"]
            check(abs((v["displayed_kwh"] - ref) / ref * 100 - v["error_pct"]) < 1e-9, "%s: error recomputed" % name)


def case_slurm_array_equals_local_run():
    """The example Slurm array (harness/campaign/examples/slurm_array.sbatch) on a single-node Slurm
    started here (slurmctld, slurmd and munged on localhost, stopped again), merged, against the
    same campaign run locally. Skipped when Slurm cannot start."""
    tools = ["slurmctld", "slurmd", "munged", "mungekey", "sbatch", "sinfo", "scontrol"]
    missing = [t for t in tools if not shutil.which(t, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")]
    if missing:
        print("skipped: Slurm is not installed (missing " + ", ".join(missing) + "; .ci/setup installs slurm-wlm and munge)")
        sys.exit(77)
    which = {t: shutil.which(t, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin") for t in tools}
    d = fresh("slurm")
    for sub in ("state", "spool", "log", "munge", "out"):
        os.makedirs(os.path.join(d, sub))
    os.chmod(os.path.join(d, "munge"), 0o700)
    key, sock = os.path.join(d, "munge/munge.key"), os.path.join(d, "munge/munge.socket")
    port = 20000 + os.getpid() % 20000
    host = subprocess.run(["hostname", "-s"], capture_output=True, text=True).stdout.strip() or "localhost"
    user = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    conf = os.path.join(d, "slurm.conf")
    open(conf, "w").write(f"""ClusterName=hilbenchtest
SlurmctldHost={host}(127.0.0.1)
SlurmctldPort={port}
SlurmdPort={port + 1}
AuthType=auth/munge
AuthInfo=socket={sock}
CredType=cred/munge
SlurmUser={user}
SlurmdUser={user}
StateSaveLocation={d}/state
SlurmdSpoolDir={d}/spool
SlurmctldPidFile={d}/slurmctld.pid
SlurmdPidFile={d}/slurmd.pid
SlurmctldLogFile={d}/log/slurmctld.log
SlurmdLogFile={d}/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName={host} NodeAddr=127.0.0.1 CPUs={os.cpu_count()} State=UNKNOWN
PartitionName=hbtest Nodes=ALL Default=YES MaxTime=INFINITE State=UP
""")
    env = dict(os.environ, SLURM_CONF=conf)
    started = []

    def stop_all():
        subprocess.run([which["scontrol"], "shutdown"], env=env, capture_output=True, timeout=30)
        for pidfile in ("slurmctld.pid", "slurmd.pid", "munge/munged.pid"):
            try:
                os.kill(int(open(os.path.join(d, pidfile)).read().split()[0]), signal.SIGTERM)
            except (OSError, ValueError):
                pass
        time.sleep(0.5)
        for pidfile in ("slurmctld.pid", "slurmd.pid", "munge/munged.pid"):
            try:
                os.kill(int(open(os.path.join(d, pidfile)).read().split()[0]), signal.SIGKILL)
            except (OSError, ValueError):
                pass

    def skip(why):
        stop_all()
        logs = ""
        for f in ("log/slurmctld.log", "log/slurmd.log", "munge/munged.log"):
            p = os.path.join(d, f)
            if os.path.exists(p):
                logs += f"--- {f}\n" + "".join(open(p).readlines()[-5:])
        print(f"skipped: Slurm could not start here ({why})\n{logs}")
        sys.exit(77)

    try:
        r = subprocess.run([which["mungekey"], "-c", "-k", key], capture_output=True, text=True)
        if r.returncode != 0:
            skip("mungekey: " + r.stderr.strip())
        os.chmod(key, 0o600)
        r = subprocess.run([which["munged"], f"--socket={sock}", f"--key-file={key}", f"--pid-file={d}/munge/munged.pid",
                            f"--log-file={d}/munge/munged.log", f"--seed-file={d}/munge/seed", "-f"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            skip("munged: " + r.stderr.strip())
        for daemon in ("slurmctld", "slurmd"):
            r = subprocess.run([which[daemon], "-f", conf], env=env, capture_output=True, text=True)
            if r.returncode != 0:
                skip(f"{daemon}: " + r.stderr.strip())
        deadline = time.time() + 60
        while time.time() < deadline:
            r = subprocess.run([which["sinfo"], "-h", "-o", "%t"], env=env, capture_output=True, text=True)
            if r.stdout.strip() == "idle":
                break
            time.sleep(0.5)
        else:
            skip("the node did not become idle within 60 s")
        out = os.path.join(d, "out")
        script = os.path.join(SRC, "harness/campaign/examples/slurm_array.sbatch")
        r = subprocess.run([which["sbatch"], "--wait", "--array=0-2", "--cpus-per-task=1", f"--chdir={out}",
                            f"--output={out}/task-%a.out", f"--export=ALL,HILBENCH={HILBENCH}", script, SMALL, out],
                           env=env, capture_output=True, text=True, timeout=900)
        check(r.returncode == 0, f"sbatch --wait: exit {r.returncode}: {r.stdout} {r.stderr}")
        shards = sorted(os.path.join(out, x) for x in os.listdir(out) if x.startswith("shard-"))
        check(len(shards) == 3, f"three shard folders, got {shards}")
        for i, s in enumerate(shards):
            m = json.load(open(os.path.join(s, "campaign.json")))
            check(m["shard"] == {"index": i, "count": 3}, f"{s}: shard {i}/3 from the array's index, got {m['shard']}")
    finally:
        stop_all()
    merged, local = fresh("slurm_merged"), fresh("slurm_local")
    r = hb("merge", *shards, "--out", merged, "-q")
    l = hb("campaign", SMALL, "--out", local, "-q")
    check(r.returncode == l.returncode, f"merge exit {r.returncode}, local run exit {l.returncode}")
    same_results(local, merged, "Slurm array merged vs local run")


def case_kubernetes_example_is_consistent():
    """The Indexed Job example, read by PyYAML: an Indexed Job whose pods' shards (its
    JOB_COMPLETION_INDEX values with --shards) take every run of its campaign once, with the
    campaign file the Containerfile puts in the image."""
    try:
        import yaml
    except ImportError:
        print("skipped: no PyYAML (python3-yaml)")
        sys.exit(77)
    ex = os.path.join(SRC, "harness/campaign/examples")
    job = yaml.safe_load(open(os.path.join(ex, "k8s_indexed_job.yaml")))
    spec = job["spec"]
    check(job["apiVersion"] == "batch/v1" and job["kind"] == "Job", "a batch/v1 Job")
    check(spec["completionMode"] == "Indexed", "an Indexed Job")
    n = spec["completions"]
    check(spec["parallelism"] == n, "parallelism = completions")
    c = spec["template"]["spec"]["containers"][0]
    cmd = " ".join(c["args"])
    words = cmd.replace(";", " ").split()
    check(words[words.index("--shards") + 1] == str(n), f"--shards {n} as completions: {cmd}")
    check("${JOB_COMPLETION_INDEX}" in cmd, "each pod writes its own shard folder")
    image_path = words[words.index("campaign") + 1]
    containerfile = open(os.path.join(ex, "Containerfile")).read()
    check("COPY --from=build /src/scenarios /opt/hilbench/scenarios" in containerfile, "the image holds the scenarios")
    check(image_path.startswith("/opt/hilbench/scenarios/"), f"the campaign is one of the image's: {image_path}")
    local = os.path.join(SRC, image_path.replace("/opt/hilbench/", ""))
    check(os.path.exists(local), f"{local} exists")
    whole = hb("campaign", local, "--dry-run").stdout.splitlines()[1:-1]
    parts = []
    for i in range(n):
        r = hb("campaign", local, "--dry-run", "--shards", str(n), env={"JOB_COMPLETION_INDEX": str(i)})
        check(r.returncode == 0, f"pod {i}: {r.stderr}")
        parts += r.stdout.splitlines()[1:-1]
    check(sorted(parts) == sorted(whole) and len(whole) > 0, f"the {n} pods take the {len(whole)} runs once each")


def main():
    fn = globals().get("case_" + CASE)
    if fn is None:
        print("unknown case", CASE)
        return 2
    os.makedirs(WORK, exist_ok=True)
    fn()
    print(f"{CASE}: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
