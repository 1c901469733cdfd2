"""§ 26 Abs. 3 AufenthG — settlement permit for recognised refugees (permit id "26.3").

Expectations follow the legal brief (../shared/spec/law.md, sections 1–3, 8):
scope 25.1 / 25.2.refugee / 23.4 now; time held = those permit periods up to
as_of plus the asylum procedure directly before the first of them (nothing
else); from 2016-08-06 two routes (5 years: A2, > 50 %, civics, impairment
waivers; 3 years: C1, > 75 %, civics, no waiver) with no revocation notice,
public order and living space for both, § 5 Abs. 1 Nr. 1a, 4 waivable;
2015-08-01 – 2016-08-05: 3 years held and no revocation notice, nothing else.
Effect: entitlement.
"""

from __future__ import annotations

import pytest
from conftest import merge, person, report
from conftest import period as d

PERMIT = "26.3"
ROUTE_5 = {"held_5y", "lawful_stay_unbroken", "livelihood_predominant", "german_a2", "civics"}
ROUTE_3 = {"held_3y", "lawful_stay_unbroken_3y", "german_c1", "livelihood_largely", "civics_strict"}
ROOT = {"in_force", "scope", "no_revocation_notice", "public_order", "living_space",
        "no_security_threat", "s5_identity", "s5_passport"}


#: Route 5 years (S. 1): held since 2018-01-01 (asylum procedure directly before
#: the refugee permit), A2, 60 %, civics test, 9 m² alone. Route 3 fails (A2, 60 %).
R5 = person(
    as_of="2026-11-21",
    stay=[d("2018-01-01", "asylum_procedure"), d("2019-06-01", "permit", "25.2.refugee")],
    identity={"clarified": True, "passport": "substitute"},
    german="A2",
    civics_test=True,
    livelihood={"own_share": 60},
    household={"living_space_sqm": 9},
)

#: Route 3 years (S. 3): held since 2022-06-01 (3 years complete end of
#: 2025-05-31, 5 years not before 2027-05-31), C1, 80 %. Route 5 fails (held_5y).
R3 = merge(R5, {
    "stay": [d("2022-06-01", "asylum_procedure"), d("2023-01-01", "permit", "25.1")],
    "german": "C1",
    "livelihood": {"own_share": 80},
})

#: The first version (2015-08-01 – 2016-08-05): 3 years held, decided
#: 2016-08-05; no German, no income, no civics, no identity, no living space.
OLD = person(
    as_of="2016-08-05",
    stay=[d("2013-01-01", "asylum_procedure"), d("2013-06-01", "permit", "25.2.refugee")],
)


def permit(applicant, **kwargs):
    return report(applicant, **kwargs).permit(PERMIT)


def check(applicant, cond_id, cond_status, status, **kwargs):
    p = permit(applicant, **kwargs)
    assert p.condition(cond_id).status == cond_status
    assert p.status == status
    return p


# --- the base applicants --------------------------------------------------------

def test_26_3_s1_route_5y_base_eligible():
    """§ 26 Abs. 3 Satz 1: the 5-year base applicant is entitled ("ist zu erteilen")."""
    p = permit(R5)
    assert p.status == "eligible"
    assert p.effect == "entitlement"
    assert {c.id for c in p.conditions} == ROOT | ROUTE_5 | ROUTE_3
    for cid in ROOT | ROUTE_5:
        assert p.condition(cid).status == "met", cid
    assert p.condition("german_c1").status == "unmet"
    assert p.condition("livelihood_largely").status == "unmet"
    groups = {g.id: g.status for g in p.groups}
    assert groups["route_5y"] == "met"
    assert groups["route_3y"] == "unmet"


def test_26_3_s3_route_3y_base_eligible():
    """§ 26 Abs. 3 Satz 3: the 3-year base applicant is entitled; route 5 fails on time."""
    p = permit(R3)
    assert p.status == "eligible"
    assert p.effect == "entitlement"
    for cid in ROOT | ROUTE_3:
        assert p.condition(cid).status == "met", cid
    assert p.condition("held_5y").status == "unmet"
    groups = {g.id: g.status for g in p.groups}
    assert groups["route_3y"] == "met"
    assert groups["route_5y"] == "unmet"


WAIVABLE = {"s5_identity", "s5_passport", "lawful_stay_unbroken", "lawful_stay_unbroken_3y"}


