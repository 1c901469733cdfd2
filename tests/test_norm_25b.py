"""§ 25b AufenthG — residence permit for sustainable integration
(permit id ``25b``, Abs. 1; legal brief, sections 1–3 and 6).

Versions: 2015-08-01 – 2019-12-31 (8 years, or 6 with a minor unmarried
child; no Abs. 6), 2020-01-01 – 2022-12-30 (plus Abs. 6: 30 months of
§ 60d Duldung), 2022-12-31 – 2027-06-30 (6 years, or 4 with a child; § 104c
holders in scope, Abs. 7, 8), from 2027-07-01 without the § 104c rules.
§ 5 Abs. 1 Nr. 1 does not apply (Nr. 3 is the livelihood test).

Days are computed by the brief's rules: a period of N years (months) begun
on S is complete at the end of (S − 1 day) + N years (months), a missing day
clamping to the month's last day; the requirement is met on that day.
"""

import io

import pytest
from conftest import condition, merge, person, report, status

from pypermit.render.report import console, permit_tree

PERMIT = "25b"
AS_OF = "2026-11-21"

# Eligible for § 25b on 2026-11-21: in Germany since 2018 (asylum procedure,
# then Duldung), commitment and civics test, 60 % own income from work, A2,
# identity clarified, passport; no children.
BASE = dict(
    as_of=AS_OF,
    birth_date="1990-05-01",
    stay=[
        {"since": "2018-01-01", "status": "asylum_procedure"},
        {"since": "2019-06-01", "status": "duldung"},
    ],
    identity={"clarified": True, "passport": "valid"},
    fdgo_commitment=True,
    civics_test=True,
    livelihood={"own_share": 60, "from_employment": True},
    german="A2",
)

# Eligible under the older versions (8 years on 2019-12-31 and 2022-12-30).
BASE_OLD = merge(BASE, dict(
    as_of="2022-12-30",
    stay=[
        {"since": "2011-01-01", "status": "asylum_procedure"},
        {"since": "2013-01-01", "status": "duldung"},
    ],
))

# A current § 104c holder, eligible on 2026-11-21.
BASE_104C = merge(BASE, dict(
    stay=[
        {"since": "2016-01-01", "status": "asylum_procedure"},
        {"since": "2018-01-01", "status": "duldung"},
        {"since": "2023-01-01", "status": "permit", "basis": "104c"},
    ],
))


def applicant(base=BASE, **facts):
    """``base`` with ``facts`` merged in (nested fields key by key)."""
    return person(**merge(base, facts))


def child(birth_date, **facts):
    return {"birth_date": birth_date, **facts}


def with_children(*children):
    return {"spouse_in_household": False, "children": list(children)}


def expected_status(cond):
    return "eligible" if cond == "met" else "not_eligible"


# --- the base ---------------------------------------------------------------

@pytest.mark.parametrize("base", [
    pytest.param(BASE, id="2026-11-21"),
    pytest.param(merge(BASE_OLD, {"as_of": "2019-12-31"}), id="first_version_2019-12-31"),
    pytest.param(merge(BASE_OLD, {"as_of": "2020-01-01"}), id="second_version_2020-01-01"),
    pytest.param(BASE_OLD, id="second_version_2022-12-30"),
    pytest.param(merge(BASE_OLD, {"as_of": "2022-12-31"}), id="third_version_2022-12-31"),
    pytest.param(merge(BASE, {"as_of": "2027-07-01"}), id="fourth_version_2027-07-01"),
    pytest.param(BASE_104C, id="104c_holder"),
])
def test_25b_base_applicant_is_eligible(base):
    """§ 25b Abs. 1: the bases meet every condition (the Abs. 6 alternative aside); effect "soll" → regular."""
    p = report(applicant(base)).permit(PERMIT)
    assert p.status == "eligible", [c.id for c in p.unmet]
    assert p.effect == "regular"
    assert {c.id for c in p.unmet} <= {"employment_duldung_30m"}


COMMON = {"in_force", "scope", "fdgo_and_civics", "livelihood_by_work", "german_a2", "children_at_school",
          "no_obstruction", "no_serious_offence", "no_security_threat",
          "s5_identity", "s5_no_expulsion_interest", "s5_passport"}


@pytest.mark.parametrize("as_of,specific,years,with_child", [
    pytest.param("2019-12-31", {"uninterrupted_stay"}, 8, 6, id="2019-12-31_no_abs6"),
    pytest.param("2020-01-01", {"uninterrupted_stay", "employment_duldung_30m"}, 8, 6, id="2020-01-01_abs6"),
    pytest.param("2022-12-30", {"uninterrupted_stay", "employment_duldung_30m"}, 8, 6, id="2022-12-30"),
    pytest.param("2022-12-31", {"uninterrupted_stay", "employment_duldung_30m"}, 6, 4, id="2022-12-31"),
    pytest.param("2027-07-01", {"uninterrupted_stay", "employment_duldung_30m"}, 6, 4, id="2027-07-01"),
])
def test_25b_condition_ids_per_version(as_of, specific, years, with_child):
    """§ 25b Abs. 1 S. 2 Nr. 1, Abs. 6; § 5 Abs. 1 Nr. 1 set aside (no
    s5_livelihood). Nr. 1 is one condition in every version, its figures
    from the dated thresholds (figure/4)."""
    p = report(applicant(BASE_OLD, as_of=as_of)).permit(PERMIT)
    assert {c.id for c in p.conditions} == COMMON | specific
    assert p.condition("uninterrupted_stay").figures == (("stay_years", years), ("stay_years_with_child", with_child))


