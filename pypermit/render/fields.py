"""The applicant's fields as a sentence names them: "Pass" for
``identity.passport``, "Zeitraum 2: Status" for ``stay[1].status``, and a
field's value in the words of its field (pypermit.report.words), a whole
list item field by field.

The labels are the page's (pypermit/service/static/texts.json), one set for
the form and for every text pypermit prints.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from pypermit.report.explain import render_value

#: The lists of the file, with the word for one of their items (the page's ``ui`` texts).
_ITEMS = {"stay": "period", "convictions": "conviction", "household.children": "child"}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ITEM = re.compile(r"^(?P<list>[a-z_.]+)\[(?P<index>\d+)\](?:\.(?P<rest>.+))?$")


@lru_cache(maxsize=1)
def _texts() -> dict[str, Any]:
    """The labels of the applicant fields, English and German: the page's
    (pypermit/service/static/texts.json)."""
    path = resources.files("pypermit.service").joinpath("static/texts.json")
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _generic(path: str) -> str:
    """The path of any item of its lists: "stay[].status"."""
    return re.sub(r"\[\d+\]", "[]", path)


def _label(generic: str, lang: str) -> str:
    entry = _texts()["fields"].get(generic, {}).get(lang)
    return str(entry["label"]) if entry else generic


def field_label(path: str, lang: str) -> str:
    """"Integration prognosis" for ``integration_prognosis``; an item of a
    list by its number: "Period 2: Status" for ``stay[1].status``,
    "Period 3" for ``stay[2]``; the path where no label is written."""
    m = _ITEM.match(path)
    if m is None or m["list"] not in _ITEMS:
        return _label(path, lang)
    item = f"{_texts()['ui'][lang][_ITEMS[m['list']]]} {int(m['index']) + 1}"
    if m["rest"] is None:
        return item
    return f"{item}: {_label(_generic(path), lang)}"


def fact_value(path: str, value: Any, lang: str) -> str:
    """The value of a field in the words of its field, a day (a date, or
    as the file writes it: 2026-01-01) as the language writes it; a list
    item (a mapping) field by field, "Since: 2026-01-01, Status: residence
    permit"; a list item by item."""
    if isinstance(value, Mapping):
        generic = _generic(path)
        return ", ".join(f"{_label(f'{generic}.{key}', lang)}: {fact_value(f'{path}.{key}', item, lang)}"
                         for key, item in value.items())
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "; ".join(fact_value(f"{path}[{i}]", item, lang) for i, item in enumerate(value))
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):    # a day as the file writes it
        value = _dt.date.fromisoformat(value)
    return render_value(value, lang, path)
