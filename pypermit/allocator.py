"""The memory allocator of the worker processes pypermit starts itself.

Grounding and freeing clingo programs is mostly malloc and free. In the
worker processes pypermit starts (``evaluate_many``'s pool, the service's
workers) jemalloc (Debian's ``libjemalloc2``) is preloaded where the library
exists: one program per person (the service, the search for changes, the
people a batch evaluates alone) takes about half the CPU time, a batch's
shared program about 5 % less (docs/design.md, "The allocator"). Where the
library is missing nothing changes, and nothing fails.

Only the workers' environment gets ``LD_PRELOAD``: the fork server they are
forked from is started with it, this process keeps its own allocator.
``PYPERMIT_ALLOCATOR=system`` keeps the C library's malloc; an
``LD_PRELOAD`` already set is left alone. The allocator changes speed and
memory use, never a result.
"""

from __future__ import annotations

import multiprocessing
import os
import sysconfig
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from multiprocessing import forkserver
from multiprocessing.context import BaseContext

#: ``system`` keeps the C library's malloc in the worker processes.
SETTING = "PYPERMIT_ALLOCATOR"

_LIBRARY = "libjemalloc.so.2"


def jemalloc() -> str | None:
    """Where jemalloc's shared library is (Debian's multiarch path first),
    or None."""
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    for directory in (f"/usr/lib/{multiarch}", "/usr/lib64", "/usr/lib", "/usr/local/lib"):
        path = os.path.join(directory, _LIBRARY)
        if os.path.isfile(path):
            return path
    return None


def worker_environment(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The variables a worker process gets on top of this one's."""
    if environ.get(SETTING, "jemalloc") == "system" or environ.get("LD_PRELOAD"):
        return {}
    path = jemalloc()
    return {"LD_PRELOAD": path} if path else {}


@contextmanager
def _environment(extra: Mapping[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in extra}
    os.environ.update(extra)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def forkserver_context() -> BaseContext:
    """The ``forkserver`` context, its server started (once per process)
    with the worker environment: every worker forked from it has it. A
    server already running keeps the environment it was started with."""
    context = multiprocessing.get_context("forkserver")
    with _environment(worker_environment()):
        forkserver.ensure_running()
    return context


def in_use() -> str:
    """The allocator of this process: ``jemalloc`` or ``system``."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            return "jemalloc" if "libjemalloc" in maps.read() else "system"
    except OSError:
        return "system"


def describe() -> str:
    """What the worker processes get, in words."""
    extra = worker_environment()
    if extra:
        return f"jemalloc ({extra['LD_PRELOAD']})"
    if os.environ.get("LD_PRELOAD"):
        return f"as this process (LD_PRELOAD={os.environ['LD_PRELOAD']})"
    return "the C library's malloc" + (f" ({SETTING}=system)" if os.environ.get(SETTING) == "system" else
                                        " (no jemalloc on this machine)")
