#!/usr/bin/env python3
"""junit.xml as a CI reads it, with Debian's python3-junitparser.

Runs a scenario whose points fail on purpose (its `expect` says so) three ways and reads each
junit.xml with junitparser:
  1. judged by the verdicts: one testsuite named after the standard with timestamp, hostname,
     time and a simulated_s property; a testcase per point, classname <standard>.<test>; every
     failing point a <failure> whose message states the value against the limit;
  2. with --check-expect and the expectation met: exit 0 and not one failure or error;
  3. with --check-expect and an expectation that is not met (one point's expected verdict
     flipped): exit 1, and that point's testcase fails with "expected pass, got fail".
In every case the JUnit is green exactly when the exit code is 0.

Usage: junit_consumer.py <hilbench> <scenario> <work-dir>; exit 77 without junitparser.
"""
import json
import os
import re
import subprocess
import sys

try:
    from junitparser import JUnitXml, Failure, Error
except ImportError:
    print("skipped: python3-junitparser is not installed")
    sys.exit(77)

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def run(hilbench, scenario, out, *flags):
    rc = subprocess.run([hilbench, "run", scenario, "-q", "-j", "2", "--out", out, *flags],
                        stdout=subprocess.DEVNULL).returncode
    xml = JUnitXml.fromfile(os.path.join(out, "junit.xml"))
    suites = list(xml) if isinstance(xml, JUnitXml) else [xml]
    cases = [c for s in suites for c in s]
    red = [c for c in cases if any(isinstance(r, (Failure, Error)) for r in c.result)]
    check((rc == 0) == (not red), f"{out}: exit code {rc} but {len(red)} red testcases")
    return rc, suites, cases, red


def main():
    hilbench, scenario, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    with open(scenario) as f:
        sc = json.load(f)

    rc, suites, cases, red = run(hilbench, scenario, os.path.join(work, "verdicts"))
    result = json.load(open(os.path.join(work, "verdicts", "result.json")))
    standard = result["procedure"]["standard"]
    failing = {p["id"] for p in result["points"] if p["verdict"] == "fail"}
    check(rc == 1, f"judged by the verdicts the run should exit 1, got {rc}")
    check(len(suites) == 1 and suites[0].name == standard, f"one testsuite named {standard}")
    suite = suites[0]
    check(bool(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", suite.timestamp or "")), f"timestamp {suite.timestamp!r}")
    check(bool(suite.hostname), "a hostname")
    check(suite.time is not None and suite.time >= 0, "a wall time")
    props = {p.name: p.value for p in suite.properties()}
    check(float(props.get("simulated_s", "0")) > 0, f"simulated_s property: {props}")
    check(len(cases) == len(result["points"]), f"{len(cases)} testcases for {len(result['points'])} points")
    for c in cases:
        check(c.classname.startswith(standard + "."), f"classname {c.classname}")
    check({c.name for c in red} == failing, f"red testcases {sorted(c.name for c in red)} vs failing points {sorted(failing)}")
    for c in red:
        message = c.result[0].message or ""
        check(re.search(r"-?\d+(\.\d+)? %.*\(limit ", message) is not None,
              f"{c.name}: the failure message states no value against a limit: {message!r}")
    print(f"verdicts: exit {rc}, {len(red)} failures of {len(cases)}, e.g. {red[0].result[0].message!r}" if red else "")

    rc, suites, cases, red = run(hilbench, scenario, os.path.join(work, "expect"), "--check-expect")
    check(rc == 0, f"with the expectation met the run should exit 0, got {rc}")
    check(not red, f"with the expectation met no testcase is red: {[c.name for c in red]}")
    check(any(c.name == "expectation" for c in cases), "an expectation testcase")
    print(f"--check-expect, met: exit {rc}, {len(red)} red of {len(cases)}")

    flipped = sorted(failing)[0]
    sc["expect"]["points"][flipped] = "pass"
    unmet = os.path.join(work, "unmet.json")
    with open(unmet, "w") as f:
        json.dump(sc, f)
    rc, suites, cases, red = run(hilbench, unmet, os.path.join(work, "unmet"), "--check-expect")
    check(rc == 1, f"with the expectation not met the run should exit 1, got {rc}")
    check([c.name for c in red] == [flipped], f"only {flipped} is red: {[c.name for c in red]}")
    if red:
        check((red[0].result[0].message or "").startswith("expected pass, got fail"), red[0].result[0].message)
    print(f"--check-expect, not met: exit {rc}, red: {[c.name for c in red]}")

    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
