"""Benchmark: `timeline` over five years for one applicant, in process and
warm (median over 20 runs; target: 1 s or less), and the cold time of the
command.

Run: .venv/bin/python benchmarks/bench_timeline.py [--runs 20] [FILE]
The figures go into the issue notes; this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time
from pathlib import Path

from pypermit import load_applicant, timeline

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 1000.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default=str(ROOT / "examples" / "chancen_holder_to_25b.yaml"))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    applicant = load_applicant(args.file)
    result = timeline(applicant)              # warm: imports, the rules read once
    ms = []
    for _ in range(args.runs):
        start = time.perf_counter()
        timeline(applicant)
        ms.append((time.perf_counter() - start) * 1000)
    median = statistics.median(ms)
    print(f"timeline {applicant.as_of} → {result.until}, {len(result.events)} events, {Path(args.file).name}")
    print(f"timeline, five years (warm)  median {median:7.2f} ms   max {max(ms):7.2f} ms   (n={len(ms)})   "
          f"target ≤ {TARGET_MS:.0f} ms: {'ok' if median <= TARGET_MS else 'MISSED'}")
    cold = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "pypermit"), "timeline", args.file, "--format", "json"],
                       check=True, capture_output=True)
        cold.append((time.perf_counter() - start) * 1000)
    print(f"pypermit timeline, cold process  median {statistics.median(cold):7.2f} ms   (n={len(cold)})")


if __name__ == "__main__":
    main()
