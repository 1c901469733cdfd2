"""The report: what the rules derived for one person, as typed objects and
as report-v1 JSON (../shared/spec/report-v1.md)."""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

import clingo

from pypermit.applicant.model import Applicant
from pypermit.calendar import from_day_number
from pypermit.engine.atoms import by_predicate
from pypermit.engine.facts import scalar_facts
from pypermit.engine.program import Derivation
from pypermit.errors import UnknownPermit
from pypermit.report import explain, words

FORMAT = "pypermit/report-v1"
UNLOCK_FORMAT = "pypermit/unlock-v1"

# The words of report-v1, as kb/machinery/outcome.lp derives them.
#: A permit's status: ``undetermined`` where it depends on an unknown fact.
Status: TypeAlias = Literal["eligible", "waiver_needed", "not_eligible", "undetermined"]
#: A condition's or a group's status: ``unknown`` where it depends on an unknown fact.
ConditionStatus: TypeAlias = Literal["met", "unmet", "unknown"]
#: A condition the authority may not (``hard``) or may (``waivable``) set aside.
Strength: TypeAlias = Literal["hard", "waivable"]
#: What the norm grants: "ist zu erteilen", "soll", "kann".
Effect: TypeAlias = Literal["entitlement", "regular", "discretionary"]
#: A group's conditions hold together (``all``) or as alternatives (``any``).
Mode: TypeAlias = Literal["all", "any"]


@dataclass(frozen=True)
class Change:
    """One fact changed: ``fact`` is an applicant field path, or ``as_of``."""
    fact: str
    old: Any
    new: Any
    advice: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"fact": self.fact, "from": _json(self.old), "to": _json(self.new)}


@dataclass(frozen=True)
class UnlockOption:
    """A minimal set of changes that makes a permit eligible, or (``aims``
    ``waiver_needed``) brings it to where only requirements the authority
    may waive are left (``to_waive``: their ids with citations); ``meets``:
    the conditions unmet before that it meets (ids with citations);
    ``routes``: the alternatives it takes (a route of § 26 Abs. 3: group id
    and label); ``grows``: facts that grow by themselves until the day of
    the change of ``as_of`` (pension months, school years) and reach what a
    rule asks."""
    changes: tuple[Change, ...]
    meets: tuple[tuple[str, str], ...] = ()
    aims: str = "eligible"
    routes: tuple[tuple[str, str], ...] = ()
    grows: tuple[Change, ...] = ()
    to_waive: tuple[tuple[str, str], ...] = ()

    @property
    def facts(self) -> frozenset[str]:
        return frozenset(c.fact for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"changes": [c.to_dict() for c in self.changes],
                               "meets": [{"id": cid, "citation": cit} for cid, cit in self.meets],
                               "aims": self.aims}
        if self.routes:
            out["routes"] = [{"id": gid, "label": label} for gid, label in self.routes]
        if self.grows:
            out["grows"] = [c.to_dict() for c in self.grows]
        if self.to_waive:
            out["to_waive"] = [{"id": cid, "citation": cit} for cid, cit in self.to_waive]
        return out


@dataclass(frozen=True)
class Condition:
    id: str
    status: ConditionStatus
    strength: Strength
    citation: str
    text: str
    group: str | None = None
    waived_by: str | None = None
    #: The law's figures the condition asks on the law's day (``figure/4``:
    #: name, value), e.g. (("stay_years", 3),); not part of report-v1.
    figures: tuple[tuple[str, Any], ...] = ()

    @property
    def met(self) -> bool:
        return self.status == "met"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "status": self.status, "strength": self.strength,
               "citation": self.citation, "text": self.text}
        if self.group:
            out["group"] = self.group
        if self.waived_by:
            out["waived_by"] = self.waived_by
        return out


@dataclass(frozen=True)
class Group:
    """Conditions that hold together (``all``) or as alternatives (``any``)."""
    id: str
    mode: Mode
    status: ConditionStatus
    citation: str
    text: str
    group: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "mode": self.mode, "status": self.status,
               "citation": self.citation, "text": self.text}
        if self.group:
            out["group"] = self.group
        return out


