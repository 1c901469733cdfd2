"""Many applicants at once: ``evaluate_many``, iterator in, iterator out.

The input is cut into chunks; each chunk is evaluated by one call of
:class:`Evaluation` (the worker code), in this process, in a pool of worker
processes, or on any ``concurrent.futures`` executor (a Dask client's, see
``pypermit.population.dask``). At most a few chunks per worker are in flight,
so memory stays bounded whatever the input's length, and the results come
back in the input's order. How one chunk is evaluated is the worker's
business: one shared program for the chunk's people
(``pypermit.engine.shared``), the same reports as ``pypermit.evaluate``
per person, which still serves those the shared program does not take.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, TypeAlias

from pypermit import engine
from pypermit.allocator import forkserver_context
from pypermit.api import ApplicantSource, checked_lang, checked_law_date, evaluate
from pypermit.applicant.load import load_applicant
from pypermit.applicant.model import Applicant
from pypermit.engine import shared as shared_program
from pypermit.errors import InvalidApplicant
from pypermit.population.reform import Reform
from pypermit.report import assemble
from pypermit.report.model import Report
from pypermit.report.unlock import with_unlock

#: What evaluate_many yields for each input: its report, or why it is invalid.
Outcome: TypeAlias = Report | InvalidApplicant

#: Chunks in flight per worker: enough to keep every worker busy while the
#: results of the oldest chunk are handed on.
IN_FLIGHT_PER_WORKER = 2

#: Applicants per chunk: one shared program each. Its fixed costs (the rules
#: added, the law-only part grounded, the program freed) are spread over the
#: chunk; beyond a few hundred people the gain is lost in the noise, while
#: memory and the wait for the first result grow (``pypermit batch
#: --chunk-size``; the CLI's default is the same).
CHUNK_SIZE = 256


@dataclass(frozen=True)
class Evaluation:
    """The worker code: the settings of one batch, applied to a chunk."""
    as_of: _dt.date | str | None = None
    law_date: _dt.date | str | None = None
    lang: str = "en"
    unlock: bool = False
    reform: Reform | None = None
    #: one shared program per chunk (False: ``pypermit.evaluate`` per person)
    shared: bool = True

    def __call__(self, chunk: list[ApplicantSource]) -> list[Outcome]:
        with self.reform.applied() if self.reform else nullcontext():
            if self.shared:
                return self._together(chunk)
            return [self._one(item) for item in chunk]

    def _one(self, item: ApplicantSource) -> Outcome:
        try:
            return evaluate(item, self.as_of, law_date=self.law_date, lang=self.lang, unlock=self.unlock)
        except InvalidApplicant as exc:
            return exc

    def _together(self, items: list[ApplicantSource]) -> list[Outcome]:
        """``[self._one(item) for item in items]``, with the people the
        shared program takes (known facts) evaluated together
        (engine.shared): the same reports, in the same places."""
        try:
            lang, law_day = checked_lang(self.lang), checked_law_date(self.law_date)
        except InvalidApplicant:
            return [self._one(item) for item in items]
        outcomes: list[Any] = [None] * len(items)
        together: list[tuple[int, Applicant]] = []
        for place, item in enumerate(items):
            try:
                model = load_applicant(item, as_of=self.as_of)
            except InvalidApplicant as exc:
                outcomes[place] = exc
                continue
            if model.unknown:
                outcomes[place] = self._one(item)
            else:
                together.append((place, model))
        derived: list[engine.Derivation] | None = None
        if together:
            try:
                derived = shared_program.derive_many([m for _, m in together], law_date=law_day, days=self.unlock)
            except shared_program.Unsupported:
                derived = None
        for k, (place, model) in enumerate(together):
            if derived is None:
                outcomes[place] = self._one(items[place])
                continue
            result = assemble.build(model, derived[k], lang=lang)
            if self.unlock:
                result = with_unlock(result, model, engine.change_days(derived[k]), law_date=law_day)
            outcomes[place] = result
        return outcomes


def warm() -> None:
    """Read and parse the rules and texts once per worker process, and
    build the shared program."""
    from pypermit.engine import kb
    for unknown in (False, True):
        kb.statements(False, unknown, True, False)
    kb.statements(True, False, True, False)
    shared_program.program()
    kb.texts()
    kb.change_texts()


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def evaluate_many(applicants: Iterable[ApplicantSource], *, as_of: _dt.date | str | None = None,
                  law_date: _dt.date | str | None = None, lang: str = "en", unlock: bool = False,
                  reform: Reform | None = None, workers: int | None = None, chunk_size: int = CHUNK_SIZE,
                  executor: Executor | None = None) -> Iterator[Outcome]:
    """Evaluate each applicant (file name, mapping or Applicant) as
    ``pypermit.evaluate`` would, in input order: a Report, or the
    InvalidApplicant with its problems (the batch goes on).

    ``workers`` processes (default: the cores; 1: in this process), or the
    chunks submitted to ``executor`` instead (e.g. a Dask client's
    ``get_executor()``; ``workers`` then says how many it runs at once);
    ``chunk_size`` applicants per chunk; under the ``reform`` if given.
    """
    job = Evaluation(as_of, law_date, lang, unlock, reform)
    chunks = _chunks(applicants, chunk_size)
    if executor is not None:
        yield from _ordered(executor, job, chunks, workers or _cluster_workers(executor))
        return
    workers = workers or default_workers()
    if workers == 1:
        for chunk in chunks:
            yield from job(chunk)
        return
    with forkserver_pool(workers) as pool:
        yield from _ordered(pool, job, chunks, workers)


def forkserver_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes started clean from a fork server (not forked from a
    process with threads: the progress bar's, a Dask client's), each
    warmed once, with jemalloc where it exists (pypermit.allocator)."""
    return ProcessPoolExecutor(workers, mp_context=forkserver_context(), initializer=warm)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _ordered(executor: Executor, job: Evaluation, chunks: Iterator[list[Any]], workers: int) -> Iterator[Outcome]:
    """Submit chunks, at most ``IN_FLIGHT_PER_WORKER`` per worker pending,
    and hand back their results in order."""
    pending: deque[Future[list[Outcome]]] = deque()
    try:
        for chunk in chunks:
            pending.append(executor.submit(job, chunk))
            if len(pending) >= IN_FLIGHT_PER_WORKER * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _cluster_workers(executor: Executor) -> int:
    """How many chunks an executor runs at once: a Dask client's executor,
    the threads across its cluster (it has no public accessor); any other,
    as many as this machine's cores."""
    client = getattr(executor, "_client", None)
    return max(1, sum(client.nthreads().values())) if client is not None else default_workers()


