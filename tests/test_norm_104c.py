"""§ 104c AufenthG — Chancen-Aufenthaltsrecht (permit id "104c").

Every expectation follows the legal brief (../shared/spec/law.md, sections
1, 2 and 7): grants 2022-12-31 … 2025-12-30; a Duldung of any kind now;
5 years of uninterrupted stay on 2022-10-31 (asylum procedure, any Duldung
incl. § 60b, permit; one short absence skipped, not counted); commitment to
the free democratic order; no conviction beyond minor; no repeated deception
preventing deportation. § 5 Abs. 1 Nr. 1, 1a, 4 do not apply. Effect regular.
"""

from __future__ import annotations

import pytest
from conftest import merge, person, report
from conftest import period as d

PERMIT = "104c"

#: Eligible for § 104c: tolerated since 2017-01-01, decided in 2024.
#: Deliberately nothing else: no identity, no passport, no income (§ 5 Abs. 1
#: Nr. 1, 1a and 4 do not apply to § 104c).
BASE = person(
    as_of="2024-06-01",
    stay=[{"since": "2017-01-01", "status": "duldung"}],
    fdgo_commitment=True,
)

ALL_CONDITIONS = {
    "in_force", "tolerated", "stay_5y_on_2022_10_31", "fdgo_commitment",
    "no_conviction", "no_repeated_deception", "no_security_threat",
}


def app(**facts):
    return merge(BASE, facts)


def permit(applicant, **kwargs):
    return report(applicant, **kwargs).permit(PERMIT)


# --- the base applicant ---------------------------------------------------------

def test_104c_abs1_base_applicant_eligible():
    """§ 104c Abs. 1: the base applicant meets every condition; effect "soll" (regular)."""
    p = permit(BASE)
    assert p.status == "eligible"
    assert p.effect == "regular"
    assert {c.id for c in p.conditions} == ALL_CONDITIONS
    assert all(c.status == "met" for c in p.conditions)
    assert all(c.strength == "hard" for c in p.conditions)


def test_104c_abs1_s1_section5_nr1_1a_4_not_applied():
    """§ 104c Abs. 1 S. 1 sets aside § 5 Abs. 1 Nr. 1, 1a, 4: no s5_* condition,
    so no identity, no passport and no income still give `eligible`."""
    p = permit(app(identity={"clarified": False, "passport": "none"},
                   livelihood={"own_share": 0, "health_insurance": False}))
    assert not [c.id for c in p.conditions if c.id.startswith("s5_")]
    assert p.status == "eligible"


@pytest.mark.parametrize("cond_id, fragment", [
    pytest.param("tolerated", "§ 104c Abs. 1 Satz 1", id="tolerated"),
    pytest.param("stay_5y_on_2022_10_31", "§ 104c Abs. 1 Satz 1", id="stay"),
    pytest.param("fdgo_commitment", "Nr. 1", id="fdgo"),
    pytest.param("no_conviction", "Nr. 2", id="conviction"),
    pytest.param("no_repeated_deception", "Satz 2", id="deception"),
    pytest.param("no_security_threat", "§ 5 Abs. 4", id="security"),
])
def test_104c_citations(cond_id, fragment):
    """§ 104c Abs. 1: each condition cites its provision."""
    assert fragment in permit(BASE).condition(cond_id).citation


# --- in force: grants 2022-12-31 … 2025-12-30 ----------------------------------

@pytest.mark.parametrize("as_of, in_force, expected", [
    pytest.param("2022-12-30", "unmet", "not_eligible", id="2022-12-30-before"),
    pytest.param("2022-12-31", "met", "eligible", id="2022-12-31-first-day"),
    pytest.param("2025-12-30", "met", "eligible", id="2025-12-30-last-day"),
    pytest.param("2025-12-31", "unmet", "not_eligible", id="2025-12-31-transitional-only"),
    pytest.param("2026-11-21", "unmet", "not_eligible", id="2026-11-21-after"),
])
def test_104c_in_force_window_by_as_of(as_of, in_force, expected):
    """§ 104c Abs. 1 (brief section 7): grants 2022-12-31 … 2025-12-30 only."""
    p = permit(app(as_of=as_of))
    assert p.condition("in_force").status == in_force
    assert p.status == expected


