"""One answer of the search for changes (kb/machinery/search.lp), read: the changes
it chose, the permit's status and conditions with them, the route it takes,
what grew by itself until its day. Used by unlock and by paths."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

import clingo

from pypermit.calendar import from_day_number
from pypermit.engine.facts import from_term


@dataclass(frozen=True)
class Found:
    """One minimal set of changes: fact -> new value (applicant-file form).
    ``status``: the permit's status with the changes; ``routes``: the
    alternatives of an "any" group that hold (route/2); ``grown``: the facts
    that grew by themselves to the day, with their values, and the ones of
    those that reach what a rule asks (``reaches``); ``to_waive``: the
    waivable conditions still unmet; ``symbols``: the whole answer."""
    changes: tuple[tuple[str, object], ...]
    newly_met: tuple[str, ...]
    status: str = "eligible"
    aim: str = "eligible"
    routes: tuple[str, ...] = ()
    grown: tuple[tuple[str, object], ...] = ()
    reaches: tuple[str, ...] = ()
    to_waive: tuple[tuple[str, str], ...] = ()
    symbols: tuple[clingo.Symbol, ...] = field(default=(), compare=False, repr=False)

    @property
    def day(self) -> _dt.date | None:
        day = dict(self.changes).get("as_of")
        return day if isinstance(day, _dt.date) else None


def _value(fact: str, symbol: clingo.Symbol) -> object:
    if fact == "as_of":
        return from_day_number(symbol.number)
    return from_term(fact, symbol)


def order(found: Found) -> tuple[object, ...]:
    """Fewest changes first, then earliest day."""
    return (len(found.changes), found.day or _dt.date.max, found.aim != "eligible", repr(found.changes))


#: What an answer is read from: the atoms of the permit searched for
#: (their first argument), and those of the changes and of time passing.
_OF_PERMIT = (("met", 2), ("route", 2), ("status", 2), ("condition", 4), ("also_cited", 3))
_OF_CHANGES = (("top", 2), ("grown", 2), ("grown_reaches", 1))


class Reader:
    """The atoms an answer of one search program is read from, found once
    per program. Asking the model for these (Model.contains, one call each)
    instead of walking every symbol of the answer through clingo's API is
    several times faster: an answer holds thousands of symbols, a permit's
    reading a few hundred candidates."""

    def __init__(self, ctl: clingo.Control):
        self.changes = [a.symbol for sig in _OF_CHANGES for a in ctl.symbolic_atoms.by_signature(*sig)]
        self.of_permit: dict[str, list[clingo.Symbol]] = {}
        for sig in _OF_PERMIT:
            for a in ctl.symbolic_atoms.by_signature(*sig):
                first = a.symbol.arguments[0]
                if first.type == clingo.SymbolType.String:
                    self.of_permit.setdefault(first.string, []).append(a.symbol)

    def read(self, permit: str, model: clingo.Model, unmet_before: set[str], aim: str, *,
             whole: bool = False) -> Found:
        """One answer, read; with ``whole``, keeping all its shown symbols."""
        atoms = [s for s in (*self.changes, *self.of_permit.get(permit, ())) if model.contains(s)]
        return read(permit, atoms, unmet_before, aim, tuple(model.symbols(shown=True)) if whole else ())


def read(permit: str, symbols: list[clingo.Symbol], unmet_before: set[str], aim: str,
         whole: tuple[clingo.Symbol, ...] | None = None) -> Found:
    """One answer of the search, read from its symbols (all of them, or the
    ones a Reader picked); ``whole``: the answer to keep (default: these
    symbols)."""
    tops: list[tuple[str, object]] = []
    grown: list[tuple[str, object]] = []
    met: set[str] = set()
    routes: list[str] = []
    reaches: list[str] = []
    conditions: dict[str, tuple[str, str]] = {}
    also: dict[str, list[str]] = {}
    status = "eligible"
    for s in symbols:
        if s.name in ("top", "grown"):
            fact = s.arguments[0].string
            (tops if s.name == "top" else grown).append((fact, _value(fact, s.arguments[1])))
        elif s.name == "grown_reaches":
            reaches.append(s.arguments[0].string)
        elif s.arguments and s.arguments[0].type == clingo.SymbolType.String and s.arguments[0].string == permit:
            if s.name == "met":
                met.add(str(s.arguments[1]))
            elif s.name == "route":
                routes.append(str(s.arguments[1]))
            elif s.name == "status":
                status = str(s.arguments[1])
            elif s.name == "condition":
                conditions[str(s.arguments[1])] = (str(s.arguments[2]), s.arguments[3].string)
            elif s.name == "also_cited":
                also.setdefault(str(s.arguments[1]), []).append(s.arguments[2].string)
    to_waive = sorted((c, "; ".join([cit, *sorted(set(also.get(c, [])))]))
                      for c, (strength, cit) in conditions.items() if strength == "waivable" and c not in met)
    return Found(tuple(sorted(tops, key=lambda t: (t[0] == "as_of", t[0]))), tuple(sorted(unmet_before & met)),
                 status=status, aim=aim, routes=tuple(sorted(routes)), grown=tuple(sorted(grown)),
                 reaches=tuple(sorted(reaches)), to_waive=tuple(to_waive),
                 symbols=tuple(symbols) if whole is None else whole)
