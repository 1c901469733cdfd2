"""§ 25a AufenthG — residence permit for well-integrated young people
(permit id ``25a``, Abs. 1; legal brief, sections 1–3 and 5).

Versions: 2015-08-01 – 2022-12-30 (Duldung now, 4 years of stay and school,
application before 21), 2022-12-31 – 2027-06-30 (12 months of Duldung or a
§ 104c permit, 3 years, before 27, Abs. 5 and 6 for § 104c holders), from
2027-07-01 without the § 104c rules.

Days are computed by the brief's rules: a period of N years begun on S is
complete at the end of (S − 1 day) + N years; a person born on B completes
year N at the end of (B − 1 day) + N years, so "at least 14" holds from the
14th birthday on, and "before completing the 27th year" up to the day before
the 27th birthday.
"""

import pytest
from conftest import condition, merge, person, report, status

PERMIT = "25a"
AS_OF = "2026-11-21"

# Eligible for § 25a on 2026-11-21: 20 years old, in Germany since 2021
# (asylum procedure, then a Duldung since 2022-06-01: more than 12 months),
# 3 years of school, positive prognosis, identity clarified, passport, and
# livelihood secured.
BASE = dict(
    as_of=AS_OF,
    birth_date="2006-01-15",
    stay=[
        {"since": "2021-03-01", "status": "asylum_procedure"},
        {"since": "2022-06-01", "status": "duldung"},
    ],
    identity={"clarified": True, "passport": "valid"},
    livelihood={"own_share": 100, "health_insurance": True},
    education={"school_years": 3, "qualification": "none", "in_education": False},
    integration_prognosis="positive",
)

# Eligible under the version before 2022-12-31 (on 2022-12-30) and after it:
# 18 years old, Duldung since 2017, 4 years of school.
BASE_OLD = merge(BASE, dict(
    as_of="2022-12-30",
    birth_date="2004-06-01",
    stay=[
        {"since": "2016-01-01", "status": "asylum_procedure"},
        {"since": "2017-01-01", "status": "duldung"},
    ],
    education={"school_years": 4},
))

# A current § 104c holder (2022-12-31 version), eligible on 2026-11-21.
BASE_104C = merge(BASE, dict(
    birth_date="2003-03-01",
    stay=[
        {"since": "2016-03-01", "status": "asylum_procedure"},
        {"since": "2018-01-01", "status": "duldung"},
        {"since": "2023-03-01", "status": "permit", "basis": "104c"},
    ],
))


def applicant(base=BASE, **facts):
    """``base`` with ``facts`` merged in (nested fields key by key)."""
    return person(**merge(base, facts))


# --- the base ---------------------------------------------------------------

@pytest.mark.parametrize("base", [
    pytest.param(BASE, id="2026-11-21"),
    pytest.param(BASE_OLD, id="old_version_2022-12-30"),
    pytest.param(merge(BASE_OLD, {"as_of": "2022-12-31"}), id="new_version_2022-12-31"),
    pytest.param(BASE_104C, id="104c_holder_2026-11-21"),
])
def test_25a_base_applicant_is_eligible(base):
    """§ 25a Abs. 1: the bases meet every condition; effect "soll" → regular."""
    p = report(applicant(base)).permit(PERMIT)
    assert p.status == "eligible", [c.id for c in p.unmet]
    assert p.effect == "regular"
    assert all(c.status == "met" for c in p.conditions)


COMMON = {"in_force", "scope", "age_min_14", "integration_prognosis", "no_fdgo_doubts", "no_own_deception",
          "no_security_threat", "s5_livelihood", "s5_identity", "s5_no_expulsion_interest", "s5_passport"}


SPECIFIC = {"uninterrupted_stay", "school_or_qualification", "application_before_age_limit"}


@pytest.mark.parametrize("as_of,years,age_limit,words,ordinal", [
    pytest.param("2022-12-30", 4, 21, "Four", "21st", id="2022-12-30"),
    pytest.param("2022-12-31", 3, 27, "Three", "27th", id="2022-12-31"),
    pytest.param("2027-07-01", 3, 27, "Three", "27th", id="2027-07-01"),
])
def test_25a_condition_ids_per_version(as_of, years, age_limit, words, ordinal):
    """§ 25a Abs. 1 S. 1 Nr. 1-3: 4 years / before 21 until 2022-12-30; 3 years
    / before 27 from 2022-12-31. The same conditions in every version, their
    figures from the dated thresholds (figure/4), named in the texts."""
    p = report(applicant(BASE_OLD, as_of=as_of)).permit(PERMIT)
    assert {c.id for c in p.conditions} == COMMON | SPECIFIC
    assert p.condition("uninterrupted_stay").figures == (("stay_years", years),)
    assert p.condition("school_or_qualification").figures == (("school_years", years),)
    assert p.condition("application_before_age_limit").figures == (("age_limit", age_limit),)
    assert p.condition("uninterrupted_stay").text.startswith(f"{words} years of uninterrupted stay")
    assert f"the {ordinal} birthday" in p.condition("application_before_age_limit").text


