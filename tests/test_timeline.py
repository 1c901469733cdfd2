"""pypermit timeline: nothing changes but time — the days on which a
permit's status or effect changes, found from the rules' change days, and
why."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import plain
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import pypermit
from pypermit.calendar import months_passed, period_end
from pypermit.cli.main import main

#: Seconds-long (subprocesses, worker pools, browsers, many solver calls): `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

#: Tolerated (after an asylum procedure) since 2020-08-17: six years
#: complete on 2026-08-16; everything else § 25b asks is there.
SIX_YEARS_25B = {
    "as_of": "2026-01-19", "birth_date": "1995-01-25",
    "stay": [{"since": "2020-08-17", "status": "asylum_procedure"}, {"since": "2022-01-10", "status": "duldung"}],
    "identity": {"clarified": True, "passport": "valid"},
    "german": "A2", "civics_test": True, "fdgo_commitment": True,
    "livelihood": {"own_share": 100, "from_employment": True, "health_insurance": True, "pension_months": 44},
    "household": {"living_space_sqm": 20},
}

#: Born 2000-03-10: the 27th year is complete at the end of 2027-03-09, the
#: last day an application under § 25a Abs. 1 S. 1 Nr. 3 can be made.
TURNS_27 = {
    "as_of": "2026-11-21", "birth_date": "2000-03-10",
    "stay": [{"since": "2022-01-01", "status": "duldung"}],
    "identity": {"clarified": True, "passport": "valid"},
    "education": {"school_years": 3, "in_education": True},
    "integration_prognosis": "positive",
}

#: Eligible for § 104c in mid-2025; grants end with 2025-12-30.
CHANCEN = {
    "as_of": "2025-06-01", "birth_date": "1985-04-02",
    "stay": [{"since": "2016-03-01", "status": "asylum_procedure"}, {"since": "2018-07-01", "status": "duldung"}],
    "fdgo_commitment": True,
}

#: A § 104c holder whose stay before was a § 60b Duldung: § 25b Abs. 7
#: credits those years and Abs. 1 S. 1 takes the § 104c permit as scope, both
#: only until 2027-06-30.
FORMER_CHANCEN_HOLDER = {
    "as_of": "2027-01-01", "birth_date": "1990-06-15",
    "stay": [{"since": "2016-05-01", "status": "duldung_unclear_identity"},
             {"since": "2023-03-01", "status": "permit", "basis": "104c"}],
    "identity": {"clarified": True, "passport": "valid"},
    "german": "A2", "civics_test": True, "fdgo_commitment": True,
    "livelihood": {"own_share": 100, "from_employment": True, "health_insurance": True, "pension_months": 20},
    "household": {"living_space_sqm": 30},
}

#: Tolerated since 2025-01-01, departure impossible: 18 months of suspended
#: deportation complete on 2026-06-30 (§ 25 Abs. 5 S. 2).
DEPARTURE_IMPOSSIBLE = {
    "as_of": "2026-01-01", "birth_date": "1980-02-02",
    "stay": [{"since": "2025-01-01", "status": "duldung"}],
    "identity": {"clarified": True, "passport": "valid"},
    "livelihood": {"own_share": 100, "health_insurance": True},
    "departure": {"impossible": True, "reason": "illness", "end_foreseeable": False},
}


def events(applicant: dict, until: str | None = None) -> list[tuple[str, str, tuple, tuple, dict]]:
    tl = pypermit.timeline(applicant, until)
    return [(str(e.day), e.permit, e.difference.old, e.difference.new,
             {c.id: (c.old, c.new) for c in e.difference.conditions}) for e in tl.events]


def write(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "person.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return str(path)


# --- the days ----------------------------------------------------------------------

def test_25b_opens_on_the_day_six_years_are_complete():
    """§ 25b Abs. 1 S. 2 Nr. 1: stay from 2020-08-17, six years complete at
    the end of 2026-08-16, met on that day."""
    assert events(SIX_YEARS_25B) == [
        ("2026-08-16", "25b", ("not_eligible", "regular"), ("eligible", "regular"),
         {"uninterrupted_stay": ("unmet", "met")})]


def test_25a_closes_the_day_after_the_27th_year_is_complete():
    """§ 25a Abs. 1 S. 1 Nr. 3: eligible through 2027-03-09, not from 2027-03-10."""
    assert events(TURNS_27) == [
        ("2027-03-10", "25a", ("eligible", "regular"), ("not_eligible", "regular"),
         {"application_before_age_limit": ("met", "unmet")})]


def test_104c_grants_end_on_2025_12_31():
    """§ 104c: no new grants from 2025-12-31; the other conditions are no
    longer asked."""
    [(day, permit, old, new, changed)] = events(CHANCEN, "2027-12-31")
    assert (day, permit, old[0], new[0]) == ("2025-12-31", "104c", "eligible", "not_eligible")
    assert changed["in_force"] == ("met", "unmet")
    assert changed["stay_5y_on_2022_10_31"] == ("met", None)


def test_former_104c_holder_loses_25b_on_2027_07_01():
    """§ 25b Abs. 1 S. 1, Abs. 7 lapse after 2027-06-30: the § 104c permit
    no longer brings the person into scope, and the § 60b years are no
    longer credited (counted only from 2023-03-01)."""
    [(day, permit, old, new, changed)] = events(FORMER_CHANCEN_HOLDER)
    assert (day, permit, old[0], new[0]) == ("2027-07-01", "25b", "eligible", "not_eligible")
    assert changed == {"scope": ("met", "unmet"), "uninterrupted_stay": ("met", "unmet")}


@pytest.mark.parametrize("since, status", [
    pytest.param("2018-01-01", "eligible", id="2191-days-counted"),
    pytest.param("2018-01-03", "not_eligible", id="2189-days-counted"),
])
def test_a_stay_that_no_longer_grows_keeps_its_count(since, status):
    """§ 25b Abs. 1 S. 2 Nr. 1 with § 60b Abs. 5 S. 1 and § 191 BGB: the Duldung
    light since 2024-01-01 is skipped, so the days counted up to 2023-12-31
    stop growing and are held against 365 · 6 = 2,190 days: nothing changes
    with time, leap days or not."""
    frozen = {**SIX_YEARS_25B, "as_of": "2026-11-21",
              "stay": [{"since": since, "status": "duldung"},
                       {"since": "2024-01-01", "status": "duldung_unclear_identity"}]}
    assert pypermit.evaluate(frozen, unlock=False).permit("25b").status == status
    assert events(frozen, "2031-11-01") == []


def test_25_5_becomes_regular_after_18_months():
    """§ 25 Abs. 5 S. 2: only the effect changes; no condition does."""
    assert events(DEPARTURE_IMPOSSIBLE) == [
        ("2026-06-30", "25.5", ("eligible", "discretionary"), ("eligible", "regular"), {})]


@pytest.mark.parametrize("applicant,until,days", [
    pytest.param(SIX_YEARS_25B, None, ["2026-08-16"], id="25b_six_years"),
    pytest.param(TURNS_27, None, ["2027-03-10"], id="25a_age_27"),
    pytest.param(CHANCEN, "2027-12-31", ["2025-12-31"], id="104c_end"),
    pytest.param(FORMER_CHANCEN_HOLDER, None, ["2027-07-01"], id="104c_rules_lapse"),
])
def test_json_lists_exactly_these_days(applicant, until, days):
    data = pypermit.timeline(applicant, until).to_dict()
    assert data["format"] == "pypermit/timeline-v1"
    assert [e["day"] for e in data["events"]] == days
    event = data["events"][0]
    assert set(event) >= {"day", "permit", "from", "to", "conditions"}
    assert all(set(c) >= {"id", "from", "to", "text"} for c in event["conditions"])


def test_start_and_default_until_five_years_exactly():
    data = pypermit.timeline({**SIX_YEARS_25B, "as_of": "2024-02-29"}).to_dict()
    assert (data["as_of"], data["until"]) == ("2024-02-29", "2029-02-28")
    assert data["start"]["25b"] == {"status": "not_eligible", "effect": "regular"}


def test_events_after_until_are_left_out():
    assert events(SIX_YEARS_25B, "2026-08-15") == []
    assert [e[0] for e in events(SIX_YEARS_25B, "2026-08-16")] == ["2026-08-16"]


def test_a_given_earlier_application_date_is_replaced_from_the_next_day():
    """Time passing takes the application as made on the day decided
    (Search.on_day): an application made before the 27th birthday counts
    only on the file's own decision day."""
    late = {**TURNS_27, "as_of": "2027-04-01", "application_date": "2027-03-01"}
    assert pypermit.evaluate(late, unlock=False).permit("25a").status == "eligible"
    assert [e[:2] for e in events(late)] == [("2027-04-02", "25a")]


