"""The difference between two reports: which permits changed status or
effect, and the conditions behind it.

One function serves every comparison pypermit makes (what-if, law dates,
time passing): the two reports may differ in the facts, in the law applied,
or in the day. A condition present in one report and not in the other (a
version of the law that asks something else) counts as changed, and so does
one whose citation the law of the other day words differently (a
renumbering), or whose figure it sets otherwise (3 years of stay instead of
4: the same condition, its figure from a dated threshold), even where its
status stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pypermit.report.model import Condition, ConditionStatus, Effect, Permit, Report, Status


@dataclass(frozen=True)
class ConditionChange:
    """One condition whose status, citation or figures differ; ``None``
    where the norm does not ask it in that report. ``text`` and ``citation``
    are those of the report in which it is asked last (the later one, else
    the earlier); ``old_citation`` the earlier one's where it reads
    otherwise; ``figures`` each figure of the law it asks that differs
    (name, earlier value, later value)."""
    id: str
    old: ConditionStatus | None
    new: ConditionStatus | None
    text: str
    citation: str
    old_citation: str | None = None
    figures: tuple[tuple[str, Any, Any], ...] = ()

    @property
    def citation_changed(self) -> bool:
        return self.old_citation is not None

    @property
    def figures_changed(self) -> bool:
        return bool(self.figures)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "from": self.old, "to": self.new, "text": self.text,
                               "citation": self.citation}
        if self.old_citation is not None:
            out["citation_from"] = self.old_citation
        if self.figures:
            out["figures"] = [{"name": n, "from": a, "to": b} for n, a, b in self.figures]
        return out


@dataclass(frozen=True)
class PermitDifference:
    """One permit whose outcome or conditions differ between two reports."""
    permit: str
    title: str
    old: tuple[Status, Effect]    # in the first report
    new: tuple[Status, Effect]    # in the second
    conditions: tuple[ConditionChange, ...]

    @property
    def outcome_changed(self) -> bool:
        """Status or effect changed (not only a condition)."""
        return self.old != self.new

    def to_dict(self) -> dict[str, Any]:
        return {"permit": self.permit, "title": self.title,
                "from": {"status": self.old[0], "effect": self.old[1]},
                "to": {"status": self.new[0], "effect": self.new[1]},
                "conditions": [c.to_dict() for c in self.conditions]}


def _figures(was: Condition, now: Condition) -> tuple[tuple[str, Any, Any], ...]:
    """The figures of the law both ask, with the values that differ."""
    before, after = dict(was.figures), dict(now.figures)
    return tuple((n, before[n], after[n]) for n in sorted(before.keys() & after.keys()) if before[n] != after[n])


def _condition_changes(old: Permit, new: Permit, citations: bool) -> tuple[ConditionChange, ...]:
    """The conditions whose status differs, and with ``citations`` those
    whose citation or figures differ."""
    before: dict[str, Condition] = {c.id: c for c in old.conditions}
    after: dict[str, Condition] = {c.id: c for c in new.conditions}
    order = [c.id for c in new.conditions] + [cid for cid in before if cid not in after]
    out = []
    for cid in order:
        was, now = before.get(cid), after.get(cid)
        reworded = citations and was is not None and now is not None and was.citation != now.citation
        refigured = _figures(was, now) if citations and was is not None and now is not None else ()
        if (was and was.status) == (now and now.status) and not reworded and not refigured:
            continue
        shown = now or was
        assert shown is not None   # the id is in one report at least: both None was skipped above
        out.append(ConditionChange(cid, was.status if was else None, now.status if now else None,
                                   shown.text, shown.citation, was.citation if reworded and was else None,
                                   refigured))
    return tuple(out)


def differences(old: Report, new: Report, *, outcome_only: bool = False) -> tuple[PermitDifference, ...]:
    """Every permit whose status, effect or conditions (their status,
    citation or figures) differ from ``old`` to ``new``, in the report's order; with
    ``outcome_only``, those whose status or effect differ, and the
    conditions whose status does (what explains the outcome)."""
    before = {p.id: p for p in old.permits}
    out = []
    for permit in new.permits:
        was = before.get(permit.id)
        if was is None:
            continue
        diff = PermitDifference(permit.id, permit.title, (was.status, was.effect), (permit.status, permit.effect),
                                _condition_changes(was, permit, citations=not outcome_only))
        if diff.outcome_changed or (diff.conditions and not outcome_only):
            out.append(diff)
    return tuple(out)
