"""The timeline drawn with matplotlib, to an SVG or PNG file.

matplotlib is optional (``pip install pypermit[plot]``) and imported only
when a plot is drawn; :func:`check` says before any work is done whether a
file can be drawn, so a command refuses at once instead of after printing.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from pypermit.errors import Error, Problem
from pypermit.render.report import LABELS
from pypermit.scenarios.timeline import Timeline

#: The file types the plot can be written as.
SUFFIXES = (".svg", ".png")

#: Colours of the statuses (green, amber, light grey, violet).
COLOURS = {"eligible": "#2e7d32", "waiver_needed": "#f9a825", "not_eligible": "#e0e0e0", "undetermined": "#8e24aa"}


class PlotUnavailable(Error, ValueError):
    """The plot cannot be drawn: matplotlib is missing, the file type is
    not one matplotlib writes here, or the file cannot be written."""


def check(path: str | Path) -> Path:
    """The path to draw to, if it can be drawn; PlotUnavailable if not."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise PlotUnavailable([Problem("--plot", str(path),
                                       f"{path}: the suffix {path.suffix or '(none)'} is not supported; "
                                       f"use {' or '.join(SUFFIXES)}")])
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise PlotUnavailable([Problem("--plot", str(path), f"{path}: drawing needs matplotlib, which is not "
                                                            "installed (pip install 'pypermit[plot]')")]) from None
    return path


def draw(timeline: Timeline, path: str | Path, lang: str = "en") -> Path:
    """Write the timeline to ``path``: one lane per permit, coloured by
    status, a dotted line on each day something changes."""
    path = check(path)
    from matplotlib.dates import date2num
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    labels = LABELS[lang]
    ids = [p.id for p in timeline.start.permits]
    fig = Figure(figsize=(10, 0.55 * len(ids) + 1.6))
    ax = fig.add_subplot()
    one_day = _dt.timedelta(days=1)
    for row, pid in enumerate(reversed(ids)):
        for seg in timeline.segments(pid):
            left = date2num(seg.first)
            ax.broken_barh([(left, date2num(seg.last + one_day) - left)], (row - 0.35, 0.7),
                           facecolors=COLOURS[seg.status], edgecolors="none")
    for day in timeline.days:
        ax.axvline(date2num(day), color="#555555", linestyle=":", linewidth=0.8)
    ax.set_yticks(range(len(ids)), list(reversed(ids)))
    ax.set_xlim(date2num(timeline.as_of), date2num(timeline.until + one_day))
    ax.xaxis_date()
    ax.set_title(f"{labels['as_of']} {timeline.as_of} → {timeline.until}", loc="left", fontsize=10)
    ax.legend(handles=[Patch(color=COLOURS[s], label=labels[s]) for s in ("eligible", "waiver_needed", "not_eligible")],
              loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False, fontsize=9)
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None} if path.suffix.lower() == ".svg" else None)
    return path