@pytest.mark.parametrize("cond_id, strength", [
    pytest.param(c, "hard", id=c) for c in sorted((ROUTE_5 | ROUTE_3 | ROOT) - WAIVABLE)
] + [pytest.param(c, "waivable", id=c) for c in sorted(WAIVABLE)])
def test_26_3_strengths(cond_id, strength):
    """§ 26 Abs. 3 (brief section 8): all conditions hard except § 5 Abs. 1 Nr. 1a, 4
    and § 85 (lawful_stay_unbroken on each route's walk)."""
    assert permit(R5).condition(cond_id).strength == strength


@pytest.mark.parametrize("cond_id, fragment", [
    pytest.param("held_5y", "§ 26 Abs. 3 Satz 1 Nr. 1", id="held_5y"),
    pytest.param("no_revocation_notice", "Nr. 2", id="revocation"),
    pytest.param("livelihood_predominant", "Nr. 3", id="livelihood_predominant"),
    pytest.param("german_a2", "Nr. 4", id="german_a2"),
    pytest.param("public_order", "§ 9 Abs. 2 Satz 1 Nr. 4", id="public_order"),
    pytest.param("civics", "§ 9 Abs. 2 Satz 1 Nr. 8", id="civics"),
    pytest.param("living_space", "§ 9 Abs. 2 Satz 1 Nr. 9", id="living_space"),
    pytest.param("held_3y", "§ 26 Abs. 3 Satz 3 Nr. 1", id="held_3y"),
    pytest.param("german_c1", "Satz 3 Nr. 3", id="german_c1"),
    pytest.param("livelihood_largely", "Satz 3 Nr. 4", id="livelihood_largely"),
    pytest.param("s5_identity", "§ 5 Abs. 1 Nr. 1a", id="s5_identity"),
    pytest.param("s5_passport", "§ 5 Abs. 1 Nr. 4", id="s5_passport"),
])
def test_26_3_citations(cond_id, fragment):
    """§ 26 Abs. 3: each condition cites its provision."""
    assert fragment in permit(R5).condition(cond_id).citation


# --- scope ------------------------------------------------------------------------

@pytest.mark.parametrize("basis", ["25.1", "25.2.refugee", "23.4"])
def test_26_3_s1_scope_refugee_bases(basis):
    """§ 26 Abs. 3 Satz 1: a permit under § 25 Abs. 1, § 25 Abs. 2 (refugee) or § 23 Abs. 4."""
    a = merge(R5, {"stay": [d("2018-01-01", "asylum_procedure"), d("2019-06-01", "permit", basis)]})
    check(a, "scope", "met", "eligible")


@pytest.mark.parametrize("law_date, bases, revocation", [
    pytest.param("2026-06-11", "§ 25 Abs. 1 oder Abs. 2 Satz 1 erste Alternative AufenthG",
                 "(Widerruf oder Rücknahme)", id="2026-06-11_first_alternative"),
    pytest.param("2026-06-12", "§ 25 Abs. 1 oder Abs. 2 Satz 1 AufenthG",
                 "(Entzug, Widerruf oder Rücknahme)", id="2026-06-12_geas"),
])
def test_26_3_s1_names_the_refugee_bases_and_the_notice_as_the_law_of_the_day(law_date, bases, revocation):
    """§ 26 Abs. 3 Satz 1 and Nr. 2 (brief, section 10): the GEAS adaptation
    act (2026-06-12) renumbered § 25 Abs. 2 (refugee status now Satz 1) and
    names "Entzug, Widerruf oder Rücknahme"; the scope cites the bases as the
    law of the day does, and the outcome stays."""
    p = check(R5, "scope", "met", "eligible", law_date=law_date)
    assert p.condition("scope").citation == f"§ 26 Abs. 3 Satz 1 AufenthG; {bases}"
    assert revocation in p.condition("no_revocation_notice").text
    outside = permit(merge(R5, {"stay": [d("2019-06-01", "permit", "25.2.subsidiary")]}), law_date=law_date)
    assert bases in outside.condition("scope").text


@pytest.mark.parametrize("current", [
    pytest.param(d("2025-01-01", "permit", "25.2.subsidiary"), id="subsidiary-protection"),
    pytest.param(d("2025-01-01", "permit", "25.3"), id="25.3"),
    pytest.param(d("2025-01-01", "permit", "25.5"), id="25.5"),
    pytest.param(d("2025-01-01", "permit", "other"), id="other"),
    pytest.param(d("2025-01-01", "settlement_permit"), id="settlement_permit"),
    pytest.param(d("2025-01-01", "duldung"), id="duldung"),
])
def test_26_3_s1_scope_other_status_excluded(current):
    """§ 26 Abs. 3 Satz 1: scope needs a refugee basis now, not an earlier one."""
    a = merge(R5, {"stay": R5["stay"] + [current]})
    check(a, "scope", "unmet", "not_eligible")


