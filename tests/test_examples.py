"""The examples in examples/ are run, so they never rot: each realistic
applicant gives the outcome worked out by hand from the legal brief
(examples/expected.yaml, with the deciding condition of each permit)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pypermit import evaluate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXPECTED = yaml.safe_load((EXAMPLES / "expected.yaml").read_text(encoding="utf-8"))


def test_every_example_has_an_expected_outcome():
    files = {p.name for p in EXAMPLES.glob("*.yaml")} - {"expected.yaml"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(name):
    report = evaluate(EXAMPLES / name, unlock=False)
    for permit_id, want in EXPECTED[name].items():
        if permit_id == "why":
            continue
        permit = report.permit(permit_id)
        why = EXPECTED[name].get("why", {}).get(permit_id, "")
        assert permit.status == want["status"], f"{permit_id}: {why}"
        if "effect" in want:
            assert permit.effect == want["effect"], permit_id


def test_the_example_waiting_for_a2_is_unlocked_by_a2_and_time():
    """examples/duldung_almost_25b.yaml: § 25b needs A2 and the six years
    complete on 2026-08-16 (§ 25b Abs. 1 Satz 2 Nr. 1, Nr. 4)."""
    options = evaluate(EXAMPLES / "duldung_almost_25b.yaml").permit("25b").unlock
    assert [{(c.fact, str(c.new)) for c in o.changes} for o in options] == [
        {("german", "A2"), ("as_of", "2026-08-16")}]
