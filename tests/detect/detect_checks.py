#!/usr/bin/env python3
"""Checks of `hilbench detect` from the outside, one case per CTest entry:

    detect_checks.py <case> <hilbench> <source dir> <work dir>

The scores are recomputed by code the project did not write or by a different method: pandas
reads the CSV files, the AUC is counted over every positive-negative pair, the rates and the
precision are recounted from the rows. Exit 77 skips a case.
"""
import copy
import json
import math
import os
import shutil
import subprocess
import sys

CASE, HILBENCH, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
CORPUS = os.path.join(SRC, "tests/data/campaigns/detection_corpus_small.json")
DETECTORS = os.path.join(SRC, "scenarios/detectors/meter_inspection.json")
MALICIOUS = {"CHEAT", "THEFT", "TAMPER"}
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL", what)


def hb(*args, timeout=1800):
    return subprocess.run([HILBENCH, *args], capture_output=True, text=True, timeout=timeout)


def fresh(name):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    return d


def corpus():
    """The small corpus, run by the first case (the CTest fixture) and read by the others."""
    d = os.path.join(WORK, "..", "corpus")
    if not os.path.exists(os.path.join(d, "summary.json")):
        shutil.rmtree(d, ignore_errors=True)
        r = hb("campaign", CORPUS, "--out", d, "-j", "2", "--quiet")
        if r.returncode not in (0, 1):
            print(r.stdout, r.stderr)
            sys.exit(1)
    return d


def detections(folder, out):
    r = hb("detect", folder, "--detectors", DETECTORS, "--out", out, "--quiet")
    check(r.returncode == 0, f"detect exits 0 (got {r.returncode}: {r.stderr})")
    return json.load(open(os.path.join(out, "detections.json")))


def case_corpus_draws_magnitudes_onsets_and_seeds():
    r = hb("campaign", CORPUS, "--dry-run")
    check(r.returncode == 0, f"dry run exits 0 ({r.stderr})")
    d = fresh("dry")
    os.makedirs(d)
    # the drawn values are within their half-widths of the scenarios' values, and every draw has its own seed
    c = json.load(open(CORPUS))
    bad = dict(c, monte_carlo=dict(c["monte_carlo"], tolerances=c["monte_carlo"]["tolerances"] +
                                   [{"pointer": "/cheats/0/effect/no_such", "distribution": "uniform", "half_width": 1}]))
    p = os.path.dirname(CORPUS)
    bad_file = os.path.join(d, "bad.json")
    bad["scenarios"] = [os.path.normpath(os.path.join(p, s)) for s in bad["scenarios"]]
    json.dump(bad, open(bad_file, "w"))
    r = hb("campaign", bad_file, "--dry-run")
    check(r.returncode == 2, f"a pointer no scenario has is bad input (exit {r.returncode})")
    check("/monte_carlo/tolerances/7/pointer" in r.stderr and bad_file in r.stderr,
          f"the message names the file and the pointer: {r.stderr.strip()}")
    out = corpus()
    manifest = json.load(open(os.path.join(out, "campaign.json")))
    runs = manifest["runs"]
    seeds = [x["seed"] for x in runs]
    check(len(set(seeds)) == len(seeds), f"every run has its own seed ({len(set(seeds))} of {len(seeds)})")
    centre = {"/cheats/0/effect/write_register/factor": (0.97, 0.025), "/cheats/0/when/commands/events_s/0": (20, 15),
              "/drift/0/process/linear_per_year": (-0.003, 0.0025)}
    seen = {k: 0 for k in centre}
    for x in runs:
        for k, v in x.get("drawn", {}).items():
            if k in centre and "shunt" in x["scenario"] or k in centre and "calibration" in x["scenario"]:
                c0, hw = centre[k]
                check(abs(v - c0) <= hw + 1e-12, f"{k} = {v} is within {hw} of {c0}")
                seen[k] += 1
    for k, n in seen.items():
        check(n >= 2, f"{k} was drawn ({n} runs)")
    # the records carry the drawn magnitude into their labels
    for x in runs:
        if "calibration_command_logged" in x["scenario"]:
            rec = json.load(open(os.path.join(out, "runs", x["id"] + ".json")))
            mags = {l["magnitude"] for p in rec["points"] for l in p["labels"]}
            check(any(abs(m - x["drawn"]["/cheats/0/effect/write_register/factor"]) < 1e-9 for m in mags),
                  f"run {x['id']}: the label's magnitude {mags} is the drawn factor")


def scrub(rec, other):
    """The record with everything a detector must not read replaced: the labels (taken from
    another run), the scenario's identity, its expectation, the simulated physics."""
    r = copy.deepcopy(rec)
    r["scenario"] = {"name": "x", "description": "", "path": "x.json", "sha256": "0", "seed": 0}
    r["expect"] = {}
    r.get("campaign", {}).update({"scenario": "x.json", "group": "x"})
    labels = [p["labels"] for p in other["points"]]
    for i, p in enumerate(r["points"]):
        p["labels"] = labels[i % len(labels)] if labels else []
        for k in list(p["values"]):
            if k.startswith("true_") or k.endswith("_true_energy_wh"):
                p["values"][k] = 1e9
    for k in r["device"]["params"]:
        if k in ("calibration_gain_error_pct", "adc_noise_uv_rms", "adc_offset_v"):
            r["device"]["params"][k] = 0
    return r


def case_detection_reads_no_label():
    out = corpus()
    a = detections(out, fresh("plain"))
    # a copy whose labels are rotated between runs and whose scenario names, expectations, true
    # values and simulated physics are blanked gives the same detections
    d = fresh("scrubbed")
    shutil.copytree(out, d)
    names = sorted(os.listdir(os.path.join(d, "runs")))
    recs = [json.load(open(os.path.join(d, "runs", n))) for n in names]
    for i, n in enumerate(names):
        json.dump(scrub(recs[i], recs[(i + 7) % len(recs)]), open(os.path.join(d, "runs", n), "w"))
    b = detections(d, fresh("scrubbed_out"))
    check(a["findings"] == b["findings"], "scrubbing labels, names and truth changes no detection")
    n_det = len(json.load(open(DETECTORS))["detectors"])
    check(len(a["findings"]) == len(names) * n_det, f"one finding per run and detector ({len(a['findings'])})")
    # and the same corpus gives byte-identical files
    c = detections(out, fresh("again"))
    check(open(os.path.join(WORK, "plain", "detections.csv")).read() ==
          open(os.path.join(WORK, "again", "detections.csv")).read(), "detections.csv is the same on a second run")


def case_score_agrees_with_independent_computation():
    import pandas as pd
    out = corpus()
    o = fresh("score")
    r = hb("detect", out, "--detectors", DETECTORS, "--out", o, "--score", "--base-rate", "0.2", "--budget-pct", "10")
    check(r.returncode == 0, f"detect --score exits 0 ({r.stderr})")
    det = pd.read_csv(os.path.join(o, "detections.csv"), dtype={"run": str})
    truth = pd.read_csv(os.path.join(o, "truth.csv"), dtype={"run": str})
    score = json.load(open(os.path.join(o, "score.json")))
    board = pd.read_csv(os.path.join(o, "leaderboard.csv"))
    check(set(truth["class"]) >= {"NORMAL", "DRIFT", "FAULT", "CHEAT", "THEFT", "TAMPER"},
          f"the corpus has every class: {sorted(set(truth['class']))}")
    m = det.merge(truth, on="run", how="left", validate="many_to_one")
    check(not m["class"].isna().any(), "every detection has its truth")
    for d in score["metrics"]:
        rows = m[m["detector"] == d["detector"]]
        pos = rows[rows["class"].isin(MALICIOUS)]
        neg = rows[~rows["class"].isin(MALICIOUS)]
        s_pos = pos["score"].fillna(-math.inf).tolist()
        s_neg = neg["score"].fillna(-math.inf).tolist()
        # AUC by counting every pair
        wins = sum((a > b) + 0.5 * (a == b) for a in s_pos for b in s_neg)
        auc = wins / (len(s_pos) * len(s_neg))
        check(abs(auc - d["auc"]) < 1e-12, f"{d['detector']}: AUC {d['auc']} equals the pair count {auc}")
        accuse = rows["alarm"] & rows["guess"].isin(MALICIOUS)
        dr = (accuse & rows["class"].isin(MALICIOUS)).sum() / len(pos)
        far = (accuse & ~rows["class"].isin(MALICIOUS)).sum() / len(neg)
        check(abs(dr - d["at_threshold"]["detection_rate"]) < 1e-12, f"{d['detector']}: detection rate {dr}")
        check(abs(far - d["at_threshold"]["false_alarm_rate"]) < 1e-12, f"{d['detector']}: false-alarm rate {far}")
        # the operating point: the best detection rate with at most 5 % false alarms over all thresholds
        best = 0.0
        for t in sorted(set(rows["score"].dropna())):
            tp = (pos["score"] >= t).sum() / len(pos)
            fp = (neg["score"] >= t).sum() / len(neg)
            if fp <= 0.05:
                best = max(best, tp)
        check(abs(best - d["operating_point"]["detection_rate"]) < 1e-12,
              f"{d['detector']}: P_D at P_FA <= 5 % is {d['operating_point']['detection_rate']}, recounted {best}")
        # precision of the top 10 % of a fleet with 20 % cheats: expand to a weighted population
        # (each positive weighs 0.2/P, each negative 0.8/N) and take the top 10 % of the weight
        w = [(s, 0.2 / len(pos), 1) for s in s_pos] + [(s, 0.8 / len(neg), 0) for s in s_neg]
        w.sort(key=lambda x: -x[0])
        budget, taken, taken_pos, i = 0.10, 0.0, 0.0, 0
        while i < len(w) and taken < budget - 1e-15:
            j = i
            while j < len(w) and w[j][0] == w[i][0]:
                j += 1
            mass = sum(x[1] for x in w[i:j])
            pmass = sum(x[1] for x in w[i:j] if x[2])
            share = min(1.0, (budget - taken) / mass)
            taken += share * mass
            taken_pos += share * pmass
            i = j
        prec = taken_pos / taken
        check(abs(prec - d["precision_at_budget"]["precision"]) < 1e-9,
              f"{d['detector']}: precision {d['precision_at_budget']['precision']}, recounted {prec}")
        lb = board[board["detector"] == d["detector"]].iloc[0]
        check(abs(lb["auc"] - d["auc"]) < 1e-9, f"{d['detector']}: the leaderboard row has the AUC")
        # the confusion counts every run once
        check(sum(sum(v.values()) for v in d["confusion"].values()) == len(rows), f"{d['detector']}: confusion covers every run")
    html = open(os.path.join(o, "report.html")).read()
    check("<svg" in html and "Leaderboard" in html, "report.html has the leaderboard and the ROC plot")
    # the naive threshold is the inspection's own pass/fail: it alarms exactly on the runs with a
    # failed point (but for errors that round onto the limit)
    naive = m[m["detector"] == "naive"].set_index("run")
    for run in naive.index:
        rec = json.load(open(os.path.join(out, "runs", run + ".json")))
        failed = any(p["verdict"] == "fail" for p in rec["points"])
        over = naive.loc[run, "score"] >= 1
        check(bool(over) == failed or abs(naive.loc[run, "score"] - 1) < 0.05,
              f"run {run}: the naive score {naive.loc[run, 'score']} agrees with the accuracy verdicts ({failed})")


