"""The applicant file format v1: what is accepted, what defaults, and how a
bad file is refused (one message per problem: path, value, what was expected)."""

import copy
import dataclasses
import json
import math
from datetime import date, datetime

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pypermit.applicant.fields import BASES, STATUSES
from pypermit.applicant.files import read_applicant_file
from pypermit.applicant.load import applicant_to_dict, load_applicant, parse_applicant
from pypermit.applicant.model import Applicant
from pypermit.errors import InvalidApplicant, Problem

# The "Example" section of the spec (applicant-v1.md), verbatim.
SPEC_EXAMPLE = """\
as_of: 2026-11-21            # the day of the decision: facts and law of that day; default: today
application_date: 2026-11-01 # when the application is made; default: as_of
birth_date: 2001-03-04
city: bremen                 # optional: bremen | muenchen | darmstadt | other

stay:                        # the stay in Germany, oldest first
  - {since: 2016-05-01, status: asylum_procedure}
  - {since: 2017-09-12, status: duldung}
  - {since: 2023-02-01, status: permit, basis: "104c"}

identity:
  clarified: false           # identity (and nationality) established
  passport: none             # valid | substitute | none
  steps_taken: true          # all necessary and reasonable steps to clarify identity taken
  deception: none            # none | once | repeated: deliberate false statements / deception about identity or nationality
  deception_prevents_deportation: false  # that deception is why deportation cannot take place
  cooperation_refused: false # refuses reasonable demands (passport procurement, removing the obstacle)

convictions:                 # criminal convictions in Germany; default: none
  - {date: 2020-06-01, daily_rates: 40}
  - {date: 2021-01-10, daily_rates: 30, immigration_offence: true}
  - {date: 2019-02-01, juvenile: true}
  - {date: 2018-05-05, prison_months: 8, suspended: true}

german: A2                   # highest proven German level: none | A1 | A2 | B1 | B2 | C1 | C2
civics_test: false           # basic knowledge of the legal and social order proven ("Leben in Deutschland")
fdgo_commitment: true        # has declared commitment to the free democratic basic order
fdgo_doubts: false           # concrete indications that the person does not stand by it
security_threat: false       # § 5 Abs. 4 grounds: terrorism, endangering security or the basic order
impairment: none             # none | illness_or_disability | age: what makes language, livelihood or schooling requirements unattainable

livelihood:
  own_share: 60              # % of the household's needs met by own income; 100 = secured without public funds
  from_employment: true      # the own income comes from work
  health_insurance: true
  pension_months: 24         # months of (compulsory or voluntary) pension contributions

education:
  school_years: 3            # years of successful school attendance in Germany
  qualification: none        # none | school | vocational: recognised, obtained in Germany
  in_education: true         # in school, vocational training or university now
integration_prognosis: positive   # positive | negative

household:
  living_space_sqm: 48
  spouse_in_household: true
  children:
    - {birth_date: 2015-03-01, in_household: true, unmarried: true, attends_school: true}

departure:                   # § 25 Abs. 5
  impossible: true           # departure impossible for legal or factual reasons
  reason: illness            # illness | family | no_documents | stateless | other
  end_foreseeable: false     # the obstacle is expected to end in the foreseeable future
  self_caused: false         # the person is at fault for the obstacle

asylum:
  manifestly_unfounded: false  # asylum application rejected as manifestly unfounded (§ 30 Abs. 1 Nr. 3-7 AsylG)
  revocation_notice: false     # BAMF has notified that revocation or withdrawal conditions are met (§ 26 Abs. 3)
"""  # noqa: E501 (the spec's example, verbatim: two of its comment lines are longer)

MINIMAL = {"birth_date": "2001-03-04",
           "stay": [{"since": "2016-05-01", "status": "asylum_procedure"}]}

# A valid applicant with every section present, as_of fixed; bad cases change one thing.
BASE = {
    "as_of": "2026-11-21",
    "birth_date": "2001-03-04",
    "stay": [
        {"since": "2016-05-01", "status": "asylum_procedure"},
        {"since": "2019-05-01", "status": "duldung"},
        {"since": "2023-02-01", "status": "permit", "basis": "25.5"},
    ],
    "identity": {"clarified": False, "passport": "none"},
    "convictions": [{"date": "2020-06-01", "daily_rates": 40}],
    "livelihood": {"own_share": 60, "pension_months": 24},
    "education": {"school_years": 3},
    "household": {"living_space_sqm": 48, "children": [{"birth_date": "2015-03-01"}]},
    "departure": {"reason": "illness"},
    "asylum": {},
}

STATUS_LIST = ", ".join(STATUSES)
BASIS_LIST = ", ".join(BASES)
DELETE = object()


def changed(path, value, base=BASE):
    """A deep copy of ``base`` with the value at ``path`` (a tuple of keys/indices) replaced."""
    data = copy.deepcopy(base)
    target = data
    for part in path[:-1]:
        target = target[part]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


