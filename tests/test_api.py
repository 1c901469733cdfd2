"""The Python API for embedding: no hidden state between evaluations, typed
access, one exception type for bad input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pypermit
from pypermit.testing import applicants


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
