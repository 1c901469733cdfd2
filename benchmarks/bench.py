"""`make bench`: every figure of issue 12's target table, each with its
target, beside a plain-Python reference measured over the same applicants
in the same run, and written to out/bench.json.

This machine is shared and noisy: a figure alone says little, so each one
is measured interleaved with a reference workload — a fixed loop of pure
Python over the same applicant (its JSON text, hashed character by
character) — and the ratio figure / reference is given too: the machine's
load slows both, the ratio holds.

    figure                                  reference beside it
    report, warm (median per applicant)     the loop per applicant, interleaved
    report with unlock, warm                the same
    five unknown facts, with questions      the same
    five-year timeline, warm                the loop over its applicant, interleaved
    pypermit check --format json, cold      a cold `python -c` running the loop over the file
    pypermit check (text), cold             the same
    pypermit --help, cold                   the same
    batch, 2 worker processes (people/s)    the loop over the same people in 2 worker processes
    floors: the rules alone, the search     the same as the figures they bound
    program, the imports of a cold check

Run: .venv/bin/python benchmarks/bench.py [--n 100] [--batch-n 2000] [--quick]
A measurement, not a test; `benchmarks/bench_batch.py` runs the long
batch (10,000 people, memory, Dask), `benchmarks/bench_serve.py` the service.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from applicants import random_applicants  # noqa: E402

BIN = Path(sys.executable).parent
EXAMPLE = ROOT / "examples" / "duldung_almost_25b.yaml"
TIMELINE_EXAMPLE = ROOT / "examples" / "chancen_holder_to_25b.yaml"
SEED = 20261121
#: People per chunk in the batch (evaluate_many's default).
CHUNK = 256

#: The facts an adviser most often does not know yet.
UNKNOWN = ("german", "civics_test", "identity.clarified", "livelihood.own_share", "household.living_space_sqm")

#: Rounds of the reference loop: about a millisecond per applicant on this
#: machine when quiet.
REFERENCE_ROUNDS = 12

REFERENCE_SOURCE = f"""
def reference_text(text, rounds={REFERENCE_ROUNDS}):
    total = 0
    for _ in range(rounds):
        for ch in text:
            total = (total * 31 + ord(ch)) % 1000003
    return total
