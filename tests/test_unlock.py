"""Minimal changes that unlock a permit: hand cases for each norm whose
minimal sets are known (one change, two changes, time only, time plus a
change, nothing possible), and the unlock command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import merge, plain

import pypermit
from pypermit.cli.main import main

#: § 25b: tolerated, asylum procedure from 2020-11-10: six years complete at
#: the end of 2026-11-09; everything else met on 2026-11-21.
B25B = {
    "as_of": "2026-11-21", "birth_date": "1985-04-04",
    "stay": [{"since": "2020-11-10", "status": "asylum_procedure"}, {"since": "2022-05-01", "status": "duldung"}],
    "livelihood": {"own_share": 80, "from_employment": True},
    "german": "A2", "civics_test": True, "fdgo_commitment": True,
    "identity": {"clarified": True, "passport": "valid"},
}

#: § 26 Abs. 4: § 25 Abs. 3 permit since 2022-06-01 after an asylum procedure
#: from 2019-03-01 (five years complete 2024-02-29); all else met.
B264 = {
    "as_of": "2026-11-21", "birth_date": "1988-08-08",
    "stay": [{"since": "2019-03-01", "status": "asylum_procedure"},
             {"since": "2022-06-01", "status": "permit", "basis": "25.3"}],
    "livelihood": {"own_share": 100, "health_insurance": True, "from_employment": True, "pension_months": 70},
    "german": "B1", "civics_test": True, "household": {"living_space_sqm": 40},
    "identity": {"clarified": True, "passport": "valid"},
}

#: § 26 Abs. 3: refugee permit since 2023-02-01 after an asylum procedure from
#: 2022-08-01: three years complete 2025-07-31, five on 2027-07-31.
B263 = {
    "as_of": "2026-11-21", "birth_date": "1992-02-02",
    "stay": [{"since": "2022-08-01", "status": "asylum_procedure"},
             {"since": "2023-02-01", "status": "permit", "basis": "25.2.refugee"}],
    "german": "B1", "livelihood": {"own_share": 80, "from_employment": True},
    "civics_test": True, "household": {"living_space_sqm": 30},
    "identity": {"clarified": True, "passport": "substitute"},
}


def options(applicant: dict, permit: str, **kwargs) -> list[dict[str, object]]:
    """The unlock options of one permit: fact -> new value, in order."""
    found = pypermit.unlock(applicant, permit=permit, **kwargs)[permit]
    return [{c.fact: (c.new.isoformat() if isinstance(c.new, dt.date) else c.new) for c in o.changes}
            for o in found]


def test_eligible_permit_has_no_options():
    assert pypermit.evaluate(B25B).permit("25b").status == "eligible"
    assert options(B25B, "25b") == []


def test_25b_one_change_german_to_a2():
    """§ 25b Abs. 1 S. 2 Nr. 4: A1 → the least level that suffices, A2 (B1 is
    not minimal: it includes reaching A2)."""
    assert options(merge(B25B, {"german": "A1"}), "25b") == [{"german": "A2"}]


def test_25b_two_changes():
    """Nr. 2 and Nr. 4 both fail: the civics test and A2 together."""
    assert options(merge(B25B, {"german": "A1", "civics_test": False}), "25b") == [
        {"civics_test": True, "german": "A2"}]


def test_25b_time_only():
    """Nr. 1: decided on 2026-11-01, the six years complete on 2026-11-09."""
    assert options(merge(B25B, {"as_of": "2026-11-01"}), "25b") == [{"as_of": "2026-11-09"}]


def test_25b_time_and_a_change():
    """Nr. 1 and Nr. 4: wait until 2026-11-09 and pass A2."""
    assert options(merge(B25B, {"as_of": "2026-11-01", "german": "A1"}), "25b") == [
        {"german": "A2", "as_of": "2026-11-09"}]


def test_25b_at_most_n_changes():
    """With at most one change, the two-change set is not offered."""
    applicant = merge(B25B, {"german": "A1", "civics_test": False})
    assert options(applicant, "25b", max_changes=1) == []
    assert "1" in pypermit.evaluate(applicant, max_changes=1).permit("25b").unlock_note


def test_104c_nothing_possible_after_2025_12_30():
    """§ 104c: grants ended on 2025-12-30; nothing a person can do, nor time."""
    applicant = {"as_of": "2026-11-21", "birth_date": "1990-05-01", "fdgo_commitment": True,
                 "stay": [{"since": "2016-03-15", "status": "asylum_procedure"},
                          {"since": "2019-06-01", "status": "duldung"}]}
    permit = pypermit.evaluate(applicant).permit("104c")
    assert permit.unlock == ()
    assert "2025-12-30" in permit.unlock_note


def test_104c_commitment_before_the_end():
    """§ 104c Abs. 1 S. 1 Nr. 1: on 2023-06-01 only the declaration is missing."""
    applicant = {"as_of": "2023-06-01", "birth_date": "1990-05-01",
                 "stay": [{"since": "2016-03-15", "status": "asylum_procedure"},
                          {"since": "2019-06-01", "status": "duldung"}]}
    assert options(applicant, "104c") == [{"fdgo_commitment": True}]


def test_25_5_waiver_needed_to_eligible_with_a_passport():
    """§ 25 Abs. 5 with § 5 Abs. 1 Nr. 4: only the passport is missing."""
    applicant = {"as_of": "2026-11-21", "birth_date": "1980-01-01",
                 "stay": [{"since": "2025-09-01", "status": "asylum_procedure"},
                          {"since": "2026-03-15", "status": "duldung"}],
                 "departure": {"impossible": True, "reason": "stateless", "end_foreseeable": False},
                 "identity": {"clarified": True, "passport": "none"},
                 "livelihood": {"own_share": 100, "health_insurance": True}}
    assert pypermit.evaluate(applicant).permit("25.5").status == "waiver_needed"
    assert options(applicant, "25.5") == [{"identity.passport": "substitute"}]


def test_25a_nothing_possible_after_the_27th_birthday():
    """§ 25a Abs. 1 S. 1 Nr. 3: applied on the 27th birthday; time only makes
    it later."""
    applicant = {"as_of": "2026-11-21", "birth_date": "1999-11-21",
                 "stay": [{"since": "2020-06-01", "status": "asylum_procedure"},
                          {"since": "2023-05-01", "status": "duldung"}],
                 "education": {"school_years": 3, "in_education": True},
                 "identity": {"clarified": True, "passport": "valid"}, "integration_prognosis": "positive"}
    assert options(applicant, "25a") == []


#: A pupil with two years of school in Germany, in education, decided on
#: 2026-11-21: tolerated since 2023-01-10 after an asylum procedure from 2021.
PUPIL_25A = {"as_of": "2026-11-21", "birth_date": "2010-05-01",
             "stay": [{"since": "2021-03-01", "status": "asylum_procedure"},
                      {"since": "2023-01-10", "status": "duldung"}],
             "education": {"school_years": 2, "in_education": True},
             "identity": {"clarified": True, "passport": "valid"}, "integration_prognosis": "positive"}


@pytest.mark.parametrize("birth_date, expected", [
    pytest.param("2010-05-01", [{"as_of": "2027-11-20"}], id="16_years_old_a_year_of_school_on"),
    pytest.param("2009-11-21", [{"as_of": "2027-11-20"}], id="18th_year_complete_on_that_last_day_counts"),
    pytest.param("2009-11-20", [], id="18th_year_complete_the_day_before_does_not"),
])
def test_25a_abs1_s1_nr2_school_years_grow_while_in_education_under_18(birth_date, expected):
    """§ 25a Abs. 1 S. 1 Nr. 2 with the brief's time passing (section 1): a
    pupil in education gains a school year for each whole year from as_of —
    the first complete at the end of 2027-11-20 — while under 18 on that
    year's last day; the third year meets Nr. 2 by time alone."""
    assert options({**PUPIL_25A, "birth_date": birth_date}, "25a") == expected


