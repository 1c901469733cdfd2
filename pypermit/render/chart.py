"""The timeline as a chart in the terminal: one lane per permit from as_of to
until, each column showing the status that holds for most of its days,
with a date axis below."""

from __future__ import annotations

import datetime as _dt

from rich.text import Text

from pypermit.render.report import LABELS, STATUS_STYLE
from pypermit.report.words import day
from pypermit.scenarios.timeline import Timeline

#: The character a lane draws for each status.
FILL = {"eligible": "█", "waiver_needed": "▒", "not_eligible": "·", "undetermined": "?"}


def _columns(timeline: Timeline, permit: str, width: int) -> list[str]:
    """The status of each of ``width`` columns: the one of most of its days."""
    start, days = timeline.as_of, (timeline.until - timeline.as_of).days + 1
    counts: list[dict[str, int]] = [{} for _ in range(width)]
    for seg in timeline.segments(permit):
        first, last = (seg.first - start).days, (seg.last - start).days
        for col in range(first * width // days, last * width // days + 1):
            lo, hi = max(first, -(-col * days // width)), min(last, -(-(col + 1) * days // width) - 1)
            if hi >= lo:
                counts[col][seg.status] = counts[col].get(seg.status, 0) + hi - lo + 1
    return [max(c, key=lambda s: (c[s], s == "eligible")) if c else "not_eligible" for c in counts]


def _axis(timeline: Timeline, width: int) -> str:
    """A tick and the year at each New Year's Day inside the period."""
    days = (timeline.until - timeline.as_of).days + 1
    line = [" "] * width
    year = timeline.as_of.year + 1
    while (new_year := _dt.date(year, 1, 1)) <= timeline.until:
        col = (new_year - timeline.as_of).days * width // days
        label = f"╵{year}"
        if col + len(label) <= width and all(c == " " for c in line[max(col - 1, 0):col + len(label)]):
            line[col:col + len(label)] = label
        year += 1
    return "".join(line).rstrip()


def chart(timeline: Timeline, width: int = 80, lang: str = "en") -> Text:
    """Lanes of █ (eligible), ▒ (waiver needed), · (not eligible)."""
    labels = LABELS[lang]
    ids = [p.id for p in timeline.start.permits]
    pad = max(len(i) for i in ids) + 2
    lane = min(max(width - pad, 10), (timeline.until - timeline.as_of).days + 1)   # a column has a day at least
    first, last = day(timeline.as_of, lang), day(timeline.until, lang)
    out = Text(" " * pad + first + " " * max(lane - len(first) - len(last), 1) + last + "\n")
    for pid in ids:
        out.append(pid.ljust(pad))
        for status in _columns(timeline, pid, lane):
            out.append(FILL[status], style=STATUS_STYLE[status] if status != "not_eligible" else "dim")
        out.append("\n")
    out.append(" " * pad + _axis(timeline, lane) + "\n")
    out.append(" " * pad + "  ".join(f"{FILL[s]} {labels[s]}" for s in ("eligible", "waiver_needed", "not_eligible")))
    return out
