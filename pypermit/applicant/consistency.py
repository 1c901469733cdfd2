"""Facts of one applicant that cannot all be true: dates out of order, a
stay, a child or a conviction that the person's birth rules out, a sentence
whose parts do not fit, a permit without its basis.

They are checked on the data as given, beside the field checks of the
model and in the same pass, so that a file's problems come at once. A value
its field refuses is left out here (the field check names it), and so is a
fact the file says is ``unknown`` (its placeholder is no fact). Each message
names both fields. Nothing here is a condition of a permit: only what
cannot be.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from pypermit.applicant.fields import BASES, COVERAGE_START, STATUSES
from pypermit.applicant.scalars import read_bool, read_day, read_number
from pypermit.applicant.text import show
from pypermit.calendar import birthday
from pypermit.errors import Problem

#: No one is criminally responsible before the 14th birthday (§ 19 StGB).
AGE_OF_CRIMINAL_RESPONSIBILITY = 14


def impossible_facts(data: Mapping[str, Any], unknown: frozenset[str]) -> list[Problem]:
    """The problems of facts that contradict each other, in ``data`` (an
    applicant mapping with its unknown facts taken out: ``unknown`` are
    their paths)."""
    found: list[Problem] = []

    def day(mapping: Any, key: str, path: str) -> _dt.date | None:
        if path in unknown or not isinstance(mapping, Mapping):
            return None
        return read_day(mapping.get(key))

    as_of = day(data, "as_of", "as_of") if "as_of" in data else _dt.date.today()
    if as_of and as_of < COVERAGE_START:
        as_of = None    # refused by its field; nothing is measured against it
    birth = day(data, "birth_date", "birth_date")
    stay = _entries(data.get("stay"))
    household = data.get("household")
    children = _entries(household.get("children")) if isinstance(household, Mapping) else []
    starts = [(i, day(period, "since", f"stay[{i}].since")) for i, period in stay]

    def after_as_of(path: str, value: _dt.date | None, why: str = "") -> None:
        if value and as_of and value > as_of:
            found.append(Problem(path, value, f"{show(value)} is after as_of ({show(as_of)}){why}"))

    after_as_of("birth_date", birth)
    _application(found, day(data, "application_date", "application_date"), birth, as_of,
                 next((d for i, d in starts if i == 0), None), after_as_of)
    previous: tuple[int, _dt.date] | None = None
    for i, since in starts:
        if since is None:
            continue
        path = f"stay[{i}].since"
        if previous and since <= previous[1]:
            found.append(Problem(path, since, f"{show(since)} is not after stay[{previous[0]}].since "
                                              f"({show(previous[1])}); periods go oldest first, "
                                              "no two on the same day"))
        after_as_of(path, since, "; no period may start after the decision day")
        if birth and since < birth:
            found.append(Problem(path, since, f"{show(since)} is before birth_date ({show(birth)}); "
                                              "no stay begins before birth"))
        previous = (i, since)
    for i, period in stay:
        _basis(found, f"stay[{i}]", period)
    for i, conviction in _entries(data.get("convictions")):
        path = f"convictions[{i}]"
        when = day(conviction, "date", f"{path}.date")
        after_as_of(f"{path}.date", when)
        if when and birth:
            fourteen = birthday(birth, AGE_OF_CRIMINAL_RESPONSIBILITY)
            if when < fourteen:
                found.append(Problem(f"{path}.date", when, f"{show(when)} is before the 14th birthday "
                                     f"({show(fourteen)}) of birth_date ({show(birth)}); no one is "
                                     "convicted for what they did under 14 (§ 19 StGB)"))
        _sentence(found, path, conviction)
    for i, child in children:
        path = f"household.children[{i}].birth_date"
        born = day(child, "birth_date", path)
        after_as_of(path, born)
        if born and birth and born <= birth:
            found.append(Problem(path, born, f"{show(born)} is not after birth_date ({show(birth)}); "
                                             "a child is born after the parent"))
    return found


def _entries(items: Any) -> list[tuple[int, Mapping[str, Any]]]:
    """The mappings of a list, with their indices (others are the model's to refuse)."""
    if not isinstance(items, (list, tuple)):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, Mapping)]


def _application(found: list[Problem], applied: _dt.date | None, birth: _dt.date | None,
                 as_of: _dt.date | None, first_start: _dt.date | None, after_as_of: Any) -> None:
    """An application is made after the stay began and by the decision day."""
    if applied is None:
        return
    if birth and applied < birth:
        found.append(Problem("application_date", applied,
                             f"{show(applied)} is before birth_date ({show(birth)})"))
    elif first_start and applied < first_start:
        found.append(Problem("application_date", applied, f"{show(applied)} is before stay[0].since "
                             f"({show(first_start)}); the application is made during the stay"))
    after_as_of("application_date", applied, "; the application is made by the decision day")


def _basis(found: list[Problem], path: str, period: Mapping[str, Any]) -> None:
    """A permit period names its basis; no other period has one."""
    status, basis = period.get("status"), period.get("basis")
    if status == "permit" and basis is None:
        found.append(Problem(f"{path}.basis", None, "missing; a period with status permit needs its "
                                                    "basis, one of: " + ", ".join(BASES)))
    elif status in STATUSES and status != "permit" and basis in BASES:
        found.append(Problem(f"{path}.basis", basis, f"{show(basis)} is given, but only a period with "
                                                     f"status permit has a basis (this one is {status})"))


def _sentence(found: list[Problem], path: str, conviction: Mapping[str, Any]) -> None:
    """Youth custody only under juvenile law, prison only under adult law,
    a suspension only of a term."""
    def number(key: str) -> float | None:
        return read_number(conviction.get(key, 0))

    def flag(key: str) -> bool | None:
        return read_bool(conviction.get(key, False))

    custody, prison, juvenile, suspended = (number("youth_custody_months"), number("prison_months"),
                                            flag("juvenile"), flag("suspended"))
    if custody and juvenile is False:
        found.append(Problem(f"{path}.youth_custody_months", conviction["youth_custody_months"],
                             f"{show(conviction['youth_custody_months'])} is given, but youth custody "
                             "needs a conviction under juvenile criminal law (juvenile: true)"))
    if prison and juvenile:
        found.append(Problem(f"{path}.prison_months", conviction["prison_months"],
                             f"{show(conviction['prison_months'])} is given, but a juvenile conviction "
                             "imposes youth custody; give youth_custody_months instead"))
    if suspended and prison == 0 and custody == 0:
        found.append(Problem(f"{path}.suspended", True, "true, but there is no prison_months or "
                                                        "youth_custody_months sentence to suspend"))