@dataclass(frozen=True)
class Permit:
    id: str
    title: str
    status: Status
    effect: Effect
    citation: str
    conditions: tuple[Condition, ...]
    groups: tuple[Group, ...] = ()
    unlock: tuple[UnlockOption, ...] = ()
    unlock_note: str | None = None

    @property
    def nodes(self) -> list[Condition | Group]:
        """Groups and conditions in the order the norm reads, each group
        before its members."""
        rank = {k: i for i, k in enumerate(explain.condition_order(self.id))}
        return sorted([*self.groups, *self.conditions], key=lambda n: (rank.get(n.id, len(rank)), n.id))

    def condition(self, condition_id: str) -> Condition:
        for c in self.conditions:
            if c.id == condition_id:
                return c
        raise KeyError(f"{self.id} has no condition {condition_id!r} on this day")

    @property
    def unmet(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if not c.met)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "title": self.title, "status": self.status, "effect": self.effect,
               "citation": self.citation, "conditions": [c.to_dict() for c in self.conditions],
               "groups": [g.to_dict() for g in self.groups],
               "unlock": [o.to_dict() for o in self.unlock]}
        if self.unlock_note:
            out["unlock_note"] = self.unlock_note
        return out


@dataclass(frozen=True)
class Report:
    as_of: _dt.date
    law_date: _dt.date
    permits: tuple[Permit, ...]
    lang: str = "en"
    questions: tuple[Any, ...] = ()

    def permit(self, permit_id: str) -> Permit:
        for p in self.permits:
            if p.id == permit_id:
                return p
        raise UnknownPermit("permit", permit_id, (p.id for p in self.permits))

    def __getitem__(self, permit_id: str) -> Permit:
        return self.permit(permit_id)

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "as_of": self.as_of.isoformat(), "law_date": self.law_date.isoformat(),
                "permits": [p.to_dict() for p in self.permits],
                "questions": [q.to_dict() for q in self.questions]}

    def unlock_dict(self, permits: Iterable[Permit] | None = None) -> dict[str, Any]:
        """unlock-v1 (``pypermit unlock --format json``): what would unlock
        each of ``permits`` (default: all)."""
        return {"format": UNLOCK_FORMAT, "as_of": self.as_of.isoformat(),
                "permits": [{"id": p.id, "status": p.status, "unlock": [o.to_dict() for o in p.unlock],
                             **({"unlock_note": p.unlock_note} if p.unlock_note else {})}
                            for p in (self.permits if permits is None else permits)]}


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, _dt.date) else value


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


UNKNOWN_WORD = {"en": "unknown", "de": "unbekannt"}
#: Effects in a fixed order, to name one where completions differ.
_EFFECTS: tuple[Effect, ...] = ("entitlement", "regular", "discretionary")


