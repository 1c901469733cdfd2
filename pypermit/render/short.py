"""The short report (``pypermit check``'s default text): one line per
permit with its outcome, effect and norm; under it only what holds it back —
each condition not met with its citation and the person's own figures (the
sentence of the rules), and facts the file did not state marked as such —,
the one-line reading of a waiver, and the first way forward; the conditions
several permits share once, in their own block.

It fits one screen: where the whole would run past ``MAX_LINES`` lines,
the permits furthest from reach (nothing unlocks them) are shown more
tightly first — one line per condition, its citation first and its sentence
cut —, then as citations alone. Every condition not met keeps its citation.
``--full`` (render.report) shows every condition in full.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from pypermit.applicant.model import Applicant
from pypermit.render.fields import field_label
from pypermit.render.report import LABELS, STATUS_STYLE, steps
from pypermit.render.summary import NotStated, PermitSummary, Shown, Summary, summarise
from pypermit.render.typography import NBSP, unbreakable
from pypermit.report.model import Report
from pypermit.report.words import day

#: One screen.
MAX_LINES = 40
#: How tightly a block is shown: every sentence in full; the first in full
#: and the rest as their citations; citations alone.
FULL, FIRST, CITATIONS = 0, 1, 2

Chunk = tuple[str, str]          # (text, style)
Line = list[Chunk]

MARKS = {"unmet": ("✘", "red"), "unknown": ("?", "magenta"), "met": ("✔", "green")}
def wrap(chunks: Sequence[Chunk], width: int, indent: int = 0, hang: int = 4) -> list[Line]:
    """The chunks as lines of at most ``width`` columns: the first indented
    by ``indent``, the rest by ``indent + hang``; breaks only at plain spaces
    (never inside "§ 25", nor between chunks that no space separates)."""
    words: list[list[Chunk]] = []          # each a run of pieces with no break between them
    pending = True
    for text, style in chunks:
        for m in re.finditer(r"( *)([^ ]+)", unbreakable(text)):
            if m.group(1) or pending or not words:
                words.append([])
            words[-1].append((m.group(2), style))
            pending = False
        pending = text.endswith(" ")
    lines: list[Line] = [[(" " * indent, "")]]
    used, fresh = indent, True
    for word in words:
        size = sum(len(t) for t, _ in word)
        if not fresh and used + 1 + size > width:
            lines.append([(" " * (indent + hang), "")])
            used, fresh = indent + hang, True
        if not fresh:
            lines[-1].append((" ", ""))
            used += 1
        for text, style in word:
            while used + len(text) > width and used > indent + hang:     # longer than a line: cut
                room = width - used
                lines[-1].append((text[:room], style))
                text = text[room:]
                lines.append([(" " * (indent + hang), "")])
                used = indent + hang
            lines[-1].append((text, style))
            used += len(text)
        fresh = False
    return lines


def _marks(not_stated: Sequence[NotStated], lang: str) -> list[Chunk]:
    return [(" [" + "; ".join(n.text(lang) for n in not_stated) + "]", "magenta")] if not_stated else []


@dataclass
class _Item:
    """One condition not met: its sentence, citation, and for a shared one the permits."""
    shown: Shown
    lang: str

    def citation(self) -> str:
        return self.shown.common_citation() if self.shown.shared else self.shown.citations[0]

    def tail(self) -> list[Chunk]:
        """For a shared condition: the permits, and what some of them cite besides."""
        if not self.shown.shared:
            return []
        labels = LABELS[self.lang]
        out = [(" · " + labels["shared_for"].format(permits=", ".join(self.shown.permits)), "bold")]
        extra = [labels["also"].format(permit=p, citations=c) for p, c in self.shown.extra_citations()]
        if extra:
            out.append((" (" + "; ".join(extra) + ")", "dim"))
        return out

    def lines(self, width: int) -> list[Line]:
        mark, style = MARKS[self.shown.condition.status]
        text = self.shown.condition.text
        return wrap([(mark + " ", style), (text, ""), (" — " + self.citation(), "dim"), *self.tail(),
                     *_marks(self.shown.not_stated, self.lang)], width, indent=2)


def _citations_only(items: Sequence[_Item], width: int) -> list[Line]:
    """Conditions as their citations alone, packed into lines."""
    chunks: list[Chunk] = []
    for i, item in enumerate(items):
        mark, style = MARKS[item.shown.condition.status]
        chunks += [((" " if i else "") + mark + NBSP, style), (item.citation(), "dim")]
        if item.shown.shared:
            extra = [LABELS[item.lang]["also"].format(permit=p, citations=c) for p, c in item.shown.extra_citations()]
            chunks.append((" (" + "; ".join([", ".join(item.shown.permits), *extra]) + ")", "bold"))
        if item.shown.not_stated:
            chunks += _marks(item.shown.not_stated, item.lang)
    return wrap(chunks, width, indent=2, hang=2)


@dataclass
class _Block:
    """A permit (or the shared requirements): lines that stay, and the
    conditions, shown at a level."""
    head: list[Line]
    items: list[_Item]
    foot: list[Line]
    far: bool                        # nothing unlocks it: shown tightly first
    shared: bool = False             # the shared requirements: shown tightly last
    level: int = FULL

    def lines(self, width: int) -> list[Line]:
        whole = {FULL: len(self.items), FIRST: 1, CITATIONS: 0}[self.level]
        body = [line for item in self.items[:whole] for line in item.lines(width)]
        if self.items[whole:]:
            body += _citations_only(self.items[whole:], width)
        return [*self.head, *body, *self.foot]


def _permit_block(ps: PermitSummary, lang: str, width: int) -> _Block:
    labels = LABELS[lang]
    p = ps.permit

    head = wrap([(f"{p.id:<5}", "bold"), (labels[p.status], STATUS_STYLE[p.status]),
                 (f" ({labels[p.effect]})", ""), (" · " + p.citation, "dim")], width)
    foot: list[Line] = []
    if ps.waiver:
        foot += wrap([("↳ ", "yellow"), (ps.waiver, "")], width, indent=2)
    if ps.first_step is not None:
        advice = steps(ps.first_step.changes, lang)
        foot += wrap([("→ ", "cyan"), (advice, ""), *_marks(ps.step_not_stated, lang)], width, indent=2)
    return _Block(head, [_Item(s, lang) for s in ps.own], foot, far=not p.unlock and p.status != "eligible")


def lines(summary: Summary, width: int = 80, max_lines: int = MAX_LINES) -> list[Line]:
    """The short report as lines of at most ``width`` columns; past
    ``max_lines`` (where more than one permit is shown) the blocks of the
    permits furthest from reach are tightened first."""
    report, lang = summary.report, summary.lang
    labels = LABELS[lang]
    title = labels["short_title"].format(as_of=day(report.as_of, lang))
    if report.law_date != report.as_of:
        title += " (" + labels["short_law"].format(law_date=day(report.law_date, lang)) + ")"
    top = wrap([(title, "bold"), (" — " + labels["short_hint"], "dim")], width)
    if summary.questions:
        asked = ", ".join(field_label(f, lang) for f in summary.questions)
        top += wrap([("? ", "magenta"), (labels["open_questions"].format(facts=asked), "")],
                    width, hang=2)
    blocks = [_permit_block(ps, lang, width) for ps in summary.permits]
    if summary.shared:
        shared_items = [_Item(s, lang) for s in summary.shared]
        blocks.append(_Block([[(labels["shared"], "bold")]], shared_items, [], far=False, shared=True))

    def total() -> int:
        return len(top) + sum(len(b.lines(width)) for b in blocks)

    if len(summary.permits) > 1:
        for level in (FIRST, CITATIONS):
            # the furthest first, the longest of them first, the shared
            # requirements last; then those
            # tightened that need not be after all given back their room
            order = sorted((b for b in blocks if b.items),
                           key=lambda b: (not b.far, b.shared, -len(b.lines(width))))
            tightened = []
            for block in order:
                if total() <= max_lines:
                    break
                block.level = level
                tightened.append(block)
            for block in reversed(tightened):
                block.level = level - 1
                if total() > max_lines:
                    block.level = level
    return [*top, *(line for b in blocks for line in b.lines(width))]


def print_short(report: Report, out: Console, lang: str | None = None, *, applicant: Applicant | None = None,
                permits: Sequence[str] = (), unmet: bool = False) -> None:
    """Print the short report of ``report`` (``applicant``: the file it
    came from, to mark the facts it did not state)."""
    summary = summarise(report, applicant, permits=permits, unmet=unmet)
    for line in lines(summary, out.width):
        out.print(Text.assemble(*line), no_wrap=True, overflow="ignore", crop=False)
