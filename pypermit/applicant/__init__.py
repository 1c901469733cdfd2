"""The applicant: the validated model of one person's facts, read from a
bounded file, with its problems named by field path.

The names below are imported on first use (PEP 562): a module that needs
only the file's scalars (``applicant.scalars``) does not build the pydantic
model, which costs a cold command (``pypermit --help``) most of its time.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Each public name and the module that defines it.
_WHERE = {
    "BASES": "pypermit.applicant.fields", "COVERAGE_START": "pypermit.applicant.fields",
    "STATUSES": "pypermit.applicant.fields", "Applicant": "pypermit.applicant.model",
    "applicant_to_dict": "pypermit.applicant.load", "load_applicant": "pypermit.applicant.load",
    "parse_applicant": "pypermit.applicant.load",
}

__all__ = ["BASES", "COVERAGE_START", "STATUSES", "Applicant", "applicant_to_dict", "load_applicant",
           "parse_applicant"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pypermit.applicant' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from pypermit.applicant.fields import BASES, COVERAGE_START, STATUSES
    from pypermit.applicant.load import applicant_to_dict, load_applicant, parse_applicant
    from pypermit.applicant.model import Applicant
