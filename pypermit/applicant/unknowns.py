"""Facts the file says are ``unknown``.

Any scalar field may be ``unknown``, and so may the lists ``convictions``
and ``household.children`` as a whole, and a stay period's ``since`` or
``status``. Before validation each ``unknown`` is taken out and replaced by
a placeholder the format accepts (the field's default, a day between the
neighbouring periods); the paths are kept on the model, and the rules let
each unknown fact range over its domain (kb/machinery/unknown.lp).

A whole unknown list stands for one entry whose every field is unknown
(``convictions[0]``: a conviction of any kind, or none; a child who may or
may not live in the household).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Literal, get_args, get_origin

from pypermit.applicant import paths

UNKNOWN = "unknown"

#: Fields that fix the question asked, not facts about the person.
NEVER_UNKNOWN = frozenset({"as_of", "application_date", "birth_date"})

#: A whole list that may be unknown, and the fields of the entry it stands for.
UNKNOWN_LISTS = {
    "convictions": ("date", "daily_rates", "prison_months", "suspended", "juvenile",
                    "youth_custody_months", "immigration_offence", "intentional"),
    "household.children": ("birth_date", "in_household", "unmarried", "attends_school"),
}

#: The most entries of a list with unknown facts: each multiplies what the
#: rules must range over (measured: 10 convictions with unknown daily rates
#: take seconds, 12 more than a minute), and no one asks about more at once.
MAX_UNKNOWN_ENTRIES = {"stay": 4, "convictions": 8, "household.children": 8}

#: List entries' required fields: a placeholder keeps the format's checks.
_REQUIRED_IN_LISTS = {"stay": ("since", "status", "basis"), "convictions": ("date",),
                      "household.children": ("birth_date",)}


def _date(text: Any) -> _dt.date | None:
    if isinstance(text, _dt.date) and not isinstance(text, _dt.datetime):
        return text
    try:
        return _dt.date.fromisoformat(str(text))
    except ValueError:
        return None


def take_out(data: dict[str, Any]) -> tuple[dict[str, Any], frozenset[str], list[tuple[str, object, str]]]:
    """The data with every ``unknown`` replaced by a placeholder, the paths
    of the unknown facts, and problems (path, value, message) for unknowns
    where none may be."""
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    paths: set[str] = set()
    problems: list[tuple[str, object, str]] = []
    as_of = _date(data.get("as_of")) or _dt.date.today()
    application = _date(data.get("application_date"))

    for key in NEVER_UNKNOWN:
        if data.get(key) == UNKNOWN:
            problems.append((key, UNKNOWN, f"{key} cannot be unknown: it fixes the question asked"))

    def section(path: str, mapping: dict[str, Any]) -> None:
        for key in list(mapping):
            sub = f"{path}.{key}" if path else key
            value = mapping[key]
            if value == UNKNOWN and sub not in NEVER_UNKNOWN:
                if sub in UNKNOWN_LISTS:
                    mapping[key] = [{f: UNKNOWN for f in UNKNOWN_LISTS[sub]}]
                    entries(sub, mapping[key])
                else:
                    del mapping[key]
                    paths.add(sub)
            elif isinstance(value, dict):
                mapping[key] = dict(value)
                section(sub, mapping[key])
            elif isinstance(value, list) and sub in _REQUIRED_IN_LISTS:
                mapping[key] = [dict(v) if isinstance(v, dict) else v for v in value]
                entries(sub, mapping[key])

    def entries(path: str, items: list[Any]) -> None:
        original = [dict(item) if isinstance(item, dict) else item for item in items]
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            for key in list(item):
                if item[key] != UNKNOWN:
                    continue
                paths.add(f"{path}[{i}].{key}")
                if key in _REQUIRED_IN_LISTS[path]:
                    item[key] = _placeholder(original, i, key, as_of, application)
                else:
                    del item[key]
            if path == "convictions":
                _consistent_conviction(item, original[i])

    section("", data)
    for name, most in MAX_UNKNOWN_ENTRIES.items():
        entries_open = {p.split("]")[0] for p in paths if p.startswith(name + "[")}
        if len(entries_open) > most:
            problems.append((name, None, f"{len(entries_open)} entries with unknown facts; at most {most} "
                                         "can be left open at once (find out some of them first)"))
    return data, frozenset(paths), problems


def _consistent_conviction(item: dict[str, Any], original: dict[str, Any]) -> None:
    """Placeholders that keep a conviction's known particulars acceptable
    (youth custody only under juvenile law, a suspension only of a term)."""
    unknown = {k for k, v in original.items() if v == UNKNOWN}
    if "juvenile" in unknown and item.get("youth_custody_months"):
        item["juvenile"] = True
    if item.get("suspended") is True and not item.get("prison_months") and not item.get("youth_custody_months"):
        if "prison_months" in unknown and not item.get("juvenile"):
            item["prison_months"] = 1
        elif "youth_custody_months" in unknown:
            item["youth_custody_months"] = 1
    if "suspended" in unknown:
        item.pop("suspended", None)


def _placeholder(items: list[Any], i: int, key: str, as_of: _dt.date, application: _dt.date | None) -> Any:
    """A value the format accepts in place of an unknown required field: for
    a start, a day in its window, after the unknown starts before it."""
    if key == "basis":
        return "other"
    if key == "status":
        return "permit" if items[i].get("basis") is not None else "duldung"
    if key != "since":
        return as_of.isoformat()
    low, high = since_bounds(items, i, as_of, application)
    run_before = 0
    while i - run_before - 1 >= 0 and _date(_since(items[i - run_before - 1])) is None:
        run_before += 1
    run_after = 0
    while i + run_after + 1 < len(items) and _date(_since(items[i + run_after + 1])) is None:
        run_after += 1
    if low is None:
        low = high - _dt.timedelta(days=run_before + run_after)
    return (low + _dt.timedelta(days=run_before)).isoformat()


def _since(item: Any) -> Any:
    return item.get("since") if isinstance(item, dict) else None


def since_bounds(items: list[Any], i: int, as_of: _dt.date,
                 application: _dt.date | None = None) -> tuple[_dt.date | None, _dt.date]:
    """The days an unknown ``stay[i].since`` may take: after the known start
    before it, before the known start after it, not after as_of; the first
    start not after the application (which is made during the stay)."""
    before = [d for d in (_date(_since(p)) for p in items[:i]) if d]
    after = [d for d in (_date(_since(p)) for p in items[i + 1:]) if d]
    low = max(before) + _dt.timedelta(days=1) if before else None
    high = min(after) - _dt.timedelta(days=1) if after else as_of
    if i == 0 and application is not None:
        high = min(high, application)
    return low, high


def choices(annotation: Any) -> tuple[Any, ...] | None:
    """The values a yes/no or one-of field can take, from its type; None for
    numbers and dates (their domains are the rules' business)."""
    while True:
        if annotation is bool:
            return (True, False)
        if get_origin(annotation) is Literal:
            return get_args(annotation)
        args = [a for a in get_args(annotation) if a is not type(None)]
        if not args:
            return None
        if any(a is bool for a in args):
            return (True, False)
        annotation = args[0]


def put_back(data: dict[str, Any], unknown: frozenset[str]) -> dict[str, Any]:
    """The dict form of an applicant with ``unknown`` written where it was."""
    for path in sorted(unknown):
        paths.put(data, path, UNKNOWN)
    return data