def test_25b_abs1_s1_no_s5_livelihood():
    """§ 25b Abs. 1 S. 1: § 5 Abs. 1 Nr. 1 does not apply; public funds alone do not need a waiver."""
    p = report(applicant(livelihood={"own_share": 60, "health_insurance": False})).permit(PERMIT)
    with pytest.raises(KeyError):
        p.condition("s5_livelihood")
    assert p.status == "eligible"


def test_25b_strengths():
    """§ 25b; § 5 Abs. 1 Nr. 1a, 2, 4 waivable (§ 5 Abs. 3 S. 2); everything else hard."""
    p = report(applicant()).permit(PERMIT)
    waivable = {c.id for c in p.conditions if c.strength == "waivable"}
    assert waivable == {"s5_identity", "s5_no_expulsion_interest", "s5_passport"}


# --- Abs. 1 S. 1: scope ---------------------------------------------------------

@pytest.mark.parametrize("current,expected", [
    pytest.param({"status": "duldung"}, "met", id="duldung"),
    pytest.param({"status": "duldung_unclear_identity"}, "met", id="s60b"),
    pytest.param({"status": "training_duldung"}, "met", id="training_duldung"),
    pytest.param({"status": "employment_duldung"}, "met", id="employment_duldung"),
    pytest.param({"status": "asylum_procedure"}, "unmet", id="asylum_procedure"),
    pytest.param({"status": "unlawful"}, "unmet", id="unlawful"),
    pytest.param({"status": "permit", "basis": "other"}, "unmet", id="permit_other"),
    pytest.param({"status": "settlement_permit"}, "unmet", id="settlement_permit"),
])
def test_25b_abs1_s1_scope_a_duldung_of_any_kind_now(current, expected):
    """§ 25b Abs. 1 S. 1: a Duldung of any kind (§ 60b included) on as_of."""
    a = applicant(stay=[{"since": "2018-01-01", "status": "duldung"}, {"since": "2026-10-01", **current}])
    assert condition(a, PERMIT, "scope") == expected
    assert status(a, PERMIT) == expected_status(expected)


@pytest.mark.parametrize("as_of,expected", [
    pytest.param("2026-11-21", "met", id="2026-11-21"),
    pytest.param("2027-06-30", "met", id="2027-06-30"),
    pytest.param("2027-07-01", "unmet", id="2027-07-01_104c_alternative_lapsed"),
])
def test_25b_abs1_s1_scope_s104c_holder(as_of, expected):
    """§ 25b Abs. 1 S. 1: a § 104c permit brings a person in scope until 2027-06-30."""
    a = applicant(BASE_104C, as_of=as_of)
    assert condition(a, PERMIT, "scope") == expected
    assert status(a, PERMIT) == expected_status(expected)


# --- Abs. 1 S. 2 Nr. 1: 6 years, or 4 with a minor unmarried child -------------
# Up to 2026-11-21: 6 years need a start on or before 2020-11-22, 4 years on
# or before 2022-11-22.

def stay_from(since, then="2023-06-01"):
    return [{"since": since, "status": "asylum_procedure"}, {"since": then, "status": "duldung"}]


@pytest.mark.parametrize("since,expected", [
    pytest.param("2020-11-23", "unmet", id="below_starts_2020-11-23"),
    pytest.param("2020-11-22", "met", id="at_starts_2020-11-22"),
    pytest.param("2020-11-21", "met", id="above_starts_2020-11-21"),
])
def test_25b_abs1_s2_nr1_six_years(since, expected):
    """§ 25b Abs. 1 S. 2 Nr. 1: 6 years of uninterrupted stay."""
    a = applicant(stay=stay_from(since))
    assert condition(a, PERMIT, "uninterrupted_stay") == expected
    assert status(a, PERMIT) == expected_status(expected)


@pytest.mark.parametrize("since,expected", [
    pytest.param("2022-11-23", "unmet", id="below_starts_2022-11-23"),
    pytest.param("2022-11-22", "met", id="at_starts_2022-11-22"),
    pytest.param("2022-11-21", "met", id="above_starts_2022-11-21"),
])
def test_25b_abs1_s2_nr1_four_years_with_a_minor_child(since, expected):
    """§ 25b Abs. 1 S. 2 Nr. 1: 4 years with a minor unmarried child in the household."""
    a = applicant(stay=stay_from(since), household=with_children(child("2015-03-01")))
    assert condition(a, PERMIT, "uninterrupted_stay") == expected
    assert status(a, PERMIT) == expected_status(expected)


@pytest.mark.parametrize("kid,expected", [
    pytest.param(child("2015-03-01"), "met", id="minor_unmarried_in_household"),
    pytest.param(child("2015-03-01", unmarried=False), "unmet", id="married"),
    pytest.param(child("2015-03-01", in_household=False), "unmet", id="not_in_household"),
    pytest.param(child("2008-11-22"), "met", id="turns_18_tomorrow"),
    pytest.param(child("2008-11-21"), "unmet", id="turns_18_on_as_of"),
    pytest.param(child("2008-11-20"), "unmet", id="turned_18_the_day_before"),
])
def test_25b_abs1_s2_nr1_which_child_shortens_the_stay(kid, expected):
    """§ 25b Abs. 1 S. 2 Nr. 1: only a minor (under 18 on as_of) unmarried child in the household; 4 years of stay."""
    a = applicant(stay=stay_from("2022-11-22"), household=with_children(kid))
    assert condition(a, PERMIT, "uninterrupted_stay") == expected
    assert status(a, PERMIT) == expected_status(expected)


