"""§ 26 Abs. 4 AufenthG — settlement permit for other humanitarian holders (permit id "26.4").

Expectations follow the legal brief (../shared/spec/law.md, sections 1–3, 9):
a humanitarian permit now (not `other`, not `104c`), not a temporary title
(24, 25.4, 25.4a, 25.4b; 25.4.2 allowed); 5 years of permit periods of any
basis plus the asylum procedure directly before a permit period, a Duldung
never counting; § 9 Abs. 2 S. 1 Nr. 2 (secured), 3 (60 months' pension, not
while in education), 4 (public order), 7 (B1), 8 (civics), 9 (living space)
— Nr. 2, 3, 7, 8 waived for impairment; § 5 Abs. 1 Nr. 1a, 4 waivable.
Effect: discretionary.
"""

from __future__ import annotations

import pytest
from conftest import merge, person, report
from conftest import period as d

PERMIT = "26.4"
HARD = {"in_force", "humanitarian_permit", "not_temporary_title", "held_5y", "livelihood_secured",
        "pension_60m", "public_order", "german_b1", "civics", "living_space", "no_security_threat"}
WAIVABLE = {"s5_identity", "s5_passport", "lawful_stay_unbroken"}


#: Eligible for § 26 Abs. 4: § 25 Abs. 3 permit since 2020-01-01 after an asylum
#: procedure from 2019-01-01, decided 2026-11-21; secured, 60 months, B1, civics,
#: 9 m² alone, identity clarified, valid passport.
BASE = person(
    as_of="2026-11-21",
    stay=[d("2019-01-01", "asylum_procedure"), d("2020-01-01", "permit", "25.3")],
    identity={"clarified": True, "passport": "valid"},
    german="B1",
    civics_test=True,
    livelihood={"own_share": 100, "health_insurance": True, "pension_months": 60},
    household={"living_space_sqm": 9},
)


def app(**facts):
    return merge(BASE, facts)


def permit(applicant, **kwargs):
    return report(applicant, **kwargs).permit(PERMIT)


def check(applicant, cond_id, cond_status, status, **kwargs):
    p = permit(applicant, **kwargs)
    assert p.condition(cond_id).status == cond_status
    assert p.status == status
    return p


def outcome(cond_status):
    return "eligible" if cond_status == "met" else "not_eligible"


# --- the base applicant --------------------------------------------------------

def test_26_4_base_applicant_eligible():
    """§ 26 Abs. 4 Satz 1: the base applicant meets every condition; effect "kann"."""
    p = permit(BASE)
    assert p.status == "eligible"
    assert p.effect == "discretionary"
    assert {c.id for c in p.conditions} == HARD | WAIVABLE
    assert all(c.status == "met" for c in p.conditions)
    for c in p.conditions:
        assert c.strength == ("waivable" if c.id in WAIVABLE else "hard"), c.id


@pytest.mark.parametrize("cond_id, fragment", [
    pytest.param("humanitarian_permit", "§ 26 Abs. 4", id="humanitarian_permit"),
    pytest.param("held_5y", "§ 9 Abs. 2 Satz 1 Nr. 1", id="held_5y"),
    pytest.param("livelihood_secured", "§ 9 Abs. 2 Satz 1 Nr. 2", id="livelihood"),
    pytest.param("pension_60m", "§ 9 Abs. 2 Satz 1 Nr. 3", id="pension"),
    pytest.param("public_order", "§ 9 Abs. 2 Satz 1 Nr. 4", id="public_order"),
    pytest.param("german_b1", "§ 9 Abs. 2 Satz 1 Nr. 7", id="german"),
    pytest.param("civics", "§ 9 Abs. 2 Satz 1 Nr. 8", id="civics"),
    pytest.param("living_space", "§ 9 Abs. 2 Satz 1 Nr. 9", id="living_space"),
    pytest.param("s5_identity", "§ 5 Abs. 1 Nr. 1a", id="s5_identity"),
    pytest.param("s5_passport", "§ 5 Abs. 1 Nr. 4", id="s5_passport"),
    pytest.param("no_security_threat", "§ 5 Abs. 4", id="security"),
])
def test_26_4_citations(cond_id, fragment):
    """§ 26 Abs. 4: each condition cites its provision."""
    assert fragment in permit(BASE).condition(cond_id).citation