def problems(data, **kwargs):
    with pytest.raises(InvalidApplicant) as caught:
        load_applicant(data, **kwargs)
    return caught.value.problems


def only_problem(data, **kwargs):
    found = problems(data, **kwargs)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_base_is_valid():
    assert isinstance(load_applicant(BASE), Applicant)


# ---------------------------------------------------------------------------
# One bad value: exact path, value and what was expected
# ---------------------------------------------------------------------------

BAD_VALUES = [
    # unknown keys
    pytest.param(("nationality",), "SY", "nationality: unknown field", id="unknown-top-level-key"),
    pytest.param(("identity", "pasport"), "valid",
                 "identity.pasport: unknown field (did you mean passport?)", id="typo-nested-key"),
    pytest.param(("stay", 1, "bassis"), "25.5",
                 "stay[1].bassis: unknown field (did you mean basis?)", id="typo-in-stay-period"),
    pytest.param(("convictions", 0, "court"), "Bremen",
                 "convictions[0].court: unknown field", id="unknown-key-in-conviction"),
    pytest.param(("household", "children", 0, "name"), "A",
                 "household.children[0].name: unknown field", id="unknown-key-in-child"),
    pytest.param(("livelihood", "ownshare"), 50,
                 "livelihood.ownshare: unknown field (did you mean own_share?)", id="typo-livelihood"),
    # impossible and malformed dates
    pytest.param(("stay", 2, "since"), "2019-13-01",
                 "stay[2].since: 2019-13-01 is not a date (YYYY-MM-DD)", id="month-13"),
    pytest.param(("birth_date",), "2001-02-30",
                 "birth_date: 2001-02-30 is not a date (YYYY-MM-DD)", id="february-30"),
    pytest.param(("convictions", 0, "date"), "2020-00-10",
                 "convictions[0].date: 2020-00-10 is not a date (YYYY-MM-DD)", id="month-0"),
    pytest.param(("household", "children", 0, "birth_date"), "2015-3-1",
                 "household.children[0].birth_date: 2015-3-1 is not a date (YYYY-MM-DD)",
                 id="child-date-not-iso"),
    pytest.param(("birth_date",), "04.03.2001",
                 "birth_date: 04.03.2001 is not a date (YYYY-MM-DD)", id="german-date-format"),
    pytest.param(("birth_date",), "20010304",
                 'birth_date: "20010304" is not a date (YYYY-MM-DD)', id="compact-date-text"),
    pytest.param(("birth_date",), 20010304,
                 "birth_date: 20010304 is not a date (YYYY-MM-DD)", id="date-as-int"),
    pytest.param(("as_of",), "2026-11-21T10:00:00",
                 "as_of: 2026-11-21T10:00:00 is not a date (YYYY-MM-DD)", id="timestamp-text"),
    pytest.param(("as_of",), datetime(2026, 11, 21, 10, 30),
                 "as_of: 2026-11-21 10:30:00 is not a date (YYYY-MM-DD)", id="datetime-object"),
    pytest.param(("application_date",), True,
                 "application_date: true is not a date (YYYY-MM-DD)", id="date-as-bool"),
    pytest.param(("birth_date",), None,
                 "birth_date: null is not a date (YYYY-MM-DD)", id="date-null"),
    # booleans take true/false, yes/no, ja/nein, nothing else
    pytest.param(("identity", "clarified"), "vielleicht",
                 "identity.clarified: vielleicht is not true or false", id="bool-as-text-maybe"),
    pytest.param(("identity", "clarified"), "wahr",
                 "identity.clarified: wahr is not true or false", id="bool-as-text-wahr"),
    pytest.param(("civics_test",), 1, "civics_test: 1 is not true or false", id="bool-as-int"),
    pytest.param(("departure", "end_foreseeable"), None,
                 "departure.end_foreseeable: null is not true or false", id="bool-null"),
    pytest.param(("household", "children", 0, "attends_school"), "nö",
                 "household.children[0].attends_school: nö is not true or false",
                 id="child-bool-as-text"),
    # enumerations list the allowed values
    pytest.param(("stay", 1, "status"), "Duldung",
                 f"stay[1].status: Duldung is not one of: {STATUS_LIST}", id="status-capitalised"),
    pytest.param(("stay", 2, "basis"), "25.6",
                 f'stay[2].basis: "25.6" is not one of: {BASIS_LIST}', id="basis-unknown"),
    pytest.param(("stay", 2, "basis"), 25.6,
                 f"stay[2].basis: 25.6 is not one of: {BASIS_LIST}", id="basis-unknown-number"),
    pytest.param(("identity", "passport"), "expired",
                 "identity.passport: expired is not one of: valid, substitute, none",
                 id="passport"),
    pytest.param(("identity", "deception"), "twice",
                 "identity.deception: twice is not one of: none, once, repeated", id="deception"),
    pytest.param(("german",), "b3", "german: b3 is not one of: none, A1, A2, B1, B2, C1, C2",
                 id="german-no-such-level"),
    pytest.param(("city",), "berlin",
                 "city: berlin is not one of: bremen, muenchen, darmstadt, other", id="city"),
    pytest.param(("education", "qualification"), "university",
                 "education.qualification: university is not one of: none, school, vocational",
                 id="qualification"),
    pytest.param(("integration_prognosis",), "good",
                 "integration_prognosis: good is not one of: positive, negative", id="prognosis"),
    pytest.param(("departure", "reason"), "war",
                 "departure.reason: war is not one of: illness, family, no_documents, stateless, other",
                 id="departure-reason"),
    # numbers: no bools, no text, in range, whole where counted
    pytest.param(("livelihood", "own_share"), 120,
                 "livelihood.own_share: 120 is not a number from 0 to 100", id="own-share-over-100"),
    pytest.param(("livelihood", "own_share"), -5,
                 "livelihood.own_share: -5 is not a number from 0 to 100", id="own-share-negative"),
    pytest.param(("livelihood", "own_share"), True,
                 "livelihood.own_share: true is not a number from 0 to 100", id="own-share-bool"),
    pytest.param(("livelihood", "own_share"), "60",
                 'livelihood.own_share: "60" is not a number from 0 to 100', id="own-share-text"),
    pytest.param(("livelihood", "own_share"), math.nan,
                 "livelihood.own_share: .nan is not a number from 0 to 100", id="own-share-nan"),
    pytest.param(("livelihood", "pension_months"), 2.5,
                 "livelihood.pension_months: 2.5 is not a whole number from 0 to 1200",
                 id="pension-fraction"),
    pytest.param(("livelihood", "pension_months"), -1,
                 "livelihood.pension_months: -1 is not a whole number from 0 to 1200",
                 id="pension-negative"),
    pytest.param(("livelihood", "pension_months"), 1201,
                 "livelihood.pension_months: 1201 is not a whole number from 0 to 1200",
                 id="pension-absurd"),
    pytest.param(("livelihood", "pension_months"), False,
                 "livelihood.pension_months: false is not a whole number from 0 to 1200",
                 id="pension-bool"),
    pytest.param(("convictions", 0, "daily_rates"), 10**9,
                 "convictions[0].daily_rates: 1000000000 is not a whole number from 0 to 100000",
                 id="daily-rates-absurd"),
    pytest.param(("convictions", 0, "prison_months"), 1.5,
                 "convictions[0].prison_months: 1.5 is not a whole number from 0 to 1200",
                 id="prison-fraction"),
    pytest.param(("education", "school_years"), "3",
                 'education.school_years: "3" is not a number from 0 to 100', id="school-years-text"),
    pytest.param(("household", "living_space_sqm"), math.inf,
                 "household.living_space_sqm: .inf is not a number from 0 to 100000",
                 id="living-space-infinite"),
    pytest.param(("household", "living_space_sqm"), 10**6,
                 "household.living_space_sqm: 1000000 is not a number from 0 to 100000",
                 id="living-space-absurd"),
    # structure: a list where a mapping belongs and the like
    pytest.param(("identity",), ["clarified"],
                 "identity: [clarified] is not a mapping (key: value)", id="list-for-mapping"),
    pytest.param(("livelihood",), 60,
                 "livelihood: 60 is not a mapping (key: value)", id="scalar-for-mapping"),
    pytest.param(("stay",), {"since": "2016-05-01", "status": "duldung"},
                 "stay: {since: '2016-05-01', status: duldung} is not a list of periods "
                 "(since: DATE, status: STATUS)", id="mapping-for-list"),
    pytest.param(("stay", 0), ["2016-05-01", "duldung"],
                 "stay[0]: ['2016-05-01', duldung] is not a period (since: DATE, status: STATUS)",
                 id="list-for-period"),
    pytest.param(("convictions",), "none",
                 "convictions: none is not a list of convictions (date: DATE, ...)",
                 id="text-for-convictions"),
    pytest.param(("household", "children", 0), "2015-03-01",
                 'household.children[0]: "2015-03-01" is not a child (birth_date: DATE, ...)',
                 id="date-for-child"),
    pytest.param(("stay",), None,
                 "stay: null is not a list of periods (since: DATE, status: STATUS)", id="stay-null"),
    # required fields
    pytest.param(("birth_date",), DELETE,
                 "birth_date: missing; expected a date (YYYY-MM-DD)", id="birth-date-missing"),
    pytest.param(("stay",), DELETE,
                 "stay: missing; expected a list of periods (since: DATE, status: STATUS)",
                 id="stay-missing"),
    pytest.param(("stay", 1, "status"), DELETE,
                 f"stay[1].status: missing; expected one of: {STATUS_LIST}", id="status-missing"),
    pytest.param(("stay", 1, "since"), DELETE,
                 "stay[1].since: missing; expected a date (YYYY-MM-DD)", id="since-missing"),
    pytest.param(("convictions", 0, "date"), DELETE,
                 "convictions[0].date: missing; expected a date (YYYY-MM-DD)",
                 id="conviction-date-missing"),
    # stay: not empty, oldest first, never after as_of
    pytest.param(("stay",), [], "stay: [] is empty; expected at least one period "
                 "(since: DATE, status: STATUS)", id="stay-empty"),
    pytest.param(("stay", 2, "since"), "2019-01-01",
                 "stay[2].since: 2019-01-01 is not after stay[1].since (2019-05-01); "
                 "periods go oldest first, no two on the same day", id="periods-out-of-order"),
    pytest.param(("stay", 2, "since"), "2019-05-01",
                 "stay[2].since: 2019-05-01 is not after stay[1].since (2019-05-01); "
                 "periods go oldest first, no two on the same day", id="periods-same-day"),
    pytest.param(("stay", 2, "since"), "2026-11-22",
                 "stay[2].since: 2026-11-22 is after as_of (2026-11-21); "
                 "no period may start after the decision day", id="period-after-as-of"),
    # basis only, and always, on a permit
    pytest.param(("stay", 2, "basis"), DELETE,
                 f"stay[2].basis: missing; a period with status permit needs its basis, one of: "
                 f"{BASIS_LIST}", id="basis-missing-on-permit"),
    pytest.param(("stay", 1, "basis"), "25.5",
                 'stay[1].basis: "25.5" is given, but only a period with status permit has a '
                 "basis (this one is duldung)", id="basis-on-duldung"),
    pytest.param(("stay", 2, "status"), "settlement_permit",
                 'stay[2].basis: "25.5" is given, but only a period with status permit has a '
                 "basis (this one is settlement_permit)", id="basis-on-settlement-permit"),
    # dates against each other
    pytest.param(("as_of",), "2015-07-31",
                 "as_of: 2015-07-31 is before 2015-08-01; pypermit covers the law from "
                 "2015-08-01 on", id="as-of-before-coverage"),
    pytest.param(("application_date",), "2000-01-01",
                 "application_date: 2000-01-01 is before birth_date (2001-03-04)",
                 id="applied-before-birth"),
    pytest.param(("convictions", 0, "date"), "2027-01-01",
                 "convictions[0].date: 2027-01-01 is after as_of (2026-11-21)",
                 id="conviction-after-as-of"),
    pytest.param(("household", "children", 0, "birth_date"), "2026-12-01",
                 "household.children[0].birth_date: 2026-12-01 is after as_of (2026-11-21)",
                 id="child-born-after-as-of"),
    # sentences that do not fit together
    pytest.param(("convictions", 0), {"date": "2020-06-01", "youth_custody_months": 6},
                 "convictions[0].youth_custody_months: 6 is given, but youth custody needs a "
                 "conviction under juvenile criminal law (juvenile: true)",
                 id="youth-custody-not-juvenile"),
    pytest.param(("convictions", 0), {"date": "2020-06-01", "juvenile": True, "prison_months": 6},
                 "convictions[0].prison_months: 6 is given, but a juvenile conviction imposes "
                 "youth custody; give youth_custody_months instead", id="prison-on-juvenile"),
    pytest.param(("convictions", 0), {"date": "2020-06-01", "daily_rates": 30, "suspended": True},
                 "convictions[0].suspended: true, but there is no prison_months or "
                 "youth_custody_months sentence to suspend", id="suspended-fine"),
    pytest.param(("convictions", 0), {"date": "2020-06-01", "juvenile": True,
                                      "youth_custody_months": 0, "suspended": True},
                 "convictions[0].suspended: true, but there is no prison_months or "
                 "youth_custody_months sentence to suspend", id="suspended-no-custody"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD_VALUES)
def test_bad_value_gets_one_exact_message(path, value, message):
    problem = only_problem(changed(path, value))
    assert str(problem) == message
    assert problem.path == message.split(": ", 1)[0]


@pytest.mark.parametrize(("path", "value", "shown"), [
    pytest.param(("stay", 2, "since"), "2019-13-01", "2019-13-01", id="bad-date"),
    pytest.param(("identity", "clarified"), "vielleicht", "vielleicht", id="bad-bool"),
    pytest.param(("livelihood", "own_share"), 120, 120, id="bad-number"),
    pytest.param(("identity", "pasport"), "valid", "valid", id="unknown-key"),
    pytest.param(("birth_date",), DELETE, None, id="missing"),
    pytest.param(("stay", 2, "since"), "2019-01-01", date(2019, 1, 1), id="out-of-order"),
])
def test_problem_carries_the_value(path, value, shown):
    assert only_problem(changed(path, value)).value == shown


def test_several_problems_reported_together_one_line_each():
    data = changed(("identity", "pasport"), "valid")
    data = changed(("livelihood", "own_share"), 120, data)
    data = changed(("stay", 2, "since"), "2019-13-01", data)
    data = changed(("german",), "b3", data)
    with pytest.raises(InvalidApplicant) as caught:
        load_applicant(data)
    text = str(caught.value)
    assert text.splitlines() == [
        "stay[2].since: 2019-13-01 is not a date (YYYY-MM-DD)",
        "identity.pasport: unknown field (did you mean passport?)",
        "german: b3 is not one of: none, A1, A2, B1, B2, C1, C2",
        "livelihood.own_share: 120 is not a number from 0 to 100",
    ]
    for word in ("pydantic", "Traceback", "validation error", "errors.pydantic.dev", "type="):
        assert word not in text


def test_each_period_after_as_of_is_its_own_problem():
    data = changed(("as_of",), "2018-01-01")
    found = problems(data)
    assert [p.path for p in found] == ["stay[1].since", "stay[2].since", "convictions[0].date"]


def test_top_level_list_is_not_a_mapping():
    problem = only_problem([MINIMAL])
    assert problem.path == ""
    assert problem.message.endswith("is not a mapping (key: value)")


def test_key_that_is_not_text():
    problem = only_problem({**MINIMAL, 3: "x"})
    assert problem.path == "3"
    assert problem.message.startswith("unknown field")


def test_invalid_applicant_shape():
    with pytest.raises(InvalidApplicant) as caught:
        load_applicant(changed(("german",), "b3"))
    exc = caught.value
    assert isinstance(exc, ValueError)
    assert all(isinstance(p, Problem) for p in exc.problems)
    with pytest.raises(dataclasses.FrozenInstanceError):
        exc.problems[0].path = "x"


# ---------------------------------------------------------------------------
# Defaults
# ---------------------------------------------------------------------------

SPEC_DEFAULTS = {
    "city": "other",
    "identity": {"clarified": False, "passport": "none", "steps_taken": False,
                 "deception": "none", "deception_prevents_deportation": False,
                 "cooperation_refused": False},
    "convictions": [],
    "german": "none",
    "civics_test": False,
    "fdgo_commitment": False,
    "fdgo_doubts": False,
    "security_threat": False,
    "impairment": "none",
    "livelihood": {"own_share": 0, "from_employment": False, "health_insurance": False,
                   "pension_months": 0},
    "education": {"school_years": 0, "qualification": "none", "in_education": False},
    "integration_prognosis": "negative",
    "household": {"living_space_sqm": 0, "spouse_in_household": False, "children": []},
    "departure": {"impossible": False, "reason": "other", "end_foreseeable": True,
                  "self_caused": False},
    "asylum": {"manifestly_unfounded": False, "revocation_notice": False},
}


def test_minimal_file_gets_every_default(tmp_path):
    file = tmp_path / "minimal.yaml"
    file.write_text("birth_date: 2001-03-04\nstay:\n  - {since: 2016-05-01, status: asylum_procedure}\n")
    applicant = load_applicant(file)
    today = date.today().isoformat()
    assert applicant_to_dict(applicant) == {
        "as_of": today,
        "application_date": today,
        "birth_date": "2001-03-04",
        "stay": [{"since": "2016-05-01", "status": "asylum_procedure"}],
        **SPEC_DEFAULTS,
    }
    assert applicant.as_of == date.today() and applicant.application_date == date.today()
    assert applicant.model_fields_set == {"birth_date", "stay"}


def test_nested_defaults():
    data = changed(("convictions",), [{"date": "2020-06-01"}], MINIMAL)
    data["household"] = {"children": [{"birth_date": "2015-03-01"}]}
    applicant = load_applicant(data)
    conviction = applicant.convictions[0]
    assert (conviction.daily_rates, conviction.prison_months, conviction.youth_custody_months) == (0, 0, 0)
    assert (conviction.suspended, conviction.juvenile, conviction.immigration_offence) == (False,) * 3
    assert conviction.intentional is True
    child = applicant.household.children[0]
    assert child.in_household and child.unmarried and child.attends_school
    assert applicant.departure.end_foreseeable is True


@pytest.mark.parametrize("section", ["identity", "convictions", "livelihood", "education",
                                     "household", "departure", "asylum"])
def test_section_written_empty_means_default(section):
    applicant = load_applicant({**MINIMAL, section: None})
    assert applicant_to_dict(applicant)[section] == SPEC_DEFAULTS[section]


def test_application_date_defaults_to_as_of():
    applicant = load_applicant({**MINIMAL, "as_of": "2020-02-02"})
    assert applicant.application_date == date(2020, 2, 2)
    assert "application_date" not in applicant.model_fields_set


def test_application_date_may_not_lie_after_as_of():
    problem = only_problem({**MINIMAL, "as_of": "2020-02-02", "application_date": "2021-01-01"})
    assert str(problem) == ("application_date: 2021-01-01 is after as_of (2020-02-02); "
                            "the application is made by the decision day")
    assert load_applicant({**MINIMAL, "as_of": "2020-02-02", "application_date": "2020-02-02"})


# ---------------------------------------------------------------------------
# Accepted spellings
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "read"), [
    pytest.param('"25.1"', "25.1", id="quoted"),
    pytest.param("25.1", "25.1", id="float"),
    pytest.param("22", "22", id="int"),
    pytest.param("25a", "25a", id="letter"),
    pytest.param("25.2.refugee", "25.2.refugee", id="dotted"),
])
def test_basis_unquoted_in_yaml(tmp_path, written, read):
    file = tmp_path / "a.yaml"
    file.write_text(f"birth_date: 2001-03-04\nstay: [{{since: 2016-05-01, status: permit, basis: {written}}}]\n")
    assert load_applicant(file).stay[0].basis == read


