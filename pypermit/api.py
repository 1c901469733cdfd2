"""The public Python API: what a counselling tool or a notebook calls, and
what the command line calls too."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeAlias

from pypermit import engine, lawbook, report
from pypermit.applicant.fields import COVERAGE_START
from pypermit.applicant.load import load_applicant
from pypermit.applicant.model import Applicant
from pypermit.applicant.scalars import day_fault, read_day
from pypermit.applicant.text import show
from pypermit.calendar import add_months
from pypermit.errors import InvalidApplicant, Problem
from pypermit.lawbook.book import Lawbook
from pypermit.report import questions
from pypermit.report import unlock as unlock_search
from pypermit.scenarios import paths as permit_paths
from pypermit.scenarios import timeline as time_passing
from pypermit.scenarios.compare import Comparison, LawStep
from pypermit.scenarios.difference import differences
from pypermit.scenarios.timeline import Timeline
from pypermit.scenarios.whatif import WhatIf, apply_changes, with_reasons

#: The languages of the texts.
LANGUAGES = ("en", "de")

ApplicantSource: TypeAlias = Applicant | Mapping[str, Any] | str | Path


def evaluate(applicant: ApplicantSource, as_of: _dt.date | str | None = None, *,
             law_date: _dt.date | str | None = None, lang: str = "en",
             unlock: bool = True, max_changes: int | None = None) -> report.Report:
    """Evaluate one person on ``as_of`` (default: the file's ``as_of``, else
    today) under the law in force that day, or on ``law_date`` if given.

    With ``unlock`` (the default), every permit that is not eligible carries
    the minimal sets of changes that would make it eligible.
    Raises :class:`pypermit.InvalidApplicant` for input that breaks the
    applicant format or an argument it cannot take; nothing is evaluated then.
    Every error pypermit raises is a :class:`pypermit.Error`.
    """
    lang, max_changes = checked_lang(lang), _max_changes(max_changes)
    model = load_applicant(applicant, as_of=as_of)
    law_day = checked_law_date(law_date)
    if unlock and not model.unknown:
        result, search = unlock_search.evaluated(model, law_date=law_day, max_changes=max_changes, lang=lang)
        return unlock_search.with_unlock(result, model, [], law_date=law_day, max_changes=max_changes,
                                         search=search)
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
    law_day = checked_law_date(law_date)
    model = load_applicant(applicant, as_of=as_of)
    return questions.next_questions(model, law_date=law_day)


def unlock(applicant: ApplicantSource, permit: str | None = None, max_changes: int | None = None, *,
           as_of: _dt.date | str | None = None, law_date: _dt.date | str | None = None,
           lang: str = "en") -> dict[str, tuple[report.UnlockOption, ...]]:
    """The minimal sets of changes for each permit that is not eligible (or
    for ``permit`` alone), fewest changes first, then earliest day."""
    lang, max_changes = checked_lang(lang), _max_changes(max_changes)
    model = load_applicant(applicant, as_of=as_of)
    law_day = checked_law_date(law_date)
    search = None
    if model.unknown:
        derived = engine.derive(model, law_date=law_day, days=True)
        result, days = report.build(model, derived, lang=lang), engine.change_days(derived)
    else:
        (result, search), days = unlock_search.evaluated(model, law_date=law_day, max_changes=max_changes,
                                                         lang=lang), []
    if permit is not None:
        result.permit(permit)   # UnknownPermit names the permits there are
    result = unlock_search.with_unlock(result, model, days, law_date=law_day,
                                       max_changes=max_changes, only=permit, search=search)
    return {p.id: p.unlock for p in result.permits if permit is None or p.id == permit}


def _day(name: str, value: Any) -> _dt.date | None:
    """A date argument: a date, or its text YYYY-MM-DD, checked like the file's dates."""
    if value is None:
        return None
    fault = day_fault(value)
    if fault:
        raise InvalidApplicant([Problem(name, value, f"{show(value)} is not {fault}")])
    return read_day(value)


def checked_law_date(value: _dt.date | str | None) -> _dt.date | None:
    """A law date is checked like the file's dates: a real day in the coverage."""
    day = _day("law_date", value)
    if day is not None and day < COVERAGE_START:
        raise InvalidApplicant([Problem("law_date", value,
                                        f"{day} is before {COVERAGE_START}, where the coverage starts")])
    return day


def checked_lang(value: Any) -> str:
    if value not in LANGUAGES:
        raise InvalidApplicant([Problem("lang", value, f"{show(value)} is not a language of the texts; "
                                                       f"one of: {', '.join(LANGUAGES)}")])
    lang: str = value   # one of LANGUAGES
    return lang


