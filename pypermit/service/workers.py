"""Solving off the event loop: a process pool, a bounded queue, a time
limit, and a new pool when a worker dies.

Grounding and solving are CPU-bound and hold the GIL, so they run in
worker processes (``--workers``). At most ``workers + queue`` requests are
admitted at once; past that the service answers 503 at once instead of
letting the wait grow. Each task carries its own time limit (an alarm in
the worker, tasks.limited); a worker that does not come back even then, or
that dies (killed, out of memory), breaks the pool, which is replaced so
the next request is served.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from pypermit.allocator import forkserver_context
from pypermit.service import tasks


class Busy(Exception):
    """The queue is full."""


class WorkerLost(Exception):
    """The worker running the task died."""


class Workers:
    """The process pool that runs the tasks of tasks.py."""

    def __init__(self, size: int, time_limit: float, queue: int):
        self.size = size
        self.time_limit = time_limit
        self.capacity = size + queue
        # A worker that ignores its alarm is given up after the longest
        # wait a task can have in the queue plus its own limit.
        self.backstop = time_limit * (self.capacity // size + 2)
        self.in_flight = 0
        self.ready = False
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # Forked from a fork server (a fresh interpreter), not from the
        # server's threads and event loop; with jemalloc where it exists
        # (pypermit.allocator: about half the CPU time per evaluation).
        return ProcessPoolExecutor(self.size, mp_context=forkserver_context(), initializer=tasks.init_worker)

    async def warm_up(self) -> None:
        """Start every worker and load the rules in it; then ready."""
        pool = self._pool
        assert pool is not None
        await asyncio.gather(*(asyncio.wrap_future(pool.submit(tasks.warm_up)) for _ in range(self.size)))
        self.ready = True

    async def run(self, task: Callable[..., tasks.Answer], *args: Any) -> tasks.Answer:
        """``task(*args)`` in a worker: its answer, or Busy, WorkerLost,
        tasks.OverTime."""
        if self.in_flight >= self.capacity:
            raise Busy
        pool = self._pool
        assert pool is not None
        self.in_flight += 1
        try:
            future = pool.submit(tasks.limited, self.time_limit, tasks.answer, task, *args)
            return await asyncio.wait_for(asyncio.wrap_future(future), self.backstop)
        except BrokenProcessPool:
            self._replace(pool)
            raise WorkerLost from None
        except TimeoutError:
            self._replace(pool)
            raise tasks.OverTime from None
        finally:
            self.in_flight -= 1

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        """A new pool for the next requests; the broken one's workers end."""
        if self._pool is not broken:
            return   # another request has replaced it already
        self._pool = self._new_pool()
        _stop(broken)

    def close(self) -> None:
        if self._pool is not None:
            _stop(self._pool)
            self._pool = None


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut a pool down without waiting for its tasks: its workers are
    killed (ProcessPoolExecutor has no public way before Python 3.14)."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