def test_25a_school_years_do_not_grow_out_of_education():
    """§ 25a Abs. 1 S. 1 Nr. 2: not in education, the school years stay as written."""
    assert options(merge(PUPIL_25A, {"education": {"in_education": False}}), "25a") == []


def test_26_4_own_share_to_100():
    """§ 9 Abs. 2 S. 1 Nr. 2: livelihood secured means 100 % (and insurance)."""
    assert options(merge(B264, {"livelihood": {"own_share": 60}}), "26.4") == [{"livelihood.own_share": 100}]


def test_26_4_living_space_to_the_need():
    """§ 9 Abs. 2 S. 1 Nr. 9: applicant and spouse 9 m² each, a child of 3
    6 m²: 24 m² needed."""
    applicant = merge(B264, {"household": {"living_space_sqm": 20, "spouse_in_household": True,
                                           "children": [{"birth_date": "2023-06-01"}]}})
    assert options(applicant, "26.4") == [{"household.living_space_sqm": 24}]


def test_26_3_two_routes_two_options_ordered_by_day():
    """§ 26 Abs. 3: route 3 needs C1 (one change, no day); route 5 needs only
    time, until 2027-07-31. Both one change; the one with a day first."""
    assert options(B263, "26.3") == [{"as_of": "2027-07-31"}, {"german": "C1"}]


