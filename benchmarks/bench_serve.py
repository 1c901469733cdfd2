"""Benchmark: `pypermit serve` under load, on localhost only, bounded in
count and time.

Starts `pypermit serve --workers 2` on a free 127.0.0.1 port, then 50
concurrent clients post the examples to /v1/evaluate for 30 s: requests per
second, p50/p99 latency, errors (target: zero). The load goes on until
10,000 requests in all, and the server's memory (RSS of the server process
and of its workers, from /proc) is reported before and after (target: no
growth beyond noise). With --kill, one worker is killed mid-load: the
requests it held get a 503 problem and the service goes on.

Run: .venv/bin/python benchmarks/bench_serve.py [--clients 50] [--seconds 30] [--requests 10000]
The figures go into the issue notes; this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int) -> int:
    """Resident memory of one process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        out.extend(int(p) for p in text)
    return out


def workers(pid: int) -> list[int]:
    """The server's pool workers: forked by its fork server (not the resource tracker)."""
    return [w for c in children(pid) if b"forkserver" in Path(f"/proc/{c}/cmdline").read_bytes()
            for w in children(c)]


def memory(pid: int) -> str:
    pool = {w: rss_kib(w) for w in workers(pid)}
    return (f"server {rss_kib(pid) / 1024:.1f} MiB, workers "
            + ", ".join(f"{kib / 1024:.1f}" for kib in pool.values()) + " MiB")


def bodies() -> list[dict]:
    files = [p for p in sorted((ROOT / "examples").glob("*.yaml")) if p.name != "expected.yaml"]
    return [json.loads(json.dumps(yaml.safe_load(p.read_text()), default=str)) for p in files]


class Load:
    """Clients posting applicants in a loop; latencies and answers counted."""

    def __init__(self, url: str, clients: int, server_pid: int, every: int = 2000):
        self.url = url
        self.clients = clients
        self.server_pid = server_pid
        self.every = every
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.failures = 0
        self.sent = 0

    async def run(self, until: float, limit: int) -> None:
        limits = httpx.Limits(max_connections=self.clients, max_keepalive_connections=self.clients)
        async with httpx.AsyncClient(base_url=self.url, timeout=120, limits=limits) as client:
            await asyncio.gather(*(self.client(client, i, until, limit) for i in range(self.clients)))

    async def client(self, client: httpx.AsyncClient, index: int, until: float, limit: int) -> None:
        payloads = bodies()
        k = index
        while time.monotonic() < until and self.sent < limit:
            self.sent += 1
            body = payloads[k % len(payloads)]
            k += 1
            start = time.perf_counter()
            try:
                answer = await client.post("/v1/evaluate", json=body)
                self.statuses[answer.status_code] = self.statuses.get(answer.status_code, 0) + 1
                done = sum(self.statuses.values())
                if done % self.every == 0:
                    print(f"  memory after {done} requests: {memory(self.server_pid)}", flush=True)
            except httpx.HTTPError:
                self.failures += 1
                continue
            self.latencies.append((time.perf_counter() - start) * 1000)

    def report(self, label: str, seconds: float) -> None:
        done = sum(self.statuses.values())
        errors = self.failures + sum(n for s, n in self.statuses.items() if s != 200)
        ms = sorted(self.latencies)
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))] if ms else float("nan")
        print(f"{label}: {done} answers in {seconds:.1f} s = {done / seconds:.1f} requests/s; "
              f"latency p50 {statistics.median(ms):.0f} ms, p99 {p99:.0f} ms; "
              f"errors {errors} (statuses {dict(sorted(self.statuses.items()))}, transport {self.failures})")


async def main_async(args: argparse.Namespace) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    exe = Path(sys.executable).with_name("pypermit")
    log = open(ROOT / "out" / "bench_serve.log", "w") if (ROOT / "out").is_dir() else subprocess.DEVNULL
    server = subprocess.Popen([str(exe), "serve", "--port", str(port), "--workers", str(args.workers)],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        async with httpx.AsyncClient(base_url=url) as probe:
            for _ in range(600):
                try:
                    if (await probe.get("/readyz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            for body in bodies():                      # every example once, so caches are warm
                (await probe.post("/v1/evaluate", json=body, timeout=60)).raise_for_status()
        print(f"pypermit serve --workers {args.workers} on {url}; {args.clients} clients; POST /v1/evaluate "
              f"(the {len(bodies())} examples in turn)")
        print(f"memory before: {memory(server.pid)}", flush=True)
        load = Load(url, args.clients, server.pid)
        started = time.monotonic()
        if args.kill:
            asyncio.get_running_loop().call_later(args.seconds / 2, lambda: os.kill(workers(server.pid)[0],
                                                                                  signal.SIGKILL))
        await load.run(started + args.seconds, args.requests)
        load.report(f"{args.seconds:g} s of load", time.monotonic() - started)
        sys.stdout.flush()
        if load.sent < args.requests:
            await load.run(started + args.max_seconds, args.requests)
            load.report(f"until {args.requests} requests or {args.max_seconds:g} s", time.monotonic() - started)
        print(f"memory after {sum(load.statuses.values())} requests: {memory(server.pid)}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--max-seconds", type=float, default=600, help="Stop the whole load after this long.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill", action="store_true", help="Kill a worker halfway through the timed load.")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
