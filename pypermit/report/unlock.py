"""Minimal changes that unlock a permit, searched by clingo.

The rules first derive the days on which something can change
(change_day/1; engine.derive_days, from the rules those days depend on).
The search program is the same rules and facts, those days given back
(later_day/1) and the catalogue of changes (kb/machinery/search.lp), grounded once;
with no change allowed it answers the unchanged case (the report), and for
each permit that is not eligible, that permit becomes the target and clingo
enumerates the subset-minimal sets of changes (domain heuristic, domRec).
Python only orders them and says them in words.

Each search aims at ``eligible`` or at ``waiver_needed`` (``aim/1``: at
least that status, so that a set aimed at a waiver is minimal in its own
right); a set aimed at a waiver is offered only where it stays
waiver_needed and no eligible set has as few changes.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace

import clingo

from pypermit import engine
from pypermit.applicant.model import Applicant
from pypermit.engine import kb
from pypermit.engine.facts import scalar_facts
from pypermit.errors import KnowledgeBaseError
from pypermit.report import model as report_model
from pypermit.report.answer import Found, order, read
from pypermit.report.explain import render_value
from pypermit.report.model import Change, Permit, Report, UnlockOption

SEARCH_ARGUMENTS = ("--heuristic=Domain", "--enum-mode=domRec", "--models=0")
#: What a search can aim at (kb/machinery/search.lp, aim/1).
AIMS = ("eligible", "waiver_needed")

__all__ = ["AIMS", "Found", "Search", "as_option", "current_values", "options", "order", "with_unlock"]


class Search:
    """The grounded program of one applicant, able to answer the unchanged
    case and the minimal changes for any target permit."""

    def __init__(self, applicant: Applicant, change_days: list[int], *, law_date: _dt.date | None = None,
                 max_changes: int | None = None, explain: bool = False, rules: str = ""):
        """``explain``: also the figures the explanation texts show (for a
        report of each day, as the timeline makes); the search needs none.
        ``rules``: more rules for this search (the paths', kb/machinery/paths.lp)."""
        extra = rules + "".join(f"later_day({d})." for d in change_days)
        if max_changes is not None:
            extra += f"max_changes({int(max_changes)})."
        self.ctl = engine.control(applicant, law_date=law_date, with_search=True, figures=explain,
                                  arguments=SEARCH_ARGUMENTS, extra=extra)
        self.targets = {str(a.symbol.arguments[0].string): a.symbol
                        for a in self.ctl.symbolic_atoms.by_signature("target", 1)}
        self.searching = clingo.Function("searching")
        self.aims = {aim: clingo.Function("aim", [clingo.Function(aim)]) for aim in AIMS}
        self._steps: list[tuple[clingo.Symbol, int | None]] | None = None
        self._outcomes: list[tuple[clingo.Symbol, str]] = []
        for sym in (self.searching, *self.targets.values(), *self.aims.values()):
            self.ctl.assign_external(sym, None)   # free: each solve assumes its values

    def _assume(self, target: str | None, aim: str = "eligible", searching: bool = True) \
            -> list[tuple[clingo.Symbol, bool]]:
        return [(self.searching, searching), *[(sym, pid == target) for pid, sym in self.targets.items()],
                *[(sym, name == aim) for name, sym in self.aims.items()]]

    def unchanged(self) -> list[clingo.Symbol]:
        """The answer with nothing changed (no search): the same as the
        evaluation of the unchanged case, without the change days."""
        models: list[list[clingo.Symbol]] = []
        with self.ctl.solve(assumptions=self._assume(None, searching=False), yield_=True) as handle:
            models.extend(model.symbols(shown=True) for model in handle)
        if len(models) != 1:
            raise KnowledgeBaseError(f"the rules gave {len(models)} answers instead of one")
        return models[0]

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
        assumptions = self._assume(None)
        assumptions.extend((sym, moved_to is not None and moved_to <= day) for sym, moved_to in self._steps)
        models: list[tuple[list[clingo.Symbol], frozenset[str]]] = []
        with self.ctl.solve(assumptions=assumptions, yield_=True) as handle:
            for model in handle:
                models.append((model.symbols(shown=True),
                               frozenset(text for sym, text in self._outcomes if model.contains(sym))))
        if len(models) != 1:
            raise KnowledgeBaseError(f"the rules gave {len(models)} answers on day {day}")
        return models[0]

    def minimal_changes(self, permit: str, unmet_before: set[str], aim: str = "eligible") -> list[Found]:
        """Every subset-minimal set of changes that makes ``permit`` reach
        ``aim`` (eligible, or at least waiver_needed), fewest changes first,
        then earliest day."""
        found = []
        with self.ctl.solve(assumptions=self._assume(permit, aim), yield_=True) as handle:
            for model in handle:
                found.append(read(permit, model.symbols(shown=True), unmet_before, aim))
        return sorted(found, key=order)

    def options(self, permit: str, unmet_before: set[str]) -> list[Found]:
        """The sets aimed at eligible, then those aimed at a waiver that stay
        waiver_needed and have fewer changes than every eligible set."""
        eligible = self.minimal_changes(permit, unmet_before)
        fewest = min((len(f.changes) for f in eligible), default=None)
        waiver = [f for f in self.minimal_changes(permit, unmet_before, "waiver_needed")
                  if f.status == "waiver_needed" and (fewest is None or len(f.changes) < fewest)]
        return sorted([*eligible, *waiver], key=order)


def current_values(applicant: Applicant) -> dict[str, object]:
    """What each changeable fact is now, for the "from" of a change."""
    return {**scalar_facts(applicant), "as_of": applicant.as_of}


def _advice(fact: str, old: object, new: object, lang: str, section: str = "changes") -> str:
    texts = kb.change_texts()[section]
    entry = (texts.get(f"{fact}={new}") or texts.get(fact) or {}).get(lang)
    if entry is None:
        return f"{fact}: {old} -> {new}"
    return str(entry).format(**{"from": render_value(old, lang, fact), "to": render_value(new, lang, fact)})


def note(key: str, lang: str, **values: object) -> str:
    text: str = kb.change_texts()["notes"][key][lang]
    return text.format(**values)


def route_label(permit: Permit, group: str, lang: str) -> str:
    """A route's name in words (search.texts.yaml), else the group's citation."""
    entry = kb.change_texts().get("routes", {}).get(permit.id, {}).get(group, {}).get(lang)
    return str(entry) if entry else next((g.citation for g in permit.groups if g.id == group), group)


def as_option(found: Found, now: dict[str, object], permit: Permit, lang: str) -> UnlockOption:
    """One set of changes the search found, as a report object."""
    citations = {c.id: c.citation for c in permit.conditions}
    changes = tuple(Change(fact, now.get(fact), new, advice=_advice(fact, now.get(fact), new, lang))
                    for fact, new in found.changes)
    grows = tuple(Change(fact, now.get(fact), new, advice=_advice(fact, now.get(fact), new, lang, "grows"))
                  for fact, new in found.grown if fact in found.reaches)
    return UnlockOption(changes, tuple((cid, citations[cid]) for cid in found.newly_met), aims=found.aim,
                        routes=tuple((g, route_label(permit, g, lang)) for g in found.routes), grows=grows,
                        to_waive=found.to_waive)


def options(search: Search, applicant: Applicant, permit: Permit, lang: str) -> tuple[UnlockOption, ...]:
    """The minimal sets of changes for one permit, as report objects (a set
    with no change is no option: the permit is there already)."""
    now = current_values(applicant)
    unmet = {c.id for c in permit.conditions if not c.met}
    return tuple(as_option(found, now, permit, lang) for found in search.options(permit.id, unmet) if found.changes)


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
