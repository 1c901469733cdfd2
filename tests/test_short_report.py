"""The short report (``pypermit check FILE``): one screen per person.

For every example file — one story each, among them the situations of the
source pages in ../shared/sources — in English and German: at most 40 lines
at 80 columns, every condition that holds a permit back named by its
citation, the requirements several permits share printed once; the filters
``--permit`` and ``--unmet``; ``--full`` as the tree it always was; facts
the file did not state marked as such."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import flat, uncited
from rich.console import Console

import pypermit
from pypermit.applicant.load import load_applicant
from pypermit.cli.main import main
from pypermit.render.citations import join_citations
from pypermit.render.report import console, print_report, steps
from pypermit.render.short import MAX_LINES, print_short
from pypermit.render.summary import summarise, waiver_reading

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if p.name != "expected.yaml")
SOURCES = ROOT.parent / "shared" / "sources"


@cache
def evaluated(path: Path, lang: str) -> tuple[pypermit.Report, object]:
    applicant = load_applicant(path)
    return pypermit.evaluate(applicant, lang=lang), applicant


def short_text(path: Path, lang: str, width: int = 80, **options: object) -> str:
    report, applicant = evaluated(path, lang)
    out = io.StringIO()
    print_short(report, Console(file=out, width=width, no_color=True, highlight=False, emoji=False),
                lang, applicant=applicant, **options)  # type: ignore[arg-type]
    return out.getvalue()


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})
    return result.exit_code, result.output


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_one_screen_with_every_unmet_condition(path: Path, lang: str):
    text = short_text(path, lang)
    lines = text.splitlines()
    assert len(lines) <= MAX_LINES, text
    assert max(len(line) for line in lines) <= 80, text
    report, _ = evaluated(path, lang)
    shown = flat(text)
    for permit in report.permits:
        assert f"{permit.id} " in shown and permit.citation in shown
    # each part of an unmet condition's citation (a shared one's common parts, and the rest after "also")
    assert not uncited(report, shown), text


def test_the_source_pages_have_their_examples():
    """Every situation page in ../shared/sources is told by an example file."""
    if not SOURCES.is_dir():
        pytest.skip(f"{SOURCES} is not there")
    told = " ".join(p.read_text(encoding="utf-8") for p in EXAMPLES)
    for page in sorted(SOURCES.glob("*.txt")):
        assert page.name in told, f"no example tells {page.name}"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_shared_requirements_are_printed_once(lang: str):
    """The stateless man in Bremen: no passport (§ 5 Abs. 1 Nr. 4) holds back
    five permits, and is named once, in the shared block, with the permits."""
    path = ROOT / "examples" / "bremen_stateless_no_passport.yaml"
    text = flat(short_text(path, lang))
    report, applicant = evaluated(path, lang)
    summary = summarise(report, applicant)
    assert summary.shared, "§ 5 requirements are shared by several permits"
    heading = {"en": "Shared requirements", "de": "Gemeinsame Voraussetzungen"}[lang]
    assert text.count(heading) == 1
    for item in summary.shared:
        assert len(item.permits) >= 2
        assert text.count(item.condition.text) <= 1
        assert text.count(item.common_citation()) == 1, item.common_citation()
    passport = next(s for s in summary.shared if s.common_citation().startswith("§ 5 Abs. 1 Nr. 4 AufenthG"))
    assert set(passport.permits) == {"25.5", "25a", "25b", "26.3", "26.4"}


def test_the_reading_of_a_waiver():
    path = ROOT / "examples" / "bremen_stateless_no_passport.yaml"
    en = waiver_reading(evaluated(path, "en")[0].permit("25.5"), "en")
    assert en == "Eligible if the authority waives § 5 Abs. 1 Nr. 1 and Nr. 4 AufenthG under § 5 Abs. 3 Satz 2 AufenthG"
    de = waiver_reading(evaluated(path, "de")[0].permit("25.5"), "de")
    assert de == "Erteilbar bei Absehen von § 5 Abs. 1 Nr. 1 und Nr. 4 AufenthG nach § 5 Abs. 3 Satz 2 AufenthG"
    assert en in flat(short_text(path, "en"))
    # A § 104c holder who took every reasonable step: § 25b Abs. 8 is cited beside § 5 Abs. 3 Satz 2.
    holder = ROOT / "examples" / "chancen_holder_to_25b.yaml"
    reading = waiver_reading(evaluated(holder, "en")[0].permit("25b"), "en")
    assert reading == ("Eligible if the authority waives § 5 Abs. 1 Nr. 1a AufenthG under § 25b Abs. 8 AufenthG "
                       "and § 5 Abs. 3 Satz 2 AufenthG; § 5 Abs. 1 Nr. 4 AufenthG under § 5 Abs. 3 Satz 2 AufenthG")
    assert waiver_reading(evaluated(holder, "en")[0].permit("104c"), "en") is None   # not a waiver case


def test_citations_joined():
    assert join_citations(["§ 5 Abs. 1 Nr. 1 AufenthG"], "en") == "§ 5 Abs. 1 Nr. 1 AufenthG"
    assert (join_citations(["§ 5 Abs. 1 Nr. 1 AufenthG", "§ 5 Abs. 1 Nr. 1a AufenthG", "§ 5 Abs. 1 Nr. 4 AufenthG"],
                           "de") == "§ 5 Abs. 1 Nr. 1, Nr. 1a und Nr. 4 AufenthG")
    assert join_citations(["§ 85 AufenthG", "§ 5 Abs. 1 Nr. 4 AufenthG"], "en") == \
        "§ 85 AufenthG and § 5 Abs. 1 Nr. 4 AufenthG"


def test_the_first_way_forward():
    """The man who needs A2: the first unlock option, with its day."""
    path = ROOT / "examples" / "duldung_almost_25b.yaml"
    report, _ = evaluated(path, "en")
    first = report.permit("25b").unlock[0]
    text = flat(short_text(path, "en"))
    assert "→ " + steps(first.changes, "en") in text
    assert "→ Pass a German exam at A2 (you have A1) + from 2026-08-16 on" in text
    assert "2026-08-16" in text
    assert "16.08.2026" in flat(short_text(path, "de")), "German dates as TT.MM.JJJJ"


def test_permit_and_unmet_filters():
    path = ROOT / "examples" / "darmstadt_refugee_c1.yaml"      # 26.3 eligible, the rest not
    code, out = cli("check", str(path), "--permit", "25b", "--permit", "26.4")
    assert code == 0
    heads = re.findall(r"^(\S+) +(?:not eligible|eligible|waiver needed)", out, flags=re.M)
    assert heads == ["25b", "26.4"]
    assert "Shared requirements" not in out or "for 25b, 26.4" in out
    code, out = cli("check", str(path), "--unmet")
    heads = re.findall(r"^(\S+) +(?:not eligible|eligible|waiver needed)", out, flags=re.M)
    assert code == 0 and "26.3" not in heads and heads == ["25.5", "25a", "25b", "104c", "26.4"]
    code, out = cli("check", str(path), "--unmet", "--full")
    assert code == 0 and "26.3 " not in out and "✔" not in out, "only the unmet conditions"
    assert "✘" in out and "26.4 Settlement permit" in out
    code, out = cli("check", str(path), "--permit", "26.3", "--full")
    assert code == 0 and "26.3 Settlement permit" in out and "25b " not in out


def test_bad_filters_are_refused():
    path = str(ROOT / "examples" / "darmstadt_refugee_c1.yaml")
    code, out = cli("check", path, "--permit", "27")
    assert code == 2 and "27" in out and "25b" in out, out
    code, out = cli("check", path, "--permit", "25b", "--format", "json")
    assert code == 2 and '"format": "pypermit/error-v1"' in out


def test_full_is_the_tree_as_before():
    """--full prints what render.report.print_report prints: today's tree."""
    path = ROOT / "examples" / "muenchen_chancen.yaml"
    for lang in ("en", "de"):
        code, out = cli("check", str(path), "--full", "--lang", lang)
        buffer = io.StringIO()
        print_report(pypermit.evaluate(path, lang=lang), console(buffer, width=80), lang)
        assert code == 0 and out == buffer.getvalue()


