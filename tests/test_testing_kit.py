"""The testing kit (pypermit.testing) finds boundaries.

A deliberately broken copy of the knowledge base — § 104c Abs. 1 S. 1 Nr. 2
read as "up to 51 daily rates" instead of 50 — must be caught by a plain
property test built on ``applicants(near="104c")`` within hypothesis's
default number of examples: the broken rules must give the same outcome as
the reference rules for every applicant, and the kit must find one for whom
they do not (a general fine total of exactly 51 daily rates).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

import pypermit
from pypermit import testing
from pypermit.applicant.load import load_applicant
from pypermit.engine import kb

#: Seconds-long (subprocesses, worker pools, browsers, many solver calls): `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

#: The one line broken in the copy (kb/law/common/convictions.lp).
REFERENCE_CAP = "fine_cap(general, 50)."
BROKEN_CAP = "fine_cap(general, 51)."


def cached_readers() -> list:
    """Every function of pypermit.kb that caches what it read from kb_dir()."""
    return [f for f in vars(kb).values() if callable(f) and hasattr(f, "cache_clear")]


@pytest.fixture
def switch_kb(monkeypatch):
    """``switch_kb(root)`` points pypermit at the knowledge base in ``root``;
    the real one is back, caches emptied, after the test."""
    def use(root: Path) -> None:
        monkeypatch.setattr(kb, "kb_dir", lambda: root)
        for f in cached_readers():
            f.cache_clear()
    yield use
    monkeypatch.undo()
    for f in cached_readers():
        f.cache_clear()


@pytest.fixture
def broken_kb(tmp_path) -> Path:
    """A copy of the knowledge base with 51 daily rates allowed under § 104c."""
    root = tmp_path / "kb"
    shutil.copytree(kb.kb_dir(), root)
    rules = root / "law" / "common" / "convictions.lp"
    text = rules.read_text(encoding="utf-8")
    assert text.count(REFERENCE_CAP) == 1, "the reference cap is no longer written as expected"
    rules.write_text(text.replace(REFERENCE_CAP, BROKEN_CAP), encoding="utf-8")
    return root


def outcome(applicant) -> dict:
    """Every permit's status and every condition's status."""
    report = pypermit.evaluate(applicant, unlock=False)
    return {p.id: (p.status, tuple((c.id, c.status) for c in p.conditions)) for p in report.permits}


def general_fine_total(applicant) -> int:
    """The brief's counted general fines (section 1), to name what was found."""
    model = load_applicant(applicant)
    return sum(c.daily_rates for c in model.convictions
               if c.intentional and not c.juvenile and not c.immigration_offence)


def test_the_copy_is_broken_where_intended(broken_kb, switch_kb):
    """The copy differs from the reference exactly at 51 daily rates (a
    guard: the property below is meant to find this, not something else)."""
    reference = kb.kb_dir()
    person = {"as_of": "2024-06-01", "birth_date": "1990-05-01", "fdgo_commitment": True,
              "stay": [{"since": "2017-01-01", "status": "duldung"}]}
    for rates, same in ((50, True), (51, False), (52, True)):
        fined = dict(person, convictions=[{"date": "2023-01-01", "daily_rates": rates}])
        switch_kb(reference)
        expected = outcome(fined)
        switch_kb(broken_kb)
        assert (outcome(fined) == expected) is same, rates
    switch_kb(reference)
    assert testing.kb_limits().fine_caps["general"] == 50


