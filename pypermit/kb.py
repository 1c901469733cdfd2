"""Where the knowledge base lives, and its files read once per process.

The law is in ``kb/`` (an installed package carries it as ``pypermit/kb``).
Reading it is pure: the text of the rules and the texts that explain them
never change while a process runs, so they are cached.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml


def kb_dir() -> Path:
    """The knowledge base: ``kb/`` beside the package in a checkout or an
    editable install, ``pypermit/kb`` in a built wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "kb", here / "kb"):
        if (candidate / "schema.lp").is_file():
            return candidate
    raise FileNotFoundError("the knowledge base (kb/schema.lp) is missing from this installation")


def rule_files() -> list[Path]:
    """The rule files of one evaluation, in a fixed order (without the
    search for changes, which :func:`search_file` adds)."""
    root = kb_dir()
    return [root / "schema.lp", *sorted((root / "common").glob("*.lp")), *sorted((root / "norms").glob("*.lp"))]


def search_file() -> Path:
    return kb_dir() / "search.lp"


@lru_cache(maxsize=None)
def program(with_search: bool = False) -> str:
    """The rules as one program text."""
    files = rule_files() + ([search_file()] if with_search else [])
    return "\n".join(f"%%% {f.name}\n{f.read_text(encoding='utf-8')}" for f in files)


@lru_cache(maxsize=None)
def statements(with_search: bool = False) -> tuple:
    """The rules parsed once per process (clingo AST): adding parsed
    statements to a new program is three times faster than parsing text."""
    from clingo import ast
    out: list = []
    ast.parse_string(program(with_search), out.append)
    return tuple(out)


@lru_cache(maxsize=None)
def texts() -> dict:
    """Titles and explanation templates of every norm and condition, by
    permit id, merged from the ``*.texts.yaml`` files beside the rules."""
    merged: dict = {}
    for path in sorted(kb_dir().glob("*/*.texts.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in data.items():
            merged.setdefault(key, {}).update(value)
    return merged


@lru_cache(maxsize=None)
def change_texts() -> dict:
    """Advice for each change the search may propose, and the notes."""
    return yaml.safe_load((kb_dir() / "search.texts.yaml").read_text(encoding="utf-8"))
