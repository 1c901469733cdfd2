"""The worker processes' allocator (pypermit.allocator): jemalloc where the
library exists, set for the workers only; nothing fails without it."""

from __future__ import annotations

import os

import pytest

from pypermit import allocator
from pypermit.population.batch import forkserver_pool


def test_the_workers_get_jemalloc_where_it_exists_and_this_process_keeps_its_own() -> None:
    expected = "jemalloc" if allocator.worker_environment() else allocator.in_use()
    before, preload = allocator.in_use(), os.environ.get("LD_PRELOAD")
    with forkserver_pool(2) as pool:
        assert {pool.submit(allocator.in_use).result() for _ in range(4)} == {expected}
    assert (allocator.in_use(), os.environ.get("LD_PRELOAD")) == (before, preload)


def test_without_the_library_or_when_told_not_to_nothing_is_preloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    assert allocator.worker_environment({allocator.SETTING: "system"}) == {}
    assert allocator.worker_environment({"LD_PRELOAD": "/opt/other.so"}) == {}
    monkeypatch.setattr(allocator, "jemalloc", lambda: None)
    assert allocator.worker_environment({}) == {}
    assert "malloc" in allocator.describe()


def test_the_library_is_found_where_debian_puts_it(monkeypatch: pytest.MonkeyPatch) -> None:
    path = allocator.jemalloc()
    if path is None:
        pytest.skip("libjemalloc2 is not installed here")
    assert allocator.worker_environment({}) == {"LD_PRELOAD": path}