@pytest.mark.parametrize(("value", "kept"), [
    pytest.param(60, 60, id="int"),
    pytest.param(60.5, 60.5, id="float"),
    pytest.param(0, 0, id="zero"),
    pytest.param(100, 100, id="hundred"),
])
def test_own_share_numbers(value, kept):
    assert load_applicant(changed(("livelihood", "own_share"), value)).livelihood.own_share == kept


@pytest.mark.parametrize(("value", "kept"), [
    pytest.param("none", "none", id="none"),
    pytest.param("illness_or_disability", "illness_or_disability", id="illness_or_disability"),
    pytest.param("age", "age", id="age"),
    pytest.param(False, "none", id="false_of_the_first_revision"),
    pytest.param(True, "illness_or_disability", id="true_of_the_first_revision"),
])
def test_impairment_by_cause_booleans_still_read(value, kept):
    """applicant-v1: impairment is none | illness_or_disability | age; the
    first revision's bool is still read (false: none, true: illness_or_disability)."""
    assert load_applicant(changed(("impairment",), value)).impairment == kept


def test_impairment_other_value_is_refused():
    problem = only_problem(changed(("impairment",), "old_age"))
    assert str(problem) == "impairment: old_age is not one of: none, illness_or_disability, age"


def test_whole_float_counts_as_int():
    applicant = load_applicant(changed(("livelihood", "pension_months"), 24.0))
    assert applicant.livelihood.pension_months == 24
    assert isinstance(applicant.livelihood.pension_months, int)


