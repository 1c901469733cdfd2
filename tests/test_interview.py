"""``pypermit interview`` end to end (issue 5).

The interview asks the top question of the current report until none is
left, checks each answer like the file itself, and writes the completed
applicant file (``-o OUT.yaml``). ``--answers FILE`` answers from a YAML
mapping (field path -> value; plus ``birth_date`` and ``stay`` when starting
without FILE); a refused scripted answer ends it with exit status 2. At a
terminal a refused answer is said and the question asked again.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pypermit import evaluate, load_applicant

#: Seconds-long (subprocesses, worker pools, browsers, many solver calls): `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".venv" / "bin" / "pypermit"

#: § 25b on 2026-11-21 with three facts open: the German level, the passport
#: and the day the asylum procedure began (six years need <= 2020-11-22).
OPEN_25B = """\
as_of: 2026-11-21
birth_date: 1990-05-01
stay:
  - {since: unknown, status: asylum_procedure}
  - {since: 2022-01-01, status: duldung}
identity: {clarified: true, passport: unknown}
fdgo_commitment: true
civics_test: true
german: unknown
livelihood: {own_share: 60, from_employment: true}
"""

#: What is asked for OPEN_25B, in this order (most decisive first, then by name).
OPEN_25B_ORDER = ["german", "identity.passport", "stay[0].since"]


def pypermit(*args: str, env: dict | None = None, stdin: str | None = None,
             cwd: Path = ROOT) -> subprocess.CompletedProcess:
    cmd = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "pypermit.cli"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=180, cwd=cwd,
                          stdin=subprocess.DEVNULL if stdin is None else None, input=stdin,
                          env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})})


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def unknown_paths(data) -> set[str]:
    """Every path whose value is ``unknown`` in a plain mapping."""
    found: set[str] = set()

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else k, v)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(f"{prefix}[{i}]", v)
        elif value == "unknown":
            found.add(prefix)

    walk("", data)
    return found


# --- scripted, with a FILE ----------------------------------------------------------

def test_scripted_interview_with_a_file(tmp_path):
    file = write(tmp_path / "open.yaml", OPEN_25B)
    answers = write(tmp_path / "answers.yaml",
                    'german: B1\nidentity.passport: valid\n"stay[0].since": 2019-03-01\n')
    out = tmp_path / "done.yaml"
    run = pypermit("interview", str(file), "--answers", str(answers), "-o", str(out), "--lang", "en")
    assert run.returncode == 0, run.stderr
    # the questions came in the order of the report, each answer echoed
    positions = [run.stdout.index(f"{fact}: ") for fact in OPEN_25B_ORDER]
    assert positions == sorted(positions)
    assert "undetermined" in run.stdout
    # the completed file
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert unknown_paths(written) == set()
    assert written["german"] == "B1"
    assert written["identity"]["passport"] == "valid"
    assert str(written["stay"][0]["since"]) == "2019-03-01"
    assert written["stay"][1] == {"since": "2022-01-01", "status": "duldung"}
    model = load_applicant(out)
    assert model.unknown == frozenset()
    r = evaluate(model, unlock=False)
    assert r["25b"].status == "eligible"
    assert r.questions == ()
    assert all(p.status != "undetermined" for p in r.permits)


def test_scripted_interview_answer_that_closes_25b(tmp_path):
    """An asylum request after 2020-11-22: six years are not complete."""
    file = write(tmp_path / "open.yaml", OPEN_25B)
    answers = write(tmp_path / "answers.yaml",
                    'german: A2\nidentity.passport: none\n"stay[0].since": 2021-02-01\n')
    out = tmp_path / "done.yaml"
    run = pypermit("interview", str(file), "--answers", str(answers), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert evaluate(load_applicant(out), unlock=False)["25b"].status == "not_eligible"


def test_scripted_interview_stops_when_nothing_more_decides(tmp_path):
    """German A1 closes § 25b (Nr. 4, hard): the passport and the start of
    the stay are not asked, and stay unknown in the written file."""
    file = write(tmp_path / "open.yaml", OPEN_25B)
    answers = write(tmp_path / "answers.yaml", "german: A1\n")
    out = tmp_path / "done.yaml"
    run = pypermit("interview", str(file), "--answers", str(answers), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert "identity.passport:" not in run.stdout
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["german"] == "A1"
    assert unknown_paths(written) == {"identity.passport", "stay[0].since"}
    model = load_applicant(out)
    assert model.unknown == frozenset({"identity.passport", "stay[0].since"})
    r = evaluate(model, unlock=False)
    assert r["25b"].status == "not_eligible" and r.questions == ()


def test_scripted_interview_with_an_unknown_list_in_the_file(tmp_path):
    """§ 104c in 2024 with the convictions unknown: one answer (the
    conviction was not intentional) settles it."""
    file = write(tmp_path / "open.yaml", """\
