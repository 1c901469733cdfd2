"""Unknown facts (issue 5): hand cases.

Any scalar field of the applicant file may say ``unknown`` (also a list
entry's field, and a stay period's ``since`` or ``status``), and so may the
lists ``convictions`` and ``household.children`` as a whole (one entry whose
every field is unknown). ``as_of``, ``application_date`` and ``birth_date``
cannot be unknown. An unknown fact ranges over its domain; a permit is
``eligible`` / ``not_eligible`` / ``waiver_needed`` only if it is so in every
completion, else ``undetermined``; a condition ``met`` / ``unmet`` /
``unknown`` likewise (report-v1, law.md section 2). ``report.questions``
lists the unknown facts that decide an undetermined permit, each with the
permits it decides, its representative values and, per permit, the values
under which the permit can be eligible.

Expected days follow the brief's period rule (law.md section 1): N years
begun on S are complete at the end of (S - 1 day) + N years, so the latest
start that completes N years on D is (D - N years) + 1 day.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import merge, person

import pypermit
from pypermit import (
    InvalidApplicant,
    calendar,
    evaluate,
    load_applicant,
    next_questions,
)
from pypermit.applicant.load import applicant_to_dict

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".venv" / "bin" / "pypermit"
D = dt.date.fromisoformat


def latest_start(day: dt.date, years: int) -> dt.date:
    """The brief's period rule: the latest start S of N years complete on day."""
    return calendar.latest_start(day, 12 * years)


def statuses(report) -> dict[str, str]:
    return {p.id: p.status for p in report.permits}


