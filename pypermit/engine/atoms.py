"""Atoms as plain Python: numbers, strings, names, and tuples (name, *args)
for compound terms, so that what the rules derived can be read without
clingo's objects."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import clingo


def py(symbol: clingo.Symbol) -> Any:
    """A derived term as plain Python: numbers, strings, constants as their
    name, compound terms as tuples (name, *args)."""
    kind = symbol.type
    if kind == clingo.SymbolType.Number:
        return symbol.number
    if kind == clingo.SymbolType.String:
        return symbol.string
    args = symbol.arguments
    return (symbol.name, *map(py, args)) if args else symbol.name


_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(-?\d+)|([A-Za-z_][A-Za-z0-9_\']*)|([(),])')


def parse_atom(text: str) -> tuple[Any, ...]:
    """An atom as clingo prints it, as plain Python (the same as :func:`py`
    of its arguments): reading the text is several times faster than asking
    clingo for each argument."""
    stack: list[list[Any]] = [[]]
    names: list[str] = []
    previous = ""
    for match in _TOKEN.finditer(text):
        string, number, name, mark = match.groups()
        if string is not None:
            stack[-1].append(string.replace('\\"', '"').replace("\\\\", "\\"))
        elif number is not None:
            stack[-1].append(int(number))
        elif name is not None:
            stack[-1].append(name)
        elif mark == "(":
            names.append(stack[-1].pop() if previous == "name" else "")
            stack.append([])
        elif mark == ")":
            args, head = stack.pop(), names.pop()
            stack[-1].append((head, *args))
        previous = "name" if name is not None else ""
    atom = stack[0][0]
    return atom if isinstance(atom, tuple) else (atom,)


@lru_cache(maxsize=1 << 16)
def plain(symbol: clingo.Symbol) -> tuple[Any, ...]:
    """An atom as plain Python, remembered: most atoms (conditions with their
    citations, statuses) recur from one person to the next."""
    return parse_atom(str(symbol))


def by_predicate(symbols: Iterable[clingo.Symbol]) -> dict[str, list[tuple[Any, ...]]]:
    """The answer set as plain Python, by predicate."""
    out: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for s in symbols:
        name, *args = plain(s)
        out[name].append(tuple(args))
    return out
