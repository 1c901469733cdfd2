"""Drive clingo: one program per evaluation, grounded with the calendar
context, solved, and its answer handed back as symbols."""

from __future__ import annotations

import datetime as _dt

import clingo
from clingo.ast import ProgramBuilder

from . import kb
from .applicant import Applicant
from .calendar import Calendar
from .facts import applicant_facts


class KnowledgeBaseError(RuntimeError):
    """The rules did not give exactly one answer: a defect of the knowledge
    base, never of the input."""


def control(applicant: Applicant, *, law_date: _dt.date | None = None,
            with_search: bool = False, arguments: tuple[str, ...] = (), extra: str = "") -> clingo.Control:
    """A grounded program for one applicant (``extra``: further facts)."""
    ctl = clingo.Control(["--warn=none", *arguments])
    with ProgramBuilder(ctl) as builder:
        for statement in kb.statements(with_search):
            builder.add(statement)
    ctl.add("base", [], applicant_facts(applicant, law_date=law_date) + "\n" + extra)
    ctl.ground([("base", [])], context=Calendar())
    return ctl


def derive(applicant: Applicant, *, law_date: _dt.date | None = None) -> list[clingo.Symbol]:
    """The shown atoms of the one answer set for this applicant."""
    ctl = control(applicant, law_date=law_date, arguments=("--models=2",))
    models: list[list[clingo.Symbol]] = []
    with ctl.solve(yield_=True) as handle:
        for model in handle:
            models.append(model.symbols(shown=True))
    if len(models) != 1:
        raise KnowledgeBaseError(f"the rules gave {len(models)} answers instead of one")
    return models[0]


def change_days(symbols: list[clingo.Symbol]) -> list[int]:
    """The days on which something can change (change_day/1), in order."""
    return sorted(s.arguments[0].number for s in symbols if s.name == "change_day")