# --- time held: 5 years (route S. 1) ---------------------------------------------

HELD_5Y = [
    pytest.param([d("2021-11-22", "permit", "25.2.refugee")], "met", id="permit-since-2021-11-22"),
    pytest.param([d("2021-11-23", "permit", "25.2.refugee")], "unmet", id="permit-since-2021-11-23"),
    pytest.param([d("2021-11-22", "asylum_procedure"), d("2023-01-01", "permit", "25.2.refugee")], "met",
                 id="asylum-directly-before-since-2021-11-22"),
    pytest.param([d("2021-11-23", "asylum_procedure"), d("2023-01-01", "permit", "25.2.refugee")], "unmet",
                 id="asylum-directly-before-since-2021-11-23"),
    pytest.param([d("2021-11-22", "permit", "23.4")], "met", id="23.4-since-2021-11-22"),
    pytest.param([d("2021-11-22", "asylum_procedure"), d("2022-06-01", "permit", "25.2.refugee"),
                  d("2024-01-01", "permit", "25.1")], "met", id="refugee-bases-change"),
    pytest.param([d("2015-01-01", "duldung"), d("2022-01-01", "permit", "25.2.refugee")], "unmet",
                 id="duldung-not-counted"),
    pytest.param([d("2015-01-01", "asylum_procedure"), d("2018-01-01", "duldung"),
                  d("2022-01-01", "permit", "25.2.refugee")], "unmet",
                 id="asylum-not-directly-before-not-counted"),
    pytest.param([d("2015-01-01", "asylum_procedure"), d("2016-06-01", "permit", "25.2.subsidiary"),
                  d("2022-01-01", "permit", "25.2.refugee")], "unmet",
                 id="asylum-before-subsidiary-status-not-counted"),
    pytest.param([d("2015-01-01", "permit", "25.2.subsidiary"), d("2022-01-01", "permit", "25.2.refugee")],
                 "unmet", id="subsidiary-period-not-counted"),
    # a three-year asylum procedure ends the walk; the permit after it is the
    # first of the walk, so the procedure before it counts (2021-01-01 on)
    pytest.param([d("2020-01-01", "permit", "25.2.refugee"), d("2021-01-01", "asylum_procedure"),
                  d("2024-01-01", "permit", "25.2.refugee")], "met",
                 id="asylum-before-first-refugee-period-of-the-walk-counted"),
]


@pytest.mark.parametrize("stay, held, status", [
    # a year abroad (2021-06-01 – 2022-05-31) between two refugee permits is
    # bridged (§ 85): 365 + 1,635 days >= 1,825 (§ 191 BGB), by waiver
    pytest.param([d("2020-06-01", "permit", "25.1"), d("2021-06-01", "abroad"),
                  d("2022-06-01", "permit", "25.1")], "met", "waiver_needed", id="abroad-one-year-bridged"),
    pytest.param([d("2020-06-01", "permit", "25.1"), d("2021-06-01", "abroad"),
                  d("2022-06-02", "permit", "25.1")], "unmet", "not_eligible", id="abroad-a-year-and-a-day-ends-walk"),
    # an asylum procedure between two refugee permits of the walk is an
    # interruption, not credited: 2019-01-01 – 2020-12-31 and 2022-01-01 on
    pytest.param([d("2019-01-01", "permit", "25.2.refugee"), d("2021-01-01", "asylum_procedure"),
                  d("2022-01-01", "permit", "25.2.refugee")], "met", "waiver_needed",
                 id="asylum-between-refugee-permits-bridged-not-credited"),
])
def test_26_3_s1_nr1_held_5y_s85_bridge(stay, held, status):
    """§ 26 Abs. 3 Satz 1 Nr. 1 with § 85 AufenthG: an interruption of at most a
    year is bridged; lawful_stay_unbroken (waivable) fails where the five
    years are reached only across it."""
    p = permit(merge(R5, {"stay": stay}))
    assert p.condition("held_5y").status == held
    assert p.condition("lawful_stay_unbroken").status == ("unmet" if held == "met" else "met")
    assert p.status == status


