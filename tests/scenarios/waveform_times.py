#!/usr/bin/env python3
"""The FST waveforms carry simulated time in both fidelities.

Runs one point of each family in bit and in sample fidelity with `--trace fst`, converts the
waveforms with GTKWave's fst2vcd (an independent FST reader) and checks that both end at the
waveform window, and that the front end's conversions happen at the same simulated times:
  - meter: every decimated sample of the bit-level front end (a rising o_sample_strobe) has a
    clock edge of the sample-level front end within one modulator clock;
  - scale: the ADC's o_conv_valid rises at the same times (within 1 ms) in both fidelities;
  - dispenser (bit fidelity): one file holds both chips, the controller (scope pf) and the
    encoder (scope pe); the encoder enables its pulses once, after the mutual authentication,
    and the controller's A pin then carries the wetting fill's pulses.

Usage: waveform_times.py <hilbench> <source-dir> <work-dir>; exit 77 (skipped) without fst2vcd.
"""
import json
import os
import shutil
import subprocess
import sys


def vcd_scopes(path):
    """The names of the top-level scopes of a VCD file."""
    depth, tops = 0, []
    with open(path) as f:
        for line in f:
            if line.startswith("$scope"):
                if depth == 0:
                    tops.append(line.split()[2])
                depth += 1
            elif line.startswith("$upscope"):
                depth -= 1
            elif line.startswith("$enddefinitions"):
                break
    return tops


def vcd_rising_edges(path, names):
    """The end time (s) of a VCD file and the rising-edge times (s) of the named 1-bit signals."""
    scale = None
    ids, last, edges, t = {}, {}, {n: [] for n in names}, 0
    with open(path) as f:
        lines = iter(f)
        for line in lines:
            line = line.strip()
            if line.startswith("$timescale"):
                text = line[len("$timescale"):].replace("$end", "").strip() or next(lines).strip()
                units = {"s": 1, "ms": 1e-3, "us": 1e-6, "ns": 1e-9, "ps": 1e-12, "fs": 1e-15}
                number = text.rstrip("munpfs").strip() or "1"
                scale = float(number) * units[text[len(number):].strip()]
            elif line.startswith("$var"):
                parts = line.split()
                if parts[4] in names and parts[3] not in ids:
                    ids[parts[3]] = parts[4]
            elif line.startswith("#"):
                t = int(line[1:])
            elif len(line) > 1 and line[0] in "01" and line[1:] in ids:
                name, value = ids[line[1:]], int(line[0])
                if last.get(name) == 0 and value == 1:
                    edges[name].append(t * scale)
                last[name] = value
    assert scale is not None, f"{path}: no $timescale"
    return t * scale, edges


def run(hilbench, scenario, fidelity, out):
    subprocess.run([hilbench, "run", scenario, "--fidelity", fidelity, "--trace", "fst", "-q", "-j", "1",
                    "--out", out], check=False, stdout=subprocess.DEVNULL)


def waveform(hilbench, work, source, point, window_s, fidelity, name):
    scenario = os.path.join(work, f"{name}.json")
    with open(source) as f:
        sc = json.load(f)
    sc["procedure"]["points"] = [point]
    sc.setdefault("outputs", {})["waveform_window_s"] = window_s
    sc.pop("expect", None)
    with open(scenario, "w") as f:
        json.dump(sc, f)
    out = os.path.join(work, f"{name}-{fidelity}")
    run(hilbench, scenario, fidelity, out)
    fst = os.path.join(out, "waves", point + ".fst")
    assert os.path.exists(fst), f"no waveform {fst}"
    vcd = os.path.join(work, f"{name}-{fidelity}.vcd")
    with open(vcd, "w") as f:
        subprocess.run(["fst2vcd", fst], check=True, stdout=f, stderr=subprocess.DEVNULL)
    return vcd