@pytest.mark.parametrize("law_date, expected", [
    pytest.param("2022-12-30", "not_eligible", id="law-2022-12-30"),
    pytest.param("2022-12-31", "eligible", id="law-2022-12-31"),
    pytest.param("2025-12-30", "eligible", id="law-2025-12-30"),
    pytest.param("2025-12-31", "not_eligible", id="law-2025-12-31"),
])
def test_104c_in_force_window_by_law_date(law_date, expected):
    """§ 104c Abs. 1: the same facts evaluated under the law of another day."""
    p = permit(BASE, law_date=law_date)
    assert p.status == expected
    assert p.condition("in_force").status == ("met" if expected == "eligible" else "unmet")


def test_104c_no_transitional_protection_for_pending_application():
    """§ 104c (brief section 1, reading): an application filed 2025-12-20 and
    decided 2026-01-10 is not eligible."""
    p = permit(app(as_of="2026-01-10", application_date="2025-12-20"))
    assert p.condition("in_force").status == "unmet"
    assert p.status == "not_eligible"


# --- Abs. 1 S. 1: tolerated now -----------------------------------------------

@pytest.mark.parametrize("current, expected", [
    pytest.param(d("2024-01-01", "duldung"), "met", id="duldung"),
    pytest.param(d("2024-01-01", "duldung_unclear_identity"), "met", id="duldung_60b"),
    pytest.param(d("2024-01-01", "training_duldung"), "met", id="training_duldung"),
    pytest.param(d("2024-01-01", "employment_duldung"), "met", id="employment_duldung"),
    pytest.param(d("2024-01-01", "asylum_procedure"), "unmet", id="asylum_procedure"),
    pytest.param(d("2024-01-01", "unlawful"), "unmet", id="unlawful"),
    pytest.param(d("2024-01-01", "permit", "25.5"), "unmet", id="permit_25.5"),
    pytest.param(d("2024-01-01", "settlement_permit"), "unmet", id="settlement_permit"),
    pytest.param(d("2024-05-01", "abroad"), "unmet", id="abroad"),
])
def test_104c_abs1_s1_tolerated(current, expected):
    """§ 104c Abs. 1 Satz 1: currently holds a Duldung of any kind (§ 60b included)."""
    p = permit(app(stay=[d("2017-01-01", "duldung"), current]))
    assert p.condition("tolerated").status == expected
    assert p.status == ("eligible" if expected == "met" else "not_eligible")


# --- Abs. 1 S. 1, S. 3: five years on 2022-10-31 ------------------------------