def test_a_law_date_holds_the_law_fixed():
    """Under the law of 2025-06-01 § 104c never ends."""
    tl = pypermit.timeline(CHANCEN, "2027-12-31", law_date="2025-06-01")
    assert tl.events == ()


#: A 16-year-old pupil in education with two years of school in Germany
#: (§ 25a Abs. 1 S. 1 Nr. 2 asks three), tolerated since 2023-01-10.
PUPIL_25A = {"as_of": "2026-11-21", "birth_date": "2010-05-01",
             "stay": [{"since": "2021-03-01", "status": "asylum_procedure"},
                      {"since": "2023-01-10", "status": "duldung"}],
             "education": {"school_years": 2, "in_education": True},
             "identity": {"clarified": True, "passport": "valid"}, "integration_prognosis": "positive"}


def test_25a_abs1_s1_nr2_a_school_year_passes_with_the_year_from_as_of():
    """§ 25a Abs. 1 S. 1 Nr. 2 (brief, section 1, time passing): the year
    from 2026-11-21 is complete at the end of 2027-11-20; on that day the
    pupil, still under 18, has three school years and § 25a is eligible; the
    explanation names the grown figure."""
    tl = pypermit.timeline(PUPIL_25A, "2028-06-30")
    [event] = [e for e in tl.events if e.permit == "25a"]
    assert event.day == dt.date(2027, 11, 20)
    assert tl.outcome_on(dt.date(2027, 11, 19))["25a"][0] == "not_eligible"
    assert event.difference.new == ("eligible", "regular")
    [change] = event.difference.conditions
    assert (change.id, change.old, change.new) == ("school_or_qualification", "unmet", "met")
    assert change.text.startswith("3 years of school in Germany")


