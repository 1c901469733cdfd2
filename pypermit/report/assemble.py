"""The report made from what the rules derived: the answer sets (one, or
what is certain and what is possible where facts are unknown) and the
validated applicant they were derived for, whose own facts the texts name.
Nothing is derived again: every status, strength, waiver, figure and
citation is an atom of the answer; Python only groups them by permit and
condition and fills the texts."""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import clingo

from pypermit.applicant.model import Applicant
from pypermit.calendar import from_day_number
from pypermit.engine.atoms import by_predicate
from pypermit.engine.facts import scalar_facts
from pypermit.engine.program import Derivation
from pypermit.report import explain, words
from pypermit.report.model import Condition, ConditionStatus, Effect, Group, Permit, Report, Status

#: A fact's value where the rules leave it open (facts unknown).
UNKNOWN_WORD = {"en": "unknown", "de": "unbekannt"}
#: Effects in a fixed order, to name one where completions differ.
_EFFECTS: tuple[Effect, ...] = ("entitlement", "regular", "discretionary")
#: The atoms read per permit (their first argument the permit's id).
_PER_PERMIT = ("condition", "met", "member", "group", "waived", "also_cited", "detail", "measure",
               "group_fails", "worded", "figure")

Args = tuple[Any, ...]


def build(applicant: Applicant, derived: Derivation | Iterable[clingo.Symbol], lang: str = "en") -> Report:
    """Turn what the rules derived into a report, in the language asked.
    Where facts are unknown, a condition is met or unmet only if it is so in
    every completion, else unknown; a permit's status likewise, else
    undetermined."""
    if not isinstance(derived, Derivation):
        derived = Derivation(frozenset(derived), frozenset(derived))
    answer = _Answer.read(derived)
    values = _values(applicant, answer.atoms, lang)
    permits = tuple(_permit(pid, answer, values, lang)
                    for pid, _ in sorted(answer.atoms["permit"], key=lambda a: a[1]))
    law_ymd = answer.atoms["law_date"][0][0]
    return Report(as_of=from_day_number(answer.atoms["as_of"][0][0]),
                  law_date=_dt.date(law_ymd // 10000, law_ymd // 100 % 100, law_ymd % 100),
                  permits=permits, lang=lang)


@dataclass(frozen=True)
class _Answer:
    """The atoms of the answer by predicate (``atoms``: possible, in some
    completion), those per permit, and what is certain (in every one)."""
    atoms: dict[str, list[Args]]
    by_permit: dict[str, dict[str, list[Args]]]
    sure_met: set[tuple[str, str]]
    sure_fails: set[tuple[str, str]]

    @classmethod
    def read(cls, derived: Derivation) -> _Answer:
        atoms = by_predicate(derived.possible)
        certain = by_predicate(derived.certain) if not derived.settled else atoms
        by_permit: dict[str, dict[str, list[Args]]] = {name: defaultdict(list) for name in _PER_PERMIT}
        for name in _PER_PERMIT:
            for args in atoms.get(name, []):
                by_permit[name][args[0]].append(args[1:])
        return cls(atoms, by_permit, {(a[0], a[1]) for a in certain.get("met", [])},
                   {(a[0], a[1]) for a in certain.get("group_fails", [])})

    def of(self, name: str, pid: str) -> list[Args]:
        return self.by_permit[name].get(pid, [])


def _values(applicant: Applicant, atoms: dict[str, list[Args]], lang: str) -> dict[str, Any]:
    """What the texts may name for this person: the applicant's own facts
    (unknown ones as such) and the figures the rules worked out (about/2)."""
    facts = {path: (UNKNOWN_WORD[lang] if path in applicant.unknown else value)
             for path, value in scalar_facts(applicant).items()}
    abouts: dict[str, set[Any]] = defaultdict(set)
    for key, value in atoms.get("about", []):
        abouts[_key(key)].add(value)
    return {**facts, **{k: (next(iter(v)) if len(v) == 1 else UNKNOWN_WORD[lang]) for k, v in abouts.items()}}


def _permit(pid: str, answer: _Answer, values: dict[str, Any], lang: str) -> Permit:
    """One permit: its conditions and groups with their texts, its status and effect."""
    met_ids = {a[0] for a in answer.of("met", pid)}
    parent = {a[0]: a[1] for a in answer.of("member", pid)}
    texts = _Texts(pid, answer, values, lang)
    waived_by = _waived_by(answer.of("waived", pid))
    extra_cites: dict[str, list[str]] = defaultdict(list)
    for c, cit in answer.of("also_cited", pid):
        extra_cites[c].append(cit)

    def state(possible: bool, sure: bool) -> ConditionStatus:
        return "met" if sure else "unmet" if not possible else "unknown"

    def in_group(cid: str) -> str | None:
        g = parent.get(cid, "root")
        return None if g == "root" else g

    conds = tuple(Condition(
        id=cid, status=state(cid in met_ids, (pid, cid) in answer.sure_met), strength=strength,
        citation="; ".join([cit, *sorted(set(extra_cites.get(cid, [])))]),
        text=texts(cid, cid in met_ids), group=in_group(cid),
        waived_by=waived_by.get(cid) if (pid, cid) in answer.sure_met else None,
        figures=tuple(sorted(texts.figures.get(cid, {}).items())))
        for cid, strength, cit in _one_strength(answer.of("condition", pid)))
    failing = {a[0] for a in answer.of("group_fails", pid)}
    grps = tuple(Group(id=g, mode=mode, citation=cit, text=texts(g, g not in failing), group=in_group(g),
                       status=state((pid, g) not in answer.sure_fails, g not in failing))
                 for g, mode, cit in set(answer.of("group", pid)))
    statuses: set[Status] = {value for p, value in answer.atoms["status"] if p == pid}
    effects: set[Effect] = {value for p, value in answer.atoms["effect"] if p == pid}
    rank = {k: i for i, k in enumerate(explain.condition_order(pid))}
    return Permit(
        id=pid, title=explain.template(pid, "title", lang) or pid,
        status=next(iter(statuses)) if len(statuses) == 1 else "undetermined",
        effect=min(effects, key=_EFFECTS.index),
        citation=next(c for p, c in answer.atoms["permit_citation"] if p == pid),
        conditions=tuple(sorted(conds, key=lambda c: (rank.get(c.id, len(rank)), c.id))),
        groups=tuple(sorted(grps, key=lambda g: (rank.get(g.id, len(rank)), g.id))))


def _waived_by(waived: list[Args]) -> dict[str, str]:
    """The reason named for each requirement set aside: where several set
    one aside (26.4 pension_60m in education and ill), the first in the
    texts' order, whatever the answer set's order."""
    out: dict[str, str] = {}
    for c, reason in sorted(waived, key=lambda a: words.waiver_rank(a[1])):
        out.setdefault(c, reason)
    return out


class _Texts:
    """The explanation of each condition and group of one permit: its text
    filled with the person's values, the norm's wordings of the day
    (worded/3), the condition's own details (detail/3), the law's figures
    it asks (figure/3, as ``{figure.NAME}``) and the periods it measured
    (measure/4)."""

    def __init__(self, pid: str, answer: _Answer, values: dict[str, Any], lang: str):
        self.pid, self.lang = pid, lang
        wordings = answer.of("worded", pid)
        self.values = {**values, **dict(wordings)} if wordings else values
        self.details: dict[str, dict[str, Any]] = defaultdict(dict)
        for c, key, value in answer.of("detail", pid):
            self.details[c][_key(key)] = value
        self.figures: dict[str, dict[str, Any]] = defaultdict(dict)
        for c, name, value in answer.of("figure", pid):
            self.figures[c][name] = value
            self.details[c][f"figure.{name}"] = value
        self.measures: dict[str, list[Args]] = defaultdict(list)
        for c, length, start, end in answer.of("measure", pid):
            self.measures[c].append((length, start, end))

    def __call__(self, cid: str, met: bool) -> str:
        vals = self.values
        if cid in self.details or cid in self.measures:
            vals = {**self.values, **self.details.get(cid, {})}
            if cid in self.measures:
                vals["measure"] = explain.measure_phrase(sorted(self.measures[cid], key=repr), self.lang)
        return explain.sentence(self.pid, cid, met, vals, self.lang)


def _one_strength(conditions: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """One entry per condition; where completions differ in its strength
    (identity for a § 104c holder), the stricter one."""
    out: dict[str, tuple[Any, ...]] = {}
    for cid, strength, cit in conditions:
        if cid not in out or strength == "hard":
            out[cid] = (cid, strength, cit)
    return list(out.values())


def _key(value: Any) -> str:
    """A condition or detail name as written in the texts ("turns(27)")."""
    return value if isinstance(value, str) else f"{value[0]}({','.join(map(str, value[1:]))})"