def case_export_layout_and_pandas_loader():
    import pandas as pd
    out = corpus()
    e = fresh("export")
    r = hb("export", out, "--out", e, "--test-pct", "40")
    check(r.returncode == 0, f"export exits 0 ({r.stderr})")
    runs = sorted(n[:-5] for n in os.listdir(os.path.join(out, "runs")) if n.endswith(".json"))
    read = lambda p: pd.read_csv(os.path.join(e, p), dtype={"run": str}, keep_default_na=False, na_values=[""])
    dev, q, truth, labels, split = (read("inputs/devices.csv"), read("inputs/quantities.csv"), read("truth/truth.csv"),
                                    read("labels/labels.csv"), read("split.csv"))
    check(sorted(dev["run"]) == runs and sorted(truth["run"]) == runs and sorted(split["run"]) == runs,
          "devices, truth and split have one row per run")
    # the inputs hold nothing of the truth: no true quantity, no label word, no scenario name
    check(not q["name"].str.contains("true").any(), "no true_* quantity among the inputs")
    import re
    for f in os.listdir(os.path.join(e, "inputs")):
        text = open(os.path.join(e, "inputs", f)).read()
        check(not re.search(r"(^|,)(CHEAT|THEFT|TAMPER|DRIFT|FAULT)(,|$)", text, re.M), f"inputs/{f} has no label as a field")
        for word in ("meter-cheat", "cheats/", "calibration_gain_error_pct", "igain_command", "shunt_ageing"):
            check(word not in text, f"inputs/{f} does not contain {word}")
    # the labels and the truth agree with the records
    recs = {n: json.load(open(os.path.join(out, "runs", n + ".json"))) for n in runs}
    n_labels = sum(len(p["labels"]) for rec in recs.values() for p in rec["points"])
    check(len(labels) == n_labels, f"labels.csv has every activation ({len(labels)} of {n_labels})")
    # the split is a function of the seed alone, and near the share asked for
    seeds = {n: recs[n]["scenario"]["seed"] for n in runs}
    check(all(split.set_index("run").loc[n, "seed"] == seeds[n] for n in runs), "split.csv gives each run's seed")
    test_share = (split["split"] == "test").mean()
    check(0.15 <= test_share <= 0.65, f"the test share {test_share:.2f} is near 40 %")
    e2 = fresh("export2")
    hb("export", out, "--out", e2, "--test-pct", "40")
    check(open(os.path.join(e, "split.csv")).read() == open(os.path.join(e2, "split.csv")).read(), "the split is reproducible")
    # the example loader reads it
    p = subprocess.run([sys.executable, os.path.join(SRC, "harness/detect/examples/load_corpus.py"), e], capture_output=True, text=True)
    check(p.returncode == 0 and f"runs {len(runs)}:" in p.stdout and "test: detection rate" in p.stdout,
          f"the pandas loader example runs: {p.stdout} {p.stderr}")


def case_evade_finds_the_largest_cheat_that_gets_through():
    scen = os.path.join(SRC, "scenarios/meter/cheats/calibration_command_hidden.json")
    ptr = "/cheats/0/effect/write_register/factor"
    common = [scen, "--pointer", ptr, "--from", "1", "--to", "0.95", "--seeds", "2", "--grid", "5", "--bisections", "6",
              "--fidelity", "twin", "-j", "2", "-q"]
    # the procedure: IEC 62053-21 class 1 passes an error that rounds (to 0.1 %) within 1 %; the
    # IGAIN factor f makes the error about (f - 1) x 100 %, so the frontier lies near f = 0.9895
    o = fresh("evade_proc")
    r = hb("evade", *common, "--out", o)
    check(r.returncode == 0, f"evade exits 0 ({r.stderr})")
    j = json.load(open(os.path.join(o, "evade.json")))
    lo, hi = j["largest_through"], j["smallest_caught"]
    check(j["outcome"] == "bisected" and 0.9875 <= hi < lo <= 0.9915, f"the frontier {lo} / {hi} is near 0.9895")
    check(lo - hi <= 0.0125 / 2 ** 6 + 1e-12, f"six bisections narrow it to {lo - hi}")
    for e in j["evaluations"]:
        check(e["gets_through"] == (e["value"] >= lo), f"monotone: {e['value']} gets through = {e['gets_through']}")
        check(e["runs"] == 2 and e["errors"] == 0, f"two runs at {e['value']}")
    check(os.path.exists(os.path.join(o, "settings", "0", "campaign", "summary.json")), "each setting is a campaign folder")
    check("<svg" in open(os.path.join(o, "report.html")).read(), "the frontier is plotted")
    # a detector at a given threshold: the bias detector (sigma 0.15 %) alarms over 3 sigma, so
    # a cheat of about 0.45 % is the most that gets through a lab re-test it reads
    o = fresh("evade_det")
    r = hb("evade", *common, "--out", o, "--detectors", DETECTORS, "--detector", "bias", "--threshold", "3")
    check(r.returncode == 0, f"evade with a detector exits 0 ({r.stderr})")
    j = json.load(open(os.path.join(o, "evade.json")))
    lo, hi = j["largest_through"], j["smallest_caught"]
    check(j["criterion"] == "detector" and 0.9935 <= hi < lo <= 0.9970, f"the detector's frontier {lo} / {hi} is near 0.9955")
    # bad input
    for args, what in ((["--pointer", "/cheats/0/effect/nothing"], "/cheats/0/effect/nothing"),
                       (["--from", "0.95"], "--from"),
                       (["--detectors", DETECTORS, "--detector", "bias"], "--honest"),
                       (["--detectors", DETECTORS, "--detector", "nobody", "--threshold", "1"], "nobody")):
        a = list(common)
        for k in range(0, len(args), 2):
            if args[k] in a:
                a[a.index(args[k]) + 1] = args[k + 1]
            else:
                a += args[k:k + 2]
        r = hb("evade", *a, "--out", fresh("evade_bad"))
        check(r.returncode == 2 and what in r.stderr, f"bad input naming {what}: exit {r.returncode}, {r.stderr.strip()}")


def poisson_interval(lam, p=0.99):
    """The central interval of a Poisson count with mean lam that holds at least p."""
    cdf, k, lo, hi, pk = 0.0, 0, None, None, math.exp(-lam)
    while hi is None:
        cdf += pk
        if lo is None and cdf > (1 - p) / 2:
            lo = k
        if cdf >= 1 - (1 - p) / 2:
            hi = k
        k += 1
        pk *= lam / k
    return lo, hi


def case_in_control_false_alarms_match_the_design():
    # 150 honest meters whose calibration errors are drawn with the fleet's spread (0.15 %, the
    # sigma the bias detector is configured with)
    d = fresh("fleet")
    r = hb("campaign", os.path.join(SRC, "tests/data/campaigns/honest_fleet.json"), "--out", d, "-j", "2", "--quiet")
    check(r.returncode == 0, f"the honest fleet passes ({r.returncode})")
    o = os.path.join(d, "detect")
    r = hb("detect", d, "--detectors", DETECTORS, "--score", "--arl0", "20", "--quiet")
    check(r.returncode == 0, f"detect exits 0 ({r.stderr})")
    s = json.load(open(os.path.join(o, "score.json")))
    bias = next(m for m in s["metrics"] if m["detector"] == "bias")
    ic = bias["in_control"]
    n = ic["runs"]
    check(n == 150, f"150 honest runs ({n})")
    # the standardised mean errors are N(0, 1): their sd within the 99 % chi-square interval
    # (Wilson-Hilferty) and their mean within 2.58 standard errors
    def chi2_q(q, k):
        z = {0.005: -2.5758293, 0.995: 2.5758293}[q]
        return k * (1 - 2 / (9 * k) + z * math.sqrt(2 / (9 * k))) ** 3
    lo_sd, hi_sd = math.sqrt(chi2_q(0.005, n - 1) / (n - 1)), math.sqrt(chi2_q(0.995, n - 1) / (n - 1))
    check(lo_sd <= ic["z_sd"] <= hi_sd, f"z sd {ic['z_sd']:.3f} within [{lo_sd:.3f}, {hi_sd:.3f}]")
    check(abs(ic["z_mean"]) <= 2.5758293 / math.sqrt(n), f"z mean {ic['z_mean']:.3f} near 0")
    # the fleet CUSUM designed for ARL0 = 20 raises about n / 20 alarms: within the Poisson 99 % interval
    lo, hi = poisson_interval(n / 20)
    a = ic["cusum"]["alarms"]
    check(lo <= a <= hi, f"the fleet CUSUM's {a} alarms lie within [{lo}, {hi}] of the {n / 20:.1f} designed")
    # and the per-run test at 3 sigma (2 x (1 - Phi(3)) = 0.27 %) rarely fires
    lo, hi = poisson_interval(n * 0.0027)
    check(bias["per_class"]["NORMAL"]["alarms"] <= hi, f"bias alarms {bias['per_class']['NORMAL']['alarms']} <= {hi}")


def base_run():
    """One honest type test (accuracy points and the register test), twin fidelity."""
    d = os.path.join(WORK, "honest_run")
    if not os.path.exists(os.path.join(d, "result.json")):
        scen = json.load(open(os.path.join(SRC, "scenarios/meter/class1_type_approval.json")))
        scen["device"]["fidelity"] = "twin"
        scen["procedure"] = {"standard": "iec62053-21:2003", "tests": ["accuracy", "register"]}
        scen.pop("expect", None)
        scen.pop("$schema", None)
        os.makedirs(WORK, exist_ok=True)
        f = os.path.join(WORK, "honest.json")
        json.dump(scen, open(f, "w"))
        r = hb("run", f, "--out", d, "--quiet")
        check(r.returncode == 0, f"the honest run passes ({r.stderr})")
    return json.load(open(os.path.join(d, "result.json")))


