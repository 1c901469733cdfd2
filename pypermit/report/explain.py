"""Explanation sentences: the templates written beside the rules, filled
with the person's own facts and the figures the rules derived.

Nothing here decides anything: a template says what a condition asks, and
the values come from the applicant file or from the rules (``detail/4``,
``measure/5``, ``about/2``; the law's own figures from ``figure/4`` as
``{figure.NAME}``). A placeholder may ask for a number in words
(``{figure.stay_years:words}`` "three", ``:Words`` "Three") or as an
ordinal (``:ordinal``: "27th"; German "27.").
"""

from __future__ import annotations

import datetime as _dt
import string
from collections.abc import Mapping
from functools import cache
from typing import Any

from pypermit.calendar import from_day_number
from pypermit.engine.kb import texts
from pypermit.engine.program import current_overlay
from pypermit.report import words

LANGS = ("en", "de")

_UNITS = {
    "en": {"years": ("year", "years"), "months": ("month", "months")},
    "de": {"years": ("Jahr", "Jahre"), "months": ("Monat", "Monate")},
}
_PHRASES = {
    "en": {"none": "no time counted", "from": "counted from {start}: {length} complete on {end}",
           "days": "{length}: {counted} of {needed} days counted"},
    "de": {"none": "keine anrechenbare Zeit", "from": "angerechnet ab {start}: {length} vollendet am {end}",
           "days": "{length}: {counted} von {needed} Tagen angerechnet"},
}
_THOUSANDS = {"en": ",", "de": "."}
#: Numbers in words, as the statute writes the figures it asks ("drei Jahre").
_WORDS = {
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
           "twelve"),
    "de": ("null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
           "zwölf"),
}
#: What the texts ask of a value: the number in words (capitalised), an ordinal.
SPECS = ("words", "Words", "ordinal")


def render_value(value: Any, lang: str = "en", field: str | None = None) -> str:
    """A value as a person reads it: the word the table gives for ``field``
    (pypermit.report.words: "gültig" for a passport, "ja" for any yes/no),
    days as the language writes them (30.12.2025, 2025-12-30), hundredths
    (of square metres, of school years) as the figure with the language's
    decimal mark, lengths with their unit. Derived values come as plain
    Python (see report.py): terms as tuples (name, *args)."""
    if isinstance(value, tuple) and value:
        name, args = value[0], value[1:]
        if name == "date" and len(args) == 1:
            return words.day(from_day_number(args[0]), lang)
        if name in ("sqm", "hundredths") and len(args) == 1:
            return _decimal(args[0] / 100, lang)
        if name == "span" and len(args) == 2:
            return f"{render_value(args[0], lang)} – {render_value(args[1], lang)}"
        if name in ("years", "months") and len(args) == 1:
            singular, plural = _UNITS[lang][name]
            return f"{args[0]} {singular if args[0] == 1 else plural}"
        return f"{name}({','.join(map(str, args))})"
    if isinstance(value, _dt.date):
        return words.day(value, lang)
    text = words.word(value, field, lang)
    if text is not None:
        return text
    if isinstance(value, float):
        return _decimal(value, lang)
    return str(value)


def formatted(value: Any, spec: str, lang: str = "en", field: str | None = None) -> str:
    """A value as a placeholder's format ``spec`` asks (see SPECS): a whole
    number in words ("three", "Three"; digits beyond twelve) or as an
    ordinal ("27th", German "27."); anything else (no spec) as render_value
    gives it for ``field``."""
    if isinstance(value, int) and not isinstance(value, bool):
        if spec in ("words", "Words"):
            spelled = _WORDS[lang][value] if 0 <= value < len(_WORDS[lang]) else str(value)
            return spelled[:1].upper() + spelled[1:] if spec == "Words" else spelled
        if spec == "ordinal":
            if lang == "de":
                return f"{value}."
            suffix = "th" if value % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
            return f"{value}{suffix}"
    return render_value(value, lang, field)


def _grouped(n: int, lang: str) -> str:
    """A count of days with the language's thousands separator (2,004 / 2.004)."""
    return f"{n:,}".replace(",", _THOUSANDS[lang])


