"""The Python API for embedding: no hidden state between evaluations, typed
access, one exception type for bad input."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pypermit
from pypermit.testing import applicants

#: Seconds-long (subprocesses, worker pools, browsers, many solver calls): `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(people=st.lists(applicants(), min_size=25, max_size=25))
def test_evaluations_in_a_row_give_what_each_gives_alone(people):
    """Many applicants evaluated in a row in one process, in one order and in
    the reverse, give the same reports: no state is carried over."""
    forward = [pypermit.evaluate(p).to_dict() for p in people]
    backward = [pypermit.evaluate(p).to_dict() for p in reversed(people)]
    assert forward == backward[::-1]


def test_typed_access_and_the_one_exception():
    report = pypermit.evaluate("examples/darmstadt_refugee_c1.yaml")
    permit = report["26.3"]
    assert isinstance(permit, pypermit.Permit) and permit is report.permit("26.3")
    assert isinstance(permit.condition("german_c1"), pypermit.Condition)
    with pytest.raises(KeyError):
        report.permit("99")
    with pytest.raises(pypermit.InvalidApplicant) as err:
        pypermit.evaluate({"birth_date": "1990-01-01", "stay": [], "german": "A9"})
    assert {p.path for p in err.value.problems} >= {"german", "stay"}


def test_applicant_as_dict_path_or_model_give_the_same_report(tmp_path):
    model = pypermit.load_applicant("examples/muenchen_chancen.yaml")
    as_dict = pypermit.applicant.applicant_to_dict(model)
    assert pypermit.evaluate(model).to_dict() == pypermit.evaluate(as_dict).to_dict() \
        == pypermit.evaluate("examples/muenchen_chancen.yaml").to_dict()


# --- one family of errors (issue 10) -----------------------------------------------------

EXAMPLE = "examples/duldung_almost_25b.yaml"


def test_the_error_family():
    assert issubclass(pypermit.InvalidApplicant, pypermit.Error) and issubclass(pypermit.InvalidApplicant, ValueError)
    assert issubclass(pypermit.UnknownPermit, pypermit.Error) and issubclass(pypermit.UnknownPermit, KeyError)
    assert issubclass(pypermit.KnowledgeBaseError, pypermit.Error)
    from pypermit.render.plot import PlotUnavailable
    assert issubclass(PlotUnavailable, pypermit.Error)


@pytest.mark.parametrize("call, field", [
    pytest.param(lambda: pypermit.evaluate(EXAMPLE, as_of="2026-02-30"), "as_of", id="evaluate-as-of"),
    pytest.param(lambda: pypermit.evaluate(EXAMPLE, law_date="yesterday"), "law_date", id="evaluate-law-date"),
    pytest.param(lambda: pypermit.evaluate(EXAMPLE, lang="fr"), "lang", id="evaluate-lang"),
    pytest.param(lambda: pypermit.evaluate(EXAMPLE, max_changes=0), "max_changes", id="evaluate-max-changes"),
    pytest.param(lambda: pypermit.evaluate(42), "", id="evaluate-not-an-applicant"),
    pytest.param(lambda: pypermit.unlock(EXAMPLE, permit="99"), "permit", id="unlock-permit"),
    pytest.param(lambda: pypermit.next_questions(EXAMPLE, law_date=20260101), "law_date", id="questions-law-date"),
    pytest.param(lambda: pypermit.whatif(EXAMPLE, ["german=B1"]), "changes", id="whatif-not-a-mapping"),
    pytest.param(lambda: pypermit.whatif(EXAMPLE, {7: "B1"}), "7", id="whatif-path-not-text"),
    pytest.param(lambda: pypermit.whatif(EXAMPLE, {"stay[0].basis": "25.10"}), "stay[0].basis", id="whatif-value"),
    pytest.param(lambda: pypermit.compare(EXAMPLE, "2026-01-01"), "law_date", id="compare-one-string"),
    pytest.param(lambda: pypermit.compare(EXAMPLE, ["2026-01-01", "2026-13-01"]), "law_date", id="compare-bad-day"),
    pytest.param(lambda: pypermit.timeline(EXAMPLE, until="soon"), "until", id="timeline-until"),
    pytest.param(lambda: pypermit.law("2026-01-01", norm="99"), "norm", id="law-norm"),
    pytest.param(lambda: pypermit.law("2026-01-01", lang="xx"), "lang", id="law-lang"),
    pytest.param(lambda: pypermit.law(datetime.datetime(2026, 1, 1)), "law_date", id="law-datetime"),
    pytest.param(lambda: pypermit.load_applicant("/dev/zero"), "/dev/zero", id="load-device"),
])
def test_bad_arguments_raise_only_the_family(call, field):
    with pytest.raises(pypermit.Error) as err:
        call()
    assert err.value.problems and field in [p.path for p in err.value.problems][0]
    assert err.value.to_dict()["format"] == "pypermit/error-v1"


def test_unknown_permit_is_a_key_error_naming_the_permits():
    with pytest.raises(KeyError) as err:
        pypermit.evaluate(EXAMPLE, unlock=False).permit("99")
    assert str(err.value) == "permit: 99 is not a permit; the permits are 25.5, 25a, 25b, 104c, 26.3, 26.4"
