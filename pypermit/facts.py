"""The applicant as ASP facts: the only place that knows both the file
format and the knowledge base's input predicates (documented in kb/schema.lp).

Dates become day numbers; every scalar field becomes ``given(Path, Value)``
under its field path, so the rules, the change search and the explanations
name facts exactly as the applicant file does.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

import clingo

from .applicant import Applicant
from .calendar import day_number

#: Numbers that may carry fractions are given to the rules in hundredths.
HUNDREDTHS = frozenset({"livelihood.own_share", "household.living_space_sqm", "education.school_years"})

#: Fields that are not scalar facts: days and lists have predicates of their own.
_STRUCTURED = frozenset({"as_of", "application_date", "birth_date", "stay", "convictions", "household.children"})


def term(path: str, value: Any) -> clingo.Symbol:
    """The ASP term for a scalar fact's value."""
    if isinstance(value, bool):
        return clingo.Function("true" if value else "false")
    if isinstance(value, (int, float)):
        return clingo.Number(round(value * 100) if path in HUNDREDTHS else int(value))
    if isinstance(value, _dt.date):
        return clingo.Number(day_number(value))
    return clingo.String(str(value))


def from_term(path: str, symbol: clingo.Symbol) -> Any:
    """The applicant-file value of a term (inverse of :func:`term`)."""
    if symbol.type == clingo.SymbolType.Function and symbol.name in ("true", "false") and not symbol.arguments:
        return symbol.name == "true"
    if symbol.type == clingo.SymbolType.Number:
        if path in HUNDREDTHS:
            n = symbol.number / 100
            return int(n) if n == int(n) else n
        return symbol.number
    if symbol.type == clingo.SymbolType.String:
        return symbol.string
    return str(symbol)


def scalar_facts(applicant: Applicant) -> dict[str, Any]:
    """Every scalar field of the applicant by its dotted path."""
    out: dict[str, Any] = {}

    def walk(prefix: str, data: dict[str, Any]) -> None:
        for key, value in data.items():
            path = f"{prefix}{key}"
            if path in _STRUCTURED:
                continue
            if isinstance(value, dict):
                walk(f"{path}.", value)
            elif not isinstance(value, (list, tuple)):
                out[path] = value

    walk("", applicant.model_dump())
    return out


def _fact(name: str, *args: Any) -> str:
    return str(clingo.Function(name, [a if isinstance(a, clingo.Symbol) else _sym(a) for a in args])) + "."


def _sym(value: Any) -> clingo.Symbol:
    if isinstance(value, _dt.date):
        return clingo.Number(day_number(value))
    if isinstance(value, int):
        return clingo.Number(value)
    return clingo.String(value)


def applicant_facts(applicant: Applicant, *, law_date: _dt.date | None = None) -> str:
    """The program text of one applicant's facts."""
    return "\n".join(_lines(applicant, law_date))


def _lines(a: Applicant, law_date: _dt.date | None) -> Iterable[str]:
    yield _fact("today", a.as_of)
    yield _fact("application_given", a.application_date)
    yield _fact("born_day", a.birth_date)
    if law_date is not None:
        yield _fact("law_day_given", law_date)
    for path, value in scalar_facts(a).items():
        yield _fact("given", clingo.String(path), term(path, value))
    for i, period in enumerate(a.stay):
        yield _fact("stay", i, period.since, clingo.Function(period.status))
        if period.basis is not None:
            yield _fact("basis", i, period.basis)
    for i, c in enumerate(a.convictions):
        yield _fact("conviction", i, c.date)
        for name in ("daily_rates", "prison_months", "youth_custody_months"):
            if getattr(c, name):
                yield _fact(name, i, getattr(c, name))
        for name in ("suspended", "juvenile", "immigration_offence", "intentional"):
            if getattr(c, name):
                yield _fact(name, i)
    for i, child in enumerate(a.household.children):
        yield _fact("child", i, child.birth_date)
        for name in ("in_household", "unmarried", "attends_school"):
            if getattr(child, name):
                yield _fact(f"child_{name}", i)
