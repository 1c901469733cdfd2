"""Text for paths across permits: each path as its chain of norms, then
each step with its day, its outcome, the changes it needs, what the steps
before opened and what is left to the authority."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from pypermit.render.changes import outcome
from pypermit.render.citations import requirements, waiver_line
from pypermit.render.report import LABELS, steps
from pypermit.report.explain import render_value
from pypermit.scenarios.paths import Paths, PathStep, PermitPath

LABELS["en"].update({
    "paths_title": "Paths across permits from {as_of} (at most {steps} steps, days up to {until})",
    "no_paths": "No permit is within reach from {as_of} to {until}.",
    "last_step": "last step from {day}", "now": "now", "from": "from",
    "opened": "opened by the steps before",
})
LABELS["de"].update({
    "paths_title": "Wege über mehrere Titel ab {as_of} (höchstens {steps} Schritte, bis {until})",
    "no_paths": "Vom {as_of} bis zum {until} ist kein Titel erreichbar.",
    "last_step": "letzter Schritt ab {day}", "now": "jetzt", "from": "ab",
    "opened": "durch die Schritte davor erfüllt",
})


def norm(citation: str) -> str:
    """"§ 25b Abs. 1 AufenthG" -> "§ 25b Abs. 1", for the chain."""
    return citation.removesuffix(" AufenthG")


def chain(path: PermitPath, lang: str) -> str:
    """"§ 104c Abs. 1 → § 25b Abs. 1 → § 26 Abs. 4"."""
    return " → ".join(norm(s.citation) for s in path.steps)


def step_text(step: PathStep, as_of: object, lang: str) -> Text:
    """One step: when, which permit, its outcome, then the changes and the
    conditions behind it."""
    labels = LABELS[lang]
    day = render_value(step.day, lang)
    when = f"{labels['now']} ({day})" if step.day == as_of else f"{labels['from']} {day}"
    head = Text.assemble((when + ": ", "bold"), f"{step.citation} — {step.title} — ",
                         outcome(step.status, step.effect, lang))
    lines: list[tuple[str, str]] = []
    if step.changes:
        lines.append(("→ " + steps(step.changes, lang), ""))
    if step.grows:
        lines.append((labels["grows"] + ": " + "; ".join(c.advice or c.fact for c in step.grows), "dim"))
    if step.routes:
        lines.append((labels["route"] + ": " + ", ".join(label for _, label in step.routes), "dim"))
    for _, citation, text in step.opened:
        lines.append((f"{labels['opened']}: {text} ({'; '.join(map(norm, citation.split('; ')))})", "dim"))
    if step.meets:
        lines.append((labels["meets"] + ": " + requirements([cit for _, cit in step.meets], lang), "dim"))
    if step.status == "waiver_needed":
        lines.append((waiver_line([cit for _, cit in step.to_waive], lang) or "", "dim"))
    return Text.assemble(head, *(("\n" + line, style) for line, style in lines))


def print_paths(result: Paths, out: Console, lang: str = "en") -> None:
    labels = LABELS[lang]
    values = {"as_of": render_value(result.as_of, lang), "until": render_value(result.until, lang),
              "steps": result.max_steps}
    out.print(Text(labels["paths_title"].format(**values), style="bold"))
    if not result.paths:
        out.print(labels["no_paths"].format(**values))
    for number, path in enumerate(result.paths, 1):
        out.print()
        tree = Tree(Text.assemble((f"{number}. {chain(path, lang)}", "bold"),
                                  f" — {labels['last_step'].format(day=render_value(path.last_day, lang))}"),
                    guide_style="dim")
        for step in path.steps:
            tree.add(step_text(step, result.as_of, lang))
        out.print(tree)
