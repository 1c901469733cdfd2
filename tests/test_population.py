"""Populations: evaluate_many, pypermit batch (formats, invalid rows,
bounded memory), the synthetic population and population compare."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import person

from pypermit import (
    InvalidApplicant,
    Report,
    evaluate,
    evaluate_many,
    load_applicant,
    load_reform,
)
from pypermit.cli.main import main
from pypermit.population.synth import people
from pypermit.population.tables import read_rows

#: Seconds-long (subprocesses, worker pools, browsers, many solver calls): `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
FIVE_YEARS = ROOT / "examples" / "reforms" / "25b_five_years.yaml"


def sample(n: int, seed: int = 7) -> list[dict]:
    return list(people(n, seed=seed))


def without_id(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "id"}


def test_evaluate_many_equals_evaluate_in_order_with_invalid_people_in_place() -> None:
    group = [without_id(p) for p in sample(6)]
    group.insert(2, {"birth_date": "1990-01-01"})        # no stay
    outcomes = list(evaluate_many(group, workers=1, chunk_size=4))
    assert isinstance(outcomes[2], InvalidApplicant) and outcomes[2].problems[0].path == "stay"
    for data, outcome in zip(group, outcomes, strict=True):
        if data is not group[2]:
            assert isinstance(outcome, Report)
            assert outcome.to_dict() == evaluate(data, unlock=False).to_dict()


@pytest.mark.slow
def test_worker_processes_give_the_same_reports_under_a_reform_too() -> None:
    from test_reform import ALMOST
    group = [without_id(p) for p in sample(12)] + [ALMOST]
    alone = [r.to_dict() for r in evaluate_many(group, workers=1)]
    assert [r.to_dict() for r in evaluate_many(group, workers=2, chunk_size=3)] == alone
    reform = load_reform(FIVE_YEARS)
    with reform.applied():
        reformed = [evaluate(p, unlock=False).to_dict() for p in group]
    assert [r.to_dict() for r in evaluate_many(group, workers=2, chunk_size=3, reform=reform)] == reformed
    assert reformed[-1] != alone[-1]


def test_at_most_a_few_chunks_in_flight_whatever_the_input() -> None:
    """Constant memory: the input is read only a bounded way ahead of what
    has been handed back, even from an endless source."""
    read = itertools.count()
    endless = ({**person(), "_": next(read)} for _ in itertools.repeat(None))   # invalid: an unknown key
    handed = evaluate_many((dict(p) for p in endless), workers=1, chunk_size=5)
    for _ in range(12):
        next(handed)
    assert next(read) <= 12 + 5


def test_batch_rows_equal_check_and_invalid_rows(tmp_path: Path) -> None:
    group = sample(4)
    lines = [json.dumps(p) for p in group] + ["{not json", json.dumps({"id": "x", "birth_date": "1990-01-01"})]
    source = tmp_path / "people.jsonl"
    source.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(tmp_path / "rows.jsonl"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    rows = list(read_rows(tmp_path / "rows.jsonl"))
    for p in group:
        file = tmp_path / f"{p['id']}.json"
        file.write_text(json.dumps(without_id(p)))
        checked = json.loads(CliRunner().invoke(main, ["check", str(file), "--format", "json"]).output)
        mine = [r for r in rows if r["id"] == p["id"]]
        assert [(r["permit"], r["status"], r["effect"]) for r in mine] == \
            [(q["id"], q["status"], q["effect"]) for q in checked["permits"]]
        assert [r["unmet"] for r in mine] == \
            [[c["id"] for c in q["conditions"] if c["status"] == "unmet"] for q in checked["permits"]]
    invalid = [r for r in rows if r["status"] == "invalid"]
    assert [r["id"] for r in invalid] == ["5", "x"]
    assert "line 5 is not JSON" in invalid[0]["problems"][0]
    assert invalid[1]["problems"][0].startswith("stay: ")


def test_the_same_rows_from_every_input_and_into_every_output(tmp_path: Path) -> None:
    runner = CliRunner()
    for suffix in ("jsonl", "csv", "parquet"):
        result = runner.invoke(main, ["synth", "--n", "8", "--seed", "3", "-o", str(tmp_path / f"p.{suffix}")])
        assert result.exit_code == 0
    folder = tmp_path / "files"
    folder.mkdir()
    for p in people(8, seed=3):
        (folder / f"{p['id']}.json").write_text(json.dumps(without_id(p)))
    outputs = {}
    for source, target in (("p.jsonl", "a.jsonl"), ("p.csv", "b.csv"), ("p.parquet", "c.parquet"),
                           ("files", "d.jsonl")):
        result = runner.invoke(main, ["batch", str(tmp_path / source), "-o", str(tmp_path / target),
                                      "--workers", "1"])
        assert result.exit_code == 0, result.output
        outputs[source] = [{k: v for k, v in r.items() if k != "id" and v is not None}
                           for r in read_rows(tmp_path / target)]
    assert outputs["p.jsonl"] == outputs["p.csv"] == outputs["p.parquet"] == outputs["files"]
    full = tmp_path / "full.jsonl"
    assert runner.invoke(main, ["batch", str(tmp_path / "p.jsonl"), "-o", str(full), "--full", "--unlock",
                                "--workers", "1"]).exit_code == 0
    first = next(read_rows(full))
    assert first["report"] == evaluate(without_id(next(people(1, seed=3)))).to_dict()


def test_synth_is_deterministic_and_valid() -> None:
    assert sample(200, seed=5) == sample(200, seed=5) != sample(200, seed=6)
    for p in sample(500, seed=5):
        load_applicant(without_id(p))


def test_population_compare_counts_gains_and_near_misses(tmp_path: Path) -> None:
    from test_reform import ALMOST
    source = tmp_path / "people.jsonl"
    source.write_text("\n".join(json.dumps(p) for p in [ALMOST, {**ALMOST, "german": "A1"}, {"stay": []}]) + "\n")
    result = CliRunner().invoke(main, ["population", "compare", str(source), "--reform", str(FIVE_YEARS),
                                       "--format", "json", "--workers", "1", "--plot", str(tmp_path / "c.svg")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{"):])
    b = data["permits"]["25b"]
    assert (data["people"], data["invalid"], b["gain"], b["lose"]) == (3, 1, 1, 0)
    assert b["moved_by"] == [{"condition": "uninterrupted_stay", "citation": "§ 25b Abs. 1 Satz 2 Nr. 1 AufenthG",
                              "change": "unmet → met", "people": 1}]
    misses = {m["only"]: (m["first"], m["second"]) for m in b["near_misses"]}
    assert misses["german_a2"] == (0, 1) and misses["stay"] == (1, 0)
    assert (tmp_path / "c.svg").read_text().startswith("<?xml")


@pytest.mark.slow
def test_memory_stays_flat_on_a_large_file(tmp_path: Path) -> None:
    """Peak memory of a batch process over 10,000 rows is that of 1,000
    (invalid rows of 4 kB each, 40 MB in all: the whole path from reading to
    writing, without the seconds of clingo per person)."""
    def peak(n: int) -> int:
        source = tmp_path / f"{n}.jsonl"
        with source.open("w") as handle:
            for i in range(n):
                handle.write(json.dumps({"id": i, "birth_date": "1990-01-01", "stay": [], "pad": "x" * 4000}) + "\n")
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
        code = ("import sys; from pypermit.cli import main\n"
                "try: main(['batch', sys.argv[1], '-o', sys.argv[2], '--workers', '2'])\n"
                "except SystemExit: pass\n"
                "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])")
        out = subprocess.run([sys.executable, "-c", code, str(source), str(tmp_path / f"{n}.csv")],
                             capture_output=True, text=True, check=True)
        return int(out.stdout.split()[-1])
    small, large = peak(1_000), peak(10_000)
    assert large < small * 1.15, (small, large)
