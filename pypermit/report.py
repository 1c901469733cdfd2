"""The report: what the rules derived for one person, as typed objects and
as report-v1 JSON (../shared/spec/report-v1.md)."""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

import clingo

from . import explain
from .applicant import Applicant
from .calendar import from_day_number
from .facts import scalar_facts

FORMAT = "pypermit/report-v1"


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
    """A minimal set of changes that makes a permit eligible; ``meets``: the
    conditions unmet before that it meets (ids with citations)."""
    changes: tuple[Change, ...]
    meets: tuple[tuple[str, str], ...] = ()

    @property
    def facts(self) -> frozenset[str]:
        return frozenset(c.fact for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {"changes": [c.to_dict() for c in self.changes],
                "meets": [{"id": cid, "citation": cit} for cid, cit in self.meets]}


@dataclass(frozen=True)
class Condition:
    id: str
    status: str            # met | unmet
    strength: str          # hard | waivable
    citation: str
    text: str
    group: str | None = None
    waived_by: str | None = None

    @property
    def met(self) -> bool:
        return self.status == "met"

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "status": self.status, "strength": self.strength,
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
    mode: str
    status: str
    citation: str
    text: str
    group: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "mode": self.mode, "status": self.status,
               "citation": self.citation, "text": self.text}
        if self.group:
            out["group"] = self.group
        return out


@dataclass(frozen=True)
class Permit:
    id: str
    title: str
    status: str            # eligible | waiver_needed | not_eligible | undetermined
    effect: str            # entitlement | regular | discretionary
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
        out = {"id": self.id, "title": self.title, "status": self.status, "effect": self.effect,
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
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def permit(self, permit_id: str) -> Permit:
        for p in self.permits:
            if p.id == permit_id:
                return p
        raise KeyError(f"no permit {permit_id!r}; the permits are {', '.join(p.id for p in self.permits)}")

    def __getitem__(self, permit_id: str) -> Permit:
        return self.permit(permit_id)

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "as_of": self.as_of.isoformat(), "law_date": self.law_date.isoformat(),
                "permits": [p.to_dict() for p in self.permits], **self.extra}


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, _dt.date) else value


def _name(symbol: clingo.Symbol) -> str:
    return symbol.string if symbol.type == clingo.SymbolType.String else str(symbol)


class _Atoms:
    """The answer set, indexed by predicate."""

    def __init__(self, symbols: Iterable[clingo.Symbol]):
        self.by_name: dict[str, list[tuple[clingo.Symbol, ...]]] = defaultdict(list)
        for s in symbols:
            self.by_name[s.name].append(tuple(s.arguments))

    def __call__(self, name: str) -> list[tuple[clingo.Symbol, ...]]:
        return self.by_name.get(name, [])


def build(applicant: Applicant, symbols: Iterable[clingo.Symbol], lang: str = "en") -> Report:
    """Turn the answer set into a report, in the language asked."""
    atoms = _Atoms(symbols)
    facts = scalar_facts(applicant)
    about = {_name(k): v for k, v in atoms("about")}
    base_values: dict[str, Any] = {**facts, **about}

    def per_permit(name: str) -> dict[str, list[tuple[clingo.Symbol, ...]]]:
        out: dict[str, list] = defaultdict(list)
        for args in atoms(name):
            out[args[0].string].append(args[1:])
        return out

    conditions, mets, members = per_permit("condition"), per_permit("met"), per_permit("member")
    groups, waived, also = per_permit("group"), per_permit("waived"), per_permit("also_cited")
    details, measures, fails = per_permit("detail"), per_permit("measure"), per_permit("group_fails")
    status = {a[0].string: a[1].name for a in atoms("status")}
    effect = {a[0].string: a[1].name for a in atoms("effect")}
    citations = {a[0].string: a[1].string for a in atoms("permit_citation")}
    order = sorted(atoms("permit"), key=lambda a: a[1].number)

    permits = []
    for (pid_sym, _) in order:
        pid = pid_sym.string
        met_ids = {_name(a[0]) for a in mets[pid]}
        parent = {_name(a[0]): _name(a[1]) for a in members[pid]}
        waived_by = {_name(a[0]): _name(a[1]) for a in waived[pid]}
        extra_cites = defaultdict(list)
        for c, cit in also[pid]:
            extra_cites[_name(c)].append(cit.string)
        cond_details = defaultdict(dict)
        for c, key, value in details[pid]:
            cond_details[_name(c)][_name(key)] = value
        cond_measures = defaultdict(list)
        for c, length, start, end in measures[pid]:
            cond_measures[_name(c)].append((length, start, end))

        def values_for(cid: str) -> dict[str, Any]:
            vals = dict(base_values)
            vals.update(cond_details.get(cid, {}))
            if cid in cond_measures:
                vals["measure"] = explain.measure_phrase(sorted(cond_measures[cid], key=str), lang)
            return vals

        def cite(cid: str, own: str) -> str:
            return "; ".join([own, *sorted(set(extra_cites.get(cid, [])))])

        rank = {k: i for i, k in enumerate(explain.condition_order(pid))}
        conds = []
        for cid_sym, strength, cit in conditions[pid]:
            cid = _name(cid_sym)
            met = cid in met_ids
            conds.append(Condition(
                id=cid, status="met" if met else "unmet", strength=strength.name,
                citation=cite(cid, cit.string),
                text=explain.sentence(pid, cid, met, values_for(cid), lang),
                group=None if parent.get(cid, "root") == "root" else parent[cid],
                waived_by=waived_by.get(cid) if met else None))
        conds.sort(key=lambda c: (rank.get(c.id, len(rank)), c.id))
        failing = {_name(a[0]) for a in fails[pid]}
        grps = tuple(sorted((
            Group(id=_name(g), mode=mode.name, status="unmet" if _name(g) in failing else "met",
                  citation=cit.string,
                  text=explain.sentence(pid, _name(g), _name(g) not in failing, values_for(_name(g)), lang),
                  group=None if parent.get(_name(g), "root") == "root" else parent[_name(g)])
            for g, mode, cit in groups[pid]), key=lambda g: (rank.get(g.id, len(rank)), g.id)))
        permits.append(Permit(
            id=pid, title=explain.template(pid, "title", lang) or pid, status=status[pid],
            effect=effect[pid], citation=citations[pid], conditions=tuple(conds), groups=grps))
    as_of = from_day_number(atoms("as_of")[0][0].number)
    law_date_ymd = atoms("law_date")[0][0].number
    law_date = _dt.date(law_date_ymd // 10000, law_date_ymd // 100 % 100, law_date_ymd % 100)
    return Report(as_of=as_of, law_date=law_date, permits=tuple(permits), lang=lang)
