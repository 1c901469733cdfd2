"""The text report: a table of the permits, then each permit's conditions as
a tree, readable at 80 columns, colourless off a terminal or with NO_COLOR."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from pypermit.render.typography import typeset
from pypermit.report.model import Change, Group, Permit, Report, UnlockOption
from pypermit.report.words import day, waiver

STATUS_STYLE = {"eligible": "bold green", "waiver_needed": "bold yellow",
                "not_eligible": "bold red", "undetermined": "bold magenta"}
MARK = {"met": ("✔", "green"), "unmet": ("✘", "red"), "unknown": ("?", "magenta")}

LABELS = {
    "en": {"permit": "Permit", "status": "Status", "effect": "Effect", "norm": "Norm",
           "as_of": "Decision day", "law": "law of", "eligible": "eligible",
           "waiver_needed": "waiver needed", "not_eligible": "not eligible", "undetermined": "undetermined",
           "entitlement": "entitlement", "regular": "regular grant", "discretionary": "discretion",
           "hard": "hard", "waivable": "waivable", "waived": "waived", "all": "all of",
           "any": "one of", "unlock": "What would unlock it", "meets": "meets",
           "grows": "time passing", "route": "route",
           "questions": "Open questions", "fact": "Unknown fact", "decides": "Decides",
           "eligible_if": "Eligible if", "no_value": "no value"},
    "de": {"permit": "Titel", "status": "Ergebnis", "effect": "Rechtsfolge", "norm": "Norm",
           "as_of": "Entscheidungstag", "law": "Recht vom", "eligible": "erteilbar",
           "waiver_needed": "erteilbar bei Absehen", "not_eligible": "nicht erteilbar",
           "undetermined": "offen", "entitlement": "Anspruch", "regular": "Regelerteilung",
           "discretionary": "Ermessen", "hard": "zwingend", "waivable": "Absehen möglich",
           "waived": "entfällt", "all": "alle von", "any": "eine von",
           "unlock": "Was den Titel ermöglichen würde", "meets": "erfüllt",
           "grows": "mit der Zeit", "route": "Weg",
           "questions": "Offene Fragen", "fact": "Unbekannte Tatsache", "decides": "Entscheidet",
           "eligible_if": "Erteilbar, wenn", "no_value": "bei keinem Wert"},
}


def console(file: IO[str] | None = None, width: int | None = None) -> Console:
    """A console that writes plain text unless it is a terminal and NO_COLOR
    is unset; at most 100 columns, 80 off a terminal; lines never break
    inside "§ 25" or "55 %" (render.typography)."""
    out = file or sys.stdout
    is_tty = hasattr(out, "isatty") and out.isatty()
    return typeset(Console(file=out, width=width or (min(Console(file=out).width, 100) if is_tty else 80),
                           no_color=not is_tty or bool(os.environ.get("NO_COLOR")), highlight=False, emoji=False,
                           soft_wrap=False))


def permit_table(report: Report, lang: str = "en") -> Table:
    labels = LABELS[lang]
    table = Table(title=f"{labels['as_of']} {day(report.as_of, lang)}"
                  + ("" if report.law_date == report.as_of else f" ({labels['law']} {day(report.law_date, lang)})"),
                  title_justify="left", show_lines=False, expand=False)
    table.add_column(labels["permit"], no_wrap=True)
    table.add_column(labels["status"], no_wrap=True)
    table.add_column(labels["effect"], no_wrap=True)
    table.add_column(labels["norm"])
    for p in report.permits:
        table.add_row(p.id, Text(labels[p.status], style=STATUS_STYLE[p.status]), labels[p.effect], p.citation)
    return table


def permit_tree(permit: Permit, lang: str = "en") -> Tree:
    labels = LABELS[lang]
    head = Text.assemble((f"{permit.id} ", "bold"), permit.title, " — ",
                         (labels[permit.status], STATUS_STYLE[permit.status]),
                         f" ({labels[permit.effect]})")
    tree = Tree(head, guide_style="dim")
    nodes: dict[str | None, Tree] = {None: tree}
    for c in permit.nodes:
        mark, style = MARK[c.status]
        if isinstance(c, Group):
            nodes[c.id] = nodes.get(c.group, tree).add(Text.assemble(
                (mark + " ", style), (labels[c.mode] + ": ", "bold"), c.text, ("\n" + c.citation, "dim")))
            continue
        strength = labels["waived"] + f": {waiver(c.waived_by, lang)}" if c.waived_by else labels[c.strength]
        nodes.get(c.group, tree).add(Text.assemble(
            (mark + " ", style), c.text, ("\n" + f"{c.citation} · {c.id} · {strength}", "dim")))
    if permit.unlock or permit.unlock_note:
        add_unlock(tree.add(Text(labels["unlock"], style="bold")), permit, lang)
    return tree


def add_unlock(branch: Tree, permit: Permit, lang: str) -> None:
    """Each minimal set of changes as advice, with the conditions it meets."""
    for option in permit.unlock:
        branch.add(option_text(option, lang))
    if permit.unlock_note:
        branch.add(permit.unlock_note)


def option_text(option: UnlockOption, lang: str) -> Text:
    """One set of changes: the advice, the route it takes, what grows by
    itself until its day, the requirements it meets, and what is left to
    waive."""
    from pypermit.render.citations import requirements, waiver_line
    head = "→ " + steps(option.changes, lang)
    lines = [LABELS[lang]["route"] + ": " + ", ".join(label for _, label in option.routes)] if option.routes else []
    if option.meets:
        lines.append(LABELS[lang]["meets"] + ": " + requirements([cit for _, cit in option.meets], lang))
    if option.grows:
        lines.append(LABELS[lang]["grows"] + ": " + "; ".join(ch.advice or ch.fact for ch in option.grows))
    if option.aims == "waiver_needed":
        lines.append(waiver_line([cit for _, cit in option.to_waive], lang) or "")
    return Text.assemble(head, *(("\n" + line, "dim") for line in lines))


def steps(changes: Sequence[Change], lang: str) -> str:
    """The changes of one option as one line of advice: "Pass a German exam
    at A2 (you have A1) + from 2026-08-16 on"; the texts are written to
    stand inside the line, its first letter is made a capital."""
    line = " + ".join(ch.advice or ch.fact for ch in changes)
    return line[:1].upper() + line[1:]


def print_unlock(permits: list[Permit], out: Console, lang: str = "en") -> None:
    labels = LABELS[lang]
    for permit in permits:
        tree = Tree(Text.assemble((f"{permit.id} ", "bold"), permit.title, " — ",
                                  (labels[permit.status], STATUS_STYLE[permit.status])), guide_style="dim")
        add_unlock(tree, permit, lang)
        out.print(tree)


def question_table(report: Report, lang: str = "en") -> Table:
    """The unknown facts that decide what is open, most decisive first,
    and the values under which each permit can be eligible, in words."""
    from pypermit.render.fields import fact_value, field_label
    from pypermit.report.questions import describe
    labels = LABELS[lang]
    table = Table(title=labels["questions"], title_justify="left")
    table.add_column(labels["fact"], no_wrap=True)
    table.add_column(labels["decides"])
    table.add_column(labels["eligible_if"])
    for q in report.questions:
        def word(value: object, fact: str = q.fact) -> str:
            return fact_value(fact, value, lang)
        table.add_row(field_label(q.fact, lang), ", ".join(q.decides),
                      "; ".join(f"{p}: {describe(q.values, vs, word, labels['no_value'])}"
                                for p, vs in q.eligible_if.items()))
    return table


def print_report(report: Report, out: Console, lang: str = "en") -> None:
    out.print(permit_table(report, lang))
    if report.questions:
        out.print()
        out.print(question_table(report, lang))
    for permit in report.permits:
        out.print()
        out.print(permit_tree(permit, lang))


# --- labels of the comparisons, the timeline and the law (whatif, compare,
# timeline, law) ---------------------------------------------------------------
LABELS["en"].update({
    "met": "met", "unmet": "unmet", "unknown": "unknown", "not_asked": "not asked",
    "what_if": "What if", "before": "before", "after": "after", "unchanged": "unchanged",
    "no_longer_asked": "no longer asked", "citation_changed": "citation changed",
    "no_difference": "No permit changes status, effect or conditions.",
    "no_condition_changed": "No condition changes status; only the effect does.",
    "day": "Day", "change": "Change", "why": "Why",
    "no_events": "Nothing changes for this person from {as_of} to {until}.",
    "law_title": "What each norm asks on",
    "law_generated": "Generated by {command} from the rules in kb/; do not edit by hand.",
    "in_force_on_day": "In force on this day", "in_force_now": "in force on this day", "open_end": "open",
    "versions": "Versions", "provisions": "Parts", "figures": "Figures", "from_day": "from",
    "wordings": "Wordings",
    "yes": "yes", "no": "no", "condition": "Condition", "strength": "Strength", "citation": "Citation",
    "if_unmet": "If unmet",
})
LABELS["de"].update({
    "met": "erfüllt", "unmet": "nicht erfüllt", "unknown": "offen", "not_asked": "nicht verlangt",
    "what_if": "Was wäre, wenn", "before": "vorher", "after": "nachher", "unchanged": "unverändert",
    "no_longer_asked": "nicht mehr verlangt", "citation_changed": "Fundstelle geändert",
    "no_difference": "Kein Titel ändert Ergebnis, Rechtsfolge oder Voraussetzungen.",
    "no_condition_changed": "Keine Voraussetzung ändert sich; nur die Rechtsfolge.",
    "day": "Tag", "change": "Änderung", "why": "Grund",
    "no_events": "Für diese Person ändert sich vom {as_of} bis zum {until} nichts.",
    "law_title": "Was jede Norm verlangt am",
    "law_generated": "Erzeugt mit {command} aus den Regeln in kb/; nicht von Hand bearbeiten.",
    "in_force_on_day": "In Kraft an diesem Tag", "in_force_now": "an diesem Tag in Kraft", "open_end": "offen",
    "versions": "Fassungen", "provisions": "Teile", "figures": "Werte", "from_day": "ab",
    "wordings": "Wortlaute",
    "yes": "ja", "no": "nein", "condition": "Voraussetzung", "strength": "Gewicht", "citation": "Fundstelle",
    "if_unmet": "Wenn nicht erfüllt",
})