def finding_of(rec, name, detector):
    d = fresh(name)
    os.makedirs(d)
    json.dump(rec, open(os.path.join(d, "result.json"), "w"))
    j = detections(d, os.path.join(d, "detect"))
    return next(f for f in j["findings"] if f["detector"] == detector)


def case_detectors_respond_to_crafted_evidence():
    rec = base_run()
    honest = {f["detector"]: f for f in detections(os.path.join(WORK, "honest_run"), fresh("honest_out"))["findings"]}
    for k, f in honest.items():
        check(not f["alarm"], f"the honest meter raises no {k} alarm ({f['evidence']})")
    # a step of -2 % in the error from 30 A up, at unity power factor: the load CUSUM alarms there
    r = copy.deepcopy(rec)
    for p in r["points"]:
        if p["conditions"].get("power_factor") == 1 and p["conditions"].get("current_a", 0) >= 30 and "error_pct" in p["values"]:
            p["values"]["error_pct"] -= 2
    f = finding_of(r, "step", "load_cusum")
    check(f["alarm"] and f["guess"] == "CHEAT", f"a load-gated step is a CHEAT alarm ({f})")
    check(f["onset"] and f["onset"]["quantity"] == "current_a" and f["onset"]["value"] >= 30, f"its onset is at 30 A or above ({f['onset']})")
    check(abs(f["magnitude"] + 2) < 0.3, f"its magnitude is about -2 % ({f['magnitude']})")
    fb = finding_of(r, "step_bias", "bias")
    # a uniform shift of -1 %: the bias alarms and calls it DRIFT; the CUSUM, which sees no step, does not
    r = copy.deepcopy(rec)
    for p in r["points"]:
        if "error_pct" in p["values"]:
            p["values"]["error_pct"] -= 1
    f = finding_of(r, "shift", "bias")
    check(f["alarm"] and f["guess"] == "DRIFT" and abs(f["magnitude"] + 1) < 0.2, f"a uniform -1 % shift is a DRIFT alarm ({f})")
    f = finding_of(r, "shift_cusum", "load_cusum")
    check(not f["alarm"], f"the load CUSUM ignores a uniform shift ({f['evidence']})")
    f = finding_of(r, "shift_fusion", "fusion")
    check(f["alarm"] and f["guess"] == "DRIFT", f"the fusion calls a uniform shift without other evidence a DRIFT ({f})")
    # a record missing from one point's audit trail, and a software id that changes
    r = copy.deepcopy(rec)
    del r["points"][2]["audit_trail"][3]
    f = finding_of(r, "gap", "integrity")
    check(f["alarm"] and "jumps" in f["evidence"], f"a gap in the audit trail is found ({f['evidence']})")
    r = copy.deepcopy(rec)
    r["points"][-1]["software_id"] = "1.0.1 CRC32 00000000"
    f = finding_of(r, "swid", "integrity")
    check(f["alarm"] and "not an approved" in f["evidence"] and "changed" in f["evidence"], f"a changed software id is found ({f['evidence']})")
    r = copy.deepcopy(rec)
    r["points"][1]["audit_trail"].append({"sequence": r["points"][1]["audit_trail"][-1]["sequence"] + 1, "event_counter": 99,
                                         "time_s": 5.0, "kind": "parameter_change", "source": "comms", "parameter": "IGAIN",
                                         "old_value": "1", "new_value": "2"})
    f = finding_of(r, "write", "integrity")
    check(f["alarm"] and "IGAIN written" in f["evidence"] and f["onset"]["value"] == 5.0, f"a sealed write is found at 5 s ({f})")
    f = finding_of(r, "write_fusion", "fusion")
    check(f["alarm"] and f["guess"] == "CHEAT", f"the fusion puts the write first ({f})")
    # the register falling behind CF by 3 % of its resolution's worth
    r = copy.deepcopy(rec)
    reg = next(p for p in r["points"] if "register_vs_cf_pct" in p["values"])
    reg["values"]["register_vs_cf_pct"] = 3 * reg["values"]["resolution_pct"]
    f = finding_of(r, "register", "register_vs_cf")
    check(f["alarm"] and abs(f["score"] - 3) < 1e-9, f"a register 3 resolutions off CF scores 3 ({f})")


def case_charger_records_and_logs():
    # an honest AC post with its signed records: no alarm, although its trail holds two logs (the
    # post's and its meter's) whose counters each start at 1
    d = os.path.join(WORK, "post")
    r = hb("run", os.path.join(SRC, "scenarios/charger/conforming_ac_post_with_records.json"), "--fidelity", "twin", "--out", d, "-q")
    check(r.returncode == 0, f"the honest post passes ({r.stderr})")
    cfg = os.path.join(SRC, "scenarios/detectors/charger_ac_inspection.json")
    run = lambda folder: {f["detector"]: f for f in json.load(open(os.path.join(folder, "detect", "detections.json")))["findings"]}
    p = hb("detect", d, "--detectors", cfg, "--out", os.path.join(d, "detect"), "--quiet")
    check(p.returncode == 0, f"detect exits 0 ({p.stderr})")
    honest = run(d)
    for k, f in honest.items():
        check(not f["alarm"], f"the honest post raises no {k} alarm ({f['evidence']})")
    rec = json.load(open(os.path.join(d, "result.json")))
    # a signature the transparency check rejected, and a counter that falls within the meter's log
    r2 = copy.deepcopy(rec)
    t = next(p for p in r2["points"] if p["test"] == "transparency")
    next(c for c in t["checks"] if c["quantity"] == "signatures")["pass"] = False
    trail = r2["points"][0]["audit_trail"]
    meter = [a for a in trail if a["source"].startswith("meter ")]
    meter[-1]["event_counter"] = 0
    e = os.path.join(WORK, "tampered")
    shutil.rmtree(e, ignore_errors=True)
    os.makedirs(e)
    json.dump(r2, open(os.path.join(e, "result.json"), "w"))
    p = hb("detect", e, "--detectors", cfg, "--out", os.path.join(e, "detect"), "--quiet")
    f = run(e)
    check(f["ocmf"]["alarm"] and f["ocmf"]["score"] == 1 and "signature" in f["ocmf"]["evidence"], f"the rejected signature is found ({f['ocmf']})")
    check(f["integrity"]["alarm"] and "event counter of meter falls" in f["integrity"]["evidence"],
          f"the meter's falling counter is found ({f['integrity']['evidence']})")
    check(f["fusion"]["alarm"] and f["fusion"]["guess"] == "CHEAT" and f["fusion"]["evidence"].startswith("ocmf"),
          f"the fusion names the records first ({f['fusion']})")


def case_dispenser_contrast_tells_a_hidden_trigger_from_a_drift():
    d = os.path.join(WORK, "dispenser")
    r = hb("run", os.path.join(SRC, "scenarios/dispenser/conforming_with_customer_audit.json"), "--out", d, "-q")
    check(r.returncode == 0, f"the honest dispenser passes ({r.stderr})")
    cfg = os.path.join(SRC, "scenarios/detectors/dispenser_inspection.json")
    rec = json.load(open(os.path.join(d, "result.json")))

    def findings(r2, name):
        e = os.path.join(WORK, name)
        shutil.rmtree(e, ignore_errors=True)
        os.makedirs(e)
        json.dump(r2, open(os.path.join(e, "result.json"), "w"))
        p = hb("detect", e, "--detectors", cfg, "--out", os.path.join(e, "detect"), "--quiet")
        check(p.returncode == 0, f"detect exits 0 ({p.stderr})")
        return {f["detector"]: f for f in json.load(open(os.path.join(e, "detect", "detections.json")))["findings"]}

    f = findings(rec, "dispenser_honest")
    base = f["lab_vs_customer"]["magnitude"]
    for k, x in f.items():
        check(not x["alarm"], f"the honest dispenser raises no {k} alarm ({x['evidence']})")
    # +1 % only where the device cannot know it is tested: a hidden trigger
    hidden = copy.deepcopy(rec)
    for p in hidden["points"]:
        if p["test"] == "customer_drafts":
            p["values"]["mean_error_pct"] += 1
    f = findings(hidden, "dispenser_hidden")
    check(f["lab_vs_customer"]["alarm"] and abs(f["lab_vs_customer"]["magnitude"] - base - 1) < 1e-9,
          f"the contrast finds the +1 % ({f['lab_vs_customer']}, honest {base})")
    check(f["fusion"]["guess"] == "CHEAT", f"the fusion calls it a CHEAT ({f['fusion']})")
    # +1 % everywhere: a drift, which the contrast does not see and the bias calls DRIFT
    drift = copy.deepcopy(rec)
    for p in drift["points"]:
        if "mean_error_pct" in p["values"]:
            p["values"]["mean_error_pct"] += 1
    f = findings(drift, "dispenser_drift")
    check(not f["lab_vs_customer"]["alarm"], f"the contrast ignores a uniform shift ({f['lab_vs_customer']['evidence']})")
    check(f["fusion"]["alarm"] and f["fusion"]["guess"] == "DRIFT", f"the fusion calls it a DRIFT ({f['fusion']})")


