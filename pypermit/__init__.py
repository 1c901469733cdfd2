"""pypermit: German humanitarian residence law (AufenthG) as an ASP knowledge
base. Evaluate one person, explain every outcome condition by condition with
its citation, and find the minimal changes that would unlock a permit."""

from .api import evaluate, next_questions, unlock
from .applicant import Applicant, load_applicant
from .errors import Error, InvalidApplicant, KnowledgeBaseError, Problem, UnknownPermit
from .report import Change, Condition, Group, Permit, Report, UnlockOption

__all__ = [
    "evaluate", "unlock", "next_questions", "Applicant", "load_applicant",
    "Error", "InvalidApplicant", "UnknownPermit", "KnowledgeBaseError", "Problem",
    "Change", "Condition", "Group", "Permit", "Report", "UnlockOption",
]
__version__ = "0.1.0"

# What-if, law dates, time passing and the law itself.
from .api import compare, law, timeline, whatif
from .changes import WhatIf
from .comparison import Comparison, LawStep
from .difference import ConditionChange, PermitDifference, differences
from .lawbook import Lawbook, Norm, Requirement
from .time_passing import Event, Timeline

__all__ += [
    "whatif", "compare", "timeline", "law", "differences", "WhatIf", "Comparison", "LawStep",
    "ConditionChange", "PermitDifference", "Timeline", "Event", "Lawbook", "Norm", "Requirement",
]

# Many applicants at once, and reforms of the law (pypermit.population).
from .population import Reform, ReformError, evaluate_many, load_reform

__all__ += ["evaluate_many", "Reform", "ReformError", "load_reform"]
