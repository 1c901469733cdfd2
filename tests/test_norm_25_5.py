"""§ 25 Abs. 5 AufenthG — residence permit where departure is impossible
(permit id ``25.5``; legal brief, sections 1–4).

One version for the whole coverage. Every condition is broken on its own
against an eligible base; thresholds are tested below, exactly at and above,
with the days computed by the brief's calendar rules (§§ 187, 188 BGB):
a period of N months begun on S is complete at the end of (S − 1 day) + N
months, a missing day clamping to the month's last day.
"""

import pytest
from conftest import condition, merge, person, report, status

PERMIT = "25.5"
AS_OF = "2026-11-21"

# Eligible for § 25 Abs. 5 on 2026-11-21: tolerated since 2017 (so deportation
# has been suspended far longer than 18 months), departure impossible with no
# end in sight, no fault, and every § 5 requirement met.
BASE = dict(
    as_of=AS_OF,
    birth_date="1990-05-01",
    stay=[
        {"since": "2015-01-01", "status": "asylum_procedure"},
        {"since": "2017-01-01", "status": "duldung"},
    ],
    identity={"clarified": True, "passport": "valid"},
    livelihood={"own_share": 100, "health_insurance": True},
    departure={"impossible": True, "reason": "illness", "end_foreseeable": False, "self_caused": False},
)


def applicant(**facts):
    """The base applicant with ``facts`` merged in (nested fields key by key)."""
    return person(**merge(BASE, facts))


def suspended_since(since, *, status_="duldung", as_of=AS_OF):
    """Asylum procedure from 2015, then a Duldung from ``since`` up to as_of."""
    return applicant(as_of=as_of, stay=[
        {"since": "2015-01-01", "status": "asylum_procedure"},
        {"since": since, "status": status_},
    ])


# --- the base ---------------------------------------------------------------

def test_25_5_base_applicant_is_eligible():
    """§ 25 Abs. 5 S. 1, 2: the base meets every condition; 18 months of Duldung → "soll"."""
    p = report(applicant()).permit(PERMIT)
    assert p.status == "eligible"
    assert p.effect == "regular"
    assert all(c.status == "met" for c in p.conditions), [c.id for c in p.unmet]


def test_25_5_conditions_and_strengths():
    """§ 25 Abs. 5; § 10 Abs. 3 S. 2; § 5 Abs. 1, 3, 4: the conditions the brief lists, with their strengths."""
    p = report(applicant()).permit(PERMIT)
    strengths = {c.id: c.strength for c in p.conditions}
    assert strengths == {
        "in_force": "hard",
        "obliged_to_leave": "hard",
        "departure_impossible": "hard",
        "no_end_foreseeable": "hard",
        "no_fault": "hard",
        "no_manifestly_unfounded_bar": "hard",
        "no_security_threat": "hard",
        "s5_livelihood": "waivable",
        "s5_identity": "waivable",
        "s5_no_expulsion_interest": "waivable",
        "s5_passport": "waivable",
    }


@pytest.mark.parametrize("as_of", ["2015-08-01", "2020-01-01", "2022-12-31", "2027-07-01", "2035-01-01"])
def test_25_5_in_force_for_the_whole_coverage(as_of):
    """§ 25 Abs. 5: one version from 2015-08-01 on (brief, section 4)."""
    a = applicant(as_of=as_of, stay=[{"since": "2012-01-01", "status": "duldung"}])
    assert condition(a, PERMIT, "in_force") == "met"
    assert status(a, PERMIT) == "eligible"


# --- S. 1: obliged to leave -------------------------------------------------

@pytest.mark.parametrize("current", [
    "duldung", "duldung_unclear_identity", "training_duldung", "employment_duldung", "unlawful",
])
def test_25_5_s1_obliged_to_leave_met_by_any_duldung_or_no_status(current):
    """§ 25 Abs. 5 S. 1: a Duldung of any kind, or no status at all, means obliged to leave."""
    a = applicant(stay=[{"since": "2015-01-01", "status": "asylum_procedure"},
                        {"since": "2020-01-01", "status": current}])
    assert condition(a, PERMIT, "obliged_to_leave") == "met"
    assert status(a, PERMIT) == "eligible"


