"""Facts that cannot all be true (pypermit/consistency.py), each at its
boundary: the last day refused and the first accepted; every problem of a
file in one pass; an ``unknown`` fact never compared."""

from __future__ import annotations

import pytest

from pypermit import InvalidApplicant, load_applicant

BASE = {
    "as_of": "2026-11-21",
    "birth_date": "2000-03-04",
    "stay": [{"since": "2016-05-01", "status": "asylum_procedure"},
             {"since": "2019-05-01", "status": "duldung"}],
}


def problems(**changes) -> list[str]:
    try:
        load_applicant({**BASE, **changes})
    except InvalidApplicant as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.mark.parametrize("changes, expected", [
    # a stay begins on or after the birth
    pytest.param({"birth_date": "2016-05-02"},
                 ["stay[0].since: 2016-05-01 is before birth_date (2016-05-02); no stay begins before birth"],
                 id="stay-the-day-before-birth"),
    pytest.param({"birth_date": "2016-05-01"}, [], id="stay-from-the-day-of-birth"),
    # convictions from the 14th birthday (§ 19 StGB), not after as_of
    pytest.param({"convictions": [{"date": "2014-03-03"}]},
                 ["convictions[0].date: 2014-03-03 is before the 14th birthday (2014-03-04) of birth_date "
                  "(2000-03-04); no one is convicted for what they did under 14 (§ 19 StGB)"],
                 id="conviction-the-day-before-the-14th-birthday"),
    pytest.param({"convictions": [{"date": "2014-03-04"}]}, [], id="conviction-on-the-14th-birthday"),
    # born on 29 February: the 14th year is complete at the end of 28 February
    # (§ 188 Abs. 3 BGB, the brief's period rule), so 14 from 1 March
    pytest.param({"birth_date": "2000-02-29", "convictions": [{"date": "2014-02-28"}]},
                 ["convictions[0].date: 2014-02-28 is before the 14th birthday (2014-03-01) of birth_date "
                  "(2000-02-29); no one is convicted for what they did under 14 (§ 19 StGB)"],
                 id="born-on-29-february"),
    pytest.param({"birth_date": "2000-02-29", "convictions": [{"date": "2014-03-01"}]}, [],
                 id="born-on-29-february-14-on-1-march"),
    pytest.param({"convictions": [{"date": "2026-11-22"}]},
                 ["convictions[0].date: 2026-11-22 is after as_of (2026-11-21)"], id="conviction-after-as-of"),
    pytest.param({"convictions": [{"date": "2026-11-21"}]}, [], id="conviction-on-as-of"),
    # children are born after the parent
    pytest.param({"household": {"children": [{"birth_date": "2000-03-04"}]}},
                 ["household.children[0].birth_date: 2000-03-04 is not after birth_date (2000-03-04); "
                  "a child is born after the parent"], id="child-born-on-the-parents-birthday"),
    pytest.param({"household": {"children": [{"birth_date": "2000-03-05"}]}}, [], id="child-born-the-day-after"),
    # the application: after the stay began, by the decision day
    pytest.param({"application_date": "2016-04-30"},
                 ["application_date: 2016-04-30 is before stay[0].since (2016-05-01); the application is made "
                  "during the stay"], id="application-the-day-before-the-stay"),
    pytest.param({"application_date": "2016-05-01"}, [], id="application-on-the-first-day"),
    pytest.param({"application_date": "2026-11-22"},
                 ["application_date: 2026-11-22 is after as_of (2026-11-21); the application is made by the "
                  "decision day"], id="application-the-day-after-as-of"),
    pytest.param({"application_date": "2026-11-21"}, [], id="application-on-as-of"),
    pytest.param({"application_date": "1999-01-01"}, ["application_date: 1999-01-01 is before birth_date "
                                                      "(2000-03-04)"], id="application-before-birth"),
    # birth, stay periods in order, not after as_of
    pytest.param({"birth_date": "2026-11-22", "stay": [{"since": "2026-11-22", "status": "duldung"}]},
                 ["birth_date: 2026-11-22 is after as_of (2026-11-21)",
                  "stay[0].since: 2026-11-22 is after as_of (2026-11-21); no period may start after the "
                  "decision day"], id="born-after-as-of"),
])
def test_boundary(changes, expected):
    assert problems(**changes) == expected


def test_every_problem_in_one_pass():
    """Field problems and the facts that contradict each other, at once and
    in the order of the format, however many there are."""
    found = problems(birth_date="2017-01-01", german="A9", identity={"clarified": "vielleicht"},
                     stay=[{"since": "2016-05-01", "status": "permit"},
                           {"since": "2019-13-01", "status": "duldung", "basis": "25.5"}],
                     convictions=[{"date": "2020-01-01", "prison_months": 3, "juvenile": True}])
    assert found == [
        "stay[1].since: 2019-13-01 is not a date (YYYY-MM-DD)",
        "stay[0].since: 2016-05-01 is before birth_date (2017-01-01); no stay begins before birth",
        "stay[0].basis: missing; a period with status permit needs its basis, one of: 22, 23.1, 23.2, 23.4, "
        "24, 25.1, 25.2.refugee, 25.2.subsidiary, 25.3, 25.4, 25.4.2, 25.4a, 25.4b, 25.5, 25a, 25b, 104c, other",
        'stay[1].basis: "25.5" is given, but only a period with status permit has a basis (this one is duldung)',
        "identity.clarified: vielleicht is not true or false",
        "convictions[0].date: 2020-01-01 is before the 14th birthday (2031-01-01) of birth_date (2017-01-01); "
        "no one is convicted for what they did under 14 (§ 19 StGB)",
        "convictions[0].prison_months: 3 is given, but a juvenile conviction imposes youth custody; "
        "give youth_custody_months instead",
        "german: A9 is not one of: none, A1, A2, B1, B2, C1, C2",
    ]


def test_unknown_facts_are_not_compared():
    """A young person with unknown convictions and children, and an
    unknown first stay start: their placeholders are no facts."""
    young = {"as_of": "2026-11-21", "birth_date": "2015-01-01", "convictions": "unknown",
             "household": {"children": "unknown"},
             "stay": [{"since": "unknown", "status": "asylum_procedure"}, {"since": "2016-01-01", "status": "duldung"}]}
    applicant = load_applicant(young)
    assert {"convictions[0].date", "household.children[0].birth_date", "stay[0].since"} <= applicant.unknown


@pytest.mark.parametrize("written, read", [
    pytest.param("yes", True, id="yes"), pytest.param("Ja", True, id="ja"), pytest.param("NEIN", False, id="nein"),
    pytest.param("True", True, id="true-text"), pytest.param("no", False, id="no"),
])
def test_yes_and_no_in_both_languages(written, read):
    assert load_applicant({**BASE, "identity": {"clarified": written}}).identity.clarified is read


@pytest.mark.parametrize("written", ["b1", "B1"])
def test_levels_in_any_case(written):
    assert load_applicant({**BASE, "german": written}).german == "B1"