def test_applicants_near_104c_catch_a_broken_fine_cap(broken_kb, switch_kb):
    """§ 104c Abs. 1 S. 1 Nr. 2 (and § 5 Abs. 1 Nr. 2 through the brief's
    "beyond minor"): fines up to 50 daily rates are minor. A property
    comparing the broken copy with the reference on
    ``applicants(near="104c")`` fails within the default number of examples
    (100): the kit aims fine totals at the cap and one above it."""
    reference = kb.kb_dir()
    testing.kb_limits()    # aim with the reference law's figures
    found: list = []

    # hypothesis's default number of examples (100), no example database (no
    # replay of an earlier failure), no shrinking: the first failure counts.
    @settings(max_examples=100, database=None, deadline=None, derandomize=True, phases=[Phase.generate],
              suppress_health_check=[HealthCheck.too_slow])
    @given(testing.applicants(near="104c"))
    def broken_rules_decide_as_the_reference(applicant):
        switch_kb(reference)
        expected = outcome(applicant)
        switch_kb(broken_kb)
        actual = outcome(applicant)
        switch_kb(reference)
        if actual != expected:
            found.append(applicant)
        assert actual == expected

    with pytest.raises(AssertionError):
        broken_rules_decide_as_the_reference()
    assert found, "the property failed for another reason"
    assert general_fine_total(found[0]) == 51, found[0]


# --------------------------------------------------------------------------
# The kit's promises: valid files, figures from the knowledge base
# --------------------------------------------------------------------------


@pytest.mark.parametrize("near", [None, *testing.norms()])
def test_every_draw_is_a_valid_applicant_file(near, tmp_path):
    """applicant-v1: whatever the kit draws, ``load_applicant`` accepts it —
    as a dict, as a JSON file, and as the model with ``as_dict=False``."""
    @settings(max_examples=25, deadline=None, database=None)
    @given(testing.applicants(near=near), testing.applicants(near=near, as_dict=False))
    def valid(data, model):
        path = tmp_path / "applicant.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        assert load_applicant(path) == load_applicant(data)
        assert isinstance(model, pypermit.Applicant)
        as_of = dt.date.fromisoformat(data["as_of"])
        assert all(dt.date.fromisoformat(p["since"]) <= as_of for p in data["stay"])

    valid()


@settings(max_examples=50, deadline=None, database=None)
@given(testing.decision_days().flatmap(
    lambda day: testing.stays(day).map(lambda s: (day, s))))
def test_stays_alone_are_valid(day_and_stay):
    """The parts compose: a stay drawn on its own fits a file for that day."""
    day, stay = day_and_stay
    load_applicant({"as_of": day.isoformat(), "birth_date": "1970-01-01", "stay": stay})


@settings(max_examples=50, deadline=None, database=None)
@given(testing.decision_days().flatmap(
    lambda day: testing.convictions(day).map(lambda c: (day, c))))
def test_convictions_alone_are_valid(day_and_convictions):
    """The parts compose: convictions drawn on their own fit a file for that day."""
    day, convictions = day_and_convictions
    load_applicant({"as_of": day.isoformat(), "birth_date": "1970-01-01",
                    "stay": [{"since": "2010-01-01", "status": "duldung"}], "convictions": convictions})


def test_near_must_name_a_norm():
    with pytest.raises(ValueError, match="near="):
        testing.applicants(near="25c")


def test_figures_come_from_the_knowledge_base():
    """The kit aims with the kb's figures (legal brief): the § 104c cut-off,
    the fine caps, the § 25a ages and the days the law changed."""
    limits = testing.kb_limits()
    assert set(limits.norms) == {"25.5", "25a", "25b", "104c", "26.3", "26.4"}
    assert limits.norms["104c"].cut_offs == (dt.date(2022, 10, 31),)
    assert limits.fine_caps == {"general": 50, "immigration": 90}
    assert set(limits.norms["25a"].ages) == {14, 21, 27}
    assert {3, 4, 5, 6, 8} <= {y for n in limits.norms.values() for y in n.stay_years}
    assert {12, 18, 30} <= {m for n in limits.norms.values() for m in n.stay_months}
    assert {dt.date(2016, 8, 6), dt.date(2020, 1, 1), dt.date(2022, 12, 31), dt.date(2025, 12, 31),
            dt.date(2027, 7, 1)} <= set(limits.change_days)