@pytest.mark.parametrize("since,expected", [
    pytest.param("2015-01-01", "unmet", id="below_starts_2015-01-01"),
    pytest.param("2014-12-31", "met", id="at_starts_2014-12-31"),
    pytest.param("2014-12-30", "met", id="above_starts_2014-12-30"),
])
def test_25b_old_abs1_s2_nr1_eight_years(since, expected):
    """§ 25b Abs. 1 S. 2 Nr. 1 (until 2022-12-30): 8 years; (2014-12-31 − 1 day) + 8 years = 2022-12-30."""
    a = applicant(BASE_OLD, stay=stay_from(since, then="2016-01-01"))
    assert condition(a, PERMIT, "uninterrupted_stay") == expected
    assert status(a, PERMIT) == expected_status(expected)


@pytest.mark.parametrize("since,expected", [
    pytest.param("2017-01-01", "unmet", id="below_starts_2017-01-01"),
    pytest.param("2016-12-31", "met", id="at_starts_2016-12-31"),
    pytest.param("2016-12-30", "met", id="above_starts_2016-12-30"),
])
def test_25b_old_abs1_s2_nr1_six_years_with_a_minor_child(since, expected):
    """§ 25b Abs. 1 S. 2 Nr. 1 (until 2022-12-30): 6 years with a minor unmarried child in the household."""
    a = applicant(BASE_OLD, stay=stay_from(since, then="2018-01-01"), household=with_children(child("2012-05-05")))
    assert condition(a, PERMIT, "uninterrupted_stay") == expected
    assert status(a, PERMIT) == expected_status(expected)


@pytest.mark.parametrize("as_of,cond,expected", [
    pytest.param("2022-12-30", "uninterrupted_stay", "unmet", id="2022-12-30_8_years"),
    pytest.param("2022-12-31", "uninterrupted_stay", "met", id="2022-12-31_6_years"),
])
def test_25b_abs1_s2_nr1_seven_years_suffice_from_2022_12_31(as_of, cond, expected):
    """§ 25b Abs. 1 S. 2 Nr. 1: 7 years (since 2016-01-01) are too few until 2022-12-30, enough from 2022-12-31."""
    a = applicant(BASE_OLD, as_of=as_of, stay=stay_from("2016-01-01", then="2017-01-01"))
    assert condition(a, PERMIT, cond) == expected
    assert status(a, PERMIT) == expected_status(expected)


@pytest.mark.parametrize("as_of,cond,expected", [
    pytest.param("2022-12-30", "uninterrupted_stay", "unmet", id="2022-12-30_6_years_with_child"),
    pytest.param("2022-12-31", "uninterrupted_stay", "met", id="2022-12-31_4_years_with_child"),
])
def test_25b_abs1_s2_nr1_five_years_with_child_suffice_from_2022_12_31(as_of, cond, expected):
    """§ 25b Abs. 1 S. 2 Nr. 1: 5 years with a minor child (since 2018-01-01) suffice from 2022-12-31 only."""
    a = applicant(BASE_OLD, as_of=as_of, stay=stay_from("2018-01-01", then="2019-01-01"),
                  household=with_children(child("2012-05-05")))
    assert condition(a, PERMIT, cond) == expected
    assert status(a, PERMIT) == expected_status(expected)


