"""The README's console samples are run and must print what the README shows.

A sample is a ``$ pypermit ...`` line in a ``console`` block followed by the
lines it prints. A line ``...`` stands for lines left out; a command on an
example file is run from the repository's root at 80 columns. Samples on
files that are not in the repository (``case.yaml``) or that need a server
are shown, not run. ``python tests/test_readme.py --update`` rewrites the
samples from what the commands print now.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
GAP = "..."


@dataclass
class Sample:
    line: int          # the README's line of the command
    command: str
    expected: list[str]

    @property
    def runnable(self) -> bool:
        try:
            args = shlex.split(self.command, comments=True)
        except ValueError:   # a shell line continued on the next
            return False
        files = [a for a in args if a.endswith((".yaml", ".json"))]
        return (bool(self.expected) and args[:1] == ["pypermit"] and args[1:2] != ["serve"]
                and all((ROOT / f).is_file() for f in files))


def samples(text: str) -> list[Sample]:
    out: list[Sample] = []
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            inside = line.strip() == "```console"
            continue
        if not inside:
            continue
        if line.startswith("$ "):
            out.append(Sample(number, line[2:], []))
        elif out and out[-1].line < number:
            out[-1].expected.append(line)
    return out


def run(command: str) -> list[str]:
    args = shlex.split(command, comments=True)
    env = {**os.environ, "COLUMNS": "80", "LANG": "C.UTF-8", "LC_ALL": "", "NO_COLOR": "1", "TERM": "dumb"}
    proc = subprocess.run([sys.executable, "-m", "pypermit", *args[1:]], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    return [line.rstrip() for line in (proc.stdout + proc.stderr).splitlines()]


def matches(expected: list[str], got: list[str]) -> bool:
    """Every shown line in order; a gap line stands for any lines."""
    pattern = "\n".join(".*?" if line.strip() == GAP else re.escape(line.rstrip()) for line in expected)
    pattern = pattern.replace("\n.*?\n", "(?:\n.*?)?\n")
    return re.fullmatch(pattern, "\n".join(got), flags=re.DOTALL) is not None


RUNNABLE = [s for s in samples(README.read_text(encoding="utf-8")) if s.runnable]


def test_the_readme_has_samples_that_run():
    assert len(RUNNABLE) >= 5


@pytest.mark.slow
@pytest.mark.parametrize("sample", RUNNABLE, ids=[f"README.md:{s.line}" for s in RUNNABLE])
def test_readme_sample_prints_what_the_readme_shows(sample: Sample):
    got = run(sample.command)
    assert matches(sample.expected, got), "\n".join(["README shows:", *sample.expected, "", "prints:", *got])


def update() -> None:
    """Rewrite each runnable sample's output (gaps are not kept)."""
    lines = README.read_text(encoding="utf-8").splitlines()
    for sample in reversed(RUNNABLE):
        start = sample.line
        lines[start:start + len(sample.expected)] = run(sample.command)
    README.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    update()