def build(applicant: Applicant, derived: Derivation | Iterable[clingo.Symbol], lang: str = "en") -> Report:
    """Turn what the rules derived into a report, in the language asked.
    Where facts are unknown, a condition is met or unmet only if it is so in
    every completion, else unknown; a permit's status likewise, else
    undetermined."""
    if not isinstance(derived, Derivation):
        derived = Derivation(frozenset(derived), frozenset(derived))
    atoms = by_predicate(derived.possible)
    certain = by_predicate(derived.certain) if not derived.settled else atoms
    facts = {path: (UNKNOWN_WORD[lang] if path in applicant.unknown else value)
             for path, value in scalar_facts(applicant).items()}
    abouts: dict[str, set[Any]] = defaultdict(set)
    for key, value in atoms.get("about", []):
        abouts[_key(key)].add(value)
    base_values: dict[str, Any] = {**facts, **{k: (next(iter(v)) if len(v) == 1 else UNKNOWN_WORD[lang])
                                               for k, v in abouts.items()}}

    def per_permit(name: str) -> dict[str, list[tuple[Any, ...]]]:
        out: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for args in atoms.get(name, []):
            out[args[0]].append(args[1:])
        return out

    conditions, mets, members = per_permit("condition"), per_permit("met"), per_permit("member")
    groups, waived, also = per_permit("group"), per_permit("waived"), per_permit("also_cited")
    details, measures, fails = per_permit("detail"), per_permit("measure"), per_permit("group_fails")
    wordings, figures = per_permit("worded"), per_permit("figure")
    statuses: dict[str, set[Status]] = defaultdict(set)
    effects: dict[str, set[Effect]] = defaultdict(set)
    for pid, value in atoms["status"]:
        statuses[pid].add(value)
    for pid, value in atoms["effect"]:
        effects[pid].add(value)
    citations = dict(atoms["permit_citation"])
    sure_met = {(a[0], a[1]) for a in certain.get("met", [])}
    sure_fails = {(a[0], a[1]) for a in certain.get("group_fails", [])}

    def state(possible: bool, sure: bool) -> ConditionStatus:
        return "met" if sure else "unmet" if not possible else "unknown"

    permits = []
    for pid, _ in sorted(atoms["permit"], key=lambda a: a[1]):
        met_ids = {a[0] for a in mets[pid]}
        parent = {a[0]: a[1] for a in members[pid]}
        # One reason named where several set a requirement aside (26.4
        # pension_60m in education and ill), whatever the answer set's order.
        waived_by: dict[str, str] = {}
        for c, reason in sorted(waived[pid], key=lambda a: words.waiver_rank(a[1])):
            waived_by.setdefault(c, reason)
        extra_cites: dict[str, list[str]] = defaultdict(list)
        for c, cit in also[pid]:
            extra_cites[c].append(cit)
        cond_details: dict[str, dict[str, Any]] = defaultdict(dict)
        for c, key, value in details[pid]:
            cond_details[c][_key(key)] = value
        cond_measures: dict[str, list[tuple[Any, Any, Any]]] = defaultdict(list)
        for c, length, start, end in measures[pid]:
            cond_measures[c].append((length, start, end))
        # The law's figures a condition asks, named in its texts as {figure.NAME}.
        cond_figures: dict[str, dict[str, Any]] = defaultdict(dict)
        for c, name, value in figures[pid]:
            cond_figures[c][name] = value
            cond_details[c][f"figure.{name}"] = value

        # The norm's wordings on the law's day, named in its texts by key.
        permit_values = {**base_values, **dict(wordings[pid])} if wordings[pid] else base_values

        # The loop's values are bound as defaults (they are used in this
        # iteration only; the defaults say so).
        def text(cid: str, met: bool, pid: str = pid, permit_values: dict[str, Any] = permit_values,
                 cond_details: dict[str, dict[str, Any]] = cond_details,
                 cond_measures: dict[str, list[tuple[Any, Any, Any]]] = cond_measures) -> str:
            vals = permit_values
            if cid in cond_details or cid in cond_measures:
                vals = {**permit_values, **cond_details.get(cid, {})}
                if cid in cond_measures:
                    vals["measure"] = explain.measure_phrase(sorted(cond_measures[cid], key=repr), lang)
            return explain.sentence(pid, cid, met, vals, lang)

        def in_group(cid: str, parent: dict[str, str] = parent) -> str | None:
            g = parent.get(cid, "root")
            return None if g == "root" else g

        conds = tuple(Condition(
            id=cid, status=state(cid in met_ids, (pid, cid) in sure_met), strength=strength,
            citation="; ".join([cit, *sorted(set(extra_cites.get(cid, [])))]),
            text=text(cid, cid in met_ids), group=in_group(cid),
            waived_by=waived_by.get(cid) if (pid, cid) in sure_met else None,
            figures=tuple(sorted(cond_figures.get(cid, {}).items())))
            for cid, strength, cit in _one_strength(conditions[pid]))
        failing = {a[0] for a in fails[pid]}
        grps = tuple(Group(id=g, mode=mode, citation=cit, text=text(g, g not in failing), group=in_group(g),
                           status=state((pid, g) not in sure_fails, g not in failing))
                     for g, mode, cit in set(groups[pid]))
        rank = {k: i for i, k in enumerate(explain.condition_order(pid))}
        permits.append(Permit(
            id=pid, title=explain.template(pid, "title", lang) or pid,
            status=next(iter(statuses[pid])) if len(statuses[pid]) == 1 else "undetermined",
            effect=min(effects[pid], key=_EFFECTS.index), citation=citations[pid],
            conditions=tuple(sorted(conds, key=lambda c: (rank.get(c.id, len(rank)), c.id))),
            groups=tuple(sorted(grps, key=lambda g: (rank.get(g.id, len(rank)), g.id)))))
    law_ymd = atoms["law_date"][0][0]
    return Report(as_of=from_day_number(atoms["as_of"][0][0]),
                  law_date=_dt.date(law_ymd // 10000, law_ymd // 100 % 100, law_ymd % 100),
                  permits=tuple(permits), lang=lang)
