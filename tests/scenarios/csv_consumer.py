#!/usr/bin/env python3
"""The run's CSV files as a researcher reads them, with Debian's python3-pandas.

1. labels.csv is RFC 4180: a cheat id with a comma and quotes comes back from pandas exactly,
   and every row has the header's field count.
2. Every CSV of the given run folders reads with pandas into a rectangular table; every column
   of a series and of labels.csv is documented in reports/README.md; no placeholder stands
   in for a missing value (-1 for an MPE, a limit or a price, 1e6 or more for an open bound).

Usage: csv_consumer.py <hilbench> <source-dir> <work-dir> <run-dir>...; exit 77 without pandas.
"""
import csv
import glob
import json
import os
import re
import subprocess
import sys

try:
    import pandas as pd
except ImportError:
    print("skipped: python3-pandas is not installed")
    sys.exit(77)

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def rectangular(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return all(len(r) == len(rows[0]) for r in rows)


def main():
    hilbench, src, work, *runs = sys.argv[1:]
    os.makedirs(work, exist_ok=True)

    # 1. a cheat id and a scenario name that need quoting
    with open(os.path.join(src, "scenarios/meter/cheats/ct_magnet.json")) as f:
        sc = json.load(f)
    cheat_id = 'magnet, "N52" grade'
    sc["cheats"][0]["id"] = cheat_id
    sc["expect"]["labels"] = {cheat_id: "TAMPER"}
    scenario = os.path.join(work, "quoted.json")
    with open(scenario, "w") as f:
        json.dump(sc, f)
    out = os.path.join(work, "quoted")
    rc = subprocess.run([hilbench, "run", scenario, "-q", "-j", "2", "--check-expect", "--out", out]).returncode
    check(rc == 0, f"the quoted-id scenario should meet its expectation, exit {rc}")
    labels_csv = os.path.join(out, "labels.csv")
    if not os.path.exists(labels_csv):
        print(f"FAIL: the run wrote no {labels_csv}")
        return 1
    labels = pd.read_csv(labels_csv)
    check(list(labels["id"].unique()) == [cheat_id], f"labels.csv ids read back as {list(labels['id'].unique())}")
    check(list(labels["scenario"].unique()) == [sc["name"]], f"scenario read back as {list(labels['scenario'])}")
    check(list(labels["point"]) == ["pf1_Ib", "pf1_Imax"], f"points read back as {list(labels['point'])}")
    check(list(labels["label"].unique()) == ["TAMPER"], "the label column stays in place")
    check(rectangular(labels_csv), "labels.csv rows have the header's field count")
    check(labels["onset_s"].dtype.kind == "f", "onset_s reads as numbers")
    print(f"labels.csv: {len(labels)} rows, id {labels['id'][0]!r}")

    # 2. every CSV of the runs
    readme = open(os.path.join(src, "reports/README.md")).read()
    documented = set(re.findall(r"`([a-z0-9_]+)`", readme))
    files = 0
    for run in runs + [out]:
        for path in glob.glob(os.path.join(run, "**", "*.csv"), recursive=True):
            files += 1
            name = os.path.relpath(path, run)
            try:
                df = pd.read_csv(path)
            except Exception as e:  # noqa: BLE001 (a CSV pandas cannot read is the finding)
                failures.append(f"{name}: pandas cannot read it: {e}")
                continue
            check(rectangular(path), f"{name}: ragged rows")
            if os.path.basename(path) != "points.csv":
                for col in df.columns:
                    check(col in documented, f"{name}: column {col} is not in reports/README.md")
            for col in df.columns:
                if df[col].dtype.kind not in "fi":
                    continue
                values = df[col].dropna()
                if col.startswith("mpe") or "limit" in col or "price" in col:
                    check(not (values == -1).any(), f"{name}: {col} holds -1")
                if col.startswith("hi_") or col.startswith("lo_"):
                    check(not (values >= 1e6).any(), f"{name}: {col} holds a placeholder bound")
    check(files > 10, f"only {files} CSV files")
    print(f"{files} CSV files read with pandas {pd.__version__}")

    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
