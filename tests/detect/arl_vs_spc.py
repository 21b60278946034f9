#!/usr/bin/env python3
"""hilbench's CUSUM and EWMA average run lengths against R's spc package (Knoth), an
independent implementation: two-sided charts, in control and at 0.5, 1 and 2 sigma shifts,
over a grid of designs. Every ARL must agree within 2 %. Skips (77) when R or spc is absent.

usage: arl_vs_spc.py <hilbench>
"""
import json
import shutil
import subprocess
import sys

TOLERANCE = 0.02
SHIFTS = [0.0, 0.5, 1.0, 2.0]
CUSUM = [(k, h) for k in (0.25, 0.5, 1.0) for h in (3.0, 4.0, 5.0, 8.0)]
EWMA = [(lam, L) for lam in (0.05, 0.1, 0.2, 0.5) for L in (2.5, 2.7, 3.0)]


def r_values():
    """Every ARL from R, in the order of the grid: one Rscript call."""
    lines = ["suppressMessages(library(spc))", "v <- c()"]
    for k, h in CUSUM:
        for mu in SHIFTS:
            lines.append(f'v <- c(v, xcusum.arl({k}, {h}, {mu}, sided="two"))')
    for lam, L in EWMA:
        for mu in SHIFTS:
            lines.append(f'v <- c(v, xewma.arl({lam}, {L}, {mu}, sided="two"))')
    lines.append('cat(sprintf("%.10g", v), sep="\\n")')
    out = subprocess.run(["Rscript", "-e", "\n".join(lines)], capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError("Rscript failed: " + out.stderr[-500:])
    return [float(x) for x in out.stdout.split()]


def ours(hilbench):
    vals = []
    shift_args = ["--shift"] + [str(s) for s in SHIFTS]
    for k, h in CUSUM:
        out = subprocess.run([hilbench, "arl", "cusum", "--k", str(k), "--h", str(h), "--json"] + shift_args,
                             capture_output=True, text=True, check=True)
        vals += [row["arl"] for row in json.loads(out.stdout)["arl"]]
    for lam, L in EWMA:
        out = subprocess.run([hilbench, "arl", "ewma", "--lambda", str(lam), "--L", str(L), "--json"] + shift_args,
                             capture_output=True, text=True, check=True)
        vals += [row["arl"] for row in json.loads(out.stdout)["arl"]]
    return vals


def main():
    hilbench = sys.argv[1]
    if shutil.which("Rscript") is None:
        print("skipped: Rscript is not installed (apt-get install r-cran-spc)")
        return 77
    probe = subprocess.run(["Rscript", "-e", "library(spc)"], capture_output=True, text=True)
    if probe.returncode != 0:
        print("skipped: R has no spc package (apt-get install r-cran-spc)")
        return 77
    r = r_values()
    h = ours(hilbench)
    labels = [f"cusum k={k} h={hh} shift={mu}" for k, hh in CUSUM for mu in SHIFTS] + \
             [f"ewma lambda={lam} L={L} shift={mu}" for lam, L in EWMA for mu in SHIFTS]
    assert len(r) == len(h) == len(labels), (len(r), len(h), len(labels))
    worst = 0.0
    bad = []
    for name, a, b in zip(labels, h, r):
        rel = abs(a - b) / b
        worst = max(worst, rel)
        if rel > TOLERANCE:
            bad.append(f"{name}: hilbench {a:.6g}, spc {b:.6g} ({100 * rel:.2f} %)")
    print(f"{len(labels)} ARLs compared with R spc; largest relative difference {100 * worst:.4f} %")
    for line in bad:
        print("MISMATCH", line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