@pytest.mark.parametrize("current", [
    pytest.param({"status": "asylum_procedure"}, id="asylum_procedure"),
    pytest.param({"status": "permit", "basis": "other"}, id="permit_other"),
    pytest.param({"status": "permit", "basis": "25.3"}, id="permit_25.3"),
    pytest.param({"status": "settlement_permit"}, id="settlement_permit"),
])
def test_25_5_s1_not_obliged_to_leave_with_a_lawful_stay(current):
    """§ 25 Abs. 5 S. 1: only a person obliged to leave (Duldung or unlawful) can get the permit."""
    a = applicant(stay=[{"since": "2015-01-01", "status": "duldung"},
                        {"since": "2026-01-01", **current}])
    assert condition(a, PERMIT, "obliged_to_leave") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


# --- S. 1: departure impossible, no end foreseeable --------------------------

def test_25_5_s1_departure_possible_is_not_eligible():
    """§ 25 Abs. 5 S. 1: departure must be impossible for legal or factual reasons."""
    a = applicant(departure={"impossible": False})
    assert condition(a, PERMIT, "departure_impossible") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


def test_25_5_s1_end_of_obstacle_foreseeable_is_not_eligible():
    """§ 25 Abs. 5 S. 1: the end of the obstacle must not be foreseeable."""
    a = applicant(departure={"end_foreseeable": True})
    assert condition(a, PERMIT, "no_end_foreseeable") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


def test_25_5_s1_end_foreseeable_defaults_to_true():
    """§ 25 Abs. 5 S. 1; applicant-v1: ``departure.end_foreseeable`` defaults to true."""
    a = person(as_of=AS_OF, stay=BASE["stay"], identity=BASE["identity"], livelihood=BASE["livelihood"],
               departure={"impossible": True})
    assert condition(a, PERMIT, "no_end_foreseeable") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


# --- S. 3-4: no fault ------------------------------------------------------

@pytest.mark.parametrize("fault", [
    pytest.param({"departure": {"self_caused": True}}, id="self_caused"),
    pytest.param({"identity": {"cooperation_refused": True}}, id="cooperation_refused"),
    pytest.param({"identity": {"deception": "once", "deception_prevents_deportation": True}},
                 id="deception_prevents_deportation"),
])
def test_25_5_s3_s4_fault_for_the_obstacle_is_not_eligible(fault):
    """§ 25 Abs. 5 S. 3, 4: no permit where the person is at fault for the obstacle."""
    a = applicant(**fault)
    assert condition(a, PERMIT, "no_fault") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


def test_25_5_s4_deception_that_does_not_prevent_deportation_is_no_fault():
    """§ 25 Abs. 5 S. 4: only deception that is why deportation cannot take place is fault."""
    a = applicant(identity={"deception": "repeated", "deception_prevents_deportation": False})
    assert condition(a, PERMIT, "no_fault") == "met"
    assert status(a, PERMIT) == "eligible"


# --- § 10 Abs. 3 S. 2 ---------------------------------------------------------

@pytest.mark.parametrize("law_date, grounds", [
    pytest.param("2024-02-26", "§ 30 Abs. 3 Nr. 1–6 AsylG", id="2024-02-26_old_asylg"),
    pytest.param("2024-02-27", "§ 30 Abs. 1 Nr. 3–7 AsylG", id="2024-02-27_renumbered"),
    pytest.param("2026-06-11", "§ 30 Abs. 1 Nr. 3–7 AsylG", id="2026-06-11_before_geas"),
    pytest.param("2026-06-12", "Art. 42 der Verordnung (EU) 2024/1348", id="2026-06-12_geas"),
])
@pytest.mark.parametrize("how", ["as_of", "law_date"])
def test_25_5_s10_abs3_s2_citation_follows_the_law_of_the_day(law_date, grounds, how):
    """§ 10 Abs. 3 S. 2 (brief, section 4): the grounds that bar a title are
    cited as the law of the day words them — § 30 Abs. 3 Nr. 1–6 AsylG until
    2024-02-26, § 30 Abs. 1 Nr. 3–7 AsylG from 2024-02-27, Art. 42 of
    Regulation (EU) 2024/1348 from 2026-06-12 (GEAS adaptation act); in the
    citation and in the text, whether the day is the decision's or only the
    law's; the outcome stays."""
    a = applicant(asylum={"manifestly_unfounded": True})
    r = report(a, unlock=False, **({"as_of": law_date} if how == "as_of" else {"law_date": law_date}))
    c = r.permit(PERMIT).condition("no_manifestly_unfounded_bar")
    assert c.citation == f"§ 10 Abs. 3 Satz 2 AufenthG i. V. m. {grounds}"
    assert c.status == "unmet" and grounds in c.text


