"""Hypothesis strategies for applicant files: a kit for property tests.

    from hypothesis import given
    from pypermit.testing import applicants

    @given(applicants(near="25b"))
    def test_my_property(applicant): ...

``applicants()`` draws valid applicant-v1 files (as dicts, or as
:class:`pypermit.Applicant` with ``as_dict=False``); ``stays()`` and
``convictions()`` draw the two lists on their own. With ``near=`` a permit
id ("25.5", "25a", "25b", "104c", "26.3", "26.4"), dates and numbers are put
around that norm's limits: stay periods that complete on or just before or
after the decision day (or the cut-off day the norm names), ages, Duldung
runs, fines, shares of livelihood, living space, school years, pension
months, and decision days around the days the law changed.

The figures aimed at are read from the knowledge base (``threshold/4``,
``version/3``, ``provision/4``, ``needs/2``, ``fine_cap/2`` ... facts in
``kb/``), see :func:`kb_limits`; the strategies aim, they never decide.
See ``docs/testing.md``.
"""

from pypermit.testing.limits import Limits, NormLimits, kb_limits, norms
from pypermit.testing.strategies import applicants, convictions, decision_days, stays

__all__ = ["applicants", "stays", "convictions", "decision_days", "kb_limits", "norms", "Limits", "NormLimits"]
