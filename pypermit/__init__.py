"""pypermit: German humanitarian residence law (AufenthG) as an ASP knowledge
base. Evaluate one person, explain every outcome condition by condition with
its citation, and find the minimal changes that would unlock a permit."""

from .api import evaluate, unlock
from .applicant import Applicant, InvalidApplicant, Problem, load_applicant
from .engine import KnowledgeBaseError
from .report import Change, Condition, Group, Permit, Report, UnlockOption

__all__ = [
    "evaluate", "unlock", "Applicant", "InvalidApplicant", "Problem", "load_applicant", "KnowledgeBaseError",
    "Change", "Condition", "Group", "Permit", "Report", "UnlockOption",
]
__version__ = "0.1.0"
