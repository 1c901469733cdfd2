"""Checks of the knowledge base itself, by clingo over bounded domains.

An applicant whose every fact is unknown (stay periods of unknown start,
status and basis; a conviction and a child of unknown particulars) is
evaluated on a day inside each version of the law and at two ages; the
unknown facts range over the representatives the rules distinguish
(kb/machinery/unknown.lp), so brave reasoning ranges over every applicant in those
bounds at once. kb/machinery/verify.lp adds the checks that are rules; the rest is
collected here. A finding about one applicant comes with a witness file.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import clingo

from pypermit import engine
from pypermit.applicant.consistency import AGE_OF_CRIMINAL_RESPONSIBILITY
from pypermit.applicant.fields import COVERAGE_START
from pypermit.applicant.load import load_applicant
from pypermit.applicant.partial import blank, set_path
from pypermit.calendar import add_months, from_ymd
from pypermit.engine import kb
from pypermit.engine.atoms import py
from pypermit.engine.law import OPEN_END, law_facts
from pypermit.errors import UnknownPermit
from pypermit.report import explain
from pypermit.report.questions import file_value

#: Stay periods of unknown start, status and basis: three, so that an
#: interruption can lie between two counted periods (§ 85 bridges).
OPEN_PERIODS = 3


@dataclass(frozen=True)
class Finding:
    check: str
    permit: str
    subject: str
    message: str
    witness: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "permit": self.permit, "subject": self.subject,
                "message": self.message, "witness": self.witness}


def _versions() -> dict[str, list[tuple[int, int]]]:
    """The versions of every norm, read from the rules."""
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p, f, t in law_facts()["version"]:
        out[p].append((f, t))
    return {p: sorted(v) for p, v in out.items()}


def ages() -> tuple[int, ...]:
    """The ages at which the applicant is tried, from the rules' age limits
    of an applicant (thresholds named ..._age or age_...): just under the
    lowest, just over it, and past the highest."""
    limits = sorted({value for _, name, value, _ in law_facts()["threshold"] if "age" in name})
    return (limits[0] - 1, limits[0] + 2, limits[-1] + 3)


def _days(versions: list[tuple[int, int]]) -> set[_dt.date]:
    """A day inside each version, within the coverage, and the days just
    outside a norm's versions (where it is not in force)."""
    days = {max(from_ymd(f), COVERAGE_START) for f, _ in versions}
    first, last = versions[0][0], versions[-1][1]
    if from_ymd(first) > COVERAGE_START:
        days.add(from_ymd(first) - _dt.timedelta(days=1))
    if last < OPEN_END:
        days.add(from_ymd(last) + _dt.timedelta(days=1))
    return days


def _applicant(day: _dt.date, age: int) -> dict[str, Any]:
    """Everything unknown; a person under 14 has no conviction (§ 19 StGB)
    and no child, which the input refuses as impossible (a witness must be
    a file pypermit accepts)."""
    birth = add_months(day, -12 * age).isoformat()
    data = blank(day, birth, [{"since": "unknown", "status": "unknown"} for _ in range(OPEN_PERIODS)])
    young = age < AGE_OF_CRIMINAL_RESPONSIBILITY
    data["household"]["children"] = [] if young else "unknown"
    if young:
        data["convictions"] = []
    return data


def _witness(data: dict[str, Any], model: frozenset[clingo.Symbol]) -> dict[str, Any]:
    """The applicant of one completion: every answered fact put in, the rest
    at its default (what no rule looks at is left as the format fills it)."""
    for s in model:
        if s.name == "answer":
            path = s.arguments[0].string
            data = set_path(data, path, file_value(path, py(s.arguments[1])))
    witness = load_applicant(data).model_dump(mode="json")
    for period in witness["stay"]:
        if period.get("basis") is None:
            period.pop("basis", None)
    return witness


def verify(norm: str | None = None) -> list[Finding]:
    """Every finding about the knowledge base (empty when it passes)."""
    versions = _versions()
    if norm is not None and norm not in versions:
        raise UnknownPermit("norm", norm, sorted(versions), kind="norm")
    permits = [norm] if norm else sorted(versions)
    checks = kb.machinery_file("verify.lp").read_text(encoding="utf-8")
    days = sorted(set().union(*(_days(versions[p]) for p in permits)))
    findings: list[Finding] = []
    met: dict[tuple[str, str], set[bool]] = defaultdict(set)
    granted: set[tuple[str, int]] = set()
    data_checked = False
    seen_conditions: dict[tuple[str, str], str] = {}
    for day in days:
        for age in ages():
            data = _applicant(day, age)
            ctl = engine.control(load_applicant(data), arguments=("--models=0",), extra=checks)
            possible = engine.consequences(ctl, "brave") or frozenset()
            in_version = {(s.arguments[0].string, s.arguments[1].number) for s in possible if s.name == "in_version"}
            for s in possible:
                args = s.arguments
                if s.name in ("met", "unmet") and args[0].string in permits:
                    met[(args[0].string, str(args[1]))].add(s.name == "met")
                elif s.name == "condition" and args[0].string in permits:
                    seen_conditions[(args[0].string, str(args[1]))] = args[3].string
                elif s.name == "status" and args[1].name == "eligible":
                    granted.update((p, f) for p, f in in_version if p == args[0].string)
                elif s.name == "excluded_but_granted" and args[0].string in permits \
                        and not any(f.check == "exclusion" and (f.permit, f.subject) == (args[0].string, str(args[1]))
                                    for f in findings):
                    model = engine.one_model(ctl, [(s, True)]) or frozenset()
                    findings.append(Finding("exclusion", args[0].string, str(args[1]),
                                            f"{args[1]} fails and {args[0].string} is still granted "
                                            f"(decided {day})", _witness(data, model)))
                elif s.name in ("version_overlap", "version_gap") and not data_checked \
                        and args[0].string in permits:
                    findings.append(Finding(s.name.replace("_", " "), args[0].string,
                                            f"{args[1]}..{args[2]}",
                                            f"versions {'overlap' if s.name == 'version_overlap' else 'leave a gap'}: "
                                            f"{args[1]} / {args[2]}"))
                elif s.name in ("wording_late", "wording_twice") and not data_checked \
                        and args[0].string in permits:
                    findings.append(Finding(s.name.replace("_", " "), args[0].string, str(args[1]),
                                            f"{args[1]}: " + ("no wording from the norm's first version on"
                                                              if s.name == "wording_late"
                                                              else f"two wordings begin on {args[2]}")))
            data_checked = True
    for p in permits:
        for f, t in versions[p]:
            if (p, f) not in granted:
                findings.append(Finding("version unreachable", p, str(f),
                                        f"no applicant in the bounded domains is eligible under the version "
                                        f"{f}–{t}"))
    always_in_force = {p for p in permits
                       if from_ymd(versions[p][0][0]) <= COVERAGE_START and versions[p][-1][1] == OPEN_END}
    for (p, c), states in sorted(met.items()):
        if (p, c) not in seen_conditions or (c == "in_force" and p in always_in_force):
            continue
        for state, word in ((True, "met"), (False, "unmet")):
            if state not in states:
                findings.append(Finding("condition one-sided", p, c, f"{c} is never {word}"))
    for (p, c), citation in sorted(seen_conditions.items()):
        if not citation.strip():
            findings.append(Finding("citation", p, c, f"{c} has no citation"))
        for lang in explain.LANGS:
            if explain.template(p, c, lang) is None:
                findings.append(Finding("texts", p, c, f"{c} has no {lang} text"))
    return findings
