"""Field paths: ``household.children[0].attends_school`` names one field of
an applicant file. One parser, one printer, one getter and one setter, used
by every part that names a field (problems, unknown facts, what-if, the
interview, the service's form)."""

from __future__ import annotations

import json
import re
from typing import Any

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)")
_INDEX = re.compile(r"\[(\d+)\]")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: A key longer than this is cut in a message (hostile files have long keys).
_MAX_NAME = 60

Step = str | int


def parse(path: str) -> list[Step]:
    """``"stay[1].status"`` -> ``["stay", 1, "status"]``; ValueError if it
    is not a path."""
    parts: list[Step] = []
    for step in path.split("."):
        match = _STEP.fullmatch(step)
        if match is None:
            raise ValueError(step)
        parts.append(match.group(1))
        parts.extend(int(i) for i in _INDEX.findall(match.group(2)))
    return parts


def join(steps: tuple[Step, ...] | list[Step]) -> str:
    """``("stay", 2, "since")`` -> ``stay[2].since``; a key that is no name
    is quoted and a long one cut, so any key a file holds can be shown."""
    out = ""
    for part in steps:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            name = str(part) if _NAME.fullmatch(str(part)) else json.dumps(str(part), ensure_ascii=False)
            if len(name) > _MAX_NAME:
                name = name[: _MAX_NAME - 1] + "…"
            out += ("." if out else "") + name
    return out


def get(data: Any, path: str) -> Any:
    """The value at ``path`` in the file form of an applicant."""
    for part in parse(path):
        data = data[part]
    return data


def put(data: Any, path: str, value: Any) -> None:
    """Set the value at ``path`` (its parents must exist) in place."""
    *parents, last = parse(path)
    for part in parents:
        data = data[part]
    data[last] = value