def test_26_3_s85_each_route_walks_for_its_own_time():
    """§ 26 Abs. 3 Satz 3 with § 85: the three-year route is reached without the
    bridge (2023-03-01 on), so it is eligible while the five-year route needs it."""
    stay = [d("2018-01-01", "asylum_procedure"), d("2019-01-01", "permit", "25.2.refugee"),
            d("2022-09-01", "duldung"), d("2023-03-01", "permit", "25.2.refugee")]
    p = permit(merge(R5, {"stay": stay, "german": "C1", "livelihood": {"own_share": 80}}))
    assert p.condition("lawful_stay_unbroken").status == "unmet"
    assert p.condition("lawful_stay_unbroken_3y").status == "met"
    assert p.status == "eligible"


@pytest.mark.parametrize("stay, expected", HELD_5Y)
def test_26_3_s1_nr1_held_5y(stay, expected):
    """§ 26 Abs. 3 Satz 1 Nr. 1: 5 years held (refugee permits + the asylum
    procedure directly before the first of them), on 2026-11-21."""
    check(merge(R5, {"stay": stay}), "held_5y", expected,
          "eligible" if expected == "met" else "not_eligible")


# --- time held: 3 years (route S. 3) ---------------------------------------------

HELD_3Y = [
    pytest.param([d("2023-11-22", "permit", "25.1")], "met", id="permit-since-2023-11-22"),
    pytest.param([d("2023-11-23", "permit", "25.1")], "unmet", id="permit-since-2023-11-23"),
    pytest.param([d("2023-11-22", "asylum_procedure"), d("2024-06-01", "permit", "25.1")], "met",
                 id="asylum-directly-before-since-2023-11-22"),
    pytest.param([d("2023-11-23", "asylum_procedure"), d("2024-06-01", "permit", "25.1")], "unmet",
                 id="asylum-directly-before-since-2023-11-23"),
    pytest.param([d("2020-01-01", "duldung"), d("2024-06-01", "permit", "25.1")], "unmet",
                 id="duldung-not-counted"),
]


@pytest.mark.parametrize("stay, expected", HELD_3Y)
def test_26_3_s3_nr1_held_3y(stay, expected):
    """§ 26 Abs. 3 Satz 3 Nr. 1: 3 years held, on 2026-11-21."""
    check(merge(R3, {"stay": stay}), "held_3y", expected,
          "eligible" if expected == "met" else "not_eligible")


# --- both routes: revocation notice, public order, living space ---------------------

@pytest.mark.parametrize("base", [pytest.param(R5, id="route-5y"), pytest.param(R3, id="route-3y")])
def test_26_3_s1_nr2_revocation_notice_excludes(base):
    """§ 26 Abs. 3 Satz 1 Nr. 2 (and Satz 3 Nr. 2): no revocation notice by the BAMF."""
    check(merge(base, {"asylum": {"revocation_notice": True}}), "no_revocation_notice", "unmet", "not_eligible")


def conv(**kw):
    return {"date": "2024-06-01", **kw}


PUBLIC_ORDER = [
    pytest.param([conv(daily_rates=50)], "met", id="general-50-rates"),
    pytest.param([conv(daily_rates=51)], "unmet", id="general-51-rates"),
    pytest.param([conv(daily_rates=90, immigration_offence=True)], "met", id="immigration-90-rates"),
    pytest.param([conv(daily_rates=91, immigration_offence=True)], "unmet", id="immigration-91-rates"),
    pytest.param([conv(daily_rates=50), conv(daily_rates=90, immigration_offence=True)], "met",
                 id="separate-caps"),
    pytest.param([conv(prison_months=1, suspended=True)], "unmet", id="prison-1-month-suspended"),
    pytest.param([conv(prison_months=1, intentional=False)], "met", id="prison-negligent"),
    pytest.param([conv(juvenile=True)], "met", id="juvenile-without-custody"),
    pytest.param([conv(juvenile=True, youth_custody_months=3, suspended=True)], "unmet",
                 id="youth-custody-suspended"),
]


@pytest.mark.parametrize("base", [pytest.param(R5, id="route-5y"), pytest.param(R3, id="route-3y")])
@pytest.mark.parametrize("convictions, expected", PUBLIC_ORDER)
def test_26_3_s1_nr5_public_order(base, convictions, expected):
    """§ 26 Abs. 3 Satz 1 Nr. 5, § 9 Abs. 2 Satz 1 Nr. 4: no conviction beyond minor."""
    check(merge(base, {"convictions": convictions}), "public_order", expected,
          "eligible" if expected == "met" else "not_eligible")


