"""Scenarios: the same person under changed facts (what-if), the law of
other days (compare), the days ahead (timeline), and what differs."""

from pypermit.scenarios.compare import Comparison, LawStep
from pypermit.scenarios.difference import ConditionChange, PermitDifference, differences
from pypermit.scenarios.timeline import Event, Timeline
from pypermit.scenarios.whatif import WhatIf

__all__ = ["Comparison", "ConditionChange", "Event", "LawStep", "PermitDifference", "Timeline", "WhatIf",
           "differences"]
