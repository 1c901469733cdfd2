"""A worker killed mid-request: the client gets a 5xx problem answer, and
the service goes on answering with a new pool."""

from __future__ import annotations

import signal
import threading
import time

import httpx
import psutil
import pytest

from .conftest import ROOT, Server, applicant

#: Seconds-long (subprocesses, worker pools, browsers, many solver calls): `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

DARMSTADT = applicant(ROOT / "examples" / "darmstadt_refugee_c1.yaml")


def pool_workers(server: Server) -> list[psutil.Process]:
    """The server's worker processes: forked by its fork server (not the
    resource tracker)."""
    children = psutil.Process(server.process.pid).children()
    return [w for c in children if "forkserver" in " ".join(c.cmdline()) for w in c.children()]


@pytest.fixture()
def fresh_server():
    srv = Server("--workers", "2", name="faults").wait_ready()
    yield srv
    srv.stop()


def test_killing_a_worker_mid_request_gives_a_problem_and_the_service_goes_on(fresh_server):
    before = pool_workers(fresh_server)
    assert len(before) == 2
    answers: list[httpx.Response] = []
    clients = [httpx.Client(base_url=fresh_server.url, timeout=60) for _ in range(16)]

    def call(client: httpx.Client) -> None:
        answers.append(client.post("/v1/timeline", json=DARMSTADT))
    threads = [threading.Thread(target=call, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    while fresh_server.client.get("/readyz").json()["in_flight"] < 4 and time.monotonic() < deadline:
        time.sleep(0.005)   # until both workers are busy and more requests wait
    before[0].send_signal(signal.SIGKILL)
    for t in threads:
        t.join()
    for c in clients:
        c.close()
    lost = [a for a in answers if a.status_code >= 500]
    assert lost, "no request was in flight when the worker was killed"
    for answer in lost:
        assert answer.status_code == 503 and answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["type"].endswith("worker-lost") and answer.headers["retry-after"] == "1"
    assert all(a.status_code in (200, 503) for a in answers)
    # The service answers again, from a new pool.
    again = fresh_server.client.post("/v1/evaluate", json=DARMSTADT)
    assert again.status_code == 200 and again.json()["format"] == "pypermit/report-v1"
    after = pool_workers(fresh_server)
    assert after and not {p.pid for p in after} & {p.pid for p in before}
    assert fresh_server.client.get("/readyz").status_code == 200
    assert "Traceback" not in fresh_server.log()
