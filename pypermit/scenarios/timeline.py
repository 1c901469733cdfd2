"""Time alone passing: the days on which a permit's status or effect changes
for one person, and why.

The rules say on which days something can change for this person
(``change_day/1``, kb/machinery/change_days.lp: a period completes, a birthday
passes an age limit, a version of the law begins or ends, pension months or
school years reach what is asked). The timeline evaluates exactly those
days, in one grounded program with one solve per day (the first for as_of
itself, ``engine.search.Search.unchanged``; then ``Search.on_day``: the
decision moved to that day, the application
taken as made that day, pension months growing while employed, school years
while in education under 18), and keeps the days on which an outcome
differs from the day before. Between two such days nothing changes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import clingo

from pypermit import engine, report
from pypermit.applicant.model import Applicant
from pypermit.calendar import ONE_DAY, day_number, from_day_number
from pypermit.engine.search import Search
from pypermit.errors import InvalidApplicant, Problem
from pypermit.report.model import Effect, Report, Status
from pypermit.scenarios.difference import PermitDifference, differences

FORMAT = "pypermit/timeline-v1"


@dataclass(frozen=True)
class Event:
    """On ``day`` a permit's status or effect changes (``difference``)."""
    day: _dt.date
    difference: PermitDifference

    @property
    def permit(self) -> str:
        return self.difference.permit

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), **self.difference.to_dict()}


@dataclass(frozen=True)
class Segment:
    """A stretch of days (both included) with one status and effect."""
    first: _dt.date
    last: _dt.date
    status: Status
    effect: Effect


@dataclass(frozen=True)
class Timeline:
    """The report on ``as_of`` and every change of outcome up to ``until``."""
    start: Report
    until: _dt.date
    events: tuple[Event, ...]
    law_date: _dt.date | None = None

    @property
    def as_of(self) -> _dt.date:
        return self.start.as_of

    @property
    def days(self) -> tuple[_dt.date, ...]:
        """The days on which something changes, in order."""
        return tuple(sorted({e.day for e in self.events}))

    def outcome_on(self, day: _dt.date) -> dict[str, tuple[Status, Effect]]:
        """Each permit's (status, effect) on ``day`` (from as_of to until)."""
        out = {p.id: (p.status, p.effect) for p in self.start.permits}
        for e in self.events:
            if e.day <= day:
                out[e.permit] = e.difference.new
        return out

    def segments(self, permit: str) -> list[Segment]:
        """The stretches of one permit's outcome from as_of to until."""
        p = self.start.permit(permit)
        changes = [(e.day, e.difference.new) for e in self.events if e.permit == permit]
        out, first, (status, effect) = [], self.as_of, (p.status, p.effect)
        for day, new in changes:
            out.append(Segment(first, day - ONE_DAY, status, effect))
            first, (status, effect) = day, new
        out.append(Segment(first, self.until, status, effect))
        return out

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"format": FORMAT, "as_of": self.as_of.isoformat(), "until": self.until.isoformat()}
        if self.law_date is not None:
            out["law_date"] = self.law_date.isoformat()
        out["start"] = {p.id: {"status": p.status, "effect": p.effect} for p in self.start.permits}
        out["events"] = [e.to_dict() for e in self.events]
        return out


def _outcome(symbols: Iterable[clingo.Symbol]) -> frozenset[str]:
    return frozenset(str(s) for s in symbols if s.name in ("status", "effect"))


def _horizon(symbols: Iterable[clingo.Symbol]) -> int | None:
    """The last day the rules look ahead to (horizon/1)."""
    return next((s.arguments[0].number for s in symbols if s.name == "horizon"), None)


def build(applicant: Applicant, until: _dt.date, *, law_date: _dt.date | None = None,
          lang: str = "en") -> Timeline:
    """The timeline of one person from its ``as_of`` through ``until``."""
    if until <= applicant.as_of:
        raise InvalidApplicant([Problem("until", until, f"{until} is not after as_of ({applicant.as_of})")])
    if applicant.unknown:
        raise InvalidApplicant([Problem(path, "unknown", "unknown; the timeline follows known facts only")
                                for path in sorted(applicant.unknown)])
    found = engine.derive_days(applicant, law_date=law_date)
    last = day_number(until)
    days = {d for d in engine.change_days(list(found)) if d <= last}
    search = Search(applicant, sorted(days), law_date=law_date, explain=True)
    symbols = search.unchanged()   # the same program answers the day itself
    start = report.build(applicant, symbols, lang=lang)
    horizon = _horizon(found)
    if horizon is not None and last > horizon:
        raise InvalidApplicant([Problem("until", until, f"{until} is after {from_day_number(horizon)}: the rules "
                                                        "look ahead at most that far from as_of")])
    events: list[Event] = []
    before_symbols: Iterable[clingo.Symbol] = symbols
    before_report: report.Report | None = start
    before_outcome = _outcome(symbols)
    for d in sorted(days):
        now_symbols, now_outcome = search.day_answer(d)
        if now_outcome != before_outcome:
            before_report = before_report or report.build(applicant, before_symbols, lang=lang)
            now_report = report.build(applicant, now_symbols, lang=lang)
            events.extend(Event(from_day_number(d), diff)
                          for diff in differences(before_report, now_report, outcome_only=True))
            before_report = now_report
        else:
            before_report = None
        before_symbols, before_outcome = now_symbols, now_outcome
    return Timeline(start=start, until=until, events=tuple(events), law_date=law_date)
