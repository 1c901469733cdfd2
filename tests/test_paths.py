"""Paths across permits (issue 13, point 4): chains of permits over time,
each permit held from its day on as the stay for the next, found by the
rules; the two paths the issue names, the 18-month term of § 104c, the
bounds, and the command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import plain

import pypermit
from pypermit.cli.main import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MUENCHEN = EXAMPLES / "muenchen_chancen.yaml"
WORKER = EXAMPLES / "worker_25b_with_children.yaml"
HOLDER = EXAMPLES / "chancen_holder_to_25b.yaml"


def chains(result: pypermit.Paths) -> list[tuple[tuple[str, str, str], ...]]:
    """Each path as (permit, day, status) per step."""
    return [tuple((s.permit, s.day.isoformat(), s.status) for s in p.steps) for p in result.paths]


def facts(step: pypermit.PathStep) -> dict[str, object]:
    return {c.fact: (c.new.isoformat() if isinstance(c.new, dt.date) else c.new) for c in step.changes}


def test_104c_now_then_25b_with_the_60b_time_counted():
    """examples/muenchen_chancen.yaml (2023-09-12): tolerated, 2½ years of
    § 60b among his eight. § 104c is open now; held, it makes § 25b count
    the § 60b time (Abs. 7), so § 25b follows at once with the civics test
    and A2 (identity and passport left to the waiver of Abs. 8 and § 5
    Abs. 3 S. 2) — while without § 104c the six years are reached across
    the § 60b gap only on 2024-04-01 (§ 191 BGB)."""
    result = pypermit.paths(MUENCHEN, max_steps=2)
    first = result.paths[0]
    assert chains(result)[0] == (("104c", "2023-09-12", "eligible"), ("25b", "2023-09-12", "waiver_needed"))
    held, then = first.steps
    assert held.changes == () and held.grants == ("permit", "104c")
    assert facts(then) == {"civics_test": True, "german": "A2"}
    stay = next(o for o in then.opened if o[1].startswith("§ 25b Abs. 1 Satz 2 Nr. 1"))
    assert "§ 25b Abs. 7 AufenthG" in stay[1] and "2015-10-20" in stay[2]
    assert {cid for cid, _ in then.to_waive} == {"s5_identity", "s5_passport"}
    direct = next(p for p in result.paths if p.permits[0] == "25b")
    assert direct.steps[0].day == dt.date(2024, 4, 1)


def test_25b_now_then_26_4_with_b1_and_60_pension_months():
    """examples/worker_25b_with_children.yaml: § 25b now; held from
    2026-02-09, five years of it (§ 9 Abs. 2 S. 1 Nr. 1) complete on
    2031-02-08, when § 26 Abs. 4 needs B1 (Nr. 7) and a secured livelihood
    (Nr. 2); the 60 pension months (Nr. 3) come by working on: 98 by then."""
    result = pypermit.paths(WORKER)
    assert chains(result) == [(("25b", "2026-02-09", "eligible"), ("26.4", "2031-02-08", "eligible"))]
    now, settled = result.paths[0].steps
    assert facts(now) == {}
    assert facts(settled) == {"german": "B1", "livelihood.own_share": 100, "as_of": "2031-02-08"}
    assert [(c.fact, c.old, c.new) for c in settled.grows] == [("livelihood.pension_months", 38, 98)]
    assert {"held_5y", "german_b1", "pension_60m", "livelihood_secured"} <= {cid for cid, _ in settled.meets}
    assert [cid for cid, _, _ in settled.opened] == ["humanitarian_permit"]
    assert settled.grants == ("settlement_permit", "")


def test_a_104c_holder_goes_on_to_25b_now_and_26_4_later():
    """examples/chancen_holder_to_25b.yaml: she holds § 104c, so it is no
    next step (holding it is not obtaining it); § 25b now with the waiver,
    then § 26 Abs. 4 once five years of permits are held (the § 104c permit
    from 2024-03-01 counts as a permit, § 9 Abs. 2 S. 1 Nr. 1)."""
    result = pypermit.paths(HOLDER)
    assert all("104c" not in p.permits for p in result.paths)
    assert chains(result)[0] == (("25b", "2025-08-25", "waiver_needed"), ("26.4", "2029-02-28", "waiver_needed"))


#: A girl of 15 with a Duldung light since 2019 (only § 104c takes her in:
#: § 25a's scope skips § 60b), in education with one school year.
MINOR = {"as_of": "2023-03-01", "birth_date": "2008-01-10",
         "stay": [{"since": "2017-06-01", "status": "asylum_procedure"},
                  {"since": "2019-01-15", "status": "duldung_unclear_identity"}],
         "identity": {"clarified": False, "passport": "none", "steps_taken": True}, "german": "B1",
         "fdgo_commitment": True, "education": {"school_years": 1, "in_education": True},
         "integration_prognosis": "positive"}


@pytest.mark.parametrize("school_years, expected", [
    pytest.param(2, "2024-02-29", id="third_year_within_the_18_months"),
    pytest.param(1, None, id="third_year_after_the_18_months"),
])
def test_104c_is_held_18_months_and_the_next_step_must_come_within(school_years, expected):
    """§ 104c (Abs. 3 of 2022): 18 months, not extended. § 25a after it needs
    a third school year (Nr. 2), which grows while she stays in education:
    with two it comes on 2024-02-29, within the 18 months from 2023-03-01;
    with one only on 2025-02-28, after them — no § 25a step then."""
    result = pypermit.paths({**MINOR, "education": {"school_years": school_years, "in_education": True}})
    after_104c = {p.steps[1].permit: p.steps[1].day.isoformat() for p in result.paths
                  if p.permits[0] == "104c" and len(p.steps) > 1}
    assert after_104c.get("25a") == expected


def test_paths_are_ordered_by_the_day_of_their_last_step_and_bounded():
    result = pypermit.paths(MUENCHEN)
    days = [p.last_day for p in result.paths]
    assert days == sorted(days)
    assert all(len(p.steps) <= 3 and p.last_day <= result.until for p in result.paths)
    assert result.until == dt.date(2033, 9, 12)
    assert all(len(p.steps) == 1 for p in pypermit.paths(MUENCHEN, max_steps=1).paths)


def test_a_settlement_permit_ends_a_path():
    """§ 26 Abs. 3 grants a settlement permit: no permit follows it."""
    result = pypermit.paths(EXAMPLES / "darmstadt_refugee_c1.yaml")
    assert ("26.3",) in [p.permits for p in result.paths]


@pytest.mark.parametrize("bad", [0, 4, True, "2"])
def test_max_steps_from_1_to_3(bad):
    with pytest.raises(pypermit.InvalidApplicant, match="max_steps"):
        pypermit.paths(WORKER, max_steps=bad)


def test_unknown_facts_are_refused():
    data = {**yaml.safe_load(WORKER.read_text(encoding="utf-8")), "german": "unknown"}
    with pytest.raises(pypermit.InvalidApplicant, match="german"):
        pypermit.paths(data)


def test_paths_command_text_json_and_german():
    runner = CliRunner()
    text = runner.invoke(main, ["paths", str(MUENCHEN), "--max-steps", "2", "--lang", "en"])
    assert text.exit_code == 0, text.output
    assert "1. § 104c Abs. 1 → § 25b Abs. 1" in plain(text.output)
    assert "§ 25b Abs. 7" in plain(text.output)
    german = plain(runner.invoke(main, ["paths", str(WORKER), "--lang", "de"]).output)
    assert "§ 25b Abs. 1 → § 26 Abs. 4" in german and "Deutschprüfung auf Niveau B1" in german
    assert "98 Monate Rentenbeiträge" in german
    data = json.loads(runner.invoke(main, ["paths", str(WORKER), "--format", "json"]).output)
    assert data["format"] == "pypermit/paths-v1" and data["max_steps"] == 3
    (path,) = data["paths"]
    assert path["permits"] == ["25b", "26.4"] and path["last_day"] == "2031-02-08"
    assert path["steps"][1]["grows"] == [{"fact": "livelihood.pension_months", "from": 38, "to": 98}]
    assert path["steps"][0]["grants"] == {"status": "permit", "basis": "25b"}
    bad = runner.invoke(main, ["paths", str(WORKER), "--max-steps", "4", "--format", "json"])
    assert bad.exit_code == 2 and json.loads(bad.output)["problems"][0]["field"] == "max_steps"


def test_paths_v1_fits_its_schema():
    """docs/paths.md's format, as pypermit.service.schemas.PathsDoc states it."""
    import jsonschema

    from pypermit.service.schemas import PathsDoc
    check = jsonschema.Draft202012Validator(PathsDoc.model_json_schema(by_alias=True))
    for path in (MUENCHEN, WORKER, HOLDER):
        check.validate(pypermit.paths(path).to_dict())
