#!/usr/bin/env python3
"""Load a labelled corpus exported by `hilbench export <campaign-dir> --out DIR` with pandas.

    python3 load_corpus.py DIR

It reads the three parts apart: inputs/ (what a detector may see), truth/ and labels/ (what
scoring may see), and split.csv (train or test by seed). Then, as an example of use, it builds
per-run features from the inputs alone, picks a threshold on the training runs for at most 5 %
false alarms, and reports the detection and false-alarm rates on the test runs.
"""
import sys

import pandas as pd

MALICIOUS = {"CHEAT", "THEFT", "TAMPER"}


def load(folder):
    """The corpus as DataFrames, keyed by name; `run` joins them."""
    read = lambda path: pd.read_csv(f"{folder}/{path}", dtype={"run": str}, keep_default_na=False, na_values=[""])
    return {
        "devices": read("inputs/devices.csv"),
        "points": read("inputs/points.csv"),
        "quantities": read("inputs/quantities.csv"),
        "checks": read("inputs/checks.csv"),
        "audit_trail": read("inputs/audit_trail.csv"),
        "tables": read("inputs/tables.csv"),
        "truth": read("truth/truth.csv"),
        "labels": read("labels/labels.csv"),
        "split": read("split.csv"),
    }


def features(c):
    """Per run, from the inputs alone: the error's mean, spread and extremes over the points, and
    the parameter writes after the factory's."""
    q = c["quantities"]
    err = q[(q["kind"] == "value") & (q["name"] == "error_pct")].groupby("run")["value"]
    f = pd.DataFrame({"error_mean": err.mean(), "error_sd": err.std(), "error_min": err.min(), "error_max": err.max()})
    a = c["audit_trail"]
    writes = a[(a["kind"] == "parameter_change") & (a["source"] != "factory")].groupby("run").size()
    f["writes"] = writes.reindex(f.index, fill_value=0)
    return f.reindex(c["devices"]["run"]).fillna({"writes": 0})


def main(folder):
    c = load(folder)
    f = features(c).join(c["split"].set_index("run")["split"]).join(c["truth"].set_index("run")["class"])
    f["positive"] = f["class"].isin(MALICIOUS)
    f["score"] = f["error_mean"].abs().fillna(float("inf")) + 10 * f["writes"]
    train, test = f[f["split"] == "train"], f[f["split"] == "test"]
    neg = train.loc[~train["positive"], "score"].sort_values()
    threshold = neg.quantile(0.95, interpolation="higher") if len(neg) else float("inf")
    alarm = test["score"] > threshold
    dr = (alarm & test["positive"]).sum() / max(1, test["positive"].sum())
    far = (alarm & ~test["positive"]).sum() / max(1, (~test["positive"]).sum())
    print(f"runs {len(f)}: train {len(train)}, test {len(test)}")
    print("classes: " + ", ".join(f"{k} {v}" for k, v in f["class"].value_counts().sort_index().items()))
    print(f"threshold on |mean error| + 10 x writes, from the training runs: {threshold:.4g}")
    print(f"test: detection rate {dr:.3f}, false-alarm rate {far:.3f}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
