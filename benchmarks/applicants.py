"""Random but plausible applicants for the benchmarks (not the property
tests' strategies: those live in pypermit.testing); possible ones only
(pypermit.consistency refuses a child born before the parent)."""

from __future__ import annotations

import datetime as dt
import random

STATUSES = ["asylum_procedure", "duldung", "duldung_unclear_identity", "training_duldung",
            "employment_duldung", "permit", "abroad"]
BASES = ["25.1", "25.2.refugee", "25.3", "25.5", "104c", "25b", "24"]


def random_applicants(rng: random.Random, n: int) -> list[dict]:
    out = []
    for _ in range(n):
        as_of = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(0, 4000))
        start = as_of - dt.timedelta(days=rng.randrange(200, 4000))
        day, stay = start, []
        for _ in range(rng.randrange(1, 5)):
            status = rng.choice(STATUSES)
            period = {"since": day.isoformat(), "status": status}
            if status == "permit":
                period["basis"] = rng.choice(BASES)
            stay.append(period)
            day += dt.timedelta(days=rng.randrange(30, 1200))
            if day > as_of:
                break
        age_days = rng.randrange(15 * 365, 60 * 365)    # 15 or older: before any stay, 14 at any conviction
        out.append({
            "as_of": as_of.isoformat(),
            "birth_date": (as_of - dt.timedelta(days=age_days)).isoformat(),
            "stay": stay,
            "german": rng.choice(["none", "A1", "A2", "B1", "C1"]),
            "civics_test": rng.random() < 0.5, "fdgo_commitment": rng.random() < 0.7,
            "identity": {"clarified": rng.random() < 0.6, "passport": rng.choice(["valid", "none", "substitute"])},
            "livelihood": {"own_share": rng.choice([0, 40, 51, 80, 100]), "from_employment": rng.random() < 0.6,
                           "health_insurance": rng.random() < 0.7, "pension_months": rng.randrange(0, 90)},
            "household": {"living_space_sqm": rng.randrange(0, 60),
                          "children": [{"birth_date": (as_of - dt.timedelta(
                                            days=rng.randrange(0, min(6000, age_days)))).isoformat()}
                                       for _ in range(rng.randrange(0, 3))]},
            "convictions": [{"date": (as_of - dt.timedelta(days=rng.randrange(1, 300))).isoformat(),
                             "daily_rates": rng.choice([10, 30, 51])} for _ in range(rng.randrange(0, 2))],
            "departure": {"impossible": rng.random() < 0.5, "end_foreseeable": rng.random() < 0.5},
        })
    return out
