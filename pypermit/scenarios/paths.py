"""Paths across permits: chains of permits over time, each step on its day
with the changes it needs.

The rules find every step. From a person on a day, the search for changes
(``engine.search.Search`` with kb/machinery/paths.lp) gives, for each permit, the minimal
sets of changes and days that reach it — eligible, or eligible if the
authority waives what § 5 Abs. 3 S. 2 lets it waive — the empty set where
the permit is there already. A permit reached is then the stay status from
its day on: the next person is the same one on that day, with the step's
changes, what grew by itself until then (pension months, school years:
``grown/2``) and a new stay period with the status and basis the rules say
the permit grants (``grants/3``). The search from there decides which
permit can follow (the norms' scope conditions read the new stay), and
kb/machinery/paths.lp keeps a title held from being a next step and a step within a
title of fixed term (§ 104c: 18 months). Python only drives: at most three
steps, days no later than the rules' horizon of the first day (10 years),
and the paths that cannot go further, ordered by the day the last step is
reached.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pypermit import engine, report
from pypermit.applicant.model import Applicant
from pypermit.calendar import from_day_number
from pypermit.engine import kb
from pypermit.engine.answer import Found
from pypermit.engine.search import Search
from pypermit.errors import InvalidApplicant, Problem
from pypermit.report.model import Change, Permit
from pypermit.report.unlock import as_option, current_values
from pypermit.scenarios.whatif import apply_changes

FORMAT = "pypermit/paths-v1"
#: The most steps a path takes.
MAX_STEPS = 3
#: The most sets of changes followed for one permit from one step: the
#: fewest changes and earliest days first (a bound on the search, as
#: ``max_changes`` is for unlock).
MAX_OPTIONS = 4


@lru_cache(maxsize=1)
def rules() -> str:
    """kb/machinery/paths.lp: what a permit obtained does to the stay."""
    return kb.machinery_file("paths.lp").read_text(encoding="utf-8")


@dataclass(frozen=True)
class PathStep:
    """One permit of a path: reached on ``day`` with ``changes`` (and what
    ``grows`` by itself until then), ``status`` eligible or waiver_needed
    (``to_waive``: what the authority would set aside), the ``routes`` it
    takes; ``opened``: the conditions unmet for the person on the first day
    that the steps before have met (id, citation, sentence: a § 25b step
    after § 104c names the stay counted under § 25b Abs. 7); ``meets``: the
    conditions the step's own changes meet (id, citation); ``grants``: the
    stay status and basis the permit gives from its day on."""
    permit: str
    title: str
    citation: str
    day: _dt.date
    status: str
    effect: str
    changes: tuple[Change, ...] = ()
    grows: tuple[Change, ...] = ()
    routes: tuple[tuple[str, str], ...] = ()
    to_waive: tuple[tuple[str, str], ...] = ()
    opened: tuple[tuple[str, str, str], ...] = ()
    meets: tuple[tuple[str, str], ...] = ()
    grants: tuple[str, str] = ("permit", "")

    @property
    def facts(self) -> frozenset[str]:
        return frozenset(c.fact for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        status, basis = self.grants
        out: dict[str, Any] = {
            "permit": self.permit, "title": self.title, "citation": self.citation, "day": self.day.isoformat(),
            "status": self.status, "effect": self.effect, "changes": [c.to_dict() for c in self.changes],
            "grows": [c.to_dict() for c in self.grows],
            "opened": [{"id": cid, "citation": cit, "text": text} for cid, cit, text in self.opened],
            "meets": [{"id": cid, "citation": cit} for cid, cit in self.meets],
            "to_waive": [{"id": cid, "citation": cit} for cid, cit in self.to_waive],
            "grants": {"status": status, **({"basis": basis} if basis else {})}}
        if self.routes:
            out["routes"] = [{"id": gid, "label": label} for gid, label in self.routes]
        return out


@dataclass(frozen=True)
class PermitPath:
    """Permits one after another, each held from its day on."""
    steps: tuple[PathStep, ...]

    @property
    def last_day(self) -> _dt.date:
        return self.steps[-1].day

    @property
    def permits(self) -> tuple[str, ...]:
        return tuple(s.permit for s in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {"permits": list(self.permits), "last_day": self.last_day.isoformat(),
                "steps": [s.to_dict() for s in self.steps]}


@dataclass(frozen=True)
class Paths:
    """Every path from ``as_of`` that goes as far as it can within
    ``max_steps`` and ``until``, by the day its last step is reached."""
    as_of: _dt.date
    until: _dt.date
    max_steps: int
    paths: tuple[PermitPath, ...]
    law_date: _dt.date | None = None
    lang: str = "en"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"format": FORMAT, "as_of": self.as_of.isoformat(), "until": self.until.isoformat(),
                               "max_steps": self.max_steps}
        if self.law_date is not None:
            out["law_date"] = self.law_date.isoformat()
        out["paths"] = [p.to_dict() for p in self.paths]
        return out


@dataclass
class _Walk:
    """What stays the same along every path of one call."""
    law_date: _dt.date | None
    lang: str
    horizon: int
    unmet_first: dict[str, set[str]]
    seen: dict[tuple[Any, ...], list[tuple[PathStep, Applicant]]] = field(default_factory=dict)


def build(applicant: Applicant, *, law_date: _dt.date | None = None, max_steps: int = MAX_STEPS,
          lang: str = "en") -> Paths:
    """The paths of one person from its ``as_of``."""
    if applicant.unknown:
        raise InvalidApplicant([Problem(path, "unknown", "unknown; paths follow known facts only")
                                for path in sorted(applicant.unknown)])
    derived = engine.derive(applicant, law_date=law_date, days=True)
    first = report.build(applicant, derived, lang=lang)
    horizon = next(s.arguments[0].number for s in derived.certain if s.name == "horizon")
    walk = _Walk(law_date, lang, horizon, {p.id: {c.id for c in p.conditions if not c.met} for p in first.permits})
    done: list[tuple[PathStep, ...]] = []
    frontier: list[tuple[Applicant, tuple[PathStep, ...], engine.Derivation | None]] = [(applicant, (), derived)]
    for depth in range(max_steps):
        reached: list[tuple[Applicant, tuple[PathStep, ...], engine.Derivation | None]] = []
        for person, steps, known in frontier:
            following = _next_steps(walk, person, known)
            if not following and steps:
                done.append(steps)
            for step, after in following:
                if depth + 1 == max_steps:
                    done.append((*steps, step))
                else:
                    reached.append((after, (*steps, step), None))
        frontier = reached
    paths = sorted(_distinct(PermitPath(s) for s in done), key=lambda p: (
        p.last_day, sum(len(s.changes) for s in p.steps), len(p.steps), p.permits,
        [sorted(s.facts) for s in p.steps], [s.day for s in p.steps]))
    return Paths(as_of=applicant.as_of, until=from_day_number(horizon), max_steps=max_steps,
                 paths=tuple(paths), law_date=law_date, lang=lang)


def _distinct(paths: Iterable[PermitPath]) -> list[PermitPath]:
    """One path for each permits, days and last status: where the same
    changes can be made at one step or at another (clarify identity for
    § 25b or later for § 26 Abs. 4), the one with the fewest changes in
    all, and the fewest early on."""
    best: dict[tuple[Any, ...], PermitPath] = {}
    for path in paths:
        key = (path.permits, tuple(s.day for s in path.steps), path.steps[-1].status)
        rank = (sum(len(s.changes) for s in path.steps), [len(s.changes) for s in path.steps])
        if key not in best or rank < (sum(len(s.changes) for s in best[key].steps),
                                      [len(s.changes) for s in best[key].steps]):
            best[key] = path
    return list(best.values())


def _next_steps(walk: _Walk, person: Applicant,
                derived: engine.Derivation | None) -> list[tuple[PathStep, Applicant]]:
    """Every step from ``person`` on its day, with the person after it."""
    key = (person.model_dump_json(),)
    if key in walk.seen:
        return walk.seen[key]
    derived = derived or engine.derive(person, law_date=walk.law_date, days=True)
    now = report.build(person, derived, lang=walk.lang)
    days = [d for d in engine.change_days(derived) if d <= walk.horizon]
    search = Search(person, days, law_date=walk.law_date, explain=True, rules=rules(), whole_answers=True)
    values = current_values(person)
    out = []
    for permit in now.permits:
        unmet = {c.id for c in permit.conditions if not c.met}
        for found in search.options(permit.id, unmet)[:MAX_OPTIONS]:
            step = _step(walk, person, permit, found, values)
            out.append((step, _after(person, step, found)))
    walk.seen[key] = out
    return out


def _step(walk: _Walk, person: Applicant, permit: Permit, found: Found, values: dict[str, Any]) -> PathStep:
    """One answer of the search as a step of a path (``permit``: as it
    stands for ``person`` with nothing changed)."""
    option = as_option(found, values, permit, walk.lang)
    there = report.build(person, found.symbols, lang=walk.lang).permit(permit.id)
    grants = next((s.arguments[1].name, s.arguments[2].string) for s in found.symbols
                  if s.name == "grants" and s.arguments[0].string == permit.id)
    first_unmet = walk.unmet_first.get(permit.id, set())
    return PathStep(permit=permit.id, title=there.title, citation=there.citation, day=found.day or person.as_of,
                status=there.status, effect=there.effect, changes=option.changes, grows=option.grows,
                routes=option.routes, to_waive=option.to_waive, grants=grants, meets=option.meets,
                opened=tuple((c.id, c.citation, c.text) for c in permit.conditions if c.met and c.id in first_unmet))


def _after(person: Applicant, step: PathStep, found: Found) -> Applicant:
    """The person from the step's day on: its changes made, what grew by
    itself grown, and the title the permit grants as the current stay
    (in place of a period begun the same day)."""
    day = step.day.isoformat()
    index = len(person.stay) - (1 if person.stay[-1].since == step.day else 0)
    status, basis = step.grants
    changes: dict[str, Any] = {fact: value for fact, value in found.changes if fact != "as_of"}
    changes.update(dict(found.grown))
    changes.update({"as_of": day, "application_date": day, f"stay[{index}].since": day,
                    f"stay[{index}].status": status})
    changes[f"stay[{index}].basis"] = basis or None
    after, _ = apply_changes(person, changes)
    return after