as_of: 2024-06-01
birth_date: 1990-05-01
stay:
  - {since: 2017-01-01, status: duldung}
fdgo_commitment: true
convictions: unknown
""")
    answers = write(tmp_path / "answers.yaml", '"convictions[0].intentional": false\n')
    out = tmp_path / "done.yaml"
    run = pypermit("interview", str(file), "--answers", str(answers), "-o", str(out))
    assert run.returncode == 0, run.stderr
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["convictions"][0]["intentional"] is False
    assert "convictions[0].intentional" not in unknown_paths(written)
    assert evaluate(load_applicant(out), unlock=False)["104c"].status == "eligible"


def test_scripted_interview_nothing_to_ask(tmp_path):
    file = write(tmp_path / "known.yaml", OPEN_25B.replace("since: unknown", "since: 2019-03-01")
                 .replace("passport: unknown", "passport: valid").replace("german: unknown", "german: A2"))
    answers = write(tmp_path / "answers.yaml", "{}\n")
    out = tmp_path / "done.yaml"
    run = pypermit("interview", str(file), "--answers", str(answers), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert load_applicant(out).model_dump() == load_applicant(file).model_dump()


def test_scripted_interview_asks_what_the_answers_leave_open(tmp_path):
    """The answers file gives the German level; the passport and the start
    of the stay are asked at the terminal, a bad date asked again."""
    file = write(tmp_path / "open.yaml", OPEN_25B)
    answers = write(tmp_path / "answers.yaml", "german: B1\n")
    out = tmp_path / "done.yaml"
    run = pypermit("interview", str(file), "--answers", str(answers), "-o", str(out),
                   stdin="valid\n02.04.2019\n2019-03-01\n")
    assert run.returncode == 0, run.stderr
    assert "stay[0].since: 02.04.2019 is not a date (YYYY-MM-DD)" in run.stdout
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (written["german"], written["identity"]["passport"], str(written["stay"][0]["since"])) == \
        ("B1", "valid", "2019-03-01")


def test_end_of_input_keeps_the_answers_so_far(tmp_path):
    """Input ends after the first answer: it is written to -o, and the
    message says so and how to go on."""
    file = write(tmp_path / "open.yaml", OPEN_25B)
    out = tmp_path / "done.yaml"
    run = pypermit("interview", str(file), "-o", str(out), stdin="B1\n")
    assert run.returncode == 1
    assert f"what was answered so far is in {out}; go on with: pypermit interview {out}" in run.stderr
    assert "Traceback" not in run.stderr
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["german"] == "B1"
    assert unknown_paths(written) == {"identity.passport", "stay[0].since"}


def test_end_of_input_before_the_stay_keeps_the_birth_date(tmp_path):
    """From nothing, without -o: a named partial file that --answers takes."""
    run = pypermit("interview", "--as-of", "2026-11-21", stdin="02.04.2000\n2000-04-02\n", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert "birth_date: 02.04.2000 is not a date (YYYY-MM-DD)" in run.stderr
    name = re.search(r"so far is in (\S+); go on with: pypermit interview --answers (\S+)", run.stderr)
    assert name and name.group(1) == name.group(2), run.stderr
    assert yaml.safe_load((tmp_path / name.group(1)).read_text(encoding="utf-8")) == {
        "as_of": "2026-11-21", "birth_date": "2000-04-02", "stay": []}


# --- scripted, refused answers ---------------------------------------------------------

@pytest.mark.parametrize("answer, fragment", [
    ('"stay[0].since": 2019-13-01', "stay[0].since: 2019-13-01 is not a date"),
    ('"stay[0].since": 2019-02-30', "stay[0].since: 2019-02-30 is not a date"),
    ('"stay[0].since": "1st of March"', "stay[0].since: 1st of March is not a date"),
    ('"stay[0].since": 2023-01-01', "stay[0].since (2023-01-01)"),      # after the next period's start
])
def test_refused_scripted_date_exits_2_naming_the_path(tmp_path, answer, fragment):
    file = write(tmp_path / "open.yaml", OPEN_25B)
    answers = write(tmp_path / "answers.yaml", f"german: B1\nidentity.passport: valid\n{answer}\n")
    out = tmp_path / "done.yaml"
    run = pypermit("interview", str(file), "--answers", str(answers), "-o", str(out))
    assert run.returncode == 2, (run.stdout[-500:], run.stderr)
    assert fragment in run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists()


def test_refused_scripted_choice_exits_2(tmp_path):
    file = write(tmp_path / "open.yaml", OPEN_25B)
    answers = write(tmp_path / "answers.yaml", "german: X9\n")
    run = pypermit("interview", str(file), "--answers", str(answers), "-o", str(tmp_path / "o.yaml"))
    assert run.returncode == 2
    assert "german" in run.stderr and "X9" in run.stderr


# --- scripted, starting from nothing ---------------------------------------------------------

#: Tolerated since mid-2025 after an asylum procedure from 2024: only § 25 Abs. 5
#: is open; the questions that decide it, in the order they come (checked once
#: by running the interview), with answers that give "waiver_needed" (identity
#: not clarified, § 5 Abs. 1 Nr. 1a, waivable).
FROM_NOTHING = """\
birth_date: 1985-02-03
stay:
  - {since: 2024-03-01, status: asylum_procedure}
  - {since: 2025-06-01, status: duldung}
