"""The applicant: the validated model of one person's facts, read from a
bounded file, with its problems named by field path.

The names below are imported on first use (PEP 562): a module that needs
only the file's scalars (``applicant.scalars``) does not build the pydantic
model, which costs a cold command (``pypermit --help``) most of its time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pypermit.lazy import exports

#: Each public name and the module that defines it.
_WHERE = {
    "BASES": "pypermit.applicant.fields", "COVERAGE_START": "pypermit.applicant.fields",
    "STATUSES": "pypermit.applicant.fields", "Applicant": "pypermit.applicant.model",
    "applicant_to_dict": "pypermit.applicant.load", "load_applicant": "pypermit.applicant.load",
    "parse_applicant": "pypermit.applicant.load",
}

__all__ = ["BASES", "COVERAGE_START", "STATUSES", "Applicant", "applicant_to_dict", "load_applicant",
           "parse_applicant"]


__getattr__, __dir__ = exports(__name__, _WHERE, __all__)


if TYPE_CHECKING:
    from pypermit.applicant.fields import BASES, COVERAGE_START, STATUSES
    from pypermit.applicant.load import applicant_to_dict, load_applicant, parse_applicant
    from pypermit.applicant.model import Applicant