def test_same_input_same_options():
    a = merge(B25B, {"as_of": "2026-11-01", "german": "A1", "civics_test": False})
    assert options(a, "25b") == options(a, "25b")


def test_unlock_command_text_and_json(tmp_path):
    runner = CliRunner()
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(merge(B25B, {"german": "A1"})), encoding="utf-8")
    text = runner.invoke(main, ["unlock", str(path), "--permit", "25b"])
    assert text.exit_code == 0
    assert "Pass a German exam at A2 (you have A1)" in text.output
    assert "meets: § 25b Abs. 1 Satz 2 Nr. 4 AufenthG" in plain(text.output)
    data = json.loads(runner.invoke(main, ["unlock", str(path), "--format", "json"]).output)
    permit = next(p for p in data["permits"] if p["id"] == "25b")
    assert permit["unlock"][0]["changes"] == [{"fact": "german", "from": "A1", "to": "A2"}]
    assert runner.invoke(main, ["unlock", str(path), "--permit", "99"]).exit_code == 2


# --- aims: eligible, or waiver_needed (issue 13, point 3) ------------------------

STATELESS = Path(__file__).resolve().parent.parent / "examples" / "bremen_stateless_no_passport.yaml"

#: examples/chancen_holder_to_25b.yaml without the identity steps: a § 104c
#: holder who neither clarified identity nor took every reasonable step, so
#: § 25b Abs. 8 makes identity a hard condition.
HOLDER_NO_STEPS = {
    "as_of": "2025-08-25", "birth_date": "1984-12-11",
    "stay": [{"since": "2016-01-12", "status": "asylum_procedure"}, {"since": "2017-06-20", "status": "duldung"},
             {"since": "2020-02-03", "status": "duldung_unclear_identity"},
             {"since": "2024-03-01", "status": "permit", "basis": "104c"}],
    "identity": {"clarified": False, "passport": "none", "steps_taken": False},
    "german": "A2", "civics_test": True, "fdgo_commitment": True,
    "livelihood": {"own_share": 80, "from_employment": True, "health_insurance": True, "pension_months": 28},
}


def aimed(applicant: dict, permit: str) -> list[tuple[str, dict[str, object]]]:
    """The options of one permit as (aims, fact -> new value)."""
    found = pypermit.unlock(applicant, permit=permit)[permit]
    return [(o.aims, {c.fact: (c.new.isoformat() if isinstance(c.new, dt.date) else c.new) for c in o.changes})
            for o in found]


def test_104c_holder_taking_every_step_opens_the_abs8_waiver():
    """§ 25b Abs. 8: for a § 104c holder who has taken every reasonable step,
    identity is for the authority to waive (§ 5 Abs. 3 S. 2); so one change,
    the steps, reaches waiver_needed — offered beside, and before, clarifying
    identity with a passport (eligible, two changes)."""
    assert pypermit.evaluate(HOLDER_NO_STEPS).permit("25b").status == "not_eligible"
    got = aimed(HOLDER_NO_STEPS, "25b")
    assert ("waiver_needed", {"identity.steps_taken": True}) in got
    assert ("eligible", {"identity.clarified": True, "identity.passport": "valid"}) in got
    steps = next(o for o in pypermit.unlock(HOLDER_NO_STEPS, permit="25b")["25b"]
                 if o.facts == {"identity.steps_taken"})
    assert {cid for cid, _ in steps.to_waive} == {"s5_identity", "s5_passport"}
    assert got.index(("waiver_needed", {"identity.steps_taken": True})) < got.index(
        ("eligible", {"identity.clarified": True, "identity.passport": "valid"}))
    with_steps = merge(HOLDER_NO_STEPS, {"identity": {"steps_taken": True}})
    assert pypermit.evaluate(with_steps).permit("25b").status == "waiver_needed"


