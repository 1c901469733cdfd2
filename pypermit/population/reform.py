"""Reforms: a change of the law written beside the knowledge base, not in it.

A reform file (YAML) has a title, a description, dated figures over any
``threshold/4`` the rules read, and optionally an ``.lp`` overlay that adds
conditions (each with its citation and its texts) or new ways to meet one.
A bare ``.lp`` file is an overlay on its own, with ``% title:`` and
``% description:`` lines at its top. The reform goes into every program
through the engine's overlay (``pypermit.engine.overlaid``); nothing in
``kb/`` changes. See docs/population.md.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pypermit import engine
from pypermit.engine.law import law_facts
from pypermit.errors import Error, Problem
from pypermit.report import explain

_HEADER = re.compile(r"^%\s*(title|description):\s*(.*)$")


class ReformError(Error, ValueError):
    """A reform file that cannot be applied: one problem per reason, each
    naming the file (a member of the one error family, pypermit.Error)."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        super().__init__([Problem("reform", source, p) for p in problems])

    @property
    def reasons(self) -> list[str]:
        """The reasons alone, one line each."""
        return [p.message for p in self.problems]


class Figure(BaseModel):
    """From day ``from_`` on, the figure ``name`` of norm ``permit`` is ``value``."""
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    permit: str
    name: str
    value: int = Field(ge=0)
    from_: _dt.date = Field(alias="from")

    def fact(self) -> str:
        return f'threshold("{self.permit}", {self.name}, {self.value}, {self.from_:%Y%m%d}).'


class Reform(BaseModel):
    """A change of the law: what it is called, why, and what it changes."""
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    description: str = ""
    figures: tuple[Figure, ...] = ()
    overlay: str = ""                       # the overlay's rules (the text, once loaded)
    texts: dict[str, Any] = Field(default_factory=dict)

    def engine_overlay(self) -> engine.Overlay:
        return engine.Overlay("\n".join([*(f.fact() for f in self.figures), self.overlay]), self.texts)

    @contextmanager
    def applied(self) -> Iterator[Reform]:
        """Every evaluation inside this block is made under the reformed law."""
        with engine.overlaid(self.engine_overlay()):
            yield self


def load_reform(path: str | Path) -> Reform:
    """A reform from a YAML file (figures, overlay, texts) or a bare ``.lp``
    overlay, checked against the knowledge base; raises ReformError."""
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReformError(source, [f"cannot read it: {exc}"]) from None
    if path.suffix == ".lp":
        data: Any = {**_lp_header(text), "overlay": text}
    else:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ReformError(source, [f"not YAML: {exc}"]) from None
        if not isinstance(data, dict):
            raise ReformError(source, ["expected a mapping with title, description, figures, overlay, texts"])
        if data.get("overlay"):
            overlay_path = path.parent / str(data["overlay"])
            try:
                data = {**data, "overlay": overlay_path.read_text(encoding="utf-8")}
            except OSError as exc:
                raise ReformError(source, [f"overlay: cannot read {overlay_path}: {exc.strerror or exc}"]) from None
    try:
        reform = Reform.model_validate(data)
    except ValidationError as exc:
        raise ReformError(source, [f"{'.'.join(str(x) for x in e['loc']) or 'file'}: {e['msg']}"
                                   for e in exc.errors()]) from None
    problems = _problems(reform)
    if problems:
        raise ReformError(source, problems)
    return reform