LIVING_SPACE = [
    pytest.param({"living_space_sqm": 9}, "met", id="alone-9"),
    pytest.param({"living_space_sqm": 8}, "unmet", id="alone-8"),
    pytest.param({"living_space_sqm": 8.5}, "unmet", id="alone-8.5"),
    pytest.param({"living_space_sqm": 18, "spouse_in_household": True}, "met", id="spouse-18"),
    pytest.param({"living_space_sqm": 17, "spouse_in_household": True}, "unmet", id="spouse-17"),
    pytest.param({"living_space_sqm": 24, "spouse_in_household": True,
                  "children": [{"birth_date": "2023-05-01"}]}, "met", id="spouse-child-3-24"),
    pytest.param({"living_space_sqm": 23, "spouse_in_household": True,
                  "children": [{"birth_date": "2023-05-01"}]}, "unmet", id="spouse-child-3-23"),
]


@pytest.mark.parametrize("base", [pytest.param(R5, id="route-5y"), pytest.param(R3, id="route-3y")])
@pytest.mark.parametrize("household, expected", LIVING_SPACE)
def test_26_3_s1_nr5_living_space(base, household, expected):
    """§ 26 Abs. 3 Satz 1 Nr. 5, § 9 Abs. 2 Satz 1 Nr. 9: enough living space."""
    check(merge(base, {"household": household}), "living_space", expected,
          "eligible" if expected == "met" else "not_eligible")


# --- route 5 years: livelihood > 50 %, A2, civics; impairment waives ------------------

@pytest.mark.parametrize("share, expected", [
    pytest.param(50, "unmet", id="50"),
    pytest.param(50.5, "met", id="50.5"),
    pytest.param(51, "met", id="51"),
    pytest.param(0, "unmet", id="0"),
])
def test_26_3_s1_nr3_livelihood_predominant(share, expected):
    """§ 26 Abs. 3 Satz 1 Nr. 3: livelihood predominantly secured (more than 50 %)."""
    check(merge(R5, {"livelihood": {"own_share": share}}), "livelihood_predominant", expected,
          "eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("level, expected", [
    pytest.param("none", "unmet", id="none"),
    pytest.param("A1", "unmet", id="A1"),
    pytest.param("A2", "met", id="A2"),
    pytest.param("B1", "met", id="B1"),
])
def test_26_3_s1_nr4_german_a2(level, expected):
    """§ 26 Abs. 3 Satz 1 Nr. 4: sufficient German (A2)."""
    check(merge(R5, {"german": level}), "german_a2", expected,
          "eligible" if expected == "met" else "not_eligible")


def test_26_3_s1_nr5_civics_missing_excludes():
    """§ 26 Abs. 3 Satz 1 Nr. 5, § 9 Abs. 2 Satz 1 Nr. 8: civic knowledge required."""
    check(merge(R5, {"civics_test": False}), "civics", "unmet", "not_eligible")


@pytest.mark.parametrize("facts, cond_id", [
    pytest.param({"livelihood": {"own_share": 0}}, "livelihood_predominant", id="livelihood"),
    pytest.param({"german": "none"}, "german_a2", id="german"),
    pytest.param({"civics_test": False}, "civics", id="civics"),
])
@pytest.mark.parametrize("impairment, expected, waived_by", [
    pytest.param("illness_or_disability", "met", "illness_or_disability", id="illness_or_disability_waives"),
    pytest.param("age", "unmet", None, id="age_does_not"),
    pytest.param("none", "unmet", None, id="none"),
])
def test_26_3_s2_illness_or_disability_waives_route_5y_age_does_not(facts, cond_id, impairment, expected, waived_by):
    """§ 26 Abs. 3 Satz 2 (with § 9 Abs. 2 Satz 3, 6): an illness or disability
    waives livelihood, German and civics on the 5-year route; age is no cause
    (only § 25b Abs. 3 counts it; brief, section 8)."""
    p = check(merge(R5, {**facts, "impairment": impairment}), cond_id, expected,
              "eligible" if expected == "met" else "not_eligible")
    assert p.condition(cond_id).waived_by == waived_by


def test_26_3_s2_impairment_waives_all_three_at_once():
    """§ 26 Abs. 3 Satz 2: no German, no income, no civics test, but impaired: eligible."""
    a = merge(R5, {"german": "none", "civics_test": False, "livelihood": {"own_share": 0},
                   "impairment": "illness_or_disability"})
    assert permit(a).status == "eligible"