def test_25a_abs1_s1_nr2_no_school_year_for_one_who_is_18_before_its_last_day():
    """§ 25a Abs. 1 S. 1 Nr. 2: born 2009-11-20, the 18th year is complete at
    the end of 2027-11-19, before the year from as_of ends (2027-11-20): the
    school years stay at two and nothing changes for § 25a."""
    tl = pypermit.timeline({**PUPIL_25A, "birth_date": "2009-11-20"}, "2028-06-30")
    assert [e for e in tl.events if e.permit == "25a"] == []


@pytest.mark.parametrize("until,words", [
    pytest.param("2025-06-01", ["until", "not after as_of"], id="not_after_as_of"),
    pytest.param("2040-01-01", ["until", "2040-01-01", "2035-06-01"], id="beyond_the_horizon"),
    pytest.param("2026-02-30", ["until", "not a date"], id="not_a_date"),
])
def test_bad_until_is_refused(until, words):
    with pytest.raises(pypermit.InvalidApplicant) as exc:
        pypermit.timeline(CHANCEN, until)
    for word in words:
        assert word in str(exc.value)


# --- the property: the listed days are exactly where things change -------------------

def moved(data: dict, model: pypermit.Applicant, day: dt.date) -> dict:
    """The applicant decided on ``day``: the application made that day,
    pension months grown by the whole months since as_of while employed, and
    school years by the whole years since as_of while in education, each
    year counted if the person is under 18 on its last day (brief, section 1)."""
    out = {**data, "as_of": day.isoformat(), "application_date": day.isoformat()}
    if model.livelihood.from_employment:
        out["livelihood"] = {**data.get("livelihood", {}),
                             "pension_months": model.livelihood.pension_months + months_passed(model.as_of, day)}
    if model.education.in_education:
        years = sum(1 for k in range(1, months_passed(model.as_of, day) // 12 + 1)
                    if period_end(model.as_of, 12 * k) <= period_end(model.birth_date, 12 * 18))
        out["education"] = {**data.get("education", {}), "school_years": model.education.school_years + years}
    return out


def _applicants():
    try:
        from pypermit.testing import applicants
    except ImportError:   # the kit is not there: the hand-made cases, each decided on a nearby day
        cases = [SIX_YEARS_25B, TURNS_27, CHANCEN, FORMER_CHANCEN_HOLDER, DEPARTURE_IMPOSSIBLE]
        return st.builds(lambda case, shift: {**case, "as_of": str(dt.date.fromisoformat(case["as_of"])
                                                                    + dt.timedelta(days=shift))},
                         st.sampled_from(cases), st.integers(0, 400))
    return applicants()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_applicants(), draw=st.data())
