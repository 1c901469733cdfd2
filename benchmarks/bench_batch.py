"""Benchmark: a synthetic population through `pypermit batch` with 1 and 2
worker processes (throughput, peak memory), and the same batch on a Dask
LocalCluster of two worker processes (the same rows?).

Run: .venv/bin/python benchmarks/bench_batch.py [--n 10000] [--dask-n 2000]
The population and the rows go to out/bench/ (not committed); the figures
are printed and written to out/bench/bench_batch.json. A measurement, not a
test: the machine's other load shows in it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "bench"

#: Runs one batch in a fresh interpreter and prints the peak resident memory
#: of that process and of its worker processes (kilobytes, Linux).
RUN = """
import resource, sys
from pypermit.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    assert not exc.code, exc.code
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def batch(source: Path, target: Path, *options: str) -> dict:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUN, "batch", str(source), "-o", str(target), *options],
                          capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    main_kb, worker_kb = (int(x) for x in done.stdout.split()[-2:])
    return {"seconds": round(seconds, 1), "main_peak_mb": round(main_kb / 1024, 1),
            "worker_peak_mb": round(worker_kb / 1024, 1)}


def rows(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def dask_rows(source: Path, target: Path) -> dict:
    from distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pypermit.cli", "batch", str(source), "-o", str(target),
                        "--dask", cluster.scheduler_address], capture_output=True, check=True)
        return {"seconds": round(time.perf_counter() - start, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000, help="people in the batch")
    parser.add_argument("--dask-n", type=int, default=2_000, help="people in the Dask comparison")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    people = OUT / f"people_{args.n}.jsonl"
    subprocess.run([sys.executable, "-m", "pypermit.cli", "synth", "--n", str(args.n), "--seed", "1",
                    "-o", str(people)], check=True, capture_output=True)
    figures: dict = {"people": args.n, "load_average_at_start": os.getloadavg()}
    for workers in (1, 2):
        run = batch(people, OUT / f"rows_{workers}.jsonl", "--workers", str(workers))
        run["people_per_s"] = round(args.n / run["seconds"], 1)
        run["extrapolated_100k_min"] = round(100_000 / run["people_per_s"] / 60, 1)
        figures[f"workers_{workers}"] = run
        print(f"{workers} worker(s): {args.n:,} people in {run['seconds']} s = {run['people_per_s']} people/s "
              f"(100,000: ~{run['extrapolated_100k_min']} min); peak memory: main {run['main_peak_mb']} MB, "
              f"each worker process ≤ {run['worker_peak_mb'] or '(none: in this process)'} MB", flush=True)
    figures["same_rows_1_vs_2_workers"] = rows(OUT / "rows_1.jsonl") == rows(OUT / "rows_2.jsonl")
    sample = OUT / f"people_{args.dask_n}.jsonl"
    sample.write_text("".join(people.read_text(encoding="utf-8").splitlines(keepends=True)[:args.dask_n]))
    local = batch(sample, OUT / "rows_local_sample.jsonl", "--workers", "2")
    remote = dask_rows(sample, OUT / "rows_dask_sample.jsonl")
    figures["dask"] = {"people": args.dask_n, "local_seconds": local["seconds"], "dask_seconds": remote["seconds"],
                       "same_rows": rows(OUT / "rows_local_sample.jsonl") == rows(OUT / "rows_dask_sample.jsonl")}
    print(f"Dask LocalCluster (2 worker processes), {args.dask_n:,} people: {remote['seconds']} s "
          f"(local pool: {local['seconds']} s); same rows: {figures['dask']['same_rows']}")
    print(f"1 and 2 workers give the same rows: {figures['same_rows_1_vs_2_workers']}")
    figures["load_average_at_end"] = os.getloadavg()
    print(f"load average (other processes on the machine): {figures['load_average_at_start']} at the start, "
          f"{figures['load_average_at_end']} at the end")
    (OUT / "bench_batch.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
