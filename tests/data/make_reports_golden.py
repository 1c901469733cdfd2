"""Write tests/data/reports_golden.json.gz: what the current code answers
for a fixed set of applicants, for tests/test_reports_unchanged.py.

Regenerate only deliberately, when an output is meant to change (a change
of the law, of a text, of the report format), and say so in the commit:

    .venv/bin/python tests/data/make_reports_golden.py

The applicants: the benchmark's 200 (benchmarks/applicants.py, seed
20261121), stored in the file themselves so that the test does not depend
on the generator, and the examples. Each case records, as JSON text:
the report without unlock, with unlock (and the advice of each change), a
variant with unknown facts (its questions), and for some a timeline, a
report under another law date, in German, or with a bound on the changes.
Beside them, the lawbook (``pypermit law``) of a few days.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOLDEN = HERE / "reports_golden.json.gz"
SEED, COUNT = 20261121, 200

#: The five facts of the benchmark's unknown-facts figure.
UNKNOWN5 = ("german", "civics_test", "identity.clarified", "livelihood.own_share", "household.living_space_sqm")


def _set(applicant: dict, path: str, value: Any) -> dict:
    out = json.loads(json.dumps(applicant))
    *sections, field = path.split(".")
    node = out
    for section in sections:
        node = node.setdefault(section, {})
    node[field] = value
    return out


def with_unknowns(applicant: dict, paths: tuple[str, ...] = UNKNOWN5) -> dict:
    out = applicant
    for path in paths:
        out = _set(out, path, "unknown")
    return out


def unknown_variant(i: int, applicant: dict) -> dict:
    """Five unknown facts (the benchmark's), and for some applicants an
    unknown part of a stay period or of a child instead of two of them."""
    out = with_unknowns(applicant)
    stay = out["stay"]
    if i % 4 == 1:
        stay[-1]["since"] = "unknown"
    elif i % 4 == 2:
        stay[0]["status"] = "unknown"
        stay[0].pop("basis", None)
    elif i % 4 == 3 and out["household"].get("children"):
        out["household"]["children"][0]["birth_date"] = "unknown"
    return out


def cases() -> list[dict]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import yaml
    from applicants import random_applicants
    people = random_applicants(random.Random(SEED), COUNT)
    out = [{"name": f"bench[{i}]", "applicant": a, "index": i} for i, a in enumerate(people)]
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        if path.name == "expected.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.append({"name": f"examples/{path.name}", "applicant": json.loads(json.dumps(data, default=str)),
                    "index": len(out)})
    return out


def _advice(result) -> list:
    return [[p.id, [[c.advice for c in o.changes] for o in p.unlock]] for p in result.permits]


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def answers(case: dict, what: tuple[str, ...] | None = None) -> dict[str, str]:
    """Every output of one case, as JSON text (the test compares the text)."""
    import pypermit
    a, i = case["applicant"], case["index"]
    wanted = (lambda k: True) if what is None else (lambda k: k.split(":")[0] in what)
    out: dict[str, str] = {}

    def record(key: str, fn):
        if not wanted(key):
            return
        try:
            out[key] = _dump(fn())
        except pypermit.Error as e:       # recorded too: the same refusal
            out[key] = _dump({"error": type(e).__name__, "problems": [str(p) for p in e.problems]})

    record("report", lambda: pypermit.evaluate(a, unlock=False).to_dict())
    record("unlock", lambda: (lambda r: [r.to_dict(), _advice(r)])(pypermit.evaluate(a)))
    record("unknown", lambda: pypermit.evaluate(unknown_variant(i, a)).to_dict())
    if i % 3 == 0:
        record("timeline", lambda: pypermit.timeline(a).to_dict())
    if i % 5 == 0:
        record("law_date", lambda: pypermit.evaluate(a, unlock=False, law_date="2020-03-01").to_dict())
    if i % 7 == 0:
        record("de", lambda: (lambda r: [r.to_dict(), _advice(r)])(pypermit.evaluate(a, lang="de")))
    if i % 11 == 0:
        record("max_changes", lambda: pypermit.evaluate(a, max_changes=1).to_dict())
    return out


#: Days of the law whose lawbook (``pypermit law``) is recorded too.
LAW_DAYS = ("2015-08-01", "2019-06-01", "2020-03-01", "2022-12-31", "2024-03-01", "2026-06-12", "2026-11-21",
            "2030-01-01")


def lawbooks() -> dict[str, str]:
    import pypermit
    return {f"{day}/{lang}": _dump(pypermit.law(day, lang=lang).to_dict()) for day in LAW_DAYS for lang in ("en", "de")}


def main() -> None:
    records = []
    for case in cases():
        records.append({"name": case["name"], "index": case["index"], "applicant": case["applicant"],
                        "answers": answers(case)})
    data = {"seed": SEED, "count": COUNT, "cases": records, "law": lawbooks()}
    with gzip.open(GOLDEN, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(data, f, ensure_ascii=False, indent=0)
    print(f"{GOLDEN}: {len(records)} cases, {sum(len(r['answers']) for r in records)} answers")


if __name__ == "__main__":
    main()
