"""A real `pypermit serve` on a free localhost port, for the tests that
talk to it over HTTP (and the browser test)."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
EXAMPLES = [p for p in EXAMPLES if p.name != "expected.yaml"]
CONFORMANCE = sorted((ROOT.parent / "shared" / "conformance" / "cases").glob("*.json"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `pypermit serve` process and an HTTP client bound to it."""

    def __init__(self, *options: str, name: str = "serve"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        OUT.mkdir(exist_ok=True)
        self.log_path = OUT / f"{name}-{self.port}.log"
        self._log = self.log_path.open("w")
        exe = Path(sys.executable).with_name("pypermit")
        self.process = subprocess.Popen([str(exe), "serve", "--port", str(self.port), *options],
                                        stdout=self._log, stderr=subprocess.STDOUT)
        self.client = httpx.Client(base_url=self.url, timeout=60)

    def wait_ready(self, seconds: float = 60) -> Server:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"pypermit serve ended: {self.log()}")
            try:
                if self.client.get("/readyz").status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"pypermit serve not ready in {seconds} s: {self.log()}")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text()

    def stop(self) -> None:
        self.client.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The service as the README starts it, with two workers."""
    srv = Server("--workers", "2").wait_ready()
    yield srv
    srv.stop()


def applicant(path: Path) -> dict:
    """An example or conformance applicant as the JSON body to post."""
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))["applicant"]
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