def test_26_4_in_force_from_start_of_coverage():
    """§ 26 Abs. 4: one version for the whole coverage (e.g. 2016-01-01)."""
    a = app(as_of="2016-01-01", stay=[d("2010-01-01", "permit", "25.3")])
    assert permit(a).status == "eligible"


# --- S. 1: a humanitarian permit now, not § 104c ----------------------------------

@pytest.mark.parametrize("basis", ["22", "23.1", "23.2", "23.4", "25.1", "25.2.refugee",
                                   "25.2.subsidiary", "25.3", "25.4.2", "25.5", "25a", "25b"])
def test_26_4_s1_humanitarian_bases(basis):
    """§ 26 Abs. 4 Satz 1: any humanitarian basis (refugee bases of § 26 Abs. 3 included)."""
    a = app(stay=[d("2019-01-01", "asylum_procedure"), d("2020-01-01", "permit", basis)])
    p = check(a, "humanitarian_permit", "met", "eligible")
    assert p.condition("not_temporary_title").status == "met"


@pytest.mark.parametrize("current", [
    pytest.param(d("2025-01-01", "permit", "other"), id="other"),
    pytest.param(d("2025-01-01", "permit", "104c"), id="104c"),
    pytest.param(d("2025-01-01", "duldung"), id="duldung"),
    pytest.param(d("2025-01-01", "settlement_permit"), id="settlement_permit"),
    pytest.param(d("2025-01-01", "unlawful"), id="unlawful"),
])
def test_26_4_s1_humanitarian_permit_required(current):
    """§ 26 Abs. 4 Satz 1: not `other`, not `104c` (§ 104c Abs. 3 S. 4 old / Abs. 2 new),
    and no other status."""
    a = app(stay=BASE["stay"] + [current])
    check(a, "humanitarian_permit", "unmet", "not_eligible")


@pytest.mark.parametrize("basis, expected", [
    pytest.param("24", "unmet", id="24"),
    pytest.param("25.4", "unmet", id="25.4"),
    pytest.param("25.4a", "unmet", id="25.4a"),
    pytest.param("25.4b", "unmet", id="25.4b"),
    pytest.param("25.4.2", "met", id="25.4.2-allowed"),
])
def test_26_4_not_temporary_title(basis, expected):
    """§ 26 Abs. 4 Satz 1 (practice, the Darmstadt page): temporary titles excluded."""
    a = app(stay=[d("2019-01-01", "asylum_procedure"), d("2020-01-01", "permit", basis)])
    p = check(a, "not_temporary_title", expected, outcome(expected))
    assert p.condition("humanitarian_permit").status == "met"


# --- § 9 Abs. 2 S. 1 Nr. 1, § 26 Abs. 4 S. 3: five years ---------------------------

HELD = [
    pytest.param([d("2021-11-22", "permit", "25.3")], "met", id="permit-since-2021-11-22"),
    pytest.param([d("2021-11-23", "permit", "25.3")], "unmet", id="permit-since-2021-11-23"),
    pytest.param([d("2021-11-22", "asylum_procedure"), d("2022-06-01", "permit", "25.3")], "met",
                 id="asylum-directly-before-since-2021-11-22"),
    pytest.param([d("2021-11-23", "asylum_procedure"), d("2022-06-01", "permit", "25.3")], "unmet",
                 id="asylum-directly-before-since-2021-11-23"),
    pytest.param([d("2010-01-01", "duldung"), d("2022-01-01", "permit", "25.5")], "unmet",
                 id="duldung-never-counts"),
    pytest.param([d("2010-01-01", "duldung_unclear_identity"), d("2015-01-01", "training_duldung"),
                  d("2018-01-01", "employment_duldung"), d("2022-01-01", "permit", "25b")], "unmet",
                 id="no-kind-of-duldung-counts"),
    pytest.param([d("2010-01-01", "asylum_procedure"), d("2018-01-01", "duldung"),
                  d("2022-01-01", "permit", "25.5")], "unmet", id="asylum-before-duldung-not-counted"),
    pytest.param([d("2016-01-01", "permit", "other"), d("2024-01-01", "permit", "25.3")], "met",
                 id="permit-of-basis-other-counts"),
    pytest.param([d("2019-01-01", "permit", "25.4"), d("2025-01-01", "permit", "25.3")], "met",
                 id="temporary-permit-period-counts"),
    pytest.param([d("2018-01-01", "permit", "25.5"), d("2020-01-01", "duldung"),
                  d("2023-01-01", "permit", "25.3")], "unmet", id="duldung-of-three-years-ends-the-walk"),
    pytest.param([d("2019-01-01", "permit", "25.5"), d("2021-01-01", "duldung"),
                  d("2022-01-01", "asylum_procedure"), d("2024-01-01", "permit", "25.3")], "met",
                 id="asylum-before-a-later-permit-counts-duldung-of-a-year-bridged"),
    pytest.param([d("2019-01-01", "permit", "25.5"), d("2021-01-01", "duldung"),
                  d("2024-01-01", "permit", "25.3")], "unmet", id="same-without-that-asylum-procedure"),
]


