"""What the short report and the one-page summary show, read off a report.

Generic over the report: no condition or norm is named here. A permit's
conditions that matter are those not met (unmet or unknown) outside a group
the rules found met (an alternative not taken does not hold a permit back);
a condition that several of the permits shown share — the same id, status,
strength and sentence — is shown once, with the permits it concerns; a
permit that needs a waiver is read in one line from its waivable unmet
conditions' citations: the first part of each citation is the requirement,
the parts the rules cite beside it (``also_cited/3``: the provision that
lets the authority set it aside) the basis of the waiver.

Facts the file did not state are found through the texts: a condition's
sentence names the applicant fields it shows (``{identity.steps_taken}``),
and the first way forward names the facts it changes; where one of those
was not stated, the summary says so and what it was taken as.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from pypermit.applicant.model import Applicant
from pypermit.engine.facts import scalar_facts
from pypermit.render.report import LABELS
from pypermit.report import explain
from pypermit.report.model import Condition, Permit, Report, UnlockOption

LABELS["en"].update({
    "short_title": "Decision day {as_of}",
    "short_law": "law of {law_date}",
    "short_hint": "short report; --full shows every condition",
    "shared": "Shared requirements",
    "shared_for": "for {permits}",
    "also": "{permit} also {citations}",
    "waiver_reading": "Eligible if the authority sets aside {requirements} ({bases})",
    "waiver_discretion": "Eligible if the authority uses its discretion under {citations}",
    "and": "and",
    "not_stated": "{field}: not stated; taken as: {value}",
    "open_questions": "Open questions (pypermit interview asks them): {facts}",
    "first_step": "First way forward",
    "none_unmet": "All conditions met.",
})
LABELS["de"].update({
    "short_title": "Entscheidungstag {as_of}",
    "short_law": "Recht vom {law_date}",
    "short_hint": "Kurzfassung; --full zeigt jede Voraussetzung",
    "shared": "Gemeinsame Voraussetzungen",
    "shared_for": "für {permits}",
    "also": "{permit} auch {citations}",
    "waiver_reading": "Erteilbar, wenn die Behörde von {requirements} absieht ({bases})",
    "waiver_discretion": "Erteilbar, wenn die Behörde ihr Ermessen nach {citations} ausübt",
    "and": "und",
    "not_stated": "{field}: nicht angegeben; angenommen: {value}",
    "open_questions": "Offene Fragen (pypermit interview stellt sie): {facts}",
    "first_step": "Erster Weg",
    "none_unmet": "Alle Voraussetzungen erfüllt.",
})

NBSP = "\u00a0"
# Spaces a line must not break at: "§ 25", "Abs. 5", "Nr. 1a", "55 %", "12 m²", "i. V. m.".
_GLUE = [re.compile(r"(?<=§) (?=\S)"), re.compile(r"(?<=\b(?:Abs|Art)\.) (?=\d)"),
         re.compile(r"(?<=\bNr\.) (?=\d)"), re.compile(r"(?<=\bSatz) (?=\d)"),
         re.compile(r"(?<=\bS\.) (?=\d)"), re.compile(r"(?<=\d) (?=%|m²)"),
         re.compile(r"(?<=\bi\.) (?=V\.)"), re.compile(r"(?<=\bV\.) (?=m\.)")]


def unbreakable(text: str) -> str:
    """The text with non-breaking spaces where a line must not break."""
    for pattern in _GLUE:
        text = pattern.sub(NBSP, text)
    return text


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def day(value: _dt.date, lang: str) -> str:
    """A date as the language writes it: 2025-12-30, 30.12.2025."""
    return value.strftime("%d.%m.%Y") if lang == "de" else value.isoformat()


def localised(text: str, lang: str) -> str:
    """ISO dates in a sentence written as the language writes them."""
    return _ISO_DAY.sub(r"\3.\2.\1", text) if lang == "de" else text


@lru_cache(maxsize=1)
def _field_texts() -> dict[str, Any]:
    """The labels of the applicant fields and their values, English and
    German: the page's (pypermit/service/static/texts.json)."""
    path = resources.files("pypermit.service").joinpath("static/texts.json")
    return dict(json.loads(path.read_text(encoding="utf-8")))


def field_label(path: str, lang: str) -> str:
    """"Integration prognosis" for ``integration_prognosis``; the path where no label is written."""
    generic = re.sub(r"\[\d+\]", "[]", path)
    entry = _field_texts()["fields"].get(generic, {}).get(lang)
    return entry["label"] if entry else path


