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

import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pypermit.applicant.model import Applicant
from pypermit.engine.facts import scalar_facts
from pypermit.render.citations import waiver_line
from pypermit.render.fields import fact_value, field_label
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
    "not_stated": "{field}: nicht angegeben; angenommen: {value}",
    "open_questions": "Offene Fragen (pypermit interview stellt sie): {facts}",
    "first_step": "Erster Weg",
    "none_unmet": "Alle Voraussetzungen erfüllt.",
})

@dataclass(frozen=True)
class NotStated:
    """A fact the file did not state, and what it was taken as."""
    path: str
    value: Any

    def text(self, lang: str) -> str:
        return LABELS[lang]["not_stated"].format(field=field_label(self.path, lang),
                                                 value=fact_value(self.path, self.value, lang))


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
    """The one-line reading of a permit that needs a waiver, from its
    waivable conditions not met (waiver_line)."""
    if permit.status != "waiver_needed":
        return None
    return waiver_line([c.citation for c in permit.conditions if c.strength == "waivable" and matters(permit, c)],
                       lang)


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
