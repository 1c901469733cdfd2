"""Benchmark: in-process time per applicant (warm, median over many
applicants) for the six-norm evaluation, with and without the unlock
search, with five unknown facts (the three-valued report with its
questions), the cold time of `pypermit check` on an example, and the time
of `pypermit verify`.

Run: .venv/bin/python benchmarks/bench_check.py [--n 300]
The figures go into the issue notes; this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from applicants import random_applicants  # noqa: E402

from pypermit import evaluate  # noqa: E402


def timed(fn, items) -> list[float]:
    out = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        out.append(time.perf_counter() - start)
    return out


def summary(label: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    print(f"{label:<38} median {statistics.median(ms):7.2f} ms   "
          f"p90 {ms[int(len(ms) * 0.9)]:7.2f} ms   max {ms[-1]:7.2f} ms   (n={len(ms)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--verify", action="store_true", help="also time pypermit verify")
    args = parser.parse_args()
    people = random_applicants(random.Random(20261121), args.n)
    evaluate(people[0], unlock=False)            # warm: imports, the rules read once
    summary("check, six norms (warm)", timed(lambda a: evaluate(a, unlock=False), people))
    summary("check with unlock, six norms (warm)", timed(evaluate, people))
    summary("five unknown facts, with questions (warm)", timed(evaluate, [with_unknowns(a) for a in people]))
    example = ROOT / "examples" / "duldung_almost_25b.yaml"
    cold = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "pypermit"), "check", str(example), "--format", "json"],
                       check=True, capture_output=True)
        cold.append(time.perf_counter() - start)
    summary("pypermit check, cold process", cold)
    if args.verify:
        start = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "pypermit"), "verify"], check=True, capture_output=True)
        print(f"{'pypermit verify':<38} {time.perf_counter() - start:7.1f} s")


#: The facts an adviser most often does not know yet.
UNKNOWN = ("german", "civics_test", "identity.clarified", "livelihood.own_share", "household.living_space_sqm")


def with_unknowns(applicant: dict) -> dict:
    """The applicant with five facts unknown."""
    out = {**applicant, "identity": dict(applicant["identity"]), "livelihood": dict(applicant["livelihood"]),
           "household": dict(applicant["household"])}
    for path in UNKNOWN:
        section, _, field = path.rpartition(".")
        (out[section] if section else out)[field] = "unknown"
    return out


if __name__ == "__main__":
    main()