def case_reverification_tells_a_stroke_from_varnish():
    """A shortened piston stroke and a varnished meter over-register alike, and every electronic
    channel agrees with both. The same audit half a year later (after_days 182) meets other
    customers on an older device: the varnish's displacement has shrunk by its yearly rate times
    the half year, which its label states and the audits' errors show; the stroke's has not.
    service_growth (the audits' difference) calls the varnish DRIFT, stable_shift (the later
    audit's error, read alone) accuses the stroke, and the fusion makes those calls."""
    cfg = os.path.join(SRC, "scenarios/detectors/dispenser_inspection.json")
    out = {}
    for name, scen in (("stroke", "cheats/shortened_stroke.json"), ("varnish", "drift/chamber_varnish.json")):
        d = fresh("reverify_" + name)
        r = hb("run", os.path.join(SRC, "scenarios/dispenser", scen), "--out", d, "-q")
        check(r.returncode == 1, f"{name}: the run fails its can tests as expected ({r.returncode}: {r.stderr[-300:]})")
        rec = json.load(open(os.path.join(d, "result.json")))
        r = hb("detect", d, "--detectors", cfg, "--out", os.path.join(d, "detect"), "--quiet")
        check(r.returncode == 0, f"detect exits 0 ({r.stderr})")
        f = {x["detector"]: x for x in json.load(open(os.path.join(d, "detect", "detections.json")))["findings"]}
        pts = {p["id"]: p for p in rec["points"]}
        check({"customer_audit", "customer_audit_d182"} <= set(pts), f"{name}: both audits are points ({sorted(pts)})")
        a, b = pts["customer_audit"], pts["customer_audit_d182"]
        check(b["conditions"].get("after_days") == 182 and "after_days" not in a["conditions"],
              f"{name}: the later audit carries after_days ({b['conditions']})")
        vol = lambda p: [row[next(t for t in p["tables"] if t["name"] == "drafts")["columns"].index("indicated_l")]
                         for row in next(t for t in p["tables"] if t["name"] == "drafts")["rows"]]
        check(vol(a) != vol(b), f"{name}: the later audit meets other customers ({vol(a)[:3]}, {vol(b)[:3]})")
        out[name] = (a, b, f)
    # the labels: the varnish's displacement shrank by 0.6 % a year for the half year, the stroke's did not
    a, b, f = out["varnish"]
    la, lb = a["labels"][0]["magnitude"], b["labels"][0]["magnitude"]
    check(abs((lb - la) - (-0.006 * 182 / 365.25)) < 2e-5, f"varnish: the displacement moved by the rate over 182 days ({la}, {lb})")
    grow = b["values"]["mean_error_pct"] - a["values"]["mean_error_pct"]
    want = (1 / (1 + lb) - 1 / (1 + la)) * 100
    check(abs(grow - want) < 0.15, f"varnish: the audits' errors grew by about {want:.3f} % ({grow:.3f})")
    check(abs(f["service_growth"]["score"] - abs(grow) / 0.05) < 1e-9 and f["service_growth"]["guess"] == "DRIFT",
          f"service_growth is the audits' difference over 0.05 %, a DRIFT ({f['service_growth']})")
    check(f["fusion"]["guess"] == "DRIFT", f"the fusion calls the varnish DRIFT ({f['fusion']})")
    a, b, f = out["stroke"]
    check(a["labels"][0]["magnitude"] == b["labels"][0]["magnitude"] == 0.97, "stroke: the setting does not age")
    grow = b["values"]["mean_error_pct"] - a["values"]["mean_error_pct"]
    check(abs(grow) < 0.15 and not f["service_growth"]["alarm"], f"stroke: no growth ({grow:.3f}, {f['service_growth']})")
    check(f["stable_shift"]["alarm"] and f["stable_shift"]["magnitude"] == b["values"]["mean_error_pct"],
          f"stable_shift reads the later audit alone ({f['stable_shift']}, {b['values']['mean_error_pct']})")
    check(f["fusion"]["guess"] == "CHEAT" and f["fusion"]["evidence"].startswith("stable_shift"),
          f"the fusion accuses the stroke on its stable shift ({f['fusion']})")
    check(f["bias"]["guess"] == "DRIFT", "the bias alone would have called it a drift")
    # bad input: a negative age, the same audit twice without one, points on a fusion
    j = json.load(open(os.path.join(SRC, "scenarios/dispenser/cheats/shortened_stroke.json")))
    j.pop("$schema")
    for k, (edit, want) in enumerate(((lambda x: x["procedures"][2].update(after_days=-1), "/procedures/2/after_days"),
                                     (lambda x: x["procedures"][2].pop("after_days"), "after_days"))):
        x = copy.deepcopy(j)
        edit(x)
        src = os.path.join(WORK, f"reverify_bad{k}.json")
        json.dump(x, open(src, "w"))
        r = hb("run", src, "--out", fresh(f"reverify_bad{k}"))
        check(r.returncode == 2 and want in r.stderr, f"bad after_days is bad input naming {want}: {r.returncode}, {r.stderr.strip()}")
    # a standard that dispatches on its points' ids (the scale's zero-setting and price points)
    # runs the same checks later in service: each _d30 point measures what its first run measured
    j = json.load(open(os.path.join(SRC, "scenarios/scale/class3_type_approval.json")))
    j.pop("$schema", None)
    first = dict(j.pop("procedure"), tests=["zero_setting", "price"])
    j["procedures"], j["expect"] = [first, dict(first, after_days=30)], {}
    src = os.path.join(WORK, "reverify_scale.json")
    json.dump(j, open(src, "w"))
    d = fresh("reverify_scale")
    r = hb("run", src, "--out", d, "-q")
    check(r.returncode == 0, f"the scale's re-verification runs and passes ({r.returncode}: {r.stderr[-300:]})")
    pts = {p["id"]: p for p in json.load(open(os.path.join(d, "result.json")))["points"]}
    firsts = [k for k in pts if not k.endswith("_d30")]
    check(len(firsts) >= 5 and all(k + "_d30" in pts for k in firsts), f"every point again later ({sorted(pts)})")
    for k in firsts:
        check(set(pts[k]["values"]) == set(pts[k + "_d30"]["values"]) and
              [c["quantity"] for c in pts[k]["checks"]] == [c["quantity"] for c in pts[k + "_d30"]["checks"]],
              f"{k}_d30 measures what {k} measured ({sorted(pts[k + '_d30']['values'])})")
    bad = os.path.join(WORK, "reverify_det.json")
    json.dump({"schema_version": 1, "name": "x", "detectors": [{"id": "b", "kind": "bias"},
                                                                  {"id": "f", "kind": "fusion", "inputs": ["b"], "points": ["x"]}]},
              open(bad, "w"))
    r = hb("detect", os.path.join(WORK, "reverify_stroke"), "--detectors", bad)
    check(r.returncode == 2 and bad + ":/detectors/1/points" in r.stderr, f"points on a fusion is named: {r.stderr.strip()}")


def case_dc_cable_id_against_a_corroded_connector():
    """A DC charger set to a lighter cable's id and one whose connector has corroded both bill the
    customer for 2 mOhm of the cable's loss: I x 2 mOhm / U of the energy, within a display digit
    of the 2 kWh session. Only the cheat's signed cable-loss compensation differs from the
    registered cable: the OCMF check accuses it; the fault, whose records are the registered
    cable's, raises no alarm, and neither does the honest charger."""
    cfg = os.path.join(SRC, "scenarios/detectors/charger_dc_inspection.json")
    out = {}
    base = json.load(open(os.path.join(SRC, "scenarios/charger/faults/corroded_cable_connector.json")))
    base.pop("$schema")
    honest = copy.deepcopy(base)
    honest["cheats"], honest["expect"] = [], {}
    hf = os.path.join(WORK, "dc_honest.json")
    json.dump(honest, open(hf, "w"))
    for name, scen in (("honest", hf), ("cheat", os.path.join(SRC, "scenarios/charger/cheats/cable_id_change.json")),
                       ("fault", os.path.join(SRC, "scenarios/charger/faults/corroded_cable_connector.json"))):
        d = fresh("dc_" + name)
        r = hb("run", scen, "--out", d, "-q")
        check(r.returncode in (0, 1), f"{name} runs ({r.returncode}: {r.stderr[-300:]})")
        rec = json.load(open(os.path.join(d, "result.json")))
        r = hb("detect", d, "--detectors", cfg, "--out", os.path.join(d, "detect"), "--quiet")
        check(r.returncode == 0, f"detect exits 0 ({r.stderr})")
        f = {x["detector"]: x for x in json.load(open(os.path.join(d, "detect", "detections.json")))["findings"]}
        out[name] = ({p["id"]: p for p in rec["points"]}, f)
    ind = {k: v[0]["indication"]["values"]["error_pct"] for k, v in out.items()}
    want = 200 * 0.002 / 475 * 100  # I dR / U: the share of the energy billed for the uncompensated 2 mOhm
    digit = 0.001 / 2 * 100          # the display's least digit over the 2 kWh session
    for k in ("cheat", "fault"):
        check(abs(ind[k] - ind["honest"] - want) <= digit + 0.01,
              f"{k}: the bill moves by I dR / U = {want:.3f} % within a digit ({ind[k] - ind['honest']:.3f} %)")
    ch, fa, ho = out["cheat"][1], out["fault"][1], out["honest"][1]
    check(ch["fusion"]["alarm"] and ch["fusion"]["guess"] == "CHEAT" and "cable loss compensation" in ch["fusion"]["evidence"],
          f"the cable-id change is accused on its signed compensation ({ch['fusion']})")
    check(not fa["fusion"]["alarm"] and not fa["ocmf"]["alarm"], f"the corroded connector is not accused ({fa['fusion']})")
    check(not any(x["alarm"] for x in ho.values()), "the honest charger raises no alarm")
    check(not ch["naive"]["alarm"] and not fa["naive"]["alarm"], "the naive threshold sees neither")


