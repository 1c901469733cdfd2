"""Exact calendar arithmetic for the rules (§§ 187, 188 BGB).

ASP has integers, not dates. Python turns dates into day numbers (proleptic
Gregorian ordinals) and offers the few calendar functions the rules call
while grounding (``@years_end(S, N)`` ...). These functions compute days;
they never decide whether a period suffices: the rules compare.
"""

from __future__ import annotations

import calendar as _cal
import datetime as _dt

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
    to that month's last day (§ 188 Abs. 3 BGB)."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = _cal.monthrange(year, month)[1]
    return _dt.date(year, month, min(d.day, last))


def period_end(start: _dt.date, months: int) -> _dt.date:
    """Last day of a period of ``months`` months that starts on ``start``
    (the period is complete at the end of this day): (start − 1 day) + months.

    This is the legal brief's convention (law.md, section 1). It agrees with
    § 188 Abs. 2 BGB except where the start is the 1st of a month following a
    shorter month (18 months from 2019-10-01: the brief ends 2021-03-30,
    § 188 Abs. 2 BGB on 2021-03-31); we follow the brief, which is the
    contract the rules are checked against."""
    return add_months(start - ONE_DAY, months)


def latest_start(day: _dt.date, months: int) -> _dt.date:
    """The latest day on which a period of ``months`` months may begin and
    still be complete by the end of ``day``: the largest S with
    period_end(S, months) <= day."""
    start = add_months(day + ONE_DAY, -months)
    while period_end(start, months) > day:
        start -= ONE_DAY
    while period_end(start + ONE_DAY, months) <= day:
        start += ONE_DAY
    return start


def whole_months_between(earlier: _dt.date, later: _dt.date) -> int:
    """Whole months from ``earlier`` to ``later`` (0 if later is not after)."""
    if later <= earlier:
        return 0
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    while months > 0 and add_months(earlier, months) > later:
        months -= 1
    return months


class Calendar:
    """The grounding context: the calendar functions the rules may call."""

    @staticmethod
    def day(ymd: clingo.Symbol) -> clingo.Symbol:
        """``@day(20221031)``: the day number of a YYYYMMDD date."""
        return clingo.Number(day_number(from_ymd(ymd.number)))

    @staticmethod
    def ymd(day: clingo.Symbol) -> clingo.Symbol:
        """``@ymd(D)``: the YYYYMMDD integer of day number D."""
        return clingo.Number(to_ymd(from_day_number(day.number)))

    @staticmethod
    def years_end(start: clingo.Symbol, years: clingo.Symbol) -> clingo.Symbol:
        """``@years_end(S, N)``: last day of N years begun on day S; also the
        day on which a person born on S completes the Nth year of life."""
        return clingo.Number(day_number(period_end(from_day_number(start.number), 12 * years.number)))

    @staticmethod
    def months_end(start: clingo.Symbol, months: clingo.Symbol) -> clingo.Symbol:
        """``@months_end(S, N)``: last day of N months begun on day S."""
        return clingo.Number(day_number(period_end(from_day_number(start.number), months.number)))

    @staticmethod
    def years_latest_start(day: clingo.Symbol, years: clingo.Symbol) -> clingo.Symbol:
        """``@years_latest_start(D, N)``: the latest start of N years complete by day D."""
        return clingo.Number(day_number(latest_start(from_day_number(day.number), 12 * years.number)))

    @staticmethod
    def months_latest_start(day: clingo.Symbol, months: clingo.Symbol) -> clingo.Symbol:
        """``@months_latest_start(D, N)``: the latest start of N months complete by day D."""
        return clingo.Number(day_number(latest_start(from_day_number(day.number), months.number)))

    @staticmethod
    def years_before(day: clingo.Symbol, years: clingo.Symbol) -> clingo.Symbol:
        """``@years_before(D, N)``: the day N years before day D (a person born
        then has the Nth birthday on D)."""
        return clingo.Number(day_number(add_months(from_day_number(day.number), -12 * years.number)))

    @staticmethod
    def frozen_flips(count: clingo.Symbol, length: clingo.Symbol, start: clingo.Symbol,
                     end: clingo.Symbol) -> list[clingo.Symbol]:
        """``@frozen_flips(C, Q, T0, H)``: the days after T0 up to H on which a
        stay of C counted days that no longer grows (the current period is
        skipped), placed as one period ending on the day, starts or stops
        covering the length Q (years(N) or months(N)). The span a length
        needs varies by a day near month ends, so only those days are tried."""
        months = length.arguments[0].number * (12 if length.name == "years" else 1)
        first, last = from_day_number(start.number), from_day_number(end.number)

        def covered(day: _dt.date) -> bool:
            return (day - latest_start(day, months)).days + 1 <= count.number

        out, day, before = [], first + ONE_DAY, covered(first)
        while day <= last:
            if day.day >= 27 or day.day <= 2:
                now = covered(day)
                if now != before:
                    out.append(clingo.Number(day_number(day)))
                before = now
            day += ONE_DAY
        return out

    @staticmethod
    def months_between(earlier: clingo.Symbol, later: clingo.Symbol) -> clingo.Symbol:
        """``@months_between(A, B)``: whole months from day A to day B."""
        return clingo.Number(
            whole_months_between(from_day_number(earlier.number), from_day_number(later.number))
        )

    @staticmethod
    def add_months(day: clingo.Symbol, months: clingo.Symbol) -> clingo.Symbol:
        """``@add_months(D, N)``: the day N whole months after day D."""
        return clingo.Number(day_number(add_months(from_day_number(day.number), months.number)))