@pytest.mark.parametrize("stay, expected", HELD)
def test_26_4_s3_s9_abs2_nr1_held_5y(stay, expected):
    """§ 26 Abs. 4 Satz 1, 3, § 9 Abs. 2 Satz 1 Nr. 1: 5 years of permit periods (any
    basis) plus asylum procedures directly before a permit period; on 2026-11-21."""
    assert permit(app(stay=stay)).condition("held_5y").status == expected


# --- time held with interruptions: § 85 AufenthG, § 191 BGB (brief, section 9) ------

#: A Duldung between two § 25 Abs. 3 permits, decided 2026-11-21: permit
#: 2019-01-01 – 2021-12-31 (1,096 days), the Duldung from 2022-01-01, the permit
#: again from the day after it; with a bridge, 5 years are 1,825 days (§ 191 BGB).
def interrupted(duldung_until):
    return [d("2019-01-01", "permit", "25.3"), d("2022-01-01", "duldung"),
            d(duldung_until, "permit", "25.3")]


@pytest.mark.parametrize("resume, held, unbroken, status", [
    # 2022-01-01 – 2022-12-31 is exactly one year (X of a year from 2022-01-01): bridged
    pytest.param("2023-01-01", "met", "unmet", "waiver_needed", id="interruption-of-exactly-one-year-bridged"),
    # a year and a day ends the walk: 2023-01-02 – 2026-11-21 alone is under 5 years
    pytest.param("2023-01-02", "unmet", "met", "not_eligible", id="interruption-of-a-year-and-a-day-ends-walk"),
])
def test_26_4_s85_interruption_of_at_most_a_year_bridged(resume, held, unbroken, status):
    """§ 85 AufenthG: an interruption of at most one year is bridged (its days not
    counted) and the authority must disregard it: lawful_stay_unbroken fails as a
    waivable condition; a longer one ends the walk."""
    p = permit(app(stay=interrupted(resume)))
    assert p.condition("held_5y").status == held
    assert p.condition("lawful_stay_unbroken").status == unbroken
    assert p.condition("lawful_stay_unbroken").strength == "waivable"
    assert p.status == status


@pytest.mark.parametrize("first, expected", [
    # 2023-01-01 – 2026-11-21 is 1,421 days; 404 more end on 2021-12-31
    pytest.param("2020-11-23", "met", id="bgb191-1825-days-counted"),
    pytest.param("2020-11-24", "unmet", id="bgb191-1824-days-counted"),
])
def test_26_4_bgb191_365_days_a_year_across_a_bridge(first, expected):
    """§ 191 BGB: with a bridged interruption, 5 years are 365 · 5 = 1,825
    counted days, whatever the leap days."""
    stay = [d(first, "permit", "25.3"), d("2022-01-01", "duldung"), d("2023-01-01", "permit", "25.3")]
    p = permit(app(as_of="2026-11-21", stay=stay))
    assert p.condition("held_5y").status == expected


def test_26_4_bridge_not_needed_when_the_newest_run_suffices():
    """§ 85: the walk stops as soon as the time is counted; an interruption
    older than five continuous years is never bridged."""
    stay = [d("2015-01-01", "permit", "25.3"), d("2019-01-01", "duldung"), d("2019-06-01", "permit", "25.3")]
    p = permit(app(stay=stay))
    assert p.condition("held_5y").status == "met"
    assert p.condition("lawful_stay_unbroken").status == "met"
    assert "counted from 2019-06-01" in p.condition("held_5y").text