def test_dates_as_objects_and_text():
    applicant = load_applicant(changed(("birth_date",), date(2001, 3, 4)))
    assert applicant.birth_date == date(2001, 3, 4)
    assert load_applicant(BASE).birth_date == date(2001, 3, 4)


def test_model_is_frozen():
    applicant = load_applicant(BASE)
    with pytest.raises(ValidationError, match="frozen"):
        applicant.german = "B1"


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------

def test_spec_example_validates(tmp_path):
    file = tmp_path / "example.yaml"
    file.write_text(SPEC_EXAMPLE, encoding="utf-8")
    applicant = load_applicant(file)
    assert applicant.as_of == date(2026, 11, 21)
    assert applicant.application_date == date(2026, 11, 1)
    assert [p.status for p in applicant.stay] == ["asylum_procedure", "duldung", "permit"]
    assert applicant.stay[2].basis == "104c"
    assert applicant.convictions[3].prison_months == 8 and applicant.convictions[3].suspended
    assert applicant.livelihood.own_share == 60
    assert applicant.departure.reason == "illness" and not applicant.departure.end_foreseeable
    assert applicant.household.children[0].birth_date == date(2015, 3, 1)


def test_json_file_same_as_yaml(tmp_path):
    yaml_file = tmp_path / "example.yaml"
    yaml_file.write_text(SPEC_EXAMPLE, encoding="utf-8")
    json_file = tmp_path / "example.json"
    json_file.write_text(json.dumps(yaml.safe_load(SPEC_EXAMPLE), default=str))
    assert load_applicant(json_file) == load_applicant(yaml_file)
    assert load_applicant(str(json_file)) == load_applicant(yaml_file)


