"""Hypothesis strategies for applicant files: a kit for property tests.

    from hypothesis import given
    from pypermit.testing import applicants

    @given(applicants(near="25b"))
    def test_my_property(applicant): ...

``applicants()`` draws valid applicant-v1 files (as dicts, or as
:class:`pypermit.Applicant` with ``as_dict=False``); ``stays()`` and
``convictions()`` draw the two lists on their own. With ``near=`` a permit
id ("25.5", "25a", "25b", "104c", "26.3", "26.4"), dates and numbers are put
around that norm's limits: stay periods that complete on or just before or
after the decision day (or the cut-off day the norm names), ages, Duldung
runs, fines, shares of livelihood, living space, school years, pension
months, and decision days around the days the law changed.

The figures aimed at are read from the knowledge base (``threshold/4``,
``version/3``, ``provision/4``, ``needs/2``, ``fine_cap/2`` ... facts in
``kb/``), see :func:`kb_limits`; the strategies aim, they never decide.
See ``docs/testing.md``.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, get_args

import clingo
from hypothesis import strategies as st

from . import kb
from .applicant import (BASES, COVERAGE_START, STATUSES, City, Deception, DepartureReason, Impairment, Passport,
                        Qualification, load_applicant)
from .calendar import Calendar, birthday, from_day_number, from_ymd, latest_start, period_end
from .consistency import AGE_OF_CRIMINAL_RESPONSIBILITY

__all__ = ["applicants", "stays", "convictions", "decision_days", "kb_limits", "norms", "Limits", "NormLimits"]

ONE_DAY = _dt.timedelta(days=1)

# --------------------------------------------------------------------------
# Constants that are not figures of the law: how the strategies aim.
# --------------------------------------------------------------------------

#: Aiming policy per norm (no legal figure here; those come from the kb):
#: ``current`` — statuses favoured for the period in force on the decision day;
#: ``earlier`` — statuses favoured for the periods before it;
#: ``bases`` — permit bases favoured (None: the kb's list for the norm, else
#: all); ``facts`` — yes/no facts favoured (six times in seven) where a coin
#: would mostly miss the norm. A status listed twice is drawn twice as often.
#: Any status or basis still turns up now and then.
AIM: Mapping[str, Mapping[str, Any]] = {
    "25.5": {"current": ("duldung", "duldung_unclear_identity", "training_duldung", "employment_duldung", "unlawful"),
             "earlier": ("asylum_procedure", "duldung", "duldung_unclear_identity", "unlawful"),
             "bases": ("25.5", "other"),
             "facts": {"departure.impossible": True, "departure.end_foreseeable": False}},
    "25a": {"current": ("duldung", "duldung", "training_duldung", "employment_duldung", "duldung_unclear_identity",
                        "permit"),
            "earlier": ("asylum_procedure", "duldung", "duldung", "training_duldung", "duldung_unclear_identity"),
            "bases": ("104c",)},
    "25b": {"current": ("duldung", "duldung", "employment_duldung", "training_duldung", "duldung_unclear_identity",
                        "permit"),
            "earlier": ("asylum_procedure", "duldung", "duldung", "employment_duldung", "duldung_unclear_identity"),
            "bases": ("104c",)},
    "104c": {"current": ("duldung", "duldung_unclear_identity", "training_duldung", "employment_duldung"),
             "earlier": ("asylum_procedure", "duldung", "duldung_unclear_identity", "permit"),
             "bases": ("25.5", "other")},
    "26.3": {"current": ("permit",), "earlier": ("asylum_procedure", "permit", "permit"), "bases": None},
    "26.4": {"current": ("permit",), "earlier": ("asylum_procedure", "permit", "permit", "permit", "duldung"),
             "bases": None},
}

#: Decision days are drawn up to this day (the law as known; later days add nothing).
LAST_DAY = _dt.date(2029, 12, 31)
#: The earliest start of a stay period the strategies write.
EARLIEST_DAY = _dt.date(1975, 1, 1)
#: Time passing, beyond a boundary: up to so many days either side ("far"),
#: against a few days either side ("near").
FAR_DAYS = 900
NEAR_DAYS = 2
#: The short absence the walk may skip is aimed at this many months ± NEAR_DAYS
#: (the brief's reading, "at most 3 months"; the kb encodes it as a rule, not a fact).
SHORT_ABSENCE_MONTHS = 3


# --------------------------------------------------------------------------
# The limits, read from the knowledge base
# --------------------------------------------------------------------------


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


def _ground(files: list[Path]) -> list[clingo.Symbol]:
    """The atoms of the rules without any applicant: the facts of the law."""
    ctl = clingo.Control(["--warn=none"])
    for f in files:
        ctl.add("base", [], f.read_text(encoding="utf-8"))
    ctl.ground([("base", [])], context=Calendar())
    models: list[list[clingo.Symbol]] = []
    with ctl.solve(yield_=True) as handle:
        models.extend(m.symbols(atoms=True) for m in handle)
    if len(models) != 1:
        raise RuntimeError(f"the knowledge base without an applicant gave {len(models)} answers")
    return models[0]


def _py(symbol: clingo.Symbol) -> Any:
    """A term as plain Python: numbers, strings, names, tuples (name, *args)."""
    if symbol.type == clingo.SymbolType.Number:
        return symbol.number
    if symbol.type == clingo.SymbolType.String:
        return symbol.string
    if symbol.arguments:
        return (symbol.name, *map(_py, symbol.arguments))
    return symbol.name


def _args(s: clingo.Symbol) -> list[Any]:
    return [_py(a) for a in s.arguments]


@lru_cache(maxsize=None)
def _limits(root: Path) -> Limits:
    files = kb.rule_files()
    search = [f for f in (root / kb.MACHINERY / "search.lp",) if f.is_file()]   # the catalogue of changes
    shared = [f for f in files if f.parent.name != "norms"]
    norms: list[tuple[int, NormLimits]] = []
    pension: set[int] = set()
    for f in (f for f in files if f.parent.name == "norms"):
        by: dict[str, list[list[Any]]] = defaultdict(list)
        for s in _ground([*shared, f]):
            by[s.name].append(_args(s))
        permit, order = next(a for a in by["permit"] if len(a) == 2)
        days = set()
        for *_, start, end in [*by["version"], *by["provision"]]:
            days.add(from_ymd(start))
            if end < 99991231:
                days.add(from_ymd(end) + ONE_DAY)
        thresholds: dict[str, set[int]] = defaultdict(set)
        for _, name, value, start in by["threshold"]:
            days.add(from_ymd(start))
            thresholds[name].add(value)
        needs = [q for _, q in by["needs"]]
        pension.update(a[0] for a in by["pension_months_required"])
        norms.append((order, NormLimits(
            permit=permit,
            versions=tuple(sorted((from_ymd(a), from_ymd(min(b, 99991231))) for _, a, b in by["version"])),
            change_days=tuple(sorted(days)),
            stay_years=tuple(sorted({n for unit, n in needs if unit == "years"})),
            stay_months=tuple(sorted({n for unit, n in needs if unit == "months"})),
            cut_offs=tuple(sorted(from_day_number(d) for (d,) in by["ref_day"])),
            thresholds={k: tuple(sorted(v)) for k, v in thresholds.items()},
            bases=tuple(sorted({a[0] for name in ("refugee_basis", "humanitarian_basis") for a in by[name]})),
        )))
    common: dict[str, list[list[Any]]] = defaultdict(list)
    for s in _ground(shared):
        common[s.name].append(_args(s))
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
        german_asked=tuple(sorted(a[0] for s in _ground([*files, *search])
                                  if s.name == "german_level_asked" for a in [_args(s)])) or ("A2",),
    )


def kb_limits() -> Limits:
    """The figures and days of the knowledge base in use (read once per kb
    directory, by grounding the rules without an applicant)."""
    return _limits(kb.kb_dir())


def norms() -> tuple[str, ...]:
    """The permit ids ``near=`` accepts: the norms the knowledge base models."""
    return tuple(kb_limits().norms)


# --------------------------------------------------------------------------
# Small building blocks
# --------------------------------------------------------------------------


def _day(value: _dt.date | str) -> _dt.date:
    return value if isinstance(value, _dt.date) else _dt.date.fromisoformat(value)


def _latest_start(day: _dt.date, *, years: int = 0, months: int = 0) -> _dt.date:
    """The latest start of a period of that length that is complete at the
    end of ``day`` (brief, section 1: the period rule of §§ 187, 188 BGB)."""
    return latest_start(day, 12 * years + months)


def _offset() -> st.SearchStrategy[int]:
    """Days off a boundary: mostly a few, sometimes far."""
    return st.one_of(st.integers(-NEAR_DAYS, NEAR_DAYS), st.integers(-NEAR_DAYS, NEAR_DAYS),
                     st.integers(-FAR_DAYS, FAR_DAYS))


def _clamp(d: _dt.date, low: _dt.date, high: _dt.date) -> _dt.date:
    return max(low, min(high, d))


def _mostly(good: Any, *others: Any) -> st.SearchStrategy[Any]:
    """``good`` six times in seven, else one of ``others``."""
    return st.sampled_from((good,) * 6 * len(others) + others)


def _check_near(near: str | None) -> None:
    if near is not None and near not in kb_limits().norms:
        raise ValueError(f"near={near!r}: expected one of {', '.join(kb_limits().norms)} or None")


@st.composite
def _decision_days(draw: st.DrawFn, near: str | None = None) -> _dt.date:
    """See :func:`decision_days`."""
    lim = kb_limits()
    days = lim.norms[near].change_days if near else lim.change_days
    days = tuple(d for d in days if COVERAGE_START <= d <= LAST_DAY) or (COVERAGE_START,)
    way = draw(st.sampled_from(("change", "change", "version", "any") if near else ("change", "any")))
    if way == "change":
        return _clamp(draw(st.sampled_from(days)) + _dt.timedelta(days=draw(st.integers(-NEAR_DAYS, NEAR_DAYS))),
                      COVERAGE_START, LAST_DAY)
    if way == "version":
        first, last = draw(st.sampled_from(lim.norms[near].versions))
        first, last = _clamp(first, COVERAGE_START, LAST_DAY), _clamp(last, COVERAGE_START, LAST_DAY)
        return draw(st.dates(first, last))
    return draw(st.dates(COVERAGE_START, LAST_DAY))


# --------------------------------------------------------------------------
# Stay
# --------------------------------------------------------------------------


@st.composite
def _stays(draw: st.DrawFn, as_of: _dt.date | str, near: str | None = None,
          born: _dt.date | str | None = None) -> list[dict[str, Any]]:
    """See :func:`stays`."""
    as_of = _day(as_of)
    lowest = max(EARLIEST_DAY, _day(born)) if born else EARLIEST_DAY
    lowest = min(lowest, as_of)
    norm = near or draw(st.sampled_from(norms()))
    lim = kb_limits().norms[norm]
    aim = AIM.get(norm, {"current": STATUSES, "earlier": STATUSES, "bases": None})
    bases = aim["bases"] or lim.bases or BASES

    # The reference day: the decision day, or a cut-off the norm names.
    cuts = [c for c in lim.cut_offs if c <= as_of]
    refs = [*cuts, *cuts, as_of]
    ref = draw(st.sampled_from(refs))

    # The counted block: begins around the start that completes N years on ref.
    if lim.stay_years and draw(st.integers(0, 4)) < 4:
        years = draw(st.sampled_from(lim.stay_years))
        start = _latest_start(ref, years=years) + _dt.timedelta(days=draw(_offset()))
    else:
        start = as_of - _dt.timedelta(days=draw(st.integers(0, 15 * 365)))
    start = _clamp(start, lowest, as_of)
    points = {start}

    # The current period: a run of months around a Duldung run the norm asks.
    if lim.stay_months and draw(st.booleans()):
        months = draw(st.sampled_from(lim.stay_months))
        run = _latest_start(as_of, months=months) + _dt.timedelta(days=draw(_offset()))
        if start < run <= as_of:
            points.add(run)
    for _ in range(draw(st.integers(0, 3))):
        if start < as_of:
            points.add(draw(st.dates(start + ONE_DAY, as_of)))
    days = sorted(points)

    # Mostly statuses the norm looks at; one stay in four mixes in any status.
    mixed = draw(st.integers(0, 3)) == 3
    statuses = []
    for i, _ in enumerate(days):
        pool = st.sampled_from(aim["current"] if i == len(days) - 1 else aim["earlier"])
        statuses.append(draw(st.one_of(pool, st.sampled_from(STATUSES)) if mixed else pool))

    # A short absence around the three months the walk may skip.
    absence = None
    if draw(st.integers(0, 3)) == 3:
        begin = draw(st.dates(days[0], as_of))
        end = period_end(begin, SHORT_ABSENCE_MONTHS) + ONE_DAY
        end += _dt.timedelta(days=draw(st.integers(-NEAR_DAYS, NEAR_DAYS)))
        if begin < end <= as_of and begin not in days and end not in days:
            absence = (begin, end)

    periods: list[tuple[_dt.date, str]] = list(zip(days, statuses))
    if absence:
        before = [p for p in periods if p[0] < absence[0]]
        after = [p for p in periods if p[0] > absence[1]]
        inside = [p for p in periods if absence[0] < p[0] < absence[1]]
        resume = (inside[-1][1] if inside else before[-1][1] if before else draw(st.sampled_from(aim["earlier"])))
        periods = [*before, (absence[0], "abroad"), (absence[1], resume), *after]

    # Something before the block: unlawful, abroad or another status.
    if draw(st.integers(0, 2)) == 2 and periods[0][0] > lowest:
        gap = draw(st.integers(1, min(6 * 365, (periods[0][0] - lowest).days)))
        periods.insert(0, (periods[0][0] - _dt.timedelta(days=gap),
                           draw(st.sampled_from(("unlawful", "abroad", *aim["earlier"])))))

    # Mostly one basis for every permit period (a title extended), now and then another.
    usual = draw(st.sampled_from(bases))
    out = []
    for since, status in periods:
        period: dict[str, Any] = {"since": since.isoformat(), "status": status}
        if status == "permit":
            period["basis"] = draw(st.one_of(st.just(usual), st.sampled_from(BASES))) if mixed else usual
        out.append(period)
    return out


# --------------------------------------------------------------------------
# Convictions
# --------------------------------------------------------------------------


def _split(draw: st.DrawFn, total: int) -> list[int]:
    """``total`` as one to three positive parts."""
    if total < 2:
        return [total]
    cuts = sorted(set(draw(st.lists(st.integers(1, total - 1), max_size=2))))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


@st.composite
def _convictions(draw: st.DrawFn, as_of: _dt.date | str, near: str | None = None,
                since: _dt.date | str | None = None) -> list[dict[str, Any]]:
    """See :func:`convictions`; ``near`` is accepted for symmetry."""
    as_of = _day(as_of)
    first = _day(since) if since else as_of - _dt.timedelta(days=15 * 365)
    first = min(first, as_of)
    lim = kb_limits()
    out: list[dict[str, Any]] = []

    def dated(**sentence: Any) -> dict[str, Any]:
        return {"date": draw(st.dates(first, as_of)).isoformat(), **sentence}

    def fines(aim: str = "any") -> None:
        """Fines of one kind whose total is one above the cap, at the cap, or any."""
        offence = draw(st.sampled_from(sorted(lim.fine_caps)))
        cap = lim.fine_caps[offence]
        total = {"above": cap + 1, "at": cap}.get(aim) or draw(st.integers(1, 2 * cap))
        for part in _split(draw, total):
            out.append(dated(daily_rates=part, **({"immigration_offence": True} if offence == "immigration" else {})))

    def prison() -> None:
        m = lim.serious_prison_months
        months = draw(st.one_of(st.sampled_from((m - 1, m, m + 1)), st.integers(1, 48)))
        out.append(dated(prison_months=months, suspended=draw(st.booleans())))

    def juvenile() -> None:
        m = lim.serious_youth_custody_months
        custody = draw(st.one_of(st.sampled_from((0, m - 1, m, m + 1)), st.integers(0, 36)))
        out.append(dated(juvenile=True, **({"youth_custody_months": custody, "suspended": draw(st.booleans())}
                                           if custody else {})))

    def noise() -> None:
        """A conviction that must not count: negligent, or juvenile without custody."""
        kind = draw(st.sampled_from(("fine", "prison", "juvenile")))
        if kind == "fine":
            out.append(dated(daily_rates=draw(st.integers(1, 200)), intentional=False))
        elif kind == "prison":
            out.append(dated(prison_months=draw(st.integers(1, 24)), suspended=True, intentional=False))
        else:
            out.append(dated(juvenile=True))

    # One main sentence, fines most often (their caps are the finest limits);
    # now and then a second one, and noise.
    main = draw(st.sampled_from(("above", "at", "none", "above", "at", "none", "fines", "none", "prison", "juvenile")))
    kinds = {"above": lambda: fines("above"), "at": lambda: fines("at"), "fines": fines,
             "prison": prison, "juvenile": juvenile}
    if main != "none":
        kinds[main]()
        if draw(st.integers(0, 5)) == 5:
            kinds[draw(st.sampled_from(sorted(kinds)))]()
    if draw(st.integers(0, 3)) == 3:
        noise()
    return sorted(out, key=lambda c: c["date"]) if draw(st.booleans()) else out


# --------------------------------------------------------------------------
# Numbers around limits
# --------------------------------------------------------------------------


def _around(values: tuple[float, ...], low: float, high: float, *, halves: bool = False) -> st.SearchStrategy[float]:
    """A number at, just below or just above one of ``values`` (by 1, or by
    0.5 with ``halves``), or anywhere in [low, high]."""
    steps = (-1, 0, 1, 0.5, -0.5) if halves else (-1, 0, 1)
    near = sorted({v + d for v in values for d in steps if low <= v + d <= high})
    anywhere = st.integers(int(low), int(high))
    return st.one_of(st.sampled_from(near), st.sampled_from(near), anywhere) if near else anywhere


def _space_needed(as_of: _dt.date, spouse: bool, children: list[dict[str, Any]]) -> float:
    """The household's need on ``as_of`` (brief, section 1), to aim the living
    space at; the figures per person are the kb's."""
    lim = kb_limits()

    def reached(birth: _dt.date, n: int) -> bool:  # the Nth birthday has passed (age_reached)
        return period_end(birth, 12 * n) < as_of

    need = lim.space_per_person * (1 + spouse)
    for c in children:
        if not c.get("in_household", True):
            continue
        b = _day(c["birth_date"])
        if reached(b, 6):
            need += lim.space_per_person
        elif reached(b, 2):
            need += lim.space_per_small_child
    return need


