"""Citations as a sentence names them: several joined as one ("§ 5 Abs. 1
Nr. 1a and Nr. 4 AufenthG"), the requirements an option meets, and the
reading of a waiver ("Erteilbar bei Absehen von § 5 Abs. 1 Nr. 4 AufenthG
nach § 5 Abs. 3 Satz 2 AufenthG"), read from the citations alone: the first
part of a citation is the requirement, the parts the rules cite beside it
(``also_cited/3``) the provision that lets the authority set it aside."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pypermit.render.report import LABELS

LABELS["en"].update({
    "and": "and",
    "waiver_reading": "Eligible if the authority waives {waivers}",
    "waiver_clause": "{requirements} under {bases}",
    "waiver_discretion": "Eligible if the authority uses its discretion under {citations}",
})
LABELS["de"].update({
    "and": "und",
    "waiver_reading": "Erteilbar bei Absehen {waivers}",
    "waiver_clause": "von {requirements} nach {bases}",
    "waiver_discretion": "Erteilbar, wenn die Behörde ihr Ermessen nach {citations} ausübt",
})


def requirements(citations: Sequence[str], lang: str) -> str:
    """The requirements of conditions (the first part of each citation), in
    the order of the statute, joined as one."""
    firsts = sorted({c.split("; ")[0] for c in citations}, key=_statute_order)
    return join_citations(firsts, lang) if firsts else ""


def _statute_order(citation: str) -> list[tuple[int, str]]:
    """"§ 9 Abs. 2 Satz 1 Nr. 7" before "Nr. 10": numbers as numbers."""
    return [(int(n), rest) for n, rest in re.findall(r"(\d+)([a-z]*)", citation)]


def waiver_line(citations: Sequence[str], lang: str) -> str | None:
    """"Eligible if the authority waives § 5 Abs. 1 Nr. 1a and Nr. 4
    AufenthG under § 5 Abs. 3 Satz 2 AufenthG" ("Erteilbar bei Absehen von
    … nach …"), read from the citations of the waivable conditions not met:
    the first part of each citation is what is set aside, the parts cited
    beside it the basis (requirements with the same basis named together).
    A waivable condition cited alone is set aside under its own provision
    ("uses its discretion under § 85 AufenthG")."""
    by_basis: dict[tuple[str, ...], list[str]] = {}
    alone: list[str] = []
    for citation in citations:
        first, *rest = citation.split("; ")
        if rest:
            required = by_basis.setdefault(tuple(rest), [])
            if first not in required:
                required.append(first)
        elif first not in alone:
            alone.append(first)
    labels = LABELS[lang]
    parts = []
    if by_basis:
        clauses = [labels["waiver_clause"].format(requirements=join_citations(required, lang),
                                                  bases=join_citations(bases, lang))
                   for bases, required in by_basis.items()]
        parts.append(labels["waiver_reading"].format(waivers="; ".join(clauses)))
    if alone:
        line = labels["waiver_discretion"].format(citations=join_citations(alone, lang))
        parts.append(line if not parts else line[0].lower() + line[1:])
    return "; ".join(parts) or None


_LAST_STEP = re.compile(r"^(?P<head>.*?)(?P<mark>Nr\.|Satz|Abs\.) (?P<num>\S+) (?P<law>\S+)$")


def join_citations(citations: Sequence[str], lang: str) -> str:
    """Citations joined as one: "§ 5 Abs. 1 Nr. 1a and Nr. 4 AufenthG" where
    they differ only in their last number, else "… and …"."""
    word = f" {LABELS[lang]['and']} "
    groups: dict[tuple[str, str, str], list[str]] = {}
    order: list[Any] = []
    for cit in citations:
        m = _LAST_STEP.match(cit)
        if m is None:
            order.append(cit)
            continue
        key = (m["head"], m["mark"], m["law"])
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(m["num"])
    out = []
    for item in order:
        if isinstance(item, str):
            out.append(item)
            continue
        head, mark, law = item
        nums = [f"{mark} {n}" for n in groups[item]]
        listed = nums[0] if len(nums) == 1 else ", ".join(nums[:-1]) + word + nums[-1]
        out.append(f"{head}{listed} {law}")
    return out[0] if len(out) == 1 else ", ".join(out[:-1]) + word + out[-1]


