"""pypermit law: what each norm asks on a day, read from the rules (no
second copy of the law in Python)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import plain

import pypermit
from pypermit.cli.main import main
from pypermit.render.law import markdown
from pypermit.render.report import LABELS

DOCS = Path(__file__).resolve().parent.parent / "docs" / "law.md"


def law(*args: str) -> str:
    result = CliRunner().invoke(main, ["law", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def condition_ids(book: pypermit.Lawbook, norm: str) -> set[str]:
    return {r.id for r in book.norm(norm).requirements if not r.is_group}


@pytest.mark.parametrize("day,limit,ordinal", [
    pytest.param("2022-12-30", 21, "21st", id="before_the_reform"),
    pytest.param("2022-12-31", 27, "27th", id="from_the_reform"),
])
def test_25a_age_limit_by_law_date(day, limit, ordinal):
    """§ 25a Abs. 1 S. 1 Nr. 3: before 21 until 2022-12-30, before 27 from
    2022-12-31: one condition, its figure from the threshold of the day."""
    text = law("--date", day, "--norm", "25a", "--lang", "en")
    assert f"not before the {ordinal} birthday" in text
    book = pypermit.law(day, norm="25a")
    assert "application_before_age_limit" in condition_ids(book, "25a")
    assert book.norm("25a").figures["age_limit"] == limit


def test_json_has_versions_with_dates_and_the_one_in_force():
    data = json.loads(law("--date", "2022-12-31", "--norm", "25a", "--format", "json"))
    assert data["format"] == "pypermit/law-v1" and data["date"] == "2022-12-31"
    [norm] = data["norms"]
    assert norm["versions"] == [
        {"from": "2015-08-01", "to": "2022-12-30", "in_force": False},
        {"from": "2022-12-31", "to": "2027-06-30", "in_force": True},
        {"from": "2027-07-01", "to": None, "in_force": False}]
    assert norm["effect"] == "regular" and norm["in_force"] is True
    assert norm["figures"]["age_limit"] == 27 and norm["figures"]["stay_years"] == 3
    cond = next(c for c in norm["conditions"] if c["id"] == "uninterrupted_stay")
    assert cond == {"id": "uninterrupted_stay", "strength": "hard", "citation": "§ 25a Abs. 1 Satz 1 Nr. 1 AufenthG",
                    "if_unmet": cond["if_unmet"]}
    assert cond["if_unmet"].startswith("Three years of uninterrupted stay are needed")


@pytest.mark.parametrize("day, bases", [
    pytest.param("2026-06-11", "§ 25 Abs. 1 oder Abs. 2 Satz 1 erste Alternative AufenthG", id="2026-06-11"),
    pytest.param("2026-06-12", "§ 25 Abs. 1 oder Abs. 2 Satz 1 AufenthG", id="2026-06-12"),
])
def test_26_3_wordings_of_the_day_and_every_wording_on_its_days(day, bases):
    """§ 26 Abs. 3 Satz 1 (GEAS adaptation act, 2026-06-12): the law of the
    day cites the refugee bases as worded that day, in the citation and in
    the plain words; every wording is listed with the day it begins."""
    norm = pypermit.law(day, norm="26.3").norm("26.3")
    scope = next(r for r in norm.requirements if r.id == "scope")
    assert scope.citation == f"§ 26 Abs. 3 Satz 1 AufenthG; {bases}"
    assert bases in scope.if_unmet
    assert norm.words["refugee_bases"] == bases
    data = json.loads(law("--date", day, "--norm", "26.3", "--format", "json"))["norms"][0]
    assert {"name": "refugee_bases", "text": "§ 25 Abs. 1 oder Abs. 2 Satz 1 AufenthG", "from": "2026-06-12"} \
        in data["wordings"]
    text = " ".join(plain(law("--date", day, "--norm", "26.3")).split())
    assert "Wordings: permits named in Satz 1: “§ 25 Abs. 1 oder Abs. 2 Satz 1 erste Alternative AufenthG” from " \
        "2015-08-01, “§ 25 Abs. 1 oder Abs. 2 Satz 1 AufenthG” from 2026-06-12" in text


def test_25_5_citation_of_the_bar_in_three_wordings():
    """§ 10 Abs. 3 Satz 2 (brief, section 4): the law command lists the three
    wordings of the citation with their first days."""
    norm = pypermit.law("2024-02-27", norm="25.5").norm("25.5")
    assert [(k, f.isoformat()) for k, _, f in norm.wordings] == [
        ("bar_citation", "2015-08-01"), ("bar_citation", "2024-02-27"), ("bar_citation", "2026-06-12")]
    bar = next(r for r in norm.requirements if r.id == "no_manifestly_unfounded_bar")
    assert bar.citation == "§ 10 Abs. 3 Satz 2 AufenthG i. V. m. § 30 Abs. 1 Nr. 3–7 AsylG"


def test_every_norm_is_listed_in_the_report_order():
    book = pypermit.law("2026-11-21")
    assert [n.id for n in book.norms] == [p.id for p in pypermit.evaluate(
        {"as_of": "2026-11-21", "birth_date": "1990-01-01", "stay": [{"since": "2015-01-01", "status": "duldung"}]},
        unlock=False).permits]


def test_groups_and_members():
    """§ 26 Abs. 3: two routes, one of which must hold, each with its conditions."""
    norm = pypermit.law("2026-11-21", norm="26.3").norm("26.3")
    by_id = {r.id: r for r in norm.requirements}
    assert (by_id["routes"].mode, by_id["route_3y"].group, by_id["german_c1"].group) == ("any", "routes", "route_3y")
    assert by_id["german_c1"].strength == "hard"


def test_104c_after_2025_12_30_is_not_in_force():
    norm = pypermit.law("2026-01-01", norm="104c").norm("104c")
    assert not norm.in_force
    assert [r.id for r in norm.requirements] == ["in_force"]
    assert norm.versions[0].last.isoformat() == "2025-12-30"


def test_identity_is_waivable_as_for_a_person_without_special_status():
    """§ 25b Abs. 8 makes identity hard for some § 104c holders; the listing
    shows it for a person without that status, and says so."""
    norm = pypermit.law("2024-01-01", norm="25b").norm("25b")
    assert next(r for r in norm.requirements if r.id == "s5_identity").strength == "waivable"
    for fmt in ("text", "json", "md"):
        text = " ".join(law("--date", "2024-01-01", "--norm", "25b", "--format", fmt, "--lang", "en").split())
        assert "shown as for a person without a special status" in text


def test_markdown_renders():
    text = plain(law("--date", "2022-12-31", "--format", "md", "--lang", "en"))
    assert text.startswith("# What each norm asks on 2022-12-31\n")
    assert "Generated by `pypermit law --date 2022-12-31 --format md`" in text
    assert "| Condition | Strength | Citation | If unmet |" in text
    assert "## § 25b Abs. 1 AufenthG — Residence permit for sustainable integration (`25b`)" in text
    assert "| ↳ `uninterrupted_stay` | hard |" in text


def test_german_labels():
    text = law("--date", "2022-12-31", "--norm", "25a", "--lang", "de")
    assert "Was jede Norm verlangt am 31.12.2022" in text and "Fassungen" in text
    assert "Werte: Altersgrenze 21 ab 01.08.2015, Altersgrenze 27 ab 31.12.2022" in text


def test_docs_law_md_is_generated_from_the_rules():
    """docs/law.md is the output of the command its header names; after a
    change to kb/ regenerate it with that command."""
    text = DOCS.read_text(encoding="utf-8")
    day = re.search(r"`pypermit law --date (\d{4}-\d{2}-\d{2}) --format md`", text).group(1)
    expected = markdown(pypermit.law(day, lang="en"), "en", command=f"pypermit law --date {day} --format md")
    assert text == expected, f"docs/law.md is stale: run pypermit law --date {day} --format md > docs/law.md"


@pytest.mark.parametrize("args,words", [
    pytest.param(["--norm", "25x"], ["norm", "25x", "25a"], id="unknown_norm"),
    pytest.param(["--date", "2014-01-01"], ["2014-01-01", "2015-08-01"], id="before_coverage"),
    pytest.param(["--date", "2022-02-30"], ["2022-02-30", "not a date"], id="not_a_date"),
    pytest.param(["--format", "pdf"], ["pdf"], id="unknown_format"),
])
def test_bad_input_is_refused_with_exit_2(args, words):
    result = CliRunner().invoke(main, ["law", *args])
    assert result.exit_code == 2 and result.stdout == ""
    for word in words:
        assert word in result.stderr


def test_new_labels_exist_in_both_languages():
    assert set(LABELS["en"]) == set(LABELS["de"])


@pytest.mark.parametrize("command", ["whatif", "compare", "timeline", "law"])
def test_new_commands_have_help_and_are_in_the_readme(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and len(main.commands[command].help or "") > 20
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"$ pypermit {command} " in readme