def test_25a_strengths():
    """§ 25a; § 5 Abs. 1, 3 S. 2, 4: hard conditions and waivable § 5 requirements."""
    p = report(applicant()).permit(PERMIT)
    waivable = {c.id for c in p.conditions if c.strength == "waivable"}
    assert waivable == {"s5_livelihood", "s5_identity", "s5_no_expulsion_interest", "s5_passport"}


# --- Abs. 1 S. 1: scope --------------------------------------------------------
# 12 months up to 2026-11-21 need a start on or before 2025-11-22.

@pytest.mark.parametrize("since,expected", [
    pytest.param("2025-11-23", "unmet", id="below_starts_2025-11-23"),
    pytest.param("2025-11-22", "met", id="at_starts_2025-11-22"),
    pytest.param("2025-11-21", "met", id="above_starts_2025-11-21"),
])
def test_25a_abs1_s1_scope_12_months_of_duldung(since, expected):
    """§ 25a Abs. 1 S. 1: a Duldung held without a break for at least 12 months."""
    a = applicant(stay=[{"since": "2021-03-01", "status": "asylum_procedure"},
                        {"since": since, "status": "duldung"}])
    assert condition(a, PERMIT, "scope") == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("kind", ["training_duldung", "employment_duldung"])
def test_25a_abs1_s1_scope_counts_training_and_employment_duldung(kind):
    """§ 25a Abs. 1 S. 1: §§ 60a, 60c, 60d Duldungen count alike and add up."""
    a = applicant(stay=[{"since": "2021-03-01", "status": "asylum_procedure"},
                        {"since": "2025-11-22", "status": "duldung"},
                        {"since": "2026-05-01", "status": kind}])
    assert condition(a, PERMIT, "scope") == "met"
    a = applicant(stay=[{"since": "2021-03-01", "status": "asylum_procedure"},
                        {"since": "2025-11-23", "status": kind}])
    assert condition(a, PERMIT, "scope") == "unmet"


# Duldung from S, § 60b 2026-01-01 – 2026-03-31 (skipped), Duldung from
# 2026-04-01: 235 days after; with a period skipped, § 191 BGB counts 12
# months as 30 · 12 = 360 days, so 125 days before 2026-01-01: S = 2025-08-29.
@pytest.mark.parametrize("since,expected", [
    pytest.param("2025-08-30", "unmet", id="below_starts_2025-08-30_359_days"),
    pytest.param("2025-08-29", "met", id="at_starts_2025-08-29_360_days"),
    pytest.param("2025-08-28", "met", id="above_starts_2025-08-28"),
])
def test_25a_abs1_s1_scope_skips_s60b_periods(since, expected):
    """§ 25a Abs. 1 S. 1; § 60b Abs. 5 S. 1: § 60b time is neither counted nor a break."""
    a = applicant(stay=[{"since": "2021-03-01", "status": "asylum_procedure"},
                        {"since": since, "status": "duldung"},
                        {"since": "2026-01-01", "status": "duldung_unclear_identity"},
                        {"since": "2026-04-01", "status": "duldung"}])
    assert condition(a, PERMIT, "scope") == expected


def test_25a_abs1_s1_scope_s60b_time_is_not_counted():
    """§ 25a Abs. 1 S. 1; § 60b Abs. 5 S. 1: 11 months of § 60b plus ~11 months of Duldung
    are not 12 months of Duldung."""
    a = applicant(stay=[{"since": "2021-03-01", "status": "asylum_procedure"},
                        {"since": "2025-01-01", "status": "duldung_unclear_identity"},
                        {"since": "2025-12-01", "status": "duldung"}])
    assert condition(a, PERMIT, "scope") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


def test_25a_abs1_s1_scope_current_s60b_after_a_year_of_duldung():
    """§ 25a Abs. 1 S. 1; § 60b Abs. 5 S. 1: a current § 60b period is skipped; the Duldung before it counts."""
    a = applicant(stay=[{"since": "2021-03-01", "status": "asylum_procedure"},
                        {"since": "2024-01-01", "status": "duldung"},
                        {"since": "2026-06-01", "status": "duldung_unclear_identity"}])
    assert condition(a, PERMIT, "scope") == "met"


def test_25a_abs1_s1_scope_a_short_absence_breaks_the_duldung():
    """§ 25a Abs. 1 S. 1: "without a break" — no absence is skipped for the 12 months."""
    a = applicant(stay=[{"since": "2021-03-01", "status": "asylum_procedure"},
                        {"since": "2023-01-01", "status": "duldung"},
                        {"since": "2026-01-01", "status": "abroad"},
                        {"since": "2026-02-01", "status": "duldung"}])
    assert condition(a, PERMIT, "scope") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


