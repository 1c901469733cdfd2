"""Shared helpers for the tests: build an applicant from a few facts, and
ask what the knowledge base derived for it."""

from __future__ import annotations

import copy
from collections import defaultdict as _defaultdict
from typing import Any

from pypermit import Report, evaluate
from pypermit import report as _report
from pypermit.report import explain as _explain


def plain(text: str) -> str:
    """Rendered text with its no-break spaces ("§\u00a025") as plain ones, to compare with."""
    return text.replace("\u00a0", " ")


def flat(text: str) -> str:
    """Rendered text as one line of plain spaces: a sentence may wrap."""
    return " ".join(plain(text).split())


def uncited(report: Report, text: str) -> list[tuple[str, str, str]]:
    """The parts of the citations of the conditions that hold a permit back
    (render.summary.matters) that ``text`` does not carry: (permit,
    condition, part). A short report or summary page must carry them all."""
    from pypermit.render.summary import matters
    return [(permit.id, c.id, part) for permit in report.permits for c in permit.conditions
            if matters(permit, c) for part in c.citation.split("; ") if part not in text]


def merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``overrides`` merged in, nested mappings merged key by key."""
    out = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def person(**facts: Any) -> dict[str, Any]:
    """An applicant file (as a dict): an adult born 1990-05-01 with a stay
    since 2015, decided on 2026-11-21, with whatever ``facts`` say."""
    base = {
        "as_of": "2026-11-21",
        "birth_date": "1990-05-01",
        "stay": [{"since": "2015-01-01", "status": "duldung"}],
    }
    return merge(base, facts)


def period(since: str, status: str, basis: str | None = None) -> dict[str, Any]:
    """A stay period, with its basis where it is a permit."""
    return {"since": since, "status": status, **({"basis": basis} if basis is not None else {})}


def report(applicant: dict[str, Any], **kwargs: Any) -> Report:
    return evaluate(applicant, **kwargs)


def status(applicant: dict[str, Any], permit: str, **kwargs: Any) -> str:
    """The status of one permit for this applicant."""
    return evaluate(applicant, unlock=False, **kwargs).permit(permit).status


def condition(applicant: dict[str, Any], permit: str, condition_id: str, **kwargs: Any) -> str:
    """``met`` or ``unmet``: one condition of one permit."""
    return evaluate(applicant, unlock=False, **kwargs).permit(permit).condition(condition_id).status


# --- condition coverage ---------------------------------------------------------
# Every report the suite builds is recorded; at the end the summary says, per
# norm, which conditions the tests saw met and unmet (issue: rule consistency).

_SEEN: dict[tuple[str, str], set[str]] = _defaultdict(set)
_build = _report.build


def _recording_build(*args, **kwargs):
    result = _build(*args, **kwargs)
    for permit in result.permits:
        for cond in permit.conditions:
            _SEEN[(permit.id, cond.id)].add(cond.status)
    return result


_report.build = _report.assemble.build = _recording_build


def _in_force_throughout() -> set[str]:
    """Norms whose versions cover the whole coverage (from the rules)."""
    from pypermit.lawbook.verify import _versions
    return {p for p, vs in _versions().items() if vs[0][0] <= 20150801 and vs[-1][1] == 99991231}


def pytest_terminal_summary(terminalreporter):
    if not _SEEN:
        return
    write = terminalreporter.write_line
    terminalreporter.section("condition coverage (met and unmet seen by the tests)")
    permits = sorted({p for p, _ in _SEEN})
    total_both = total = 0
    for pid in permits:
        # the conditions of the norm: those any report showed, in the norm's order
        ids = [c for c in _explain.condition_order(pid) if (pid, c) in _SEEN]
        if pid in _in_force_throughout():
            ids = [c for c in ids if c != "in_force"]   # cannot fail within the coverage
        both = [c for c in ids if {"met", "unmet"} <= _SEEN.get((pid, c), set())]
        total_both, total = total_both + len(both), total + len(ids)
        missing = [f"{c} ({'never ' + ' nor '.join(sorted({'met', 'unmet'} - _SEEN.get((pid, c), set())))})"
                   for c in ids if c not in both]
        write(f"{pid:>5}: {len(both)}/{len(ids)} both ways" + (f"; missing: {', '.join(missing)}" if missing else ""))
    write(f"total: {total_both}/{total} conditions seen met and unmet")