def test_round_trip_through_dict_and_files(tmp_path):
    file = tmp_path / "example.yaml"
    file.write_text(SPEC_EXAMPLE, encoding="utf-8")
    applicant = load_applicant(file)
    data = applicant_to_dict(applicant)
    assert json.loads(json.dumps(data)) == data
    assert load_applicant(data) == applicant
    out = tmp_path / "out.json"
    out.write_text(json.dumps(data))
    assert load_applicant(out) == applicant
    out = tmp_path / "out.yaml"
    out.write_text(yaml.safe_dump(data))
    assert load_applicant(out) == applicant


def test_model_dump_json_revalidates():
    applicant = load_applicant(BASE)
    assert load_applicant(applicant.model_dump(mode="json")) == applicant


BAD_FILES = [
    pytest.param("a.yaml", "", "the file is empty", id="empty-yaml"),
    pytest.param("a.yaml", "# only a comment\n\n", "the file is empty", id="comments-only"),
    pytest.param("a.json", "  \n", "the file is empty", id="empty-json"),
    pytest.param("a.yaml", "birth_date: 2001-03-04\nstay: [\n",
                 "YAML syntax error at line 3, column 1: while parsing a flow node; did not find "
                 "expected node content", id="yaml-syntax-error"),
    pytest.param("a.yaml", "birth_date: 2001-03-04\n  stay: x\n",
                 "YAML syntax error at line 2, column 7: mapping values are not allowed in this context",
                 id="yaml-bad-indent"),
    pytest.param("a.json", '{"birth_date": "2001-03-04",\n "stay": [}',
                 "JSON syntax error at line 2, column 11: Expecting value", id="json-syntax-error"),
    pytest.param("a.yaml", "- birth_date: 2001-03-04\n",
                 "the file holds a list where a mapping (key: value) belongs", id="yaml-list"),
    pytest.param("a.json", "[]", "the file holds a list where a mapping (key: value) belongs",
                 id="json-list"),
    pytest.param("a.yaml", "hello\n",
                 "the file holds the single value hello where a mapping (key: value) belongs",
                 id="yaml-scalar"),
    pytest.param("a.yaml", "birth_date: 2001-03-04\nbirth_date: 2001-03-05\n",
                 "line 2, column 1: the key birth_date is given twice; which one is meant is not clear",
                 id="yaml-duplicate-key"),
    pytest.param("a.json", '{"birth_date": "2001-03-04", "birth_date": "2001-03-05"}',
                 "not valid JSON: the key birth_date is given twice; which one is meant is not clear",
                 id="json-duplicate-key"),
    pytest.param("a.yaml", "a: 1\n---\nb: 2\n",
                 "YAML syntax error at line 2, column 1: expected a single document in the "
                 "stream; but found another document", id="two-documents"),
    pytest.param("a.yaml", "x: !!python/name:os.system ls\n",
                 "YAML syntax error at line 1, column 4: could not determine a constructor for the tag "
                 "'tag:yaml.org,2002:python/name:os.system'", id="unsafe-tag"),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_FILES)