asylum.manifestly_unfounded: false
departure.end_foreseeable: false
departure.impossible: true
departure.self_caused: false
identity.clarified: false
identity.cooperation_refused: false
identity.deception_prevents_deportation: false
security_threat: false
"""


def test_interview_from_nothing(tmp_path):
    answers = write(tmp_path / "answers.yaml", FROM_NOTHING)
    out = tmp_path / "done.yaml"
    run = pypermit("interview", "--as-of", "2026-11-21", "--answers", str(answers), "-o", str(out))
    assert run.returncode == 0, run.stderr
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert str(written["as_of"]) == "2026-11-21"
    assert str(written["birth_date"]) == "1985-02-03"
    assert [str(p["since"]) for p in written["stay"]] == ["2024-03-01", "2025-06-01"]
    answered = {k for k in yaml.safe_load(FROM_NOTHING) if k not in ("birth_date", "stay")}
    assert not answered & unknown_paths(written)
    assert written["departure"]["impossible"] is True
    assert written["identity"]["clarified"] is False
    # what was never asked stays unknown: the file is honest about it
    assert "german" in unknown_paths(written)
    model = load_applicant(out)
    r = evaluate(model, unlock=False)
    assert r["25.5"].status == "waiver_needed"
    assert r["25.5"].condition("s5_identity").status == "unmet"
    assert all(p.status != "undetermined" for p in r.permits)
    assert r.questions == ()


#: § 25b is open from the start (six years since 2018): answers for every fact
#: a new interview leaves open, the whole unknown lists included.
FROM_NOTHING_25B = """\
birth_date: 1995-01-25
stay:
  - {since: 2018-03-01, status: asylum_procedure}
  - {since: 2020-01-10, status: duldung}
