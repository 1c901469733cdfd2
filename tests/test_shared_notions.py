"""The shared notions of the legal brief (../shared/spec/law.md, sections 1–3):
period completion (§§ 187, 188 BGB as the brief states them), the
uninterrupted-stay walk, the two conviction levels, livelihood, living space,
the order of German levels, § 5 Abs. 1 (waivable) and § 5 Abs. 4 (security).

Each notion is observed through a condition of a norm that uses it; the
expectations are computed by hand from the brief.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import condition, merge, person, report
from conftest import period as d

from pypermit import InvalidApplicant
from pypermit.calendar import period_end

# =============================================================================
# Periods (§§ 187, 188 BGB; brief section 1): a period of N months begun on S
# is complete at the end of X, the day before S's day number N months later
# (that month's last day where the number is missing); met on D if X <= D.
# =============================================================================

@pytest.mark.parametrize("start, months, end", [
    # the brief's eight binding worked examples (section 1, revision 2026-11-30)
    pytest.param("2017-11-01", 60, "2022-10-31", id="brief-5y-from-2017-11-01"),
    pytest.param("2019-03-01", 6, "2019-08-31", id="brief-6m-from-2019-03-01"),
    pytest.param("2019-03-01", 60, "2024-02-29", id="brief-5y-from-2019-03-01"),
    pytest.param("2019-10-01", 18, "2021-03-31", id="brief-18m-from-2019-10-01"),
    pytest.param("2019-08-31", 6, "2020-02-29", id="brief-6m-from-31st-missing-day"),
    pytest.param("2020-08-30", 6, "2021-02-28", id="brief-6m-from-30th-missing-day"),
    pytest.param("2020-02-29", 12, "2021-02-28", id="brief-1y-from-leap-day"),
    pytest.param("2021-03-01", 3, "2021-05-31", id="brief-3m-from-2021-03-01"),
    pytest.param("2017-11-01", 60, "2022-10-31", id="5y-from-2017-11-01"),
    pytest.param("2017-11-02", 60, "2022-11-01", id="5y-from-2017-11-02"),
    pytest.param("2020-02-29", 12, "2021-02-28", id="1y-from-leap-day"),
    pytest.param("2020-02-29", 48, "2024-02-28", id="4y-from-leap-day"),
    pytest.param("2020-03-01", 12, "2021-02-28", id="1y-from-2020-03-01-clamped"),
    pytest.param("2019-08-31", 18, "2021-02-28", id="18m-from-31st-clamped"),
    pytest.param("2018-08-31", 18, "2020-02-29", id="18m-from-31st-clamped-leap"),
    pytest.param("2020-01-31", 1, "2020-02-29", id="1m-from-31st"),
    pytest.param("2018-11-30", 3, "2019-02-28", id="3m-from-30th-clamped"),
    pytest.param("2018-10-31", 3, "2019-01-30", id="3m-from-31st"),
])
def test_bgb_187_188_period_end(start, months, end):
    """§§ 187 Abs. 2, 188 Abs. 2, 3 BGB as the brief states them (section 1, with its worked examples)."""
    assert period_end(dt.date.fromisoformat(start), months) == dt.date.fromisoformat(end)


# --- years, observed through § 26 Abs. 3 S. 3 Nr. 1 (3 years held) ---------------

def held_3y(since, as_of):
    a = person(as_of=as_of, stay=[d(since, "permit", "25.1")])
    return condition(a, "26.3", "held_3y")


@pytest.mark.parametrize("since, as_of, expected", [
    pytest.param("2020-02-29", "2023-02-28", "met", id="from-2020-02-29-met-on-2023-02-28"),
    pytest.param("2020-02-29", "2023-02-27", "unmet", id="from-2020-02-29-unmet-on-2023-02-27"),
    pytest.param("2020-03-01", "2023-02-28", "met", id="from-2020-03-01-met-on-2023-02-28"),
    pytest.param("2020-03-01", "2023-02-27", "unmet", id="from-2020-03-01-unmet-on-2023-02-27"),
    pytest.param("2020-12-31", "2023-12-30", "met", id="from-31st-met-on-2023-12-30"),
    pytest.param("2020-12-31", "2023-12-29", "unmet", id="from-31st-unmet-on-2023-12-29"),
    # § 188 Abs. 2 BGB: the day before 2024-03-01 is 2024-02-29 (a leap year);
    # the brief's old formula (S − 1 day) + 3 years ended a day early.
    pytest.param("2021-03-01", "2024-02-29", "met", id="from-2021-03-01-met-on-2024-02-29"),
    pytest.param("2021-03-01", "2024-02-28", "unmet", id="from-2021-03-01-unmet-on-2024-02-28"),
])
def test_bgb_188_years_complete_with_clamping(since, as_of, expected):
    """§ 188 Abs. 2, 3 BGB; § 26 Abs. 3 Satz 3 Nr. 1: 3 years held, month-end clamping."""
    assert held_3y(since, as_of) == expected


@pytest.mark.parametrize("since, as_of, expected", [
    pytest.param("2020-02-29", "2025-02-28", "met", id="from-leap-day-met-on-2025-02-28"),
    pytest.param("2020-02-29", "2025-02-27", "unmet", id="from-leap-day-unmet-on-2025-02-27"),
    pytest.param("2016-12-31", "2021-12-30", "met", id="from-31st-met-on-2021-12-30"),
    pytest.param("2016-12-31", "2021-12-29", "unmet", id="from-31st-unmet-on-2021-12-29"),
])
def test_bgb_188_five_years_held_26_4(since, as_of, expected):
    """§ 188 BGB; § 9 Abs. 2 Satz 1 Nr. 1 with § 26 Abs. 4: 5 years of permits."""
    a = person(as_of=as_of, stay=[d(since, "permit", "25.3")])
    assert condition(a, "26.4", "held_5y") == expected


# --- months, observed through § 25 Abs. 5 S. 2 (18 months suspended -> "soll") ---

#: Eligible for § 25 Abs. 5 (departure impossible, all of § 5 Abs. 1 met).
B255 = person(
    as_of="2026-11-21",
    stay=[d("2015-01-01", "duldung")],
    departure={"impossible": True, "end_foreseeable": False},
    identity={"clarified": True, "passport": "valid"},
    livelihood={"own_share": 100, "health_insurance": True},
)


def effect_25_5(stay, as_of):
    return report(merge(B255, {"stay": stay, "as_of": as_of})).permit("25.5").effect


@pytest.mark.parametrize("since, as_of, expected", [
    pytest.param("2019-08-31", "2021-02-28", "regular", id="from-2019-08-31-on-2021-02-28"),
    pytest.param("2019-08-31", "2021-02-27", "discretionary", id="from-2019-08-31-on-2021-02-27"),
    pytest.param("2019-09-01", "2021-02-28", "regular", id="from-2019-09-01-on-2021-02-28"),
    pytest.param("2019-09-01", "2021-02-27", "discretionary", id="from-2019-09-01-on-2021-02-27"),
    pytest.param("2018-08-31", "2020-02-29", "regular", id="from-2018-08-31-on-leap-2020-02-29"),
    pytest.param("2018-08-31", "2020-02-28", "discretionary", id="from-2018-08-31-on-2020-02-28"),
    pytest.param("2019-05-31", "2020-11-30", "regular", id="from-31st-on-2020-11-30"),
    pytest.param("2019-05-31", "2020-11-29", "discretionary", id="from-31st-on-2020-11-29"),
    # § 188 Abs. 2 BGB: the day before 2021-04-01 is 2021-03-31 (the brief's
    # worked example; its old formula ended on 2021-03-30).
    pytest.param("2019-10-01", "2021-03-31", "regular", id="from-2019-10-01-on-2021-03-31"),
    pytest.param("2019-10-01", "2021-03-30", "discretionary", id="from-2019-10-01-on-2021-03-30"),
])
def test_bgb_188_months_complete_with_clamping(since, as_of, expected):
    """§ 188 Abs. 2, 3 BGB; § 25 Abs. 5 Satz 2: 18 months suspended, month-end clamping."""
    assert effect_25_5([d("2010-01-01", "unlawful"), d(since, "duldung")], as_of) == expected


# =============================================================================
# The uninterrupted-stay walk (brief section 1), observed through § 104c Abs. 1
# S. 1 (5 years on 2022-10-31; § 60b counted there, one short absence skipped).
# =============================================================================

def stay_104c(stay):
    a = person(as_of="2024-06-01", stay=stay + [d("2024-01-01", "duldung")], fdgo_commitment=True)
    return condition(a, "104c", "stay_5y_on_2022_10_31")


@pytest.mark.parametrize("stay, expected", [
    pytest.param([d("2010-01-01", "duldung"), d("2019-01-01", "abroad"), d("2019-04-01", "duldung")], "met",
                 id="abroad-exactly-3-months-skipped"),
    pytest.param([d("2010-01-01", "duldung"), d("2019-01-01", "abroad"), d("2019-04-02", "duldung")], "unmet",
                 id="abroad-3-months-and-a-day-ends-walk"),
    pytest.param([d("2010-01-01", "duldung"), d("2018-11-30", "abroad"), d("2019-03-01", "duldung")], "met",
                 id="abroad-from-30th-to-clamped-feb-28-skipped"),
    pytest.param([d("2010-01-01", "duldung"), d("2018-11-30", "abroad"), d("2019-03-02", "duldung")], "unmet",
                 id="abroad-from-30th-to-march-1-ends-walk"),
    pytest.param([d("2010-01-01", "duldung"), d("2018-10-31", "abroad"), d("2019-01-31", "duldung")], "met",
                 id="abroad-from-31st-to-jan-30-skipped"),
    pytest.param([d("2010-01-01", "duldung"), d("2018-10-31", "abroad"), d("2019-02-01", "duldung")], "unmet",
                 id="abroad-from-31st-to-jan-31-ends-walk"),
    # § 191 BGB once an absence is skipped: 5 years are 1,825 counted days
    # (2017-08-04 – 2018-12-31 and 2019-04-01 – 2022-10-31: 1,825).
    pytest.param([d("2017-08-04", "duldung"), d("2019-01-01", "abroad"), d("2019-04-01", "duldung")], "met",
                 id="bgb191-skipped-absence-1825-days-met"),
    pytest.param([d("2017-08-05", "duldung"), d("2019-01-01", "abroad"), d("2019-04-01", "duldung")], "unmet",
                 id="bgb191-skipped-absence-1824-days-unmet"),
    pytest.param([d("2010-01-01", "duldung"), d("2018-01-01", "abroad"), d("2018-02-01", "duldung")], "met",
                 id="one-short-absence-in-2018"),
    pytest.param([d("2010-01-01", "duldung"), d("2018-01-01", "abroad"), d("2018-02-01", "duldung"),
                  d("2019-01-01", "abroad"), d("2019-02-01", "duldung")], "unmet",
                 id="second-short-absence-ends-walk"),
    pytest.param([d("2010-01-01", "duldung"), d("2015-01-01", "abroad"), d("2015-02-01", "duldung"),
                  d("2019-01-01", "abroad"), d("2019-07-01", "duldung")], "unmet",
                 id="short-then-long-absence-ends-walk"),
    pytest.param([d("2010-01-01", "duldung"), d("2011-01-01", "abroad"), d("2012-01-01", "duldung")], "met",
                 id="long-absence-long-ago-harmless"),
    pytest.param([d("2010-01-01", "duldung"), d("2017-10-01", "unlawful"), d("2017-11-01", "duldung")], "met",
                 id="other-status-ends-walk-restart-2017-11-01-enough"),
    pytest.param([d("2010-01-01", "duldung"), d("2017-10-01", "unlawful"), d("2017-11-02", "duldung")], "unmet",
                 id="other-status-ends-walk-time-before-lost"),
    pytest.param([d("2017-11-01", "duldung"), d("2019-01-01", "duldung_unclear_identity"),
                  d("2020-01-01", "duldung")], "met", id="60b-credited-by-104c-counts"),
])
def test_uninterrupted_stay_walk(stay, expected):
    """Brief section 1 (uninterrupted stay), § 104c Abs. 1 Satz 1: one single absence of
    at most 3 months is skipped (its days not counted); a second or a longer one ends the walk."""
    assert stay_104c(stay) == expected


# --- § 60b skipped where not credited: § 25a Abs. 1 S. 1 Nr. 1 (3 years) -------

@pytest.mark.parametrize("stay, expected", [
    # skipped: 2 years + 1y10m21d counted = 3y10m -> met (if it ended the walk: 1y10m)
    pytest.param([d("2021-01-01", "duldung"), d("2023-01-01", "duldung_unclear_identity"),
                  d("2025-01-01", "duldung")], "met", id="60b-skipped-does-not-end-walk"),
    # skipped: 1 year + 1y10m21d = 2y10m -> unmet (if it counted: 4y10m)
    pytest.param([d("2022-01-01", "duldung"), d("2023-01-01", "duldung_unclear_identity"),
                  d("2025-01-01", "duldung")], "unmet", id="60b-skipped-not-counted"),
    # § 25a Abs. 5: credited for a current § 104c holder: 4y10m -> met
    pytest.param([d("2022-01-01", "duldung"), d("2023-01-01", "duldung_unclear_identity"),
                  d("2025-06-01", "permit", "104c")], "met", id="60b-credited-for-104c-holder"),
    pytest.param([d("2022-01-01", "duldung"), d("2023-01-01", "duldung_unclear_identity"),
                  d("2025-06-01", "permit", "25.5")], "unmet", id="60b-not-credited-for-25.5-holder"),
])
def test_60b_abs5_s1_periods_skipped(stay, expected):
    """§ 60b Abs. 5 Satz 1; § 25a Abs. 1 Satz 1 Nr. 1, Abs. 5: § 60b periods are
    neither counted nor end the walk, unless the rule credits them."""
    a = person(as_of="2026-11-21", birth_date="2006-01-01", stay=stay)
    assert condition(a, "25a", "uninterrupted_stay") == expected


# --- "without a break": § 25 Abs. 5 S. 2, no absence skipped ---------------------

@pytest.mark.parametrize("stay, expected", [
    pytest.param([d("2015-01-01", "duldung")], "regular", id="duldung-since-2015"),
    pytest.param([d("2015-01-01", "duldung"), d("2026-01-01", "duldung_unclear_identity")], "regular",
                 id="60b-named-counts"),
    pytest.param([d("2015-01-01", "duldung"), d("2025-06-01", "abroad"), d("2025-06-08", "duldung")],
                 "discretionary", id="one-week-abroad-breaks"),
    pytest.param([d("2015-01-01", "duldung"), d("2025-06-01", "unlawful"), d("2025-06-02", "duldung")],
                 "discretionary", id="one-day-unlawful-breaks"),
])
def test_25_abs5_s2_without_a_break(stay, expected):
    """Brief section 1 ("without a break"); § 25 Abs. 5 Satz 2: 18 months of Duldung
    up to as_of, no absence skipped."""
    assert effect_25_5(stay, "2026-11-21") == expected


# =============================================================================
# Convictions (brief section 1)
# =============================================================================

def conv(**kw):
    return {"date": "2020-06-01", **kw}


BEYOND_MINOR = [
    pytest.param([], False, id="none"),
    pytest.param([conv(daily_rates=50)], False, id="general-50"),
    pytest.param([conv(daily_rates=51)], True, id="general-51"),
    pytest.param([conv(daily_rates=20), conv(daily_rates=30)], False, id="general-20+30"),
    pytest.param([conv(daily_rates=20), conv(daily_rates=31)], True, id="general-20+31"),
    pytest.param([conv(daily_rates=90, immigration_offence=True)], False, id="immigration-90"),
    pytest.param([conv(daily_rates=91, immigration_offence=True)], True, id="immigration-91"),
    pytest.param([conv(daily_rates=60, immigration_offence=True), conv(daily_rates=31, immigration_offence=True)],
                 True, id="immigration-60+31"),
    pytest.param([conv(daily_rates=50), conv(daily_rates=90, immigration_offence=True)], False,
                 id="separate-caps-50-and-90"),
    pytest.param([conv(daily_rates=45), conv(daily_rates=45, immigration_offence=True)], False,
                 id="separate-caps-45-and-45-not-added"),
    pytest.param([conv(daily_rates=51), conv(daily_rates=1, immigration_offence=True)], True,
                 id="general-over-cap-with-immigration"),
    pytest.param([conv(prison_months=1, suspended=True)], True, id="prison-1-month-suspended"),
    pytest.param([conv(prison_months=1)], True, id="prison-1-month"),
    pytest.param([conv(prison_months=36)], True, id="prison-36-months"),
    pytest.param([conv(prison_months=6, intentional=False)], False, id="prison-negligent"),
    pytest.param([conv(daily_rates=300, intentional=False)], False, id="fine-negligent"),
    pytest.param([conv(daily_rates=120, immigration_offence=True, intentional=False)], False,
                 id="immigration-fine-negligent"),
    pytest.param([conv(juvenile=True)], False, id="juvenile-no-custody"),
    pytest.param([conv(juvenile=True, youth_custody_months=0)], False, id="juvenile-custody-0"),
    pytest.param([conv(juvenile=True, youth_custody_months=1, suspended=True)], True,
                 id="youth-custody-1-suspended"),
    pytest.param([conv(juvenile=True, youth_custody_months=1)], True, id="youth-custody-1"),
    pytest.param([conv(juvenile=True, youth_custody_months=5, intentional=False)], False,
                 id="youth-custody-negligent"),
]


@pytest.mark.parametrize("convictions, beyond", BEYOND_MINOR)
def test_conviction_beyond_minor_104c(convictions, beyond):
    """Brief section 1 ("beyond minor"); § 104c Abs. 1 Satz 1 Nr. 2."""
    a = person(as_of="2024-06-01", stay=[d("2017-01-01", "duldung")], fdgo_commitment=True,
               convictions=convictions)
    assert condition(a, "104c", "no_conviction") == ("unmet" if beyond else "met")


@pytest.mark.parametrize("convictions, beyond", BEYOND_MINOR)
def test_conviction_beyond_minor_s5_abs1_nr2_waivable(convictions, beyond):
    """§ 5 Abs. 1 Nr. 2 (brief section 3): no conviction beyond minor, waivable (§ 25 Abs. 5)."""
    p = report(merge(B255, {"convictions": convictions})).permit("25.5")
    c = p.condition("s5_no_expulsion_interest")
    assert c.strength == "waivable"
    assert c.status == ("unmet" if beyond else "met")
    assert p.status == ("waiver_needed" if beyond else "eligible")


SERIOUS = [
    pytest.param([], False, id="none"),
    pytest.param([conv(prison_months=5)], False, id="prison-5"),
    pytest.param([conv(prison_months=6)], True, id="prison-6"),
    pytest.param([conv(prison_months=6, suspended=True)], True, id="prison-6-suspended"),
    pytest.param([conv(prison_months=5, suspended=True)], False, id="prison-5-suspended"),
    pytest.param([conv(prison_months=3), conv(prison_months=3, date="2021-01-01")], False,
                 id="two-prison-3-not-added"),
    pytest.param([conv(prison_months=24, intentional=False)], False, id="prison-negligent"),
    pytest.param([conv(daily_rates=360)], False, id="fine-360"),
    pytest.param([conv(juvenile=True, youth_custody_months=11)], False, id="youth-custody-11"),
    pytest.param([conv(juvenile=True, youth_custody_months=12)], True, id="youth-custody-12"),
    pytest.param([conv(juvenile=True, youth_custody_months=12, suspended=True)], False,
                 id="youth-custody-12-suspended"),
    pytest.param([conv(juvenile=True, youth_custody_months=24, suspended=True)], False,
                 id="youth-custody-24-suspended"),
]


@pytest.mark.parametrize("convictions, serious", SERIOUS)
def test_conviction_serious_25b_abs2_nr2(convictions, serious):
    """Brief section 1 ("serious", § 54 Abs. 1, Abs. 2 Nr. 1–2); § 25b Abs. 2 Nr. 2:
    prison >= 6 months (suspended or not), youth custody >= 12 months not suspended."""
    a = person(as_of="2026-11-21", stay=[d("2015-01-01", "duldung")], convictions=convictions)
    assert condition(a, "25b", "no_serious_offence") == ("unmet" if serious else "met")


# =============================================================================
# Livelihood (§ 2 Abs. 3; brief section 1): secured = 100 and health insurance;
# predominantly > 50; largely > 75.
# =============================================================================

def livelihood(share, insured=True):
    return person(as_of="2026-11-21", stay=[d("2020-01-01", "permit", "25.1")],
                  livelihood={"own_share": share, "health_insurance": insured})


@pytest.mark.parametrize("share, insured, predominantly, largely, secured", [
    pytest.param(0, True, False, False, False, id="0"),
    pytest.param(50, True, False, False, False, id="50"),
    pytest.param(50.01, True, True, False, False, id="50.01"),
    pytest.param(50.5, True, True, False, False, id="50.5"),
    pytest.param(51, True, True, False, False, id="51"),
    pytest.param(75, True, True, False, False, id="75"),
    pytest.param(75.01, True, True, True, False, id="75.01"),
    pytest.param(75.5, True, True, True, False, id="75.5"),
    pytest.param(76, True, True, True, False, id="76"),
    pytest.param(99.99, True, True, True, False, id="99.99-insured"),
    pytest.param(100, True, True, True, True, id="100-insured"),
    pytest.param(100, False, True, True, False, id="100-uninsured"),
])
def test_livelihood_levels(share, insured, predominantly, largely, secured):
    """§ 2 Abs. 3; § 26 Abs. 3 Satz 1 Nr. 3, Satz 3 Nr. 4; § 9 Abs. 2 Satz 1 Nr. 2."""
    r = report(livelihood(share, insured))
    met = lambda ok: "met" if ok else "unmet"  # noqa: E731
    assert r.permit("26.3").condition("livelihood_predominant").status == met(predominantly)
    assert r.permit("26.3").condition("livelihood_largely").status == met(largely)
    assert r.permit("26.4").condition("livelihood_secured").status == met(secured)
    assert r.permit("25.5").condition("s5_livelihood").status == met(secured)


@pytest.mark.parametrize("share", [50.001, 75.001])
def test_livelihood_fraction_finer_than_hundredths_is_refused(share):
    """The rules compare shares in hundredths: a finer figure (50.001 %) could
    fall on the wrong side of "more than 50" (§ 26 Abs. 3 Satz 1 Nr. 3), so the
    file is refused naming the field instead of being rounded."""
    with pytest.raises(InvalidApplicant) as err:
        condition(livelihood(share), "26.3", "livelihood_predominant")
    assert err.value.problems[0].path == "livelihood.own_share"
    assert "at most two decimals" in str(err.value)


@pytest.mark.parametrize("facts, expected", [
    pytest.param({}, "eligible", id="all-met"),
    pytest.param({"livelihood": {"own_share": 99}}, "waiver_needed", id="s5-livelihood-99"),
    pytest.param({"livelihood": {"health_insurance": False}}, "waiver_needed", id="s5-livelihood-uninsured"),
    pytest.param({"identity": {"clarified": False}}, "waiver_needed", id="s5-identity"),
    pytest.param({"identity": {"passport": "none"}}, "waiver_needed", id="s5-passport-none"),
    pytest.param({"identity": {"passport": "substitute"}}, "eligible", id="s5-passport-substitute"),
    pytest.param({"convictions": [conv(daily_rates=51)]}, "waiver_needed", id="s5-expulsion-interest"),
])
def test_s5_abs1_waivable_requirements(facts, expected):
    """§ 5 Abs. 1 Nr. 1, 1a, 2, 4 with § 5 Abs. 3 Satz 2 (brief section 3): each one
    failing alone gives waiver_needed (observed through § 25 Abs. 5)."""
    assert report(merge(B255, facts)).permit("25.5").status == expected


# =============================================================================
# Living space (§ 2 Abs. 4; brief section 1): 9 m² per person of 6 or more
# (applicant, spouse in household, children in household), 6 m² per child of
# 2 to 5, children under 2 not counted. Decided 2026-11-21.
# =============================================================================

def space(sqm, spouse=False, children=()):
    a = person(as_of="2026-11-21", stay=[d("2020-01-01", "permit", "25.3")],
               household={"living_space_sqm": sqm, "spouse_in_household": spouse,
                          "children": list(children)})
    return condition(a, "26.4", "living_space")


def child(birth, **kw):
    return {"birth_date": birth, **kw}


@pytest.mark.parametrize("sqm, spouse, children, expected", [
    pytest.param(9, False, [], "met", id="alone-9"),
    pytest.param(8, False, [], "unmet", id="alone-8"),
    pytest.param(8.99, False, [], "unmet", id="alone-8.99"),
    pytest.param(9.5, False, [], "met", id="alone-9.5"),
    pytest.param(18, True, [], "met", id="spouse-18"),
    pytest.param(17, True, [], "unmet", id="spouse-17"),
    pytest.param(17.5, True, [], "unmet", id="spouse-17.5"),
    # a child turns 6 on the 6th birthday (2020-11-21 -> 6 on 2026-11-21): 9 m²
    pytest.param(18, False, [child("2020-11-21")], "met", id="child-6-today-18"),
    pytest.param(17, False, [child("2020-11-21")], "unmet", id="child-6-today-17"),
    # one day younger: 5, so 6 m²
    pytest.param(15, False, [child("2020-11-22")], "met", id="child-5-15"),
    pytest.param(14, False, [child("2020-11-22")], "unmet", id="child-5-14"),
    # 2nd birthday today: 6 m²
    pytest.param(15, False, [child("2024-11-21")], "met", id="child-2-today-15"),
    pytest.param(14, False, [child("2024-11-21")], "unmet", id="child-2-today-14"),
    # one day younger: under 2, not counted
    pytest.param(9, False, [child("2024-11-22")], "met", id="child-1-not-counted"),
    pytest.param(9, False, [child("2016-01-01", in_household=False)], "met", id="child-not-in-household"),
    pytest.param(17, False, [child("2004-01-01")], "unmet", id="adult-child-in-household-17"),
    pytest.param(18, False, [child("2004-01-01")], "met", id="adult-child-in-household-18"),
    # spouse + children of 8, 4 and 0: 9 + 9 + 9 + 6 + 0 = 33
    pytest.param(33, True, [child("2018-03-01"), child("2022-07-15"), child("2026-05-01")], "met",
                 id="family-33"),
    pytest.param(32, True, [child("2018-03-01"), child("2022-07-15"), child("2026-05-01")], "unmet",
                 id="family-32"),
    pytest.param(32.5, True, [child("2018-03-01"), child("2022-07-15"), child("2026-05-01")], "unmet",
                 id="family-32.5"),
])
def test_living_space(sqm, spouse, children, expected):
    """§ 2 Abs. 4 (Hessian practice); § 9 Abs. 2 Satz 1 Nr. 9."""
    assert space(sqm, spouse, children) == expected


def test_living_space_fraction_finer_than_hundredths_is_refused():
    """§ 2 Abs. 4: 8.999 m² is less than the 9 m² one adult needs; rounded to
    hundredths it would be enough, so such a figure is refused, not rounded."""
    with pytest.raises(InvalidApplicant) as err:
        space(8.999)
    assert err.value.problems[0].path == "household.living_space_sqm"


# =============================================================================
# German levels: none < A1 < A2 < B1 < B2 < C1 < C2 (brief section 1)
# =============================================================================

LEVELS = ["none", "A1", "A2", "B1", "B2", "C1", "C2"]
THRESHOLDS = [
    pytest.param("26.3", "german_a2", "A2", id="26.3-A2"),
    pytest.param("26.4", "german_b1", "B1", id="26.4-B1"),
    pytest.param("26.3", "german_c1", "C1", id="26.3-C1"),
    pytest.param("25b", "german_a2", "A2", id="25b-A2"),
]


@pytest.mark.parametrize("permit_id, cond_id, need", THRESHOLDS)
@pytest.mark.parametrize("level", LEVELS)
def test_german_level_order(permit_id, cond_id, need, level):
    """Brief section 1: German levels are ordered; a requirement is met at its level and above
    (§ 26 Abs. 3 Satz 1 Nr. 4, Satz 3 Nr. 3; § 9 Abs. 2 Satz 1 Nr. 7; § 25b Abs. 1 Satz 2 Nr. 4)."""
    a = person(as_of="2026-11-21", stay=[d("2015-01-01", "duldung")], german=level)
    expected = "met" if LEVELS.index(level) >= LEVELS.index(need) else "unmet"
    assert condition(a, permit_id, cond_id) == expected


# =============================================================================
# § 5 Abs. 4: security_threat excludes every permit (brief section 2)
# =============================================================================

@pytest.mark.parametrize("as_of, stay", [
    pytest.param("2016-01-01", [d("2012-01-01", "permit", "25.1")], id="2016-first-26.3-version"),
    pytest.param("2024-06-01", [d("2017-01-01", "duldung")], id="2024-104c-in-force"),
    pytest.param("2026-11-21", [d("2019-01-01", "permit", "25.3")], id="2026"),
])
def test_s5_abs4_security_threat_excludes_every_permit(as_of, stay):
    """§ 5 Abs. 4: every permit in force has a hard no_security_threat condition that fails."""
    r = report(person(as_of=as_of, stay=stay, security_threat=True))
    assert r.permits
    for p in r.permits:
        assert p.status == "not_eligible", p.id
        if p.condition("in_force").status == "met":
            c = p.condition("no_security_threat")
            assert (c.status, c.strength) == ("unmet", "hard"), p.id
            assert "§ 5 Abs. 4" in c.citation


def test_s5_abs4_security_threat_turns_eligible_into_not_eligible():
    """§ 5 Abs. 4: the eligible § 25 Abs. 5 applicant becomes not_eligible, not waiver_needed."""
    assert report(B255).permit("25.5").status == "eligible"
    assert report(merge(B255, {"security_threat": True})).permit("25.5").status == "not_eligible"