def value_label(value: Any, lang: str) -> str:
    """A value of the file in words: yes/no, ja/nein, negativ ..."""
    key = str(value).lower() if isinstance(value, bool) else str(value)
    words = _field_texts()["values"]
    return str(words.get(lang, {}).get(key) or words.get("en", {}).get(key) or explain.render_value(value, lang))


@dataclass(frozen=True)
class NotStated:
    """A fact the file did not state, and what it was taken as."""
    path: str
    value: Any

    def text(self, lang: str) -> str:
        return LABELS[lang]["not_stated"].format(field=field_label(self.path, lang),
                                                 value=value_label(self.value, lang))


@dataclass(frozen=True)
class Shown:
    """A condition as the summary shows it: for one permit, or shared by
    ``permits`` (each with its own citation)."""
    condition: Condition
    permits: tuple[str, ...]
    citations: tuple[str, ...]          # one per permit, in the order of ``permits``
    not_stated: tuple[NotStated, ...] = ()

    @property
    def shared(self) -> bool:
        return len(self.permits) > 1

    def common_citation(self) -> str:
        """The parts of the citation every permit cites, in order."""
        parts = [c.split("; ") for c in self.citations]
        return "; ".join(p for p in parts[0] if all(p in other for other in parts[1:]))

    def extra_citations(self) -> list[tuple[str, str]]:
        """(permit, the parts of its citation the others do not cite)."""
        common = set(self.common_citation().split("; "))
        out = []
        for pid, cit in zip(self.permits, self.citations, strict=True):
            extra = [p for p in cit.split("; ") if p not in common]
            if extra:
                out.append((pid, "; ".join(extra)))
        return out


@dataclass(frozen=True)
class PermitSummary:
    permit: Permit
    own: tuple[Shown, ...]              # its conditions not met, not shared
    shared: tuple[Shown, ...]           # its conditions not met that other permits share
    waiver: str | None = None           # the one-line reading of waiver_needed
    first_step: UnlockOption | None = None
    step_not_stated: tuple[NotStated, ...] = ()


@dataclass(frozen=True)
class Summary:
    report: Report
    permits: tuple[PermitSummary, ...]
    shared: tuple[Shown, ...]
    lang: str = "en"
    questions: tuple[str, ...] = field(default=())

    def unmet_citations(self) -> list[str]:
        out: list[str] = []
        for ps in self.permits:
            for shown in (*ps.own, *ps.shared):
                out.extend(c for c in shown.citations if c not in out)
        return out


def select(report: Report, permits: Sequence[str] = (), unmet: bool = False) -> Report:
    """The report with only the permits asked (``--permit``, in the report's
    order), and with ``unmet`` only those not eligible, each with only its
    conditions and groups not met. UnknownPermit for an id the report lacks."""
    for pid in permits:
        report.permit(pid)
    chosen = [p for p in report.permits if (not permits or p.id in permits)
              and not (unmet and p.status == "eligible")]
    if unmet:
        chosen = [replace(p, conditions=tuple(c for c in p.conditions if not c.met),
                          groups=tuple(g for g in p.groups if g.status != "met")) for p in chosen]
    return replace(report, permits=tuple(chosen))


def matters(permit: Permit, condition: Condition) -> bool:
    """Not met, and not inside a group the rules found met."""
    if condition.met:
        return False
    groups = {g.id: g for g in permit.groups}
    seen: set[str] = set()
    g = condition.group
    while g is not None and g in groups and g not in seen:
        if groups[g].status == "met":
            return False
        seen.add(g)
        g = groups[g].group
    return True


def _placeholders(permit_id: str, condition: Condition, lang: str) -> list[str]:
    """The names a condition's sentence fills in (its unmet sentence; both where unknown)."""
    entry = explain.template(permit_id, condition.id, lang)
    if isinstance(entry, dict):
        texts = [entry.get("unmet", "")] if condition.status == "unmet" else list(entry.values())
    else:
        texts = [entry or ""]
    return [name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name]


def _not_stated(paths: Iterable[str], facts: dict[str, Any], stated: frozenset[str]) -> tuple[NotStated, ...]:
    out: list[NotStated] = []
    for path in paths:
        if path in facts and path not in stated and all(n.path != path for n in out):
            out.append(NotStated(path, facts[path]))
    return tuple(out)


