"""pypermit compare: the same facts under the law of several days — what a
change of the law alone did to one person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import flat

import pypermit
from pypermit.cli.main import main

#: 22 years old, tolerated since 2023-06-01 (three years and more on the
#: decision day), three years of school, in training, positive prognosis.
YOUNG_25A = {
    "as_of": "2026-11-21", "birth_date": "2004-05-01",
    "stay": [{"since": "2023-06-01", "status": "duldung"}],
    "identity": {"clarified": True, "passport": "valid"},
    "education": {"school_years": 3, "in_education": True},
    "integration_prognosis": "positive",
}

#: Tolerated since 2019-06-01: seven years on the decision day, not eight.
WORKER_25B = {
    "as_of": "2026-11-21", "birth_date": "1988-09-09",
    "stay": [{"since": "2019-06-01", "status": "duldung"}],
    "identity": {"clarified": True, "passport": "valid"},
    "german": "A2", "civics_test": True, "fdgo_commitment": True,
    "livelihood": {"own_share": 100, "from_employment": True, "health_insurance": True},
}

#: Five years of stay on 2022-10-31, tolerated, commitment declared.
CHANCEN = {
    "as_of": "2025-12-20", "birth_date": "1985-04-02",
    "stay": [{"since": "2016-03-01", "status": "asylum_procedure"}, {"since": "2018-07-01", "status": "duldung"}],
    "fdgo_commitment": True,
}


def statuses(cmp: pypermit.Comparison, permit: str) -> list[str]:
    return [r.permit(permit).status for r in cmp.reports]


def conditions(step: pypermit.LawStep, permit: str) -> dict[str, tuple[str | None, str | None]]:
    diff = next(d for d in step.differences if d.permit == permit)
    return {c.id: (c.old, c.new) for c in diff.conditions}


def figures(step: pypermit.LawStep, permit: str) -> dict[str, tuple[tuple[str, int, int], ...]]:
    diff = next(d for d in step.differences if d.permit == permit)
    return {c.id: c.figures for c in diff.conditions if c.figures_changed}


def test_25a_reform_of_2022_12_31_opens_it_for_a_22_year_old_with_3_years():
    """§ 25a Abs. 1 S. 1 Nr. 1, 3: before, 4 years and an application before
    21; from 2022-12-31, 3 years and before 27: the same conditions, their
    figures from the dated thresholds."""
    cmp = pypermit.compare(YOUNG_25A, ["2022-12-30", "2022-12-31"])
    assert statuses(cmp, "25a") == ["not_eligible", "eligible"]
    changed = conditions(cmp.steps[0], "25a")
    assert changed["application_before_age_limit"] == ("unmet", "met")
    assert changed["uninterrupted_stay"] == ("unmet", "met")
    assert figures(cmp.steps[0], "25a") == {
        "uninterrupted_stay": (("stay_years", 4, 3),),
        "school_or_qualification": (("school_years", 4, 3),),
        "application_before_age_limit": (("age_limit", 21, 27),)}


def test_25b_reform_of_2022_12_31_asks_6_years_not_8():
    """§ 25b Abs. 1 S. 2 Nr. 1: seven years were too few before, enough after."""
    cmp = pypermit.compare(WORKER_25B, ["2022-12-30", "2022-12-31"])
    assert statuses(cmp, "25b") == ["not_eligible", "eligible"]
    changed = conditions(cmp.steps[0], "25b")
    assert changed["uninterrupted_stay"] == ("unmet", "met")
    assert figures(cmp.steps[0], "25b") == {
        "uninterrupted_stay": (("stay_years", 8, 6), ("stay_years_with_child", 6, 4))}


#: Tolerated since 2014 (eight years and more under either law), six years
#: of school: § 25a's stay and school are met under both laws.
SETTLED_25A = {**YOUNG_25A, "stay": [{"since": "2014-06-01", "status": "duldung"}],
               "education": {"school_years": 6, "in_education": True}}


def test_a_figure_that_changes_while_the_condition_stays_met_is_reported(tmp_path):
    """§ 25a Abs. 1 S. 1 Nr. 1, 2: met under the law of 2022-12-30 (4 years)
    and of 2022-12-31 (3 years); compare still names the condition and the
    figure the later law sets otherwise, in the API, the JSON and the text."""
    cmp = pypermit.compare(SETTLED_25A, ["2022-12-30", "2022-12-31"])
    [step] = cmp.steps
    assert conditions(step, "25a")["uninterrupted_stay"] == ("met", "met")
    assert conditions(step, "25a")["school_or_qualification"] == ("met", "met")
    assert figures(step, "25a")["uninterrupted_stay"] == (("stay_years", 4, 3),)
    path = write(tmp_path, SETTLED_25A)
    text = flat(CliRunner().invoke(main, ["compare", path, "--law-date", "2022-12-30", "--law-date", "2022-12-31",
                                          "--lang", "en"]).stdout)
    assert "§ 25a Abs. 1 Satz 1 Nr. 1 AufenthG: met (3 years of stay instead of 4)" in text
    assert "§ 25a Abs. 1 Satz 1 Nr. 2 AufenthG: met (3 years of school instead of 4)" in text
    assert "Three years of uninterrupted stay:" in text
    german = flat(CliRunner().invoke(main, ["compare", path, "--law-date", "2022-12-30", "--law-date", "2022-12-31",
                                            "--lang", "de"]).stdout)
    assert "§ 25a Abs. 1 Satz 1 Nr. 1 AufenthG: erfüllt (3 Jahre Aufenthalt statt 4)" in german
    data = json.loads(CliRunner().invoke(main, ["compare", path, "--law-date", "2022-12-30",
                                                "--law-date", "2022-12-31", "--format", "json"]).stdout)
    [diff] = [d for d in data["differences"][0]["differences"] if d["permit"] == "25a"]
    [stay] = [c for c in diff["conditions"] if c["id"] == "uninterrupted_stay"]
    assert (stay["from"], stay["to"]) == ("met", "met")
    assert stay["figures"] == [{"name": "stay_years", "from": 4, "to": 3}]


def test_the_same_figures_are_no_difference():
    """Two days of one version: the figures are the same, nothing is reported."""
    cmp = pypermit.compare(SETTLED_25A, ["2023-01-01", "2024-01-01"])
    assert not any(d.permit == "25a" for d in cmp.steps[0].differences)


def test_104c_grants_end_with_2025_12_30():
    """§ 104c: grants up to 2025-12-30; under the law of 2025-12-31 the
    norm is not in force, and its other conditions are no longer asked."""
    cmp = pypermit.compare(CHANCEN, ["2025-12-30", "2025-12-31"])
    assert statuses(cmp, "104c") == ["eligible", "not_eligible"]
    changed = conditions(cmp.steps[0], "104c")
    assert changed["in_force"] == ("met", "unmet")
    assert changed["tolerated"] == ("met", None)


def test_three_law_dates_give_two_steps_in_the_order_asked():
    cmp = pypermit.compare(CHANCEN, ["2022-12-30", "2025-12-30", "2025-12-31"])
    assert [str(d) for d in cmp.law_dates] == ["2022-12-30", "2025-12-30", "2025-12-31"]
    assert [(str(s.old), str(s.new)) for s in cmp.steps] == [("2022-12-30", "2025-12-30"),
                                                             ("2025-12-30", "2025-12-31")]
    assert statuses(cmp, "104c") == ["not_eligible", "eligible", "not_eligible"]


def test_the_same_law_twice_has_no_differences():
    cmp = pypermit.compare(WORKER_25B, ["2024-01-01", "2024-01-01"])
    assert cmp.steps[0].differences == ()


def test_one_law_date_is_refused():
    with pytest.raises(pypermit.InvalidApplicant) as exc:
        pypermit.compare(WORKER_25B, ["2024-01-01"])
    assert exc.value.problems[0].path == "law_date"


# --- the command ------------------------------------------------------------------

def write(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "person.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return str(path)


def test_cli_text_shows_the_laws_side_by_side(tmp_path):
    result = CliRunner().invoke(main, ["compare", write(tmp_path, YOUNG_25A), "--law-date", "2022-12-30",
                                       "--law-date", "2022-12-31", "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "law of 2022-12-30" in out and "law of 2022-12-31" in out
    assert "§ 25a Abs. 1 Satz 1 Nr. 1 AufenthG: unmet → met (3 years of stay instead" in out
    assert "§ 25a Abs. 1 Satz 1 Nr. 3 AufenthG: unmet → met (age limit 27 instead of" in out
    assert "no longer asked" not in out.split("25b")[0]


def test_cli_json(tmp_path):
    result = CliRunner().invoke(main, ["compare", write(tmp_path, CHANCEN), "--format", "json",
                                       "--law-date", "2025-12-30", "--law-date", "2025-12-31"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["format"] == "pypermit/compare-v1"
    assert data["law_dates"] == ["2025-12-30", "2025-12-31"]
    assert [r["law_date"] for r in data["reports"]] == data["law_dates"]
    step = data["differences"][0]
    assert (step["from"], step["to"]) == ("2025-12-30", "2025-12-31")
    diff = next(d for d in step["differences"] if d["permit"] == "104c")
    assert diff["from"]["status"] == "eligible" and diff["to"]["status"] == "not_eligible"


@pytest.mark.parametrize("dates,words", [
    pytest.param(["2022-12-30"], ["two or more"], id="one_date"),
    pytest.param(["2012-12-30", "2022-12-31"], ["law_date", "2012-12-30"], id="before_coverage"),
    pytest.param(["2022-13-30", "2022-12-31"], ["2022-13-30", "not a date"], id="not_a_date"),
])
def test_cli_refuses_bad_law_dates(tmp_path, dates, words):
    args = ["compare", write(tmp_path, WORKER_25B)]
    for d in dates:
        args += ["--law-date", d]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    for word in words:
        assert word in result.stderr


#: A recognised refugee (§ 25 Abs. 2, refugee status) since 2019, after an
#: asylum procedure from 2018: § 26 Abs. 3 on the 5-year route.
REFUGEE = {
    "as_of": "2026-11-21", "birth_date": "1990-03-03",
    "stay": [{"since": "2018-01-01", "status": "asylum_procedure"},
             {"since": "2019-06-01", "status": "permit", "basis": "25.2.refugee"}],
    "identity": {"clarified": True, "passport": "substitute"},
    "german": "A2", "civics_test": True, "livelihood": {"own_share": 60},
    "household": {"living_space_sqm": 9},
}


def citation_changes(step: pypermit.LawStep) -> dict[tuple[str, str], tuple[str, str]]:
    return {(d.permit, c.id): (c.old_citation, c.citation) for d in step.differences for c in d.conditions
            if c.citation_changed}


def test_geas_renumbering_of_2026_06_12_changes_citations_not_outcomes(tmp_path):
    """§ 26 Abs. 3 Satz 1 with § 25 Abs. 2 (GEAS adaptation act, in force
    2026-06-12): refugee status is § 25 Abs. 2 Satz 1, no longer its first
    alternative; § 10 Abs. 3 Satz 2 refers to Art. 42 of Regulation (EU)
    2024/1348. The refugee's outcomes stay; the citations change, in the
    comparison's JSON and in its text."""
    cmp = pypermit.compare(REFUGEE, ["2026-06-11", "2026-06-12"])
    assert [r.permit("26.3").status for r in cmp.reports] == ["eligible", "eligible"]
    [step] = cmp.steps
    assert not any(d.outcome_changed for d in step.differences)
    changed = citation_changes(step)
    assert changed[("26.3", "scope")] == (
        "§ 26 Abs. 3 Satz 1 AufenthG; § 25 Abs. 1 oder Abs. 2 Satz 1 erste Alternative AufenthG",
        "§ 26 Abs. 3 Satz 1 AufenthG; § 25 Abs. 1 oder Abs. 2 Satz 1 AufenthG")
    assert changed[("25.5", "no_manifestly_unfounded_bar")][1].endswith("Art. 42 der Verordnung (EU) 2024/1348")
    path = tmp_path / "refugee.yaml"
    path.write_text(yaml.safe_dump(REFUGEE), encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(path), "--law-date", "2026-06-11",
                                       "--law-date", "2026-06-12", "--format", "json"])
    assert result.exit_code == 0, result.output
    [diff] = [d for d in json.loads(result.stdout)["differences"][0]["differences"] if d["permit"] == "26.3"]
    assert diff["from"] == diff["to"]
    [scope] = [c for c in diff["conditions"] if c["id"] == "scope"]
    assert (scope["from"], scope["to"]) == ("met", "met")
    assert scope["citation_from"].endswith("erste Alternative AufenthG")
    text = CliRunner().invoke(main, ["compare", str(path), "--law-date", "2026-06-11", "--law-date", "2026-06-12"])
    assert "Satz 1 erste Alternative AufenthG → § 26 Abs. 3 Satz 1 AufenthG; § 25 Abs. 1 oder Abs. 2 Satz 1 " \
        "AufenthG: met (citation changed)" in flat(text.stdout)
    assert "(unchanged)" in text.stdout and "≠" not in text.stdout


def test_asylg_renumbering_of_2024_02_27_changes_the_citation_of_the_bar():
    """§ 10 Abs. 3 Satz 2 AufenthG: the grounds of a manifestly unfounded
    rejection are § 30 Abs. 3 Nr. 1–6 AsylG under the law of 2024-02-26 and
    § 30 Abs. 1 Nr. 3–7 AsylG under that of 2024-02-27; nothing else changes."""
    cmp = pypermit.compare(REFUGEE, ["2024-02-26", "2024-02-27"])
    [step] = cmp.steps
    assert citation_changes(step) == {("25.5", "no_manifestly_unfounded_bar"): (
        "§ 10 Abs. 3 Satz 2 AufenthG i. V. m. § 30 Abs. 3 Nr. 1–6 AsylG",
        "§ 10 Abs. 3 Satz 2 AufenthG i. V. m. § 30 Abs. 1 Nr. 3–7 AsylG")}
    assert not any(d.outcome_changed for d in step.differences)
