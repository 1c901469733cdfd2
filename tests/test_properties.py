"""Properties that hold for every applicant (hypothesis), drawn with our own
kit, :mod:`pypermit.testing`.

Each property names its legal reason (../shared/spec/law.md). The
applicants are drawn near one norm's limits at a time (``near=``), so the
boundaries the law draws are where the examples fall. The number of
examples is kept modest: one evaluation costs 20-60 ms.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import pypermit
from pypermit.applicant import paths
from pypermit.applicant.load import applicant_to_dict, load_applicant
from pypermit.calendar import months_passed
from pypermit.testing import applicants, kb_limits

#: Seconds-long (subprocesses, worker pools, browsers, many solver calls): `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

#: PYPERMIT_PROPERTY_SCALE=10 runs ten times the examples (a deeper search
#: now and then; the default keeps the suite fast).
SCALE = int(os.environ.get("PYPERMIT_PROPERTY_SCALE", "1"))

#: Every property: no deadline (clingo's first grounding in a process is slow),
#: no health check on slow data generation.
FAST = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Applicants near one of the norms, drawn at random for each example.
ANY = applicants()

RANK = {"not_eligible": 0, "waiver_needed": 1, "eligible": 2}
REQUIRED_IDS = ("25.5", "25a", "25b", "104c", "26.3", "26.4")
STATUSES = {"eligible", "waiver_needed", "not_eligible", "undetermined"}
EFFECTS = {"entitlement", "regular", "discretionary"}

#: Facts of the past or beyond the person's reach (report-v1: "Facts of the
#: past ... are never changed"; kb/machinery/search.lp's catalogue leaves them out).
NEVER_CHANGED = ("birth_date", "stay", "convictions", "identity.deception", "security_threat", "impairment",
                 "departure.", "asylum.", "household.children", "application_date")


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def full(applicant: dict[str, Any]) -> dict[str, Any]:
    """The applicant with every default filled in (so every field path exists)."""
    return applicant_to_dict(load_applicant(applicant))


def apply_changes(applicant: dict[str, Any], changes) -> dict[str, Any]:
    """The applicant after a set of changes, as the search means them: each
    fact set to its new value; ``as_of`` moved to the new day, the
    application then made on that day, and while the income comes from work
    (after the changes) the whole months in between added to the pension
    months."""
    out = copy.deepcopy(full(applicant))
    day = None
    for change in changes:
        if change.fact == "as_of":
            day = change.new
        else:
            paths.put(out, change.fact, change.new)
    if day is not None:
        old = dt.date.fromisoformat(out["as_of"])
        out["as_of"] = out["application_date"] = day.isoformat()
        if out["livelihood"]["from_employment"]:
            out["livelihood"]["pension_months"] += months_passed(old, day)
    return out


def ancestors(permit, node) -> list:
    """The groups above a condition or group, nearest first."""
    groups = {g.id: g for g in permit.groups}
    out, parent = [], node.group
    while parent is not None:
        out.append(groups[parent])
        parent = groups[parent].group
    return out


def in_alternative(permit, condition) -> bool:
    return any(g.mode == "any" for g in ancestors(permit, condition))


def tree_level(permit) -> tuple[int, dict[str, int]]:
    """The outcome recomputed from the conditions (brief, section 2): a
    failing hard condition is level 2, a failing waivable one level 1; a
    group "all" fails at the highest level of its members, a group "any"
    at the lowest; 2 -> not_eligible, 1 -> waiver_needed, 0 -> eligible."""
    members = defaultdict(list)
    for node in (*permit.conditions, *permit.groups):
        members[node.group].append(node)
    modes = {g.id: g.mode for g in permit.groups}
    levels: dict[str, int] = {}

    def level(node) -> int:
        if node.id not in modes:   # a condition
            return 0 if node.status == "met" else 2 if node.strength == "hard" else 1
        inner = [level(m) for m in members[node.id]]
        value = (max(inner, default=0) if modes[node.id] == "all" else min(inner, default=2))
        levels[node.id] = value
        return value

    return max((level(n) for n in members[None]), default=0), levels


def outcome(report) -> dict[str, tuple[str, dict[str, str]]]:
    return {p.id: (p.status, {c.id: c.status for c in p.conditions}) for p in report.permits}


# --------------------------------------------------------------------------
# 1. total, one answer, deterministic
# --------------------------------------------------------------------------


@settings(max_examples=60 * SCALE, **FAST)
@given(ANY)
def test_evaluation_is_total_and_deterministic(applicant):
    """Every valid applicant gets exactly one answer (brief, section 2: each
    permit has one status), and the same facts on the same day under the
    same law always give the same report, options of change included in the
    same order: a decision must not depend on anything but the facts and the
    law (and the rules run with no state shared between evaluations)."""
    first = pypermit.evaluate(applicant)          # raises KnowledgeBaseError unless one answer set
    second = pypermit.evaluate(copy.deepcopy(applicant))
    assert first.to_dict() == second.to_dict()
    assert [p.unlock for p in first.permits] == [p.unlock for p in second.permits]


# --------------------------------------------------------------------------
# 2. report-v1
# --------------------------------------------------------------------------


def check_report_v1(data: dict[str, Any], as_of: str) -> None:
    """The keys and value domains of ../shared/spec/report-v1.md."""
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data, "report-v1 is plain JSON"
    assert data["format"] == "pypermit/report-v1"
    assert data["as_of"] == as_of
    dt.date.fromisoformat(data["as_of"])
    ids = [p["id"] for p in data["permits"]]
    assert len(ids) == len(set(ids))
    assert set(REQUIRED_IDS) <= set(ids)
    assert tuple(i for i in ids if i in REQUIRED_IDS) == REQUIRED_IDS, "a stable order"
    for p in data["permits"]:
        where = p["id"]
        for key, kind in (("title", str), ("status", str), ("effect", str), ("citation", str),
                          ("conditions", list), ("unlock", list)):
            assert isinstance(p.get(key), kind), (where, key)
        assert p["title"] and p["citation"].startswith("§"), where
        assert p["status"] in STATUSES, (where, p["status"])
        assert p["effect"] in EFFECTS, (where, p["effect"])
        cids = [c["id"] for c in p["conditions"]]
        assert len(cids) == len(set(cids)), (where, cids)
        for c in p["conditions"]:
            assert isinstance(c["id"], str) and c["id"]
            assert c["status"] in {"met", "unmet", "unknown"}, (where, c)
            assert c["strength"] in {"hard", "waivable"}, (where, c)
            assert isinstance(c["citation"], str) and c["citation"].startswith("§"), (where, c)
            assert isinstance(c["text"], str) and c["text"].strip(), (where, c)
        if "in_force" in cids and next(c for c in p["conditions"] if c["id"] == "in_force")["status"] == "unmet":
            assert p["status"] == "not_eligible", f"{where}: a norm not in force is not_eligible"
        if p["status"] == "eligible":
            assert p["unlock"] == [], where
        for option in p["unlock"]:
            assert isinstance(option["changes"], list) and option["changes"], where
            facts = [ch["fact"] for ch in option["changes"]]
            assert len(facts) == len(set(facts)), (where, facts)
            for ch in option["changes"]:
                assert set(ch) >= {"fact", "from", "to"}, (where, ch)
                assert isinstance(ch["fact"], str) and ch["fact"], (where, ch)
                assert ch["from"] != ch["to"], (where, ch)
                if ch["fact"] == "as_of":
                    assert ch["from"] == as_of and dt.date.fromisoformat(ch["to"]) > dt.date.fromisoformat(as_of)


@settings(max_examples=80 * SCALE, **FAST)
@given(ANY)
def test_json_is_report_v1(applicant):
    """report-v1 is a public contract (report-v1.md): programs embed it and
    the conformance cases read it, so every report keeps its keys and value
    domains; no fact here is unknown, so nothing is undetermined."""
    data = pypermit.evaluate(applicant).to_dict()
    check_report_v1(data, applicant["as_of"])
    assert all(p["status"] != "undetermined" for p in data["permits"])
    assert all(c["status"] != "unknown" for p in data["permits"] for c in p["conditions"])


# --------------------------------------------------------------------------
# 3. status follows the conditions
# --------------------------------------------------------------------------


def check_status_follows_conditions(report) -> None:
    for p in report.permits:
        level, group_levels = tree_level(p)
        assert p.status == ("eligible", "waiver_needed", "not_eligible")[level], (p.id, p.status, level)
        for g in p.groups:
            assert g.status == ("met" if group_levels[g.id] == 0 else "unmet"), (p.id, g.id)
        outside = [c for c in p.conditions if not in_alternative(p, c)]
        if p.status == "eligible":
            assert all(c.met for c in outside), p.id
        elif p.status == "waiver_needed":
            assert all(c.strength == "waivable" for c in outside if not c.met), p.id
            assert any(c.strength == "waivable" and not c.met for c in p.conditions), p.id
        else:
            # a failing hard condition that no satisfied alternative makes irrelevant
            assert any(c.strength == "hard" and not c.met
                       and not any(g.mode == "any" and g.status == "met" for g in ancestors(p, c))
                       for c in p.conditions), p.id


@settings(max_examples=300 * SCALE, **FAST)
@given(ANY)
def test_status_follows_the_conditions(applicant):
    """Brief, section 2: any hard condition failing -> not_eligible; else
    any waivable one (§ 5 Abs. 1, set aside at discretion under § 5 Abs. 3
    S. 2) failing -> waiver_needed; else eligible. Alternatives (§ 25b Abs. 1
    Nr. 1 or Abs. 6; § 26 Abs. 3 S. 1 or S. 3) need one route only, so a
    condition inside an alternative not taken may fail. (Eligible permits
    are rare among drawn applicants; the unlock property below checks this
    on the applicants its changes make eligible, and that an eligible permit
    has no options of change.)"""
    report = pypermit.evaluate(applicant, unlock=False)
    check_status_follows_conditions(report)
    for p in report.permits:
        event(f"{p.id}: {p.status}")


# --------------------------------------------------------------------------
# 4. monotonicity
# --------------------------------------------------------------------------


def _raise_german(a, data):
    levels = kb_limits().german_levels
    rank = levels.index(a["german"])
    if rank + 1 == len(levels):
        return None
    a["german"] = data.draw(st.sampled_from(levels[rank + 1:]), label="german")
    return a


def _pass_civics(a, data):
    if a["civics_test"]:
        return None
    a["civics_test"] = True
    return a


def _raise_own_share(a, data):
    share = a["livelihood"]["own_share"]
    if share >= 100:
        return None
    a["livelihood"]["own_share"] = data.draw(st.sampled_from(sorted({min(100, share + d) for d in (0.5, 1, 25, 100)})),
                                            label="own_share")
    return a


def _raise_living_space(a, data):
    a["household"]["living_space_sqm"] += data.draw(st.sampled_from((0.5, 1, 9, 30)), label="more m²")
    return a


def _remove_conviction(a, data):
    if not a["convictions"]:
        return None
    i = data.draw(st.integers(0, len(a["convictions"]) - 1), label="removed conviction")
    del a["convictions"][i]
    return a


IMPROVEMENTS = {
    # Language: every norm asks a least level (A2, B1, C1); none asks less.
    "german": _raise_german,
    # Civic knowledge: asked by § 25b Abs. 1 Nr. 2, § 26 Abs. 3, § 9 Abs. 2 Nr. 8; never held against anyone.
    "civics_test": _pass_civics,
    # Livelihood: "more than 50", "more than 75", "secured" (100) are lower bounds.
    "livelihood.own_share": _raise_own_share,
    # Living space: § 2 Abs. 4 asks at least what the household needs.
    "household.living_space_sqm": _raise_living_space,
    # Convictions only ever exclude (§ 5 Abs. 1 Nr. 2, § 25b Abs. 2 Nr. 2, § 104c Abs. 1 Nr. 2, § 9 Abs. 2 Nr. 4):
    # fines add up, so one fewer never raises a total.
    "convictions": _remove_conviction,
}


@settings(max_examples=100 * SCALE, **FAST)
@given(st.sampled_from(sorted(IMPROVEMENTS)), ANY, st.data())
def test_improving_a_fact_never_worsens_an_outcome(which, applicant, data):
    """More German, a passed civics test, a larger own share of livelihood,
    more living space, one conviction fewer: the law only ever asks for at
    least so much of these (and at most so many convictions), so no
    condition met before becomes unmet, and no permit's status gets worse
    (an eligible permit stays eligible)."""
    better = IMPROVEMENTS[which](full(applicant), data)
    if better is None:
        event(f"{which}: nothing to improve")
        return
    before = pypermit.evaluate(applicant, unlock=False)
    after = pypermit.evaluate(better, unlock=False)
    for p, q in zip(before.permits, after.permits, strict=True):
        assert p.id == q.id
        assert RANK[q.status] >= RANK[p.status], (which, p.id, p.status, q.status)
        met_after = {c.id for c in q.conditions if c.met}
        assert {c.id for c in p.conditions if c.met} <= met_after, (which, p.id)


# --------------------------------------------------------------------------
# 5. exclusions dominate
# --------------------------------------------------------------------------


@settings(max_examples=80 * SCALE, **FAST)
@given(ANY)
def test_security_threat_excludes_every_permit(applicant):
    """§ 5 Abs. 4 AufenthG: where grounds of § 54 Abs. 1 Nr. 2 or 4
    (security, terrorism) exist, no residence title is granted; it is a
    hard exclusion, never waived (brief, section 2), so no permit is
    eligible or waiver_needed, whatever else holds."""
    threat = dict(applicant, security_threat=True)
    report = pypermit.evaluate(threat, unlock=False)
    for p in report.permits:
        assert p.status == "not_eligible", p.id
        if p.condition("in_force").met:
            c = p.condition("no_security_threat")
            assert (c.status, c.strength) == ("unmet", "hard"), p.id


# --------------------------------------------------------------------------
# 6. unlock
# --------------------------------------------------------------------------


@settings(max_examples=100 * SCALE, **FAST)
@given(ANY, st.data())
def test_unlock_options_unlock_and_are_minimal(applicant, data):
    """report-v1, "unlock": each set of changes makes the permit eligible
    (or, aimed at a waiver, waiver_needed), and it is minimal: no smaller
    part of it reaches that (a waiver set: neither waiver_needed nor
    eligible). Time passing is the change of as_of (the application then
    made on the new day; pension months grow while the income comes from
    work, § 9 Abs. 2 S. 1 Nr. 3), so dropping it means deciding on the old
    day. The report after the changes follows the outcome rules as every
    report does."""
    report = pypermit.evaluate(applicant)
    pairs = [(p.id, i) for p in report.permits for i in range(len(p.unlock))]
    if not pairs:
        event("no option to check")
        return
    pid, i = data.draw(st.sampled_from(pairs), label="permit, option")
    option = report.permit(pid).unlock[i]
    event(f"{pid}: {len(option.changes)} change(s)")
    event(f"aims {option.aims}")
    reached = {"eligible": {"eligible"}, "waiver_needed": {"eligible", "waiver_needed"}}[option.aims]
    changed = pypermit.evaluate(apply_changes(applicant, option.changes), unlock=False)
    assert changed.permit(pid).status == option.aims, (pid, option.changes)
    check_status_follows_conditions(changed)
    for dropped in option.changes:
        rest = [c for c in option.changes if c is not dropped]
        fewer = apply_changes(applicant, rest)
        assert pypermit.evaluate(fewer, unlock=False).permit(pid).status not in reached, \
            (pid, "not minimal without", dropped, option.changes)


@settings(max_examples=50 * SCALE, **FAST)
@given(ANY)
def test_unlock_changes_only_what_can_change_in_order(applicant):
    """report-v1: facts of the past (birth date, past stay, convictions) and
    what is beyond the person's reach (deception done, security, impairment,
    departure obstacles, the asylum outcome) are never changed; each change
    starts from the applicant's own value; the options come fewest changes
    first; an eligible permit has none."""
    report = pypermit.evaluate(applicant)
    now = full(applicant)
    for p in report.permits:
        if p.status == "eligible":
            assert p.unlock == ()
        sizes = [len(o.changes) for o in p.unlock]
        assert sizes == sorted(sizes), (p.id, sizes)
        sets = [(o.aims, frozenset((c.fact, c.new) for c in o.changes)) for o in p.unlock]
        assert len(set(sets)) == len(sets), f"{p.id}: an option twice"
        assert not any(a == b and x < y for a, x in sets for b, y in sets), f"{p.id}: an option contains another"
        fewest = min((len(x) for a, x in sets if a == "eligible"), default=None)
        assert all(fewest is None or len(x) < fewest for a, x in sets if a == "waiver_needed"), \
            f"{p.id}: a waiver set with as many changes as an eligible one"
        assert p.status == "not_eligible" or all(a == "eligible" for a, _ in sets), p.id
        for o in p.unlock:
            assert o.changes, p.id
            for c in o.changes:
                assert not any(c.fact == f or c.fact.startswith(f if f.endswith(".") else f + ".")
                               for f in NEVER_CHANGED), (p.id, c.fact)
                if c.fact == "as_of":
                    assert c.old == report.as_of and c.new > c.old, (p.id, c)
                else:
                    assert c.old == paths.get(now, c.fact) and c.new != c.old, (p.id, c)