def test_25_5_s10_abs3_s2_manifestly_unfounded_asylum_bars_the_permit():
    """§ 10 Abs. 3 S. 2: no title after a rejection as manifestly unfounded (§ 30 Abs. 1 Nr. 3-7 AsylG)."""
    a = applicant(asylum={"manifestly_unfounded": True})
    assert condition(a, PERMIT, "no_manifestly_unfounded_bar") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


# --- § 5 Abs. 4: security -----------------------------------------------------

def test_25_5_s5_abs4_security_threat_is_a_hard_exclusion():
    """§ 5 Abs. 4: a security threat excludes the title; not waivable."""
    a = applicant(security_threat=True)
    c = report(a).permit(PERMIT).condition("no_security_threat")
    assert (c.status, c.strength) == ("unmet", "hard")
    assert status(a, PERMIT) == "not_eligible"


# --- § 5 Abs. 1 (waivable, § 5 Abs. 3 S. 2) ------------------------------------

@pytest.mark.parametrize("livelihood", [
    pytest.param({"own_share": 99}, id="own_share_99"),
    pytest.param({"own_share": 100, "health_insurance": False}, id="no_health_insurance"),
    pytest.param({"own_share": 0}, id="own_share_0"),
])
def test_25_5_s5_abs1_nr1_livelihood_not_secured_needs_a_waiver(livelihood):
    """§ 5 Abs. 1 Nr. 1, § 2 Abs. 3: own_share 100 and health insurance; waivable (§ 5 Abs. 3 S. 2)."""
    a = applicant(livelihood=livelihood)
    c = report(a).permit(PERMIT).condition("s5_livelihood")
    assert (c.status, c.strength) == ("unmet", "waivable")
    assert status(a, PERMIT) == "waiver_needed"


def test_25_5_s5_abs1_nr1a_identity_not_clarified_needs_a_waiver():
    """§ 5 Abs. 1 Nr. 1a: identity not clarified; waivable (§ 5 Abs. 3 S. 2)."""
    a = applicant(identity={"clarified": False, "steps_taken": False})
    c = report(a).permit(PERMIT).condition("s5_identity")
    assert (c.status, c.strength) == ("unmet", "waivable")
    assert status(a, PERMIT) == "waiver_needed"


@pytest.mark.parametrize("passport,cond,expected", [
    ("valid", "met", "eligible"),
    ("substitute", "met", "eligible"),
    ("none", "unmet", "waiver_needed"),
])
def test_25_5_s5_abs1_nr4_passport(passport, cond, expected):
    """§ 5 Abs. 1 Nr. 4: a valid passport or a substitute; waivable (§ 5 Abs. 3 S. 2)."""
    a = applicant(identity={"passport": passport})
    assert condition(a, PERMIT, "s5_passport") == cond
    assert status(a, PERMIT) == expected


CONVICTIONS = [
    # general fines: more than 50 daily rates is beyond minor
    pytest.param([{"date": "2020-06-01", "daily_rates": 49}], "met", id="fine_49_below"),
    pytest.param([{"date": "2020-06-01", "daily_rates": 50}], "met", id="fine_50_at"),
    pytest.param([{"date": "2020-06-01", "daily_rates": 51}], "unmet", id="fine_51_above"),
    pytest.param([{"date": "2020-06-01", "daily_rates": 30}, {"date": "2021-06-01", "daily_rates": 20}],
                 "met", id="fines_30_plus_20_total_50"),
    pytest.param([{"date": "2020-06-01", "daily_rates": 30}, {"date": "2021-06-01", "daily_rates": 21}],
                 "unmet", id="fines_30_plus_21_total_51"),
    # immigration offences: more than 90 daily rates
    pytest.param([{"date": "2020-06-01", "daily_rates": 89, "immigration_offence": True}], "met",
                 id="immigration_89_below"),
    pytest.param([{"date": "2020-06-01", "daily_rates": 90, "immigration_offence": True}], "met",
                 id="immigration_90_at"),
    pytest.param([{"date": "2020-06-01", "daily_rates": 91, "immigration_offence": True}], "unmet",
                 id="immigration_91_above"),
    # the two caps are separate (reading)
    pytest.param([{"date": "2020-06-01", "daily_rates": 50},
                  {"date": "2021-06-01", "daily_rates": 90, "immigration_offence": True}],
                 "met", id="fine_50_and_immigration_90_separate_caps"),
    # prison, youth custody
    pytest.param([{"date": "2020-06-01", "prison_months": 1, "suspended": True}], "unmet",
                 id="prison_1_month_suspended"),
    pytest.param([{"date": "2020-06-01", "juvenile": True}], "met", id="juvenile_without_custody"),
    pytest.param([{"date": "2020-06-01", "juvenile": True, "youth_custody_months": 0}], "met",
                 id="juvenile_custody_0"),
    pytest.param([{"date": "2020-06-01", "juvenile": True, "youth_custody_months": 6, "suspended": True}],
                 "unmet", id="juvenile_custody_6_suspended"),
    # only intentional convictions count
    pytest.param([{"date": "2020-06-01", "prison_months": 12, "intentional": False}], "met",
                 id="negligent_prison_12"),
    pytest.param([{"date": "2020-06-01", "daily_rates": 120, "intentional": False}], "met",
                 id="negligent_fine_120"),
]


