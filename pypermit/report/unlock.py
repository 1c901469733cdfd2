"""Minimal changes that unlock a permit, searched by clingo.

The rules first derive the days on which something can change
(change_day/1; engine.derive_days, from the rules those days depend on).
The search program is the same rules and facts, those days given back
(later_day/1) and the catalogue of changes (kb/machinery/search.lp), grounded once;
with no change allowed it answers the unchanged case (the report), and for
each permit that is not eligible, that permit becomes the target and clingo
enumerates the subset-minimal sets of changes (domain heuristic, domRec).
Python only orders them and says them in words.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace

import clingo

from pypermit import engine
from pypermit.applicant.model import Applicant
from pypermit.calendar import from_day_number
from pypermit.engine import kb
from pypermit.engine.facts import from_term, scalar_facts
from pypermit.errors import KnowledgeBaseError
from pypermit.report import model as report_model
from pypermit.report.explain import render_value
from pypermit.report.model import Change, Permit, Report, UnlockOption

SEARCH_ARGUMENTS = ("--heuristic=Domain", "--enum-mode=domRec", "--models=0")


@dataclass(frozen=True)
class Found:
    """One minimal set of changes: fact -> new value (applicant-file form)."""
    changes: tuple[tuple[str, object], ...]
    newly_met: tuple[str, ...]

    @property
    def day(self) -> _dt.date | None:
        day = dict(self.changes).get("as_of")
        return day if isinstance(day, _dt.date) else None   # as_of changes to a day (_value)


def _value(fact: str, symbol: clingo.Symbol) -> object:
    if fact == "as_of":
        return from_day_number(symbol.number)
    return from_term(fact, symbol)


class Search:
    """The grounded program of one applicant, able to answer the unchanged
    case and the minimal changes for any target permit."""

    def __init__(self, applicant: Applicant, change_days: list[int], *, law_date: _dt.date | None = None,
                 max_changes: int | None = None, explain: bool = False):
        """``explain``: also the figures the explanation texts show (for a
        report of each day, as the timeline makes); the search needs none."""
        extra = "".join(f"later_day({d})." for d in change_days)
        if max_changes is not None:
            extra += f"max_changes({int(max_changes)})."
        self.ctl = engine.control(applicant, law_date=law_date, with_search=True, figures=explain,
                                  arguments=SEARCH_ARGUMENTS, extra=extra)
        self.targets = {str(a.symbol.arguments[0].string): a.symbol
                        for a in self.ctl.symbolic_atoms.by_signature("target", 1)}
        self.searching = clingo.Function("searching")
        self._steps: list[tuple[clingo.Symbol, int | None]] | None = None
        self._outcomes: list[tuple[clingo.Symbol, str]] = []
        for sym in (self.searching, *self.targets.values()):
            self.ctl.assign_external(sym, None)   # free: each solve assumes its values

    def unchanged(self) -> list[clingo.Symbol]:
        """The answer with nothing changed (no search): the same as the
        evaluation of the unchanged case, without the change days."""
        assumptions = [(self.searching, False), *[(sym, False) for sym in self.targets.values()]]
        models: list[list[clingo.Symbol]] = []
        with self.ctl.solve(assumptions=assumptions, yield_=True) as handle:
            models.extend(model.symbols(shown=True) for model in handle)
        if len(models) != 1:
            raise KnowledgeBaseError(f"the rules gave {len(models)} answers instead of one")
        return models[0]

    def _assume(self, target: str) -> list[tuple[clingo.Symbol, bool]]:
        return [(self.searching, True), *[(sym, pid == target) for pid, sym in self.targets.items()]]

    def on_day(self, day: int) -> list[clingo.Symbol]:
        """The answer with nothing changed but time: the decision moved to
        ``day`` (one of the change days), as the search moves it."""
        return self.day_answer(day)[0]

    def day_answer(self, day: int) -> tuple[list[clingo.Symbol], frozenset[str]]:
        """:meth:`on_day`, and the outcome that day: the status/2 and
        effect/2 atoms, as text."""
        if self._steps is None:
            self._steps = [(a.symbol, a.symbol.arguments[1].number if a.symbol.arguments[0].string == "as_of"
                            else None) for a in self.ctl.symbolic_atoms.by_signature("step", 2)]
            self._outcomes = [(a.symbol, str(a.symbol)) for sig in (("status", 2), ("effect", 2))
                              for a in self.ctl.symbolic_atoms.by_signature(*sig)]
        assumptions = [(self.searching, True), *[(sym, False) for sym in self.targets.values()]]
        assumptions.extend((sym, moved_to is not None and moved_to <= day) for sym, moved_to in self._steps)
        models: list[tuple[list[clingo.Symbol], frozenset[str]]] = []
        with self.ctl.solve(assumptions=assumptions, yield_=True) as handle:
            for model in handle:
                models.append((model.symbols(shown=True),
                               frozenset(text for sym, text in self._outcomes if model.contains(sym))))
        if len(models) != 1:
            raise KnowledgeBaseError(f"the rules gave {len(models)} answers on day {day}")
        return models[0]

    def minimal_changes(self, permit: str, unmet_before: set[str]) -> list[Found]:
        """Every subset-minimal set of changes that makes ``permit`` eligible,
        fewest changes first, then earliest day."""
        found = []
        with self.ctl.solve(assumptions=self._assume(permit), yield_=True) as handle:
            for model in handle:
                tops, met = [], []
                for s in model.symbols(shown=True):
                    if s.name == "top":
                        fact = s.arguments[0].string
                        tops.append((fact, _value(fact, s.arguments[1])))
                    elif s.name == "met" and s.arguments[0].string == permit:
                        met.append(str(s.arguments[1]))
                found.append(Found(tuple(sorted(tops, key=lambda t: (t[0] == "as_of", t[0]))),
                                   tuple(sorted(unmet_before.intersection(met)))))
        far = _dt.date.max
        return sorted(found, key=lambda f: (len(f.changes), f.day or far, repr(f.changes)))


def current_values(applicant: Applicant) -> dict[str, object]:
    """What each changeable fact is now, for the "from" of a change."""
    return {**scalar_facts(applicant), "as_of": applicant.as_of}


def _advice(fact: str, old: object, new: object, lang: str) -> str:
    entry: str | None = kb.change_texts()["changes"].get(fact, {}).get(lang)
    if entry is None:
        return f"{fact}: {old} -> {new}"
    return entry.format(**{"from": render_value(old, lang), "to": render_value(new, lang)})


def note(key: str, lang: str, **values: object) -> str:
    text: str = kb.change_texts()["notes"][key][lang]
    return text.format(**values)


def options(search: Search, applicant: Applicant, permit: Permit, lang: str) -> tuple[UnlockOption, ...]:
    """The minimal sets of changes for one permit, as report objects."""
    now = current_values(applicant)
    unmet = {c.id: c.citation for c in permit.conditions if not c.met}
    out = []
    for found in search.minimal_changes(permit.id, set(unmet)):
        changes = tuple(Change(fact, now.get(fact), new, advice=_advice(fact, now.get(fact), new, lang))
                        for fact, new in found.changes)
        out.append(UnlockOption(changes, tuple((cid, unmet[cid]) for cid in found.newly_met)))
    return tuple(out)


def evaluated(applicant: Applicant, *, law_date: _dt.date | None = None, max_changes: int | None = None,
              lang: str = "en") -> tuple[Report, Search]:
    """The report of a person with known facts, and the search for changes:
    one program answers both (the days on which something can change are
    derived first, by the rules they depend on)."""
    days = engine.change_days(list(engine.derive_days(applicant, law_date=law_date)))
    search = Search(applicant, days, law_date=law_date, max_changes=max_changes, explain=True)
    atoms = frozenset(search.unchanged())
    return report_model.build(applicant, engine.Derivation(atoms, atoms), lang=lang), search


def with_unlock(report: Report, applicant: Applicant, change_days: list[int], *,
                law_date: _dt.date | None = None, max_changes: int | None = None,
                only: str | None = None, search: Search | None = None) -> Report:
    """The report with ``unlock`` filled for every permit that is not
    eligible (or just ``only``); a one-line note where nothing unlocks it.
    ``search``: the person's search, where there is one already."""
    todo = [p for p in report.permits if p.status != "eligible" and (only is None or p.id == only)]
    if not todo:
        return report
    search = search or Search(applicant, change_days, law_date=law_date, max_changes=max_changes)
    done = {}
    for permit in todo:
        found = options(search, applicant, permit, report.lang)
        why = None
        if not found:
            if max_changes is not None:
                why = note("nothing_within", report.lang, n=max_changes)
            else:
                hard = [c.text for c in permit.conditions if not c.met and c.strength == "hard"]
                more = " " + note("more", report.lang, n=len(hard) - 1) if len(hard) > 1 else ""
                why = note("nothing", report.lang, reasons=hard[0] + more) if hard else None
        done[permit.id] = replace(permit, unlock=found, unlock_note=why)
    return replace(report, permits=tuple(done.get(p.id, p) for p in report.permits))
