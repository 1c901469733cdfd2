"""Exact calendar arithmetic for the rules (§§ 187, 188 BGB).

ASP has integers, not dates. Python turns dates into day numbers (proleptic
Gregorian ordinals) and offers the few calendar functions the rules call
while grounding (``@years_end(S, N)`` ...). These functions compute days;
they never decide whether a period suffices: the rules compare.
"""

from __future__ import annotations

import calendar as _cal
import datetime as _dt
from collections.abc import Callable
from typing import Any

import clingo

ONE_DAY = _dt.timedelta(days=1)


def day_number(d: _dt.date) -> int:
    """The day number the rules use for a date."""
    return d.toordinal()


def from_day_number(n: int) -> _dt.date:
    return _dt.date.fromordinal(n)


def from_ymd(ymd: int) -> _dt.date:
    """A YYYYMMDD integer (how the knowledge base writes the law's dates)."""
    return _dt.date(ymd // 10000, ymd // 100 % 100, ymd % 100)


def to_ymd(d: _dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def add_months(d: _dt.date, months: int) -> _dt.date:
    """``d`` moved by whole months; a day missing in the target month clamps
    to that month's last day."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = _cal.monthrange(year, month)[1]
    return _dt.date(year, month, min(d.day, last))


def period_end(start: _dt.date, months: int) -> _dt.date:
    """Last day X of a period of ``months`` months begun on ``start`` (§ 187
    Abs. 2, § 188 Abs. 2, 3 BGB; legal brief, section 1): the day before the
    day that carries ``start``'s day number in the month ``months`` later; where
    that month is too short for the day number, its last day. The period is
    complete at the end of X; a person born on ``start`` completes that many
    months of life then (the birthday counts, § 187 Abs. 2 Satz 2 BGB)."""
    same_day = add_months(start, months)
    return same_day if same_day.day < start.day else same_day - ONE_DAY


def birthday(birth: _dt.date, years: int) -> _dt.date:
    """The day a person born on ``birth`` is ``years`` old: the day after
    the period rule's X (§ 187 Abs. 2 Satz 2 BGB; born on 29 February, one
    is a year older on 1 March)."""
    return period_end(birth, 12 * years) + ONE_DAY


def latest_start(day: _dt.date, months: int) -> _dt.date:
    """The latest day on which a period of ``months`` months may begin and
    still be complete by the end of ``day``: the largest S with
    period_end(S, months) <= day (period_end never decreases in S)."""
    start = add_months(day + ONE_DAY, -months)
    while period_end(start, months) > day:
        start -= ONE_DAY
    while period_end(start + ONE_DAY, months) <= day:
        start += ONE_DAY
    return start


def months_passed(since: _dt.date, day: _dt.date) -> int:
    """How many whole months of a period begun on ``since`` are complete on
    ``day`` (the period rule's month steps): the largest k with
    period_end(since, k) <= day, 0 if none."""
    if day < since:
        return 0
    k = (day.year - since.year) * 12 + (day.month - since.month) + 1
    while k > 0 and period_end(since, k) > day:
        k -= 1
    return k


#: The most answers a calendar function keeps before it starts afresh.
_MEMO_SIZE = 1 << 16


def _memo(days: Callable[..., int]) -> Any:
    """A calendar function for the rules: the numbers of its arguments in,
    the day (or count) out as a symbol, remembered by the arguments' values.
    The rules call the same function with the same days many times while
    grounding (for every stay counted, every day evaluated); the arithmetic
    is done once per process and value."""
    answers: dict[tuple[int, ...], clingo.Symbol] = {}

    def call(*symbols: clingo.Symbol) -> clingo.Symbol:
        key = tuple(s.number for s in symbols)
        answer = answers.get(key)
        if answer is None:
            if len(answers) >= _MEMO_SIZE:
                answers.clear()
            answer = answers[key] = clingo.Number(days(*key))
        return answer

    call.__doc__ = days.__doc__
    return staticmethod(call)


class Calendar:
    """The grounding context: the calendar functions the rules may call
    (each takes and gives day numbers, or counts)."""

    @_memo
    def day(ymd: int) -> int:
        """``@day(20221031)``: the day number of a YYYYMMDD date."""
        return day_number(from_ymd(ymd))

    @_memo
    def ymd(day: int) -> int:
        """``@ymd(D)``: the YYYYMMDD integer of day number D."""
        return to_ymd(from_day_number(day))

    @_memo
    def years_end(start: int, years: int) -> int:
        """``@years_end(S, N)``: last day of N years begun on day S; also the
        day on which a person born on S completes the Nth year of life."""
        return day_number(period_end(from_day_number(start), 12 * years))

    @_memo
    def months_end(start: int, months: int) -> int:
        """``@months_end(S, N)``: last day of N months begun on day S."""
        return day_number(period_end(from_day_number(start), months))

    @_memo
    def years_latest_start(day: int, years: int) -> int:
        """``@years_latest_start(D, N)``: the latest start of N years complete by day D."""
        return day_number(latest_start(from_day_number(day), 12 * years))

    @_memo
    def months_latest_start(day: int, months: int) -> int:
        """``@months_latest_start(D, N)``: the latest start of N months complete by day D."""
        return day_number(latest_start(from_day_number(day), months))

    @_memo
    def years_before(day: int, years: int) -> int:
        """``@years_before(D, N)``: the day N years before day D (a person born
        then has the Nth birthday on D)."""
        return day_number(add_months(from_day_number(day), -12 * years))

    @_memo
    def months_passed(since: int, day: int) -> int:
        """``@months_passed(S, D)``: whole months of a period begun on S complete on D."""
        return months_passed(from_day_number(since), from_day_number(day))

    @_memo
    def year(day: int) -> int:
        """``@year(D)``: the calendar year of day D (birth cohorts, § 235 SGB VI)."""
        return from_day_number(day).year
