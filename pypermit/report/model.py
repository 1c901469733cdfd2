"""The report: what the rules derived for one person, as typed objects and
as report-v1 JSON (../shared/spec/report-v1.md). report.build makes one from
the answer sets."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from pypermit.errors import UnknownPermit
from pypermit.report import explain

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