@st.composite
def _children(draw: st.DrawFn, as_of: _dt.date, parent_born: _dt.date) -> list[dict[str, Any]]:
    lim = kb_limits()
    out = []
    if birthday(parent_born, 15) > as_of:   # too young to be a parent
        return out
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            age = draw(st.sampled_from(lim.child_ages))
            birth = _latest_start(as_of - ONE_DAY, years=age) + _dt.timedelta(days=draw(st.integers(-NEAR_DAYS, NEAR_DAYS)))
        else:
            birth = as_of - _dt.timedelta(days=draw(st.integers(0, 25 * 365)))
        low = min(parent_born + _dt.timedelta(days=15 * 365), as_of)
        birth = _clamp(birth, low, as_of)
        out.append({"birth_date": birth.isoformat(), "in_household": draw(_mostly(True, False)),
                    "unmarried": draw(_mostly(True, False)), "attends_school": draw(_mostly(True, False))})
    return out


# --------------------------------------------------------------------------
# The applicant
# --------------------------------------------------------------------------


@st.composite
def _applicants(draw: st.DrawFn, near: str | None = None, as_dict: bool = True) -> Any:
    """See :func:`applicants`; without ``near``, a norm is drawn to aim at."""
    norm = near or draw(st.sampled_from(norms()))
    lim = kb_limits()
    nlim = lim.norms[norm]
    as_of = draw(_decision_days(norm))

    # When the application was made: mostly the decision day.
    application = as_of - _dt.timedelta(days=draw(st.one_of(st.just(0), st.integers(0, 730))))

    # Birth: an age limit of the norm around the application day, or an adult.
    if nlim.ages and draw(st.integers(0, 3)) < 3:
        age = draw(st.sampled_from(nlim.ages))
        boundary = _latest_start(application - ONE_DAY, years=age) if draw(st.booleans()) \
            else _latest_start(application, years=age)
        born = boundary + _dt.timedelta(days=draw(_offset()))
    else:
        born = as_of - _dt.timedelta(days=draw(st.integers(16 * 365, 65 * 365)))
    born = min(born, application)

    data: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "birth_date": born.isoformat(),
        "stay": draw(_stays(as_of, near=norm, born=born)),
    }
    application = max(application, _day(data["stay"][0]["since"]))   # applied during the stay
    if application != as_of or draw(st.booleans()):
        data["application_date"] = application.isoformat()
    favoured = AIM.get(norm, {}).get("facts", {})

    def coin(path: str) -> bool:
        return draw(_mostly(favoured[path], not favoured[path])) if path in favoured else draw(st.booleans())

    data["city"] = draw(st.sampled_from(get_args(City)))
    data["identity"] = {
        "clarified": draw(_mostly(True, False)),
        "passport": draw(st.one_of(st.sampled_from(("valid", "substitute")), st.sampled_from(get_args(Passport)))),
        "steps_taken": draw(_mostly(True, False)),
        "deception": draw(_mostly(*get_args(Deception))),
        "deception_prevents_deportation": draw(_mostly(False, True)),
        "cooperation_refused": draw(_mostly(False, False, True)),
    }
    fourteen = birthday(born, AGE_OF_CRIMINAL_RESPONSIBILITY)    # no conviction before (§ 19 StGB)
    data["convictions"] = draw(_convictions(as_of, near=norm, since=max(fourteen, as_of - _dt.timedelta(days=20 * 365))))\
        if fourteen <= as_of else []
    data["german"] = draw(st.one_of(st.sampled_from(lim.german_levels), st.sampled_from(lim.german_asked)))
    data["civics_test"] = draw(_mostly(True, False))
    data["fdgo_commitment"] = draw(_mostly(True, False))
    data["fdgo_doubts"] = draw(_mostly(False, False, True))
    data["security_threat"] = draw(st.sampled_from((False,) * 9 + (True,)))
    data["impairment"] = draw(st.sampled_from(("none",) * 5 + get_args(Impairment)))
    data["livelihood"] = {
        "own_share": draw(st.one_of(st.just(100), _around((*lim.share_levels, 100), 0, 100, halves=True))),
        "from_employment": draw(_mostly(True, False)),
        "health_insurance": draw(_mostly(True, False)),
        "pension_months": draw(_around(lim.pension_months, 0, 240)),
    }
    school = nlim.thresholds.get("school_years", ()) or tuple(v for n in lim.norms.values()
                                                              for v in n.thresholds.get("school_years", ()))
    data["education"] = {
        "school_years": draw(_around(school, 0, 14, halves=True)),
        "qualification": draw(st.one_of(st.just("none"), st.sampled_from(get_args(Qualification)))),
        "in_education": draw(st.booleans()),
    }
    data["integration_prognosis"] = draw(_mostly("positive", "negative"))
    spouse = draw(st.booleans())
    children = draw(_children(as_of, born))
    need = _space_needed(as_of, spouse, children)
    data["household"] = {
        "living_space_sqm": draw(_around((need,), 0, 200, halves=True)),
        "spouse_in_household": spouse,
        "children": children,
    }
    data["departure"] = {
        "impossible": coin("departure.impossible"),
        "reason": draw(st.sampled_from(get_args(DepartureReason))),
        "end_foreseeable": coin("departure.end_foreseeable"),
        "self_caused": draw(_mostly(False, True)),
    }
    data["asylum"] = {
        "manifestly_unfounded": draw(_mostly(False, False, True)),
        "revocation_notice": draw(_mostly(False, False, True)),
    }
    model = load_applicant(data)   # the kit's promise: every draw is valid
    return data if as_dict else model


