"""A population comparison as text tables (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from pypermit.population.compare import PopulationComparison

#: Near misses shown per permit in the text tables besides those the change
#: moved (JSON has them all).
NEAR_MISSES_SHOWN = 3


def print_comparison(result: PopulationComparison, out: Console) -> None:
    out.print(f"{result.people:,} people: {result.first} → {result.second}"
              f"  (invalid: {result.invalid:,})")
    outcomes = Table(title="Outcomes per permit", title_justify="left")
    for name in ("permit", "eligible before", "eligible after", "gain", "lose", "effect changed"):
        outcomes.add_column(name, justify="left" if name == "permit" else "right")
    for permit, c in result.permits.items():
        outcomes.add_row(permit, f"{c.eligible[0]:,}", f"{c.eligible[1]:,}", f"{c.gain:,}", f"{c.lose:,}",
                         f"{c.effect:,}")
    out.print(outcomes)
    moved = Table(title="Conditions that moved them", title_justify="left")
    for name in ("permit", "condition", "change", "people", "citation"):
        moved.add_column(name, justify="right" if name == "people" else "left")
    for permit, c in result.permits.items():
        for (cid, citation, change), n in c.moved_by.most_common():
            moved.add_row(permit, cid, change, f"{n:,}", citation)
    if moved.row_count:
        out.print(moved)
    misses = Table(title="Near misses: the permit fails on this alone (those the change moved, then the "
                         f"{NEAR_MISSES_SHOWN} most frequent)", title_justify="left")
    for name in ("permit", "only", "before", "after", "citation"):
        misses.add_column(name, justify="right" if name in ("before", "after") else "left")
    for permit, c in result.permits.items():
        entries = c.misses()
        changed = [e for e in entries if e["first"] != e["second"]]
        for entry in changed + entries[len(changed):len(changed) + NEAR_MISSES_SHOWN]:
            misses.add_row(permit, entry["only"], f"{entry['first']:,}", f"{entry['second']:,}", entry["citation"])
    out.print(misses)