@pytest.mark.parametrize("current", [
    pytest.param({"status": "asylum_procedure"}, id="asylum_procedure"),
    pytest.param({"status": "permit", "basis": "other"}, id="permit_other"),
    pytest.param({"status": "unlawful"}, id="unlawful"),
])
def test_25a_abs1_s1_scope_needs_the_duldung_up_to_as_of(current):
    """§ 25a Abs. 1 S. 1: the 12 months of Duldung run up to as_of; a later other status ends them."""
    a = applicant(stay=[{"since": "2021-03-01", "status": "duldung"},
                        {"since": "2026-10-01", **current}])
    assert condition(a, PERMIT, "scope") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


def test_25a_abs1_s1_scope_s104c_holder():
    """§ 25a Abs. 1 S. 1: a holder of a § 104c permit is in scope without a current Duldung."""
    a = applicant(BASE_104C)
    assert condition(a, PERMIT, "scope") == "met"
    assert status(a, PERMIT) == "eligible"


@pytest.mark.parametrize("as_of,expected", [
    pytest.param("2022-12-30", "met", id="2022-12-30_duldung_now_suffices"),
    pytest.param("2022-12-31", "unmet", id="2022-12-31_12_months_needed"),
])
def test_25a_abs1_s1_scope_changes_on_2022_12_31(as_of, expected):
    """§ 25a Abs. 1 S. 1 (old / new): until 2022-12-30 a Duldung now suffices; from 2022-12-31, 12 months."""
    a = applicant(BASE_OLD, as_of=as_of, stay=[{"since": "2016-01-01", "status": "asylum_procedure"},
                                               {"since": "2022-06-01", "status": "duldung"}])
    assert condition(a, PERMIT, "scope") == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


def test_25a_abs1_s1_old_scope_includes_s60b():
    """§ 25a Abs. 1 S. 1 (until 2022-12-30): a Duldung of any kind, § 60b included."""
    a = applicant(BASE_OLD, stay=[{"since": "2016-01-01", "status": "asylum_procedure"},
                                  {"since": "2017-01-01", "status": "duldung"},
                                  {"since": "2022-06-01", "status": "duldung_unclear_identity"}])
    assert condition(a, PERMIT, "scope") == "met"


@pytest.mark.parametrize("as_of,expected", [
    pytest.param("2027-06-30", "met", id="2027-06-30"),
    pytest.param("2027-07-01", "unmet", id="2027-07-01_104c_alternative_lapsed"),
])
def test_25a_abs1_s1_scope_s104c_alternative_lapses_on_2027_07_01(as_of, expected):
    """§ 25a Abs. 1 S. 1: the § 104c alternative exists until 2027-06-30 only."""
    a = applicant(BASE_104C, as_of=as_of)
    assert condition(a, PERMIT, "scope") == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


# --- Abs. 1 S. 1: at least 14 -------------------------------------------------

@pytest.mark.parametrize("birth_date,expected", [
    pytest.param("2012-11-22", "unmet", id="below_14th_birthday_tomorrow"),
    pytest.param("2012-11-21", "met", id="at_14th_birthday_today"),
    pytest.param("2012-11-20", "met", id="above_14th_birthday_yesterday"),
])
def test_25a_abs1_s1_at_least_14_from_the_14th_birthday(birth_date, expected):
    """§ 25a Abs. 1 S. 1: at least 14 on application_date, from the 14th birthday on."""
    a = applicant(birth_date=birth_date)
    assert condition(a, PERMIT, "age_min_14") == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("application_date,expected", [
    pytest.param("2022-02-28", "unmet", id="below_2022-02-28"),
    pytest.param("2022-03-01", "met", id="at_2022-03-01"),
    pytest.param("2022-03-02", "met", id="above_2022-03-02"),
])
def test_25a_abs1_s1_at_least_14_born_on_february_29(application_date, expected):
    """§ 25a Abs. 1 S. 1; § 188 Abs. 3 BGB: born 2008-02-29 completes year 14 at the end of 2022-02-28."""
    a = applicant(birth_date="2008-02-29", application_date=application_date)
    assert condition(a, PERMIT, "age_min_14") == expected


def test_25a_abs1_s1_at_least_14_looks_at_the_application_date():
    """§ 25a Abs. 1 S. 1: 14 on the decision day is not enough if the application was made at 13."""
    a = applicant(birth_date="2012-06-01", application_date="2026-05-31")
    assert condition(a, PERMIT, "age_min_14") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


# --- Nr. 3: application before completing the 27th (old: 21st) year ----------

