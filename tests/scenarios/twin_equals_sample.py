#!/usr/bin/env python3
"""twin_equals_sample.py <hilbench> <scenario> <its sample run's folder> <work folder>

Runs a bundled scenario in `twin` fidelity and compares its result.json with the scenario's own
`sample` run (the scenario.* test's output): byte-identical outside `meta` and the fidelity.
Exit 77 (skipped) when the scenario does not run in sample or its device has no twin fidelity."""
import json
import subprocess
import sys

hilbench, scenario, sample_dir, work = sys.argv[1:5]
doc = json.load(open(scenario))
fidelity = doc["device"].get("fidelity", "sample")
if fidelity != "sample":
    print(f"skipped: the scenario runs in {fidelity} fidelity")
    sys.exit(77)
described = json.loads(subprocess.run([hilbench, "describe", doc["device"]["type"], "--json"],
                                      capture_output=True, text=True, check=True).stdout)
if "twin" not in described["fidelities"]:
    print(f"skipped: {doc['device']['type']} has no twin fidelity")
    sys.exit(77)
r = subprocess.run([hilbench, "run", scenario, "--fidelity", "twin", "--quiet", "--jobs", "2", "--out", work],
                   capture_output=True, text=True)
if r.returncode not in (0, 1):
    print(f"the twin run failed: exit {r.returncode}: {r.stderr}")
    sys.exit(1)


def canonical(path):
    j = json.load(open(path))
    j.pop("meta", None)
    assert j["device"].pop("fidelity") in ("sample", "twin")
    return json.dumps(j, sort_keys=True)


a, b = canonical(f"{sample_dir}/result.json"), canonical(f"{work}/result.json")
if a != b:
    x, y = json.loads(a), json.loads(b)
    diffs = [k for k in x if x[k] != y.get(k)]
    print(f"twin and sample differ outside meta and fidelity, in: {diffs}")
    sys.exit(1)
print(f"twin = sample: {len(json.loads(a)['points'])} points identical")
