"""Scalars as the user wrote them, read where the model expects a day, a
yes/no or a number.

Numbers are kept as written (:class:`Numeral`): the model reads a number
where it expects one and the text where it expects a word, so
``basis: 25.10`` stays ``25.10`` and is refused instead of becoming ``25.1``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any


class Numeral(str):
    """A number as written unquoted in a file: the text, and ``value``, the
    number it reads as (None if it is none Python can hold)."""

    value: int | float | None

    def __new__(cls, text: str, value: int | float | None) -> Numeral:
        numeral = super().__new__(cls, text)
        numeral.value = value
        return numeral

    def __reduce__(self) -> Any:
        return Numeral, (str(self), self.value)


def numeral(text: str, read: Callable[[], Any]) -> Numeral:
    try:
        return Numeral(text, read())
    except (ValueError, OverflowError):   # e.g. more digits than int() takes
        return Numeral(text, None)


#: The days pypermit reckons with: a date outside is a typo, and the
#: calendar arithmetic of the rules needs room on either side.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)
DATE_EXPECTED = "a date (YYYY-MM-DD)"


def read_day(value: Any) -> date | None:
    """A day from FIRST_DAY to LAST_DAY, from a YAML date or ISO text
    (YYYY-MM-DD); None for anything else (day_fault says why)."""
    day = _any_day(value)
    return day if day is not None and FIRST_DAY <= day <= LAST_DAY else None


def day_fault(value: Any) -> str | None:
    """What a date should have been, if ``value`` is none pypermit takes."""
    if _any_day(value) is None:
        return DATE_EXPECTED
    return None if read_day(value) else f"a date from {FIRST_DAY} to {LAST_DAY}"


def _any_day(value: Any) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if type(value) is str and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


_YES = {"true", "yes", "ja"}
_NO = {"false", "no", "nein"}


def read_bool(value: Any) -> bool | None:
    """A yes/no fact: a YAML boolean or, in any case, true/false, yes/no,
    ja/nein; None for anything else (1 and 0 are not answers to a question)."""
    if isinstance(value, bool):
        return value
    if type(value) is str:
        word = value.strip().lower()
        if word in _YES or word in _NO:
            return word in _YES
    return None


def read_number(value: Any) -> int | float | None:
    """A finite number: written as one in the file, or given as one in
    Python; None for text, booleans, NaN and infinities."""
    if isinstance(value, Numeral):
        value = value.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
