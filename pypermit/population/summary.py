"""The summary of a batch: how many people, how many invalid, and per
permit how many in each status; printed as a table on standard error."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pypermit.errors import InvalidApplicant
from pypermit.report.model import Report

STATUSES = ("eligible", "waiver_needed", "not_eligible", "undetermined")


@dataclass
class BatchSummary:
    people: int = 0
    invalid: int = 0
    by_permit: dict[str, Counter[str]] = field(default_factory=dict)   # permit -> status -> people

    def add(self, outcome: Report | InvalidApplicant) -> None:
        self.people += 1
        if isinstance(outcome, InvalidApplicant):
            self.invalid += 1
            return
        for permit in outcome.permits:
            self.by_permit.setdefault(permit.id, Counter())[permit.status] += 1

    def print(self, seconds: float, output: Path) -> None:
        from rich.console import Console
        from rich.table import Table
        table = Table(title=f"{self.people:,} people → {output}", title_justify="left")
        table.add_column("permit")
        for status in STATUSES:
            table.add_column(status, justify="right")
        for permit, counts in self.by_permit.items():
            table.add_row(permit, *(f"{counts[s]:,}" for s in STATUSES))
        console = Console(stderr=True)
        console.print(table)
        rate = self.people / seconds if seconds else 0.0
        console.print(f"invalid: {self.invalid:,}   time: {seconds:.1f} s   {rate:,.1f} people/s")