identity.clarified: true
identity.passport: valid
identity.steps_taken: true
identity.deception: none
identity.deception_prevents_deportation: false
identity.cooperation_refused: false
security_threat: false
fdgo_commitment: true
fdgo_doubts: false
civics_test: true
german: A2
impairment: none
integration_prognosis: positive
asylum.manifestly_unfounded: false
asylum.revocation_notice: false
departure.impossible: false
departure.reason: other
departure.end_foreseeable: true
departure.self_caused: false
livelihood.own_share: 80
livelihood.from_employment: true
livelihood.health_insurance: true
livelihood.pension_months: 30
education.school_years: 0
education.qualification: none
education.in_education: false
household.living_space_sqm: 20
household.spouse_in_household: false
"convictions[0].intentional": false
"convictions[0].daily_rates": 0
"convictions[0].immigration_offence": false
"convictions[0].juvenile": false
"convictions[0].prison_months": 0
"convictions[0].suspended": false
"convictions[0].youth_custody_months": 0
"household.children[0].birth_date": 2008-11-21
"household.children[0].in_household": false
"household.children[0].unmarried": true
"household.children[0].attends_school": true
"""


def _asked(stdout: str) -> list[str]:
    """The facts the scripted interview answered, in order (it echoes `fact: value`)."""
    return re.findall(r"^([a-z_]+(?:\.[a-z_]+)*(?:\[\d+\]\.[a-z_]+)?): ", stdout, flags=re.M)


@pytest.fixture(scope="module")
def from_nothing_25b(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nothing")
    answers = write(tmp / "answers.yaml", FROM_NOTHING_25B)
    out = tmp / "done.yaml"
    run = pypermit("interview", "--as-of", "2026-11-21", "--answers", str(answers), "-o", str(out))
    return run, out


def test_interview_from_nothing_reaching_the_unknown_lists(from_nothing_25b):
    """From nothing, the whole lists start unknown; the questions about the
    one conviction and the one child they stand for can be answered."""
    run, out = from_nothing_25b
    assert "Traceback" not in run.stderr, run.stderr[-1500:]
    assert run.returncode == 0, run.stderr
    asked = _asked(run.stdout)
    assert any(f.startswith("convictions[0].") for f in asked), asked
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert not set(asked) & unknown_paths(written)
    assert written["convictions"][0]["intentional"] is False
    r = evaluate(load_applicant(out), unlock=False)
    assert r["25b"].status == "eligible"
    assert all(p.status != "undetermined" for p in r.permits)


def test_interview_from_nothing_asks_only_what_can_change_an_outcome(from_nothing_25b):
    run, _ = from_nothing_25b
    asked = _asked(run.stdout)
    assert "asylum.revocation_notice" not in asked
    assert "departure.reason" not in asked


def test_interview_unknown_stay_status_answered_duldung(tmp_path):
    file = write(tmp_path / "open.yaml", """\
as_of: 2026-11-21
birth_date: 1990-05-01
stay:
  - {since: 2018-01-01, status: asylum_procedure}
  - {since: 2019-01-01, status: unknown}
  - {since: 2022-01-01, status: duldung}