@pytest.mark.parametrize("birth_date,expected", [
    pytest.param("1999-11-22", "met", id="below_27th_birthday_tomorrow"),
    pytest.param("1999-11-21", "unmet", id="at_27th_birthday_today"),
    pytest.param("1999-11-20", "unmet", id="above_27th_birthday_yesterday"),
])
def test_25a_abs1_s1_nr3_application_before_27(birth_date, expected):
    """§ 25a Abs. 1 S. 1 Nr. 3: the application up to the day before the 27th birthday."""
    a = applicant(birth_date=birth_date)
    assert condition(a, PERMIT, "application_before_age_limit") == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("application_date,expected", [
    pytest.param("2027-02-27", "met", id="below_2027-02-27"),
    pytest.param("2027-02-28", "met", id="at_last_day_2027-02-28"),
    pytest.param("2027-03-01", "unmet", id="above_2027-03-01"),
])
def test_25a_abs1_s1_nr3_application_before_27_born_on_february_29(application_date, expected):
    """§ 25a Abs. 1 S. 1 Nr. 3; § 188 Abs. 3 BGB: born 2000-02-29 completes year 27 at the end of 2027-02-28."""
    a = applicant(birth_date="2000-02-29", as_of="2027-03-05", application_date=application_date)
    assert condition(a, PERMIT, "application_before_age_limit") == expected


def test_25a_abs1_s1_nr3_application_date_not_decision_day_counts():
    """§ 25a Abs. 1 S. 1 Nr. 3 (brief, section 1): applied at 26, decided at 27 → met."""
    a = applicant(birth_date="1999-07-01", application_date="2026-06-30")
    assert condition(a, PERMIT, "application_before_age_limit") == "met"
    assert status(a, PERMIT) == "eligible"


@pytest.mark.parametrize("birth_date,expected", [
    pytest.param("2001-12-31", "met", id="below_21st_birthday_tomorrow"),
    pytest.param("2001-12-30", "unmet", id="at_21st_birthday_today"),
    pytest.param("2001-12-29", "unmet", id="above_21st_birthday_yesterday"),
])
def test_25a_old_abs1_s1_nr3_application_before_21(birth_date, expected):
    """§ 25a Abs. 1 S. 1 Nr. 3 (until 2022-12-30): the application before completing the 21st year."""
    a = applicant(BASE_OLD, birth_date=birth_date)
    assert condition(a, PERMIT, "application_before_age_limit") == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("as_of,cond,expected", [
    pytest.param("2022-12-30", "application_before_age_limit", "unmet", id="2022-12-30_limit_21"),
    pytest.param("2022-12-31", "application_before_age_limit", "met", id="2022-12-31_limit_27"),
])
def test_25a_abs1_s1_nr3_age_limit_changes_on_2022_12_31(as_of, cond, expected):
    """§ 25a Abs. 1 S. 1 Nr. 3: the law of as_of decides; a 21-year-old who applied in 2022
    is within 27 from 2022-12-31."""
    a = applicant(BASE_OLD, as_of=as_of, birth_date="2001-01-01", application_date="2022-12-01")
    assert condition(a, PERMIT, cond) == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


# --- Nr. 1: uninterrupted stay (3 years; old: 4) -------------------------------
# 3 years up to 2026-11-21 need a start on or before 2023-11-22.

def _stay_from(since):
    return [{"since": since, "status": "asylum_procedure"}, {"since": "2025-01-01", "status": "duldung"}]


