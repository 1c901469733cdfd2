"""pypermit whatif: the same person before and after changes to the facts,
and the conditions that explain each difference."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import plain

import pypermit
from pypermit.cli.main import main
from pypermit.scenarios.whatif import apply_changes, parse_setting

#: Tolerated since 2020, six years complete on 2026-08-16, works, civics
#: test passed; only A1 German: § 25b needs A2.
ALMOST_25B = {
    "as_of": "2026-09-01", "birth_date": "1995-01-25",
    "stay": [{"since": "2020-08-17", "status": "asylum_procedure"}, {"since": "2022-01-10", "status": "duldung"}],
    "identity": {"clarified": True, "passport": "valid"},
    "german": "A1", "civics_test": True, "fdgo_commitment": True,
    "livelihood": {"own_share": 100, "from_employment": True, "health_insurance": True},
}

#: Eligible for § 104c in 2025 with a fine of 40 daily rates (within the 50).
CHANCEN_WITH_FINE = {
    "as_of": "2025-06-01", "birth_date": "1985-04-02",
    "stay": [{"since": "2016-03-01", "status": "asylum_procedure"}, {"since": "2018-07-01", "status": "duldung"}],
    "fdgo_commitment": True,
    "convictions": [{"date": "2023-02-01", "daily_rates": 40}],
}

#: Departure impossible, tolerated since 2025-01-01: § 25 Abs. 5 eligible,
#: "kann" until 18 months are complete on 2026-06-30, then "soll".
DEPARTURE_IMPOSSIBLE = {
    "as_of": "2026-01-01", "birth_date": "1980-02-02",
    "stay": [{"since": "2025-01-01", "status": "duldung"}],
    "identity": {"clarified": True, "passport": "valid"},
    "livelihood": {"own_share": 100, "health_insurance": True},
    "departure": {"impossible": True, "reason": "illness", "end_foreseeable": False},
}


def outcome(report: pypermit.Report, permit: str) -> tuple[str, str]:
    p = report.permit(permit)
    return p.status, p.effect


def changed(result: pypermit.WhatIf, permit: str) -> pypermit.PermitDifference:
    return next(d for d in result.differences if d.permit == permit)


def conditions(diff: pypermit.PermitDifference) -> dict[str, tuple[str | None, str | None]]:
    return {c.id: (c.old, c.new) for c in diff.conditions}


def write(tmp_path: Path, data: dict, name: str = "person.yaml") -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return str(path)


# --- what a change does ------------------------------------------------------------

def test_a2_certificate_unlocks_25b():
    """§ 25b Abs. 1 S. 2 Nr. 4: with A2 the only missing condition is met."""
    result = pypermit.whatif(ALMOST_25B, {"german": "A2"})
    assert outcome(result.before, "25b")[0] == "not_eligible"
    assert outcome(result.after, "25b")[0] == "eligible"
    diff = changed(result, "25b")
    assert diff.outcome_changed
    assert conditions(diff) == {"german_a2": ("unmet", "met")}
    assert [c.to_dict() for c in result.changes] == [{"fact": "german", "from": "A1", "to": "A2"}]


def test_higher_fine_locks_104c():
    """§ 104c Abs. 1 S. 1 Nr. 2: a fine raised from 40 to 60 daily rates
    passes the 50 of a general offence."""
    result = pypermit.whatif(CHANCEN_WITH_FINE, {"convictions[0].daily_rates": 60})
    assert outcome(result.before, "104c")[0] == "eligible"
    assert outcome(result.after, "104c")[0] == "not_eligible"
    assert conditions(changed(result, "104c"))["no_conviction"] == ("met", "unmet")
    assert result.changes[0].to_dict() == {"fact": "convictions[0].daily_rates", "from": 40, "to": 60}


def test_a_new_conviction_added_by_index_locks_104c():
    """An index one past the end adds a conviction."""
    clean = {**CHANCEN_WITH_FINE, "convictions": []}
    result = pypermit.whatif(clean, {"convictions[0].date": "2024-01-10", "convictions[0].daily_rates": 60})
    assert outcome(result.before, "104c")[0] == "eligible"
    assert outcome(result.after, "104c")[0] == "not_eligible"
    assert [c.to_dict() for c in result.changes] == [
        {"fact": "convictions[0].date", "from": None, "to": "2024-01-10"},
        {"fact": "convictions[0].daily_rates", "from": None, "to": 60}]


def test_moving_as_of_past_18_months_changes_only_the_effect():
    """§ 25 Abs. 5 S. 2: after 18 months of suspended deportation the "kann"
    becomes a "soll"; the status stays eligible, no condition changes its
    status. The law of 2026-07-01 cites the bar of § 10 Abs. 3 S. 2 anew
    (Art. 42 of Regulation (EU) 2024/1348 from 2026-06-12): that is said too."""
    result = pypermit.whatif(DEPARTURE_IMPOSSIBLE, {"as_of": "2026-07-01"})
    assert outcome(result.before, "25.5") == ("eligible", "discretionary")
    assert outcome(result.after, "25.5") == ("eligible", "regular")
    diff = changed(result, "25.5")
    assert diff.outcome_changed
    assert [(c.id, c.old, c.new, c.citation_changed) for c in diff.conditions] == [
        ("no_manifestly_unfounded_bar", "met", "met", True)]
    assert result.after.as_of.isoformat() == "2026-07-01"


def test_a_change_without_consequence_has_no_differences():
    result = pypermit.whatif(ALMOST_25B, {"german": "A1"})
    assert result.differences == ()
    assert result.changes[0].old == result.changes[0].new == "A1"


def test_condition_changes_without_outcome_change_are_listed():
    """26.3 asks A2 too: its condition changes although its status does not."""
    diff = changed(pypermit.whatif(ALMOST_25B, {"german": "A2"}), "26.3")
    assert not diff.outcome_changed
    assert conditions(diff) == {"german_a2": ("unmet", "met")}


# --- how changes are applied ----------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    pytest.param("german=B1", ("german", "B1"), id="text"),
    pytest.param("identity.clarified=true", ("identity.clarified", True), id="bool"),
    pytest.param("livelihood.own_share=60", ("livelihood.own_share", "60"), id="number_as_written"),
    pytest.param("household.children[0].attends_school=false", ("household.children[0].attends_school", False),
                 id="list_item"),
    pytest.param("as_of=2027-03-01", ("as_of", datetime.date(2027, 3, 1)), id="date"),
    pytest.param("as_of=2019-13-01", ("as_of", "2019-13-01"), id="not_a_day_stays_text"),
])
def test_settings_are_read_as_yaml_scalars(text, expected):
    assert parse_setting(text) == expected


def test_a_number_setting_keeps_its_text():
    """Read like the file reads it: the number where one is expected, the
    text where a word is (basis 25.10 is not 25.1)."""
    _, share = parse_setting("livelihood.own_share=60.5")
    assert (share, share.value) == ("60.5", 60.5)
    assert parse_setting("stay[0].basis=25.10")[1] == "25.10"


def test_setting_as_of_moves_a_defaulted_application_date():
    model = pypermit.load_applicant(ALMOST_25B)
    after, _ = apply_changes(model, {"as_of": "2027-03-01"})
    assert after.as_of.isoformat() == after.application_date.isoformat() == "2027-03-01"


def test_setting_as_of_keeps_a_given_application_date():
    model = pypermit.load_applicant({**ALMOST_25B, "application_date": "2026-08-20"})
    after, _ = apply_changes(model, {"as_of": "2027-03-01"})
    assert after.application_date.isoformat() == "2026-08-20"


def test_a_period_basis_can_be_set():
    """A field the file leaves out (a period's basis) is still a field."""
    model = pypermit.load_applicant(ALMOST_25B)
    after, _ = apply_changes(model, {"stay[1].status": "permit", "stay[1].basis": "25.5"})
    assert (after.stay[1].status, after.stay[1].basis) == ("permit", "25.5")


@pytest.mark.parametrize("changes,path,words", [
    pytest.param({"identity.clarifed": True}, "identity.clarifed", ["true", "did you mean identity.clarified"],
                 id="misspelt_field"),
    pytest.param({"german": "B7"}, "german", ["B7", "A2"], id="bad_value"),
    pytest.param({"stay[5].status": "duldung"}, "stay[5].status", ["duldung", "stay has 2 items"],
                 id="index_past_the_end"),
    pytest.param({"german.level": "B1"}, "german.level", ["B1", "not a section"], id="into_a_value"),
    pytest.param({"stay[1]..x": 1}, "stay[1]..x", ["not a field path"], id="not_a_path"),
    pytest.param({"livelihood.own_share": 150}, "livelihood.own_share", ["150", "0 to 100"], id="out_of_range"),
])
def test_bad_changes_are_refused_naming_path_and_value(changes, path, words):
    with pytest.raises(pypermit.InvalidApplicant) as exc:
        pypermit.whatif(ALMOST_25B, changes)
    problem = exc.value.problems[0]
    assert problem.path == path
    for word in words:
        assert word in str(problem)


def test_a_problem_caused_elsewhere_names_the_change():
    """Moving as_of before a stay period began breaks that period."""
    with pytest.raises(pypermit.InvalidApplicant) as exc:
        pypermit.whatif(ALMOST_25B, {"as_of": "2021-01-01"})
    text = str(exc.value)
    assert "stay[1].since" in text and "as_of=2021-01-01" in text


# --- the command ------------------------------------------------------------------

def test_cli_text_shows_both_sides_and_the_conditions(tmp_path):
    result = CliRunner().invoke(main, ["whatif", write(tmp_path, ALMOST_25B), "--set", "german=A2", "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = plain(result.stdout)
    assert "What if: German: A1 → A2" in out
    assert "before 2026-09-01" in out and "after 2026-09-01" in out
    assert "25b Residence permit for sustainable integration: not eligible (regular grant) →" in out
    assert "§ 25b Abs. 1 Satz 2 Nr. 4 AufenthG: unmet → met" in out


def test_cli_json_has_before_after_changes_differences(tmp_path):
    result = CliRunner().invoke(main, ["whatif", write(tmp_path, CHANCEN_WITH_FINE), "--format", "json",
                                       "--set", "convictions[0].daily_rates=60"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["before"]["format"] == data["after"]["format"] == "pypermit/report-v1"
    assert data["changes"] == [{"fact": "convictions[0].daily_rates", "from": 40, "to": 60}]
    diff = next(d for d in data["differences"] if d["permit"] == "104c")
    assert diff["from"] == {"status": "eligible", "effect": "regular"}
    assert diff["to"] == {"status": "not_eligible", "effect": "regular"}
    assert {"id": "no_conviction", "from": "met", "to": "unmet"}.items() <= diff["conditions"][0].items()


def test_cli_german_labels(tmp_path):
    result = CliRunner().invoke(main, ["whatif", write(tmp_path, ALMOST_25B), "--set", "german=A2", "--lang", "de"])
    assert result.exit_code == 0, result.output
    assert "Was wäre, wenn" in result.stdout and "vorher" in result.stdout and "nachher" in result.stdout


@pytest.mark.parametrize("setting,words", [
    pytest.param("identity.clarifed=true", ["identity.clarifed", "true"], id="misspelt_field"),
    pytest.param("german=B7", ["german", "B7"], id="bad_value"),
    pytest.param("household.children[3].attends_school=false", ["household.children[3]", "false"], id="no_child"),
    pytest.param("german", ["german", "PATH=VALUE"], id="no_equals_sign"),
])
def test_cli_refuses_bad_settings_with_exit_2(tmp_path, setting, words):
    result = CliRunner().invoke(main, ["whatif", write(tmp_path, ALMOST_25B), "--set", setting])
    assert result.exit_code == 2
    assert result.stdout == ""
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.output


def test_cli_needs_a_setting(tmp_path):
    result = CliRunner().invoke(main, ["whatif", write(tmp_path, ALMOST_25B)])
    assert result.exit_code == 2 and "--set" in result.stderr


def test_a_real_process_refuses_a_bad_path_with_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pypermit.cli", "whatif", write(tmp_path, ALMOST_25B),
                           "--set", "identity.clarifed=true"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip() == ("error: identity.clarifed: no such field (did you mean identity.clarified?), "
                                   "so it cannot be set to true")