identity: {clarified: true, passport: valid}
fdgo_commitment: true
civics_test: true
german: A2
livelihood: {own_share: 60, from_employment: true}
""")
    answers = write(tmp_path / "answers.yaml", '"stay[1].status": duldung\n')
    out = tmp_path / "done.yaml"
    run = pypermit("interview", str(file), "--answers", str(answers), "-o", str(out))
    assert run.returncode == 0, run.stderr
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["stay"][1] == {"since": "2019-01-01", "status": "duldung"}
    assert evaluate(load_applicant(out), unlock=False)["25b"].status == "eligible"


# --- at a terminal --------------------------------------------------------------------------

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
COLOUR = re.compile(r"\x1b\[(?:[0-9]+;)*(?:3[0-8]|4[0-8]|9[0-7])(?:;[0-9]+)*m")


def _spawn(args: list[str], env_extra: dict | None = None):
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "LINES": "60", "TERM": "xterm", **(env_extra or {})}
    exe = str(CLI) if CLI.exists() else sys.executable
    argv = args if CLI.exists() else ["-m", "pypermit.cli", *args]
    child = pexpect.spawn(exe, argv, env=env, encoding="utf-8", timeout=60, dimensions=(60, 200), cwd=str(ROOT))
    return pexpect, child


def test_terminal_interview_with_a_refused_answer(tmp_path):
    file = write(tmp_path / "open.yaml", OPEN_25B)
    out = tmp_path / "done.yaml"
    pexpect, child = _spawn(["interview", str(file), "--lang", "en", "-o", str(out)])
    transcript: list[str] = []
    try:
        child.expect_exact("german [")
        transcript.append(child.before)
        child.expect_exact("]: ")
        hint = child.before
        assert {"A1", "A2", "B1", "none"} <= set(hint.split("/"))
        child.sendline("X9")                       # not a German level
        child.expect("X9 is not one of")
        child.expect_exact("german [")             # asked again
        child.expect_exact("]: ")
        child.sendline("B1")
        child.expect_exact("identity.passport [")
        child.expect_exact("]: ")
        child.sendline("valid")
        child.expect_exact("stay[0].since [")
        child.expect_exact("]: ")
        assert "YYYY-MM-DD" in child.before
        child.sendline("2019-03-01")
        child.expect(pexpect.EOF)
        transcript.append(child.before)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, "".join(transcript)[-2000:]
    text = ANSI.sub("", "".join(transcript))
    assert "eligible" in text
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert unknown_paths(written) == set()
    assert (written["german"], written["identity"]["passport"], str(written["stay"][0]["since"])) == \
        ("B1", "valid", "2019-03-01")
    assert evaluate(load_applicant(out), unlock=False)["25b"].status == "eligible"


def test_terminal_interview_refuses_a_bad_date_and_asks_again(tmp_path):
    file = write(tmp_path / "open.yaml", OPEN_25B.replace("german: unknown", "german: A2")
                 .replace("passport: unknown", "passport: valid"))
    out = tmp_path / "done.yaml"
    pexpect, child = _spawn(["interview", str(file), "--lang", "en", "-o", str(out)])
    try:
        child.expect_exact("stay[0].since [YYYY-MM-DD]: ")
        child.sendline("2019-13-01")
        child.expect("stay\\[0\\]\\.since: 2019-13-01 is not a date")
        child.expect_exact("stay[0].since [YYYY-MM-DD]: ")
        child.sendline("2021-02-01")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert evaluate(load_applicant(out), unlock=False)["25b"].status == "not_eligible"


def test_terminal_honours_no_color(tmp_path):
    file = write(tmp_path / "known.yaml", OPEN_25B.replace("since: unknown", "since: 2019-03-01")
                 .replace("passport: unknown", "passport: valid").replace("german: unknown", "german: A2"))
    pexpect, child = _spawn(["check", str(file), "--lang", "en"])
    try:
        child.expect(pexpect.EOF)
        text = child.before
    finally:
        child.close(force=True)
    assert "eligible" in ANSI.sub("", text)
    assert not COLOUR.search(text), COLOUR.search(text).group(0)


def test_ctrl_c_keeps_the_answers_so_far(tmp_path):
    """Ctrl-C at the second question: the first answer is in the partial
    file, which the interview takes up again."""
    file = write(tmp_path / "open.yaml", OPEN_25B)
    out = tmp_path / "done.yaml"
    pexpect, child = _spawn(["interview", str(file), "--lang", "en", "-o", str(out)])
    try:
        child.expect_exact("german [")
        child.expect_exact("]: ")
        child.sendline("b1")                        # any case
        child.expect_exact("identity.passport [")
        child.expect_exact("]: ")
        child.sendintr()
        child.expect("go on with: pypermit interview")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 1
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["german"] == "B1"
    assert unknown_paths(written) == {"identity.passport", "stay[0].since"}