# --- the batch: a table of people in, a table of rows out -------------------

#: Columns of the rows: one per person and permit, or (--full) one per person.
PERMIT_COLUMNS = ("id", "permit", "status", "effect", "unmet", "unlock", "problems")
FULL_COLUMNS = ("id", "status", "report", "problems")


def rows(person_id: str, outcome: Outcome, *, full: bool = False) -> list[dict[str, Any]]:
    """The output rows of one person: a row per permit (its status, effect,
    unmet conditions and first unlock option), or the whole report-v1; an
    invalid person is one row with ``status: invalid`` and its problems."""
    if isinstance(outcome, InvalidApplicant):
        return [{"id": person_id, "status": "invalid", "problems": [str(p) for p in outcome.problems]}]
    if full:
        return [{"id": person_id, "status": "evaluated", "report": outcome.to_dict()}]
    return [{"id": person_id, "permit": p.id, "status": p.status, "effect": p.effect,
             "unmet": [c.id for c in p.unmet],
             "unlock": p.unlock[0].to_dict() if p.unlock else None}
            for p in outcome.permits]


def outcomes(people: Iterable[tuple[str, Any]], **settings: Any) -> Iterator[tuple[str, Outcome]]:
    """``(id, outcome)`` for each ``(id, applicant)`` in order: the readable
    ones through :func:`evaluate_many`, the unreadable ones (already an
    InvalidApplicant) handed straight on."""
    ids, feed = itertools.tee(people)
    evaluated = evaluate_many((data for _, data in feed if not isinstance(data, InvalidApplicant)), **settings)
    for person_id, data in ids:
        yield person_id, data if isinstance(data, InvalidApplicant) else next(evaluated)
