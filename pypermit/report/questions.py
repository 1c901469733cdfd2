"""The questions that decide what is still open.

For each permit whose outcome depends on unknown facts, the rules are asked
(brave reasoning under an assumed outcome) which values of each unknown fact
are compatible with each possible outcome. A fact decides a permit when
some of its values rule an outcome out; the most decisive facts come first.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import clingo

from pypermit import engine
from pypermit.applicant.model import Applicant
from pypermit.calendar import from_day_number
from pypermit.engine.atoms import py
from pypermit.engine.facts import HUNDREDTHS


@dataclass(frozen=True)
class Question:
    """An unknown fact, the permits whose outcome it can change, its values,
    and for each such permit the values under which it can be eligible."""
    fact: str
    decides: tuple[str, ...]
    values: tuple[Any, ...]
    eligible_if: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"fact": self.fact, "decides": list(self.decides), "values": [_json(v) for v in self.values],
                "eligible_if": {p: [_json(v) for v in vs] for p, vs in self.eligible_if.items()},
                "eligible_if_text": {p: describe(self.values, vs) for p, vs in self.eligible_if.items()}}


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, _dt.date) else value


def _text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(_json(value))


def file_value(path: str, value: Any) -> Any:
    """An answer as the applicant file writes it."""
    if isinstance(value, tuple) and value[0] == "date":
        return from_day_number(value[1])
    if value in ("true", "false"):
        return value == "true"
    if isinstance(value, int) and path in HUNDREDTHS:
        return value // 100 if value % 100 == 0 else value / 100
    return value


def _order(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, (int, float, _dt.date)) and not isinstance(value, bool) else (1, str(value))


def describe(values: tuple[Any, ...], chosen: tuple[Any, ...], word: Callable[[Any], str] = _text,
             nothing: str = "none") -> str:
    """"≤ 2020-11-22", "≥ 51", or the values themselves, each as ``word``
    writes it (as the file writes it unless said otherwise); ``nothing``
    where no value is chosen."""
    if not chosen:
        return nothing
    ordered = sorted(values, key=_order)
    ordinal = all(_order(v)[0] == 0 for v in ordered)
    picked = [v in chosen for v in ordered]
    if ordinal and len(chosen) < len(values):
        if picked == sorted(picked, reverse=True):
            return f"≤ {word(ordered[picked.count(True) - 1])}"
        if picked == sorted(picked):
            return f"≥ {word(ordered[picked.index(True)])}"
    return ", ".join(word(v) for v in sorted(chosen, key=_order))


def _answers(atoms: frozenset[clingo.Symbol]) -> dict[str, set[Any]]:
    out: dict[str, set[Any]] = defaultdict(set)
    for s in atoms:
        if s.name == "answer":
            path = s.arguments[0].string
            out[path].add(file_value(path, py(s.arguments[1])))
    return out


def _waits_for_status(fact: str, domain: dict[str, set[Any]]) -> bool:
    """A period's basis is asked only once its status is known."""
    return fact.endswith(".basis") and fact[: -len(".basis")] + ".status" in domain


def _brave(ctl: clingo.Control | None, assumptions: engine.Assumptions) -> dict[str, set[Any]]:
    """The answers of the unknown facts compatible with ``assumptions``."""
    if ctl is None:   # engine.derive keeps the program where facts are unknown
        raise ValueError("the questions need the derivation of an applicant with unknown facts")
    return _answers(engine.consequences(ctl, "brave", assumptions) or frozenset())


def _decisive_for_conditions(derived: engine.Derivation, permits: list[str], domain: dict[str, set[Any]],
                             decides: dict[str, list[str]]) -> None:
    """Where no single fact settles an open permit, the facts that settle one
    of its open conditions (met in some completions, not in others)."""
    ctl = derived.control
    certain = {(s.arguments[0].string, str(s.arguments[1])) for s in derived.certain if s.name == "met"}
    for s in derived.possible:
        if s.name != "met" or s.arguments[0].string not in permits or \
                (s.arguments[0].string, str(s.arguments[1])) in certain:
            continue
        permit = s.arguments[0].string
        for truth in (True, False):
            under = _brave(ctl, [(s, truth)])
            for fact, values in domain.items():
                if under.get(fact, set()) != values and permit not in decides[fact]:
                    decides[fact].append(permit)


def next_questions(applicant: Applicant, derived: engine.Derivation | None = None, *,
                   law_date: _dt.date | None = None) -> list[Question]:
    """The unknown facts that can still change an outcome, most decisive first."""
    if not applicant.unknown:
        return []
    derived = derived or engine.derive(applicant, law_date=law_date)
    ctl = derived.control
    statuses: dict[str, set[clingo.Symbol]] = defaultdict(set)
    for s in derived.possible:
        if s.name == "status":
            statuses[s.arguments[0].string].add(s.arguments[1])
    domain = _answers(derived.possible)
    open_permits = sorted(p for p, ss in statuses.items() if len(ss) > 1)
    decides: dict[str, list[str]] = defaultdict(list)
    eligible_if: dict[str, dict[str, tuple[Any, ...]]] = defaultdict(dict)
    for permit in open_permits:
        for status in statuses[permit]:
            assumed = clingo.Function("status", [clingo.String(permit), status])
            under = _brave(ctl, [(assumed, True)])
            for fact, values in domain.items():
                if under.get(fact, set()) != values and permit not in decides[fact]:
                    decides[fact].append(permit)
                if status.name == "eligible":
                    eligible_if[fact][permit] = tuple(sorted(under.get(fact, ()), key=_order))
    if open_permits and not any(decides.values()):
        _decisive_for_conditions(derived, open_permits, domain, decides)
    asked = [f for f in domain if decides[f] and not _waits_for_status(f, domain)]
    if open_permits and not asked:   # facts that matter only together: ask them all
        asked = [f for f in domain if not _waits_for_status(f, domain)]
    questions = [Question(fact, tuple(decides[fact]), tuple(sorted(domain[fact], key=_order)),
                          {p: v for p, v in eligible_if[fact].items()
                           if p in decides[fact] and set(v) != domain[fact]})
                 for fact in asked]
    return sorted(questions, key=lambda q: (-len(q.decides), q.fact))
