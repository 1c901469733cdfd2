"""The words of values and days, as each language writes them.

One table holds the words of every value the applicant file and the rules
can give (``values:`` in kb/law/common/shared.texts.yaml): by the field
that holds the value ("identity.passport": valid → "gültig"; list items
without their index, "stay[].status"), "boolean" for every yes/no field,
"waived" for the reasons a rule gives for setting a requirement aside, and
"same_as" for the figures the rules derive that take a field's words
(``status_now`` those of ``stay[].status``). Days: German as TT.MM.JJJJ,
English as ISO 8601 (YYYY-MM-DD), the form the applicant file uses.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from pypermit.engine.kb import texts

_INDEX = re.compile(r"\[\d+\]")


def day(value: _dt.date, lang: str) -> str:
    """A day as the language writes it: 2025-12-30, 30.12.2025."""
    return value.strftime("%d.%m.%Y") if lang == "de" else value.isoformat()


def table() -> dict[str, dict[str, Any]]:
    """The words of the values, by field (kb/law/common/shared.texts.yaml ``values:``)."""
    values: dict[str, dict[str, Any]] = texts().get("*", {}).get("values", {})
    return values


def field_key(path: str) -> str:
    """The entry of the table a field path (or a derived figure) takes its
    words from: "stay[2].status" → "stay[].status", "status_now" → "stay[].status"."""
    generic = _INDEX.sub("[]", path)
    return str(table().get("same_as", {}).get(generic, generic))


def _in(entry: Any, lang: str) -> str | None:
    if isinstance(entry, dict):
        text = entry.get(lang)
        return None if text is None else str(text)
    return None if entry is None else str(entry)


def word(value: Any, field: str | None, lang: str) -> str | None:
    """The word of ``value`` as the table writes it for ``field`` (any
    yes/no field takes the boolean words); None where the table has none."""
    if isinstance(value, bool):
        return _in(table().get("boolean", {}).get(str(value).lower()), lang)
    if field is None or not isinstance(value, str):
        return None
    return _in(table().get(field_key(field), {}).get(value), lang)


def waiver(reason: str, lang: str = "en") -> str:
    """Why a requirement is set aside, in words (the reason of waived/3:
    the cause of an impairment, education ...); the reason itself where no
    text names it."""
    return word(reason, "waived", lang) or reason


def waiver_rank(reason: str) -> tuple[int, str]:
    """Where several reasons set one requirement aside, the one named: the
    first in the order the table lists them, then by name."""
    order = list(table().get("waived", {}))
    return (order.index(reason) if reason in order else len(order), reason)
