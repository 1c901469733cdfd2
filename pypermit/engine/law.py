"""The facts of the law alone, read back from the rules without any person:
versions, provisions, dated figures and wordings, and on a given day the
norms in force and what each asks. The law book, ``verify`` and the
testing kit read the law here, in one place; nothing is written twice."""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import clingo
from clingo.ast import ProgramBuilder

from pypermit.calendar import Calendar
from pypermit.engine import kb
from pypermit.engine.atoms import plain
from pypermit.engine.facts import fact
from pypermit.engine.program import current_overlay
from pypermit.errors import KnowledgeBaseError

#: How the rules write the end of a version or provision that has none.
OPEN_END = 99991231

Facts = dict[str, list[tuple[Any, ...]]]


def law_facts(day: _dt.date | None = None, files: tuple[Path, ...] | None = None) -> Facts:
    """What the rules derive with no person: by predicate name (of any
    arity: ``permit/1`` and ``permit/2`` share one list), each atom's
    arguments as plain Python. With ``day``, the law in force that day (the
    decision day and the law's day both ``day``); ``files``: only these rule
    files (default: the whole law, with any reform laid over it)."""
    overlay = current_overlay().program if files is None else ""
    return _read(day, files, overlay)


@lru_cache(maxsize=64)
def _read(day: _dt.date | None, files: tuple[Path, ...] | None, overlay: str) -> Facts:
    ctl = clingo.Control(["--warn=none"])
    if files is None:
        with ProgramBuilder(ctl) as builder:
            for statement in kb.statements(False, False, True, False):
                builder.add(statement)
    else:
        for f in files:
            ctl.add("base", [], f.read_text(encoding="utf-8"))
    days = (fact("today", day) + fact("law_day_given", day)) if day else ""
    ctl.add("base", [], days + overlay)
    ctl.ground([("base", [])], context=Calendar())
    models: list[list[clingo.Symbol]] = []
    with ctl.solve(yield_=True) as handle:
        models.extend(m.symbols(atoms=True) for m in handle)
    if len(models) != 1:
        raise KnowledgeBaseError(f"the law without a person gave {len(models)} answers instead of one")
    out: Facts = defaultdict(list)
    for symbol in models[0]:
        name, *args = plain(symbol)
        out[name].append(tuple(args))
    return dict(out)
