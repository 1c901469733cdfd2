"""What each norm asks on a given day, read from the knowledge base.

No second copy of the law: the rules are grounded with no person under the
law of the day (``engine.law.law_facts``), and the norms' own atoms are read
back — ``condition/4``, ``group/4``,
``usual_effect/2``, ``version/3``, ``provision/4``, ``threshold/4``,
``wording/4`` and what the rules derive from them for that day
(``in_force/1``, ``in_version/2``, ``active/2``, ``param/3``, ``worded/3``,
``figure/4``). The plain words of a condition are the text the report shows
when it is unmet, with the day's wordings and figures of the law, and the
person's own figures and days left out (…). Conditions whose strength
depends on the person (identity for a § 104c holder) are therefore shown as
for a person without a special status.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pypermit.calendar import from_ymd
from pypermit.engine.law import OPEN_END, law_facts
from pypermit.errors import UnknownPermit
from pypermit.report import explain

FORMAT = "pypermit/law-v1"


#: How a law book is to be read, in each language.
NOTE = {
    "en": ("Conditions whose strength depends on the person (e.g. identity for § 104c holders) "
           "are shown as for a person without a special status; the person's own figures are left out (…)."),
    "de": ("Voraussetzungen, deren Gewicht von der Person abhängt (z. B. die Identität bei Inhabern "
           "einer Erlaubnis nach § 104c), sind wie für eine Person ohne besonderen Status gezeigt; "
           "die eigenen Angaben der Person sind ausgelassen (…)."),
}

@dataclass(frozen=True)
class Requirement:
    """A condition (``strength`` hard or waivable) or a group of conditions
    (``mode`` all or any) of a norm; ``group``: the group it belongs to;
    ``if_unmet``: what the report says when it is not met."""
    id: str
    citation: str
    if_unmet: str
    strength: str | None = None
    mode: str | None = None
    group: str | None = None

    @property
    def is_group(self) -> bool:
        return self.mode is not None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        out.update({"mode": self.mode} if self.is_group else {"strength": self.strength})
        out.update({"citation": self.citation, "if_unmet": self.if_unmet})
        if self.group:
            out["group"] = self.group
        return out


@dataclass(frozen=True)
class Span:
    """A version or provision of a norm: from ``first`` through ``last``
    (None: no end), and whether it is in force on the day asked."""
    first: _dt.date
    last: _dt.date | None
    current: bool
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name} if self.name else {}
        out.update({"from": self.first.isoformat(), "to": self.last.isoformat() if self.last else None,
                    "in_force": self.current})
        return out


@dataclass(frozen=True)
class Norm:
    id: str
    title: str
    citation: str
    in_force: bool
    effect: str
    versions: tuple[Span, ...]
    provisions: tuple[Span, ...]
    thresholds: tuple[tuple[str, int, _dt.date], ...]   # (name, value, from)
    figures: Mapping[str, int]                          # the thresholds in force on the day
    requirements: tuple[Requirement, ...]
    wordings: tuple[tuple[str, str, _dt.date], ...] = ()  # (key, text, from)
    words: Mapping[str, str] = field(default_factory=dict)  # the wordings in force on the day

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "citation": self.citation, "in_force": self.in_force,
                "effect": self.effect, "versions": [v.to_dict() for v in self.versions],
                "provisions": [p.to_dict() for p in self.provisions],
                "thresholds": [{"name": n, "value": v, "from": f.isoformat()} for n, v, f in self.thresholds],
                "figures": dict(self.figures),
                "wordings": [{"name": k, "text": t, "from": f.isoformat()} for k, t, f in self.wordings],
                "words": dict(self.words),
                "conditions": [r.to_dict() for r in self.requirements if not r.is_group],
                "groups": [r.to_dict() for r in self.requirements if r.is_group]}


@dataclass(frozen=True)
class Lawbook:
    """Every norm the knowledge base models, as it reads on ``date``."""
    date: _dt.date
    norms: tuple[Norm, ...]
    lang: str = "en"

    @property
    def note(self) -> str:
        """How to read the conditions: for nobody in particular."""
        return NOTE[self.lang]

    def norm(self, norm_id: str) -> Norm:
        for n in self.norms:
            if n.id == norm_id:
                return n
        raise UnknownPermit("norm", norm_id, (n.id for n in self.norms), kind="norm")

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "date": self.date.isoformat(), "note": self.note,
                "norms": [n.to_dict() for n in self.norms]}


class _Blank(Mapping[str, Any]):
    """The values of a text for nobody in particular: the norm's wordings and
    the law's figures of the day, and an ellipsis for every figure and day of
    the person's (and the decision day)."""

    def __init__(self, words: Mapping[str, str]):
        self.words = words

    def __getitem__(self, key: str) -> Any:
        return self.words.get(key, "…")

    def __contains__(self, key: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _day(ymd: int) -> _dt.date | None:
    return None if ymd == OPEN_END else from_ymd(ymd)


def read(day: _dt.date, *, norm: str | None = None, lang: str = "en") -> Lawbook:
    """What each norm (or ``norm`` alone) asks on ``day``. Raises
    UnknownPermit naming ``norm`` if the knowledge base has no such norm."""
    atoms: dict[str, list[tuple[Any, ...]]] = defaultdict(list, law_facts(day))

    def by_norm(name: str) -> dict[str, list[tuple[Any, ...]]]:
        out: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for args in atoms[name]:
            out[args[0]].append(args[1:])
        return out

    ids = [pid for pid, _ in sorted((a for a in atoms["permit"] if len(a) == 2), key=lambda a: a[1])]
    if norm is not None and norm not in ids:
        raise UnknownPermit("norm", norm, ids, kind="norm")
    citation, effect = dict(atoms["permit_citation"]), dict(atoms["usual_effect"])
    in_force = {a[0] for a in atoms["in_force"]}
    versions, current = by_norm("version"), {(p, f) for p, f in atoms["in_version"]}
    provisions, active = by_norm("provision"), set(atoms["active"])
    thresholds, params = by_norm("threshold"), by_norm("param")
    conditions, groups, members, also = (by_norm(n) for n in ("condition", "group", "member", "also_cited"))
    wordings, words = by_norm("wording"), {pid: dict(w) for pid, w in by_norm("worded").items()}

    figures: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    for pid, cid, name, value in atoms["figure"]:
        figures[(pid, cid)][f"figure.{name}"] = value

    def text(pid: str, cid: str) -> str:
        known = {**words.get(pid, {}), **figures.get((pid, cid), {})}
        return explain.sentence(pid, cid, False, _Blank(known), lang).replace("….", "…")

    norms = []
    for pid in ids:
        if norm is not None and pid != norm:
            continue
        parent = {c: g for c, g in members[pid] if g != "root"}
        extra: dict[str, set[str]] = defaultdict(set)
        for c, cit in also[pid]:
            extra[c].add(cit)
        reqs = [Requirement(cid, "; ".join([cit, *sorted(extra[cid])]), text(pid, cid), strength=strength,
                            group=parent.get(cid)) for cid, strength, cit in conditions[pid]]
        reqs += [Requirement(gid, cit, text(pid, gid), mode=mode, group=parent.get(gid))
                 for gid, mode, cit in groups[pid]]
        rank = {k: i for i, k in enumerate(explain.condition_order(pid))}
        norms.append(Norm(
            id=pid, title=explain.template(pid, "title", lang) or pid, citation=citation[pid],
            in_force=pid in in_force, effect=effect[pid],
            versions=tuple(Span(from_ymd(f), _day(t), (pid, f) in current) for f, t in sorted(versions[pid])),
            provisions=tuple(Span(from_ymd(f), _day(t), (pid, n) in active, name=n)
                             for n, f, t in sorted(provisions[pid], key=lambda a: (a[1], a[0]))),
            thresholds=tuple((n, v, from_ymd(f)) for n, v, f in sorted(thresholds[pid], key=lambda a: (a[0], a[2]))),
            figures={n: v for n, v in sorted(params[pid])},
            wordings=tuple((k, t, from_ymd(f)) for k, t, f in sorted(wordings[pid], key=lambda a: (a[0], a[2]))),
            words=words.get(pid, {}),
            requirements=tuple(sorted(reqs, key=lambda r: (rank.get(r.id, len(rank)), r.id)))))
    return Lawbook(date=day, norms=tuple(norms), lang=lang)