def test_26_4_explanation_counts_days_across_a_bridge():
    """§ 191 BGB: across a bridge the explanation says days counted of days
    needed, and names no start day that no period has."""
    p = permit(app(stay=interrupted("2023-01-01")))
    text = p.condition("held_5y").text
    assert "of 1,825 days counted" in text
    assert "counted from" not in text


#: From 2006 on, six months with a permit and a year abroad by turns (each
#: absence bridged), and a permit from 2013-07-01 to 2015-08-01: 1,674 days.
ALTERNATING = [d("2006-01-01", "permit", "25.5"), d("2006-07-01", "abroad"), d("2007-07-01", "permit", "25.5"),
               d("2008-01-01", "abroad"), d("2009-01-01", "permit", "25.5"), d("2009-07-01", "abroad"),
               d("2010-07-01", "permit", "25.5"), d("2011-01-01", "abroad"), d("2012-01-01", "permit", "25.5"),
               d("2012-07-01", "abroad"), d("2013-07-01", "permit", "25.5")]


@pytest.mark.parametrize("duldung_since, expected", [
    # 2004-08-03 – 2004-12-31 is 151 days: 1,674 + 151 = 1,825 (§ 191 BGB)
    pytest.param("2004-08-03", "met", id="duldung-days-before-2005-count-1825"),
    pytest.param("2004-08-04", "unmet", id="duldung-days-before-2005-count-1824"),
])
def test_26_4_s102_abs2_duldung_before_2005(duldung_since, expected):
    """§ 102 Abs. 2 AufenthG: a Duldung counts for its days before 2005-01-01;
    its days from 2005-01-01 to 2005-12-31 (a year) are an interruption, bridged."""
    p = permit(app(as_of="2015-08-01", stay=[d(duldung_since, "duldung"), *ALTERNATING]))
    assert p.condition("held_5y").status == expected
    assert p.condition("lawful_stay_unbroken").status == ("unmet" if expected == "met" else "met")


def test_26_4_s102_abs2_duldung_from_2005_does_not_count():
    """§ 102 Abs. 2 AufenthG: a Duldung from 2005-01-01 on is an interruption;
    one of more than a year ends the walk."""
    stay = [d("2005-01-01", "duldung"), d("2011-01-01", "permit", "25.5")]
    p = permit(app(as_of="2015-08-01", stay=stay))
    assert p.condition("held_5y").status == "unmet"



def test_26_4_held_5y_104c_period_counts():
    """§ 26 Abs. 4 Satz 3: a § 104c permit period is a permit period and counts
    (the current permit is § 25b)."""
    a = app(as_of="2027-12-31", stay=[d("2015-01-01", "duldung"), d("2023-01-01", "permit", "104c"),
                                      d("2025-01-01", "permit", "25b")])
    check(a, "held_5y", "met", "eligible")
    check(app(as_of="2027-12-30", stay=a["stay"]), "held_5y", "unmet", "not_eligible")


# --- Nr. 2: livelihood secured ------------------------------------------------------

@pytest.mark.parametrize("livelihood, expected", [
    pytest.param({"own_share": 100, "health_insurance": True}, "met", id="100-insured"),
    pytest.param({"own_share": 99.5, "health_insurance": True}, "unmet", id="99.5-insured"),
    pytest.param({"own_share": 99, "health_insurance": True}, "unmet", id="99-insured"),
    pytest.param({"own_share": 100, "health_insurance": False}, "unmet", id="100-uninsured"),
])
def test_26_4_s9_abs2_nr2_livelihood_secured(livelihood, expected):
    """§ 9 Abs. 2 Satz 1 Nr. 2: livelihood secured (100 % and health insurance)."""
    check(app(livelihood=livelihood), "livelihood_secured", expected, outcome(expected))


# --- Nr. 3: 60 months of pension contributions -----------------------------------

@pytest.mark.parametrize("months, expected", [
    pytest.param(59, "unmet", id="59"),
    pytest.param(60, "met", id="60"),
    pytest.param(61, "met", id="61"),
    pytest.param(0, "unmet", id="0"),
])
def test_26_4_s9_abs2_nr3_pension_60m(months, expected):
    """§ 9 Abs. 2 Satz 1 Nr. 3: at least 60 months of pension contributions."""
    check(app(livelihood={"pension_months": months}), "pension_60m", expected, outcome(expected))