def waiver_reading(permit: Permit, lang: str) -> str | None:
    """"Eligible if the authority sets aside § 5 Abs. 1 Nr. 1a and Nr. 4
    AufenthG (§ 5 Abs. 3 Satz 2 AufenthG)", read from the permit's waivable
    conditions not met: the first part of each citation is what is set
    aside, the parts cited beside it the basis. A waivable condition cited
    alone is set aside under its own provision ("uses its discretion under
    § 85 AufenthG")."""
    if permit.status != "waiver_needed":
        return None
    requirements: list[str] = []
    bases: list[str] = []
    alone: list[str] = []
    for c in permit.conditions:
        if c.strength != "waivable" or not matters(permit, c):
            continue
        first, *rest = c.citation.split("; ")
        if rest:
            if first not in requirements:
                requirements.append(first)
            bases.extend(b for b in rest if b not in bases)
        elif first not in alone:
            alone.append(first)
    labels = LABELS[lang]
    parts = []
    if requirements:
        parts.append(labels["waiver_reading"].format(requirements=join_citations(requirements, lang),
                                                     bases="; ".join(bases)))
    if alone:
        line = labels["waiver_discretion"].format(citations=join_citations(alone, lang))
        parts.append(line if not parts else line[0].lower() + line[1:])
    return "; ".join(parts) or None


_LAST_STEP = re.compile(r"^(?P<head>.*?)(?P<mark>Nr\.|Satz|Abs\.) (?P<num>\S+) (?P<law>\S+)$")


def join_citations(citations: Sequence[str], lang: str) -> str:
    """Citations joined as one: "§ 5 Abs. 1 Nr. 1a and Nr. 4 AufenthG" where
    they differ only in their last number, else "… and …"."""
    word = f" {LABELS[lang]['and']} "
    groups: dict[tuple[str, str, str], list[str]] = {}
    order: list[Any] = []
    for cit in citations:
        m = _LAST_STEP.match(cit)
        if m is None:
            order.append(cit)
            continue
        key = (m["head"], m["mark"], m["law"])
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(m["num"])
    out = []
    for item in order:
        if isinstance(item, str):
            out.append(item)
            continue
        head, mark, law = item
        nums = [f"{mark} {n}" for n in groups[item]]
        listed = nums[0] if len(nums) == 1 else ", ".join(nums[:-1]) + word + nums[-1]
        out.append(f"{head}{listed} {law}")
    return out[0] if len(out) == 1 else ", ".join(out[:-1]) + word + out[-1]


def summarise(report: Report, applicant: Applicant | None = None, *, permits: Sequence[str] = (),
              unmet: bool = False) -> Summary:
    """The summary of ``report`` (filtered by ``permits`` and ``unmet``)."""
    lang = report.lang
    chosen = select(report, permits, unmet).permits
    facts = scalar_facts(applicant) if applicant is not None else {}
    stated = applicant.stated_paths() if applicant is not None else frozenset(facts)

    def key(c: Condition) -> tuple[str, ...]:
        """The same condition: same id, outcome, sentence and first citation."""
        return (c.id, c.status, c.strength, c.text, c.citation.split("; ")[0])

    occurrences: dict[tuple[str, ...], list[tuple[Permit, Condition]]] = {}
    for p in chosen:
        for c in p.conditions:
            if matters(p, c):
                occurrences.setdefault(key(c), []).append((p, c))

    def shown(entries: list[tuple[Permit, Condition]]) -> Shown:
        p0, c0 = entries[0]
        names = [n for p, c in entries for n in _placeholders(p.id, c, lang)]
        return Shown(c0, tuple(p.id for p, _ in entries), tuple(c.citation for _, c in entries),
                     _not_stated(names, facts, stated))

    shared = {k: shown(v) for k, v in occurrences.items() if len(v) > 1}
    out = []
    for p in chosen:
        own = tuple(shown([(p, c)]) for c in p.conditions if matters(p, c) and key(c) not in shared)
        mine = tuple(shared[key(c)] for c in p.conditions if matters(p, c) and key(c) in shared)
        step = p.unlock[0] if p.unlock else None
        out.append(PermitSummary(
            p, own, mine, waiver_reading(p, lang), step,
            _not_stated((ch.fact for ch in step.changes), facts, stated) if step else ()))
    return Summary(report, tuple(out), tuple(shared.values()), lang,
                   tuple(q.fact for q in report.questions))
