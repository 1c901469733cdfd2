"""Text for comparisons: the permits side by side (before and after a
what-if, under several law dates), the conditions behind each difference,
and the timeline's table of events. Labels come from render.LABELS."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from pypermit.render.fields import fact_value, field_label
from pypermit.render.report import LABELS, MARK, STATUS_STYLE
from pypermit.report.explain import figure_change
from pypermit.report.model import Change, Report
from pypermit.report.words import day, waiver
from pypermit.scenarios.compare import Comparison
from pypermit.scenarios.difference import ConditionChange, PermitDifference
from pypermit.scenarios.timeline import Timeline
from pypermit.scenarios.whatif import WhatIf

LABELS["en"].update({"because": "because", "not_waived": "not waived"})
LABELS["de"].update({"because": "weil", "not_waived": "entfällt nicht"})


def outcome(status: str, effect: str, lang: str) -> Text:
    """"eligible (regular)": a permit's status with its effect."""
    labels = LABELS[lang]
    return Text.assemble((labels[status], STATUS_STYLE[status]), f" ({labels[effect]})")


def outcome_table(columns: Sequence[tuple[str, Report]], lang: str, title: str | None = None) -> Table:
    """One row per permit, one column per report; rows that differ marked."""
    labels = LABELS[lang]
    table = Table(title=title, title_justify="left", expand=False)
    table.add_column(labels["permit"], no_wrap=True)
    for heading, _ in columns:
        table.add_column(heading)
    table.add_column("", no_wrap=True)
    for permit in columns[0][1].permits:
        cells = [r.permit(permit.id) for _, r in columns]
        differs = len({(p.status, p.effect) for p in cells}) > 1
        table.add_row(permit.id, *[outcome(p.status, p.effect, lang) for p in cells],
                      Text("≠", style="bold") if differs else "")
    return table


def condition_status(status: str | None, lang: str) -> str:
    return LABELS[lang][status] if status else LABELS[lang]["not_asked"]


def condition_line(change: ConditionChange, lang: str, permit: str = "") -> Text:
    """"✔ § 25b Abs. 1 Satz 2 Nr. 4 AufenthG: unmet → met" with the
    condition's text; a strength that changed ("unmet (waivable → hard)")
    with the changes behind it ("because Steps to clarify identity taken:
    yes → no"), a waiver that changed, a figure the law of the later day
    sets otherwise ("met (3 years of stay instead of 4)", worded by the
    texts of ``permit``), and where it cites the condition otherwise, both
    citations ("§ … → § …: met (citation changed)")."""
    labels = LABELS[lang]
    mark, style = MARK.get(change.new or "", ("–", "dim"))
    status = condition_status(change.new, lang)
    if change.old != change.new:
        status = f"{condition_status(change.old, lang)} → {status}"
    notes = []
    if change.strength_changed and change.old_strength and change.strength:
        notes.append(f"{labels[change.old_strength]} → {labels[change.strength]}")
    if change.waiver_changed and change.old is not None and change.new is not None:
        notes.append(f"{labels['waived']}: {_waived(change.old_waived_by, lang)} → {_waived(change.waived_by, lang)}")
    notes.extend(figure_change(permit, name, old, new, lang) for name, old, new in change.figures)
    citation = change.citation
    if change.citation_changed:
        notes.append(labels["citation_changed"])
        citation = f"{change.old_citation} → {citation}"
    if notes:
        status += f" ({'; '.join(notes)})"
    because = ("\n" + labels["because"] + " " + "; ".join(change_phrase(c, lang) for c in change.because)
               if change.because else "")
    return Text.assemble((mark + " ", style), (citation, "bold"), f": {status}", "\n" + change.text, because)


def _waived(reason: str | None, lang: str) -> str:
    return waiver(reason, lang) if reason else LABELS[lang]["not_waived"]


def why_lines(diff: PermitDifference, lang: str) -> list[Text]:
    """The conditions behind a difference, each with its text; those the
    norm no longer asks (a version ended) named together on one line."""
    labels = LABELS[lang]
    gone = list(dict.fromkeys(c.citation for c in diff.conditions if c.new is None))
    lines = [condition_line(c, lang, diff.permit) for c in diff.conditions if c.new is not None]
    if gone:
        lines.append(Text.assemble(("– ", "dim"), labels["no_longer_asked"] + ": ", ("; ".join(gone), "bold")))
    return lines or [Text(labels["no_condition_changed"], style="dim")]


