"""The figures and days the strategies aim at, read from the knowledge base
(never written here): each norm's versions, change days, stay periods,
cut-off days and thresholds, and the shared figures."""


from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pypermit.calendar import ONE_DAY, from_day_number, from_ymd
from pypermit.engine import kb
from pypermit.engine.law import OPEN_END, law_facts


@dataclass(frozen=True)
class NormLimits:
    """What one norm's file in kb/law/norms says about figures and days."""
    permit: str
    versions: tuple[tuple[_dt.date, _dt.date], ...]   # version(P, From, To), both days included
    change_days: tuple[_dt.date, ...]      # a version, provision or threshold begins (or the day after one ends)
    stay_years: tuple[int, ...]            # needs(W, years(N)) of the norm's stay counts
    stay_months: tuple[int, ...]           # needs(W, months(N)): Duldung runs
    cut_offs: tuple[_dt.date, ...]         # reference days the norm names (e.g. 2022-10-31)
    thresholds: Mapping[str, tuple[int, ...]] = field(default_factory=dict)   # threshold(P, Name, V, _) by Name
    bases: tuple[str, ...] = ()            # the bases the norm lists (refugee_basis/1, humanitarian_basis/1)

    @property
    def ages(self) -> tuple[int, ...]:
        """The applicant's age limits: thresholds whose name speaks of age."""
        return tuple(sorted({v for name, vs in self.thresholds.items() if "age" in name for v in vs}))


@dataclass(frozen=True)
class Limits:
    """Figures of the whole knowledge base (see :func:`kb_limits`)."""
    norms: Mapping[str, NormLimits]
    fine_caps: Mapping[str, int]           # fine_cap(Kind, N): general 50, immigration 90
    serious_prison_months: int
    serious_youth_custody_months: int
    share_levels: tuple[int, ...]          # share_level(_, P): more than P %
    space_per_person: float                # m², persons of 6 or more
    space_per_small_child: float           # m², children aged 2 to 5
    child_ages: tuple[int, ...]            # age_limit/1 of the shared rules: 2, 6, 14, 18
    pension_months: tuple[int, ...]        # pension_months_required/1
    duldung_kinds: tuple[str, ...]
    german_levels: tuple[str, ...]         # german_rank/2, lowest first
    german_asked: tuple[str, ...]          # german_level_asked/1 (kb/machinery/search.lp): the levels conditions ask

    @property
    def change_days(self) -> tuple[_dt.date, ...]:
        return tuple(sorted({d for n in self.norms.values() for d in n.change_days}))


@cache
def _limits(root: Path) -> Limits:
    files = kb.rule_files()
    search = [f for f in (root / kb.MACHINERY / "search.lp",) if f.is_file()]   # the catalogue of changes
    shared = [f for f in files if f.parent.name != "norms"]
    norms: list[tuple[int, NormLimits]] = []
    pension: set[int] = set()
    for f in (f for f in files if f.parent.name == "norms"):
        by = defaultdict(list, law_facts(files=(*shared, f)))
        permit, order = next(a for a in by["permit"] if len(a) == 2)
        days = set()
        for *_, start, end in [*by["version"], *by["provision"]]:
            days.add(from_ymd(start))
            if end < OPEN_END:
                days.add(from_ymd(end) + ONE_DAY)
        thresholds: dict[str, set[int]] = defaultdict(set)
        for _, name, value, start in by["threshold"]:
            days.add(from_ymd(start))
            thresholds[name].add(value)
        needs = [q for _, q in by["needs"]]
        pension.update(a[0] for a in by["pension_months_required"])
        norms.append((order, NormLimits(
            permit=permit,
            versions=tuple(sorted((from_ymd(a), from_ymd(min(b, OPEN_END))) for _, a, b in by["version"])),
            change_days=tuple(sorted(days)),
            stay_years=tuple(sorted({n for unit, n in needs if unit == "years"})),
            stay_months=tuple(sorted({n for unit, n in needs if unit == "months"})),
            cut_offs=tuple(sorted(from_day_number(d) for (d,) in by["ref_day"])),
            thresholds={k: tuple(sorted(v)) for k, v in thresholds.items()},
            bases=tuple(sorted({a[0] for name in ("refugee_basis", "humanitarian_basis") for a in by[name]})),
        )))
    common = defaultdict(list, law_facts(files=tuple(shared)))
    figures = {name: [a[0] for a in common[name]] for name in
               ("serious_prison_months", "serious_youth_custody_months", "space_per_person", "space_per_small_child")}
    return Limits(
        norms={n.permit: n for _, n in sorted(norms, key=lambda on: on[0])},
        fine_caps={kind: cap for kind, cap in common["fine_cap"]},
        serious_prison_months=figures["serious_prison_months"][0],
        serious_youth_custody_months=figures["serious_youth_custody_months"][0],
        share_levels=tuple(sorted(p for _, p in common["share_level"])),
        space_per_person=figures["space_per_person"][0] / 100,
        space_per_small_child=figures["space_per_small_child"][0] / 100,
        child_ages=tuple(sorted(a for (a,) in common["age_limit"])),
        pension_months=tuple(sorted(pension)),
        duldung_kinds=tuple(sorted(k for (k,) in common["duldung_kind"])),
        german_levels=tuple(level for level, _ in sorted(common["german_rank"], key=lambda lr: lr[1])),
        german_asked=tuple(sorted(a[0] for a in law_facts(files=(*files, *search)).get("german_level_asked", [])))
        or ("A2",),
    )


def kb_limits() -> Limits:
    """The figures and days of the knowledge base in use (read once per kb
    directory, by grounding the rules without an applicant)."""
    return _limits(kb.kb_dir())


def norms() -> tuple[str, ...]:
    """The permit ids ``near=`` accepts: the norms the knowledge base models."""
    return tuple(kb_limits().norms)
