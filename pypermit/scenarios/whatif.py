"""What if a fact were different: changes to an applicant by field path, and
the same person before and after them.

A change names a field of the applicant file as a path
(``identity.clarified``, ``household.children[0].attends_school``,
``stay[1].status``) and a value as it would be written in the file. It is
applied to the file form of the applicant (``applicant_to_dict``) and the
result is validated like a file, so a bad value is refused with the same
message a file would get. An index one past the end of a list adds an item
(``convictions[0].date=...`` for a person without convictions).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, replace
from difflib import get_close_matches
from typing import Any

from pypermit.applicant import paths
from pypermit.applicant.load import applicant_to_dict, load_applicant
from pypermit.applicant.model import Applicant
from pypermit.applicant.text import read_scalar, show
from pypermit.errors import InvalidApplicant, Problem
from pypermit.report import explain
from pypermit.report.model import Change, Report
from pypermit.scenarios.difference import ConditionChange, PermitDifference


@dataclass(frozen=True)
class WhatIf:
    """The same person before and after ``changes``."""
    before: Report
    after: Report
    changes: tuple[Change, ...]
    differences: tuple[PermitDifference, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"format": "pypermit/whatif-v1", "before": self.before.to_dict(), "after": self.after.to_dict(),
                "changes": [c.to_dict() for c in self.changes],
                "differences": [d.to_dict() for d in self.differences]}


def _named(permit: str, condition: str) -> set[str]:
    """The names a condition's sentences fill in (applicant fields among them)."""
    names: set[str] = set()
    for lang in explain.LANGS:
        entry = explain.template(permit, condition, lang)
        for text in (entry.values() if isinstance(entry, dict) else [entry or ""]):
            names.update(name for _, name, _, _ in string.Formatter().parse(text) if name)
    return names


def with_reasons(differences: tuple[PermitDifference, ...],
                 changes: tuple[Change, ...]) -> tuple[PermitDifference, ...]:
    """Each condition whose strength or waiver changed, with the changes that
    explain it: those of the facts its sentence names (identity.steps_taken
    for a § 104c holder's identity), or the one change where only one was
    made. The rules decide; this only says which of the changes made were
    behind it."""
    real = tuple(c for c in changes if c.old != c.new)

    def reasons(permit: str, change: ConditionChange) -> tuple[Change, ...]:
        if not (change.strength_changed or change.waiver_changed):
            return ()
        named = _named(permit, change.id)
        found = tuple(c for c in real if c.fact in named)
        return found or (real if len(real) == 1 else ())

    return tuple(replace(d, conditions=tuple(replace(c, because=reasons(d.permit, c)) for c in d.conditions))
                 for d in differences)


def parse_value(text: str) -> Any:
    """A value written as in a YAML file: ``true``, ``B1``, ``2027-03-01``,
    ``60``, read like the file reads it (``25.10`` stays ``25.10``); text
    that YAML cannot read (``2019-13-01``) stays text, so the validation
    names it as written."""
    return read_scalar(text)


def parse_setting(text: str) -> tuple[str, Any]:
    """``"german=B1"`` -> ``("german", "B1")``; ValueError without ``=``."""
    path, sep, value = text.partition("=")
    if not sep or not path.strip():
        raise ValueError(f"{text} is not PATH=VALUE (e.g. german=B1 or household.children[0].attends_school=false)")
    return path.strip(), parse_value(value.strip())


def _refuse(path: Any, value: Any, why: str) -> InvalidApplicant:
    return InvalidApplicant([Problem(str(path), value, f"{why}, so it cannot be set to {show(value)}")])


def _place(data: dict[str, Any], reference: Any, path: str, value: Any) -> None:
    """Set ``path`` in ``data`` (the file form) to ``value``; ``reference``
    is the applicant with every field present, to tell a misspelt field
    from one the file leaves out (a period's ``basis``)."""
    try:
        if not isinstance(path, str):
            raise ValueError(path)
        parts = paths.parse(path)
    except ValueError:
        raise _refuse(path, value, "not a field path like household.children[0].attends_school") from None
    here: Any = data
    ref: Any = reference
    done = ""
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(part, int):
            if not isinstance(here, list):
                raise _refuse(path, value, f"{done} is not a list")
            if part > len(here):
                raise _refuse(path, value, f"there is no {done}[{part}] ({done} has {len(here)} "
                                           f"item{'s' if len(here) != 1 else ''}; {done}[{len(here)}] adds one)")
            if part == len(here):
                here.append({})
            ref = ref[part] if isinstance(ref, list) and part < len(ref) else None
            done += f"[{part}]"
        else:
            if not isinstance(here, dict):
                raise _refuse(path, value, f"{done} is a value, not a section with fields")
            if isinstance(ref, dict) and part not in ref:
                close = get_close_matches(part, list(ref), n=1)
                hint = f" (did you mean {(done + '.' if done else '') + close[0]}?)" if close else ""
                raise _refuse(path, value, f"no such field{hint}")
            ref = ref.get(part) if isinstance(ref, dict) else None
            done += ("." if done else "") + part
        if last:
            here[part] = value
            return
        if isinstance(here, dict) and part not in here:
            here[part] = {}
        here = here[part]


def _get(data: Any, path: str) -> Any:
    for part in paths.parse(path):
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def apply_changes(applicant: Applicant, changes: Mapping[str, Any]) -> tuple[Applicant, tuple[Change, ...]]:
    """The applicant with ``changes`` (path -> value) applied and validated,
    and each change with its value before and after (file form).

    Setting ``as_of`` alone moves an application date that the file left to
    its default along with it. Raises InvalidApplicant: for a path that is
    not a field, or for a value the file format refuses (each problem that
    the changes caused elsewhere says which changes caused it).
    """
    reference = applicant.model_dump(mode="json")    # every field, a period's basis too
    before = applicant_to_dict(applicant)
    data = applicant_to_dict(applicant, only_given_dates=True)
    data.setdefault("as_of", applicant.as_of.isoformat())
    problems: list[Problem] = []
    for path, value in changes.items():
        try:
            _place(data, reference, path, value)
        except InvalidApplicant as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidApplicant(problems)
    try:
        changed = load_applicant(data)
    except InvalidApplicant as exc:
        raise InvalidApplicant([_blame(p, changes) for p in exc.problems]) from None
    after = applicant_to_dict(changed)
    return changed, tuple(Change(path, _get(before, path), _get(after, path)) for path in changes)


def _blame(problem: Problem, changes: Mapping[str, Any]) -> Problem:
    """A problem the changes caused at another field says which changes."""
    if any(problem.path == p or problem.path.startswith((p + ".", p + "[")) for p in changes):
        return problem
    said = ", ".join(f"{p}={v if isinstance(v, str) and len(v) < 60 else show(v)}" for p, v in changes.items())
    word = "change" if len(changes) == 1 else "changes"
    return Problem(problem.path, problem.value, f"{problem.message} (after the {word} {said})")