def test_a_waiver_option_only_with_fewer_changes_than_every_eligible_one():
    """§ 25 Abs. 5 with § 5 Abs. 1 Nr. 1: a person whose only gap is the
    livelihood is waiver_needed already: no option aims at a waiver; and
    with the civics test and a share over 50 % missing for § 25b, the waiver
    for the passport needs two changes, the eligible set three."""
    bremen = pypermit.unlock(STATELESS)
    assert all(o.aims == "eligible" for o in bremen["25.5"])
    got = [(o.aims, len(o.changes)) for o in bremen["25b"]]
    assert got == [("waiver_needed", 2), ("eligible", 3)]


def test_stateless_person_is_never_asked_for_a_passport():
    """§ 5 Abs. 1 Nr. 4 with § 3 Abs. 1: a stateless person meets the passport
    obligation with a substitute, the travel document for stateless persons;
    no state owes such a person a passport, so no option proposes one, and
    the waiver of § 5 Abs. 3 S. 2 is offered without any document."""
    found = pypermit.unlock(STATELESS)
    proposed = [c for options in found.values() for o in options for c in o.changes
                if c.fact == "identity.passport"]
    assert proposed and {c.new for c in proposed} == {"substitute"}
    assert "stateless" in proposed[0].advice
    assert any(o.aims == "waiver_needed" and "identity.passport" not in o.facts for o in found["25b"])
    not_stateless = merge(yaml.safe_load(STATELESS.read_text(encoding="utf-8")),
                          {"departure": {"reason": "other"}})
    assert {c.new for o in pypermit.unlock(not_stateless)["25b"] for c in o.changes
            if c.fact == "identity.passport"} == {"valid"}


#: A 16-year-old pupil in her second school year in Germany, tolerated since
#: 2022-04-01 after an asylum procedure from 2021-02-17.
PUPIL_16 = {"as_of": "2025-11-03", "birth_date": "2009-06-05",
            "stay": [{"since": "2021-02-17", "status": "asylum_procedure"},
                     {"since": "2022-04-01", "status": "duldung"}],
            "identity": {"clarified": True, "passport": "valid"}, "german": "B1",
            "education": {"school_years": 2, "in_education": True}, "integration_prognosis": "positive"}


def test_16_year_old_pupil_one_more_school_year_by_time_unlocks_25a():
    """§ 25a Abs. 1 S. 1 Nr. 2: two school years, in education: the third
    grows by time passing (complete at the end of 2026-11-02, she is 17),
    and the option says so."""
    assert pypermit.evaluate(PUPIL_16).permit("25a").status == "not_eligible"
    (option,) = pypermit.unlock(PUPIL_16, permit="25a")["25a"]
    assert [(c.fact, c.new) for c in option.changes] == [("as_of", dt.date(2026, 11, 2))]
    assert [(c.fact, c.old, c.new) for c in option.grows] == [("education.school_years", 2, 3)]
    assert [cit for _, cit in option.meets] == ["§ 25a Abs. 1 Satz 1 Nr. 2 AufenthG"]
    assert option.to_dict()["grows"] == [{"fact": "education.school_years", "from": 2, "to": 3}]


def test_26_3_options_name_their_route():
    """§ 26 Abs. 3: the option with time takes the five-year route (S. 1),
    the one with C1 the three-year route (S. 3); labels, not ids."""
    found = pypermit.unlock(B263, permit="26.3", lang="de")["26.3"]
    assert [o.routes for o in found] == [(("route_5y", "Fünfjahresvariante (§ 26 Abs. 3 Satz 1)"),),
                                         (("route_3y", "Dreijahresvariante (§ 26 Abs. 3 Satz 3)"),)]
    assert found[0].to_dict()["aims"] == "eligible"


def test_unlock_text_labels_a_waiver_option(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(HOLDER_NO_STEPS), encoding="utf-8")
    out = CliRunner().invoke(main, ["unlock", str(path), "--permit", "25b", "--lang", "en"]).output
    assert "Take all necessary and reasonable steps to clarify identity" in out
    assert "Eligible if the authority waives § 5 Abs. 1 Nr. 1a AufenthG under" in plain(out)
    assert "§ 25b Abs. 8 AufenthG and § 5 Abs. 3 Satz 2 AufenthG" in plain(out)
    data = json.loads(CliRunner().invoke(main, ["unlock", str(path), "--permit", "25b", "--format", "json"]).output)
    assert {o["aims"] for o in data["permits"][0]["unlock"]} == {"eligible", "waiver_needed"}