def question(report, fact: str):
    for q in report.questions:
        if q.fact == fact:
            return q
    raise AssertionError(f"no question about {fact}; questions: {[q.fact for q in report.questions]}")


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    exe = str(CLI) if CLI.exists() else None
    cmd = [exe, *args] if exe else [sys.executable, "-m", "pypermit.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, input=stdin, timeout=120, cwd=ROOT)


# --- base applicants -------------------------------------------------------------

AS_OF = "2026-11-21"

#: § 25b on 2026-11-21: tolerated since 2022-01-01 after an asylum procedure;
#: commitment and civics test, 60 % from work, A2, identity and passport.
#: Eligible if the asylum procedure began on or before 2020-11-22.
B25 = dict(
    as_of=AS_OF,
    birth_date="1990-05-01",
    stay=[{"since": "2018-01-01", "status": "asylum_procedure"},
          {"since": "2022-01-01", "status": "duldung"}],
    identity={"clarified": True, "passport": "valid"},
    fdgo_commitment=True,
    civics_test=True,
    livelihood={"own_share": 60, "from_employment": True},
    german="A2",
)

#: § 26 Abs. 4 on 2026-11-21 (a § 25 Abs. 3 permit since 2020 after an asylum
#: procedure from 2019): eligible as it stands.
B264 = person(
    as_of=AS_OF,
    stay=[{"since": "2019-01-01", "status": "asylum_procedure"},
          {"since": "2020-01-01", "status": "permit", "basis": "25.3"}],
    identity={"clarified": True, "passport": "valid"},
    german="B1",
    civics_test=True,
    livelihood={"own_share": 100, "health_insurance": True, "pension_months": 60},
    household={"living_space_sqm": 9},
)

#: § 104c in 2024 (grants in force): tolerated since 2017, commitment declared.
B104 = person(as_of="2024-06-01", stay=[{"since": "2017-01-01", "status": "duldung"}], fdgo_commitment=True)

#: On 2024-06-01 eligible for § 25 Abs. 5, § 25b and § 104c at once: tolerated
#: since 2016 after an asylum procedure from 2015, departure impossible with no
#: end in sight, livelihood secured, A2, civics, identity and passport.
MULTI = dict(
    as_of="2024-06-01",
    birth_date="1990-05-01",
    stay=[{"since": "2015-01-01", "status": "asylum_procedure"},
          {"since": "2016-06-01", "status": "duldung"}],
    identity={"clarified": True, "passport": "valid"},
    fdgo_commitment=True,
    civics_test=True,
    german="A2",
    livelihood={"own_share": 100, "from_employment": True, "health_insurance": True},
    departure={"impossible": True, "end_foreseeable": False},
)


def test_bases_are_what_the_cases_assume():
    assert evaluate(B25, unlock=False)["25b"].status == "eligible"
    assert evaluate(B264, unlock=False)["26.4"].status == "eligible"
    assert evaluate(B104, unlock=False)["104c"].status == "eligible"
    multi = statuses(evaluate(MULTI, unlock=False))
    assert (multi["25.5"], multi["25b"], multi["104c"]) == ("eligible", "eligible", "eligible")


def test_nothing_unknown_no_questions():
    r = evaluate(B25, unlock=False)
    assert r.questions == ()
    assert next_questions(B25) == []
    assert r.to_dict()["questions"] == []
    assert "undetermined" not in statuses(r).values()


# --- an unknown that does not matter ----------------------------------------------

def test_unknown_german_does_not_matter_when_26_4_fails_on_civics():
    """§ 26 Abs. 4: without the civics test (hard, Nr. 8) the permit fails
    whatever the German level; german_b1 is unknown, the outcome settled,
    and nothing is asked."""
    r = evaluate(merge(B264, {"german": "unknown", "civics_test": False}), unlock=False)
    p = r["26.4"]
    assert p.status == "not_eligible"
    assert p.condition("civics").status == "unmet"
    assert p.condition("german_b1").status == "unknown"
    assert "undetermined" not in statuses(r).values()
    assert r.questions == ()
    assert next_questions(merge(B264, {"german": "unknown", "civics_test": False})) == []


def test_unknown_german_decides_26_4_when_all_else_is_met():
    r = evaluate(merge(B264, {"german": "unknown"}), unlock=False)
    assert r["26.4"].status == "undetermined"
    q = question(r, "german")
    assert q.decides == ("26.4",)
    assert set(q.values) == {"none", "A1", "A2", "B1", "B2", "C1", "C2"}
    assert set(q.eligible_if["26.4"]) == {"B1", "B2", "C1", "C2"}


# --- one unknown deciding one permit: the day of the asylum request ---------------

def test_asylum_request_day_unknown_decides_25b():
    """§ 25b Abs. 1 S. 2 Nr. 1: six years on 2026-11-21 need a start on or
    before 2020-11-22; eligible_if is exactly the representatives up to it."""
    data = merge(B25, {"stay": [{"since": "unknown", "status": "asylum_procedure"},
                                {"since": "2022-01-01", "status": "duldung"}]})
    r = evaluate(data, unlock=False)
    assert r["25b"].status == "undetermined"
    assert r["25b"].condition("uninterrupted_stay").status == "unknown"
    assert {k: v for k, v in statuses(r).items() if k != "25b"} == \
        {k: v for k, v in statuses(evaluate(B25, unlock=False)).items() if k != "25b"}

    q = question(r, "stay[0].since")
    assert q.decides == ("25b",)
    values = [v if isinstance(v, dt.date) else D(v) for v in q.values]
    cut = latest_start(D(AS_OF), 6)
    assert cut == D("2020-11-22")
    assert cut in values and cut + dt.timedelta(days=1) in values
    # the domain: not before birth, before the next period starts
    assert min(values) >= D("1990-05-01") and max(values) <= D("2021-12-31")
    assert D("2021-12-31") in values
    eligible = {v if isinstance(v, dt.date) else D(v) for v in q.eligible_if["25b"]}
    assert eligible == {v for v in values if v <= cut}
    assert q.to_dict()["eligible_if_text"]["25b"] == "≤ 2020-11-22"
    # JSON form: dates as ISO text
    assert "2020-11-22" in q.to_dict()["eligible_if"]["25b"]
    # and the concrete days on either side say the same
    for day, expected in ((cut, "eligible"), (cut + dt.timedelta(days=1), "not_eligible"),
                          (D("2016-03-03"), "eligible"), (D("2021-06-30"), "not_eligible")):
        concrete = merge(data, {"stay": [{"since": day.isoformat(), "status": "asylum_procedure"},
                                         {"since": "2022-01-01", "status": "duldung"}]})
        assert evaluate(concrete, unlock=False)["25b"].status == expected, day


def test_asylum_request_day_unknown_that_does_not_matter():
    """With the Duldung from 2019-06-01, the asylum procedure before it
    began on 2019-05-31 at the latest: six years (start <= 2020-11-22) are
    complete on 2026-11-21 whatever the day, so nothing is asked."""
    data = merge(B25, {"stay": [{"since": "unknown", "status": "asylum_procedure"},
                                {"since": "2019-06-01", "status": "duldung"}]})
    r = evaluate(data, unlock=False)
    assert r["25b"].status == "eligible"
    assert r["25b"].condition("uninterrupted_stay").status == "met"
    assert r.questions == ()


def test_next_questions_api_matches_report():
    data = merge(B25, {"stay": [{"since": "unknown", "status": "asylum_procedure"},
                                {"since": "2022-01-01", "status": "duldung"}],
                       "german": "unknown"})
    r = evaluate(data, unlock=False)
    api = next_questions(data)
    assert [q.fact for q in api] == [q.fact for q in r.questions]
    assert [q.to_dict() for q in api] == [q.to_dict() for q in r.questions]
    assert pypermit.next_questions is next_questions


# --- one unknown deciding several permits -----------------------------------------

def test_security_threat_unknown_decides_three_permits():
    """§ 5 Abs. 4 is a hard exclusion everywhere: unknown, it decides every
    permit that is otherwise eligible."""
    r = evaluate(merge(MULTI, {"security_threat": "unknown"}), unlock=False)
    s = statuses(r)
    assert s["25.5"] == s["25b"] == s["104c"] == "undetermined"
    assert s["25a"] == s["26.3"] == s["26.4"] == "not_eligible"
    assert len(r.questions) == 1
    q = r.questions[0]
    assert q.fact == "security_threat"
    assert set(q.decides) == {"25.5", "25b", "104c"}
    assert set(q.values) == {True, False}
    assert q.eligible_if == {"25.5": (False,), "25b": (False,), "104c": (False,)}
    for pid in ("25.5", "25b", "104c"):
        assert r[pid].condition("no_security_threat").status == "unknown"
    # the settled ones keep the condition unknown but their status
    assert r["26.4"].condition("no_security_threat").status == "unknown"


def test_passport_unknown_decides_the_permits_that_need_it():
    """§ 5 Abs. 1 Nr. 4 (waivable) for § 25 Abs. 5 and § 25b; § 104c sets it
    aside (Abs. 1 S. 1), so § 104c stays eligible."""
    r = evaluate(merge(MULTI, {"identity": {"passport": "unknown"}}), unlock=False)
    s = statuses(r)
    assert s["25.5"] == s["25b"] == "undetermined"
    assert s["104c"] == "eligible"
    q = question(r, "identity.passport")
    assert set(q.decides) == {"25.5", "25b"}
    assert set(q.values) == {"valid", "substitute", "none"}
    assert {p: set(v) for p, v in q.eligible_if.items()} == \
        {"25.5": {"valid", "substitute"}, "25b": {"valid", "substitute"}}
    for pid in ("25.5", "25b"):
        c = r[pid].condition("s5_passport")
        assert (c.status, c.strength) == ("unknown", "waivable")
    # with no passport both need a waiver: the open outcome is eligible vs waiver_needed
    none = statuses(evaluate(merge(MULTI, {"identity": {"passport": "none"}}), unlock=False))
    assert none["25.5"] == none["25b"] == "waiver_needed"


def test_questions_most_decisive_first():
    data = merge(MULTI, {"security_threat": "unknown", "identity": {"passport": "unknown"}})
    qs = evaluate(data, unlock=False).questions
    assert [q.fact for q in qs] == ["security_threat", "identity.passport"]
    assert [len(q.decides) for q in qs] == sorted((len(q.decides) for q in qs), reverse=True)


def test_facts_that_matter_only_together():
    """§ 25b with an unknown share of livelihood, unknown impairment (which
    waives Nr. 3) and a school-age child whose schooling and household are
    unknown (Nr. 5): no single fact rules an outcome out, yet only these
    four can change it; the revocation notice (§ 26 Abs. 3) cannot."""
    data = merge(B25, {"stay": [{"since": "2018-01-01", "status": "asylum_procedure"},
                                {"since": "2019-06-01", "status": "duldung"}],
                       "livelihood": {"own_share": "unknown"}, "impairment": "unknown",
                       "asylum": {"revocation_notice": "unknown"},
                       "household": {"children": [{"birth_date": "2015-01-01", "attends_school": "unknown",
                                                   "in_household": "unknown"}]}})
    r = evaluate(data, unlock=False)
    assert r["25b"].status == "undetermined"
    assert r["26.3"].status == "not_eligible"
    assert r.questions
    assert all(q.decides for q in r.questions), [q.to_dict() for q in r.questions]
    assert "asylum.revocation_notice" not in {q.fact for q in r.questions}


@pytest.mark.parametrize("data, permit, eligible_if", [
    pytest.param(merge(B25, {"german": "none", "impairment": "unknown"}), "25b",
                 ("age", "illness_or_disability"), id="25b_abs3_any_cause"),
    pytest.param(merge(B264, {"german": "A2", "impairment": "unknown"}), "26.4",
                 ("illness_or_disability",), id="26_4_s9_abs2_s3_illness_or_disability_only"),
])
def test_unknown_impairment_ranges_over_its_three_causes(data, permit, eligible_if):
    """An unknown impairment may be none, illness_or_disability or age; § 25b
    Abs. 3 waives German for either cause, § 9 Abs. 2 Satz 3 (§ 26 Abs. 4)
    only for illness or disability."""
    r = evaluate(data, unlock=False)
    assert r[permit].status == "undetermined"
    q = next(q for q in r.questions if q.fact == "impairment")
    assert set(q.values) == {"none", "illness_or_disability", "age"}
    assert q.eligible_if[permit] == eligible_if


# --- a whole list unknown ---------------------------------------------------------

def test_convictions_unknown_leaves_104c_undetermined():
    """§ 104c Abs. 1 S. 1 Nr. 2: with the convictions unknown, the
    conviction condition is unknown and the permit undetermined."""
    data = merge(B104, {"convictions": "unknown"})
    model = load_applicant(data)
    assert {p for p in model.unknown if p.startswith("convictions[0].")} == {
        f"convictions[0].{f}" for f in ("date", "daily_rates", "prison_months", "suspended", "juvenile",
                                       "youth_custody_months", "immigration_offence", "intentional")}
    r = evaluate(data, unlock=False)
    p = r["104c"]
    assert p.status == "undetermined"
    assert p.condition("no_conviction").status == "unknown"
    assert {c.id for c in p.conditions if c.status == "unknown"} == {"no_conviction"}
    assert r.questions
    assert all(q.fact.startswith("convictions[0].") for q in r.questions)
    assert all("104c" in q.decides for q in r.questions)


def test_convictions_unknown_answered_one_by_one_settles():
    """Answering the top question each time ends with 104c settled."""
    from pypermit.applicant.partial import set_path
    data = applicant_to_dict(load_applicant(merge(B104, {"convictions": "unknown"})))
    for _ in range(8):
        r = evaluate(data, unlock=False)
        if not r.questions:
            break
        q = r.questions[0]
        data = set_path(data, q.fact, q.values[-1])
    assert r.questions == ()
    assert r["104c"].status in {"eligible", "not_eligible"}


def test_children_unknown_for_a_four_year_25b_case():
    """§ 25b Abs. 1 S. 2 Nr. 1: 4 years 6 months of stay suffice only with a
    minor unmarried child in the household; the children are unknown."""
    data = merge(B25, {"stay": [{"since": "2021-06-01", "status": "asylum_procedure"},
                                {"since": "2022-01-01", "status": "duldung"}],
                       "household": {"children": "unknown"}})
    assert evaluate(merge(data, {"household": {"children": []}}), unlock=False)["25b"].status == "not_eligible"
    r = evaluate(data, unlock=False)
    p = r["25b"]
    assert p.status == "undetermined"
    assert p.condition("uninterrupted_stay").status == "unknown"
    facts = {q.fact for q in r.questions}
    assert facts and all(f.startswith("household.children[0].") for f in facts)
    assert "household.children[0].birth_date" in facts
    q = question(r, "household.children[0].birth_date")
    assert q.decides == ("25b",)
    born = [v if isinstance(v, dt.date) else D(v) for v in q.values]
    # one birth day for each age band: adult, school age, 2-5, under 2
    adult = [b for b in born if b <= latest_start(D(AS_OF), 18) - dt.timedelta(days=1)]
    assert adult, born
    eligible = {v if isinstance(v, dt.date) else D(v) for v in q.eligible_if["25b"]}
    assert eligible and not (eligible & set(adult))   # only a minor child opens the 4-year rule
    in_household = question(r, "household.children[0].in_household")
    assert in_household.eligible_if["25b"] == (True,)


# --- the fine: 40 or 60 daily rates --------------------------------------------------

def test_unknown_daily_rates_with_another_fine_of_20():
    """§ 104c Abs. 1 S. 1 Nr. 2: general fines up to 50 daily rates are
    minor. With a known fine of 20, the unknown one may be up to 30."""
    data = merge(B104, {"convictions": [{"date": "2020-01-01", "daily_rates": "unknown"},
                                        {"date": "2021-01-01", "daily_rates": 20}]})
    r = evaluate(data, unlock=False)
    assert r["104c"].status == "undetermined"
    assert r["104c"].condition("no_conviction").status == "unknown"
    q = question(r, "convictions[0].daily_rates")
    assert "104c" in q.decides
    assert 30 in q.values and 31 in q.values
    assert 0 in q.values
    assert q.eligible_if["104c"] and all(v <= 30 for v in q.eligible_if["104c"])
    assert 30 in q.eligible_if["104c"] and 31 not in q.eligible_if["104c"]
    assert q.to_dict()["eligible_if_text"]["104c"] == "≤ 30"
    for rates, expected in ((30, "eligible"), (31, "not_eligible"), (40, "not_eligible"), (60, "not_eligible"),
                            (5, "eligible")):
        concrete = merge(data, {"convictions": [{"date": "2020-01-01", "daily_rates": rates},
                                                {"date": "2021-01-01", "daily_rates": 20}]})
        assert evaluate(concrete, unlock=False)["104c"].status == expected, rates


def test_unknown_immigration_fine_with_a_general_fine_of_20():
    """Separate caps (law.md section 1, reading): the immigration fine alone
    is compared with 90. 95 daily rates exclude § 104c, 0 do not."""
    data = merge(B104, {"convictions": [{"date": "2020-01-01", "daily_rates": "unknown", "immigration_offence": True},
                                        {"date": "2021-01-01", "daily_rates": 20}]})
    high = merge(data, {"convictions": [{"date": "2020-01-01", "daily_rates": 95, "immigration_offence": True},
                                        {"date": "2021-01-01", "daily_rates": 20}]})
    assert evaluate(high, unlock=False)["104c"].status == "not_eligible"
    r = evaluate(data, unlock=False)
    assert r["104c"].status == "undetermined"
    q = question(r, "convictions[0].daily_rates")
    assert 90 in q.values and 91 in q.values


def test_unknown_general_fine_with_an_immigration_fine_of_20():
    data = merge(B104, {"convictions": [{"date": "2020-01-01", "daily_rates": "unknown"},
                                        {"date": "2021-01-01", "daily_rates": 20, "immigration_offence": True}]})
    concrete = merge(data, {"convictions": [{"date": "2020-01-01", "daily_rates": 45},
                                            {"date": "2021-01-01", "daily_rates": 20, "immigration_offence": True}]})
    assert evaluate(concrete, unlock=False)["104c"].status == "eligible"
    q = question(evaluate(data, unlock=False), "convictions[0].daily_rates")
    assert 50 in q.values and 51 in q.values
    assert max(q.eligible_if["104c"]) == 50


# --- a stay period's status or start --------------------------------------------------

STAY3 = [{"since": "2018-01-01", "status": "asylum_procedure"},
         {"since": "2019-01-01", "status": "unknown"},
         {"since": "2022-01-01", "status": "duldung"}]


def test_unknown_stay_status_decides_25b():
    """What the period 2019-01-01 .. 2021-12-31 was decides whether six
    years of counted stay are complete: asylum procedure, a Duldung that
    counts or a permit (any basis) -> eligible; § 60b (skipped, not counted),
    a settlement permit, unlawful stay or a long absence (end the walk) ->
    not (law.md sections 1, 6)."""
    data = merge(B25, {"stay": STAY3})
    r = evaluate(data, unlock=False)
    assert r["25b"].status == "undetermined"
    q = question(r, "stay[1].status")
    assert q.decides == ("25b",)
    assert {"asylum_procedure", "duldung", "duldung_unclear_identity", "training_duldung", "employment_duldung",
            "settlement_permit", "unlawful", "abroad"} <= set(q.values)
    counted = {"asylum_procedure", "duldung", "training_duldung", "employment_duldung", "permit"}
    assert set(q.eligible_if["25b"]) == counted & set(q.values)
    for status in q.values:
        stay = [dict(p) for p in STAY3]
        stay[1]["status"] = status
        if status == "permit":
            stay[1]["basis"] = "other"
        got = evaluate(merge(data, {"stay": stay}), unlock=False)["25b"].status
        assert got == ("eligible" if status in q.eligible_if["25b"] else "not_eligible"), status


def test_unknown_stay_status_with_a_basis_is_a_permit():
    """Only a permit period has a basis (applicant-v1): with the basis given,
    the unknown status can only be `permit`, which counts for § 25b."""
    stay = [dict(p) for p in STAY3]
    stay[1]["basis"] = "25.5"
    r = evaluate(merge(B25, {"stay": stay}), unlock=False)
    assert "stay[1].status" not in {q.fact for q in r.questions}
    assert r["25b"].status == "eligible"


@pytest.mark.slow
def test_unknown_stay_status_and_since_both():
    stay = [{"since": "2018-01-01", "status": "asylum_procedure"},
            {"since": "unknown", "status": "unknown"},
            {"since": "2022-01-01", "status": "duldung"}]
    model = load_applicant(merge(B25, {"stay": stay}))
    assert {"stay[1].since", "stay[1].status"} <= model.unknown
    r = evaluate(merge(B25, {"stay": stay}), unlock=False)
    assert r["25b"].status == "undetermined"
    assert {q.fact for q in r.questions} & {"stay[1].since", "stay[1].status"}


def test_unknown_start_of_a_middle_60b_period():
    """§ 60b periods are skipped (law.md section 1): asylum procedure from
    2018-01-01 up to the unknown start X of the § 60b period, then a Duldung
    from 2022-01-01 to 2026-11-21 (1,786 days): with the § 60b period skipped,
    § 191 BGB asks 365 · 6 = 2,190 days, so X >= 2019-02-09 (404 days before)."""
    stay = [{"since": "2018-01-01", "status": "asylum_procedure"},
            {"since": "unknown", "status": "duldung_unclear_identity"},
            {"since": "2022-01-01", "status": "duldung"}]
    data = merge(B25, {"stay": stay})

    def at(day: str) -> str:
        s = [dict(p) for p in stay]
        s[1]["since"] = day
        return evaluate(merge(data, {"stay": s}), unlock=False)["25b"].status

    assert (at("2019-02-08"), at("2019-02-09"), at("2019-03-01")) == ("not_eligible", "eligible", "eligible")
    r = evaluate(data, unlock=False)
    assert r["25b"].status == "undetermined"      # this much is right
    q = question(r, "stay[1].since")
    eligible = [v if isinstance(v, dt.date) else D(v) for v in q.eligible_if["25b"]]
    assert min(eligible) <= D("2019-03-01")


# --- unknowns next to fields that depend on them -------------------------------------

def test_unknown_juvenile_next_to_youth_custody_is_accepted():
    data = merge(B104, {"convictions": [{"date": "2020-01-01", "juvenile": "unknown", "youth_custody_months": 11}]})
    model = load_applicant(data)
    assert "convictions[0].juvenile" in model.unknown
    # the only valid completion is a juvenile conviction with youth custody: beyond minor
    assert evaluate(data, unlock=False)["104c"].status in {"not_eligible", "undetermined"}


def test_unknown_prison_term_of_a_suspended_sentence_is_accepted():
    data = merge(B104, {"convictions": [{"date": "2020-01-01", "prison_months": "unknown", "suspended": True}]})
    assert "convictions[0].prison_months" in load_applicant(data).unknown
    # a suspended prison sentence of any length is beyond minor (law.md section 1)
    assert evaluate(data, unlock=False)["104c"].status == "not_eligible"


def test_unknown_basis_of_a_permit_period_is_accepted():
    data = merge(B25, {"stay": [{"since": "2015-01-01", "status": "asylum_procedure"},
                                {"since": "2017-01-01", "status": "permit", "basis": "unknown"}]})
    assert "stay[1].basis" in load_applicant(data).unknown
    r = evaluate(data, unlock=False)
    # § 26 Abs. 4 depends on the basis (humanitarian, not a temporary title)
    assert r["26.4"].status in {"undetermined", "not_eligible"}


# --- refusals ----------------------------------------------------------------------

@pytest.mark.parametrize("field", ["birth_date", "as_of", "application_date"])
def test_fields_that_cannot_be_unknown(field):
    data = merge(B25, {field: "unknown"})
    with pytest.raises(InvalidApplicant) as info:
        load_applicant(data)
    assert field in [p.path for p in info.value.problems]
    assert field in str(info.value)
    with pytest.raises(InvalidApplicant):
        evaluate(data)
    with pytest.raises(InvalidApplicant):
        next_questions(data)


def test_cli_refuses_unknown_birth_date(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("as_of: 2026-11-21\nbirth_date: unknown\nstay:\n  - {since: 2018-01-01, status: duldung}\n")
    out = run_cli("check", str(f))
    assert out.returncode == 2
    assert "birth_date" in out.stderr
    assert "Traceback" not in out.stderr
    out = run_cli("check", str(f), "--format", "json")
    assert out.returncode == 2 and out.stderr == ""
    assert json.loads(out.stdout)["problems"][0]["field"] == "birth_date"   # pypermit/error-v1


def test_unknown_is_still_checked_elsewhere():
    """An unknown somewhere does not stop the rest of the file being checked."""
    with pytest.raises(InvalidApplicant) as info:
        load_applicant(merge(B25, {"german": "unknown", "civics_test": "maybe"}))
    assert "civics_test" in [p.path for p in info.value.problems]


# --- the JSON report -------------------------------------------------------------------

def test_json_report_has_questions_and_unknown_conditions(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps(merge(MULTI, {"security_threat": "unknown"})))
    out = run_cli("check", str(f), "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["format"] == "pypermit/report-v1"
    assert {p["id"]: p["status"] for p in doc["permits"]}["25b"] == "undetermined"
    assert len(doc["questions"]) == 1
    assert {"fact", "decides", "values", "eligible_if"} <= set(doc["questions"][0])
    assert doc["questions"][0]["fact"] == "security_threat"
    q = doc["questions"][0]
    assert sorted(q["decides"]) == ["104c", "25.5", "25b"]
    assert sorted(q["values"]) == [False, True]
    assert q["eligible_if"]["25b"] == [False]
    conds = {(p["id"], c["id"]): c["status"] for p in doc["permits"] for c in p["conditions"]}
    assert conds[("25b", "no_security_threat")] == "unknown"
    assert set(conds.values()) <= {"met", "unmet", "unknown"}


def test_json_dates_in_questions_are_iso_text():
    data = merge(B25, {"stay": [{"since": "unknown", "status": "asylum_procedure"},
                                {"since": "2022-01-01", "status": "duldung"}]})
    doc = evaluate(data, unlock=False).to_dict()
    json.dumps(doc)    # serialisable
    q = doc["questions"][0]
    assert all(isinstance(v, str) and D(v) for v in q["values"])


def test_json_without_unknowns_has_empty_questions(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps(B25))
    doc = json.loads(run_cli("check", str(f), "--format", "json").stdout)
    assert doc["questions"] == []
    assert all(c["status"] in {"met", "unmet"} for p in doc["permits"] for c in p["conditions"])


# --- writing unknown back -------------------------------------------------------------

ROUND = merge(B25, {
    "stay": [{"since": "unknown", "status": "asylum_procedure"}, {"since": "2022-01-01", "status": "unknown"}],
    "german": "unknown",
    "identity": {"passport": "unknown"},
    "livelihood": {"own_share": "unknown"},
    "household": {"living_space_sqm": "unknown", "children": "unknown"},
    "convictions": "unknown",
})


def test_applicant_to_dict_writes_unknown_back():
    model = load_applicant(ROUND)
    out = applicant_to_dict(model)
    assert out["german"] == "unknown"
    assert out["identity"]["passport"] == "unknown"
    assert out["livelihood"]["own_share"] == "unknown"
    assert out["household"]["living_space_sqm"] == "unknown"
    assert out["stay"][0]["since"] == "unknown"
    assert out["stay"][1]["status"] == "unknown"
    assert out["stay"][1]["since"] == "2022-01-01"
    assert all(v == "unknown" for v in out["convictions"][0].values())
    assert all(v == "unknown" for v in out["household"]["children"][0].values())
    # known facts stay as they were
    assert out["identity"]["clarified"] is True and out["civics_test"] is True


def test_reloading_gives_the_same_unknown_paths_and_outcome():
    import yaml
    model = load_applicant(ROUND)
    again = load_applicant(applicant_to_dict(model))
    assert again.unknown == model.unknown
    through_yaml = load_applicant(yaml.safe_load(yaml.safe_dump(applicant_to_dict(model))))
    assert through_yaml.unknown == model.unknown
    assert evaluate(again, unlock=False).to_dict() == evaluate(model, unlock=False).to_dict()


def test_unknown_list_entry_fields(tmp_path):
    data = merge(B25, {"convictions": [{"date": "2020-01-01", "daily_rates": "unknown"}],
                       "household": {"children": [{"birth_date": "unknown"}]},
                       "stay": [{"since": "2018-01-01", "status": "asylum_procedure"},
                                {"since": "unknown", "status": "duldung"}]})
    model = load_applicant(data)
    assert model.unknown == frozenset({"convictions[0].daily_rates", "household.children[0].birth_date",
                                       "stay[1].since"})
    f = tmp_path / "a.yaml"
    import yaml
    f.write_text(yaml.safe_dump(data))
    out = run_cli("check", str(f), "--format", "json")
    assert out.returncode == 0, out.stderr
