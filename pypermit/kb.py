"""Where the knowledge base lives, and its files read once per process.

The law is in ``kb/`` (an installed package carries it as ``pypermit/kb``).
Reading it is pure: the text of the rules and the texts that explain them
never change while a process runs, so they are cached.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

#: libyaml's loader where PyYAML has it (the same documents, several times
#: faster to read than the pure-Python one; the texts are read at every start).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


def kb_dir() -> Path:
    """The knowledge base: ``kb/`` beside the package in a checkout or an
    editable install, ``pypermit/kb`` in a built wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "kb", here / "kb"):
        if (candidate / "schema.lp").is_file():
            return candidate
    raise FileNotFoundError("the knowledge base (kb/schema.lp) is missing from this installation")


#: The figures of a stay, for the explanations: left out when a stay
#: period's start or status is unknown (see the file's header).
FIGURES = "stay_figures.lp"
#: The days on which something can change: only for the search for changes
#: and the timeline, and only with the figures.
DAYS = "change_days.lp"


def rule_files(*, search: bool = False, unknown: bool = False, figures: bool = True,
               days: bool = True) -> list[Path]:
    """The rule files of one evaluation, in a fixed order: the schema, the
    shared notions, the norms, then the optional parts."""
    root = kb_dir()
    left_out = ({FIGURES, DAYS} if not figures else set()) | ({DAYS} if not days else set())
    common = [f for f in sorted((root / "common").glob("*.lp")) if f.name not in left_out]
    return [root / "schema.lp", *common, *sorted((root / "norms").glob("*.lp")),
            *([root / "search.lp"] if search else []), *([root / "unknown.lp"] if unknown else [])]


@lru_cache(maxsize=None)
def program(search: bool = False, unknown: bool = False, figures: bool = True, days: bool = True) -> str:
    """The rules as one program text."""
    files = rule_files(search=search, unknown=unknown, figures=figures, days=days)
    return "\n".join(f"%%% {f.name}\n{f.read_text(encoding='utf-8')}" for f in files)


@lru_cache(maxsize=None)
def statements(search: bool = False, unknown: bool = False, figures: bool = True, days: bool = True) -> tuple:
    """The rules parsed once per process (clingo AST): adding parsed
    statements to a new program is three times faster than parsing text."""
    from clingo import ast
    out: list = []
    ast.parse_string(program(search, unknown, figures, days),
                     lambda s: out.append(s) if s.ast_type != ast.ASTType.Comment else None)
    return tuple(out)


@lru_cache(maxsize=None)
def texts() -> dict:
    """Titles and explanation templates of every norm and condition, by
    permit id, merged from the ``*.texts.yaml`` files beside the rules."""
    merged: dict = {}
    for path in sorted(kb_dir().glob("*/*.texts.yaml")):
        data = _load_yaml(path) or {}
        for key, value in data.items():
            merged.setdefault(key, {}).update(value)
    return merged


@lru_cache(maxsize=None)
def change_texts() -> dict:
    """Advice for each change the search may propose, and the notes."""
    return _load_yaml(kb_dir() / "search.texts.yaml")