def test_26_3_s2_impairment_does_not_waive_held_5y():
    """§ 26 Abs. 3 Satz 2: impairment waives Nr. 3–5 only, not the time held."""
    a = merge(R5, {"stay": [d("2023-01-01", "permit", "25.1")], "impairment": "illness_or_disability"})
    check(a, "held_5y", "unmet", "not_eligible")


# --- S. 2: livelihood not required at the standard retirement age ----------------------

@pytest.mark.parametrize("birth, as_of, expected", [
    # born 1960-03-01: 66 years and 4 months (§ 235 Abs. 2 SGB VI), reached 2026-07-01
    pytest.param("1960-03-01", "2026-06-30", "unmet", id="1960-day-before-retirement-age"),
    pytest.param("1960-03-01", "2026-07-01", "met", id="1960-day-of-retirement-age"),
    # born 1946-05-10: 65 years, reached 2011-05-10 (long before)
    pytest.param("1946-05-10", "2026-07-01", "met", id="1946-65-years"),
    # born 1950-01-31: 65 years and 4 months: X = 2015-05-30, reached 2015-05-31
    pytest.param("1950-01-31", "2016-08-06", "met", id="1950-65y-4m"),
    # born 1964-12-01: 67 years, reached 2031-12-01
    pytest.param("1964-12-01", "2031-11-30", "unmet", id="1964-day-before-67"),
    pytest.param("1964-12-01", "2031-12-01", "met", id="1964-day-of-67"),
])
def test_26_3_s2_retirement_age_waives_livelihood(birth, as_of, expected):
    """§ 26 Abs. 3 Satz 2 with § 35 Satz 2, § 235 Abs. 2 SGB VI: no livelihood
    requirement (Nr. 3) once the standard retirement age is reached."""
    a = merge(R5, {"birth_date": birth, "as_of": as_of, "livelihood": {"own_share": 0},
                   "stay": [d("2010-01-01", "permit", "25.1")]})
    p = permit(a)
    assert p.condition("livelihood_predominant").status == expected
    if expected == "met":
        assert p.condition("livelihood_predominant").waived_by == "retirement_age"
        assert p.status == "eligible"


def test_26_3_s3_retirement_age_does_not_waive_route_3y():
    """§ 26 Abs. 3 Satz 3 Nr. 4: the three-year route keeps its livelihood test."""
    a = merge(R5, {"birth_date": "1950-01-01", "livelihood": {"own_share": 0}})
    assert permit(a).condition("livelihood_largely").status == "unmet"


# --- route 3 years: C1, > 75 %, civics; no waiver --------------------------------------

@pytest.mark.parametrize("level, expected", [
    pytest.param("B1", "unmet", id="B1"),
    pytest.param("B2", "unmet", id="B2"),
    pytest.param("C1", "met", id="C1"),
    pytest.param("C2", "met", id="C2"),
])
def test_26_3_s3_nr3_german_c1(level, expected):
    """§ 26 Abs. 3 Satz 3 Nr. 3: German at C1."""
    check(merge(R3, {"german": level}), "german_c1", expected,
          "eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("share, expected", [
    pytest.param(60, "unmet", id="60"),
    pytest.param(75, "unmet", id="75"),
    pytest.param(75.5, "met", id="75.5"),
    pytest.param(76, "met", id="76"),
])
def test_26_3_s3_nr4_livelihood_largely(share, expected):
    """§ 26 Abs. 3 Satz 3 Nr. 4: livelihood largely secured (more than 75 %)."""
    check(merge(R3, {"livelihood": {"own_share": share}}), "livelihood_largely", expected,
          "eligible" if expected == "met" else "not_eligible")


def test_26_3_s3_nr5_civics_missing_excludes():
    """§ 26 Abs. 3 Satz 3 Nr. 5, § 9 Abs. 2 Satz 1 Nr. 8: civic knowledge required."""
    check(merge(R3, {"civics_test": False}), "civics_strict", "unmet", "not_eligible")


