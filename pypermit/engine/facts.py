"""The applicant as ASP facts: the only place that knows both the file
format and the knowledge base's input predicates (documented in kb/machinery/schema.lp).

Dates become day numbers; every scalar field becomes ``given(Path, Value)``
under its field path, so the rules, the change search and the explanations
name facts exactly as the applicant file does.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, TypeVar

import clingo

from pypermit.applicant import paths
from pypermit.applicant.fields import BASES, STATUSES
from pypermit.applicant.model import Applicant
from pypermit.applicant.problems import field_at
from pypermit.applicant.unknowns import choices, since_bounds
from pypermit.calendar import day_number

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


T = TypeVar("T")

#: What was last made of a few applicants, by identity: an Applicant is
#: immutable, and one evaluation reads its facts several times (the days,
#: the search, the report).
_RECENT: dict[tuple[str, int, Any], tuple[Applicant, Any]] = {}


def _remembered(kind: str, applicant: Applicant, key: Any, make: Callable[[], T]) -> T:
    entry = _RECENT.get((kind, id(applicant), key))
    if entry is not None and entry[0] is applicant:
        value: T = entry[1]
        return value
    value = make()
    if len(_RECENT) >= 16:
        _RECENT.clear()
    _RECENT[(kind, id(applicant), key)] = (applicant, value)
    return value


def scalar_facts(applicant: Applicant) -> dict[str, Any]:
    """Every scalar field of the applicant by its dotted path."""
    return dict(_remembered("scalar", applicant, None, lambda: _scalar_facts(applicant)))


def _scalar_facts(applicant: Applicant) -> dict[str, Any]:
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


def fact(name: str, *args: Any) -> str:
    """A fact as clingo prints it, written without building its symbol (a
    batch writes tens of thousands: clingo's symbols are slow to make)."""
    return f"{name}({','.join(map(_text, args))})." if args else f"{name}."


def _text(value: Any) -> str:
    """An argument as clingo prints it: a symbol, a day (its number), a
    whole number, or a string."""
    if isinstance(value, clingo.Symbol):
        return _symbol_text(value)
    if isinstance(value, _dt.date):
        return str(day_number(value))
    if isinstance(value, int):
        return str(int(value))
    return _string_text(value)


@lru_cache(maxsize=4096)
def _symbol_text(symbol: clingo.Symbol) -> str:
    return str(symbol)


@lru_cache(maxsize=4096)
def _string_text(value: str) -> str:
    return str(clingo.String(value))


@lru_cache(maxsize=4096)
def _given_text(path: str, kind: str, value: Any) -> str:
    """The fact ``given(Path, Value)``; ``kind`` (the type's name) keeps True and 1 apart."""
    return fact("given", clingo.String(path), term(path, value))


def applicant_facts(applicant: Applicant, *, law_date: _dt.date | None = None) -> str:
    """The program text of one applicant's facts."""
    return _remembered("facts", applicant, law_date, lambda: "\n".join(_lines(applicant, law_date)))


def _lines(a: Applicant, law_date: _dt.date | None) -> Iterable[str]:
    unknown = a.unknown
    yield fact("today", a.as_of)
    yield fact("application_given", a.application_date)
    yield fact("born_day", a.birth_date)
    if law_date is not None:
        yield fact("law_day_given", law_date)
    for path, value in scalar_facts(a).items():
        if path in unknown:
            yield from _unknown_scalar(path)
        else:
            yield _given_text(path, type(value).__name__, value)
    yield from _stay(a, unknown)
    for i, c in enumerate(a.convictions):
        yield fact("conviction", i, c.date)
        for name in ("daily_rates", "prison_months", "youth_custody_months"):
            if f"convictions[{i}].{name}" in unknown:
                yield fact("conviction_unknown", i, clingo.Function(name), f"convictions[{i}].{name}")
            elif getattr(c, name):
                yield fact(name, i, getattr(c, name))
        for name in ("suspended", "juvenile", "immigration_offence", "intentional"):
            if f"convictions[{i}].{name}" in unknown:
                yield fact("conviction_unknown", i, clingo.Function(name), f"convictions[{i}].{name}")
            elif getattr(c, name):
                yield fact(name, i)
    for i, child in enumerate(a.household.children):
        for name in ("birth_date", "in_household", "unmarried", "attends_school"):
            path = f"household.children[{i}].{name}"
            if path in unknown:
                yield fact("child_unknown", i, clingo.Function(name), path)
            elif name == "birth_date":
                yield fact("child", i, child.birth_date)
            elif getattr(child, name):
                yield fact(f"child_{name}", i)


def _unknown_scalar(path: str) -> Iterable[str]:
    """An unknown scalar, with its domain where the format fixes it (yes/no,
    one of a list); numbers get theirs from the rules."""
    yield fact("unknown", path)
    info, _ = field_at(tuple(paths.parse(path)))
    for value in (choices(info.annotation) if info is not None else None) or ():
        yield fact("domain", clingo.String(path), term(path, value))


def _stay(a: Applicant, unknown: frozenset[str]) -> Iterable[str]:
    """Stay periods; one whose start or status is unknown is "open": the
    rules choose among its possible starts and statuses."""
    periods = [{**p.model_dump(mode="json"), **({"since": "unknown"} if f"stay[{i}].since" in unknown else {})}
               for i, p in enumerate(a.stay)]
    for i, period in enumerate(a.stay):
        since_path, status_path, basis_path = f"stay[{i}].since", f"stay[{i}].status", f"stay[{i}].basis"
        basis_known = period.basis is not None and basis_path not in unknown
        if basis_known:
            yield fact("basis", i, period.basis)
        elif status_path in unknown or basis_path in unknown:
            for basis in BASES:
                yield fact("basis_option", i, basis)
            if basis_path in unknown:   # a permit of unknown basis
                yield fact("basis_unknown", i, basis_path)
        if since_path not in unknown and status_path not in unknown:
            yield fact("stay", i, period.since, clingo.Function(period.status))
            continue
        yield fact("stay_open", i)
        if since_path in unknown:
            low, high = since_bounds(periods, i, a.as_of, a.application_date)
            yield fact("since_unknown", i, low or a.birth_date, high, since_path)
        else:
            yield fact("since_option", i, period.since)
        if status_path in unknown:
            yield fact("status_unknown", i, status_path)
            if period.basis is not None:   # a basis is given (or unknown) only with a permit
                yield fact("status_option", i, clingo.Function("permit"))
            else:                           # a permit, if it is one, of any basis
                for status in STATUSES:
                    yield fact("status_option", i, clingo.Function(status))
                yield fact("basis_unknown", i, f"stay[{i}].basis")
        else:
            yield fact("status_option", i, clingo.Function(period.status))
