"""A synthetic population: invented applicant files for demos, tests and
benchmarks. Plausible stories (an asylum procedure, then protection, a
Duldung or a pending procedure; German, work and family growing with the
years in Germany), deterministic by seed. The distributions are written out
in docs/population.md; they are a designer's guesses, labelled synthetic,
and make no claim about real people. No legal figure is used here: the
stories are drawn, the rules decide.
"""

from __future__ import annotations

import datetime as _dt
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypermit.applicant.consistency import AGE_OF_CRIMINAL_RESPONSIBILITY
from pypermit.calendar import add_months, birthday
from pypermit.population.tables import Rows, flatten

#: Year of arrival: weight (more in 2015-16 and 2022-23).
ARRIVAL_YEARS = {2013: 3, 2014: 6, 2015: 16, 2016: 14, 2017: 7, 2018: 6, 2019: 6, 2020: 4,
                 2021: 6, 2022: 10, 2023: 11, 2024: 7, 2025: 3, 2026: 1}
#: Age on arrival: (lowest, highest, weight).
ARRIVAL_AGES = ((0, 13, 15), (14, 17, 10), (18, 30, 40), (31, 45, 25), (46, 60, 10))
#: How the asylum procedure ended (weights), and the protection granted.
OUTCOMES = {"protection": 45, "rejected": 50, "pending": 5}
PROTECTION = {"25.2.refugee": 45, "25.2.subsidiary": 35, "25.3": 15, "25.1": 5}
#: The kind of Duldung after a rejection (weights).
DULDUNG = {"duldung": 70, "duldung_unclear_identity": 20, "training_duldung": 5, "employment_duldung": 5}
GERMAN = ("none", "A1", "A2", "B1", "B2", "C1", "C2")
CITIES = {"other": 70, "bremen": 10, "muenchen": 10, "darmstadt": 10}


def people(count: int, *, seed: int = 1, as_of: _dt.date = _dt.date(2027, 3, 1)) -> Iterator[dict[str, Any]]:
    """``count`` applicant files (with an ``id``), the same for the same seed."""
    rng = random.Random(seed)
    for number in range(1, count + 1):
        yield {"id": f"p{number:07d}", **_person(rng, as_of)}


def write_people(path: Path, count: int, *, seed: int = 1, as_of: _dt.date = _dt.date(2027, 3, 1)) -> None:
    """The population as JSONL (one applicant file per line), or as a CSV
    or Parquet table in the flat mapping of pypermit.population.tables."""
    population = people(count, seed=seed, as_of=as_of)
    if path.suffix == ".jsonl":
        with path.open("w", encoding="utf-8") as handle:
            for person in population:
                handle.write(json.dumps(person, separators=(",", ":")) + "\n")
        return
    first = flatten(next(population))
    with Rows(path, tuple(first)) as table:
        table.write(first)
        for person in population:
            table.write(flatten(person))


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def _day_between(rng: random.Random, first: _dt.date, last: _dt.date) -> _dt.date:
    return first + _dt.timedelta(days=rng.randrange(max(1, (last - first).days + 1)))


def _person(rng: random.Random, as_of: _dt.date) -> dict[str, Any]:
    year = _pick(rng, {y: w for y, w in ARRIVAL_YEARS.items() if y <= as_of.year})
    arrival = _day_between(rng, _dt.date(year, 1, 1), min(_dt.date(year, 12, 31), as_of - _dt.timedelta(days=30)))
    low, high, _ = rng.choices(ARRIVAL_AGES, weights=[w for *_, w in ARRIVAL_AGES])[0]
    age = rng.randint(low, high)
    born = add_months(arrival, -12 * age) - _dt.timedelta(days=rng.randrange(365))
    stay, outcome = _stay(rng, arrival, as_of)
    years = (as_of - arrival).days / 365.25
    adult_years = max(0.0, min(years, (as_of - born).days / 365.25 - 18))
    employed = adult_years > 0 and _chance(rng, min(0.75, 0.1 + 0.1 * adult_years))
    return {
        "as_of": as_of.isoformat(),
        "birth_date": born.isoformat(),
        "city": _pick(rng, CITIES),
        "stay": stay,
        "identity": _identity(rng, outcome),
        "convictions": _convictions(rng, born, arrival, as_of),
        "german": GERMAN[min(6, max(0, round(rng.gauss(0.35 * years, 1.2))))],
        "civics_test": _chance(rng, min(0.8, 0.1 * years)),
        "fdgo_commitment": _chance(rng, 0.75),
        "fdgo_doubts": _chance(rng, 0.03),
        "security_threat": _chance(rng, 0.01),
        "impairment": "illness_or_disability" if _chance(rng, 0.05) else "none",
        "livelihood": {
            "own_share": rng.choice((40, 60, 80, 100, 100)) if employed else rng.choice((0, 0, 20)),
            "from_employment": employed,
            "health_insurance": employed or _chance(rng, 0.6),
            "pension_months": rng.randint(0, int(adult_years * 12)) if employed else 0,
        },
        "education": _education(rng, age, years, as_of, born),
        "integration_prognosis": "positive" if _chance(rng, 0.6) else "negative",
        "household": _household(rng, born, as_of),
        "departure": {
            "impossible": _chance(rng, 0.35 if outcome == "rejected" else 0.05),
            "reason": rng.choice(("illness", "family", "no_documents", "stateless", "other")),
            "end_foreseeable": _chance(rng, 0.5),
            "self_caused": _chance(rng, 0.1),
        },
        "asylum": {
            "manifestly_unfounded": outcome == "rejected" and _chance(rng, 0.1),
            "revocation_notice": outcome == "protection" and _chance(rng, 0.02),
        },
    }


