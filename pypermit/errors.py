"""The one family of errors pypermit raises: catch :class:`Error` for all.

Every error carries ``problems``, one :class:`Problem` per fault (the field
or argument, the value, the message), so the command line can print one
line each or the ``pypermit/error-v1`` JSON object, whatever went wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: The longest message line a problem keeps; longer ones end in "…".
MAX_MESSAGE = 400

FORMAT = "pypermit/error-v1"


@dataclass(frozen=True)
class Problem:
    """One fault: where (``stay[2].since``, an argument, a file), the value,
    and the message.

    ``message`` reads on after the path and names the value and what was
    expected, e.g. ``2019-13-01 is not a date (YYYY-MM-DD)``.  File-level
    problems (unreadable, empty, not YAML) have the file name or ``""`` as path.
    """

    path: str
    value: object
    message: str

    def __post_init__(self) -> None:
        # A line per problem, of bounded length, whatever was given.
        message = " ".join(str(self.message).split())
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        object.__setattr__(self, "message", message)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class Error(Exception):
    """Anything pypermit refuses or cannot do; ``str()`` is one line per problem."""

    def __init__(self, problems: Iterable[Problem] | str):
        self.problems = [Problem("", None, problems)] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled by its problems, whatever the subclass's own arguments, so
        an error crosses from a worker process (batch, service) intact."""
        return (_restore, (type(self), self.problems))

    def to_dict(self) -> dict[str, Any]:
        """The ``pypermit/error-v1`` object: each problem's field, value and message."""
        return {"format": FORMAT, "problems": [
            {"field": p.path, "value": _json_value(p.value), "message": p.message} for p in self.problems]}


class InvalidApplicant(Error, ValueError):
    """An applicant, or an argument about one (a date, a language), that
    pypermit refuses; nothing is evaluated then."""

    def __init__(self, problems: Iterable[Problem] | str, source: str | None = None):
        super().__init__(problems)
        self.source = source


def _restore(cls: type[Error], problems: list[Problem]) -> Error:
    error = cls.__new__(cls)
    Error.__init__(error, problems)
    return error


class UnknownPermit(Error, KeyError):
    """A permit or norm id the knowledge base does not have (a KeyError too)."""

    def __init__(self, field: str, value: Any, known: Iterable[str], kind: str = "permit"):
        super().__init__([Problem(field, value, f"{_short(value)} is not a {kind}; the {kind}s are "
                                                + ", ".join(known))])


class KnowledgeBaseError(Error, RuntimeError):
    """The rules did not give exactly one answer: a defect of the knowledge
    base, never of the input."""


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _json_value(value: Any) -> Any:
    """A problem's value in JSON: plain scalars as they are, anything else
    as short text (never a huge structure)."""
    if value is None or isinstance(value, bool) or (isinstance(value, (int, float)) and abs(value) < 1e15):
        return value
    if isinstance(value, str) and type(value) is str:
        return _short(value)
    from pypermit.applicant.text import show
    return show(value)