def _lp_header(text: str) -> dict[str, str]:
    """``% title:`` and ``% description:`` lines at the top of an overlay."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            key, value = match.groups()
            out[key] = (out.get(key, "") + " " + value.strip()).strip()
        elif line.strip() and not line.strip().startswith("%"):
            break
    return out


@cache
def known_thresholds() -> dict[tuple[str, str], frozenset[int]]:
    """(permit, name) of every threshold/4 in the knowledge base, with the
    days (YYYYMMDD) from which it has a figure."""
    days: dict[tuple[str, str], set[int]] = {}
    with engine.overlaid(engine.Overlay()):
        for permit, name, _, start in law_facts()["threshold"]:
            days.setdefault((permit, name), set()).add(start)
    return {key: frozenset(value) for key, value in days.items()}


def _problems(reform: Reform) -> list[str]:
    known = known_thresholds()
    problems = []
    seen: set[tuple[str, str, _dt.date]] = set()
    for i, f in enumerate(reform.figures):
        if (f.permit, f.name) not in known:
            problems.append(f"figures[{i}]: {f.permit}.{f.name} is not a threshold the rules read; they are "
                            + ", ".join(f"{p}.{n}" for p, n in sorted(known)))
        elif int(f"{f.from_:%Y%m%d}") in known[(f.permit, f.name)]:
            problems.append(f"figures[{i}]: {f.permit}.{f.name} already has a figure from {f.from_} in the "
                            "law; a reform's figure needs a day of its own (the law's stays in force before it)")
        if (f.permit, f.name, f.from_) in seen:
            problems.append(f"figures[{i}]: {f.permit}.{f.name} from {f.from_} is given twice")
        seen.add((f.permit, f.name, f.from_))
    if reform.overlay:
        problems += _overlay_problems(reform, set(known))
    return problems


def _overlay_problems(reform: Reform, known: set[tuple[str, str]]) -> list[str]:
    """A parsable overlay whose thresholds are known (or read by the overlay
    itself) and whose new conditions name their permit, a citation and texts
    in every language."""
    from clingo import ast
    heads: list[Any] = []
    bodies: list[Any] = []
    errors: list[str] = []

    def collect(statement: Any) -> None:
        if statement.ast_type == ast.ASTType.Rule:
            heads.extend(_atoms(statement.head))
            for literal in statement.body:
                bodies.extend(_atoms(literal))

    try:
        ast.parse_string(reform.overlay, collect, logger=lambda _code, message: errors.append(message.strip()))
    except RuntimeError:
        return [f"overlay: {e}" for e in errors] or ["overlay: not a clingo program"]
    read = {(_const(a, 0), _const(a, 1)) for name, a in bodies if name == "param" and len(a) == 3}
    problems = []
    for name, args in heads:
        if name == "threshold" and len(args) == 4 and (_const(args, 0), _const(args, 1)) not in known | read:
            problems.append(f"overlay: threshold {_const(args, 0)}.{_const(args, 1)} is not one the rules read")
        # A new condition: asks/4 (asked while the norm is in force,
        # kb/machinery/outcome.lp) or condition/4 written directly.
        if name in ("asks", "condition") and len(args) == 4:
            permit, cid, citation = _const(args, 0), _const(args, 1), _const(args, 3)
            if permit is None or cid is None:
                problems.append("overlay: a condition must name its permit and its id (no variables)")
                continue
            if not citation or not citation.strip():
                problems.append(f"overlay: condition {permit}.{cid} has no citation")
            with engine.overlaid(engine.Overlay(texts=reform.texts)):
                missing = [lang for lang in explain.LANGS if explain.template(permit, cid, lang) is None]
            if missing:
                problems.append(f"overlay: condition {permit}.{cid} has no text in {', '.join(missing)} "
                                f"(texts: {{{permit}: {{conditions: {{{cid}: {{en: ..., de: ...}}}}}}}})")
    return problems


def _atoms(node: Any) -> list[tuple[str, list[Any]]]:
    """The (name, arguments) of the plain atoms in a head or body literal."""
    from clingo import ast
    out: list[tuple[str, list[Any]]] = []

    class Visit(ast.Transformer):
        def visit_SymbolicAtom(self, atom: Any) -> Any:   # noqa: N802 (clingo's naming)
            term = atom.symbol
            if term.ast_type == ast.ASTType.Function:
                out.append((term.name, list(term.arguments)))
            elif term.ast_type == ast.ASTType.SymbolicTerm:
                out.append((str(term.symbol), []))
            return atom

    Visit()(node)
    return out


def _const(args: list[Any], i: int) -> str | None:
    """Argument ``i`` as text when it is a constant or a string, else None."""
    from clingo import SymbolType, ast
    term = args[i]
    if term.ast_type == ast.ASTType.SymbolicTerm:
        symbol = term.symbol
        return symbol.string if symbol.type == SymbolType.String else str(symbol)
    if term.ast_type == ast.ASTType.Function and not term.arguments:
        name: str = term.name
        return name
    return None