def _stay(rng: random.Random, arrival: _dt.date, as_of: _dt.date) -> tuple[list[dict[str, Any]], str]:
    """The periods oldest first, none after ``as_of``; and how the asylum
    procedure ended."""
    outcome = _pick(rng, OUTCOMES)
    periods: list[dict[str, Any]] = [{"since": arrival, "status": "asylum_procedure"}]
    decided = add_months(arrival, rng.randint(6, 30))
    if outcome == "protection":
        periods.append({"since": decided, "status": "permit", "basis": _pick(rng, PROTECTION)})
    elif outcome == "rejected":
        periods.append({"since": decided, "status": _pick(rng, DULDUNG)})
        if _chance(rng, 0.3):   # later a training or employment Duldung
            periods.append({"since": add_months(decided, rng.randint(12, 48)),
                            "status": rng.choice(("training_duldung", "employment_duldung"))})
        if arrival.year <= 2017 and _chance(rng, 0.25):   # a § 104c permit in 2023-24
            day = _day_between(rng, _dt.date(2023, 1, 1), _dt.date(2024, 12, 31))
            periods.append({"since": max(day, periods[-1]["since"] + _dt.timedelta(days=1)),
                            "status": "permit", "basis": "104c"})
    kept = [p for p in periods if p["since"] <= as_of]
    return [{**p, "since": p["since"].isoformat()} for p in kept], outcome


def _identity(rng: random.Random, outcome: str) -> dict[str, Any]:
    return {
        "clarified": _chance(rng, 0.85 if outcome == "protection" else 0.5),
        "passport": rng.choices(("valid", "substitute", "none"),
                                weights=(2, 5, 3) if outcome == "protection" else (4, 3, 3))[0],
        "steps_taken": _chance(rng, 0.7),
        "deception": rng.choices(("none", "once", "repeated"), weights=(90, 7, 3))[0],
        "deception_prevents_deportation": _chance(rng, 0.03),
        "cooperation_refused": _chance(rng, 0.05),
    }


def _convictions(rng: random.Random, born: _dt.date, arrival: _dt.date, as_of: _dt.date) -> list[dict[str, Any]]:
    count = rng.choices((0, 1, 2), weights=(90, 8, 2))[0]
    first = max(arrival, birthday(born, AGE_OF_CRIMINAL_RESPONSIBILITY))
    if first >= as_of:
        return []
    out = []
    for _ in range(count):
        day = _day_between(rng, first, as_of)
        juvenile = day < add_months(born, 21 * 12) and _chance(rng, 0.7)
        conviction: dict[str, Any] = {"date": day.isoformat(), "juvenile": juvenile,
                                      "immigration_offence": _chance(rng, 0.3)}
        if juvenile:
            if _chance(rng, 0.2):
                conviction["youth_custody_months"] = rng.randint(6, 24)
                conviction["suspended"] = _chance(rng, 0.7)
        elif _chance(rng, 0.1):
            conviction["prison_months"] = rng.randint(3, 24)
            conviction["suspended"] = _chance(rng, 0.7)
        else:
            conviction["daily_rates"] = rng.choices((15, 30, 40, 60, 90), weights=(30, 30, 20, 15, 5))[0]
        out.append(conviction)
    return sorted(out, key=lambda c: c["date"])


def _education(rng: random.Random, age: int, years: float, as_of: _dt.date, born: _dt.date) -> dict[str, Any]:
    school = max(0, min(int(years), 18 - age)) if age < 18 else 0
    age_now = (as_of - born).days // 365
    return {
        "school_years": school,
        "qualification": ("school" if school >= 4 and _chance(rng, 0.6)
                          else "vocational" if age_now >= 20 and years > 3 and _chance(rng, 0.1) else "none"),
        "in_education": 16 <= age_now <= 25 and _chance(rng, 0.5),
    }


def _household(rng: random.Random, born: _dt.date, as_of: _dt.date) -> dict[str, Any]:
    age_now = (as_of - born).days // 365
    spouse = age_now >= 25 and _chance(rng, 0.45)
    count = rng.choice((0, 0, 1, 2, 3)) if age_now >= 22 else 0
    first = max(add_months(born, 18 * 12), add_months(as_of, -17 * 12))
    children: list[dict[str, Any]] = [{"birth_date": _day_between(rng, first, as_of).isoformat(),
                 "in_household": _chance(rng, 0.95), "attends_school": _chance(rng, 0.97)}
                for _ in range(count)]
    persons = 1 + spouse + sum(c["in_household"] for c in children)
    return {"living_space_sqm": max(0, round(rng.gauss(12 * persons + 10, 8))), "spouse_in_household": spouse,
            "children": sorted(children, key=lambda c: c["birth_date"])}


