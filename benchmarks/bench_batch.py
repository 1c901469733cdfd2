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

def _descendants(root: int) -> list[int]:
    """The process and every process below it (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        children.setdefault(int(fields["PPid"]), []).append(int(fields["Pid"]))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _peak_kb(pid: int) -> int:
    """The peak resident memory of a process so far (VmHWM), 0 if gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def batch(source: Path, target: Path, *options: str) -> dict:
    """One `pypermit batch` run: its time, and the peak memory of the main
    process and of the largest worker process (sampled every 0.2 s)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "pypermit.cli", "batch", str(source), "-o", str(target),
                                *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    while process.poll() is None:
        for pid in _descendants(process.pid):
            peaks[pid] = max(peaks.get(pid, 0), _peak_kb(pid))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    assert process.returncode == 0, process.returncode
    main_kb = peaks.pop(process.pid, 0)
    return {"seconds": round(seconds, 1), "main_peak_mb": round(main_kb / 1024, 1),
            "worker_peak_mb": round(max(peaks.values(), default=0) / 1024, 1)}


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
