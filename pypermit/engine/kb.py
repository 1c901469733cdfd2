"""Where the knowledge base lives, and its files read once per process.

The knowledge base is ``kb/`` (an installed package carries it as
``pypermit/kb``): the law in ``kb/law/`` (``norms/``, one file per norm, and
``common/``, the legal notions they share) and the machinery that runs it in
``kb/machinery/`` (the schema, the outcome protocol, the explanations'
figures, the days of change, the search, unknown facts, the checks);
kb/README.md draws the line. Reading it is pure: the text of the rules and
the texts that explain them never change while a process runs, so they are
cached.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from clingo import ast

#: libyaml's loader where PyYAML has it (the same documents, several times
#: faster to read than the pure-Python one; the texts are read at every start).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)

#: The law (norms and shared legal notions) and the machinery, under kb_dir().
LAW = "law"
MACHINERY = "machinery"


def kb_dir() -> Path:
    """The knowledge base: ``kb/`` beside the package in a checkout or an
    editable install, ``pypermit/kb`` in a built wheel."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package.parent / "kb", package / "kb"):
        if (candidate / MACHINERY / "schema.lp").is_file():
            return candidate
    raise FileNotFoundError("the knowledge base (kb/machinery/schema.lp) is missing from this installation")


def machinery_file(name: str) -> Path:
    """A file of the machinery (``search.lp``, ``verify.lp`` ...)."""
    return kb_dir() / MACHINERY / name


#: The figures of a stay, for the explanations: left out when a stay
#: period's start or status is unknown (see the file's header).
FIGURES = "stay_figures.lp"
#: The days on which something can change: only for the search for changes
#: and the timeline, and only with the figures.
DAYS = "change_days.lp"


def rule_files(*, search: bool = False, unknown: bool = False, figures: bool = True,
               days: bool = True) -> list[Path]:
    """The rule files of one evaluation, in a fixed order: the schema, the
    shared legal notions, the outcome protocol (and the explanations'
    figures, the days of change), the norms, then the optional parts."""
    law, machinery = kb_dir() / LAW, kb_dir() / MACHINERY
    parts = ["outcome.lp", *([FIGURES] if figures else []), *([DAYS] if figures and days else [])]
    return [machinery / "schema.lp", *sorted((law / "common").glob("*.lp")), *(machinery / f for f in parts),
            *sorted((law / "norms").glob("*.lp")),
            *([machinery / "search.lp"] if search else []), *([machinery / "unknown.lp"] if unknown else [])]


@cache
def program(search: bool = False, unknown: bool = False, figures: bool = True, days: bool = True) -> str:
    """The rules as one program text."""
    files = rule_files(search=search, unknown=unknown, figures=figures, days=days)
    return "\n".join(f"%%% {f.name}\n{f.read_text(encoding='utf-8')}" for f in files)


@cache
def statements(search: bool = False, unknown: bool = False, figures: bool = True,
               days: bool = True) -> tuple[ast.AST, ...]:
    """The rules parsed once per process (clingo AST): adding parsed
    statements to a new program is three times faster than parsing text."""
    from clingo import ast
    out: list[ast.AST] = []
    ast.parse_string(program(search, unknown, figures, days),
                     lambda s: out.append(s) if s.ast_type != ast.ASTType.Comment else None)
    return tuple(out)


@cache
def texts() -> dict[str, Any]:
    """Titles and explanation templates of every norm and condition, by
    permit id, merged from the ``*.texts.yaml`` files beside the law's rules."""
    merged: dict[str, Any] = {}
    for path in sorted((kb_dir() / LAW).glob("*/*.texts.yaml")):
        data = _load_yaml(path) or {}
        for key, value in data.items():
            merged.setdefault(key, {}).update(value)
    return merged


@cache
def change_texts() -> dict[str, Any]:
    """Advice for each change the search may propose, and the notes."""
    advice: dict[str, Any] = _load_yaml(machinery_file("search.texts.yaml"))
    return advice