@pytest.mark.parametrize("facts, cond_id", [
    pytest.param({"german": "B2"}, "german_c1", id="german"),
    pytest.param({"livelihood": {"own_share": 70}}, "livelihood_largely", id="livelihood"),
    pytest.param({"civics_test": False}, "civics_strict", id="civics"),
])
def test_26_3_s3_no_impairment_waiver_on_route_3y(facts, cond_id):
    """§ 26 Abs. 3 Satz 3: the 3-year route has no impairment waiver."""
    p = check(merge(R3, {**facts, "impairment": "illness_or_disability"}), cond_id, "unmet", "not_eligible")
    assert p.condition(cond_id).waived_by is None


def test_26_3_s1_s3_route_5y_c1_alone_not_enough_without_3y():
    """§ 26 Abs. 3 Satz 3: C1 and 80 % do not help with less than 3 years held."""
    a = merge(R3, {"stay": [d("2024-06-01", "permit", "25.1")]})
    p = permit(a)
    assert p.condition("held_3y").status == "unmet"
    assert p.status == "not_eligible"


# --- § 5 Abs. 1 Nr. 1a, 4: waivable -------------------------------------------------

@pytest.mark.parametrize("base", [pytest.param(R5, id="route-5y"), pytest.param(R3, id="route-3y")])
@pytest.mark.parametrize("identity, cond_id, cond_status, expected", [
    pytest.param({"clarified": False}, "s5_identity", "unmet", "waiver_needed", id="identity-unclarified"),
    pytest.param({"passport": "none"}, "s5_passport", "unmet", "waiver_needed", id="no-passport"),
    pytest.param({"passport": "substitute"}, "s5_passport", "met", "eligible", id="refugee-travel-document"),
    pytest.param({"passport": "valid"}, "s5_passport", "met", "eligible", id="valid-passport"),
])
def test_26_3_s5_abs1_nr1a_nr4_waivable(base, identity, cond_id, cond_status, expected):
    """§ 5 Abs. 1 Nr. 1a, Nr. 4 with § 5 Abs. 3 Satz 2: waivable for § 26 Abs. 3."""
    check(merge(base, {"identity": identity}), cond_id, cond_status, expected)


def test_26_3_hard_failure_beats_waiver():
    """§ 26 Abs. 3 (brief section 2): a failing hard condition gives not_eligible
    even when a waivable one fails too."""
    a = merge(R5, {"identity": {"clarified": False}, "asylum": {"revocation_notice": True}})
    assert permit(a).status == "not_eligible"


def test_26_3_s5_abs4_security_threat_excludes():
    """§ 5 Abs. 4: a security threat is a hard exclusion for § 26 Abs. 3."""
    check(merge(R5, {"security_threat": True}), "no_security_threat", "unmet", "not_eligible")


# --- the first version: 2015-08-01 – 2016-08-05 ---------------------------------------


OLD_CONDITIONS = {"in_force", "scope", "held_3y", "lawful_stay_unbroken", "no_revocation_notice",
                  "no_security_threat"}


def test_26_3_old_version_2016_08_05_only_3y_and_no_revocation():
    """§ 26 Abs. 3 (version to 2016-08-05): 3 years and no revocation notice;
    nothing else, not even § 5 Abs. 1."""
    p = permit(OLD)
    assert {c.id for c in p.conditions} == OLD_CONDITIONS
    assert p.status == "eligible"
    assert p.effect == "entitlement"


def test_26_3_new_version_2016_08_06_same_facts_not_eligible():
    """§ 26 Abs. 3 (version from 2016-08-06, Integrationsgesetz): the same facts
    one day later fail both routes."""
    p = permit(merge(OLD, {"as_of": "2016-08-06"}))
    assert ROUTE_5 | ROUTE_3 <= {c.id for c in p.conditions}
    assert p.status == "not_eligible"


@pytest.mark.parametrize("law_date, expected, version_conditions", [
    pytest.param("2016-08-05", "eligible", OLD_CONDITIONS, id="law-2016-08-05-old"),
    pytest.param("2016-08-06", "not_eligible", OLD_CONDITIONS | ROUTE_5 | ROUTE_3 | ROOT, id="law-2016-08-06-new"),
])
def test_26_3_change_over_by_law_date(law_date, expected, version_conditions):
    """§ 26 Abs. 3: facts of 2016-08-06 under the law of 2016-08-05 / 2016-08-06."""
    p = permit(merge(OLD, {"as_of": "2016-08-06"}), law_date=law_date)
    assert {c.id for c in p.conditions} == version_conditions
    assert p.status == expected


