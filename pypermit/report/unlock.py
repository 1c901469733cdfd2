"""Minimal changes that unlock a permit, in the report.

The rules first derive the days on which something can change
(change_day/1; engine.derive_days, from the rules those days depend on);
the person's search program (engine.search) then answers the unchanged case
(the report) and, for each permit that is not eligible, the subset-minimal
sets of changes that make it eligible or, with fewer changes, at least
waiver_needed. Here they become report objects: ordered, and said in words
(kb/machinery/search.texts.yaml).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace

from pypermit import engine
from pypermit.applicant.model import Applicant
from pypermit.engine import kb
from pypermit.engine.answer import Found
from pypermit.engine.facts import scalar_facts
from pypermit.engine.search import Search
from pypermit.report import assemble
from pypermit.report.explain import render_value
from pypermit.report.model import Change, Permit, Report, UnlockOption

__all__ = ["as_option", "current_values", "evaluated", "note", "options", "route_label", "with_unlock"]


def current_values(applicant: Applicant) -> dict[str, object]:
    """What each changeable fact is now, for the "from" of a change."""
    return {**scalar_facts(applicant), "as_of": applicant.as_of}


def _advice(fact: str, old: object, new: object, lang: str, section: str = "changes") -> str:
    texts = kb.change_texts()[section]
    entry = (texts.get(f"{fact}={new}") or texts.get(fact) or {}).get(lang)
    if entry is None:
        return f"{fact}: {old} -> {new}"
    return str(entry).format(**{"from": render_value(old, lang, fact), "to": render_value(new, lang, fact)})


def note(key: str, lang: str, **values: object) -> str:
    text: str = kb.change_texts()["notes"][key][lang]
    return text.format(**values)


def route_label(permit: Permit, group: str, lang: str) -> str:
    """A route's name in words (search.texts.yaml), else the group's citation."""
    entry = kb.change_texts().get("routes", {}).get(permit.id, {}).get(group, {}).get(lang)
    return str(entry) if entry else next((g.citation for g in permit.groups if g.id == group), group)


def as_option(found: Found, now: dict[str, object], permit: Permit, lang: str) -> UnlockOption:
    """One set of changes the search found, as a report object."""
    citations = {c.id: c.citation for c in permit.conditions}
    changes = tuple(Change(fact, now.get(fact), new, advice=_advice(fact, now.get(fact), new, lang))
                    for fact, new in found.changes)
    grows = tuple(Change(fact, now.get(fact), new, advice=_advice(fact, now.get(fact), new, lang, "grows"))
                  for fact, new in found.grown if fact in found.reaches)
    return UnlockOption(changes, tuple((cid, citations[cid]) for cid in found.newly_met), aims=found.aim,
                        routes=tuple((g, route_label(permit, g, lang)) for g in found.routes), grows=grows,
                        to_waive=found.to_waive)


def options(search: Search, applicant: Applicant, permit: Permit, lang: str) -> tuple[UnlockOption, ...]:
    """The minimal sets of changes for one permit, as report objects (a set
    with no change is no option: the permit is there already)."""
    now = current_values(applicant)
    unmet = {c.id for c in permit.conditions if not c.met}
    return tuple(as_option(found, now, permit, lang) for found in search.options(permit.id, unmet) if found.changes)


def evaluated(applicant: Applicant, *, law_date: _dt.date | None = None, max_changes: int | None = None,
              lang: str = "en") -> tuple[Report, Search]:
    """The report of a person with known facts, and the search for changes:
    one program answers both (the days on which something can change are
    derived first, by the rules they depend on)."""
    days = engine.change_days(list(engine.derive_days(applicant, law_date=law_date)))
    search = Search(applicant, days, law_date=law_date, max_changes=max_changes, explain=True)
    atoms = frozenset(search.unchanged())
    return assemble.build(applicant, engine.Derivation(atoms, atoms), lang=lang), search


def with_unlock(report: Report, applicant: Applicant, change_days: list[int], *,
                law_date: _dt.date | None = None, max_changes: int | None = None,
                only: str | None = None, search: Search | None = None) -> Report:
    """The report with ``unlock`` filled for every permit that is not
    eligible (or just ``only``); a one-line note where nothing unlocks it.
    ``search``: the person's search, where there is one already."""
    todo = [p for p in report.permits if p.status != "eligible" and (only is None or p.id == only)]
    if not todo:
        return report
    search = search or Search(applicant, change_days, law_date=law_date, max_changes=max_changes)
    done = {}
    for permit in todo:
        found = options(search, applicant, permit, report.lang)
        why = None
        if not found:
            if max_changes is not None:
                why = note("nothing_within", report.lang, n=max_changes)
            else:
                hard = [c.text for c in permit.conditions if not c.met and c.strength == "hard"]
                more = " " + note("more", report.lang, n=len(hard) - 1) if len(hard) > 1 else ""
                why = note("nothing", report.lang, reasons=hard[0] + more) if hard else None
        done[permit.id] = replace(permit, unlock=found, unlock_note=why)
    return replace(report, permits=tuple(done.get(p.id, p) for p in report.permits))