def test_bad_file(tmp_path, name, text, message):
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidApplicant) as caught:
        load_applicant(file)
    assert str(caught.value) == f"{file}: {message}"
    assert [p.path for p in caught.value.problems] == [str(file)]
    assert caught.value.source == str(file)


def test_missing_file_names_the_path(tmp_path):
    file = tmp_path / "nope.yaml"
    with pytest.raises(InvalidApplicant) as caught:
        load_applicant(str(file))
    assert str(caught.value) == f"{file}: cannot be read: No such file or directory"


def test_directory_cannot_be_read(tmp_path):
    with pytest.raises(InvalidApplicant) as caught:
        load_applicant(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path}: cannot be read:")


def test_binary_file(tmp_path):
    file = tmp_path / "a.yaml"
    file.write_bytes(b"\xff\xfe\x00birth")
    with pytest.raises(InvalidApplicant) as caught:
        load_applicant(file)
    assert str(caught.value) == f"{file}: cannot be read: it is not UTF-8 text"


@pytest.mark.parametrize(("written", "message"), [
    pytest.param("2019-13-01", "stay[0].since: 2019-13-01 is not a date (YYYY-MM-DD)",
                 id="month-13-unquoted"),
    pytest.param("2019-02-29", "stay[0].since: 2019-02-29 is not a date (YYYY-MM-DD)",
                 id="no-leap-day-unquoted"),
    pytest.param("2019-01-01 10:00:00", "stay[0].since: 2019-01-01 10:00:00 is not a date (YYYY-MM-DD)",
                 id="timestamp-unquoted"),
    pytest.param("2019-01-01T10:00:00Z", "stay[0].since: 2019-01-01T10:00:00Z is not a date (YYYY-MM-DD)",
                 id="iso-timestamp-unquoted"),
    pytest.param("'2019-13-01'", "stay[0].since: 2019-13-01 is not a date (YYYY-MM-DD)",
                 id="month-13-quoted"),
    pytest.param("yes", "stay[0].since: true is not a date (YYYY-MM-DD)", id="yaml-bool"),
])
def test_bad_dates_in_yaml_shown_as_written(tmp_path, written, message):
    file = tmp_path / "a.yaml"
    file.write_text(f"birth_date: 2001-03-04\nstay:\n  - since: {written}\n    status: duldung\n")
    with pytest.raises(InvalidApplicant) as caught:
        load_applicant(file)
    assert str(caught.value) == message