def test_25b_abs1_s2_nr1_settlement_permit_is_not_counted():
    """§ 25b Abs. 1 S. 2 Nr. 1: the statuses counted are asylum procedure, Duldung and permit; others end the walk."""
    a = applicant(stay=[{"since": "2015-01-01", "status": "asylum_procedure"},
                        {"since": "2019-01-01", "status": "settlement_permit"},
                        {"since": "2022-01-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "unmet"


def test_25b_abs1_s2_nr1_unlawful_stay_ends_the_walk():
    """§ 25b Abs. 1 S. 2 Nr. 1: "ununterbrochen" — an unlawful period loses the time before it."""
    a = applicant(stay=[{"since": "2015-01-01", "status": "duldung"},
                        {"since": "2021-01-01", "status": "unlawful"},
                        {"since": "2021-02-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


# Asylum procedure from S, abroad 2022-01-01 – 2022-03-31 (skipped, 90 days
# not counted), Duldung from 2022-04-01 (1696 days up to 2026-11-21). With a
# period skipped, § 191 BGB counts 6 years as 365 · 6 = 2190 days, so 494 days
# before 2022-01-01: S = 2020-08-25.
@pytest.mark.parametrize("since,expected", [
    pytest.param("2020-08-26", "unmet", id="below_starts_2020-08-26_2189_days"),
    pytest.param("2020-08-25", "met", id="at_starts_2020-08-25_2190_days"),
    pytest.param("2020-08-24", "met", id="above_starts_2020-08-24"),
])
def test_25b_abs1_s2_nr1_one_short_absence_is_skipped_not_counted(since, expected):
    """§ 25b Abs. 1 S. 2 Nr. 1 (reading, federal guidance): one absence ≤ 3 months is skipped; its days do not count."""
    a = applicant(stay=[{"since": since, "status": "asylum_procedure"},
                        {"since": "2022-01-01", "status": "abroad"},
                        {"since": "2022-04-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == expected


@pytest.mark.parametrize("stay", [
    pytest.param([{"since": "2018-01-01", "status": "asylum_procedure"},
                  {"since": "2022-01-01", "status": "abroad"},
                  {"since": "2022-04-02", "status": "duldung"}], id="abroad_3_months_and_a_day"),
    pytest.param([{"since": "2018-01-01", "status": "asylum_procedure"},
                  {"since": "2021-01-01", "status": "abroad"},
                  {"since": "2021-02-01", "status": "asylum_procedure"},
                  {"since": "2022-01-01", "status": "abroad"},
                  {"since": "2022-02-01", "status": "duldung"}], id="second_short_absence"),
])
def test_25b_abs1_s2_nr1_longer_or_second_absence_breaks(stay):
    """§ 25b Abs. 1 S. 2 Nr. 1: an absence over 3 months, or a second one, ends the walk."""
    a = applicant(stay=stay)
    assert condition(a, PERMIT, "uninterrupted_stay") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


def test_25b_abs1_s2_nr1_s60b_does_not_break_the_stay():
    """§ 25b Abs. 1 S. 2 Nr. 1; § 60b Abs. 5 S. 1: the § 60b year is skipped; 4 + 5.9 years count."""
    a = applicant(stay=[{"since": "2016-01-01", "status": "asylum_procedure"},
                        {"since": "2020-01-01", "status": "duldung_unclear_identity"},
                        {"since": "2021-01-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "met"


# Asylum procedure from S, § 60b in 2022 (skipped), Duldung from 2023-01-01:
# from 2019-11-24, 769 + 1421 = 2190 days = 365 · 6 (§ 191 BGB).
@pytest.mark.parametrize("since, expected, counted", [
    pytest.param("2019-11-25", "unmet", "2,189", id="365x6-minus-1-days"),
    pytest.param("2019-11-24", "met", "2,190", id="365x6-days"),
])
def test_25b_abs1_s2_nr1_bgb191_s60b_skipped(since, expected, counted):
    """§ 25b Abs. 1 S. 2 Nr. 1, § 60b Abs. 5 S. 1, § 191 BGB: where a § 60b period
    was skipped, six years are 2,190 counted days; the explanation names the
    days counted and needed, never a start day that no period has."""
    a = applicant(stay=[{"since": since, "status": "asylum_procedure"},
                        {"since": "2022-01-01", "status": "duldung_unclear_identity"},
                        {"since": "2023-01-01", "status": "duldung"}])
    c = report(a).permit(PERMIT).condition("uninterrupted_stay")
    assert c.status == expected
    assert f"{counted} of 2,190 days counted" in c.text
    assert "counted from" not in c.text


def test_25b_abs1_s2_nr1_bgb191_german_text():
    """§ 191 BGB in the German explanation: "2.190 von 2.190 Tagen angerechnet"."""
    a = applicant(stay=[{"since": "2019-11-24", "status": "asylum_procedure"},
                        {"since": "2022-01-01", "status": "duldung_unclear_identity"},
                        {"since": "2023-01-01", "status": "duldung"}])
    c = report(a, lang="de").permit(PERMIT).condition("uninterrupted_stay")
    assert "2.190 von 2.190 Tagen angerechnet" in c.text


def test_25b_abs1_s2_nr1_skipped_period_older_than_every_counted_day_keeps_the_run():
    """Brief, section 9 (last lines): a § 60b period older than every counted day
    does not break the run; the period rule applies from 2020-11-21."""
    a = applicant(stay=[{"since": "2019-01-01", "status": "duldung_unclear_identity"},
                        {"since": "2020-11-21", "status": "duldung"}])
    c = report(a).permit(PERMIT).condition("uninterrupted_stay")
    assert "counted from 2020-11-21" in c.text


S60B_STAY = [{"since": "2020-06-01", "status": "asylum_procedure"},
             {"since": "2020-12-01", "status": "duldung_unclear_identity"}]


def test_25b_abs1_s2_nr1_s60b_time_not_counted_for_ordinary_applicants():
    """§ 25b Abs. 1 S. 2 Nr. 1; § 60b Abs. 5 S. 1: 183 + 1087 days without the § 60b time are not 6 years."""
    a = applicant(stay=[*S60B_STAY, {"since": "2023-12-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


def test_25b_abs7_s60b_time_counts_for_a_s104c_holder():
    """§ 25b Abs. 7: for a current § 104c holder the § 60b time counts (since 2020-06-01: 6 years)."""
    a = applicant(stay=[*S60B_STAY, {"since": "2023-12-01", "status": "permit", "basis": "104c"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "met"
    assert status(a, PERMIT) == "eligible"


@pytest.mark.parametrize("as_of,expected", [
    pytest.param("2027-06-30", "met", id="2027-06-30_credited"),
    pytest.param("2027-07-01", "unmet", id="2027-07-01_not_credited"),
])
def test_25b_abs7_lapses_on_2027_07_01(as_of, expected):
    """§ 25b Abs. 7: the § 60b credit lapses with the § 104c rules (2027-07-01: 1492 days)."""
    a = applicant(as_of=as_of, stay=[*S60B_STAY, {"since": "2023-12-01", "status": "permit", "basis": "104c"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == expected


# --- Abs. 6: 30 months of employment Duldung instead of Nr. 1 ------------------
# 30 months up to 2026-11-21 need a start on or before 2024-05-22. Before it,
# an unlawful stay, so Nr. 1 fails and only Abs. 6 can help.

def employment_since(since, **facts):
    return applicant(stay=[{"since": "2015-01-01", "status": "unlawful"},
                           {"since": since, "status": "employment_duldung"}], **facts)


@pytest.mark.parametrize("since,expected", [
    pytest.param("2024-05-23", "unmet", id="below_starts_2024-05-23"),
    pytest.param("2024-05-22", "met", id="at_starts_2024-05-22"),
    pytest.param("2024-05-21", "met", id="above_starts_2024-05-21"),
])
def test_25b_abs6_30_months_of_employment_duldung(since, expected):
    """§ 25b Abs. 6: 30 months of § 60d Duldung and A2 replace the stay of Nr. 1."""
    a = employment_since(since)
    p = report(a).permit(PERMIT)
    assert p.condition("uninterrupted_stay").status == "unmet"
    assert p.condition("employment_duldung_30m").status == expected
    assert p.status == expected_status(expected)


@pytest.mark.parametrize("german,expected", [
    pytest.param("A1", "unmet", id="A1"),
    pytest.param("A2", "met", id="A2"),
    pytest.param("B1", "met", id="B1"),
])
def test_25b_abs6_needs_a2(german, expected):
    """§ 25b Abs. 6: the 30 months count only with German at least A2."""
    a = employment_since("2024-01-01", german=german)
    assert condition(a, PERMIT, "employment_duldung_30m") == expected
    assert status(a, PERMIT) == expected_status(expected)


def test_25b_abs6_a2_is_not_waived_by_impairment_age_included():
    """§ 25b Abs. 3, 6: the impairment waiver covers Abs. 1 S. 2 Nr. 3, 4 only, not Abs. 6's German."""
    a = employment_since("2024-01-01", german="A1", impairment="age")
    p = report(a).permit(PERMIT)
    assert p.condition("german_a2").status == "met"
    assert p.condition("employment_duldung_30m").status == "unmet"
    assert p.status == "not_eligible"


@pytest.mark.parametrize("between", [
    pytest.param({"status": "duldung"}, id="plain_duldung"),
    pytest.param({"status": "abroad"}, id="one_month_abroad"),
])
def test_25b_abs6_without_a_break(between):
    """§ 25b Abs. 6: only § 60d periods count, without a break; another status or an absence ends them."""
    a = applicant(stay=[{"since": "2015-01-01", "status": "unlawful"},
                        {"since": "2022-01-01", "status": "employment_duldung"},
                        {"since": "2024-06-01", **between},
                        {"since": "2024-07-01", "status": "employment_duldung"}])
    assert condition(a, PERMIT, "employment_duldung_30m") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


@pytest.mark.parametrize("as_of,present", [
    pytest.param("2019-12-31", False, id="2019-12-31_no_abs6"),
    pytest.param("2020-01-01", True, id="2020-01-01_abs6"),
])
def test_25b_abs6_in_force_from_2020_01_01(as_of, present):
    """§ 25b Abs. 6: in force from 2020-01-01; before it, 35 months of § 60d Duldung do not help."""
    a = applicant(as_of=as_of, stay=[{"since": "2014-01-01", "status": "unlawful"},
                                     {"since": "2017-01-01", "status": "employment_duldung"}])
    p = report(a).permit(PERMIT)
    if present:
        assert p.condition("employment_duldung_30m").status == "met"
        assert p.status == "eligible"
    else:
        with pytest.raises(KeyError):
            p.condition("employment_duldung_30m")
        assert p.status == "not_eligible"


def test_25b_abs6_still_applies_from_2027_07_01():
    """§ 25b Abs. 6: not among the § 104c rules; it stays after 2027-06-30."""
    a = employment_since("2024-05-22", as_of="2027-07-01")
    assert condition(a, PERMIT, "employment_duldung_30m") == "met"
    assert status(a, PERMIT) == "eligible"


# --- Nr. 2: commitment and civics --------------------------------------------

@pytest.mark.parametrize("facts", [
    pytest.param({"fdgo_commitment": False}, id="no_commitment"),
    pytest.param({"civics_test": False}, id="no_civics_test"),
])
def test_25b_abs1_s2_nr2_commitment_and_civics(facts):
    """§ 25b Abs. 1 S. 2 Nr. 2: commitment to the free democratic order and basic civic knowledge."""
    a = applicant(**facts)
    assert condition(a, PERMIT, "fdgo_and_civics") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


# --- Nr. 3: livelihood predominantly by work --------------------------------

@pytest.mark.parametrize("share,expected", [
    pytest.param(49, "unmet", id="below_49"),
    pytest.param(50, "unmet", id="at_50_not_more_than_half"),
    pytest.param(50.5, "met", id="above_50.5"),
    pytest.param(51, "met", id="above_51"),
])
def test_25b_abs1_s2_nr3_livelihood_predominantly_by_work(share, expected):
    """§ 25b Abs. 1 S. 2 Nr. 3: "überwiegend" — more than 50 % of the needs from own work."""
    a = applicant(livelihood={"own_share": share})
    assert condition(a, PERMIT, "livelihood_by_work") == expected
    assert status(a, PERMIT) == expected_status(expected)


def test_25b_abs1_s2_nr3_income_not_from_work_is_not_enough():
    """§ 25b Abs. 1 S. 2 Nr. 3: the livelihood must come from work."""
    a = applicant(livelihood={"own_share": 100, "from_employment": False})
    assert condition(a, PERMIT, "livelihood_by_work") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


def test_25b_abs1_s2_nr3_in_education_suffices():
    """§ 25b Abs. 1 S. 2 Nr. 3: in education, public funds do not bar the permit."""
    a = applicant(livelihood={"own_share": 0, "from_employment": False}, education={"in_education": True})
    assert condition(a, PERMIT, "livelihood_by_work") == "met"
    assert status(a, PERMIT) == "eligible"


#: § 25b Abs. 3: "Krankheit, Behinderung oder Alter" — every cause waives.
ABS3_CAUSES = [
    pytest.param("illness_or_disability", "met", "illness_or_disability", id="illness_or_disability_waives"),
    pytest.param("age", "met", "age", id="age_waives"),
    pytest.param("none", "unmet", None, id="none"),
    pytest.param(True, "met", "illness_or_disability", id="true_read_as_illness_or_disability"),
]


@pytest.mark.parametrize("impairment,expected,waived_by", ABS3_CAUSES)
def test_25b_abs3_illness_disability_or_age_waives_livelihood(impairment, expected, waived_by):
    """§ 25b Abs. 3: Nr. 3 is waived where illness, disability or age prevent it."""
    a = applicant(livelihood={"own_share": 0, "from_employment": False}, impairment=impairment)
    c = report(a).permit(PERMIT).condition("livelihood_by_work")
    assert (c.status, c.waived_by) == (expected, waived_by)
    assert status(a, PERMIT) == expected_status(expected)


# --- Nr. 4: German A2 -----------------------------------------------------------

@pytest.mark.parametrize("german,expected", [
    pytest.param("none", "unmet", id="none"),
    pytest.param("A1", "unmet", id="below_A1"),
    pytest.param("A2", "met", id="at_A2"),
    pytest.param("B1", "met", id="above_B1"),
])
def test_25b_abs1_s2_nr4_german_a2(german, expected):
    """§ 25b Abs. 1 S. 2 Nr. 4: oral German at A2; A1 is not enough."""
    a = applicant(german=german)
    assert condition(a, PERMIT, "german_a2") == expected
    assert status(a, PERMIT) == expected_status(expected)


@pytest.mark.parametrize("impairment,expected,waived_by", ABS3_CAUSES)
def test_25b_abs3_illness_disability_or_age_waives_german(impairment, expected, waived_by):
    """§ 25b Abs. 3: Nr. 4 is waived where illness, disability or age prevent it."""
    a = applicant(german="none", impairment=impairment)
    c = report(a).permit(PERMIT).condition("german_a2")
    assert (c.status, c.waived_by) == (expected, waived_by)
    assert status(a, PERMIT) == expected_status(expected)


# --- Nr. 5: children of school age attend school -----------------------------

@pytest.mark.parametrize("kid,expected", [
    pytest.param(child("2016-04-01", attends_school=False), "unmet", id="aged_10_not_at_school"),
    pytest.param(child("2016-04-01", attends_school=True), "met", id="aged_10_at_school"),
    pytest.param(child("2020-11-22", attends_school=False), "met", id="turns_6_tomorrow"),
    pytest.param(child("2020-11-21", attends_school=False), "unmet", id="turns_6_on_as_of"),
    pytest.param(child("2008-11-22", attends_school=False), "unmet", id="turns_18_tomorrow"),
    pytest.param(child("2008-11-21", attends_school=False), "met", id="turns_18_on_as_of"),
    pytest.param(child("2016-04-01", attends_school=False, in_household=False), "met",
                 id="not_in_household"),
])
def test_25b_abs1_s2_nr5_children_of_school_age_attend_school(kid, expected):
    """§ 25b Abs. 1 S. 2 Nr. 5: every child of school age (6 to 17) in the household attends school."""
    a = applicant(household=with_children(kid))
    assert condition(a, PERMIT, "children_at_school") == expected
    assert status(a, PERMIT) == expected_status(expected)


def test_25b_abs1_s2_nr5_one_child_out_of_school_is_enough_to_fail():
    """§ 25b Abs. 1 S. 2 Nr. 5: every child, not most of them."""
    a = applicant(household=with_children(child("2014-01-01"), child("2016-04-01", attends_school=False)))
    assert condition(a, PERMIT, "children_at_school") == "unmet"


# --- Abs. 2 Nr. 1: no obstruction ----------------------------------------------

@pytest.mark.parametrize("identity,expected", [
    pytest.param({"deception": "once", "deception_prevents_deportation": True}, "unmet",
                 id="deception_prevents_deportation"),
    pytest.param({"cooperation_refused": True}, "unmet", id="cooperation_refused"),
    pytest.param({"deception": "repeated", "deception_prevents_deportation": False}, "met",
                 id="deception_not_preventing"),
])
def test_25b_abs2_nr1_no_obstruction_of_deportation(identity, expected):
    """§ 25b Abs. 2 Nr. 1: refused where deportation is prevented by deception or refused cooperation."""
    a = applicant(identity=identity)
    assert condition(a, PERMIT, "no_obstruction") == expected
    assert status(a, PERMIT) == expected_status(expected)


# --- Abs. 2 Nr. 2: no serious conviction (§ 54 Abs. 1, Abs. 2 Nr. 1-2) ---------

@pytest.mark.parametrize("conviction,serious", [
    pytest.param({"prison_months": 5}, False, id="prison_5_below"),
    pytest.param({"prison_months": 6}, True, id="prison_6_at"),
    pytest.param({"prison_months": 7}, True, id="prison_7_above"),
    pytest.param({"prison_months": 6, "suspended": True}, True, id="prison_6_suspended"),
    pytest.param({"prison_months": 5, "suspended": True}, False, id="prison_5_suspended"),
    pytest.param({"juvenile": True, "youth_custody_months": 11}, False, id="youth_custody_11_below"),
    pytest.param({"juvenile": True, "youth_custody_months": 12}, True, id="youth_custody_12_at"),
    pytest.param({"juvenile": True, "youth_custody_months": 13}, True, id="youth_custody_13_above"),
    pytest.param({"juvenile": True, "youth_custody_months": 12, "suspended": True}, False,
                 id="youth_custody_12_suspended"),
    pytest.param({"juvenile": True, "youth_custody_months": 24, "suspended": True}, False,
                 id="youth_custody_24_suspended"),
])
def test_25b_abs2_nr2_serious_conviction(conviction, serious):
    """§ 25b Abs. 2 Nr. 2; § 54 Abs. 2 Nr. 1-2: prison ≥ 6 months, or unsuspended youth custody ≥ 12 months, is hard;
    a lesser sentence is still beyond minor: § 5 Abs. 1 Nr. 2, waivable."""
    a = applicant(convictions=[{"date": "2024-06-01", **conviction}])
    p = report(a).permit(PERMIT)
    assert p.condition("no_serious_offence").status == ("unmet" if serious else "met")
    assert p.condition("s5_no_expulsion_interest").status == "unmet"
    assert p.status == ("not_eligible" if serious else "waiver_needed")


def test_25b_abs2_nr2_negligent_offence_does_not_count():
    """§ 25b Abs. 2 Nr. 2 (brief, section 1): only intentional convictions count."""
    a = applicant(convictions=[{"date": "2024-06-01", "prison_months": 12, "intentional": False}])
    p = report(a).permit(PERMIT)
    assert p.condition("no_serious_offence").status == "met"
    assert p.status == "eligible"


# --- § 5 Abs. 1 Nr. 2 -------------------------------------------------------------

@pytest.mark.parametrize("convictions,cond", [
    pytest.param([{"date": "2024-06-01", "daily_rates": 49}], "met", id="fine_49_below"),
    pytest.param([{"date": "2024-06-01", "daily_rates": 50}], "met", id="fine_50_at"),
    pytest.param([{"date": "2024-06-01", "daily_rates": 51}], "unmet", id="fine_51_above"),
    pytest.param([{"date": "2024-06-01", "daily_rates": 89, "immigration_offence": True}], "met",
                 id="immigration_89_below"),
    pytest.param([{"date": "2024-06-01", "daily_rates": 90, "immigration_offence": True}], "met",
                 id="immigration_90_at"),
    pytest.param([{"date": "2024-06-01", "daily_rates": 91, "immigration_offence": True}], "unmet",
                 id="immigration_91_above"),
    pytest.param([{"date": "2023-06-01", "daily_rates": 25}, {"date": "2024-06-01", "daily_rates": 26}],
                 "unmet", id="fines_25_plus_26"),
    pytest.param([{"date": "2023-06-01", "daily_rates": 50},
                  {"date": "2024-06-01", "daily_rates": 90, "immigration_offence": True}],
                 "met", id="separate_caps_50_and_90"),
])
def test_25b_s5_abs1_nr2_daily_rates(convictions, cond):
    """§ 5 Abs. 1 Nr. 2: fines over 50 (general) or 90 (immigration) daily rates; waivable (§ 5 Abs. 3 S. 2)."""
    a = applicant(convictions=convictions)
    p = report(a).permit(PERMIT)
    c = p.condition("s5_no_expulsion_interest")
    assert (c.status, c.strength) == (cond, "waivable")
    assert p.condition("no_serious_offence").status == "met"
    assert p.status == ("eligible" if cond == "met" else "waiver_needed")


# --- § 5 Abs. 1 Nr. 1a; § 25b Abs. 8: identity --------------------------------------

@pytest.mark.parametrize("steps_taken", [True, False])
def test_25b_s5_abs1_nr1a_identity_not_clarified_needs_a_waiver(steps_taken):
    """§ 5 Abs. 1 Nr. 1a: for applicants without a § 104c permit, waivable whatever the steps taken."""
    a = applicant(identity={"clarified": False, "steps_taken": steps_taken})
    c = report(a).permit(PERMIT).condition("s5_identity")
    assert (c.status, c.strength) == ("unmet", "waivable")
    assert status(a, PERMIT) == "waiver_needed"


@pytest.mark.parametrize("identity,cond,strength,expected", [
    pytest.param({"clarified": True, "steps_taken": False}, "met", None, "eligible", id="clarified"),
    pytest.param({"clarified": False, "steps_taken": True}, "unmet", "waivable", "waiver_needed",
                 id="steps_taken"),
    pytest.param({"clarified": False, "steps_taken": False}, "unmet", "hard", "not_eligible",
                 id="neither"),
])
def test_25b_abs8_identity_of_a_s104c_holder(identity, cond, strength, expected):
    """§ 25b Abs. 8: a § 104c holder: clarified → met; all steps taken → waivable; neither → hard failure."""
    a = applicant(BASE_104C, identity=identity)
    c = report(a).permit(PERMIT).condition("s5_identity")
    assert c.status == cond
    if strength:
        assert c.strength == strength
    assert status(a, PERMIT) == expected


@pytest.mark.parametrize("as_of,strength", [
    pytest.param("2027-06-30", "hard", id="2027-06-30_abs8"),
    pytest.param("2027-07-01", "waivable", id="2027-07-01_abs8_lapsed"),
])
def test_25b_abs8_lapses_on_2027_07_01(as_of, strength):
    """§ 25b Abs. 8: the § 104c holder's identity rule lapses with the § 104c rules on 2027-07-01."""
    a = applicant(BASE_104C, as_of=as_of, identity={"clarified": False, "steps_taken": False})
    c = report(a).permit(PERMIT).condition("s5_identity")
    assert (c.status, c.strength) == ("unmet", strength)


# --- § 5 Abs. 1 Nr. 4, § 5 Abs. 4 ---------------------------------------------------

@pytest.mark.parametrize("passport,cond,expected", [
    ("valid", "met", "eligible"),
    ("substitute", "met", "eligible"),
    ("none", "unmet", "waiver_needed"),
])
def test_25b_s5_abs1_nr4_passport(passport, cond, expected):
    """§ 5 Abs. 1 Nr. 4: passport obligation; waivable (§ 5 Abs. 3 S. 2)."""
    a = applicant(identity={"passport": passport})
    assert condition(a, PERMIT, "s5_passport") == cond
    assert status(a, PERMIT) == expected


def test_25b_s5_abs4_security_threat_is_a_hard_exclusion():
    """§ 5 Abs. 4: a security threat excludes the title."""
    a = applicant(security_threat=True)
    c = report(a).permit(PERMIT).condition("no_security_threat")
    assert (c.status, c.strength) == ("unmet", "hard")
    assert status(a, PERMIT) == "not_eligible"


def test_25b_abs6_s60b_breaks_the_employment_duldung():
    """§ 25b Abs. 6: only § 60d time counts without a break; a § 60b period is not skipped here."""
    a = applicant(stay=[{"since": "2015-01-01", "status": "unlawful"},
                        {"since": "2022-01-01", "status": "employment_duldung"},
                        {"since": "2024-06-01", "status": "duldung_unclear_identity"},
                        {"since": "2024-07-01", "status": "employment_duldung"}])
    assert condition(a, PERMIT, "employment_duldung_30m") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


@pytest.mark.parametrize("as_of,expected", [
    pytest.param("2026-02-27", "unmet", id="below_2026-02-27"),
    pytest.param("2026-02-28", "met", id="at_2026-02-28_clamped"),
])
def test_25b_abs1_s2_nr1_six_years_from_march_1_2020_end_on_february_28(as_of, expected):
    """§ 25b Abs. 1 S. 2 Nr. 1; § 188 Abs. 3 BGB: begun 2020-03-01, (2020-02-29) + 6 years = 2026-02-29 → 2026-02-28."""
    a = applicant(as_of=as_of, stay=stay_from("2020-03-01", then="2021-01-01"))
    assert condition(a, PERMIT, "uninterrupted_stay") == expected


# --- citations ------------------------------------------------------------------

@pytest.mark.parametrize("cond,fragments", [
    ("scope", ["§ 25b Abs. 1 Satz 1"]),
    ("uninterrupted_stay", ["§ 25b Abs. 1 Satz 2 Nr. 1"]),
    ("employment_duldung_30m", ["§ 25b Abs. 6"]),
    ("fdgo_and_civics", ["§ 25b Abs. 1 Satz 2 Nr. 2"]),
    ("livelihood_by_work", ["§ 25b Abs. 1 Satz 2 Nr. 3"]),
    ("german_a2", ["§ 25b Abs. 1 Satz 2 Nr. 4"]),
    ("children_at_school", ["§ 25b Abs. 1 Satz 2 Nr. 5"]),
    ("no_obstruction", ["§ 25b Abs. 2 Nr. 1"]),
    ("no_serious_offence", ["§ 25b Abs. 2 Nr. 2"]),
    ("no_security_threat", ["§ 5 Abs. 4"]),
    ("s5_identity", ["§ 5 Abs. 1 Nr. 1a"]),
    ("s5_no_expulsion_interest", ["§ 5 Abs. 1 Nr. 2"]),
    ("s5_passport", ["§ 5 Abs. 1 Nr. 4"]),
])
def test_25b_citations(cond, fragments):
    """§ 25b (brief, section 6): each condition cites its provision."""
    citation = report(applicant()).permit(PERMIT).condition(cond).citation
    for fragment in fragments:
        assert fragment in citation


def test_25b_abs8_is_cited_for_a_s104c_holder():
    """§ 25b Abs. 8: the identity rule of a § 104c holder cites Abs. 8."""
    citation = report(applicant(BASE_104C)).permit(PERMIT).condition("s5_identity").citation
    assert "§ 5 Abs. 1 Nr. 1a" in citation and "§ 25b Abs. 8" in citation


@pytest.mark.parametrize("back,expected", [
    pytest.param("2023-03-01", "met", id="abroad_until_2023-02-28_is_3_months"),
    pytest.param("2023-03-02", "unmet", id="abroad_until_2023-03-01_is_longer"),
])
def test_25b_abs1_s2_nr1_three_months_abroad_from_november_30(back, expected):
    """§ 25b Abs. 1 S. 2 Nr. 1; § 188 Abs. 3 BGB: abroad from 2022-11-30, 3 months end with
    (2022-11-29) + 3 months = 2023-02-28."""
    a = applicant(stay=[{"since": "2018-01-01", "status": "asylum_procedure"},
                        {"since": "2022-11-30", "status": "abroad"},
                        {"since": back, "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == expected
    assert status(a, PERMIT) == expected_status(expected)


@pytest.mark.parametrize("lang, words", [
    pytest.param("en", "waived: age", id="en"),
    pytest.param("de", "entfällt: Alter", id="de"),
])
def test_25b_abs3_the_report_names_the_cause_of_the_waiver(lang, words):
    """§ 25b Abs. 3: the text report says why Nr. 4 is set aside — the cause
    (age), in the report's language; the JSON keeps the cause's id."""
    r = report(applicant(german="none", impairment="age"), lang=lang, unlock=False)
    out = io.StringIO()
    console(out, width=200).print(permit_tree(r.permit(PERMIT), lang))
    assert words in out.getvalue()
    assert r.permit(PERMIT).condition("german_a2").to_dict()["waived_by"] == "age"