def case_pulse_monitor_sees_what_the_controller_receives():
    """The overt audit's pulse counter and totalisers, against instruments it does not share code
    with: in bit fidelity the Verilated front end decodes the pulser's pins itself, and the display
    it drives must equal the counter's pulses over the verified K-factor, truncated to the digit;
    the mechanical totaliser must follow the master meter; a cheat's stated factor must show
    between display and pulses; a pulse generator must part the lines in both fidelities. The
    detectors' consistency scores are recomputed from the CSV."""
    import pandas as pd

    def run(scenario, name, edit=None):
        d = fresh(name)
        src = scenario
        if edit:
            j = json.load(open(scenario))
            edit(j)
            src = os.path.join(WORK, name + ".json")
            json.dump(j, open(src, "w"))
        r = hb("run", src, "--out", d, "-q")
        check(r.returncode in (0, 1), f"{name} runs ({r.returncode}: {r.stderr[-300:]})")
        rec = json.load(open(os.path.join(d, "result.json")))
        p = rec["points"][0]
        return d, p, pd.read_csv(os.path.join(d, "series", "customer_audit_drafts.csv"))

    # honest, bit fidelity: the RTL's own count against the lab's counter
    d, p, t = run(os.path.join(SRC, "scenarios/dispenser/overt_audit_bit.json"), "overt_bit")
    k = p["values"]["k_factor_pulses_per_l"]
    check(len(t) == 6 and p["verdict"] == "pass", f"six drafts, all consistent ({p['verdict']}, {len(t)} rows)")
    step = 0.01
    floor = (t.b_edges / k / step + 1e-9).apply(lambda x: int(x)) * step
    check(((t.indicated_l - floor).abs() < 1e-9).all(),
          f"the display is the counter's pulses / K truncated to the digit: {list(zip(t.indicated_l, floor))}")
    check((t.a_edges == t.b_edges).all() and (t.a_minus_b_edges == 0).all(), "an honest pulser's lines count alike")
    check((t.totaliser_vs_display_l == 0).all() and abs(t.electronic_advance_l.sum() - t.indicated_l.sum()) < 1e-6,
          "the electronic totaliser advances by the volume shown")
    mech, master, elec = t.mechanical_advance_l.sum(), t.master_meter_l.sum(), t.electronic_advance_l.sum()
    check(abs(mech - master) <= 1 + 0.005 * master,
          f"the mechanical totaliser follows the master meter within a litre and the slip ({mech} L, {master:.2f} L)")
    check(abs(p["values"]["mechanical_vs_electronic_pct"] - (mech - elec) / elec * 100) < 1e-9,
          "mechanical_vs_electronic_pct is the totalisers' difference over the audit")
    check(abs((t.pulser_volume_l - t.b_edges / k)).max() < 1e-9 and
          ((t.display_vs_pulser_l - (t.indicated_l - t.pulser_volume_l)).abs() < 1e-9).all(), "the pulser columns add up")

    # the harvesting cheat: within the MPE for the master meter, its factor between display and pulses
    scen = os.path.join(SRC, "scenarios/dispenser/cheats/tolerance_harvesting_overt.json")
    factor = json.load(open(scen))["cheats"][0]["effect"]["scale"]
    dh, ph, th = run(scen, "overt_harvest")
    checks = {c["quantity"]: c["value"] for c in ph["checks"]}
    check(checks["failed_drafts"] == 0 and checks["pulser_mismatches"] == len(th) and checks["totaliser_mismatches"] == 0,
          f"the master meter passes every draft, the pulse counter fails every one ({checks})")
    tol = th.pulser_tolerance_l.iloc[0]
    check(((th.indicated_l - factor * th.pulser_volume_l).abs() <= tol).all(),
          f"display = {factor} x pulses / K within a digit and two pulses: "
          f"{list((th.indicated_l - factor * th.pulser_volume_l).round(4))}")

    # a pulse generator on A: the lines part, alike in both fidelities
    inj = os.path.join(SRC, "scenarios/dispenser/cheats/pulse_injection.json")
    counts = {}
    for fid in ("sample", "bit"):
        def edit(j, fid=fid):
            j.pop("procedure", None)
            j.pop("expect", None)
            j["device"]["fidelity"] = fid
            j["procedure"] = {"standard": "customer-audit", "options": {"drafts": 3, "pause_s": 30, "pulse_monitor": True}}
        _, pi, ti = run(inj, "overt_inject_" + fid, edit)
        qc = {c["quantity"]: c["value"] for c in pi["checks"]}
        check(qc["quadrature_mismatches"] >= 1 and (ti.a_minus_b_edges > 1).any(),
              f"{fid}: the generator's pulses are A edges without B ({list(ti.a_minus_b_edges)}, {qc})")
        counts[fid] = list(zip(ti.a_edges, ti.b_edges))
    check(counts["sample"] == counts["bit"], f"the counter reads the same in both fidelities ({counts})")

    # the detectors on those runs, their scores recomputed
    cfg = os.path.join(SRC, "scenarios/detectors/dispenser_inspection.json")
    for folder, table, cheat in ((d, t, False), (dh, th, True)):
        r = hb("detect", folder, "--detectors", cfg, "--out", os.path.join(folder, "detect"), "--quiet")
        check(r.returncode == 0, f"detect exits 0 ({r.stderr})")
        f = {x["detector"]: x for x in json.load(open(os.path.join(folder, "detect", "detections.json")))["findings"]}
        want = (table.display_vs_pulser_l.abs() / table.pulser_tolerance_l).max()
        check(abs(f["pulser_vs_display"]["score"] - want) < 1e-9,
              f"pulser_vs_display scores the largest |display - pulses/K| / bound ({f['pulser_vs_display']['score']}, {want})")
        check(f["pulser_vs_display"]["alarm"] == cheat and f["overt_fusion"]["alarm"] == cheat,
              f"{'the cheat' if cheat else 'the honest dispenser'}: alarms {f['pulser_vs_display']['alarm']}, {f['overt_fusion']}")
        if cheat:
            check(f["overt_fusion"]["guess"] == "CHEAT" and not f["naive"]["alarm"],
                  f"the fusion names a CHEAT that the naive threshold misses ({f['overt_fusion']}, {f['naive']})")


def case_idle_line_tells_the_generator_from_interference():
    """A pulse generator and the pump inverter's spikes both put A edges without B edges on the
    pulser cable, and both lock the front end. The counter left on the cable between drafts sees
    the generator go on while nothing flows (at its rate, on A only) and the interfered line go
    quiet. idle_line accuses the generator; pump_start_interference, which reads only an audit
    whose line was quiet while idle, calls the interference a FAULT; overt_fusion, where that
    explanation comes before the quadrature, makes the same calls, and its score for the explained
    fault counts only the inputs before the explanation."""
    import pandas as pd
    drafts, pause = 4, 30

    def run(scenario, name, drafts=drafts, pause=pause):
        j = json.load(open(scenario))
        for k in ("procedure", "procedures", "expect", "$schema"):
            j.pop(k, None)
        j["procedure"] = {"standard": "customer-audit", "options": {"drafts": drafts, "pause_s": pause, "pulse_monitor": True}}
        src = os.path.join(WORK, name + ".json")
        json.dump(j, open(src, "w"))
        d = fresh(name)
        r = hb("run", src, "--out", d, "-q")
        check(r.returncode in (0, 1), f"{name} runs ({r.returncode}: {r.stderr[-300:]})")
        p = json.load(open(os.path.join(d, "result.json")))["points"][0]
        r = hb("detect", d, "--detectors", os.path.join(SRC, "scenarios/detectors/dispenser_inspection.json"),
               "--out", os.path.join(d, "detect"), "--quiet")
        check(r.returncode == 0, f"detect exits 0 ({r.stderr})")
        f = {x["detector"]: x for x in json.load(open(os.path.join(d, "detect", "detections.json")))["findings"]}
        return p, pd.read_csv(os.path.join(d, "series", "customer_audit_drafts.csv")), f

    gen = os.path.join(SRC, "scenarios/dispenser/cheats/pulse_injection.json")
    rate = json.load(open(gen))["cheats"][0]["effect"]["insert_pulses"]["rate_hz"]
    pg, tg, fg = run(gen, "idle_generator")
    pi, ti, fi = run(os.path.join(SRC, "scenarios/dispenser/faults/pulser_line_interference.json"), "idle_interference")
    ph, th, fh = run(os.path.join(SRC, "scenarios/dispenser/conforming_with_customer_audit.json"), "idle_honest")

    vg, vi, vh = pg["values"], pi["values"], ph["values"]
    check(vg["idle_b_edges"] == 0 and vg["idle_a_edges"] >= 0.9 * rate * pause * (drafts - 1),
          f"the generator pulses A while nothing flows, at {rate} Hz through at least {drafts - 1} pauses ({vg['idle_a_edges']})")
    check(vg["idle_edges"] == vg["idle_a_edges"] + vg["idle_b_edges"], "idle_edges is both lines' idle edges")
    for name, v in (("interference", vi), ("honest", vh)):
        check(v["idle_a_edges"] == 0 and v["idle_b_edges"] == 0, f"the {name} line is quiet while idle ({v})")
    for name, p, t in (("generator", pg, tg), ("interference", pi, ti)):
        qc = {c["quantity"]: c["value"] for c in p["checks"]}
        check(qc["quadrature_mismatches"] >= 1 and qc["refused_drafts"] >= 1 and (t.a_minus_b_edges > 1).any(),
              f"the {name}'s single-line edges lock the front end ({qc})")

    check(fg["idle_line"]["alarm"] and fg["idle_line"]["guess"] == "CHEAT" and abs(fg["idle_line"]["score"] - vg["idle_edges"] / 0.5) < 1e-9,
          f"idle_line scores the generator's idle edges over half an edge ({fg['idle_line']})")
    check(fg["pump_start_interference"]["score"] is None and not fg["pump_start_interference"]["alarm"],
          f"the explanation reads nothing where the line pulsed while idle ({fg['pump_start_interference']})")
    check(fg["overt_fusion"]["guess"] == "CHEAT" and fg["overt_fusion"]["score"] >= fg["idle_line"]["score"],
          f"the fusion accuses the generator ({fg['overt_fusion']})")
    want = (ti.a_minus_b_edges.abs() / 1.5).max()
    check(fi["pump_start_interference"]["alarm"] and fi["pump_start_interference"]["guess"] == "FAULT" and
          abs(fi["pump_start_interference"]["score"] - want) < 1e-9,
          f"the interference is a FAULT, scored as the largest |A - B| over 1.5 ({fi['pump_start_interference']}, {want})")
    check(fi["quadrature"]["alarm"] and not fi["idle_line"]["alarm"], "the quadrature alone would accuse it")
    before = [fi[k]["score"] / fi[k]["threshold"] for k in ("integrity", "idle_line") if fi[k]["score"] is not None]
    check(fi["overt_fusion"]["guess"] == "FAULT" and abs(fi["overt_fusion"]["score"] - max(before + [0])) < 1e-9,
          f"the fusion calls it a FAULT and scores only the inputs before the explanation ({fi['overt_fusion']}, {before})")
    check(not any(x["alarm"] for k, x in fh.items() if k in ("idle_line", "pump_start_interference", "quadrature", "overt_fusion")),
          "the honest dispenser raises none of them")

    # who loses: a pin in the pulser puts the mechanical totaliser ahead (the station's count lost
    # cycles: THEFT). The bound is the mechanical totaliser's litre over the audit's volume and
    # 1 % of slip: the locked dispenser sold a few litres, and its whole litres are no evidence
    pp, tp, fp = run(os.path.join(SRC, "scenarios/dispenser/cheats/pulser_pin_theft.json"), "idle_pin", drafts=10, pause=60)
    m = fp["mechanical_vs_electronic"]
    check(m["alarm"] and m["magnitude"] > 0 and m["guess"] == "THEFT" and fp["overt_fusion"]["guess"] == "THEFT",
          f"the pin: mechanical ahead of electronic, called THEFT ({m}, {fp['overt_fusion']['guess']})")
    check(abs(m["magnitude"] - pp["values"]["mechanical_vs_electronic_pct"]) < 1e-9, "its magnitude is the point's value")
    for name, p, f in (("pin", pp, fp), ("interference", pi, fi)):
        v = p["values"]
        want = abs(v["mechanical_vs_electronic_pct"]) / (100 / v["electronic_advance_l"] + 1.0)
        check(abs(f["mechanical_vs_electronic"]["score"] - want) < 1e-9,
              f"{name}: scored against a litre over {v['electronic_advance_l']:.2f} L and 1 % ({f['mechanical_vs_electronic']['score']}, {want})")
    m = fi["mechanical_vs_electronic"]
    check(pi["values"]["electronic_advance_l"] < 50 and not m["alarm"],
          f"the interference locked the dispenser after a few litres, which do not accuse it ({pi['values']['electronic_advance_l']} L, {m})")


