"""The report: what the rules derived for one person, condition by
condition, as data (report-v1), with the texts that explain it."""

from pypermit.report.assemble import build
from pypermit.report.model import (
                                   FORMAT,
                                   UNLOCK_FORMAT,
                                   Change,
                                   Condition,
                                   ConditionStatus,
                                   Effect,
                                   Group,
                                   Mode,
                                   Permit,
                                   Report,
                                   Status,
                                   Strength,
                                   UnlockOption,
)

__all__ = ["FORMAT", "UNLOCK_FORMAT", "Change", "Condition", "ConditionStatus", "Effect", "Group", "Mode",
           "Permit", "Report", "Status", "Strength", "UnlockOption", "build"]
