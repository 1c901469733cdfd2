"""The outputs are unchanged by work on speed: the reports (with unlock,
with unknown facts and their questions), timelines, other law dates and
languages of a fixed set of applicants read exactly as the stored run
(tests/data/reports_golden.json.gz, written by make_reports_golden.py
beside it; regenerate it only when an output is meant to change).

By default every report without unlock, and every fourth applicant's other
answers (a few seconds); PYPERMIT_GOLDEN_ALL=1 compares every answer.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
_spec = importlib.util.spec_from_file_location("make_reports_golden", DATA / "make_reports_golden.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

with gzip.open(golden.GOLDEN, "rt", encoding="utf-8") as _f:
    _DATA = json.load(_f)
CASES = _DATA["cases"]

ALL = os.environ.get("PYPERMIT_GOLDEN_ALL") == "1"

pytestmark = pytest.mark.slow


def _what(case: dict) -> tuple[str, ...] | None:
    return None if ALL or case["index"] % 4 == 0 else ("report",)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_answers_unchanged(case):
    what = _what(case)
    now = golden.answers(case, what)
    stored = {k: v for k, v in case["answers"].items() if what is None or k in what}
    assert now.keys() == stored.keys()
    for key in stored:
        assert now[key] == stored[key], f"{case['name']}: {key} differs from the stored run"


def test_lawbooks_unchanged():
    now = golden.lawbooks()
    assert now.keys() == _DATA["law"].keys()
    for key, stored in _DATA["law"].items():
        assert now[key] == stored, f"the lawbook of {key} differs from the stored run"