def case_cf_timing_finds_suppressed_pulses():
    """The accuracy points' CF timing: the mean interval equals the gates' span over their pulses in
    the readings CSV; an honest meter's spread stays under the 1 % the detector allows; a meter
    that suppresses every n-th pulse shows (n - 1) / n of the mean, as the arithmetic of its
    intervals (n - 2 of T and one of 2T per n - 1) gives."""
    import pandas as pd

    def run(scenario, name):
        j = json.load(open(scenario))
        j["device"]["fidelity"] = "twin"
        j.pop("expect", None)
        procs = j["procedures"] if "procedures" in j else [j["procedure"]]
        for pr in procs:
            pr["tests"], pr["points"] = ["accuracy"], ["pf1_Ib", "pf1_Imax", "pf0.5L_Imax"]
        src = os.path.join(WORK, name + ".json")
        json.dump(j, open(src, "w"))
        d = fresh(name)
        r = hb("run", src, "--out", d, "-q")
        check(r.returncode in (0, 1), f"{name} runs ({r.stderr[-300:]})")
        return d, {p["id"]: p for p in json.load(open(os.path.join(d, "result.json")))["points"]}

    d, pts = run(os.path.join(SRC, "scenarios/meter/class1_type_approval.json"), "cf_honest")
    for pid, p in pts.items():
        t = pd.read_csv(os.path.join(d, "series", f"{pid}_readings.csv"))
        want = (t.t_end_s.iloc[-1] - t.t_start_s.iloc[0]) / t.dut_pulses.sum()
        check(abs(p["values"]["cf_interval_s"] - want) < 1e-9 * want, f"{pid}: cf_interval_s is the gates' span over their pulses")
        check(p["values"]["cf_interval_spread_pct"] < 1.0, f"{pid}: an honest CF is periodic ({p['values']['cf_interval_spread_pct']} %)")
    scen = os.path.join(SRC, "scenarios/meter/cheats/cf_suppression.json")
    every = json.load(open(scen))["cheats"][0]["effect"]["drop_pulses"]["every_n"]
    dc, cheat = run(scen, "cf_suppressed")
    imax = cheat["pf1_Imax"]["values"]
    check(abs(imax["cf_interval_spread_pct"] - (every - 1) / every * 100) < 1.0,
          f"every {every}th pulse suppressed: spread {imax['cf_interval_spread_pct']} %, arithmetic {(every - 1) / every * 100} %")
    cfg = os.path.join(SRC, "scenarios/detectors/meter_inspection.json")
    for folder, alarm in ((d, False), (dc, True)):
        r = hb("detect", folder, "--detectors", cfg, "--out", os.path.join(folder, "detect"), "--quiet")
        check(r.returncode == 0, f"detect exits 0 ({r.stderr})")
        f = {x["detector"]: x for x in json.load(open(os.path.join(folder, "detect", "detections.json")))["findings"]}
        check(f["cf_timing"]["alarm"] == alarm, f"cf_timing alarms {alarm}: {f['cf_timing']}")


def case_terminal_clamps_tell_a_bypass_from_a_clipping_fault():
    """The lab's clamp meters on the live and neutral conductors. The live clamp reads the current
    the reference meter integrated (its energy over voltage, power factor and time); a neutral
    bypass shows the scenario's share missing from the neutral; a meter whose live channel clips
    raises the same tamper flag as the bypass, but its clamps agree. So live_vs_neutral accuses
    the bypass (THEFT) and not the clipping, where tamper_flags accuses both."""
    import math

    def run(scenario, name, clamps=True):
        j = json.load(open(scenario))
        j["device"]["fidelity"] = "twin"
        j.pop("expect", None)
        j["procedure"]["points"] = ["pf1_Ib", "pf1_Imax", "pf0.5L_Ib"]
        j["procedure"]["tests"] = ["accuracy"]
        j["procedure"]["options"] = dict(j["procedure"].get("options", {}), terminal_clamps=clamps)
        src = os.path.join(WORK, name + ".json")
        json.dump(j, open(src, "w"))
        d = fresh(name)
        r = hb("run", src, "--out", d, "-q")
        check(r.returncode in (0, 1), f"{name} runs ({r.stderr[-300:]})")
        cfg = os.path.join(SRC, "scenarios/detectors/meter_inspection.json")
        r = hb("detect", d, "--detectors", cfg, "--out", os.path.join(d, "detect"), "--quiet")
        check(r.returncode == 0, f"detect exits 0 ({r.stderr})")
        f = {x["detector"]: x for x in json.load(open(os.path.join(d, "detect", "detections.json")))["findings"]}
        return {p["id"]: p for p in json.load(open(os.path.join(d, "result.json")))["points"]}, f

    def flagged(pts):
        return any(e.get("parameter") == "tamper_start" for p in pts.values() for e in p["audit_trail"])

    pts, f = run(os.path.join(SRC, "scenarios/meter/class1_type_approval.json"), "clamps_honest")
    for pid, p in pts.items():
        v, c = p["values"], p["conditions"]
        current = v["true_energy_wh"] * 3600 / (c["voltage_v"] * math.cos(math.radians(c["phase_deg"])) * v["duration_s"])
        check(abs(v["clamp_live_a"] - current) <= 0.005 + 1e-3 * current,
              f"{pid}: the live clamp reads the current the reference integrated ({v['clamp_live_a']} A, {current} A)")
        check(v["clamp_neutral_a"] == v["clamp_live_a"] and v["neutral_vs_live_pct"] == 0,
              f"{pid}: an honest installation's neutral carries the live current ({v})")
    check(not f["live_vs_neutral"]["alarm"] and not flagged(pts), f"the honest meter: no alarm ({f['live_vs_neutral']})")

    scen = os.path.join(SRC, "scenarios/meter/cheats/neutral_bypass.json")
    share = json.load(open(scen))["cheats"][0]["effect"]["stuck_at"]
    pts, f = run(scen, "clamps_bypass")
    for pid, p in pts.items():
        v = p["values"]
        check(abs(v["neutral_vs_live_pct"] - (share - 1) * 100) <= 0.01 / v["clamp_live_a"] * 100 + 1e-9,
              f"{pid}: the neutral misses the bypassed share ({v['neutral_vs_live_pct']} %, {(share - 1) * 100} %)")
    check(flagged(pts), "the bypassed meter logs tamper_start")
    check(f["live_vs_neutral"]["alarm"] and f["live_vs_neutral"]["guess"] == "THEFT" and f["tamper_flags"]["alarm"],
          f"the bypass: live_vs_neutral names a THEFT and the meter's flags alarm ({f['live_vs_neutral']}, {f['tamper_flags']})")

    pts, f = run(os.path.join(SRC, "scenarios/meter/cheats/adc_input_clipping.json"), "clamps_clipping")
    check(pts["pf1_Imax"]["verdict"] == "fail", "the clipping meter fails at Imax")
    check(all(p["values"]["neutral_vs_live_pct"] == 0 for p in pts.values()),
          f"the clipping meter's clamps agree ({[p['values'].get('neutral_vs_live_pct') for p in pts.values()]})")
    check(flagged(pts) and f["tamper_flags"]["alarm"] and not f["live_vs_neutral"]["alarm"],
          f"clipping: the meter's tamper flag alarms, the clamps do not ({f['tamper_flags']}, {f['live_vs_neutral']})")

    pts, f = run(scen, "clamps_off", clamps=False)
    check(all("clamp_live_a" not in p["values"] for p in pts.values()) and not f["live_vs_neutral"]["alarm"],
          "without the option the lab reads no clamp and live_vs_neutral has no evidence")


def tabular_cusum(z, k):
    """The two-sided tabular CUSUM's largest value (an independent statement of the textbook form)."""
    up = lo = best = 0.0
    for x in z:
        up, lo = max(0.0, up + x - k), max(0.0, lo - x - k)
        best = max(best, up, lo)
    return best


