"""The same facts under the law of several days: what a change of the law
alone did to one person."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from pypermit.report.model import Report
from pypermit.scenarios.difference import PermitDifference


@dataclass(frozen=True)
class LawStep:
    """What changed for the person from the law of ``old`` to that of ``new``."""
    old: _dt.date
    new: _dt.date
    differences: tuple[PermitDifference, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.old.isoformat(), "to": self.new.isoformat(),
                "differences": [d.to_dict() for d in self.differences]}


@dataclass(frozen=True)
class Comparison:
    """One report per law date (in the order asked), and the differences
    between each law date and the next."""
    reports: tuple[Report, ...]
    steps: tuple[LawStep, ...]

    @property
    def law_dates(self) -> tuple[_dt.date, ...]:
        return tuple(r.law_date for r in self.reports)

    def to_dict(self) -> dict[str, Any]:
        return {"format": "pypermit/compare-v1", "as_of": self.reports[0].as_of.isoformat(),
                "law_dates": [d.isoformat() for d in self.law_dates],
                "reports": [r.to_dict() for r in self.reports],
                "differences": [s.to_dict() for s in self.steps]}
