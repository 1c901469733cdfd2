"""Drive clingo: one program per evaluation, grounded with the calendar
context, solved, and its answer handed back as symbols."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeAlias, cast

import clingo
from clingo.ast import ProgramBuilder
from clingo.configuration import Configuration

from pypermit.applicant.model import Applicant
from pypermit.calendar import Calendar
from pypermit.engine import kb
from pypermit.engine.facts import applicant_facts
from pypermit.engine.reduce import Signature, rules_for
from pypermit.errors import KnowledgeBaseError


@dataclass(frozen=True)
class Overlay:
    """What a reform lays over the knowledge base without touching ``kb/``:
    rules and facts added to every program (dated ``threshold/4`` figures,
    new conditions or new ways to meet one), and the texts of the
    conditions it adds (in the shape of the ``*.texts.yaml`` files)."""
    program: str = ""
    texts: dict[str, Any] = field(default_factory=dict)


_OVERLAY: ContextVar[Overlay] = ContextVar("overlay", default=Overlay())


@contextmanager
def overlaid(overlay: Overlay) -> Iterator[Overlay]:
    """Every program built inside this block carries ``overlay``."""
    token = _OVERLAY.set(overlay)
    try:
        yield overlay
    finally:
        _OVERLAY.reset(token)


def current_overlay() -> Overlay:
    """The overlay in force here (empty: the law as in ``kb/``)."""
    return _OVERLAY.get()


def control(applicant: Applicant, *, law_date: _dt.date | None = None, with_search: bool = False,
            days: bool = False, figures: bool = True, arguments: tuple[str, ...] = (),
            extra: str = "") -> clingo.Control:
    """A grounded program for one applicant (``extra``: further facts).
    Unknown facts bring in their choices (kb/machinery/unknown.lp); ``days``
    the days on which something can change (for the search and the
    timeline); ``figures`` the stay figures the explanations show."""
    ctl = _grounded(applicant, law_date, (with_search, days, figures), arguments, extra, None)
    assert ctl is not None   # without ``only`` the rules go as they are where they cannot be reduced
    return ctl


def _grounded(applicant: Applicant, law_date: _dt.date | None, kind: tuple[bool, bool, bool],
              arguments: tuple[str, ...], extra: str, only: frozenset[Signature] | None) -> clingo.Control | None:
    """The program of :func:`control`, its rules reduced where that keeps
    every answer (engine.reduce); with ``only`` (signatures), just the rules
    those predicates depend on, showing only them, or None where the
    program cannot be cut so."""
    with_search, days, figures = kind
    unknown = bool(applicant.unknown)
    figures = figures and not any(path.startswith("stay[") for path in applicant.unknown)
    flags = (with_search, unknown, figures, days and not with_search)
    facts, overlay = applicant_facts(applicant, law_date=law_date), _OVERLAY.get().program
    rules = rules_for(flags, overlay, facts, extra, only)
    if rules is None and only is not None:
        return None
    ctl = clingo.Control(["--warn=none", *arguments])
    with ProgramBuilder(ctl) as builder:
        for statement in (rules if rules is not None else kb.statements(*flags)):
            builder.add(statement)
    ctl.add("base", [], "\n".join((facts, extra)) if rules is not None else "\n".join((facts, extra, overlay)))
    ctl.ground([("base", [])], context=Calendar())
    return ctl


@dataclass(frozen=True)
class Derivation:
    """What the rules derive for one applicant: ``certain`` holds in every
    completion of the unknown facts (cautious), ``possible`` in some (brave);
    with nothing unknown the two are the one answer set."""
    certain: frozenset[clingo.Symbol]
    possible: frozenset[clingo.Symbol]
    control: clingo.Control | None = None

    @property
    def settled(self) -> bool:
        return self.certain == self.possible


def derive(applicant: Applicant, *, law_date: _dt.date | None = None, days: bool = False) -> Derivation:
    """The shown atoms of the one answer set for this applicant, or what is
    certain and what is possible where some facts are unknown; with ``days``
    also the days on which something can change (change_day/1)."""
    if applicant.unknown:
        ctl = control(applicant, law_date=law_date, arguments=("--models=0",))
        possible = consequences(ctl, "brave")
        certain = None if possible is None else consequences(ctl, "cautious")
        if possible is None or certain is None:
            raise KnowledgeBaseError("the rules gave no answer for any completion of the unknown facts")
        return Derivation(certain, possible, ctl)
    ctl = control(applicant, law_date=law_date, days=days, arguments=("--models=2",))
    models: list[list[clingo.Symbol]] = []
    with ctl.solve(yield_=True) as handle:
        for model in handle:
            models.append(model.symbols(shown=True))
    if len(models) != 1:
        raise KnowledgeBaseError(f"the rules gave {len(models)} answers instead of one")
    atoms = frozenset(models[0])
    return Derivation(atoms, atoms)


#: What the days program answers (kb/machinery/change_days.lp).
DAYS: frozenset[Signature] = frozenset({("change_day", 1), ("horizon", 1)})


def derive_days(applicant: Applicant, *, law_date: _dt.date | None = None) -> frozenset[clingo.Symbol]:
    """The days on which something can change for this person (change_day/1)
    and how far the rules look ahead (horizon/1): from the rules these
    depend on alone where the program can be cut so, else from the whole."""
    if not applicant.unknown:
        ctl = _grounded(applicant, law_date, (False, True, True), ("--models=2",), "", DAYS)
        if ctl is not None:
            models: list[list[clingo.Symbol]] = []
            with ctl.solve(yield_=True) as handle:
                models.extend(model.symbols(shown=True) for model in handle)
            if len(models) == 1:
                return frozenset(models[0])
    return frozenset(s for s in derive(applicant, law_date=law_date, days=True).certain if (s.name, 1) in DAYS)


#: Atoms assumed true or false in one solve.
Assumptions: TypeAlias = list[tuple[clingo.Symbol, bool]]


def _solve_options(ctl: clingo.Control) -> Configuration:
    # "solve" names a group of options, so clingo hands back a Configuration
    # (its type says "an option, a group or nothing" for any name).
    return cast(Configuration, ctl.configuration.solve)


def consequences(ctl: clingo.Control, mode: str,
                 assumptions: Assumptions | None = None) -> frozenset[clingo.Symbol] | None:
    """Brave (in some answer set) or cautious (in all) consequences, under
    ``assumptions``; None if there is no answer set."""
    _solve_options(ctl).enum_mode = mode
    last = None
    with ctl.solve(assumptions=assumptions or [], yield_=True) as handle:
        for model in handle:
            last = model.symbols(shown=True)
    return None if last is None else frozenset(last)


def one_model(ctl: clingo.Control, assumptions: Assumptions) -> frozenset[clingo.Symbol] | None:
    """The shown atoms of one answer set under ``assumptions`` (a witness)."""
    _solve_options(ctl).enum_mode = "auto"
    with ctl.solve(assumptions=assumptions, yield_=True) as handle:
        for model in handle:
            return frozenset(model.symbols(shown=True))
    return None


def change_days(derived: Derivation | Iterable[clingo.Symbol]) -> list[int]:
    """The days on which something can change (change_day/1), in order."""
    atoms = derived.certain if isinstance(derived, Derivation) else derived
    return sorted(s.arguments[0].number for s in atoms if s.name == "change_day")
