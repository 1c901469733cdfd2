"""The difference between two reports: which permits changed status or
effect, and the conditions behind it.

One function serves every comparison pypermit makes (what-if, law dates,
time passing): the two reports may differ in the facts, in the law applied,
or in the day. A condition present in one report and not in the other (a
version of the law that asks something else) counts as changed, and so does
one whose strength differs (waivable in one, hard in the other), whose
citation the law of the other day words differently (a renumbering), or
whose figure it sets otherwise (3 years of stay instead of 4: the same
condition, its figure from a dated threshold), even where its status stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pypermit.report.model import Change, Condition, ConditionStatus, Effect, Permit, Report, Status, Strength


@dataclass(frozen=True)
class ConditionChange:
    """One condition whose status, strength, citation or figures differ;
    ``None`` where the norm does not ask it in that report. ``text``,
    ``citation`` and ``strength`` are those of the report in which it is
    asked last (the later one, else the earlier); ``old_citation`` the
    earlier one's where it reads otherwise; ``figures`` each figure of the
    law it asks that differs (name, earlier value, later value);
    ``old_strength`` the earlier strength where it differs (a § 104c
    holder's identity: waivable once every reasonable step is taken, hard
    before), ``old_waived_by``/``waived_by`` the reasons of a waiver where
    they differ. ``because``: the changes of a what-if that explain it
    (scenarios.whatif.with_reasons)."""
    id: str
    old: ConditionStatus | None
    new: ConditionStatus | None
    text: str
    citation: str
    old_citation: str | None = None
    figures: tuple[tuple[str, Any, Any], ...] = ()
    strength: Strength | None = None
    old_strength: Strength | None = None
    waived_by: str | None = None
    old_waived_by: str | None = None
    because: tuple[Change, ...] = ()

    @property
    def citation_changed(self) -> bool:
        return self.old_citation is not None

    @property
    def figures_changed(self) -> bool:
        return bool(self.figures)

    @property
    def strength_changed(self) -> bool:
        return self.old_strength is not None

    @property
    def waiver_changed(self) -> bool:
        return self.old_waived_by != self.waived_by

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "from": self.old, "to": self.new, "text": self.text,
                               "citation": self.citation}
        if self.old_citation is not None:
            out["citation_from"] = self.old_citation
        if self.figures:
            out["figures"] = [{"name": n, "from": a, "to": b} for n, a, b in self.figures]
        if self.strength is not None:
            out["strength"] = self.strength
        if self.old_strength is not None:
            out["strength_from"] = self.old_strength
        if self.waiver_changed:
            out["waived_by_from"], out["waived_by"] = self.old_waived_by, self.waived_by
        if self.because:
            out["because"] = [c.to_dict() for c in self.because]
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
    """The conditions whose status or strength differs, and with
    ``citations`` those whose citation, figures or waiver differ."""
    before: dict[str, Condition] = {c.id: c for c in old.conditions}
    after: dict[str, Condition] = {c.id: c for c in new.conditions}
    order = [c.id for c in new.conditions] + [cid for cid in before if cid not in after]
    out = []
    for cid in order:
        was, now = before.get(cid), after.get(cid)
        reworded = citations and was is not None and now is not None and was.citation != now.citation
        refigured = _figures(was, now) if citations and was is not None and now is not None else ()
        # a strength matters where the condition is not met
        stronger = (was is not None and now is not None and was.strength != now.strength
                    and not (was.met and now.met))
        rewaived = citations and was is not None and now is not None and was.waived_by != now.waived_by
        if (was and was.status) == (now and now.status) and not (reworded or refigured or stronger or rewaived):
            continue
        shown = now or was
        assert shown is not None   # the id is in one report at least: both None was skipped above
        out.append(ConditionChange(
            cid, was.status if was else None, now.status if now else None, shown.text, shown.citation,
            old_citation=was.citation if reworded and was else None, figures=refigured, strength=shown.strength,
            old_strength=was.strength if stronger and was else None,
            waived_by=now.waived_by if now else None, old_waived_by=was.waived_by if was else None))
    return tuple(out)


def differences(old: Report, new: Report, *, outcome_only: bool = False) -> tuple[PermitDifference, ...]:
    """Every permit whose status, effect or conditions (their status,
    strength, citation, figures or waiver) differ from ``old`` to ``new``,
    in the report's order; with ``outcome_only``, those whose status or
    effect differ, and the conditions whose status or strength does (what
    explains the outcome). A strength counts where the condition is not met
    in one of the two."""
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