def case_tables_are_evidence():
    """The tables a procedure measures row by row are kept in the record, equal to the CSV files the
    run writes, reach the detectors row by row without their ground-truth columns, and are
    exported; the scale corpus replaces each scenario's procedure with the same inspection."""
    import pandas as pd
    run = fresh("scale-run")
    r = hb("run", os.path.join(SRC, "scenarios/scale/cheats/zero_tracking_abuse.json"), "--out", run)
    check(r.returncode in (0, 1), f"the scale run finishes ({r.returncode}: {r.stderr[-300:]})")
    rec = json.load(open(os.path.join(run, "result.json")))
    n_tables = 0
    for p in rec["points"]:
        for t in p["tables"]:
            n_tables += 1
            csv = pd.read_csv(os.path.join(run, "series", f"{p['id']}_{t['name']}.csv"))
            check(list(csv.columns) == t["columns"], f"{p['id']} {t['name']}: the record's columns are the CSV's")
            rows = pd.DataFrame([[float("nan") if v is None else v for v in row] for row in t["rows"]], columns=t["columns"])
            same = len(csv) == len(rows) and all(
                (((csv[c] - rows[c]).abs() <= 1e-9 * (1 + rows[c].abs())) | (csv[c].isna() & rows[c].isna())).all() for c in t["columns"])
            check(same, f"{p['id']} {t['name']}: the record's rows are the CSV's ({len(rows)} and {len(csv)})")
    check(n_tables >= 3, f"the weighing, zero-tracking and market-audit tables are in the record ({n_tables})")
    audit = next(p for p in rec["points"] if p["test"] == "irregular_loads")
    t = next(t for t in audit["tables"] if t["name"] == "market_audit")
    a = pd.DataFrame(t["rows"], columns=t["columns"])
    det = os.path.join(WORK, "tables.json")
    json.dump({"schema_version": 1, "name": "tables", "detectors": [
        {"id": "mean", "kind": "bias", "tables": ["market_audit"], "error": "error_g", "sigma": 0.7},
        {"id": "worst", "kind": "threshold", "tables": ["market_audit"], "error": "error_g", "limit": "limit_g"},
        {"id": "chart", "kind": "cusum", "tables": ["market_audit"], "error": "error_g", "sigma": 1.5, "k": 0.5,
         "order_by": "reference_mass_g", "group_by": ""},
        {"id": "points", "kind": "bias", "error": "error_g", "sigma": 0.7}]}, open(det, "w"))
    out = fresh("scale-detect")
    r = hb("detect", run, "--detectors", det, "--out", out)
    check(r.returncode == 0, f"detect on tables exits 0 ({r.stderr})")
    f = {x["detector"]: x for x in json.load(open(os.path.join(out, "detections.json")))["findings"]}
    check(abs(f["mean"]["score"] - abs(a["error_g"].mean()) / 0.7) < 1e-9, f"bias over the audit's rows: {f['mean']['score']}")
    check(abs(f["worst"]["score"] - (a["error_g"].abs() / a["limit_g"]).max()) < 1e-9, f"threshold over the rows: {f['worst']['score']}")
    srt = a.sort_values("reference_mass_g", kind="stable")
    z = (srt["error_g"] - srt["error_g"].median()) / 1.5
    check(abs(f["chart"]["score"] - tabular_cusum(z, 0.5)) < 1e-9, f"CUSUM along the reference mass: {f['chart']['score']}")
    check(f["points"]["score"] is None, "without tables the points have no error_g: no evidence")
    # the zero-tracking table's true load is ground truth: neither detectors nor the export see it
    e = fresh("scale-export")
    r = hb("export", run, "--out", e)
    check(r.returncode == 0, f"export of a run folder exits 0 ({r.stderr})")
    tab = pd.read_csv(os.path.join(e, "inputs/tables.csv"), dtype={"run": str})
    check(set(tab["table"]) >= {"weighing", "market_audit", "zero_tracking"}, f"tables.csv has the tables: {set(tab['table'])}")
    check(not tab["column"].str.startswith("true_").any(), "no ground-truth column among the exported tables")
    ex = tab[tab["table"] == "market_audit"].pivot(index="row", columns="column", values="value")
    check(len(ex) == len(a) and (abs(ex["error_g"].values - a["error_g"].values) <= 1e-9 * (1 + abs(a["error_g"].values))).all(), "the exported audit rows are the record's")
    # the corpus: every scenario's own procedure gives way to the same inspection (a null removes /procedure)
    spec = json.load(open(os.path.join(SRC, "scenarios/campaigns/scale_detection_corpus.json")))
    spec["monte_carlo"]["draws"] = 1
    spec["scenarios"] = [os.path.normpath(os.path.join(SRC, "scenarios/campaigns", x)) for x in spec["scenarios"]]
    spec.pop("$schema")
    small = os.path.join(WORK, "scale_corpus.json")
    json.dump(spec, open(small, "w"))
    c = fresh("scale-corpus")
    r = hb("campaign", small, "--out", c, "-j", "2", "--quiet")
    check(r.returncode in (0, 1), f"the scale corpus runs ({r.returncode}: {r.stderr[-300:]})")
    for n in os.listdir(os.path.join(c, "runs")):
        tests = {p["test"] for p in json.load(open(os.path.join(c, "runs", n)))["points"]}
        check(tests == {"weighing", "zero_setting", "tare", "irregular_loads"}, f"{n}: the corpus's inspection ({sorted(tests)})")


