"""What each norm asks on a day, as text for the terminal and as a Markdown
document for docs/ (docs/law.md is generated from it)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from pypermit.lawbook.book import Lawbook, Norm, Requirement, Span
from pypermit.render.report import LABELS
from pypermit.render.typography import unbreakable
from pypermit.report.explain import figure_value, part_name
from pypermit.report.words import day

#: Quotation marks as each language sets them.
QUOTES = {"en": ("“", "”"), "de": ("„", "“")}


def _span(span: Span, lang: str) -> str:
    labels = LABELS[lang]
    text = f"{day(span.first, lang)} – {day(span.last, lang) if span.last else labels['open_end']}"
    return text + (f" ({labels['in_force_now']})" if span.current else "")


def _provision(norm: Norm, part: Span, lang: str) -> str:
    """A part of the norm with its own days, in words."""
    name = part.name or ""
    return part_name(norm.id, "provisions", name, lang) or name


def _figures(norm: Norm, lang: str) -> str:
    """Each dated figure in words with its values and the day each begins:
    "4 years of stay from 2015-08-01, 3 years of stay from 2022-12-31"."""
    by_name: dict[str, list[str]] = {}
    for name, value, first in norm.thresholds:
        by_name.setdefault(name, []).append(
            f"{figure_value(norm.id, name, value, lang)} {LABELS[lang]['from_day']} {day(first, lang)}")
    return "; ".join(", ".join(values) for values in by_name.values())


def _wordings(norm: Norm, lang: str) -> str:
    """Each dated wording, named, with its texts and the day each begins."""
    opening, closing = QUOTES[lang]
    by_key: dict[str, list[str]] = {}
    for key, text, first in norm.wordings:
        by_key.setdefault(key, []).append(f"{opening}{text}{closing} {LABELS[lang]['from_day']} {day(first, lang)}")
    return "; ".join(f"{part_name(norm.id, 'wordings', key, lang) or key}: {', '.join(texts)}"
                     for key, texts in by_key.items())


def _facts(norm: Norm, lang: str) -> list[tuple[str, str]]:
    """The lines under a norm's heading: in force, effect, versions, parts,
    figures, wordings."""
    labels = LABELS[lang]
    lines = [(labels["in_force_on_day"], labels["yes"] if norm.in_force else labels["no"]),
             (labels["effect"], labels[norm.effect]),
             (labels["versions"], "; ".join(_span(v, lang) for v in norm.versions))]
    if norm.provisions:
        lines.append((labels["provisions"], "; ".join(f"{_provision(norm, p, lang)} {_span(p, lang)}"
                                                      for p in norm.provisions)))
    if norm.thresholds:
        lines.append((labels["figures"], _figures(norm, lang)))
    if norm.wordings:
        lines.append((labels["wordings"], _wordings(norm, lang)))
    return lines


def _kind(req: Requirement, lang: str) -> str:
    kind = req.mode if req.is_group else req.strength
    assert kind is not None, req.id   # a group has a mode, a condition a strength (lawbook.book)
    return LABELS[lang][kind]


def norm_tree(norm: Norm, lang: str = "en") -> Tree:
    head = Text.assemble((f"{norm.id} ", "bold"), norm.title, ("\n" + norm.citation, "dim"))
    for label, value in _facts(norm, lang):
        head.append(f"\n{label}: ", style="bold")
        head.append(value)
    tree = Tree(head, guide_style="dim")
    nodes: dict[str | None, Tree] = {None: tree}
    for req in norm.requirements:
        node = nodes.get(req.group, tree).add(Text.assemble(
            (req.id, "bold"), f" · {_kind(req, lang)}", ("\n" + req.citation, "dim"),
            (f"\n{LABELS[lang]['if_unmet']}: ", "italic"), req.if_unmet))
        if req.is_group:
            nodes[req.id] = node
    return tree


def print_lawbook(book: Lawbook, out: Console, lang: str = "en") -> None:
    labels = LABELS[lang]
    out.print(Text(f"{labels['law_title']} {day(book.date, lang)}", style="bold"))
    out.print(Text(book.note, style="dim"))
    for norm in book.norms:
        out.print()
        out.print(norm_tree(norm, lang))


def _cell(text: str) -> str:
    return unbreakable(text).replace("|", "\\|").replace("\n", " ")


def markdown(book: Lawbook, lang: str = "en", *, command: str | None = None) -> str:
    """The lawbook as a Markdown document; ``command`` is named in its header
    as the way it was generated."""
    labels = LABELS[lang]
    command = command or f"pypermit law --date {book.date} --format md" + (f" --lang {lang}" if lang != "en" else "")
    lines = [f"# {labels['law_title']} {day(book.date, lang)}", "",
             labels["law_generated"].format(command=f"`{command}`"), "",
             f"> {book.note}", ""]
    for norm in book.norms:
        lines += [f"## {unbreakable(norm.citation)} — {norm.title} (`{norm.id}`)", ""]
        lines += [f"- **{label}:** {_cell(value)}" for label, value in _facts(norm, lang)]
        lines += ["", f"| {labels['condition']} | {labels['strength']} | {labels['citation']} | "
                      f"{labels['if_unmet']} |", "|---|---|---|---|"]
        depth: dict[str, int] = {}
        for req in norm.requirements:
            depth[req.id] = depth.get(req.group, -1) + 1 if req.group else 0
            indent = "↳ " * depth[req.id]
            lines.append(f"| {indent}`{req.id}` | {_kind(req, lang)} | {_cell(req.citation)} | {_cell(req.if_unmet)} |")
        lines.append("")
    return "\n".join(lines)
