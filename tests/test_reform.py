"""Reforms: dated figures and overlays applied through the engine's overlay,
refused with a message where malformed; verify checks the reformed law."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import person

from pypermit import ReformError, evaluate, load_reform, timeline
from pypermit.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
FIVE_YEARS = ROOT / "examples" / "reforms" / "25b_five_years.yaml"

#: Tolerated since mid-2022 after a year in the asylum procedure: five years
#: of stay on 2027-03-01, not six; every other § 25b condition met.
ALMOST = person(as_of="2027-03-01",
                stay=[{"since": "2021-06-01", "status": "asylum_procedure"},
                      {"since": "2022-06-01", "status": "duldung"}],
                german="B1", civics_test=True, fdgo_commitment=True,
                identity={"clarified": True, "passport": "valid"},
                livelihood={"own_share": 100, "from_employment": True, "health_insurance": True},
                household={"living_space_sqm": 30})


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_figure_changes_the_outcome_only_inside_the_block() -> None:
    reform = load_reform(FIVE_YEARS)
    assert evaluate(ALMOST, unlock=False)["25b"].status == "not_eligible"
    with reform.applied():
        assert evaluate(ALMOST, unlock=False)["25b"].status == "eligible"
    assert evaluate(ALMOST, unlock=False)["25b"].status == "not_eligible"
    # Before the reform's day the law as it is applies.
    with reform.applied():
        assert evaluate(ALMOST, "2026-12-31", unlock=False)["25b"].condition("uninterrupted_stay").status \
            == "unmet"


def test_time_passing_meets_the_reformed_figure_on_its_day() -> None:
    earlier = {**ALMOST, "as_of": "2026-06-01"}
    assert [(e.day.isoformat(), e.permit) for e in timeline(earlier, "2028-12-31").events] == [("2027-05-31", "25b")]
    with load_reform(FIVE_YEARS).applied():
        assert [(e.day.isoformat(), e.permit) for e in timeline(earlier, "2028-12-31").events] == \
            [("2027-01-01", "25b")]


def test_check_takes_a_reform() -> None:
    runner = CliRunner()
    file = str(ROOT / "examples" / "duldung_almost_25b.yaml")
    plain = runner.invoke(main, ["check", file, "--as-of", "2026-06-01", "--format", "json"])
    reformed = runner.invoke(main, ["check", file, "--as-of", "2026-06-01", "--format", "json",
                                    "--law-date", "2027-02-01", "--reform", str(FIVE_YEARS)])
    assert plain.exit_code == reformed.exit_code == 0
    stay = [next(p for p in json.loads(r.output)["permits"] if p["id"] == "25b")["conditions"]
            for r in (plain, reformed)]
    assert [c["status"] for c in stay[0] if c["id"] == "uninterrupted_stay"] == ["unmet"]
    assert [c["status"] for c in stay[1] if c["id"] == "uninterrupted_stay"] == ["met"]
    # The text names the figure in force: the reform's five years, not six.
    assert [c["text"] for c in stay[0] if c["id"] == "uninterrupted_stay"][0].startswith("Six years")
    assert [c["text"] for c in stay[1] if c["id"] == "uninterrupted_stay"][0].startswith(
        "Uninterrupted stay of five years, or four with")


@pytest.mark.parametrize("name, text, message", [
    ("typo.yaml", "title: t\nfigures: [{permit: '25b', name: stay_yers, value: 5, from: 2027-01-01}]\n",
     "25b.stay_yers is not a threshold the rules read"),
    ("day.yaml", "title: t\nfigures: [{permit: '25b', name: stay_years, value: 5, from: 2022-12-31}]\n",
     "already has a figure from 2022-12-31"),
    ("twice.yaml", "title: t\nfigures: [{permit: '25b', name: stay_years, value: 5, from: 2027-01-01},"
                   " {permit: '25b', name: stay_years, value: 4, from: 2027-01-01}]\n", "given twice"),
    ("negative.yaml", "title: t\nfigures: [{permit: '25b', name: stay_years, value: -1, from: 2027-01-01}]\n",
     "figures.0.value"),
    ("untitled.yaml", "figures: []\n", "title: Field required"),
    ("extra.yaml", "title: t\nfigure: []\n", "figure: Extra inputs"),
    ("list.yaml", "- 1\n", "expected a mapping"),
    ("broken.yaml", "title: [\n", "not YAML"),
    ("syntax.lp", "% title: t\nmet(\"25b\" german_a2.\n", "overlay: <string>:2"),
    ("uncited.lp", "% title: t\ncondition(\"25b\", german_a2, hard, \"\") :- in_force(\"25b\").\n",
     "condition 25b.german_a2 has no citation"),
    ("untexted.lp", "% title: t\ncondition(\"25b\", b1, hard, \"§ 1\") :- in_force(\"25b\").\n",
     "condition 25b.b1 has no text in en, de"),
    ("variable.lp", "% title: t\ncondition(P, b1, hard, \"§ 1\") :- permit(P).\n", "must name its permit"),
    ("uncited_asks.lp", "% title: t\nasks(\"25b\", b1, hard, \"\").\n", "condition 25b.b1 has no citation"),
    ("untexted_asks.lp", "% title: t\nasks(\"25b\", b1, hard, \"§ 1\").\n", "condition 25b.b1 has no text in en, de"),
    ("threshold.lp", "% title: t\nthreshold(\"25b\", stay_yers, 5, 20270101).\n",
     "threshold 25b.stay_yers is not one the rules read"),
    ("notitle.lp", "met(\"25b\", german_a2) :- german_at_least(\"A1\").\n", "title: Field required"),
])
def test_malformed_reforms_are_refused(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(ReformError) as caught:
        load_reform(path)
    assert message in str(caught.value)
    result = CliRunner().invoke(main, ["check", str(ROOT / "examples" / "duldung_almost_25b.yaml"),
                                       "--reform", str(path)])
    assert result.exit_code == 2 and message in result.output


def test_an_overlay_relaxes_a_condition_with_its_title(tmp_path: Path) -> None:
    path = write(tmp_path, "a1.lp", "% title: A1 suffices for § 25b\n% description: Nr. 4 asks A1.\n"
                                    "met(\"25b\", german_a2) :- german_at_least(\"A1\").\n")
    reform = load_reform(path)
    assert reform.title == "A1 suffices for § 25b" and reform.description == "Nr. 4 asks A1."
    a1 = {**ALMOST, "german": "A1"}
    assert evaluate(a1, unlock=False)["25b"].condition("german_a2").status == "unmet"
    with reform.applied():
        assert evaluate(a1, unlock=False)["25b"].condition("german_a2").status == "met"


def test_an_overlay_adds_a_condition_with_its_texts(tmp_path: Path) -> None:
    write(tmp_path, "b1.lp", 'condition("25b", german_b1_new, hard, "§ 25b Abs. 1 Satz 2 Nr. 4 (reform)") '
                             ':- in_force("25b").\nmet("25b", german_b1_new) :- german_at_least("B1").\n')
    path = write(tmp_path, "b1.yaml", "title: B1 for § 25b\noverlay: b1.lp\ntexts:\n  '25b':\n    conditions:\n"
                                      "      german_b1_new:\n        en: {met: B1 proven., unmet: B1 is needed.}\n"
                                      "        de: {met: B1 nachgewiesen., unmet: B1 ist nötig.}\n")
    with load_reform(path).applied():
        permit = evaluate({**ALMOST, "german": "A2"}, unlock=False)["25b"]
    assert permit.status == "not_eligible"
    assert permit.condition("german_b1_new").text == "B1 is needed."


def test_an_overlay_asks_a_condition_under_the_one_in_force_guard(tmp_path: Path) -> None:
    """asks/4 in an overlay: a condition while the norm is in force (the
    guard of kb/machinery/outcome.lp; § 104c grants end with 2025-12-30),
    none after."""
    write(tmp_path, "b1.lp", 'asks("104c", german_b1_new, hard, "§ 104c Abs. 1 (reform)").\n'
                             'met("104c", german_b1_new) :- german_at_least("B1").\n')
    path = write(tmp_path, "b1.yaml", "title: B1 for § 104c\noverlay: b1.lp\ntexts:\n  '104c':\n    conditions:\n"
                                      "      german_b1_new:\n        en: {met: B1 proven., unmet: B1 is needed.}\n"
                                      "        de: {met: B1 nachgewiesen., unmet: B1 ist nötig.}\n")
    a2 = {**ALMOST, "german": "A2"}
    with load_reform(path).applied():
        asked = evaluate(a2, law_date="2024-01-01", unlock=False)["104c"]
        lapsed = evaluate(a2, law_date="2026-01-01", unlock=False)["104c"]
    assert asked.condition("german_b1_new").text == "B1 is needed."
    assert asked.condition("german_b1_new").citation == "§ 104c Abs. 1 (reform)"
    assert "german_b1_new" not in [c.id for c in lapsed.conditions]


@pytest.mark.slow
def test_verify_catches_a_reform_that_makes_a_condition_impossible(tmp_path: Path) -> None:
    write(tmp_path, "never.lp", 'condition("25b", residence_card, hard, "§ 25b Abs. 9 (reform)") '
                                ':- in_force("25b").\nmet("25b", residence_card) :- given("residence_card", true).\n')
    path = write(tmp_path, "never.yaml", "title: A card nobody has\noverlay: never.lp\ntexts:\n  '25b':\n"
                                         "    conditions:\n      residence_card:\n        en: {met: a, unmet: b}\n"
                                         "        de: {met: a, unmet: b}\n")
    result = CliRunner().invoke(main, ["verify", "--norm", "25b", "--reform", str(path), "--format", "json"])
    assert result.exit_code == 1
    findings = {(f["check"], f["subject"]) for f in json.loads(result.output)["findings"]}
    assert ("condition one-sided", "residence_card") in findings