def _max_changes(value: Any) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise InvalidApplicant([Problem("max_changes", value, f"{show(value)} is not a whole number from 1 on")])
    return value


# --- what-if, law dates, time passing, the law itself ---------------------------


def whatif(applicant: ApplicantSource, changes: Mapping[str, Any], *, as_of: _dt.date | str | None = None,
           law_date: _dt.date | str | None = None, lang: str = "en") -> WhatIf:
    """The same person before and after ``changes`` (field path -> value as
    written in the file, e.g. ``{"german": "B1", "stay[1].status":
    "duldung"}``): both reports, the changes with their old values, and the
    permits that differ with the conditions that explain it."""
    lang, law_day = checked_lang(lang), checked_law_date(law_date)
    if not isinstance(changes, Mapping):
        raise InvalidApplicant([Problem("changes", changes, f"{show(changes)} is not a mapping of field "
                                                            "paths to values, like {\"german\": \"B1\"}")])
    model = load_applicant(applicant, as_of=as_of)
    changed, applied = apply_changes(model, changes)
    before = evaluate(model, law_date=law_day, lang=lang, unlock=False)
    after = evaluate(changed, law_date=law_day, lang=lang, unlock=False)
    return WhatIf(before, after, applied, with_reasons(differences(before, after), applied))


def compare(applicant: ApplicantSource, law_dates: Sequence[_dt.date | str], *,
            as_of: _dt.date | str | None = None, lang: str = "en") -> Comparison:
    """The facts of ``as_of`` under the law of each of ``law_dates`` (two or
    more): what a change of the law alone did to this person."""
    lang = checked_lang(lang)
    if isinstance(law_dates, (str, _dt.date)) or not isinstance(law_dates, Sequence):
        raise InvalidApplicant([Problem("law_date", law_dates, "give a list of two or more law dates to compare")])
    days = [checked_law_date(d) for d in law_dates]
    if len(days) < 2:
        raise InvalidApplicant([Problem("law_date", list(law_dates), "give two or more law dates to compare")])
    model = load_applicant(applicant, as_of=as_of)
    reports = tuple(evaluate(model, law_date=d, lang=lang, unlock=False) for d in days)
    steps = tuple(LawStep(a.law_date, b.law_date, differences(a, b)) for a, b in pairwise(reports))
    return Comparison(reports, steps)


def timeline(applicant: ApplicantSource, until: _dt.date | str | None = None, *,
             as_of: _dt.date | str | None = None, law_date: _dt.date | str | None = None,
             lang: str = "en") -> Timeline:
    """Nothing changes but time: every day from ``as_of`` through ``until``
    (default: five years later) on which a permit's status or effect
    changes, with the conditions that changed. ``law_date`` holds the law
    of that day fixed instead of letting it change with time."""
    lang, law_day, end = checked_lang(lang), checked_law_date(law_date), _day("until", until)
    model = load_applicant(applicant, as_of=as_of)
    return time_passing.build(model, end or add_months(model.as_of, 60), law_date=law_day, lang=lang)


def paths(applicant: ApplicantSource, *, as_of: _dt.date | str | None = None,
          law_date: _dt.date | str | None = None, max_steps: int = permit_paths.MAX_STEPS,
          lang: str = "en") -> permit_paths.Paths:
    """Chains of permits over time from ``as_of``: each permit reached on
    its day with the least changes (eligible, or eligible if the authority
    waives), then held from that day on as the stay for the next, at most
    ``max_steps`` (1 to 3) and ten years ahead; ordered by the day the last
    step is reached. ``law_date`` holds the law of that day fixed."""
    lang, law_day = checked_lang(lang), checked_law_date(law_date)
    if isinstance(max_steps, bool) or not isinstance(max_steps, int) or not 1 <= max_steps <= permit_paths.MAX_STEPS:
        raise InvalidApplicant([Problem("max_steps", max_steps, f"{show(max_steps)} is not a whole number "
                                                                f"from 1 to {permit_paths.MAX_STEPS}")])
    model = load_applicant(applicant, as_of=as_of)
    return permit_paths.build(model, law_date=law_day, max_steps=max_steps, lang=lang)


def law(date: _dt.date | str | None = None, *, norm: str | None = None, lang: str = "en") -> Lawbook:
    """What each norm (or ``norm``) asks on ``date`` (default: today): its
    conditions, strengths, effect, citations, groups and the dates of its
    versions, read from the knowledge base."""
    return lawbook.read(checked_law_date(date) or _dt.date.today(), norm=norm, lang=checked_lang(lang))
