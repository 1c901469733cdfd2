"""The public Python API: what a counselling tool or a notebook calls, and
what the command line calls too."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any, Mapping, Union

from dataclasses import replace

from . import engine, questions, report
from . import unlock as unlock_search
from .applicant import COVERAGE_START, Applicant, InvalidApplicant, Problem, load_applicant

ApplicantSource = Union[Applicant, Mapping[str, Any], str, Path]


def evaluate(applicant: ApplicantSource, as_of: _dt.date | str | None = None, *,
             law_date: _dt.date | str | None = None, lang: str = "en",
             unlock: bool = True, max_changes: int | None = None) -> report.Report:
    """Evaluate one person on ``as_of`` (default: the file's ``as_of``, else
    today) under the law in force that day, or on ``law_date`` if given.

    With ``unlock`` (the default), every permit that is not eligible carries
    the minimal sets of changes that would make it eligible.
    Raises :class:`pypermit.InvalidApplicant` for input that breaks the
    applicant format; nothing is evaluated then.
    """
    model = load_applicant(applicant, as_of=as_of)
    law_day = _law_date(law_date)
    derived = engine.derive(model, law_date=law_day, days=unlock)
    result = report.build(model, derived, lang=lang)
    if not derived.settled:
        result = replace(result, questions=tuple(questions.next_questions(model, derived)))
    if unlock and derived.settled:
        result = unlock_search.with_unlock(result, model, engine.change_days(derived),
                                           law_date=law_day, max_changes=max_changes)
    return result


def next_questions(applicant: ApplicantSource, *, as_of: _dt.date | str | None = None,
                   law_date: _dt.date | str | None = None) -> list[questions.Question]:
    """The unknown facts that can still change an outcome, most decisive
    first, each with the values under which each permit can be eligible."""
    model = load_applicant(applicant, as_of=as_of)
    return questions.next_questions(model, law_date=_law_date(law_date))


def unlock(applicant: ApplicantSource, permit: str | None = None, max_changes: int | None = None, *,
           as_of: _dt.date | str | None = None, law_date: _dt.date | str | None = None,
           lang: str = "en") -> dict[str, tuple[report.UnlockOption, ...]]:
    """The minimal sets of changes for each permit that is not eligible (or
    for ``permit`` alone), fewest changes first, then earliest day."""
    model = load_applicant(applicant, as_of=as_of)
    law_day = _law_date(law_date)
    derived = engine.derive(model, law_date=law_day, days=True)
    result = report.build(model, derived, lang=lang)
    if permit is not None:
        result.permit(permit)   # a KeyError names the permits there are
    result = unlock_search.with_unlock(result, model, engine.change_days(derived), law_date=law_day,
                                       max_changes=max_changes, only=permit)
    return {p.id: p.unlock for p in result.permits if permit is None or p.id == permit}


def _law_date(value: _dt.date | str | None) -> _dt.date | None:
    """A law date is checked like the file's dates: a real day in the coverage."""
    if value is None or isinstance(value, _dt.date):
        day = value
    else:
        try:
            day = _dt.date.fromisoformat(str(value))
        except ValueError:
            raise InvalidApplicant([Problem("law_date", value, f"{value} is not a date (YYYY-MM-DD)")]) from None
    if day is not None and day < COVERAGE_START:
        raise InvalidApplicant([Problem("law_date", value, f"{day} is before {COVERAGE_START}, where the coverage starts")])
    return day


# --- what-if, law dates, time passing, the law itself ---------------------------

from typing import Sequence  # noqa: E402

from . import lawbook, time_passing  # noqa: E402
from .calendar import add_months  # noqa: E402
from .changes import WhatIf, apply_changes  # noqa: E402
from .comparison import Comparison, LawStep  # noqa: E402
from .difference import differences  # noqa: E402
from .lawbook import Lawbook  # noqa: E402
from .time_passing import Timeline  # noqa: E402


def whatif(applicant: ApplicantSource, changes: Mapping[str, Any], *, as_of: _dt.date | str | None = None,
           law_date: _dt.date | str | None = None, lang: str = "en") -> WhatIf:
    """The same person before and after ``changes`` (field path -> value as
    written in the file, e.g. ``{"german": "B1", "stay[1].status":
    "duldung"}``): both reports, the changes with their old values, and the
    permits that differ with the conditions that explain it."""
    model = load_applicant(applicant, as_of=as_of)
    changed, applied = apply_changes(model, changes)
    law_day = _law_date(law_date)
    before = evaluate(model, law_date=law_day, lang=lang, unlock=False)
    after = evaluate(changed, law_date=law_day, lang=lang, unlock=False)
    return WhatIf(before, after, applied, differences(before, after))


def compare(applicant: ApplicantSource, law_dates: Sequence[_dt.date | str], *,
            as_of: _dt.date | str | None = None, lang: str = "en") -> Comparison:
    """The facts of ``as_of`` under the law of each of ``law_dates`` (two or
    more): what a change of the law alone did to this person."""
    days = [_law_date(d) for d in law_dates]
    if len(days) < 2:
        raise InvalidApplicant([Problem("law_date", list(law_dates), "give two or more law dates to compare")])
    model = load_applicant(applicant, as_of=as_of)
    reports = tuple(evaluate(model, law_date=d, lang=lang, unlock=False) for d in days)
    steps = tuple(LawStep(a.law_date, b.law_date, differences(a, b)) for a, b in zip(reports, reports[1:]))
    return Comparison(reports, steps)


def timeline(applicant: ApplicantSource, until: _dt.date | str | None = None, *,
             as_of: _dt.date | str | None = None, law_date: _dt.date | str | None = None,
             lang: str = "en") -> Timeline:
    """Nothing changes but time: every day from ``as_of`` through ``until``
    (default: five years later) on which a permit's status or effect
    changes, with the conditions that changed. ``law_date`` holds the law
    of that day fixed instead of letting it change with time."""
    model = load_applicant(applicant, as_of=as_of)
    end = _date_field("until", until) or add_months(model.as_of, 60)
    return time_passing.build(model, end, law_date=_law_date(law_date), lang=lang)


def law(date: _dt.date | str | None = None, *, norm: str | None = None, lang: str = "en") -> Lawbook:
    """What each norm (or ``norm``) asks on ``date`` (default: today): its
    conditions, strengths, effect, citations, groups and the dates of its
    versions, read from the knowledge base."""
    return lawbook.read(_law_date(date) or _dt.date.today(), norm=norm, lang=lang)


def _date_field(name: str, value: _dt.date | str | None) -> _dt.date | None:
    """A date argument other than the law date, checked like the file's dates."""
    if value is None or isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidApplicant([Problem(name, value, f"{value} is not a date (YYYY-MM-DD)")]) from None
