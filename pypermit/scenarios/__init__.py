"""Scenarios: the same person under changed facts (what-if), the law of
other days (compare), the days ahead (timeline), paths across permits
(paths), and what differs."""

from pypermit.scenarios.compare import Comparison, LawStep
from pypermit.scenarios.difference import ConditionChange, PermitDifference, differences
from pypermit.scenarios.paths import Paths, PathStep, PermitPath
from pypermit.scenarios.timeline import Event, Timeline
from pypermit.scenarios.whatif import WhatIf

__all__ = ["Comparison", "ConditionChange", "Event", "LawStep", "PathStep", "Paths", "PermitDifference",
           "PermitPath", "Timeline", "WhatIf", "differences"]
