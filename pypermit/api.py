"""The public Python API: what a counselling tool or a notebook calls, and
what the command line calls too."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any, Mapping, Union

from . import engine, report
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
    symbols = engine.derive(model, law_date=law_day)
    result = report.build(model, symbols, lang=lang)
    if unlock:
        result = unlock_search.with_unlock(result, model, engine.change_days(symbols),
                                           law_date=law_day, max_changes=max_changes)
    return result


def unlock(applicant: ApplicantSource, permit: str | None = None, max_changes: int | None = None, *,
           as_of: _dt.date | str | None = None, law_date: _dt.date | str | None = None,
           lang: str = "en") -> dict[str, tuple[report.UnlockOption, ...]]:
    """The minimal sets of changes for each permit that is not eligible (or
    for ``permit`` alone), fewest changes first, then earliest day."""
    model = load_applicant(applicant, as_of=as_of)
    law_day = _law_date(law_date)
    symbols = engine.derive(model, law_date=law_day)
    result = report.build(model, symbols, lang=lang)
    if permit is not None:
        result.permit(permit)   # a KeyError names the permits there are
    result = unlock_search.with_unlock(result, model, engine.change_days(symbols), law_date=law_day,
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
