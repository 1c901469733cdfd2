"""pypermit verify: the knowledge base passes, and three deliberate faults
planted in a test copy are each caught (issue: rule consistency)."""

from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner

from pypermit.cli.main import main
from pypermit.engine import kb
from pypermit.lawbook.verify import verify

#: Seconds-long (subprocesses, worker pools, browsers, many solver calls): `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow


@pytest.fixture
def kb_copy(tmp_path, monkeypatch):
    """A copy of the knowledge base that a test may break; pypermit reads it
    instead of the real one while the test runs."""
    copy = tmp_path / "kb"
    shutil.copytree(kb.kb_dir(), copy)
    for cached in (kb.program, kb.statements, kb.texts, kb.change_texts):
        cached.cache_clear()
    monkeypatch.setattr(kb, "kb_dir", lambda: copy)
    yield copy
    for cached in (kb.program, kb.statements, kb.texts, kb.change_texts):
        cached.cache_clear()


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    for cached in (kb.program, kb.statements, kb.texts, kb.change_texts):
        cached.cache_clear()


def test_the_knowledge_base_passes_for_a_norm():
    """§ 104c as it is: no finding."""
    assert verify("104c") == []


def test_overlapping_version_is_caught(kb_copy):
    """A second § 104c version that overlaps the first."""
    edit(kb_copy / "law" / "norms" / "aufenthg_104c.lp", 'version("104c", 20221231, 20251230).',
         'version("104c", 20221231, 20251230).\nversion("104c", 20250101, 20261231).')
    checks = {f.check for f in verify("104c")}
    assert "version overlap" in checks


def test_unreachable_condition_is_caught(kb_copy):
    """§ 104c Abs. 1 S. 1 Nr. 1 made impossible: the commitment can never be met."""
    edit(kb_copy / "law" / "norms" / "aufenthg_104c.lp",
         'met("104c", fdgo_commitment) :- value("fdgo_commitment", true).',
         'met("104c", fdgo_commitment) :- value("fdgo_commitment", true), value("fdgo_commitment", false).')
    found = {(f.check, f.subject) for f in verify("104c")}
    assert ("condition one-sided", "fdgo_commitment") in found
    assert any(check == "version unreachable" for check, _ in found)


def test_a_wording_missing_on_early_days_or_given_twice_is_caught(kb_copy):
    """§ 10 Abs. 3 Satz 2 (§ 25 Abs. 5): the first citation dated 2024-02-27
    instead of 2015-08-01 leaves the condition uncited before that day, and
    two wordings then begin on 2024-02-27."""
    edit(kb_copy / "law" / "norms" / "aufenthg_25_5.lp", 'i. V. m. § 30 Abs. 3 Nr. 1–6 AsylG", 20150801).',
         'i. V. m. § 30 Abs. 3 Nr. 1–6 AsylG", 20240227).')
    found = {(f.check, f.subject) for f in verify("25.5")}
    assert {("wording late", "bar_citation"), ("wording twice", "bar_citation")} <= found


def test_exclusion_that_does_not_exclude_is_caught_with_a_witness(kb_copy, tmp_path):
    """§ 104c Abs. 1 S. 2 made waivable: repeated deception would no longer
    exclude. The finding carries an applicant that reproduces it."""
    edit(kb_copy / "law" / "norms" / "aufenthg_104c.lp",
         'asks("104c", no_repeated_deception, hard,', 'asks("104c", no_repeated_deception, waivable,')
    findings = [f for f in verify("104c") if f.check == "exclusion"]
    assert [f.subject for f in findings] == ["no_repeated_deception"]
    witness = findings[0].witness
    assert witness["identity"]["deception"] == "repeated"
    path = tmp_path / "witness.yaml"
    path.write_text(yaml.safe_dump(witness), encoding="utf-8")
    from pypermit import evaluate
    permit = evaluate(path, unlock=False).permit("104c")
    assert permit.condition("no_repeated_deception").status == "unmet"
    assert permit.status == "waiver_needed"


def test_cli_exit_status(kb_copy):
    """Exit 0 without findings, 1 with; each finding on a line."""
    assert CliRunner().invoke(main, ["verify", "--norm", "25.5"]).exit_code == 0
    edit(kb_copy / "law" / "norms" / "aufenthg_25_5.lp", 'version("25.5", 20150801, 99991231).',
         'version("25.5", 20150801, 20200101).\nversion("25.5", 20200105, 99991231).')
    result = CliRunner().invoke(main, ["verify", "--norm", "25.5"])
    assert result.exit_code == 1
    assert "FINDING version gap: 25.5" in result.output