@pytest.mark.parametrize("convictions,cond", CONVICTIONS)
def test_25_5_s5_abs1_nr2_convictions_beyond_minor_need_a_waiver(convictions, cond):
    """§ 5 Abs. 1 Nr. 2: no conviction beyond minor (brief, section 1); waivable (§ 5 Abs. 3 S. 2)."""
    a = applicant(convictions=convictions)
    c = report(a).permit(PERMIT).condition("s5_no_expulsion_interest")
    assert (c.status, c.strength) == (cond, "waivable")
    assert status(a, PERMIT) == ("eligible" if cond == "met" else "waiver_needed")


def test_25_5_all_four_s5_requirements_failing_is_still_only_a_waiver():
    """§ 5 Abs. 3 S. 2: all of § 5 Abs. 1 Nr. 1, 1a, 2, 4 may be set aside together."""
    a = applicant(identity={"clarified": False, "passport": "none"}, livelihood={"own_share": 0},
                  convictions=[{"date": "2020-06-01", "daily_rates": 60}])
    p = report(a).permit(PERMIT)
    assert {c.id for c in p.unmet} == {"s5_livelihood", "s5_identity", "s5_no_expulsion_interest", "s5_passport"}
    assert p.status == "waiver_needed"


# --- S. 2: effect after 18 months of suspended deportation --------------------
# 18 months up to 2026-11-21 need a start on or before 2025-05-22:
# (2025-05-22 − 1 day) + 18 months = 2026-11-21.

@pytest.mark.parametrize("since,effect", [
    pytest.param("2025-05-23", "discretionary", id="below_starts_2025-05-23"),
    pytest.param("2025-05-22", "regular", id="at_starts_2025-05-22"),
    pytest.param("2025-05-21", "regular", id="above_starts_2025-05-21"),
])
def test_25_5_s2_suspended_18_months_makes_it_regular(since, effect):
    """§ 25 Abs. 5 S. 2: "soll" once deportation has been suspended for 18 months; "kann" before (S. 1)."""
    p = report(suspended_since(since)).permit(PERMIT)
    assert p.effect == effect
    assert p.status == "eligible"


@pytest.mark.parametrize("kind", ["duldung_unclear_identity", "training_duldung", "employment_duldung"])
def test_25_5_s2_every_kind_of_duldung_counts(kind):
    """§ 25 Abs. 5 S. 2: the suspension counts with a Duldung of any kind, § 60b included."""
    assert report(suspended_since("2025-05-22", status_=kind)).permit(PERMIT).effect == "regular"
    assert report(suspended_since("2025-05-23", status_=kind)).permit(PERMIT).effect == "discretionary"


@pytest.mark.parametrize("as_of,effect", [
    pytest.param("2026-02-27", "discretionary", id="below_2026-02-27"),
    pytest.param("2026-02-28", "regular", id="at_2026-02-28_clamped"),
])
def test_25_5_s2_18_months_from_august_31_end_on_february_28(as_of, effect):
    """§ 25 Abs. 5 S. 2; § 188 Abs. 3 BGB: begun 2024-08-31, (2024-08-30) + 18 months = 2026-02-30 → 2026-02-28."""
    assert report(suspended_since("2024-08-31", as_of=as_of)).permit(PERMIT).effect == effect