STAY_CASES = [
    pytest.param([d("2017-11-01", "duldung")], "met", id="duldung-from-2017-11-01-enough"),
    pytest.param([d("2017-11-02", "duldung")], "unmet", id="duldung-from-2017-11-02-not-enough"),
    pytest.param([d("2017-11-01", "asylum_procedure"), d("2019-03-01", "duldung")], "met",
                 id="asylum-procedure-from-2017-11-01-counts"),
    pytest.param([d("2017-11-02", "asylum_procedure"), d("2019-03-01", "duldung")], "unmet",
                 id="asylum-procedure-from-2017-11-02-not-enough"),
    pytest.param([d("2017-11-01", "permit", "other"), d("2020-01-01", "duldung")], "met",
                 id="permit-counts"),
    pytest.param([d("2017-11-01", "duldung_unclear_identity"), d("2020-01-01", "duldung")], "met",
                 id="s3-60b-duldung-counts"),
    pytest.param([d("2017-11-01", "duldung"), d("2018-06-01", "duldung_unclear_identity"),
                  d("2021-01-01", "duldung")], "met", id="s3-60b-in-the-middle-counts"),
    pytest.param([d("2017-11-01", "training_duldung"), d("2020-01-01", "employment_duldung")], "met",
                 id="training-and-employment-duldung-count"),
    pytest.param([d("2010-01-01", "asylum_procedure"), d("2018-01-01", "unlawful"),
                  d("2018-02-01", "duldung")], "unmet", id="unlawful-period-ends-the-walk"),
    pytest.param([d("2010-01-01", "settlement_permit"), d("2018-01-01", "duldung")], "unmet",
                 id="settlement-permit-not-named-ends-the-walk"),
    pytest.param([d("2017-11-01", "duldung"), d("2023-01-01", "unlawful"), d("2023-06-01", "duldung")],
                 "met", id="break-after-cut-off-irrelevant"),
    # one short absence (<= 3 months) is skipped, and its days are not counted
    pytest.param([d("2010-01-01", "duldung"), d("2019-01-01", "abroad"), d("2019-04-01", "duldung")],
                 "met", id="absence-of-3-months-skipped"),
    pytest.param([d("2010-01-01", "duldung"), d("2019-01-01", "abroad"), d("2019-04-02", "duldung")],
                 "unmet", id="absence-of-3-months-and-1-day-ends-the-walk"),
    # § 191 BGB once the absence is skipped: 5 years are 1,825 counted days
    pytest.param([d("2017-08-04", "duldung"), d("2019-01-01", "abroad"), d("2019-04-01", "duldung")],
                 "met", id="90-day-absence-not-counted-from-2017-08-04-1825-days"),
    pytest.param([d("2017-08-05", "duldung"), d("2019-01-01", "abroad"), d("2019-04-01", "duldung")],
                 "unmet", id="90-day-absence-not-counted-from-2017-08-05-1824-days"),
    pytest.param([d("2010-01-01", "duldung"), d("2018-01-01", "abroad"), d("2018-02-01", "duldung"),
                  d("2019-01-01", "abroad"), d("2019-02-01", "duldung")],
                 "unmet", id="second-short-absence-ends-the-walk"),
]


@pytest.mark.parametrize("stay, expected", STAY_CASES)
def test_104c_abs1_s1_s3_stay_5y_on_2022_10_31(stay, expected):
    """§ 104c Abs. 1 Satz 1, Satz 3: on 2022-10-31, 5 years of uninterrupted stay
    with asylum procedure, any Duldung (§ 60b counted), permit: since 2017-11-01."""
    p = permit(app(stay=stay + ([d("2024-01-01", "duldung")] if stay[-1]["status"] != "duldung" else [])))
    assert p.condition("stay_5y_on_2022_10_31").status == expected
    assert p.status == ("eligible" if expected == "met" else "not_eligible")


# --- Abs. 1 S. 1 Nr. 1: commitment ---------------------------------------------

def test_104c_abs1_s1_nr1_no_fdgo_commitment_excludes():
    """§ 104c Abs. 1 Satz 1 Nr. 1: commitment to the free democratic basic order required."""
    p = permit(app(fdgo_commitment=False))
    assert p.condition("fdgo_commitment").status == "unmet"
    assert p.status == "not_eligible"


# --- Abs. 1 S. 1 Nr. 2: no conviction beyond minor -----------------------------

def conv(**kw):
    return {"date": "2020-06-01", **kw}


