"""pypermit: German humanitarian residence law (AufenthG) as an ASP knowledge
base. Evaluate one person, explain every outcome condition by condition with
its citation, and find the minimal changes that would unlock a permit.

The public API is imported on first use (PEP 562), so ``pypermit --help``
and a JSON check load only what they need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pypermit.lazy import exports

__version__ = "0.1.0"

#: Each public name and the module that defines it.
_WHERE = {
    # one person
    "evaluate": "pypermit.api", "unlock": "pypermit.api", "next_questions": "pypermit.api",
    "Applicant": "pypermit.applicant", "load_applicant": "pypermit.applicant",
    "Error": "pypermit.errors", "InvalidApplicant": "pypermit.errors", "UnknownPermit": "pypermit.errors",
    "KnowledgeBaseError": "pypermit.errors", "Problem": "pypermit.errors",
    "Change": "pypermit.report", "Condition": "pypermit.report", "Group": "pypermit.report",
    "Permit": "pypermit.report", "Report": "pypermit.report", "UnlockOption": "pypermit.report",
    # what-if, law dates, time passing and the law itself
    "whatif": "pypermit.api", "compare": "pypermit.api", "timeline": "pypermit.api", "law": "pypermit.api",
    "paths": "pypermit.api", "Paths": "pypermit.scenarios", "PermitPath": "pypermit.scenarios",
    "PathStep": "pypermit.scenarios",
    "differences": "pypermit.scenarios", "WhatIf": "pypermit.scenarios", "Comparison": "pypermit.scenarios",
    "LawStep": "pypermit.scenarios", "ConditionChange": "pypermit.scenarios",
    "PermitDifference": "pypermit.scenarios", "Timeline": "pypermit.scenarios", "Event": "pypermit.scenarios",
    "Lawbook": "pypermit.lawbook", "Norm": "pypermit.lawbook", "Requirement": "pypermit.lawbook",
    # many applicants at once, and reforms of the law
    "evaluate_many": "pypermit.population", "Reform": "pypermit.population",
    "ReformError": "pypermit.population", "load_reform": "pypermit.population",
}

__all__ = [*_WHERE, "__version__"]


__getattr__, __dir__ = exports(__name__, _WHERE, __all__)


if TYPE_CHECKING:
    from pypermit.api import (
        compare,
        evaluate,
        law,
        next_questions,
        paths,
        timeline,
        unlock,
        whatif,
    )
    from pypermit.applicant import Applicant, load_applicant
    from pypermit.errors import (
        Error,
        InvalidApplicant,
        KnowledgeBaseError,
        Problem,
        UnknownPermit,
    )
    from pypermit.lawbook import Lawbook, Norm, Requirement
    from pypermit.population import Reform, ReformError, evaluate_many, load_reform
    from pypermit.report import Change, Condition, Group, Permit, Report, UnlockOption
    from pypermit.scenarios import (
        Comparison,
        ConditionChange,
        Event,
        LawStep,
        Paths,
        PathStep,
        PermitDifference,
        PermitPath,
        Timeline,
        WhatIf,
        differences,
    )
