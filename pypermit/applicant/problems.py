"""pydantic's errors said plainly: one :class:`Problem` per fault, naming the
field path, the value as written and what was expected."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any, get_args

from pydantic import (
    BaseModel,
    ValidationError,
)

from pypermit.applicant import paths
from pypermit.applicant.fields import Expected
from pypermit.applicant.model import Applicant
from pypermit.applicant.text import show as _show
from pypermit.errors import Problem


def _unwrap(annotation: Any) -> Any:
    """The model inside ``tuple[Model, ...]``, ``Optional[Model]`` or ``Annotated[...]``."""
    while not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        args = [a for a in get_args(annotation) if a is not type(None) and a is not Ellipsis]
        if not args:
            return None
        annotation = args[0]
    return annotation


def field_at(loc: tuple[str | int, ...]) -> tuple[Any, type[BaseModel] | None]:
    """Walk the model along ``loc``: (FieldInfo of the last field or None, model of the value).

    A loc ending at a list item gives no FieldInfo and the item's model; a
    place the model does not know gives (None, None).
    """
    info = None
    target: type[BaseModel] | None = Applicant
    for part in loc:
        if isinstance(part, int):
            info = None
            continue
        if target is None or part not in target.model_fields:
            return None, None
        info = target.model_fields[part]
        target = _unwrap(info.annotation)
    return info, target


def _expected_at(loc: tuple[str | int, ...]) -> str | None:
    """What the value at ``loc`` should be, from its ``Expected`` mark or its model."""
    info, target = field_at(loc)
    if info is not None:
        for meta in info.metadata:
            if isinstance(meta, Expected):
                return meta.text
    return getattr(target, "what", None)


def _unknown_field(loc: tuple[str | int, ...]) -> str:
    """Say the key is unknown, and suggest the field a typo probably meant."""
    _, holder = field_at(loc[:-1])
    text = "unknown field"
    if holder is not None and isinstance(loc[-1], str):
        close = get_close_matches(loc[-1], list(holder.model_fields), n=1)
        if close:
            text += f" (did you mean {close[0]}?)"
    return text


def problems_from(error: ValidationError) -> list[Problem]:
    """Translate pydantic's errors into one readable Problem each."""
    problems: list[Problem] = []
    for err in error.errors(include_url=False):
        kind, loc, value = err["type"], tuple(err["loc"]), err.get("input")
        ctx = err.get("ctx") or {}
        if kind == "default_factory_not_called":
            continue  # application_date waits for a valid as_of, which is reported
        if kind == "pypermit_problems":
            for rel, found_value, text in ctx["problems"]:
                problems.append(Problem(paths.join(loc + tuple(rel)), found_value, text))
            continue
        path = paths.join(loc)
        expected = _expected_at(loc)
        if kind == "missing":
            text = "missing" + (f"; expected {expected}" if expected else "")
            value = None
        elif kind == "extra_forbidden":
            text = _unknown_field(loc)
        elif kind == "invalid_key":
            path = ".".join(part for part in (paths.join(loc[:-1]), _show(value)) if part)
            text = "unknown field (field names are text, like birth_date)"
        elif kind == "too_long":
            text = (f"{ctx.get('actual_length') or 'more'} items; a file lists at most {ctx['max_length']} "
                    "(no real person has more)")
            value = None
        elif kind == "pypermit_invalid":
            text = f"{_show(value)} is not {ctx['expected']}"
        elif expected:
            text = f"{_show(value)} is not {expected}"
        else:  # not expected to happen; still one readable line
            text = f"{_show(value)}: {err['msg'][:1].lower()}{err['msg'][1:]}"
        problems.append(Problem(path, value, text))
    return problems