#: The decimal mark of each language (12.5 m², 12,5 m²).
_DECIMAL = {"en": ".", "de": ","}


def _decimal(x: float, lang: str) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}".replace(".", _DECIMAL[lang])


def measure_phrase(measures: list[tuple[Any, Any, Any]], lang: str) -> str:
    """"counted from 2020-11-10: 6 years complete on 2026-11-09" for each
    length a condition asks; where the time is not one run, the days counted
    against those § 191 BGB needs: "6 years: 2,004 of 2,190 days counted"."""
    parts = []
    for length, start, end in measures:
        if start == "none":
            parts.append(f"{render_value(length, lang)}: {_PHRASES[lang]['none']}")
        elif isinstance(start, tuple) and start[0] == "days":
            parts.append(_PHRASES[lang]["days"].format(
                length=render_value(length, lang), counted=_grouped(start[1], lang), needed=_grouped(end[1], lang)))
        else:
            parts.append(_PHRASES[lang]["from"].format(
                start=render_value(start, lang), length=render_value(length, lang), end=render_value(end, lang)))
    return "; ".join(parts)


@cache
def _pieces(text: str) -> tuple[tuple[str, str | None, str], ...]:
    """A template split once into literal text, placeholder names (whole
    names, dots included: "{livelihood.own_share}") and format specs."""
    return tuple((literal, name, spec or "") for literal, name, spec, _ in string.Formatter().parse(text))


def fill(text: str, values: Mapping[str, Any], lang: str) -> str:
    """The template with the values it names, rendered (as its spec asks);
    "–" where one is missing."""
    return "".join(literal + ("" if name is None else
                              "–" if name not in values else
                              formatted(values[name], spec, lang, name))
                   for literal, name, spec in _pieces(text))


def template(permit_id: str, key: str, lang: str) -> Any:
    """The template of a condition or group, or a norm's title."""
    norm = texts().get(permit_id, {})
    shared = texts().get("*", {})
    added = current_overlay().texts.get(permit_id, {}).get("conditions", {}).get(key)
    if added is not None and key != "title":
        return added.get(lang)
    if key == "title":
        return norm.get("title", {}).get(lang)
    entry = norm.get("conditions", {}).get(key) or shared.get("conditions", {}).get(key)
    return None if entry is None else entry.get(lang)


_INSTEAD = {"en": "instead of", "de": "statt"}


def part_name(permit_id: str, section: str, key: str, lang: str) -> str | None:
    """The words a norm's texts give a part of it: a figure ("figures":
    "{value} years of stay"), a part with its own days ("provisions"), a
    wording that changes ("wordings"); None where they give none."""
    text = texts().get(permit_id, {}).get(section, {}).get(key, {}).get(lang)
    return None if text is None else str(text)


def figure_value(permit_id: str, name: str, value: Any, lang: str = "en") -> str:
    """"3 years of stay": a figure of the law with its value, worded by the
    norm's texts (``figures:``, with ``{value}``), else by its name."""
    label = part_name(permit_id, "figures", name, lang)
    return fill(label, {"value": value}, lang) if label else f"{name} {render_value(value, lang)}"


def figure_change(permit_id: str, name: str, old: Any, new: Any, lang: str = "en") -> str:
    """"3 years of stay instead of 4": a figure of the law (``figure/4``)
    that the law of another day sets otherwise."""
    return f"{figure_value(permit_id, name, new, lang)} {_INSTEAD[lang]} {render_value(old, lang)}"


def sentence(permit_id: str, key: str, met: bool, values: Mapping[str, Any], lang: str = "en") -> str:
    """The explanation of one condition for this person."""
    entry = template(permit_id, key, lang)
    if entry is None:
        return key
    if isinstance(entry, dict):
        entry = entry["met" if met else "unmet"]
    return fill(entry, values, lang)


@cache
def condition_order(permit_id: str) -> tuple[str, ...]:
    """Conditions in the order their texts list them: the order of the norm."""
    shared = list(texts().get("*", {}).get("conditions", {}))
    own = list(texts().get(permit_id, {}).get("conditions", {}))
    head = [k for k in shared if k == "in_force"]
    return tuple(head + own + [k for k in shared if k not in head and k not in own])
