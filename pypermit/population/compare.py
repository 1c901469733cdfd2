"""What a change of the law does across a population: every person under
two laws (two law dates, or a law and the same law under a reform), counted.

Per permit: how many people gain (a better status under the second law),
lose (a worse one), or keep their status with another effect; the
conditions whose status changed for them; and the near misses under each
law: people for whom a permit fails on exactly one part of the norm (a
condition, or a group of alternatives, at the top of the norm's tree as the
report shows it). Only counts are kept, so memory does not grow with the
population.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from pypermit.errors import InvalidApplicant
from pypermit.population.batch import CHUNK_SIZE, default_workers, forkserver_pool, outcomes
from pypermit.population.reform import Reform
from pypermit.report.model import Condition, Group, Permit, Report
from pypermit.scenarios.difference import differences

#: Statuses from worst to best; "undetermined" (unknown facts) is neither.
RANK = {"not_eligible": 0, "waiver_needed": 1, "eligible": 2}


@dataclass(frozen=True)
class Scenario:
    """One side of the comparison: a label, the law's day (None: each
    file's decision day) and a reform, if any."""
    label: str
    law_date: _dt.date | None = None
    reform: Reform | None = None


@dataclass
class PermitCounts:
    eligible: list[int] = field(default_factory=lambda: [0, 0])   # under the first law, the second
    gain: int = 0
    lose: int = 0
    effect: int = 0
    #: (condition id, citation, "unmet → met") -> people whose outcome moved with it
    moved_by: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    #: (part of the norm, citation) -> people who miss the permit only on it, under each law
    near_misses: list[Counter[tuple[str, str]]] = field(default_factory=lambda: [Counter(), Counter()])

    def misses(self) -> list[dict[str, Any]]:
        """The near misses, those the change moved first (most moved first),
        then the others, most frequent first."""
        before, after = self.near_misses
        parts = sorted(set(before) | set(after),
                       key=lambda k: (before[k] == after[k], -abs(after[k] - before[k]), -max(before[k], after[k])))
        return [{"only": part, "citation": cit, "first": before[(part, cit)], "second": after[(part, cit)]}
                for part, cit in parts]

    def to_dict(self) -> dict[str, Any]:
        return {"eligible": {"first": self.eligible[0], "second": self.eligible[1]},
                "gain": self.gain, "lose": self.lose, "effect_changed": self.effect,
                "moved_by": [{"condition": c, "citation": cit, "change": ch, "people": n}
                             for (c, cit, ch), n in self.moved_by.most_common()],
                "near_misses": self.misses()}


@dataclass
class PopulationComparison:
    first: str
    second: str
    people: int = 0
    invalid: int = 0
    undetermined: int = 0
    permits: dict[str, PermitCounts] = field(default_factory=dict)

    def add(self, old: Report | InvalidApplicant, new: Report | InvalidApplicant) -> None:
        self.people += 1
        if isinstance(old, InvalidApplicant) or isinstance(new, InvalidApplicant):
            self.invalid += 1
            return
        for side, report in enumerate((old, new)):
            for permit in report.permits:
                counts = self.permits.setdefault(permit.id, PermitCounts())
                counts.eligible[side] += permit.status == "eligible"
                part = only_failing_part(permit)
                if part is not None:
                    counts.near_misses[side][part] += 1
        for diff in differences(old, new, outcome_only=True):
            (was, _), (now, _) = diff.old, diff.new
            if was not in RANK or now not in RANK:
                self.undetermined += 1
                continue
            counts = self.permits[diff.permit]
            if RANK[now] > RANK[was]:
                counts.gain += 1
            elif RANK[now] < RANK[was]:
                counts.lose += 1
            else:
                counts.effect += 1
            for c in diff.conditions:
                counts.moved_by[(c.id, c.citation, f"{c.old or '—'} → {c.new or '—'}")] += 1

    def to_dict(self) -> dict[str, Any]:
        return {"format": "pypermit/population-compare-v1", "first": self.first, "second": self.second,
                "people": self.people, "invalid": self.invalid, "undetermined_changes": self.undetermined,
                "permits": {p: c.to_dict() for p, c in self.permits.items()}}


def only_failing_part(permit: Permit) -> tuple[str, str] | None:
    """The one part at the top of the norm's tree that fails, with its
    citation, where the permit is not eligible and exactly one fails (a norm
    not in force on the law's day is no near miss)."""
    if permit.status not in ("not_eligible", "waiver_needed"):
        return None
    parts: tuple[Condition | Group, ...] = (*permit.conditions, *permit.groups)
    failing = [(n.id, n.citation) for n in parts if n.group is None and n.status != "met"]
    return failing[0] if len(failing) == 1 and failing[0][0] != "in_force" else None


def compare_population(people: Iterable[tuple[str, Any]], first: Scenario, second: Scenario, *,
                       as_of: _dt.date | str | None = None, lang: str = "en", workers: int | None = None,
                       chunk_size: int = CHUNK_SIZE, executor: Executor | None = None,
                       on_person: Callable[[], None] | None = None) -> PopulationComparison:
    """Every person of ``people`` (``(id, applicant)`` pairs) under both
    scenarios, on one pool of workers (or ``executor``), counted."""
    result = PopulationComparison(first.label, second.label)
    for_first, for_second = itertools.tee(people)
    with ExitStack() as stack:
        if executor is None:
            workers = workers or default_workers()
            if workers > 1:
                executor = stack.enter_context(forkserver_pool(workers))
        settings: dict[str, Any] = dict(as_of=as_of, lang=lang, workers=workers, chunk_size=chunk_size,
                                        executor=executor)
        a = outcomes(for_first, law_date=first.law_date, reform=first.reform, **settings)
        b = outcomes(for_second, law_date=second.law_date, reform=second.reform, **settings)
        for (_, old), (_, new) in zip(a, b, strict=True):
            result.add(old, new)
            if on_person:
                on_person()
    return result