def test_problems_in_a_file_are_found_together(tmp_path):
    file = tmp_path / "a.yaml"
    file.write_text("birth_date: 2001-03-04\nstay:\n  - {since: 2016-05-01, status: asylum_procedure}\n"
                    "  - {since: 2019-05-01, status: duldung}\n  - {since: 2019-01-01, status: duldung}\n"
                    "identity: {pasport: none}\n")
    with pytest.raises(InvalidApplicant) as caught:
        load_applicant(file)
    assert str(caught.value).splitlines() == [
        "stay[2].since: 2019-01-01 is not after stay[1].since (2019-05-01); "
        "periods go oldest first, no two on the same day",
        "identity.pasport: unknown field (did you mean passport?)",
    ]


def test_read_applicant_file_returns_raw_mapping(tmp_path):
    file = tmp_path / "a.yaml"
    file.write_text("birth_date: 2001-03-04\n")
    assert read_applicant_file(file) == {"birth_date": date(2001, 3, 4)}


# ---------------------------------------------------------------------------
# The as_of override
# ---------------------------------------------------------------------------

def test_as_of_override_replaces_the_files(tmp_path):
    file = tmp_path / "a.yaml"
    file.write_text(SPEC_EXAMPLE.replace("application_date: 2026-11-01", "# no application date"))
    applicant = load_applicant(file, as_of=date(2025, 6, 1))
    assert applicant.as_of == date(2025, 6, 1)
    assert applicant.application_date == date(2025, 6, 1)