# --------------------------------------------------------------------------
# The public strategies (arguments checked when the strategy is made)
# --------------------------------------------------------------------------


def decision_days(near: str | None = None) -> st.SearchStrategy[_dt.date]:
    """Decision days (``as_of``): around the days the law changed (the
    norm's, with ``near``), on days a version of the norm is in force, or
    any day from 2015-08-01 on."""
    _check_near(near)
    return _decision_days(near)


def stays(as_of: _dt.date | str, near: str | None = None,
          born: _dt.date | str | None = None) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Valid ``stay`` lists for a decision on ``as_of`` (none starting before
    ``born``); with ``near``, the counted stay completes the norm's years or
    Duldung months around ``as_of`` or its cut-off day."""
    _check_near(near)
    return _stays(_day(as_of), near, _day(born) if born else None)


def convictions(as_of: _dt.date | str, near: str | None = None,
                since: _dt.date | str | None = None) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Valid ``convictions`` lists dated from ``since`` (default: 15 years
    before ``as_of``) to ``as_of``, totals aimed at the kb's caps."""
    _check_near(near)
    return _convictions(_day(as_of), near, _day(since) if since else None)


def applicants(near: str | None = None, as_dict: bool = True) -> st.SearchStrategy[Any]:
    """Valid applicant files (applicant-v1): dicts as read from YAML, dates
    as ISO text; with ``as_dict=False`` validated :class:`pypermit.Applicant`
    models. ``near`` (a permit id, see :func:`norms`) aims dates and figures
    at that norm's limits and favours facts that meet its other
    requirements."""
    _check_near(near)
    return _applicants(near, as_dict)
