"""whatif and compare say when a condition's strength changed, and why.

The real case: the § 104c holder of examples/chancen_holder_to_25b.yaml
has no passport and no clarified identity, but took every reasonable step:
§ 25b Abs. 8 lets the authority set identity aside (waivable), and § 25b
needs a waiver. Had she not taken those steps, identity is hard and § 25b
is out of reach — the same condition, unmet both times, but no longer
waivable; the report says so and names the fact behind it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import plain

import pypermit
from pypermit.cli.main import main
from pypermit.scenarios.difference import differences

ROOT = Path(__file__).resolve().parent.parent
HOLDER = ROOT / "examples" / "chancen_holder_to_25b.yaml"
YOUNG = ROOT / "examples" / "young_person_25a.yaml"


def identity_change(result: pypermit.WhatIf, permit: str = "25b"):
    diff = next(d for d in result.differences if d.permit == permit)
    return diff, next(c for c in diff.conditions if c.id == "s5_identity")


def test_a_strength_change_is_reported_with_its_reason():
    result = pypermit.whatif(HOLDER, {"identity.steps_taken": False})
    diff, change = identity_change(result)
    assert (diff.old[0], diff.new[0]) == ("waiver_needed", "not_eligible")
    assert (change.old, change.new) == ("unmet", "unmet")
    assert (change.old_strength, change.strength) == ("waivable", "hard")
    assert [(c.fact, c.old, c.new) for c in change.because] == [("identity.steps_taken", True, False)]
    data = change.to_dict()
    assert data["strength_from"] == "waivable" and data["strength"] == "hard"
    assert data["because"] == [{"fact": "identity.steps_taken", "from": True, "to": False}]
    assert {"id", "from", "to", "text", "citation"} <= set(data), "the keys of whatif-v1 stay"


def test_the_text_names_the_strength_change_not_only_the_effect():
    out = " ".join(plain(CliRunner().invoke(main, ["whatif", str(HOLDER), "--set", "identity.steps_taken=false"],
                                            env={"COLUMNS": "80"}).output).split())
    assert "§ 5 Abs. 1 Nr. 1a AufenthG; § 25b Abs. 8 AufenthG: unmet (waivable → hard" in out
    assert "because Steps to clarify identity taken: yes → no" in out
    assert "No condition changes status; only the effect does." not in out
    de = " ".join(plain(CliRunner().invoke(main, ["whatif", str(HOLDER), "--set", "identity.steps_taken=false",
                                                  "--lang", "de"], env={"COLUMNS": "80"}).output).split())
    assert "§ 5 Abs. 1 Nr. 1a AufenthG; § 25b Abs. 8 AufenthG: nicht erfüllt (Absehen möglich → zwingend" in de
    assert "weil Schritte zur Identitätsklärung unternommen: ja → nein" in de


def test_the_json_carries_it():
    out = CliRunner().invoke(main, ["whatif", str(HOLDER), "--set", "identity.steps_taken=false",
                                    "--format", "json"]).output
    data = json.loads(out)
    assert data["format"] == "pypermit/whatif-v1"
    change = next(c for d in data["differences"] if d["permit"] == "25b" for c in d["conditions"]
                  if c["id"] == "s5_identity")
    assert change["strength_from"] == "waivable" and change["strength"] == "hard"


def test_a_strength_change_explains_an_outcome_on_its_own():
    """With only the outcome asked (the timeline's view), a strength change
    still explains it: the condition's status did not change."""
    before = pypermit.evaluate(HOLDER, unlock=False)
    after = pypermit.evaluate({**_file(HOLDER), "identity": {**_file(HOLDER)["identity"], "steps_taken": False}},
                              unlock=False)
    diff = next(d for d in differences(before, after, outcome_only=True) if d.permit == "25b")
    assert [(c.id, c.old_strength, c.strength) for c in diff.conditions] == [("s5_identity", "waivable", "hard")]


def test_a_waiver_that_ends_is_reported():
    """The pupil is in education, so the pension months of § 26 Abs. 4 are
    waived; out of education they are not."""
    result = pypermit.whatif(YOUNG, {"education.in_education": False})
    diff = next(d for d in result.differences if d.permit == "26.4")
    change = next(c for c in diff.conditions if c.id == "pension_60m")
    assert (change.old, change.new, change.old_waived_by, change.waived_by) == ("met", "unmet", "in_education", None)
    assert [c.fact for c in change.because] == ["education.in_education"]
    assert change.to_dict()["waived_by_from"] == "in_education"


def test_a_strength_change_alone_is_a_difference():
    """A condition whose strength differs between two reports is listed
    even where its status and citation stay (differences serves whatif,
    compare and the timeline alike)."""
    from dataclasses import replace
    report = pypermit.evaluate(HOLDER, unlock=False)
    permit = report.permit("25b")
    harder = replace(permit, conditions=tuple(replace(c, strength="hard") if c.id == "s5_passport" else c
                                              for c in permit.conditions))
    other = replace(report, permits=tuple(harder if p.id == "25b" else p for p in report.permits))
    diff = next(d for d in differences(report, other) if d.permit == "25b")
    assert [(c.id, c.old, c.new, c.old_strength, c.strength, c.citation_changed) for c in diff.conditions] == [
        ("s5_passport", "unmet", "unmet", "waivable", "hard", False)]


def _file(path: Path) -> dict:
    import yaml
    return yaml.safe_load(path.read_text(encoding="utf-8"))