def test_as_of_override_keeps_a_given_application_date(tmp_path):
    file = tmp_path / "a.yaml"
    file.write_text(SPEC_EXAMPLE)
    applicant = load_applicant(file, as_of="2026-11-05")
    assert applicant.as_of == date(2026, 11, 5)
    assert applicant.application_date == date(2026, 11, 1)
    with pytest.raises(InvalidApplicant) as caught:    # the application cannot follow the decision
        load_applicant(file, as_of="2025-06-01")
    assert "application_date: 2026-11-01 is after as_of (2025-06-01)" in str(caught.value)


def test_as_of_override_of_an_applicant():
    applicant = load_applicant({**MINIMAL, "as_of": "2020-01-01"})
    assert load_applicant(applicant) is applicant
    moved = load_applicant(applicant, as_of=date(2024, 1, 1))
    assert (moved.as_of, moved.application_date) == (date(2024, 1, 1), date(2024, 1, 1))
    given = load_applicant({**MINIMAL, "as_of": "2020-01-01", "application_date": "2019-12-01"})
    moved = parse_applicant(given, as_of=date(2024, 1, 1))
    assert (moved.as_of, moved.application_date) == (date(2024, 1, 1), date(2019, 12, 1))


@pytest.mark.parametrize(("as_of", "message"), [
    pytest.param("2015-07-31", "as_of: 2015-07-31 is before 2015-08-01; pypermit covers the law "
                 "from 2015-08-01 on", id="before-coverage"),
    pytest.param("2021-02-30", "as_of: 2021-02-30 is not a date (YYYY-MM-DD)", id="impossible"),
    pytest.param("2019-01-01", "stay[1].since: 2019-05-01 is after as_of (2019-01-01); no period "
                 "may start after the decision day", id="stay-after-override"),
])
def test_bad_as_of_override(as_of, message):
    data = {**BASE, "stay": BASE["stay"][:2], "convictions": []}
    assert str(only_problem(data, as_of=as_of)) == message


def test_coverage_starts_2015_08_01():
    assert load_applicant({**MINIMAL, "stay": [{"since": "2015-08-01", "status": "duldung"}]},
                          as_of=date(2015, 8, 1)).as_of == date(2015, 8, 1)


# ---------------------------------------------------------------------------
# Whatever comes in: an Applicant or InvalidApplicant, never anything else
# ---------------------------------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(),
                    st.text(max_size=12), st.dates(), st.sampled_from(["2019-13-01", "B1", "permit",
                                                                       "25.5", "2020-01-01"]))
junk = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(list(Applicant.model_fields))),
                    inner, max_size=3)), max_leaves=8)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, prefix + (i,))


ALL_PATHS = [p for p in _paths(yaml.safe_load(SPEC_EXAMPLE)) if p]


def _check_outcome(data):
    try:
        result = parse_applicant(data)
    except InvalidApplicant as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.message and "\n" not in str(problem)
            assert "pydantic" not in str(problem)
    else:
        assert isinstance(result, Applicant)
        assert parse_applicant(applicant_to_dict(result)) == result


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(ALL_PATHS), value=junk)
def test_any_single_change_is_accepted_or_explained(path, value):
    _check_outcome(changed(path, value, yaml.safe_load(SPEC_EXAMPLE)))


@settings(max_examples=200, deadline=None)
@given(data=junk)
def test_any_junk_is_explained(data):
    _check_outcome(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("abst_:-[]{},'\"!&*#|>\n 0123456789.")), max_size=60))
def test_any_text_file_is_explained(tmp_path, text):
    file = tmp_path / "junk.yaml"
    file.write_text(text, encoding="utf-8")
    try:
        load_applicant(file)
    except InvalidApplicant as exc:
        assert exc.problems