def main():
    hilbench, src, work = sys.argv[1:4]
    if shutil.which("fst2vcd") is None:
        print("skipped: fst2vcd (Debian gtkwave) is not installed")
        return 77
    os.makedirs(work, exist_ok=True)
    failures = []

    # the meter: 50 ms; samples at 3200 Hz, modulator clock 819.2 kHz
    window, clock, sample_rate = 0.05, 819200.0, 3200.0
    src_meter = os.path.join(src, "scenarios/meter/class1_type_approval.json")
    bit = vcd_rising_edges(waveform(hilbench, work, src_meter, "pf1_Imax", window, "bit", "meter"),
                           ["o_sample_strobe", "clk"])
    smp = vcd_rising_edges(waveform(hilbench, work, src_meter, "pf1_Imax", window, "sample", "meter"),
                           ["o_sample_strobe", "clk"])
    for fid, (end, _) in (("bit", bit), ("sample", smp)):
        if not window <= end <= window + 1 / sample_rate:
            failures.append(f"meter {fid} fidelity: the waveform ends at {end:.6f} s, expected {window} s")
    strobes, clocks = bit[1]["o_sample_strobe"], smp[1]["clk"]
    if len(strobes) < window * sample_rate - 1:
        failures.append(f"meter bit fidelity: {len(strobes)} decimated samples in {window} s")
    unmatched = [t for t in strobes if min((abs(t - c) for c in clocks), default=1) > 1 / clock]
    if unmatched:
        failures.append(f"meter: {len(unmatched)} of {len(strobes)} bit-level samples have no sample-level clock "
                        f"edge at their time (first at {unmatched[0]:.6f} s)")
    print(f"meter: bit ends {bit[0]:.6f} s with {len(strobes)} samples; sample ends {smp[0]:.6f} s with "
          f"{len(clocks)} clock edges")

    # the scale: 350 ms; the ADC converts at 10 Hz
    window = 0.35
    src_scale = os.path.join(src, "scenarios/scale/class3_bit_fidelity.json")
    bit = vcd_rising_edges(waveform(hilbench, work, src_scale, "zero_setting_accuracy", window, "bit", "scale"),
                           ["o_conv_valid"])
    smp = vcd_rising_edges(waveform(hilbench, work, src_scale, "zero_setting_accuracy", window, "sample", "scale"),
                           ["o_conv_valid"])
    for fid, (end, _) in (("bit", bit), ("sample", smp)):
        if not window - 0.1 <= end <= window:
            failures.append(f"scale {fid} fidelity: the waveform ends at {end:.6f} s, expected within "
                            f"the last 0.1 s of {window} s")
    a, b = bit[1]["o_conv_valid"], smp[1]["o_conv_valid"]
    if len(a) < 3 or len(a) != len(b) or any(abs(x - y) > 1e-3 for x, y in zip(a, b)):
        failures.append(f"scale: conversions at {[round(x, 6) for x in a]} s (bit) and {[round(x, 6) for x in b]} s "
                        "(sample)")
    print(f"scale: conversions at {[round(x, 6) for x in a]} s (bit) and {[round(x, 6) for x in b]} s (sample)")

    # the dispenser: the first 3 s of the Qmax point in bit fidelity (the wetting fill starts at 1 s)
    window = 3.0
    src_fd = os.path.join(src, "scenarios/dispenser/conforming_type_approval.json")
    vcd = waveform(hilbench, work, src_fd, "accuracy_qmax", window, "bit", "dispenser")
    scopes = vcd_scopes(vcd)
    end, edges = vcd_rising_edges(vcd, ["o_pulse_enable", "i_pin_a"])
    if sorted(scopes) != ["pe", "pf"]:
        failures.append(f"dispenser: top scopes {scopes}, expected the controller (pf) and the encoder (pe)")
    if not window - 0.01 <= end <= window + 0.01:
        failures.append(f"dispenser: the waveform ends at {end:.6f} s, expected {window} s")
    enable, pulses = edges["o_pulse_enable"], edges["i_pin_a"]
    if len(enable) != 1:
        failures.append(f"dispenser: the encoder enabled its pulses {len(enable)} times, expected once")
    elif not pulses or min(pulses) < enable[0] or len(pulses) < 50:
        failures.append(f"dispenser: {len(pulses)} A pulses, first at {min(pulses, default=-1):.6f} s, "
                        f"the encoder enabled at {enable[0]:.6f} s")
    print(f"dispenser: scopes {scopes}; encoder enabled at {enable} s; {len(pulses)} A pulses by {end:.3f} s")

    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
