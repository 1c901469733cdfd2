"""Error answers as problem details (RFC 9457, ``application/problem+json``).

Refused input carries the problem list the CLI prints, one entry per
fault: ``field`` (the path, as the CLI names it), ``value`` (as given) and
``message``; ``detail`` is the CLI's lines joined. No answer ever carries a
traceback.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Sequence
from typing import Any

from pypermit.errors import Problem

MEDIA_TYPE = "application/problem+json"

#: The kinds of problem: type URI and title per kind.
KINDS: dict[str, str] = {
    "invalid-applicant": "The applicant file breaks format v1",
    "bad-option": "An option of the request is not valid",
    "too-large": "The body is larger than the service accepts",
    "unauthorized": "A valid bearer token is needed",
    "busy": "Too many requests are waiting; try again shortly",
    "time-limit": "The evaluation ran past the time limit",
    "worker-lost": "The worker evaluating this request stopped; try again",
    "not-found": "There is nothing at this address",
    "method-not-allowed": "This address does not take this method",
    "internal": "The service failed to answer",
}


def type_uri(kind: str) -> str:
    return f"urn:pypermit:problem:{kind}"


def _plain(value: Any) -> Any:
    """A value as JSON can carry it (days as ISO text, anything odd as text)."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    try:
        json.dumps(value, allow_nan=False)
        return value
    except (TypeError, ValueError):
        return str(value)


def document(kind: str, status: int, detail: str, found: Sequence[Problem] = ()) -> dict[str, Any]:
    """The problem document of one answer."""
    out: dict[str, Any] = {"type": type_uri(kind), "title": KINDS[kind], "status": status, "detail": detail}
    if found:
        out["problems"] = [{"field": p.path, "value": _plain(p.value), "message": p.message} for p in found]
    return out


class Refused(Exception):
    """Input the service refuses, with the CLI's problem list."""
    status = 400
    kind = "bad-option"

    def __init__(self, found: Sequence[Problem]):
        super().__init__(len(found))
        self.found = list(found)

    def document(self) -> dict[str, Any]:
        return document(self.kind, self.status, "\n".join(str(p) for p in self.found), self.found)


class Invalid(Refused):
    """The body is not a valid applicant file (422)."""
    status = 422
    kind = "invalid-applicant"


class BadOption(Refused):
    """A query parameter is not valid (400)."""