"""
exec(REFERENCE_SOURCE)   # defines reference_text: the same code runs in the cold reference process


def reference(applicant: Any) -> int:
    """The plain-Python workload for one applicant (a mapping or a file)."""
    text = (applicant.read_text(encoding="utf-8") if isinstance(applicant, Path)
            else json.dumps(applicant, sort_keys=True))
    return reference_text(text)  # noqa: F821 (defined by exec above)


def reference_chunk(chunk: list) -> list[int]:
    return [reference(a) for a in chunk]


# --- measuring ------------------------------------------------------------------

def interleaved(items: Iterable[Any], fn: Callable[[Any], Any]) -> tuple[list[float], list[float]]:
    """For each item: the reference, then the figure (seconds each)."""
    ref, fig = [], []
    for item in items:
        start = time.perf_counter()
        reference(item)
        ref.append(time.perf_counter() - start)
        start = time.perf_counter()
        fn(item)
        fig.append(time.perf_counter() - start)
    return ref, fig


def cold(command: list[str], runs: int) -> tuple[list[float], list[float]]:
    """A command in a fresh process, interleaved with a fresh Python running
    the reference loop over the example file."""
    ref_command = [sys.executable, "-c", REFERENCE_SOURCE + "import sys\nreference_text(open(sys.argv[1]).read())",
                   str(EXAMPLE)]
    ref, fig = [], []
    subprocess.run(command, check=True, capture_output=True)     # the files in the page cache
    for _ in range(runs):
        for timings, cmd in ((ref, ref_command), (fig, command)):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            timings.append(time.perf_counter() - start)
    return ref, fig


def with_unknowns(applicant: dict) -> dict:
    """The applicant with five facts unknown."""
    out = {**applicant, "identity": dict(applicant["identity"]), "livelihood": dict(applicant["livelihood"]),
           "household": dict(applicant["household"])}
    for path in UNKNOWN:
        section, _, field = path.rpartition(".")
        (out[section] if section else out)[field] = "unknown"
    return out


def _cpu_seconds(pids: Iterable[int]) -> float:
    """User + system CPU time of live processes (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            pass
    return total / tick


def pooled(people: list, job: Callable[[list], list], workers: int, chunk_size: int) -> dict[str, float]:
    """``job`` over the chunks of ``people`` in a pool of worker processes,
    the results handed back in order as evaluate_many does: the seconds to
    start the pool (each worker warmed, and given a first small chunk), then
    the seconds and the workers' CPU seconds for all the people."""
    from pypermit.population.batch import _chunks, _ordered, forkserver_pool
    start = time.perf_counter()
    with forkserver_pool(workers) as pool:
        first = [pool.submit(job, people[i * 10:(i + 1) * 10]) for i in range(workers)]
        for future in first:
            future.result()
        started = time.perf_counter()
        cpu_before = _cpu_seconds(getattr(pool, "_processes", {}))
        count = sum(1 for _ in _ordered(pool, job, _chunks(people, chunk_size), workers))
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds(getattr(pool, "_processes", {})) - cpu_before
    assert count == len(people)
    return {"start_seconds": started - start, "seconds": seconds, "cpu_seconds": cpu}


# --- the figures ------------------------------------------------------------------

FIGURES: list[dict[str, Any]] = []


def record(key: str, label: str, value: float, unit: str, target: float | None, reference: float, *,
           higher_is_better: bool = False, n: int, **extra: Any) -> None:
    """A figure, printed and kept for the JSON file; ``target`` None: shown
    for comparison only."""
    met = None if target is None else value >= target if higher_is_better else value <= target
    ratio = value / reference if reference else None
    FIGURES.append({"key": key, "label": label, "value": round(value, 4), "unit": unit,
                    "target": target, "target_is": "at least" if higher_is_better else "at most", "met": met,
                    "reference": round(reference, 4), "ratio": round(ratio, 3) if ratio else None, "n": n, **extra})
    wanted = "" if target is None else f"{'≥' if higher_is_better else '≤'} {target:g}"
    verdict = "" if met is None else "met" if met else "MISSED"
    print(f"{label:<44} {value:9.3g} {unit:<9} target {wanted:<7} {verdict:<7}"
          f" reference {reference:8.3g} {unit:<9} ratio {ratio:7.3g}", flush=True)


def floors(people: list, args: argparse.Namespace) -> None:
    """What no change to pypermit's Python can go below, measured the same
    way: grounding and solving the rules with no person at all (every
    report pays it), grounding the search program of each person (unlock
    and the timeline pay it), and a cold Python importing only the
    libraries a check needs, then pypermit's API."""
    import clingo

    from pypermit import engine
    from pypermit.applicant.load import load_applicant
    from pypermit.calendar import Calendar
    from pypermit.engine import kb
    from pypermit.engine.search import Search

    statements = kb.statements(False, False, True, False)

    def no_person(_: Any) -> None:
        ctl = clingo.Control(["--warn=none"])
        with clingo.ast.ProgramBuilder(ctl) as builder:
            for statement in statements:
                builder.add(statement)
        ctl.ground([("base", [])], context=Calendar())
        ctl.solve()

    ref, fig = interleaved(people, no_person)
    record("floor_rules_alone_ms", "floor: the rules, no person, grounded", median_ms(fig), "ms", None,
           median_ms(ref), n=len(fig))
    subset = people[: max(5, args.n // 2)]
    models = {id(a): load_applicant(a) for a in subset}
    days = {key: engine.change_days(engine.derive_days(m)) for key, m in models.items()}
    ref, fig = interleaved(subset, lambda a: Search(models[id(a)], days[id(a)], explain=True))
    record("floor_search_program_ms", "floor: a person's search program grounded", median_ms(fig), "ms", None,
           median_ms(ref), n=len(fig))
    for key, label, code in (
            ("floor_libraries_cold_s", "floor: cold python, the libraries imported",
             "import clingo, pydantic, yaml, click"),
            ("floor_api_cold_s", "floor: cold python, pypermit.api imported", "import pypermit.api")):
        ref, fig = cold([sys.executable, "-c", code], args.cold_runs)
        record(key, label, statistics.median(fig), "s", None, statistics.median(ref), n=len(fig))


def median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100, help="applicants for the warm figures")
    parser.add_argument("--batch-n", type=int, default=2000, help="people in the batch")
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="fewer of everything (a smoke run)")
    parser.add_argument("--one-by-one", action="store_true",
                        help="also the batch the way it was before the shared program (pypermit.evaluate per person)")
    parser.add_argument("--verify", action="store_true", help="also time pypermit verify (about 30 s)")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench.json")
    args = parser.parse_args()
    if args.quick:
        args.n, args.batch_n, args.cold_runs = 10, 300, 2

    from pypermit import allocator, evaluate, load_applicant, timeline
    from pypermit.population.batch import Evaluation

    started = time.perf_counter()
    load_start = os.getloadavg()
    people = random_applicants(random.Random(SEED), args.n)
    evaluate(people[0])                                  # warm: imports, the rules read once
    print(f"{'figure':<44} {'median':>9} {'':<9} (reference: the plain-Python loop, same applicants, same run)")

    ref, fig = interleaved(people, lambda a: evaluate(a, unlock=False))
    record("report_warm_ms", "report, warm", median_ms(fig), "ms", 8, median_ms(ref), n=len(fig))
    subset = people[: max(5, args.n // 2)]
    ref, fig = interleaved(subset, evaluate)
    record("report_unlock_warm_ms", "report with unlock, warm", median_ms(fig), "ms", 25, median_ms(ref), n=len(fig))
    unknown = [with_unknowns(a) for a in subset]
    ref, fig = interleaved(unknown, evaluate)
    record("five_unknown_facts_ms", "five unknown facts with questions, warm", median_ms(fig), "ms", 20,
           median_ms(ref), n=len(fig))
    model = load_applicant(TIMELINE_EXAMPLE)
    timeline(model)
    ref, fig = interleaved([TIMELINE_EXAMPLE] * max(5, args.n // 5), lambda _: timeline(model))
    record("timeline_five_years_ms", "five-year timeline, warm", median_ms(fig), "ms", 20, median_ms(ref),
           n=len(fig), file=TIMELINE_EXAMPLE.name)

    pypermit = str(BIN / "pypermit")
    for key, label, command, target in (
            ("check_json_cold_s", "pypermit check --format json, cold",
             [pypermit, "check", str(EXAMPLE), "--format", "json"], 0.25),
            ("check_text_cold_s", "pypermit check (text), cold", [pypermit, "check", str(EXAMPLE)], 0.30),
            ("help_cold_s", "pypermit --help, cold", [pypermit, "--help"], 0.10)):
        ref, fig = cold(command, args.cold_runs)
        record(key, label, statistics.median(fig), "s", target, statistics.median(ref), n=len(fig))

    crowd = random_applicants(random.Random(SEED + 1), args.batch_n)
    ref = pooled(crowd, reference_chunk, 2, CHUNK)
    run = pooled(crowd, Evaluation(), 2, CHUNK)
    record("batch_2_workers_people_per_s", "batch, 2 worker processes", len(crowd) / run["seconds"], "people/s",
           500, len(crowd) / ref["seconds"], higher_is_better=True, n=len(crowd), chunk_size=CHUNK,
           pool_start_seconds=round(run["start_seconds"], 2), worker_cpu_seconds=round(run["cpu_seconds"], 2),
           people_per_worker_cpu_second=round(len(crowd) / run["cpu_seconds"], 1) if run["cpu_seconds"] else None,
           allocator=allocator.describe())
    if args.one_by_one:
        few = crowd[: max(100, args.batch_n // 5)]
        ref = pooled(few, reference_chunk, 2, 64)
        run = pooled(few, Evaluation(shared=False), 2, 64)
        record("batch_one_by_one_people_per_s", "  the same, one program per person (before)",
               len(few) / run["seconds"], "people/s", None, len(few) / ref["seconds"], higher_is_better=True,
               n=len(few), chunk_size=64, worker_cpu_seconds=round(run["cpu_seconds"], 2),
               people_per_worker_cpu_second=round(len(few) / run["cpu_seconds"], 1) if run["cpu_seconds"] else None,
               allocator=allocator.describe())
    floors(people, args)
    if args.verify:
        start = time.perf_counter()
        subprocess.run([pypermit, "verify"], check=True, capture_output=True)
        print(f"{'pypermit verify':<44} {time.perf_counter() - start:9.3g} s")

    result = {"when": dt.datetime.now().isoformat(timespec="seconds"), "cpus": os.cpu_count(),
              "load_average": {"start": load_start, "end": os.getloadavg()},
              "reference": f"pure-Python loop, {REFERENCE_ROUNDS} rounds over each applicant's JSON text",
              "seconds": round(time.perf_counter() - started, 1), "figures": FIGURES}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    missed = [f["label"] for f in FIGURES if f["met"] is False]
    print(f"load average {load_start[0]:.1f} → {os.getloadavg()[0]:.1f}; {len(FIGURES)} figures in "
          f"{result['seconds']} s → {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}; "
          f"missed: {'; '.join(missed) or 'none'}")


if __name__ == "__main__":
    main()