def difference_tree(diff: PermitDifference, lang: str) -> Tree:
    """One permit that differs, and the conditions that explain it."""
    head = Text.assemble((f"{diff.permit} ", "bold"), diff.title, ": ", outcome(*diff.old, lang))
    head.append_text(Text.assemble(" → ", outcome(*diff.new, lang)) if diff.outcome_changed
                     else Text(f" ({LABELS[lang]['unchanged']})", style="dim"))
    tree = Tree(head, guide_style="dim")
    for line in why_lines(diff, lang):
        tree.add(line)
    return tree


def transition(diff: PermitDifference, lang: str) -> Text:
    """"not eligible → eligible", with the effects where they differ."""
    labels = LABELS[lang]
    (old_status, old_effect), (new_status, new_effect) = diff.old, diff.new
    if old_effect == new_effect:
        return Text.assemble((labels[old_status], STATUS_STYLE[old_status]), "\n→ ",
                             (labels[new_status], STATUS_STYLE[new_status]))
    return Text.assemble(outcome(old_status, old_effect, lang), "\n→ ", outcome(new_status, new_effect, lang))


def change_phrase(change: Change, lang: str) -> str:
    """"German: A1 → A2", "Passport: valid → none": the field's label, its values in words."""
    old = "–" if change.old is None else fact_value(change.fact, change.old, lang)
    return f"{field_label(change.fact, lang)}: {old} → {fact_value(change.fact, change.new, lang)}"


def print_differences(differences: Sequence[PermitDifference], out: Console, lang: str) -> None:
    if not differences:
        out.print(LABELS[lang]["no_difference"])
    for i, diff in enumerate(differences):
        if i:
            out.print()
        out.print(difference_tree(diff, lang))


def print_whatif(result: WhatIf, out: Console, lang: str = "en") -> None:
    labels = LABELS[lang]
    out.print(Text(labels["what_if"] + ": ", style="bold") + Text("; ".join(change_phrase(c, lang)
                                                                           for c in result.changes)))
    out.print(outcome_table([(labels["before"] + f" {day(result.before.as_of, lang)}", result.before),
                             (labels["after"] + f" {day(result.after.as_of, lang)}", result.after)], lang))
    out.print()
    print_differences(result.differences, out, lang)


def print_comparison(result: Comparison, out: Console, lang: str = "en") -> None:
    labels = LABELS[lang]
    out.print(outcome_table([(f"{labels['law']} {day(r.law_date, lang)}", r) for r in result.reports], lang,
                            title=f"{labels['as_of']} {day(result.reports[0].as_of, lang)}"))
    for step in result.steps:
        out.print()
        out.print(Text(f"{labels['law']} {day(step.old, lang)} → {labels['law']} {day(step.new, lang)}",
                       style="bold"))
        print_differences(step.differences, out, lang)


def events_table(timeline: Timeline, lang: str) -> Table:
    """Day, permit, before → after, and why: the conditions that changed."""
    labels = LABELS[lang]
    title = f"{labels['as_of']} {day(timeline.as_of, lang)} → {day(timeline.until, lang)}"
    if timeline.law_date is not None:
        title += f" ({labels['law']} {day(timeline.law_date, lang)})"
    table = Table(title=title, title_justify="left", show_lines=True, expand=False)
    table.add_column(labels["day"], no_wrap=True)
    table.add_column(labels["permit"], no_wrap=True)
    table.add_column(labels["change"])
    table.add_column(labels["why"])
    for event in timeline.events:
        diff = event.difference
        table.add_row(day(event.day, lang), diff.permit, transition(diff, lang), Text("\n").join(why_lines(diff, lang)))
    return table


def print_timeline(timeline: Timeline, out: Console, lang: str = "en") -> None:
    from pypermit.render.chart import chart
    if timeline.events:
        out.print(events_table(timeline, lang))
    else:
        out.print(LABELS[lang]["no_events"].format(as_of=day(timeline.as_of, lang), until=day(timeline.until, lang)))
    out.print()
    out.print(chart(timeline, out.width, lang))