@pytest.mark.parametrize("facts", [
    pytest.param({"convictions": [conv(date="2016-01-01", prison_months=24)]}, id="prison-24-months"),
    pytest.param({"identity": {"clarified": False, "passport": "none"}}, id="no-identity-no-passport"),
    pytest.param({"household": {"living_space_sqm": 0, "spouse_in_household": True}}, id="no-living-space"),
])
def test_26_3_old_version_nothing_else_applied(facts):
    """§ 26 Abs. 3 (version to 2016-08-05): public order, living space and § 5 Abs. 1
    were not applied: still eligible, no waiver needed."""
    assert permit(merge(OLD, facts)).status == "eligible"


@pytest.mark.parametrize("stay, expected", [
    pytest.param([d("2013-08-06", "permit", "25.2.refugee")], "met", id="permit-since-2013-08-06"),
    pytest.param([d("2013-08-07", "permit", "25.2.refugee")], "unmet", id="permit-since-2013-08-07", ),
    pytest.param([d("2013-08-06", "asylum_procedure"), d("2014-01-01", "permit", "25.1")], "unmet",
                 id="no-asylum-credit-in-the-2015-version", ),
    pytest.param([d("2010-01-01", "duldung"), d("2014-01-01", "permit", "25.1")], "unmet",
                 id="duldung-not-counted", ),
])
def test_26_3_old_version_s1_held_3y(stay, expected):
    """§ 26 Abs. 3 Satz 1 (version to 2016-08-05): 3 years held on 2016-08-05."""
    check(merge(OLD, {"stay": stay}), "held_3y", expected,
          "eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("as_of, expected", [
    pytest.param("2016-08-05", "unmet", id="2016-08-05-no-asylum-credit"),
    pytest.param("2016-08-06", "met", id="2016-08-06-asylum-procedure-credited"),
])
def test_26_3_asylum_credit_from_2016_08_06(as_of, expected):
    """§ 26 Abs. 3 Satz 3 (version from 2016-08-06): the asylum procedure before the
    first refugee permit counts ("abweichend von § 55 Abs. 3 AsylG"); the 2015
    version has no such credit. Asylum 2013-08-06, permit 2014-01-01."""
    stay = [d("2013-08-06", "asylum_procedure"), d("2014-01-01", "permit", "25.1")]
    assert permit(merge(OLD, {"as_of": as_of, "stay": stay})).condition("held_3y").status == expected


def test_26_3_old_version_revocation_notice_excludes():
    """§ 26 Abs. 3 (version to 2016-08-05): a revocation notice excludes."""
    check(merge(OLD, {"asylum": {"revocation_notice": True}}), "no_revocation_notice", "unmet", "not_eligible")


def test_26_3_old_version_scope():
    """§ 26 Abs. 3 Satz 1 (version to 2016-08-05): subsidiary protection is not in scope."""
    a = merge(OLD, {"stay": [d("2013-01-01", "asylum_procedure"), d("2013-06-01", "permit", "25.2.subsidiary")]})
    check(a, "scope", "unmet", "not_eligible")


def test_26_3_old_version_security_threat_excludes():
    """§ 5 Abs. 4: a security threat excludes under the first version too."""
    check(merge(OLD, {"security_threat": True}), "no_security_threat", "unmet", "not_eligible")


def test_26_3_old_version_first_day_of_coverage():
    """§ 26 Abs. 3 (version to 2016-08-05) on 2015-08-01, the first day covered."""
    a = merge(OLD, {"as_of": "2015-08-01", "stay": [d("2012-08-01", "permit", "25.1")]})
    p = permit(a)
    assert p.condition("held_3y").status == "met"
    assert p.status == "eligible"


def test_26_3_s3_s85_three_year_route_across_a_bridge():
    """§ 26 Abs. 3 Satz 3 Nr. 1 with § 85 and § 191 BGB: 2022-01-01 – 2023-12-31
    and 2024-06-01 on (1,634 days >= 1,095) reach three years only across five
    months abroad: lawful_stay_unbroken_3y fails (waivable); the five-year
    route is not reached, so its own condition is met."""
    stay = [d("2022-01-01", "permit", "25.1"), d("2024-01-01", "abroad"), d("2024-06-01", "permit", "25.1")]
    p = permit(merge(R5, {"stay": stay, "german": "C1", "livelihood": {"own_share": 80}}))
    assert p.condition("held_3y").status == "met"
    assert p.condition("lawful_stay_unbroken_3y").status == "unmet"
    assert p.condition("held_5y").status == "unmet"
    assert p.condition("lawful_stay_unbroken").status == "met"
    assert p.status == "waiver_needed"