@pytest.mark.parametrize("since,expected", [
    pytest.param("2023-11-23", "unmet", id="below_starts_2023-11-23"),
    pytest.param("2023-11-22", "met", id="at_starts_2023-11-22"),
    pytest.param("2023-11-21", "met", id="above_starts_2023-11-21"),
])
def test_25a_abs1_s1_nr1_three_years_of_stay(since, expected):
    """§ 25a Abs. 1 S. 1 Nr. 1: 3 years of uninterrupted stay (asylum procedure, Duldung, permit)."""
    a = applicant(stay=_stay_from(since))
    assert condition(a, PERMIT, "uninterrupted_stay") == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("since,expected", [
    pytest.param("2019-01-01", "unmet", id="below_starts_2019-01-01"),
    pytest.param("2018-12-31", "met", id="at_starts_2018-12-31"),
    pytest.param("2018-12-30", "met", id="above_starts_2018-12-30"),
])
def test_25a_old_abs1_s1_nr1_four_years_of_stay(since, expected):
    """§ 25a Abs. 1 S. 1 Nr. 1 (until 2022-12-30): 4 years; (2018-12-31 − 1 day) + 4 years = 2022-12-30."""
    a = applicant(BASE_OLD, stay=[{"since": since, "status": "asylum_procedure"},
                                  {"since": "2021-01-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("as_of,cond,expected", [
    pytest.param("2022-12-30", "uninterrupted_stay", "unmet", id="2022-12-30_4_years"),
    pytest.param("2022-12-31", "uninterrupted_stay", "met", id="2022-12-31_3_years"),
])
def test_25a_abs1_s1_nr1_stay_changes_on_2022_12_31(as_of, cond, expected):
    """§ 25a Abs. 1 S. 1 Nr. 1: 3.5 years of Duldung are too few until 2022-12-30, enough from 2022-12-31."""
    a = applicant(BASE_OLD, as_of=as_of, stay=[{"since": "2019-07-01", "status": "duldung"}])
    assert condition(a, PERMIT, cond) == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("earlier", [
    pytest.param({"status": "permit", "basis": "other"}, id="permit_other"),
    pytest.param({"status": "settlement_permit"}, id="settlement_permit"),
    pytest.param({"status": "training_duldung"}, id="training_duldung"),
])
def test_25a_abs1_s1_nr1_permits_and_settlement_permits_count(earlier):
    """§ 25a Abs. 1 S. 1 Nr. 1: stay with a permit or settlement permit counts as stay."""
    a = applicant(stay=[{"since": "2021-01-01", **earlier}, {"since": "2025-06-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "met"


def test_25a_abs1_s1_nr1_unlawful_stay_ends_the_walk():
    """§ 25a Abs. 1 S. 1 Nr. 1: an unlawful period breaks the stay; time before it is lost."""
    a = applicant(stay=[{"since": "2020-01-01", "status": "duldung"},
                        {"since": "2024-01-01", "status": "unlawful"},
                        {"since": "2024-02-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


def test_25a_abs1_s1_nr1_one_short_absence_is_skipped():
    """§ 25a Abs. 1 S. 1 Nr. 1 (reading, brief section 1): one absence of at most 3 months does not break the stay."""
    a = applicant(stay=[{"since": "2023-06-01", "status": "asylum_procedure"},
                        {"since": "2024-01-01", "status": "abroad"},
                        {"since": "2024-04-01", "status": "asylum_procedure"},
                        {"since": "2025-01-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "met"
    assert status(a, PERMIT) == "eligible"


def test_25a_abs1_s1_nr1_skipped_absence_is_not_counted():
    """§ 25a Abs. 1 S. 1 Nr. 1: the skipped absence's days do not count: 1087 days < 3 years."""
    a = applicant(stay=[{"since": "2023-09-01", "status": "asylum_procedure"},
                        {"since": "2024-01-01", "status": "abroad"},
                        {"since": "2024-04-01", "status": "asylum_procedure"},
                        {"since": "2025-01-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "unmet"


@pytest.mark.parametrize("back,expected", [
    pytest.param("2024-04-01", "met", id="abroad_exactly_3_months"),
    pytest.param("2024-04-02", "unmet", id="abroad_3_months_and_a_day"),
])
def test_25a_abs1_s1_nr1_absence_over_3_months_breaks(back, expected):
    """§ 25a Abs. 1 S. 1 Nr. 1: abroad 2024-01-01 – 2024-03-31 is 3 months (skipped); one day more breaks."""
    a = applicant(stay=[{"since": "2023-06-01", "status": "asylum_procedure"},
                        {"since": "2024-01-01", "status": "abroad"},
                        {"since": back, "status": "asylum_procedure"},
                        {"since": "2025-01-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == expected


def test_25a_abs1_s1_nr1_a_second_absence_breaks():
    """§ 25a Abs. 1 S. 1 Nr. 1: only one short absence is skipped; an earlier second one ends the walk."""
    a = applicant(stay=[{"since": "2022-01-01", "status": "asylum_procedure"},
                        {"since": "2024-01-01", "status": "abroad"},
                        {"since": "2024-02-01", "status": "asylum_procedure"},
                        {"since": "2025-03-01", "status": "abroad"},
                        {"since": "2025-04-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


def test_25a_abs1_s1_nr1_s60b_does_not_break_the_stay():
    """§ 25a Abs. 1 S. 1 Nr. 1; § 60b Abs. 5 S. 1: a § 60b period is skipped, the stay before it still counts."""
    a = applicant(stay=[{"since": "2022-01-01", "status": "asylum_procedure"},
                        {"since": "2024-01-01", "status": "duldung_unclear_identity"},
                        {"since": "2024-04-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "met"


S60B_STAY = [{"since": "2023-01-01", "status": "asylum_procedure"},
             {"since": "2023-06-01", "status": "duldung_unclear_identity"}]


def test_25a_abs1_s1_nr1_s60b_time_not_counted_for_ordinary_applicants():
    """§ 25a Abs. 1 S. 1 Nr. 1; § 60b Abs. 5 S. 1: 151 + 539 days without the § 60b time are not 3 years."""
    a = applicant(stay=[*S60B_STAY, {"since": "2025-06-01", "status": "duldung"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


def test_25a_abs5_s60b_time_counts_for_a_s104c_holder():
    """§ 25a Abs. 5: for a current § 104c holder the § 60b time counts (since 2023-01-01: 3 years)."""
    a = applicant(stay=[*S60B_STAY, {"since": "2025-06-01", "status": "permit", "basis": "104c"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == "met"
    assert status(a, PERMIT) == "eligible"


@pytest.mark.parametrize("as_of,expected", [
    pytest.param("2027-06-30", "met", id="2027-06-30_credited"),
    pytest.param("2027-07-01", "unmet", id="2027-07-01_not_credited"),
])
def test_25a_abs5_lapses_on_2027_07_01(as_of, expected):
    """§ 25a Abs. 5: the § 104c holder's § 60b credit lapses with the § 104c rules (2027-07-01: 912 days)."""
    a = applicant(as_of=as_of, stay=[*S60B_STAY, {"since": "2025-06-01", "status": "permit", "basis": "104c"}])
    assert condition(a, PERMIT, "uninterrupted_stay") == expected


# --- Nr. 2: school or qualification ------------------------------------------

@pytest.mark.parametrize("years,expected", [
    pytest.param(2.5, "unmet", id="below_2.5_years"),
    pytest.param(3, "met", id="at_3_years"),
    pytest.param(3.5, "met", id="above_3.5_years"),
])
def test_25a_abs1_s1_nr2_three_years_of_school(years, expected):
    """§ 25a Abs. 1 S. 1 Nr. 2: 3 years of successful school attendance."""
    a = applicant(education={"school_years": years})
    assert condition(a, PERMIT, "school_or_qualification") == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("years,expected", [
    pytest.param(3.5, "unmet", id="below_3.5_years"),
    pytest.param(4, "met", id="at_4_years"),
    pytest.param(4.5, "met", id="above_4.5_years"),
])
def test_25a_old_abs1_s1_nr2_four_years_of_school(years, expected):
    """§ 25a Abs. 1 S. 1 Nr. 2 (until 2022-12-30): 4 years of school."""
    a = applicant(BASE_OLD, education={"school_years": years})
    assert condition(a, PERMIT, "school_or_qualification") == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("qualification", ["school", "vocational"])
def test_25a_abs1_s1_nr2_a_qualification_replaces_school_years(qualification):
    """§ 25a Abs. 1 S. 1 Nr. 2: a recognised school or vocational qualification suffices."""
    a = applicant(education={"school_years": 0, "qualification": qualification})
    assert condition(a, PERMIT, "school_or_qualification") == "met"
    assert status(a, PERMIT) == "eligible"


@pytest.mark.parametrize("impairment,expected,waived_by", [
    pytest.param("illness_or_disability", "met", "illness_or_disability", id="illness_or_disability_waives"),
    pytest.param("age", "unmet", None, id="age_does_not"),
    pytest.param("none", "unmet", None, id="none"),
    pytest.param(True, "met", "illness_or_disability", id="true_read_as_illness_or_disability"),
    pytest.param(False, "unmet", None, id="false_read_as_none"),
])
def test_25a_abs1_s1_nr2_illness_or_disability_waives_school_age_does_not(impairment, expected, waived_by):
    """§ 25a Abs. 1 S. 1 Nr. 2 (from 2022-12-31): waived where an illness or
    disability prevents school; age is no cause here (brief, section 5)."""
    a = applicant(education={"school_years": 0}, impairment=impairment)
    c = report(a).permit(PERMIT).condition("school_or_qualification")
    assert c.status == expected
    assert c.waived_by == waived_by
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("as_of,cond,expected", [
    pytest.param("2022-12-30", "school_or_qualification", "unmet", id="2022-12-30_no_waiver"),
    pytest.param("2022-12-31", "school_or_qualification", "met", id="2022-12-31_waiver"),
])
def test_25a_abs1_s1_nr2_impairment_waiver_from_2022_12_31(as_of, cond, expected):
    """§ 25a Abs. 1 S. 1 Nr. 2: no illness waiver before 2022-12-31."""
    a = applicant(BASE_OLD, as_of=as_of, education={"school_years": 0}, impairment="illness_or_disability")
    assert condition(a, PERMIT, cond) == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


@pytest.mark.parametrize("as_of,cond,expected", [
    pytest.param("2022-12-30", "school_or_qualification", "unmet", id="2022-12-30_4_years"),
    pytest.param("2022-12-31", "school_or_qualification", "met", id="2022-12-31_3_years"),
])
def test_25a_abs1_s1_nr2_school_years_change_on_2022_12_31(as_of, cond, expected):
    """§ 25a Abs. 1 S. 1 Nr. 2: 3.5 years of school suffice from 2022-12-31 only."""
    a = applicant(BASE_OLD, as_of=as_of, education={"school_years": 3.5})
    assert condition(a, PERMIT, cond) == expected


# --- Nr. 4, Nr. 5, Abs. 1 S. 3 -------------------------------------------------

def test_25a_abs1_s1_nr4_negative_prognosis_is_not_eligible():
    """§ 25a Abs. 1 S. 1 Nr. 4: a positive integration prognosis is needed."""
    a = applicant(integration_prognosis="negative")
    assert condition(a, PERMIT, "integration_prognosis") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


def test_25a_abs1_s1_nr5_fdgo_doubts_are_not_eligible():
    """§ 25a Abs. 1 S. 1 Nr. 5: no concrete doubts about the commitment to the free democratic order."""
    a = applicant(fdgo_doubts=True)
    assert condition(a, PERMIT, "no_fdgo_doubts") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


@pytest.mark.parametrize("deception,prevents,expected", [
    pytest.param("once", True, "unmet", id="once_and_prevents"),
    pytest.param("repeated", True, "unmet", id="repeated_and_prevents"),
    pytest.param("once", False, "met", id="once_not_preventing"),
    pytest.param("none", True, "met", id="no_own_deception"),
])
def test_25a_abs1_s3_own_deception_preventing_deportation(deception, prevents, expected):
    """§ 25a Abs. 1 S. 3: refused where deportation is prevented by the person's own deception."""
    a = applicant(identity={"deception": deception, "deception_prevents_deportation": prevents})
    assert condition(a, PERMIT, "no_own_deception") == expected
    assert status(a, PERMIT) == ("eligible" if expected == "met" else "not_eligible")


def test_25a_s5_abs4_security_threat_is_a_hard_exclusion():
    """§ 5 Abs. 4: a security threat excludes the title."""
    a = applicant(security_threat=True)
    c = report(a).permit(PERMIT).condition("no_security_threat")
    assert (c.status, c.strength) == ("unmet", "hard")
    assert status(a, PERMIT) == "not_eligible"


# --- § 5 Abs. 1 Nr. 1; § 25a Abs. 1 S. 2: livelihood ----------------------------

@pytest.mark.parametrize("livelihood", [
    pytest.param({"own_share": 99}, id="own_share_99"),
    pytest.param({"own_share": 100, "health_insurance": False}, id="no_health_insurance"),
])
def test_25a_s5_abs1_nr1_livelihood_not_secured_needs_a_waiver(livelihood):
    """§ 5 Abs. 1 Nr. 1: livelihood not secured; waivable (§ 5 Abs. 3 S. 2)."""
    a = applicant(livelihood=livelihood)
    c = report(a).permit(PERMIT).condition("s5_livelihood")
    assert (c.status, c.strength) == ("unmet", "waivable")
    assert status(a, PERMIT) == "waiver_needed"


def test_25a_abs1_s2_in_education_livelihood_is_no_bar():
    """§ 25a Abs. 1 S. 2: in school, training or university, public funds do not bar the permit."""
    a = applicant(livelihood={"own_share": 0, "health_insurance": False}, education={"in_education": True})
    assert condition(a, PERMIT, "s5_livelihood") == "met"
    assert status(a, PERMIT) == "eligible"


# --- § 5 Abs. 1 Nr. 1a; § 25a Abs. 6: identity ---------------------------------

@pytest.mark.parametrize("steps_taken", [True, False])
def test_25a_s5_abs1_nr1a_identity_not_clarified_needs_a_waiver(steps_taken):
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
def test_25a_abs6_identity_of_a_s104c_holder(identity, cond, strength, expected):
    """§ 25a Abs. 6: a § 104c holder: clarified → met; all steps taken → waivable; neither → hard failure."""
    a = applicant(BASE_104C, identity=identity)
    c = report(a).permit(PERMIT).condition("s5_identity")
    assert c.status == cond
    if strength:
        assert c.strength == strength
    assert status(a, PERMIT) == expected


@pytest.mark.parametrize("as_of,strength", [
    pytest.param("2027-06-30", "hard", id="2027-06-30_abs6"),
    pytest.param("2027-07-01", "waivable", id="2027-07-01_abs6_lapsed"),
])
def test_25a_abs6_lapses_on_2027_07_01(as_of, strength):
    """§ 25a Abs. 6: the § 104c holder's identity rule lapses with the § 104c rules on 2027-07-01."""
    a = applicant(BASE_104C, as_of=as_of, identity={"clarified": False, "steps_taken": False})
    c = report(a).permit(PERMIT).condition("s5_identity")
    assert (c.status, c.strength) == ("unmet", strength)


# --- § 5 Abs. 1 Nr. 2, Nr. 4 ----------------------------------------------------

@pytest.mark.parametrize("convictions,cond", [
    pytest.param([{"date": "2024-06-01", "daily_rates": 50}], "met", id="fine_50_at"),
    pytest.param([{"date": "2024-06-01", "daily_rates": 51}], "unmet", id="fine_51_above"),
    pytest.param([{"date": "2024-06-01", "daily_rates": 90, "immigration_offence": True}], "met",
                 id="immigration_90_at"),
    pytest.param([{"date": "2024-06-01", "daily_rates": 91, "immigration_offence": True}], "unmet",
                 id="immigration_91_above"),
    pytest.param([{"date": "2024-06-01", "juvenile": True}], "met", id="juvenile_without_custody"),
    pytest.param([{"date": "2024-06-01", "juvenile": True, "youth_custody_months": 3, "suspended": True}],
                 "unmet", id="youth_custody_3_suspended"),
    pytest.param([{"date": "2024-06-01", "prison_months": 2, "suspended": True}], "unmet",
                 id="prison_2_suspended"),
])
def test_25a_s5_abs1_nr2_conviction_beyond_minor_needs_a_waiver(convictions, cond):
    """§ 5 Abs. 1 Nr. 2: no conviction beyond minor (brief, section 1); waivable (§ 5 Abs. 3 S. 2)."""
    a = applicant(convictions=convictions)
    c = report(a).permit(PERMIT).condition("s5_no_expulsion_interest")
    assert (c.status, c.strength) == (cond, "waivable")
    assert status(a, PERMIT) == ("eligible" if cond == "met" else "waiver_needed")


@pytest.mark.parametrize("passport,cond,expected", [
    ("valid", "met", "eligible"),
    ("substitute", "met", "eligible"),
    ("none", "unmet", "waiver_needed"),
])
def test_25a_s5_abs1_nr4_passport(passport, cond, expected):
    """§ 5 Abs. 1 Nr. 4: passport obligation; waivable (§ 5 Abs. 3 S. 2)."""
    a = applicant(identity={"passport": passport})
    assert condition(a, PERMIT, "s5_passport") == cond
    assert status(a, PERMIT) == expected


def test_25a_abs1_s1_scope_only_s60b_is_no_duldung_time():
    """§ 25a Abs. 1 S. 1; § 60b Abs. 5 S. 1: years of § 60b alone give no Duldung time at all."""
    a = applicant(stay=[{"since": "2021-03-01", "status": "asylum_procedure"},
                        {"since": "2022-01-01", "status": "duldung_unclear_identity"}])
    assert condition(a, PERMIT, "scope") == "unmet"
    assert status(a, PERMIT) == "not_eligible"


# --- citations ------------------------------------------------------------------

@pytest.mark.parametrize("cond,fragments", [
    ("scope", ["§ 25a Abs. 1 Satz 1"]),
    ("age_min_14", ["§ 25a Abs. 1 Satz 1"]),
    ("uninterrupted_stay", ["§ 25a Abs. 1 Satz 1 Nr. 1"]),
    ("school_or_qualification", ["§ 25a Abs. 1 Satz 1 Nr. 2"]),
    ("application_before_age_limit", ["§ 25a Abs. 1 Satz 1 Nr. 3"]),
    ("integration_prognosis", ["§ 25a Abs. 1 Satz 1 Nr. 4"]),
    ("no_fdgo_doubts", ["§ 25a Abs. 1 Satz 1 Nr. 5"]),
    ("no_own_deception", ["§ 25a Abs. 1 Satz 3"]),
    ("no_security_threat", ["§ 5 Abs. 4"]),
    ("s5_livelihood", ["§ 5 Abs. 1 Nr. 1 ", "§ 25a Abs. 1 Satz 2"]),
    ("s5_identity", ["§ 5 Abs. 1 Nr. 1a"]),
    ("s5_no_expulsion_interest", ["§ 5 Abs. 1 Nr. 2"]),
    ("s5_passport", ["§ 5 Abs. 1 Nr. 4"]),
])
def test_25a_citations(cond, fragments):
    """§ 25a (brief, section 5): each condition cites its provision."""
    citation = report(applicant()).permit(PERMIT).condition(cond).citation
    for fragment in fragments:
        assert fragment in citation


def test_25a_abs6_is_cited_for_a_s104c_holder():
    """§ 25a Abs. 6: the identity rule of a § 104c holder cites Abs. 6."""
    citation = report(applicant(BASE_104C)).permit(PERMIT).condition("s5_identity").citation
    assert "§ 5 Abs. 1 Nr. 1a" in citation and "§ 25a Abs. 6" in citation
