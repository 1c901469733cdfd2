"""Files a careless or hostile sender can produce, each through the real
command line in its own process (issue 10): refused with exit status 2 and
a message naming the problem, one short line each, no traceback, nothing
printed on standard output; within a second of CPU beyond what starting
the interpreter takes, and 200 MB of memory, both measured on the child.

The child runs with a 1 GB address-space limit and a 60 s alarm, so that a
regression fails the test instead of the machine.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from pypermit.applicant.text import MAX_BYTES, MAX_DEPTH, MAX_ITEMS

#: Seconds-long (subprocesses, worker pools, browsers, many solver calls): `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
#: CPU seconds a refusal may take beyond a refusal of an empty file.
CPU_MARGIN = 1.0
#: Resident memory a refusal may take, in MB.
MEMORY_MB = 200
#: Longest line a refusal may print.
LINE = 500

GOOD = """as_of: 2026-11-21
birth_date: 1985-04-04
stay:
  - {since: 2020-11-10, status: asylum_procedure}
  - {since: 2022-05-01, status: duldung}
"""


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    cpu: float      # user + system seconds of the child
    wall: float
    rss_mb: float   # peak resident memory of the child


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    signal.alarm(60)    # survives exec: a child that hangs is killed


def pypermit(*args: str, stdin: object = subprocess.DEVNULL) -> Run:
    """Run the command line; the child's own CPU time and peak memory from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "pypermit.cli", *args], stdin=stdin, stdout=out,
                                 stderr=err, cwd=ROOT, preexec_fn=_limits,
                                 env={**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"})
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Run(child.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Run:
    """A refusal of an empty file: what starting the interpreter takes."""
    empty = tmp_path_factory.mktemp("base") / "empty.yaml"
    empty.write_text("")
    runs = [pypermit("check", str(empty)) for _ in range(2)]
    assert all(r.returncode == 2 for r in runs)
    return min(runs, key=lambda r: r.cpu)


def refused(run: Run, baseline: Run, *fragments: str) -> None:
    """Exit 2, each fragment in the message, short lines, within the bounds."""
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.stdout == "", "nothing half-evaluated is printed"
    lines = run.stderr.splitlines()
    assert lines and all(line.startswith("error: ") and len(line) <= LINE for line in lines), lines[:5]
    for fragment in fragments:
        assert fragment in run.stderr, run.stderr[-2000:]
    assert run.cpu <= baseline.cpu + CPU_MARGIN, f"{run.cpu:.2f} s CPU (baseline {baseline.cpu:.2f} s)"
    assert run.rss_mb <= MEMORY_MB, f"{run.rss_mb:.0f} MB"


def laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


BIG = "1" + "0" * 400       # 10^400

#: name, file name, content (text or bytes), fragments of the message
FILES = [
    ("billion-laughs", "a.yaml", laughs(), ["line 1: an anchor (&a0)", "anchors and aliases are not accepted"]),
    ("alias-in-applicant", "a.yaml", GOOD + "identity: &i {clarified: true}\nasylum: *i\n", ["an anchor (&i)"]),
    ("recursive-alias", "a.yaml", "a: &a [*a]\n", ["an anchor (&a)"]),
    ("merge-key", "a.yaml", GOOD + "x: &x {a: 1}\nidentity: {<<: *x}\n", ["an anchor (&x)"]),
    ("deep-yaml", "a.yaml", "[" * 10_000, [f"nested deeper than {MAX_DEPTH} levels"]),
    ("deep-yaml-mappings", "a.yaml", "".join(f"{' ' * i}k:\n" for i in range(200)),
     [f"nested deeper than {MAX_DEPTH} levels"]),
    ("deep-json", "a.json", "[" * 10_000 + "]" * 10_000, [f"nested deeper than {MAX_DEPTH} levels"]),
    ("100000-convictions-compact", "a.yaml", GOOD + "convictions: [" + "{}, " * 100_000 + "]\n",
     [f"convictions: a list of more than {MAX_ITEMS} items"]),
    ("100000-convictions-json", "a.json",
     json.dumps({"birth_date": "1985-04-04", "convictions": [{}] * 100_000}),
     [f"convictions: a list of more than {MAX_ITEMS} items"]),
    ("100000-convictions-block", "a.yaml",
     GOOD + "convictions:\n" + "  - {date: 2021-01-10, daily_rates: 30}\n" * 100_000, ["larger than 1 MiB"]),
    ("150-convictions", "a.yaml", GOOD + "convictions:\n" + "  - {date: 2021-01-10, daily_rates: 1}\n" * 150,
     ["convictions: 150 items; a file lists at most 100"]),
    ("40-children", "a.yaml", GOOD + "household:\n  children:\n" + "    - {birth_date: 2010-01-01}\n" * 40,
     ["household.children: 40 items; a file lists at most 30"]),
    ("huge-mapping", "a.yaml", "".join(f"k{i}: {i}\n" for i in range(50_000)), ["a mapping of more than 100 keys"]),
    ("many-values", "a.yaml", "".join(f"k{i}: [{', '.join(['1'] * 199)}]\n" for i in range(100)),
     ["more than 20,000 values"]),
    ("binary-junk", "a.yaml", bytes(range(256)) * 64, ["not UTF-8 text"]),
    ("control-characters", "a.yaml", "birth_date: \x00\x01\x02\n", ["character #x0000", "not allowed in YAML"]),
    ("invalid-utf-8", "a.yaml", GOOD.encode() + b"city: \xff\xfe\xfd\n", ["cannot be read: it is not UTF-8 text"]),
    ("utf-16", "a.yaml", GOOD.encode("utf-16"), ["not UTF-8 text"]),
    ("nan-yaml", "a.yaml", GOOD + "livelihood: {own_share: .nan}\n",
     ["livelihood.own_share: .nan is not a number from 0 to 100"]),
    ("infinity-yaml", "a.yaml", GOOD + "household: {living_space_sqm: -.inf}\n",
     ["household.living_space_sqm: -.inf is not a number"]),
    ("nan-json", "a.json", '{"birth_date": "1985-04-04", "livelihood": {"own_share": NaN}}',
     ["livelihood.own_share: NaN is not a number from 0 to 100"]),
    ("infinity-json", "a.json", '{"birth_date": "1985-04-04", "livelihood": {"pension_months": Infinity}}',
     ["livelihood.pension_months: Infinity is not a whole number"]),
    ("10^400-yaml", "a.yaml", GOOD + f"livelihood: {{own_share: {BIG}}}\n",
     ["livelihood.own_share: 1000000000", "… is not a number from 0 to 100"]),
    ("10^400-json", "a.json", '{"birth_date": "1985-04-04", "livelihood": {"own_share": 1e400}}',
     ["livelihood.own_share: 1e400 is not a number from 0 to 100"]),
    ("10^5000-digits", "a.json", '{"birth_date": "1985-04-04", "livelihood": {"own_share": 1' + "0" * 5000 + "}}",
     ["livelihood.own_share: 1000", "is not a number from 0 to 100"]),
    ("duplicate-key-yaml", "a.yaml", GOOD + "birth_date: 1990-01-01\n",
     ["line 6, column 1: the key birth_date is given twice"]),
    ("duplicate-key-json", "a.json", '{"birth_date": "1985-04-04", "birth_date": "1990-01-01"}',
     ["the key birth_date is given twice"]),
    ("basis-25.10", "a.yaml", GOOD + "  - {since: 2023-01-01, status: permit, basis: 25.10}\n",
     ["stay[2].basis: 25.10 is not one of: 22, 23.1"]),
    ("basis-25.10-json", "a.json", json.dumps({"birth_date": "1985-04-04", "stay": [
        {"since": "2020-01-01", "status": "permit", "basis": 0}]}).replace('"basis": 0', '"basis": 25.10'),
     ["stay[0].basis: 25.10 is not one of"]),
    ("long-value", "a.yaml", GOOD + "city: " + "x" * 900_000 + "\n", ["city: xxxxxxxx", "…"]),
    ("long-key", "a.json", json.dumps({"birth_date": "1985-04-04", "y" * 900_000: 1}),
     ["yyyyyyyy…: unknown field"]),
    ("python-tag", "a.yaml", GOOD + "city: !!python/object/apply:os.system [echo hi]\n",
     ["could not determine a constructor"]),
    ("binary-tag", "a.yaml", GOOD + "city: !!binary aGVsbG8=\n", ["city: "]),
    ("far-future-birth", "a.yaml", GOOD.replace("1985-04-04", "9999-06-01") + "convictions: [{date: 2021-01-10}]\n",
     ["birth_date: 9999-06-01 is not a date from 1900-01-01 to 2199-12-31"]),
    ("decision-in-9999", "a.yaml", GOOD.replace("2026-11-21", "9999-12-31"), ["as_of: 9999-12-31 is not a date from"]),
    ("born-in-year-one", "a.yaml", GOOD.replace("1985-04-04", "0001-01-01"), ["birth_date: 0001-01-01 is not a date"]),
    ("100-unknown-convictions", "a.yaml",
     GOOD + "convictions:\n" + "  - {date: 2021-01-10, daily_rates: unknown}\n" * 100,
     ["convictions: 100 entries with unknown facts; at most 8"]),
    ("200-unknown-periods", "a.yaml",
     GOOD.split("stay:")[0] + "stay:\n" + "  - {since: unknown, status: unknown}\n" * 200,
     ["stay: 200 entries with unknown facts; at most 4"]),
    ("impossible-facts", "a.yaml", GOOD.replace("1985-04-04", "2021-01-01")
     + "convictions: [{date: 2020-01-01}]\nhousehold: {children: [{birth_date: 2000-01-01}]}\n",
     ["stay[0].since: 2020-11-10 is before birth_date (2021-01-01)",
      "convictions[0].date: 2020-01-01 is before the 14th birthday",
      "household.children[0].birth_date: 2000-01-01 is not after birth_date"]),
]


@pytest.mark.parametrize("name, file, content, fragments", [pytest.param(*case, id=case[0]) for case in FILES])
def test_hostile_file(tmp_path, baseline, name, file, content, fragments):
    path = tmp_path / file
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    refused(pypermit("check", str(path)), baseline, *fragments)


def test_50_mb_file(tmp_path, baseline):
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.write(b"birth_date: '")
        for _ in range(50):
            f.write(b"x" * (1 << 20))
        f.write(b"'\n")
    refused(pypermit("check", str(path)), baseline, f"larger than 1 MiB ({MAX_BYTES:,} bytes)")


def test_zero_device(baseline):
    refused(pypermit("check", "/dev/zero"), baseline, "/dev/zero: cannot be read: it is a device")


def test_zero_device_on_standard_input(baseline):
    with open("/dev/zero", "rb") as zero:
        refused(pypermit("check", "-", stdin=zero), baseline, "standard input: the file is larger than 1 MiB")


def test_endless_pipe_on_standard_input(baseline):
    """A writer that never stops: read no further than the limit."""
    writer = subprocess.Popen([sys.executable, "-c", "import sys\nwhile True: sys.stdout.write('a: 1\\n' * 1000)"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        refused(pypermit("check", "-", stdin=writer.stdout), baseline, "larger than 1 MiB")
    finally:
        writer.kill()
        writer.wait()


def test_fifo(tmp_path, baseline):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    refused(pypermit("check", str(fifo)), baseline, "it is a pipe (FIFO), not a regular file")


def test_directory(tmp_path, baseline):
    refused(pypermit("check", str(tmp_path)), baseline, "it is a directory, not a regular file")


def test_missing_file(tmp_path, baseline):
    refused(pypermit("check", str(tmp_path / "no.yaml")), baseline, "cannot be read: No such file or directory")


def test_utf8_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    run = pypermit("check", str(path), "--format", "json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["format"] == "pypermit/report-v1"


def test_a_good_file_on_standard_input(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(GOOD)
    with path.open("rb") as stdin:
        run = pypermit("check", "-", "--format", "json", stdin=stdin)
    assert run.returncode == 0, run.stderr


def test_verify_unknown_norm(baseline):
    refused(pypermit("verify", "--norm", "99"), baseline, "norm: 99 is not a norm; the norms are")


def test_errors_as_json(tmp_path, baseline):
    """--format json: pypermit/error-v1 on standard output, the value cut short."""
    path = tmp_path / "a.yaml"
    path.write_text(GOOD + "german: " + "Z" * 10_000 + "\n")
    run = pypermit("check", str(path), "--format", "json")
    assert run.returncode == 2 and run.stderr == ""
    error = json.loads(run.stdout)
    assert error["format"] == "pypermit/error-v1"
    [problem] = error["problems"]
    assert problem["field"] == "german" and problem["value"].endswith("…") and len(problem["value"]) <= 60
    assert problem["message"].startswith("ZZZZ") and "is not one of" in problem["message"]
    assert run.cpu <= baseline.cpu + CPU_MARGIN and run.rss_mb <= MEMORY_MB


@pytest.mark.parametrize("args, field", [
    pytest.param(["check", "{file}", "--as-of", "2026-02-30"], "as_of", id="bad-as-of"),
    pytest.param(["check", "{file}", "--law-date", "2010-01-01"], "law_date", id="law-before-coverage"),
    pytest.param(["unlock", "{file}", "--permit", "99"], "permit", id="unknown-permit"),
    pytest.param(["whatif", "{file}", "--set", "germn=B1"], "germn", id="unknown-field"),
    pytest.param(["compare", "{file}", "--law-date", "2026-01-01"], "law_date", id="one-law-date"),
    pytest.param(["timeline", "{file}", "--until", "soon"], "until", id="bad-until"),
    pytest.param(["law", "--norm", "99"], "norm", id="unknown-norm"),
    pytest.param(["check", "--format", "json"], "file", id="missing-argument"),
    pytest.param(["check", "{file}", "--lang", "fr"], "lang", id="unknown-language"),
])
def test_every_command_refuses_as_json(tmp_path, args, field):
    path = tmp_path / "a.yaml"
    path.write_text(GOOD)
    args = [a.replace("{file}", str(path)) for a in args]
    run = pypermit(*args, *([] if "--format" in args else ["--format", "json"]))
    assert run.returncode == 2, run.stderr
    error = json.loads(run.stdout)
    assert error["format"] == "pypermit/error-v1"
    assert [p["field"] for p in error["problems"]] == [field], error


@pytest.mark.parametrize("name, file, content, fragments", [pytest.param(*case, id=case[0]) for case in FILES])
def test_hostile_file_through_the_api(tmp_path, name, file, content, fragments):
    """The same files refused by pypermit.load_applicant with the same
    problems, as the one error family."""
    import pypermit
    path = tmp_path / file
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(pypermit.InvalidApplicant) as err:
        pypermit.load_applicant(path)
    text = str(err.value)
    assert all(fragment in text for fragment in fragments), text[-2000:]
    assert all(len(line) <= LINE for line in text.splitlines())