def test_26_4_s9_abs2_nr3_pension_not_required_in_education():
    """§ 9 Abs. 2 Satz 1 Nr. 3: not required while in school, training or university."""
    p = check(app(livelihood={"pension_months": 0}, education={"in_education": True}),
              "pension_60m", "met", "eligible")
    assert p.condition("pension_60m").waived_by is not None


@pytest.mark.parametrize("law_date", [None, "2021-06-01", "2023-06-01"])
def test_26_4_s9_abs2_nr3_two_waivers_name_one_reason_always_the_same(law_date):
    """§ 9 Abs. 2 Satz 1 Nr. 3 last part and Satz 6: in education and ill,
    both set the pension months aside; the report names one, the first the
    shared texts list (in education), whatever order the answer set has."""
    applicant = app(livelihood={"pension_months": 0}, education={"in_education": True},
                    impairment="illness_or_disability")
    for lang in ("en", "de"):
        p = permit(applicant, law_date=law_date, lang=lang)
        assert p.condition("pension_60m").waived_by == "in_education"


# --- Nr. 4: public order ------------------------------------------------------------

def conv(**kw):
    return {"date": "2024-06-01", **kw}


@pytest.mark.parametrize("convictions, expected", [
    pytest.param([conv(daily_rates=50)], "met", id="general-50-rates"),
    pytest.param([conv(daily_rates=51)], "unmet", id="general-51-rates"),
    pytest.param([conv(daily_rates=90, immigration_offence=True)], "met", id="immigration-90-rates"),
    pytest.param([conv(daily_rates=91, immigration_offence=True)], "unmet", id="immigration-91-rates"),
    pytest.param([conv(daily_rates=50), conv(daily_rates=90, immigration_offence=True)], "met",
                 id="separate-caps"),
    pytest.param([conv(prison_months=1, suspended=True)], "unmet", id="prison-1-month-suspended"),
    pytest.param([conv(prison_months=3)], "unmet", id="prison-3-months"),
    pytest.param([conv(daily_rates=120, intentional=False)], "met", id="negligent-fine"),
    pytest.param([conv(juvenile=True)], "met", id="juvenile-without-custody"),
    pytest.param([conv(juvenile=True, youth_custody_months=6)], "unmet", id="youth-custody-6"),
])
def test_26_4_s9_abs2_nr4_public_order(convictions, expected):
    """§ 9 Abs. 2 Satz 1 Nr. 4: no conviction beyond minor."""
    check(app(convictions=convictions), "public_order", expected, outcome(expected))


# --- Nr. 7: German B1 ----------------------------------------------------------------

@pytest.mark.parametrize("level, expected", [
    pytest.param("none", "unmet", id="none"),
    pytest.param("A1", "unmet", id="A1"),
    pytest.param("A2", "unmet", id="A2"),
    pytest.param("B1", "met", id="B1"),
    pytest.param("B2", "met", id="B2"),
    pytest.param("C2", "met", id="C2"),
])
def test_26_4_s9_abs2_nr7_german_b1(level, expected):
    """§ 9 Abs. 2 Satz 1 Nr. 7: sufficient German (B1)."""
    check(app(german=level), "german_b1", expected, outcome(expected))


# --- Nr. 8: civics -------------------------------------------------------------------

def test_26_4_s9_abs2_nr8_civics_missing_excludes():
    """§ 9 Abs. 2 Satz 1 Nr. 8: basic knowledge of the legal and social order."""
    check(app(civics_test=False), "civics", "unmet", "not_eligible")


# --- impairment waivers (Nr. 2, 3, 7, 8) --------------------------------------------

@pytest.mark.parametrize("facts, cond_id", [
    pytest.param({"livelihood": {"own_share": 0, "health_insurance": False}}, "livelihood_secured",
                 id="livelihood"),
    pytest.param({"livelihood": {"pension_months": 0}}, "pension_60m", id="pension"),
    pytest.param({"german": "none"}, "german_b1", id="german"),
    pytest.param({"civics_test": False}, "civics", id="civics"),
])
@pytest.mark.parametrize("impairment, expected, waived_by", [
    pytest.param("illness_or_disability", "met", "illness_or_disability", id="illness_or_disability_waives"),
    pytest.param("age", "unmet", None, id="age_does_not"),
    pytest.param("none", "unmet", None, id="none"),
])
def test_26_4_illness_or_disability_waives_age_does_not(facts, cond_id, impairment, expected, waived_by):
    """§ 9 Abs. 2 Satz 3, 6 (brief section 9): an illness or disability waives
    livelihood, pension, German and civics; age is no cause (only § 25b
    Abs. 3 counts it)."""
    p = check(app(impairment=impairment, **facts), cond_id, expected,
              "eligible" if expected == "met" else "not_eligible")
    assert p.condition(cond_id).waived_by == waived_by


