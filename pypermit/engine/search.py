"""The search program that unlock, the timeline and paths share.

One grounded program per person: the rules and facts, the days on which
something can change given back (later_day/1) and the catalogue of changes
(kb/machinery/search.lp). With no change allowed it answers the unchanged
case (the report); with the decision moved to a later day, that day (the
timeline); with a target permit and an aim (``eligible``, or at least
``waiver_needed``: ``aim/1``, so that a set aimed at a waiver is minimal in
its own right), clingo enumerates the subset-minimal sets of changes
(domain heuristic, domRec), read by engine.answer. The permit, the target
and the aim are ``#external`` atoms, so one grounding serves every solve.
"""

from __future__ import annotations

import datetime as _dt

import clingo

from pypermit.applicant.model import Applicant
from pypermit.engine.answer import Found, Reader, order
from pypermit.engine.program import control
from pypermit.errors import KnowledgeBaseError

SEARCH_ARGUMENTS = ("--heuristic=Domain", "--enum-mode=domRec", "--models=0")
#: What a search can aim at (kb/machinery/search.lp, aim/1).
AIMS = ("eligible", "waiver_needed")

class Search:
    """The grounded program of one applicant, able to answer the unchanged
    case and the minimal changes for any target permit."""

    def __init__(self, applicant: Applicant, change_days: list[int], *, law_date: _dt.date | None = None,
                 max_changes: int | None = None, explain: bool = False, rules: str = "",
                 whole_answers: bool = False):
        """``explain``: also the figures the explanation texts show (for a
        report of each day, as the timeline makes); the search needs none.
        ``rules``: more rules for this search (the paths', kb/machinery/paths.lp);
        ``whole_answers``: each set found keeps its whole answer (paths
        make the report of a step from it)."""
        extra = rules + "".join(f"later_day({d})." for d in change_days)
        if max_changes is not None:
            extra += f"max_changes({int(max_changes)})."
        self.ctl = control(applicant, law_date=law_date, with_search=True, figures=explain,
                           arguments=SEARCH_ARGUMENTS, extra=extra)
        self.targets = {str(a.symbol.arguments[0].string): a.symbol
                        for a in self.ctl.symbolic_atoms.by_signature("target", 1)}
        self.searching = clingo.Function("searching")
        self.aims = {aim: clingo.Function("aim", [clingo.Function(aim)]) for aim in AIMS}
        self.whole_answers = whole_answers
        self._reader: Reader | None = None
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
        reader = self._reader = self._reader or Reader(self.ctl)
        found = []
        with self.ctl.solve(assumptions=self._assume(permit, aim), yield_=True) as handle:
            for model in handle:
                found.append(reader.read(permit, model, unmet_before, aim, whole=self.whole_answers))
        return sorted(found, key=order)

    def options(self, permit: str, unmet_before: set[str]) -> list[Found]:
        """The sets aimed at eligible, then those aimed at a waiver that stay
        waiver_needed and have fewer changes than every eligible set."""
        eligible = self.minimal_changes(permit, unmet_before)
        fewest = min((len(f.changes) for f in eligible), default=None)
        waiver = [f for f in self.minimal_changes(permit, unmet_before, "waiver_needed")
                  if f.status == "waiver_needed" and (fewest is None or len(f.changes) < fewest)]
        return sorted([*eligible, *waiver], key=order)