def test_statuses_on_each_listed_day_and_between_are_those_of_an_evaluation_on_that_day(data, draw):
    model = pypermit.load_applicant(data)
    assume(not getattr(model, "unknown", ()))
    tl = pypermit.timeline(model)
    span = (tl.until - tl.as_of).days
    days = set(tl.days)
    days |= {d - dt.timedelta(days=1) for d in tl.days if d - dt.timedelta(days=1) > tl.as_of}
    days |= {tl.as_of + dt.timedelta(days=n) for n in draw.draw(st.lists(st.integers(1, span), max_size=3))}
    for day in sorted(days):
        report = pypermit.evaluate(moved(data, model, day), unlock=False)
        assert tl.outcome_on(day) == {p.id: (p.status, p.effect) for p in report.permits}, day


# --- the command ------------------------------------------------------------------

def test_cli_text_has_the_table_and_the_chart(tmp_path):
    result = CliRunner().invoke(main, ["timeline", write(tmp_path, SIX_YEARS_25B), "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2026-08-16" in out and "§ 25b Abs. 1 Satz 2 Nr. 1 AufenthG:" in plain(out) and "unmet → met" in out
    lanes = {line.split()[0]: line for line in out.splitlines() if line[:5].strip() in ("25b", "25a", "104c")}
    assert "█" in lanes["25b"] and lanes["25b"].lstrip("25b ").startswith("·")
    assert "█" not in lanes["25a"]
    assert "╵2027" in out and "█ eligible" in out


def test_cli_says_when_nothing_changes(tmp_path):
    result = CliRunner().invoke(main, ["timeline", write(tmp_path, {**SIX_YEARS_25B, "german": "none"}),
                                       "--until", "2027-01-01", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Nothing changes for this person from 2026-01-19 to 2027-01-01." in result.stdout


def test_cli_german_labels(tmp_path):
    result = CliRunner().invoke(main, ["timeline", write(tmp_path, SIX_YEARS_25B), "--lang", "de"])
    assert result.exit_code == 0, result.output
    assert "Tag" in result.stdout and "Grund" in result.stdout and "erteilbar" in result.stdout


def test_cli_json(tmp_path):
    result = CliRunner().invoke(main, ["timeline", write(tmp_path, CHANCEN), "--until", "2027-12-31",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["as_of"], data["until"]) == ("2025-06-01", "2027-12-31")
    assert [(e["day"], e["permit"], e["to"]["status"]) for e in data["events"]] == [
        ("2025-12-31", "104c", "not_eligible")]


@pytest.mark.parametrize("suffix,magic", [(".svg", b"<svg"), (".png", b"\x89PNG")])
def test_cli_plot(tmp_path, suffix, magic):
    pytest.importorskip("matplotlib")
    target = tmp_path / f"timeline{suffix}"
    result = CliRunner().invoke(main, ["timeline", write(tmp_path, SIX_YEARS_25B), "--plot", str(target),
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    assert magic in target.read_bytes()[:400]
    json.loads(result.stdout)


def test_cli_plot_refuses_an_unsupported_suffix(tmp_path):
    result = CliRunner().invoke(main, ["timeline", write(tmp_path, SIX_YEARS_25B), "--plot",
                                       str(tmp_path / "timeline.pdf")])
    assert result.exit_code == 2 and result.stdout == ""
    assert "timeline.pdf" in result.stderr and ".svg or .png" in result.stderr


def test_cli_plot_without_matplotlib_is_refused_before_any_work(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)   # import fails as if not installed
    result = CliRunner().invoke(main, ["timeline", write(tmp_path, SIX_YEARS_25B), "--plot",
                                       str(tmp_path / "t.svg")])
    assert result.exit_code == 2 and result.stdout == ""
    assert "matplotlib" in result.stderr and "pypermit[plot]" in result.stderr
    assert not (tmp_path / "t.svg").exists()


@pytest.mark.parametrize("args,words", [
    pytest.param(["--until", "2020-01-01"], ["until", "2020-01-01"], id="until_before_as_of"),
    pytest.param(["--until", "2020-13-01"], ["2020-13-01", "not a date"], id="until_not_a_date"),
])
def test_cli_refuses_bad_until(tmp_path, args, words):
    result = CliRunner().invoke(main, ["timeline", write(tmp_path, SIX_YEARS_25B), *args])
    assert result.exit_code == 2 and result.stdout == ""
    for word in words:
        assert word in result.stderr
