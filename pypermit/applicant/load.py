"""Validation entry points: a mapping, a file or an Applicant in, a valid
Applicant out, or every problem at once (:class:`InvalidApplicant`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import (
    ValidationError,
)

from pypermit.applicant import unknowns
from pypermit.applicant.files import (
    read_applicant_file,
)
from pypermit.applicant.model import Applicant
from pypermit.applicant.problems import problems_from
from pypermit.errors import InvalidApplicant, Problem

#: Problems listed for one file; beyond them one line says how many more.
MAX_PROBLEMS = 50


def parse_applicant(data: Any, *, as_of: date | str | None = None,
                    source: str | None = None) -> Applicant:
    """Validate a mapping (or an Applicant) as applicant-v1.

    ``as_of`` overrides the file's decision day; ``application_date`` then
    defaults to it unless the data gives one.  Every problem is found in one
    pass: each field's own, and facts that cannot be true together
    (pypermit.consistency).  Raises InvalidApplicant.
    """
    from pypermit.applicant.consistency import (
        impossible_facts,  # it reads this module's types
    )

    if isinstance(data, Applicant):
        if as_of is None:
            return data
        data = applicant_to_dict(data, only_given_dates=True)
    unknown: frozenset[str] = frozenset()
    problems: list[Problem] = []
    if isinstance(data, Mapping):
        data = dict(data)
        if as_of is not None:
            data["as_of"] = as_of
        data, unknown, faults = unknowns.take_out(data)
        if faults:
            raise InvalidApplicant([Problem(*f) for f in faults], source=source)
        problems = impossible_facts(data, unknown)
    try:
        applicant = Applicant.model_validate(data)
    except ValidationError as exc:
        problems = problems_from(exc) + problems
    if problems:
        raise InvalidApplicant(_in_file_order(problems), source=source) from None
    applicant._unknown = unknown
    return applicant


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """By the order of the fields in the format (stable within a field),
    at most MAX_PROBLEMS and a line saying how many more."""
    order = {name: i for i, name in enumerate(Applicant.model_fields)}
    ranked = sorted(problems, key=lambda p: order.get(re.split(r"[.\[]", p.path, maxsplit=1)[0], len(order)))
    if len(ranked) > MAX_PROBLEMS:
        more = len(ranked) - MAX_PROBLEMS
        ranked = ranked[:MAX_PROBLEMS] + [Problem("", None, f"… and {more} more problems")]
    return ranked


def load_applicant(source: Applicant | Mapping[str, Any] | str | Path, *,
                   as_of: date | str | None = None) -> Applicant:
    """An Applicant from a file name (YAML or JSON), a mapping, or an Applicant.

    Everything is checked before anything is returned; any fault raises
    InvalidApplicant listing all problems found.
    """
    if isinstance(source, (str, Path)):
        data = read_applicant_file(source)
        return parse_applicant(data, as_of=as_of, source=str(source))
    return parse_applicant(source, as_of=as_of)


def applicant_to_dict(applicant: Applicant, *, only_given_dates: bool = False) -> dict[str, Any]:
    """The applicant as a JSON-able applicant-v1 mapping, every default filled in.

    Dates are ISO strings and a period without a basis has no ``basis`` key, so
    the result can be written out and read back unchanged.  With
    ``only_given_dates``, ``as_of``/``application_date`` appear only if they
    were given rather than defaulted (used to re-validate under another as_of).
    """
    data = unknowns.put_back(applicant.model_dump(mode="json"), applicant.unknown)
    for period in data["stay"]:
        if period.get("basis") is None:
            period.pop("basis", None)
    if only_given_dates:
        for key in ("as_of", "application_date"):
            if key not in applicant.model_fields_set:
                data.pop(key)
    return data