@pytest.mark.parametrize("since,effect", [
    pytest.param("2025-05-23", "discretionary", id="below"),
    pytest.param("2025-05-22", "regular", id="at"),
])
def test_25_5_s2_changing_kinds_of_duldung_add_up(since, effect):
    """§ 25 Abs. 5 S. 2: Duldung, § 60b and § 60c periods running up to as_of are added without a break."""
    a = applicant(stay=[
        {"since": "2015-01-01", "status": "asylum_procedure"},
        {"since": since, "status": "duldung"},
        {"since": "2026-01-01", "status": "duldung_unclear_identity"},
        {"since": "2026-04-01", "status": "training_duldung"},
    ])
    assert report(a).permit(PERMIT).effect == effect


def test_25_5_s2_a_short_absence_breaks_the_suspension():
    """§ 25 Abs. 5 S. 2: "without a break" — no absence is skipped; 12 months after the return are too few."""
    a = applicant(stay=[
        {"since": "2018-01-01", "status": "duldung"},
        {"since": "2025-10-01", "status": "abroad"},
        {"since": "2025-11-01", "status": "duldung"},
    ])
    p = report(a).permit(PERMIT)
    assert p.effect == "discretionary"
    assert p.status == "eligible"


def test_25_5_s2_unlawful_stay_now_means_no_suspension():
    """§ 25 Abs. 5 S. 1, 2: an unlawful stay obliges to leave, but deportation is not suspended → "kann"."""
    a = applicant(stay=[
        {"since": "2017-01-01", "status": "duldung"},
        {"since": "2026-06-01", "status": "unlawful"},
    ])
    p = report(a).permit(PERMIT)
    assert p.condition("obliged_to_leave").status == "met"
    assert p.status == "eligible"
    assert p.effect == "discretionary"


def test_25_5_s2_an_unlawful_gap_breaks_the_suspension():
    """§ 25 Abs. 5 S. 2: a period without status ends the walk; the Duldung before it is lost."""
    a = applicant(stay=[
        {"since": "2017-01-01", "status": "duldung"},
        {"since": "2025-09-01", "status": "unlawful"},
        {"since": "2025-10-01", "status": "duldung"},
    ])
    assert report(a).permit(PERMIT).effect == "discretionary"


def test_25_5_s2_asylum_procedure_is_not_suspension():
    """§ 25 Abs. 5 S. 2: only Duldung periods count, not the asylum procedure before them."""
    a = applicant(stay=[
        {"since": "2015-01-01", "status": "asylum_procedure"},
        {"since": "2026-01-01", "status": "duldung"},
    ])
    assert report(a).permit(PERMIT).effect == "discretionary"


def test_25_5_effect_is_not_status():
    """§ 25 Abs. 5 S. 1, 2: the 18 months decide the effect only; an ineligible person keeps the effect."""
    a = applicant(departure={"impossible": False})
    p = report(a).permit(PERMIT)
    assert p.status == "not_eligible"
    assert p.effect == "regular"


# --- citations ------------------------------------------------------------------

@pytest.mark.parametrize("cond,fragments", [
    ("obliged_to_leave", ["§ 25 Abs. 5 Satz 1"]),
    ("departure_impossible", ["§ 25 Abs. 5 Satz 1"]),
    ("no_end_foreseeable", ["§ 25 Abs. 5 Satz 1"]),
    ("no_fault", ["§ 25 Abs. 5 Satz 3"]),
    ("no_manifestly_unfounded_bar", ["§ 10 Abs. 3 Satz 2"]),
    ("no_security_threat", ["§ 5 Abs. 4"]),
    ("s5_livelihood", ["§ 5 Abs. 1 Nr. 1 ", "§ 5 Abs. 3 Satz 2"]),
    ("s5_identity", ["§ 5 Abs. 1 Nr. 1a", "§ 5 Abs. 3 Satz 2"]),
    ("s5_no_expulsion_interest", ["§ 5 Abs. 1 Nr. 2", "§ 5 Abs. 3 Satz 2"]),
    ("s5_passport", ["§ 5 Abs. 1 Nr. 4", "§ 5 Abs. 3 Satz 2"]),
])
def test_25_5_citations(cond, fragments):
    """§ 25 Abs. 5 (brief, section 4): each condition cites its provision."""
    citation = report(applicant()).permit(PERMIT).condition(cond).citation
    for fragment in fragments:
        assert fragment in citation