def test_json_is_unchanged_by_the_short_report():
    path = ROOT / "examples" / "muenchen_chancen.yaml"
    code, out = cli("check", str(path), "--format", "json")
    import json
    assert code == 0 and json.loads(out) == pypermit.evaluate(path).to_dict()


MINIMAL = """as_of: 2026-01-19
birth_date: 2001-03-01
stay:
  - {since: 2016-05-01, status: asylum_procedure}
  - {since: 2019-02-01, status: duldung}
"""


def test_facts_not_stated_are_marked(tmp_path: Path):
    """The file never speaks of the integration prognosis: § 25a's condition
    says what it was taken as, in both languages; stated, it says nothing."""
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    code, out = cli("check", str(path), "--permit", "25a")
    assert code == 0
    assert "Integration prognosis: not stated; taken as: negative" in flat(out)
    code, out = cli("check", str(path), "--permit", "25a", "--lang", "de")
    assert "Integrationsprognose: nicht angegeben; angenommen: negativ" in flat(out)
    path.write_text(MINIMAL + "integration_prognosis: negative\n", encoding="utf-8")
    code, out = cli("check", str(path), "--permit", "25a")
    assert code == 0 and "The integration prognosis is negative" in flat(out)
    assert "Integration prognosis: not stated" not in flat(out)


def test_stated_paths():
    applicant = load_applicant({"as_of": "2026-01-19", "birth_date": "1990-01-01",
                                "stay": [{"since": "2019-01-01", "status": "duldung"}],
                                "identity": {"passport": "none"}, "german": "unknown",
                                "household": {"children": [{"birth_date": "2020-01-01"}]}})
    stated = applicant.stated_paths()
    assert {"stay", "stay[0]", "stay[0].since", "stay[0].status", "identity", "identity.passport",
            "german", "household.children[0].birth_date"} <= stated
    assert not {"identity.clarified", "integration_prognosis", "livelihood.own_share",
                "household.children[0].attends_school", "stay[0].basis"} & stated