@pytest.mark.parametrize("facts, cond_id", [
    pytest.param({"stay": [d("2023-01-01", "permit", "25.3")]}, "held_5y", id="held_5y"),
    pytest.param({"convictions": [conv(daily_rates=51)]}, "public_order", id="public_order"),
    pytest.param({"household": {"living_space_sqm": 8}}, "living_space", id="living_space"),
])
def test_26_4_impairment_does_not_waive_the_rest(facts, cond_id):
    """§ 26 Abs. 4 (brief section 9): time held, public order and living space are not waived."""
    check(app(impairment="illness_or_disability", **facts), cond_id, "unmet", "not_eligible")


# --- Nr. 9: living space ---------------------------------------------------------------

@pytest.mark.parametrize("household, expected", [
    pytest.param({"living_space_sqm": 9}, "met", id="alone-9"),
    pytest.param({"living_space_sqm": 8}, "unmet", id="alone-8"),
    pytest.param({"living_space_sqm": 8.99}, "unmet", id="alone-8.99"),
    pytest.param({"living_space_sqm": 18, "spouse_in_household": True}, "met", id="spouse-18"),
    pytest.param({"living_space_sqm": 17, "spouse_in_household": True}, "unmet", id="spouse-17"),
    pytest.param({"living_space_sqm": 24, "spouse_in_household": True,
                  "children": [{"birth_date": "2023-05-01"}]}, "met", id="spouse-child-3-24"),
    pytest.param({"living_space_sqm": 23, "spouse_in_household": True,
                  "children": [{"birth_date": "2023-05-01"}]}, "unmet", id="spouse-child-3-23"),
])
def test_26_4_s9_abs2_nr9_living_space(household, expected):
    """§ 9 Abs. 2 Satz 1 Nr. 9: sufficient living space for the household."""
    check(app(household=household), "living_space", expected, outcome(expected))


# --- § 5 Abs. 1 Nr. 1a, 4: waivable ------------------------------------------------------

@pytest.mark.parametrize("identity, cond_id, cond_status, expected", [
    pytest.param({"clarified": False}, "s5_identity", "unmet", "waiver_needed", id="identity-unclarified"),
    pytest.param({"passport": "none"}, "s5_passport", "unmet", "waiver_needed", id="no-passport"),
    pytest.param({"passport": "substitute"}, "s5_passport", "met", "eligible", id="substitute"),
    pytest.param({"clarified": False, "passport": "none"}, "s5_passport", "unmet", "waiver_needed",
                 id="both-missing"),
])
def test_26_4_s5_abs1_nr1a_nr4_waivable(identity, cond_id, cond_status, expected):
    """§ 5 Abs. 1 Nr. 1a, Nr. 4 with § 5 Abs. 3 Satz 2: waivable for § 26 Abs. 4."""
    check(app(identity=identity), cond_id, cond_status, expected)


def test_26_4_hard_failure_beats_waiver():
    """§ 26 Abs. 4 (brief section 2): a failing hard condition gives not_eligible even
    when a waivable one fails too."""
    assert permit(app(identity={"clarified": False}, civics_test=False)).status == "not_eligible"


def test_26_4_s5_abs4_security_threat_excludes():
    """§ 5 Abs. 4: a security threat is a hard exclusion for § 26 Abs. 4."""
    check(app(security_threat=True), "no_security_threat", "unmet", "not_eligible")


# --- § 26 Abs. 3 holders are evaluated under Abs. 4 too -----------------------------------

def test_26_4_refugee_holder_evaluated_under_both():
    """§ 26 Abs. 4 (brief section 9): a § 25 Abs. 2 refugee holder is evaluated under
    § 26 Abs. 3 and § 26 Abs. 4."""
    r = report(app(stay=[d("2019-01-01", "asylum_procedure"), d("2020-01-01", "permit", "25.2.refugee")]))
    assert r.permit("26.4").status == "eligible"
    assert r.permit("26.3").condition("scope").status == "met"