def case_field_recordings_sgcc_export_and_delay():
    """A field audit over several days: the profile repeats each period with the customer's scale
    and the day's variation; `export` sums the hourly consumption per day into the SGCC theft-set
    layout (CONS_NO, FLAG, one column per day), recomputed here from the records; a chart along
    the hours gives the detection delay, recomputed here from a crafted hourly error."""
    import pandas as pd
    week = json.load(open(os.path.join(SRC, "scenarios/meter/field/household_week.json")))
    base = os.path.join(SRC, "scenarios/meter/field")
    d = fresh("sgcc")
    os.makedirs(d)
    def scenario(name, **profile):
        sc = copy.deepcopy(week)
        sc["procedure"]["profile"].update(profile)
        sc["procedure"]["profile"]["csv"] = os.path.join(SRC, "scenarios/meter/profiles/household_day.csv")
        sc["expect"] = {}
        f = os.path.join(d, name + ".json")
        json.dump(sc, open(f, "w"))
        return f
    one = scenario("one", duration_s=86400, period_s=0, load_scale=1, daily_sd_pct=0)
    two = scenario("two", duration_s=2 * 86400, load_scale=0.5, daily_sd_pct=20)
    for name, f in (("one", one), ("two", two)):
        r = hb("run", f, "--out", os.path.join(d, "run-" + name), "--quiet")
        check(r.returncode == 0, f"the {name}-day field audit passes ({r.returncode}: {r.stderr[-300:]})")
    hour = lambda n: pd.read_csv(os.path.join(d, "run-" + n, "series", "field_profile_hourly.csv"))
    a, b = hour("one"), hour("two")
    check(len(a) == 24 and len(b) == 48, f"24 and 48 hourly rows ({len(a)}, {len(b)})")
    ratios = []
    for day in (0, 1):
        rr = b["true_energy_kwh"].values[24 * day:24 * day + 24] / a["true_energy_kwh"].values
        ratios.append(rr.mean())
        check(rr.std() / rr.mean() < 1e-3, f"day {day + 1}: every hour is the first day's times one factor (sd {rr.std():.2e})")
    check(all(0.5 * 0.4 < x < 0.5 * 1.6 for x in ratios) and abs(ratios[0] - ratios[1]) > 1e-3,
          f"each day is 0.5 times its own draw of the day's variation ({ratios})")
    # the layout, from a campaign of an honest meter and a theft
    spec = {"schema_version": 1, "name": "sgcc-small", "seed": 3,
            "scenarios": [two, os.path.join(SRC, "scenarios/meter/cheats/neutral_bypass.json")],
            "set": [{"pointer": "/device/fidelity", "value": "twin"},
                    {"pointer": "/procedure", "value": json.load(open(two))["procedure"]},
                    {"pointer": "/expect", "value": {}}]}
    cf = os.path.join(d, "campaign.json")
    json.dump(spec, open(cf, "w"))
    c = os.path.join(d, "corpus")
    r = hb("campaign", cf, "--out", c, "-j", "2", "--quiet")
    check(r.returncode in (0, 1), f"the small field corpus runs ({r.returncode}: {r.stderr[-300:]})")
    e = os.path.join(d, "export")
    r = hb("export", c, "--out", e, "--start-date", "2016-02-28")
    check(r.returncode == 0 and "SGCC layout: 2 customers, 2 days" in r.stderr, f"export writes the SGCC layout ({r.stderr})")
    sg = pd.read_csv(os.path.join(e, "sgcc", "sgcc.csv"), dtype={"CONS_NO": str})
    check(list(sg.columns) == ["CONS_NO", "FLAG", "2016-02-28", "2016-02-29"], f"SGCC columns: {list(sg.columns)}")
    truth = pd.read_csv(os.path.join(e, "truth", "truth.csv"), dtype={"run": str}).set_index("run")
    for _, row in sg.iterrows():
        rec = json.load(open(os.path.join(c, "runs", row["CONS_NO"] + ".json")))
        t = next(t for p in rec["points"] for t in p["tables"] if t["name"] == "hourly")
        h = pd.DataFrame(t["rows"], columns=t["columns"])
        days = h.groupby(h["hour_start_h"] // 24)["register_kwh"].sum()
        check(all(abs(row[col] - days.iloc[k]) < 1e-6 * days.iloc[k] for k, col in enumerate(sg.columns[2:])),
              f"{row['CONS_NO']}: the daily kWh are the record's hourly register readings summed per day")
        cf = h.groupby(h["hour_start_h"] // 24)["indicated_energy_kwh"].sum()
        check(all(abs(days - cf) <= 0.011), f"{row['CONS_NO']}: the register's days agree with the CF pulses' to a digit")
        flag = int(truth.loc[row["CONS_NO"], "class"] in MALICIOUS)
        check(row["FLAG"] == flag, f"{row['CONS_NO']}: FLAG {row['FLAG']} for class {truth.loc[row['CONS_NO'], 'class']}")
    check(sorted(sg["FLAG"]) == [0, 1], f"one honest customer and one thief ({list(sg['FLAG'])})")
    # bad input: a period shorter than the profile, and a date that does not exist
    bad = scenario("bad", duration_s=86400, period_s=3600)
    r = hb("run", bad, "--out", os.path.join(d, "run-bad"))
    check(r.returncode == 2 and bad + ":/procedure/profile/period_s" in r.stderr, f"a period shorter than the profile: {r.stderr.strip()}")
    r = hb("export", c, "--out", e, "--start-date", "2015-02-29")
    check(r.returncode == 2 and "--start-date" in r.stderr, f"a date that does not exist: {r.stderr.strip()}")
    # detection delay: the thief's hourly error steps by -0.15 % (3 sigma) at hour 10, where its
    # label starts. Centred on its first 8 hours, the CUSUM along the hours alarms some hours
    # after the step, and the delay is that time; centred on all 48 (most of them after the
    # step), it alarms before the onset, which the delay counts apart.
    onset_h = 10
    thief = sg.loc[sg["FLAG"] == 1, "CONS_NO"].iloc[0]
    f = os.path.join(c, "runs", thief + ".json")
    rec = json.load(open(f))
    t = next(t for p in rec["points"] for t in p["tables"] if t["name"] == "hourly")
    k = t["columns"].index("error_pct")
    for row in t["rows"]:
        row[k] = 0.01 * math.sin(row[0]) + (-0.15 if row[0] >= onset_h else 0.0)
    for p in rec["points"]:
        for lab in p["labels"]:
            lab["onset_s"] = onset_h * 3600.0
    json.dump(rec, open(f, "w"))
    det = os.path.join(d, "delay.json")
    chart = {"kind": "cusum", "tables": ["hourly"], "error": "error_pct", "sigma": 0.05, "k": 0.5, "h": 8,
             "order_by": "hour_start_h", "group_by": ""}
    json.dump({"schema_version": 1, "name": "delay", "detectors": [dict(chart, id="all"), dict(chart, id="first8", baseline=8)]},
              open(det, "w"))
    out = os.path.join(d, "delay")
    r = hb("detect", c, "--detectors", det, "--out", out, "--score", "--quiet")
    check(r.returncode == 0, f"detect --score on the field corpus ({r.stderr})")
    e_h = sorted((row[0], row[k]) for row in t["rows"])
    def first_alarm(centre):
        up = lo = 0.0
        for h, x in e_h:
            z = (x - centre) / 0.05
            up, lo = max(0.0, up + z - 0.5), max(0.0, lo - z - 0.5)
            if max(up, lo) >= 8:
                return h
        return None
    all_h = first_alarm(pd.Series([x for _, x in e_h]).median())
    base_h = first_alarm(pd.Series([x for _, x in e_h[:8]]).median())
    check(all_h is not None and all_h < onset_h, f"centred on all hours, the chart alarms before the step ({all_h})")
    check(base_h is not None and base_h > onset_h, f"centred on the first 8, some hours after it ({base_h})")
    fnd = {x["detector"]: x for x in json.load(open(os.path.join(out, "detections.json")))["findings"] if x["run"] == thief}
    check(fnd["all"]["alarm_point"] == {"quantity": "hour_start_h", "value": all_h}, f"alarm hour {fnd['all']['alarm_point']} is {all_h}")
    check(fnd["first8"]["alarm_point"] == {"quantity": "hour_start_h", "value": base_h},
          f"alarm hour {fnd['first8']['alarm_point']} is {base_h}")
    m = {x["detector"]: x["delay"] for x in json.load(open(os.path.join(out, "score.json")))["metrics"]}
    check(m["first8"] is not None and m["first8"]["runs"] == 1 and m["first8"]["median_s"] == ((base_h or 0) - onset_h) * 3600.0,
          f"the delay is {(base_h or 0) - onset_h} h from the onset: {m['first8']}")
    check(m["all"] is not None and m["all"]["runs"] == 0 and m["all"]["before_onset"] == 1, f"an alarm before the onset: {m['all']}")
    # consumption alone, the utility's view: the register's hourly readings summed per day and
    # charted in % of the first day. Crafted: five days of a daily shape, 5 % more each day, the
    # last two half, and the third day one reading short, which the chart leaves out
    t = next(t for p in rec["points"] for t in p["tables"] if t["name"] == "hourly")
    cols = t["columns"]
    rows = []
    for h in range(120):
        if h == 50:
            continue
        row = [0.0] * len(cols)
        row[cols.index("hour_start_h")], row[cols.index("hour_end_h")] = float(h), float(h + 1)
        row[cols.index("register_kwh")] = (1 + 0.5 * math.sin(h)) * (1 + 0.05 * (h // 24)) * (0.5 if h >= 72 else 1)
        rows.append(row)
    t["rows"] = rows
    det = os.path.join(d, "consumption.json")
    cons = {"tables": ["hourly"], "error": "register_kwh", "bin": 24, "relative": True, "sigma": 8,
            "order_by": "hour_end_h", "group_by": "", "baseline": 1, "guess": "THEFT"}
    json.dump({"schema_version": 1, "name": "consumption", "detectors": [
        dict(cons, id="cusum", kind="cusum", k=0.5, h=4), dict(cons, id="ewma", kind="ewma", L=3),
        dict(cons, id="plain", kind="cusum", relative=False, sigma=1, k=0.5, h=4)]}, open(det, "w"))
    one = fresh("consumption")
    os.makedirs(one)
    json.dump(rec, open(os.path.join(one, "result.json"), "w"))
    out = os.path.join(one, "detect")
    r = hb("detect", one, "--detectors", det, "--out", out, "--quiet")
    check(r.returncode == 0, f"detect on the crafted consumption ({r.stderr})")
    fnd = {x["detector"]: x for x in json.load(open(os.path.join(out, "detections.json")))["findings"]}
    h = pd.DataFrame(rows, columns=cols)
    by_day = h.groupby(h["hour_end_h"].apply(lambda x: math.ceil(x / 24) * 24))["register_kwh"].agg(["sum", "count"])
    days = by_day[by_day["count"] == 24]["sum"]
    check(list(days.index) == [24, 48, 96, 120], f"the short day is left out ({list(days.index)})")
    z = (days / days.iloc[0] - 1) * 100 / 8
    up = lo = 0.0
    alarm_h = None
    for x, v in z.items():
        up, lo = max(0.0, up + v - 0.5), max(0.0, lo - v - 0.5)
        if alarm_h is None and max(up, lo) >= 4:
            alarm_h = x
    check(abs(fnd["cusum"]["score"] - tabular_cusum(z.values, 0.5)) < 1e-9,
          f"the daily CUSUM in % of the first day: {fnd['cusum']['score']} and {tabular_cusum(z.values, 0.5)}")
    check(fnd["cusum"]["alarm"] and fnd["cusum"]["guess"] == "THEFT" and -45 < fnd["cusum"]["magnitude"] < -35
          and fnd["cusum"]["magnitude_unit"] == "%", f"a drop of about 41 % is a THEFT alarm in % ({fnd['cusum']})")
    check(fnd["cusum"]["alarm_point"] == {"quantity": "hour_end_h", "value": alarm_h},
          f"it alarms when the day's reading exists: {fnd['cusum']['alarm_point']} and {alarm_h}")
    w, best, sd = 0.0, 0.0, math.sqrt(0.2 / 1.8)
    for v in z.values:
        w = 0.8 * w + 0.2 * v
        best = max(best, abs(w) / sd)
    check(abs(fnd["ewma"]["score"] - best) < 1e-9, f"the daily EWMA: {fnd['ewma']['score']} and {best}")
    zp = (days - days.iloc[0]) / 1
    check(abs(fnd["plain"]["score"] - tabular_cusum(zp.values, 0.5)) < 1e-9, f"without relative, in kWh: {fnd['plain']['score']}")


def case_bad_input_names_file_and_pointer():
    rec = base_run()
    d = fresh("bad")
    os.makedirs(d)
    cases = []
    r = copy.deepcopy(rec)
    r["points"][1]["values"]["error_pct"] = "high"
    cases.append((r, "/points/1/values/error_pct"))
    r = copy.deepcopy(rec)
    del r["device"]["type"]
    cases.append((r, "/device/type"))
    r = copy.deepcopy(rec)
    r["points"][0]["audit_trail"][0]["sequence"] = -3
    cases.append((r, "/points/0/audit_trail/0"))
    for i, (r, ptr) in enumerate(cases):
        f = os.path.join(d, f"r{i}")
        os.makedirs(f)
        json.dump(r, open(os.path.join(f, "result.json"), "w"))
        p = hb("detect", f, "--detectors", DETECTORS)
        check(p.returncode == 2 and ptr in p.stderr and "result.json" in p.stderr,
              f"a bad record is bad input naming {ptr}: exit {p.returncode}, {p.stderr.strip()}")
    f = os.path.join(d, "trunc")
    os.makedirs(f)
    open(os.path.join(f, "result.json"), "w").write(json.dumps(rec)[:500])
    p = hb("detect", f, "--detectors", DETECTORS)
    check(p.returncode == 2 and "result.json" in p.stderr, f"a truncated record is bad input: {p.stderr.strip()}")
    bad = os.path.join(d, "det.json")
    json.dump({"schema_version": 1, "name": "x", "detectors": [{"id": "a", "kind": "bias"}, {"id": "a", "kind": "threshold"}]},
              open(bad, "w"))
    p = hb("detect", f, "--detectors", bad)
    check(p.returncode == 2 and bad + ":/detectors/1/id" in p.stderr, f"a repeated id is named: {p.stderr.strip()}")
    json.dump({"schema_version": 1, "name": "x", "detectors": [{"id": "i", "kind": "integrity", "tables": ["weighing"]}]}, open(bad, "w"))
    p = hb("detect", f, "--detectors", bad)
    check(p.returncode == 2 and bad + ":/detectors/0/tables" in p.stderr, f"tables on an integrity detector are named: {p.stderr.strip()}")
    json.dump({"schema_version": 1, "name": "x", "detectors": [{"id": "b", "kind": "bias", "guess_if_positive": "THEFT"}]}, open(bad, "w"))
    p = hb("detect", f, "--detectors", bad)
    check(p.returncode == 2 and bad + ":/detectors/0/guess_if_positive" in p.stderr, f"guess_if_positive on a bias is named: {p.stderr.strip()}")
    json.dump({"schema_version": 1, "name": "x", "detectors": [{"id": "b", "kind": "bias"},
                                                                  {"id": "f", "kind": "fusion", "inputs": ["b"], "only_where_zero": "x"}]},
              open(bad, "w"))
    p = hb("detect", f, "--detectors", bad)
    check(p.returncode == 2 and bad + ":/detectors/1/only_where_zero" in p.stderr, f"only_where_zero on a fusion is named: {p.stderr.strip()}")
    json.dump({"schema_version": 1, "name": "x", "detectors": [{"id": "b", "kind": "bias", "bin": 24}]}, open(bad, "w"))
    p = hb("detect", f, "--detectors", bad)
    check(p.returncode == 2 and bad + ":/detectors/0/bin" in p.stderr, f"bins on a bias detector are named: {p.stderr.strip()}")
    json.dump({"schema_version": 1, "name": "x", "detectors": [{"id": "f", "kind": "fusion", "inputs": ["later"]}]}, open(bad, "w"))
    p = hb("detect", f, "--detectors", bad)
    check(p.returncode == 2 and "/detectors/0/inputs/0" in p.stderr, f"an unknown input is named: {p.stderr.strip()}")
    # an event no device logs would never alarm: "tamper" is not the meter's "tamper_start"
    json.dump({"schema_version": 1, "name": "x", "detectors": [
        {"id": "i", "kind": "integrity", "sealed_after": ["power_on"], "alarm_events": ["unexpected_calibration_write", "tamper"]}]},
        open(bad, "w"))
    p = hb("detect", f, "--detectors", bad)
    check(p.returncode == 2 and bad + ":/detectors/0/alarm_events/1" in p.stderr and "tamper_start" in p.stderr,
          f"an event no device logs is named, with the nearest: {p.stderr.strip()}")
    json.dump({"schema_version": 1, "name": "x", "detectors": [{"id": "i", "kind": "integrity", "sealed_after": ["poweron"]}]},
              open(bad, "w"))
    p = hb("detect", f, "--detectors", bad)
    check(p.returncode == 2 and bad + ":/detectors/0/sealed_after/0" in p.stderr, f"so is a sealing event: {p.stderr.strip()}")
    p = hb("detect", os.path.join(d, "nowhere"), "--detectors", DETECTORS)
    check(p.returncode == 2 and "expected a run folder" in p.stderr, f"a folder that is neither is bad input: {p.stderr.strip()}")
    ok = os.path.join(d, "ok")
    os.makedirs(ok)
    json.dump(rec, open(os.path.join(ok, "result.json"), "w"))
    if os.geteuid() != 0:
        ro = os.path.join(d, "ro")
        os.makedirs(ro)
        os.chmod(ro, 0o500)
        p = hb("detect", ok, "--detectors", DETECTORS, "--out", os.path.join(ro, "x"))
        check(p.returncode == 2, f"an unwritable output folder is bad input (exit {p.returncode})")
    p = hb("detect", ok, "--detectors", DETECTORS, "--out", "/proc/hilbench-no")
    check(p.returncode == 2 and "/proc/hilbench-no" in p.stderr, f"an output folder that cannot be made is bad input: {p.stderr.strip()}")


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