CONVICTIONS = [
    pytest.param([], "met", id="none"),
    pytest.param([conv(daily_rates=50)], "met", id="general-50-rates"),
    pytest.param([conv(daily_rates=51)], "unmet", id="general-51-rates"),
    pytest.param([conv(daily_rates=25), conv(daily_rates=25)], "met", id="general-25+25-rates"),
    pytest.param([conv(daily_rates=30), conv(daily_rates=21)], "unmet", id="general-30+21-rates"),
    pytest.param([conv(daily_rates=90, immigration_offence=True)], "met", id="immigration-90-rates"),
    pytest.param([conv(daily_rates=91, immigration_offence=True)], "unmet", id="immigration-91-rates"),
    pytest.param([conv(daily_rates=45, immigration_offence=True),
                  conv(daily_rates=46, immigration_offence=True)], "unmet", id="immigration-45+46-rates"),
    pytest.param([conv(daily_rates=60, immigration_offence=True)], "met",
                 id="immigration-60-rates-not-under-general-cap"),
    pytest.param([conv(daily_rates=50), conv(daily_rates=90, immigration_offence=True)], "met",
                 id="separate-caps-50-general-90-immigration"),
    pytest.param([conv(daily_rates=40), conv(daily_rates=40, immigration_offence=True)], "met",
                 id="separate-caps-40+40-not-added"),
    pytest.param([conv(daily_rates=51), conv(daily_rates=10, immigration_offence=True)], "unmet",
                 id="general-51-with-immigration-10"),
    pytest.param([conv(prison_months=1, suspended=True)], "unmet", id="prison-1-month-suspended"),
    pytest.param([conv(prison_months=1)], "unmet", id="prison-1-month"),
    pytest.param([conv(prison_months=24)], "unmet", id="prison-24-months"),
    pytest.param([conv(prison_months=12, intentional=False)], "met", id="prison-negligent-disregarded"),
    pytest.param([conv(daily_rates=200, intentional=False)], "met", id="fine-negligent-disregarded"),
    pytest.param([conv(juvenile=True)], "met", id="juvenile-without-custody-disregarded"),
    pytest.param([conv(juvenile=True, youth_custody_months=1, suspended=True)], "unmet",
                 id="youth-custody-1-month-suspended"),
    pytest.param([conv(juvenile=True, youth_custody_months=12)], "unmet", id="youth-custody-12-months"),
]


@pytest.mark.parametrize("convictions, expected", CONVICTIONS)
def test_104c_abs1_s1_nr2_conviction(convictions, expected):
    """§ 104c Abs. 1 Satz 1 Nr. 2: no conviction beyond minor (fines up to 50 daily
    rates, 90 for immigration offences, separately; any prison or youth custody excludes)."""
    p = permit(app(convictions=convictions))
    assert p.condition("no_conviction").status == expected
    assert p.status == ("eligible" if expected == "met" else "not_eligible")


def test_104c_abs1_s1_nr2_fines_51_exclude():
    """§ 104c Abs. 1 Satz 1 Nr. 2: more than 50 daily rates."""
    p = permit(app(convictions=[conv(daily_rates=51)]))
    assert p.condition("no_conviction").strength == "hard"
    assert p.status == "not_eligible"


# --- Abs. 1 S. 2: repeated deception --------------------------------------------

@pytest.mark.parametrize("deception, prevents, expected", [
    pytest.param("repeated", True, "unmet", id="repeated-and-prevents-deportation"),
    pytest.param("repeated", False, "met", id="repeated-not-preventing"),
    pytest.param("once", True, "met", id="once-and-prevents"),
    pytest.param("none", True, "met", id="none"),
])
def test_104c_abs1_s2_repeated_deception(deception, prevents, expected):
    """§ 104c Abs. 1 Satz 2: excluded where repeated deception prevents deportation."""
    p = permit(app(identity={"deception": deception, "deception_prevents_deportation": prevents}))
    assert p.condition("no_repeated_deception").status == expected
    assert p.status == ("eligible" if expected == "met" else "not_eligible")


# --- § 5 Abs. 4 ----------------------------------------------------------------

def test_104c_s5_abs4_security_threat_excludes():
    """§ 5 Abs. 4: a security threat is a hard exclusion for § 104c."""
    p = permit(app(security_threat=True))
    assert p.condition("no_security_threat").status == "unmet"
    assert p.condition("no_security_threat").strength == "hard"
    assert p.status == "not_eligible"
