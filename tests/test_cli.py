"""The command line: bad input refused with a clear message naming the field
and the value, exit status 2, no traceback and nothing evaluated; good input
gives text or report-v1 JSON and exit 0 whatever the outcome."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import plain

from pypermit.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "darmstadt_refugee_c1.yaml"
PYPERMIT = [sys.executable, "-m", "pypermit.cli"]

GOOD = """as_of: 2026-11-21
birth_date: 1985-04-04
stay:
  - {since: 2020-11-10, status: asylum_procedure}
  - {since: 2022-05-01, status: duldung}
"""


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*PYPERMIT, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=120)


@pytest.mark.parametrize("text, path, fragment", [
    pytest.param(GOOD + "identity: {pasport: valid}\n", "identity.pasport", "unknown field", id="unknown-key"),
    pytest.param(GOOD.replace("2020-11-10", "2020-13-10"), "stay[0].since", "2020-13-10", id="impossible-date"),
    pytest.param(GOOD.replace("2022-05-01", "2019-05-01"), "stay[1].since", "not after", id="out-of-order"),
    pytest.param(GOOD.replace("2022-05-01", "2027-05-01"), "stay[1].since", "after as_of", id="after-as-of"),
    pytest.param(GOOD.replace("status: duldung", "status: permit"), "stay[1].basis", "", id="basis-missing"),
    pytest.param(GOOD.replace("status: duldung}", 'status: duldung, basis: "25.1"}'), "stay[1].basis", "",
                 id="basis-on-non-permit"),
    pytest.param(GOOD.replace("as_of: 2026-11-21", "as_of: 2015-07-31"), "as_of", "2015-07-31", id="before-coverage"),
    pytest.param(GOOD + "german: A3\n", "german", "A3", id="bad-enum"),
    pytest.param(GOOD + "household: [1, 2]\n", "household", "mapping", id="list-for-mapping"),
    pytest.param(GOOD + "birth_date: unknown\n", "", "", id="duplicate-key"),
])
def test_bad_file_exit_2_with_field_and_value(tmp_path, text, path, fragment):
    f = tmp_path / "a.yaml"
    f.write_text(text, encoding="utf-8")
    result = run("check", str(f))
    assert result.returncode == 2
    assert result.stdout == "", "nothing half-evaluated is printed"
    assert "Traceback" not in result.stderr
    assert path in result.stderr and fragment in result.stderr


@pytest.mark.parametrize("content, fragment", [
    pytest.param("", "empty", id="empty-file"),
    pytest.param("as_of: [2026\n", "line", id="yaml-syntax-error"),
    pytest.param("- 1\n- 2\n", "mapping", id="list-at-top"),
])
def test_bad_file_as_a_whole(tmp_path, content, fragment):
    f = tmp_path / "a.yaml"
    f.write_text(content, encoding="utf-8")
    result = run("check", str(f))
    assert result.returncode == 2 and fragment in result.stderr and "Traceback" not in result.stderr


def test_missing_file_and_bad_options():
    assert run("check", "no/such/file.yaml").returncode == 2
    bad_day = run("check", str(EXAMPLE), "--as-of", "2026-02-30")
    assert bad_day.returncode == 2 and "2026-02-30" in bad_day.stderr
    early_law = run("check", str(EXAMPLE), "--law-date", "2010-01-01")
    assert early_law.returncode == 2 and "law_date" in early_law.stderr


def test_json_is_report_v1():
    result = run("check", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["format"] == "pypermit/report-v1"
    assert [p["id"] for p in report["permits"]] == ["25.5", "25a", "25b", "104c", "26.3", "26.4"]
    for p in report["permits"]:
        assert p["status"] in {"eligible", "waiver_needed", "not_eligible", "undetermined"}
        assert p["effect"] in {"entitlement", "regular", "discretionary"}
        assert isinstance(p["unlock"], list)
        for c in p["conditions"]:
            assert c["status"] in {"met", "unmet", "unknown"} and c["strength"] in {"hard", "waivable"}
            assert "AufenthG" in c["citation"] and c["text"]


def test_text_is_plain_off_a_terminal_and_fits_80_columns():
    for full in ((), ("--full",)):
        result = run("check", str(EXAMPLE), *full)
        assert result.returncode == 0
        assert "\x1b[" not in result.stdout, "no colour when the output is not a terminal"
        assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "§ 26 Abs. 3 Satz 3 Nr. 3 AufenthG" in plain(result.stdout), "--full shows the conditions met too"


def test_as_of_option_decides_another_day():
    """§ 26 Abs. 3 S. 3: three years held complete on 2025-02-28 for this person."""
    before = json.loads(run("check", str(EXAMPLE), "--as-of", "2025-02-27", "--format", "json").stdout)
    after = json.loads(run("check", str(EXAMPLE), "--as-of", "2025-02-28", "--format", "json").stdout)
    status = lambda r: {p["id"]: p["status"] for p in r["permits"]}["26.3"]  # noqa: E731
    assert (status(before), status(after)) == ("not_eligible", "eligible")


def test_german_texts():
    short = run("check", str(EXAMPLE), "--lang", "de")
    assert "Entscheidungstag 15.09.2025" in short.stdout and "nicht erteilbar" in short.stdout
    full = run("check", str(EXAMPLE), "--lang", "de", "--full")
    assert "Niederlassungserlaubnis" in full.stdout and "erteilbar" in full.stdout


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for name, command in main.commands.items():
        assert command.help, f"{name} has no help text"
        assert runner.invoke(main, [name, "--help"]).exit_code == 0
        assert f"pypermit {name}" in readme, f"{name} is not shown in the README"
