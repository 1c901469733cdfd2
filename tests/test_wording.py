"""German as practitioners write it, and English with the same care (issue
13, point 2): every text pypermit prints for people — the short report,
``--full``, unlock, whatif, compare, timeline, paths, the law book, the HTML
summary, and the sentences of the JSON report — for every example, in
English and German, is scanned for

- an identifier inside a sentence (a snake_case word: ``duldung_unclear_identity``,
  ``in_education``, ``s5_passport``); ids are allowed only where they are
  the handle of a condition: after its citation in ``--full``
  ("§ 5 Abs. 1 Nr. 4 AufenthG · s5_passport · zwingend") and at the head of
  a condition in the law book ("s5_passport · zwingend"), and in JSON keys
  and ``id`` fields;
- a value of the file or the rules left untranslated in German ("Pass:
  valid", "Abschluss: none", "Status derzeit: duldung");
- a Python repr (``{'german': ...}``, ``True``, ``None``);
- an ISO date (2026-01-19) in German — German writes TT.MM.JJJJ; English
  keeps ISO 8601, the form of the applicant file;
- straight quotes ("…"), or English quotes in German („…“ there);
- a plain space after "§", inside "Abs. 1", "Satz 2", "Nr. 4" or between a
  number and "%" in rendered text, where a line may then break (the JSON
  keeps plain spaces in citations, which its readers compare).

And the one table of value words covers every value an applicant field can
take and every reason a rule gives for a waiver, in both languages.

These tests fail on the code before this change (checked by scanning what
commit 1cf1006, the branch's start, prints for four examples with this
module's checks: every kind of fault above was found, 4,878 in all):
"Abschluss: none.", "Pass: valid", "Status derzeit: duldung", "(Grund:
no_documents)", "meets: german_a2 (…)", "✘ s5_passport: erfüllt → nicht
erfüllt", ISO dates in German, Test "Leben in Deutschland" in straight
quotes, and "§ 25" with a plain space in every rendered text.
"""

from __future__ import annotations

import json
import re
import typing
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from pypermit.applicant.model import Applicant
from pypermit.cli.main import main
from pypermit.report import explain, words

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if p.name != "expected.yaml")
LANGS = ("en", "de")

#: A snake_case identifier.
IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
#: Python's way of writing a mapping, a yes/no or nothing.
REPR = re.compile(r"\{'|'\}|\b(?:True|False|None)\b")
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
#: A plain space where a line must not break.
BREAKABLE = re.compile(r"§ |\b(?:Abs\.|Satz|Nr\.) \d|\d %")
#: An id where it is allowed: the handle of a condition in --full, at the head of one in the law book.
ID_HANDLE = re.compile(r"(?<= · )[a-z][a-z0-9_]*(?= · )|^[│├└─ ]*[a-z][a-z0-9_]*(?= · )", re.M)


# --- the table of value words ----------------------------------------------------


def _enum_fields() -> dict[str, tuple[str, ...]]:
    """Every applicant field whose values are a fixed set, by path (list
    items as ``stay[]``), read off the model."""
    out: dict[str, tuple[str, ...]] = {}

    def literal(annotation: Any) -> tuple[str, ...]:
        if typing.get_origin(annotation) is typing.Literal:
            return tuple(typing.get_args(annotation))
        for arg in typing.get_args(annotation):
            found = literal(arg)
            if found:
                return found
        return ()

    def walk(model: type, prefix: str) -> None:
        for name, info in model.model_fields.items():   # type: ignore[attr-defined]
            annotation = info.annotation
            inner = [a for a in (annotation, *typing.get_args(annotation)) if hasattr(a, "model_fields")]
            if inner:
                item = typing.get_origin(annotation) is tuple
                walk(inner[0], f"{prefix}{name}{'[]' if item else ''}.")
                continue
            values = literal(annotation)
            if values:
                out[prefix + name] = values

    walk(Applicant, "")
    return out


def test_the_enum_fields_are_read():
    fields = _enum_fields()
    assert fields["stay[].status"][:2] == ("asylum_procedure", "duldung")
    assert "duldung_unclear_identity" in fields["stay[].status"]
    assert {"identity.passport", "german", "education.qualification", "departure.reason", "stay[].basis",
            "impairment", "integration_prognosis", "identity.deception", "city"} <= set(fields)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("field", sorted(_enum_fields()))
def test_every_value_of_every_field_has_a_word(field, lang):
    """An untranslated value fails here: each value of the field has its
    word in the one table, and that is what a sentence shows."""
    for value in _enum_fields()[field]:
        word = words.word(value, field, lang)
        assert word, f"{field}: no {lang} word for {value!r} (kb/law/common/shared.texts.yaml values:)"
        assert explain.fill(f"{{{field.replace('[]', '[0]')}}}", {field.replace("[]", "[0]"): value}, lang) == word
        assert not IDENTIFIER.search(word), f"{field}: {value!r} is worded as an identifier: {word!r}"


def test_every_waiver_reason_and_yes_no_has_a_word():
    for lang in LANGS:
        for reason in words.table()["waived"]:
            assert words.word(reason, "waived", lang), f"no {lang} word for the waiver reason {reason!r}"
        assert words.word(True, "identity.clarified", lang) == {"en": "yes", "de": "ja"}[lang]
        assert explain.render_value(False, lang) == {"en": "no", "de": "nein"}[lang]


def test_figures_the_rules_derive_take_the_words_of_their_field():
    """``{status_now}`` shows a stay status, ``{basis_now}`` a basis."""
    assert explain.fill("Status: {status_now}", {"status_now": "duldung_unclear_identity"}, "de") == \
        "Status: Duldung für Personen mit ungeklärter Identität nach § 60b AufenthG"
    assert explain.fill("({basis_now})", {"basis_now": "25.2.refugee"}, "en") == \
        "(§ 25 Abs. 2 Satz 1 erste Alternative AufenthG)"


@pytest.mark.parametrize("value,lang,expected", [
    (("date", 739000), "de", "24.04.2024"), (("date", 739000), "en", "2024-04-24"),
    (("sqm", 1250), "de", "12,5"), (("sqm", 1250), "en", "12.5"), (55.5, "de", "55,5"),
])
def test_days_and_decimals_as_the_language_writes_them(value, lang, expected):
    assert explain.render_value(value, lang) == expected


# --- what the commands print ---------------------------------------------------------


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


def _next_period(path: Path) -> str:
    """A --set that adds a stay period (a whole mapping) after the file's last one."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return f"stay[{len(data['stay'])}]={{since: {data['as_of']}, status: permit, basis: \"25b\"}}"


def _json_texts(data: Any) -> list[str]:
    """The sentences of a JSON report: every ``text``, ``title`` and ``unlock_note``."""
    out: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("text", "title", "unlock_note") and isinstance(value, str):
                out.append(value)
            else:
                out.extend(_json_texts(value))
    elif isinstance(data, list):
        for item in data:
            out.extend(_json_texts(item))
    return out


def _html_text(page: str) -> str:
    """The page's text as a reader sees it: no style, no tags, no attributes."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


@cache
def _outputs(name: str, lang: str, kind: str) -> str:
    path = ROOT / "examples" / name
    file = str(path)
    common = ("--lang", lang)
    if kind == "check":
        return _run("check", file, *common)
    if kind == "full":
        return ID_HANDLE.sub("", _run("check", file, "--full", *common))
    if kind == "json":
        return "\n".join(_json_texts(json.loads(_run("check", file, "--format", "json", *common))))
    if kind == "html":
        return _html_text(_run("check", file, "--format", "html", *common))
    if kind == "unlock":
        return _run("unlock", file, *common)
    if kind == "whatif":
        return _run("whatif", file, "--set", "german=B1", "--set", "identity.passport=none",
                    "--set", _next_period(path), "--set", "education.qualification=school", *common)
    if kind == "compare":
        return _run("compare", file, "--law-date", "2022-12-30", "--law-date", "2026-06-12", *common)
    if kind == "timeline":
        return _run("timeline", file, *common)
    if kind == "paths":
        return _run("paths", file, "--max-steps", "2", *common)
    raise AssertionError(kind)


FAST = ("check", "full", "json", "html")
SLOW = ("unlock", "whatif", "compare", "timeline", "paths")


def _problems(text: str, lang: str, rendered: bool = True) -> list[str]:
    """What in ``text`` is not as the language writes it (see the module's
    docstring); ``rendered``: text set for people, not JSON's sentences."""
    found: list[str] = []
    lines = text.splitlines()

    def where(match: re.Match[str], what: str) -> None:
        line = lines[text.count("\n", 0, match.start())]
        found.append(f"{what} {match.group(0)!r} in: {line.strip()}")

    for m in IDENTIFIER.finditer(text):
        where(m, "identifier")
    for m in REPR.finditer(text):
        where(m, "Python repr")
    for m in BREAKABLE.finditer(text) if rendered else ():
        where(m, "breakable space")
    for m in re.finditer(r'"', text):
        where(m, "straight quote")
    if lang == "de":
        for m in ISO_DAY.finditer(text):
            where(m, "ISO date")
        for m in re.finditer("”", text):
            where(m, "English quote")
        for m in _raw_values().finditer(text):
            where(m, "untranslated value")
    return found


@cache
def _raw_values() -> re.Pattern[str]:
    """The values of the file as the file writes them, where German words
    them otherwise: anywhere for those that are no German word, after a
    colon for those that are ("Prognose: negative"); not the bases of a
    permit ("25b"), which are the permits' ids."""
    raw = {value for field, values in _enum_fields().items() for value in values
           if words.word(value, field, "de") != value and not any(c.isdigit() for c in value)}
    raw |= {"true", "false", "yes", "no", *words.table()["waived"]}
    german = {"positive", "negative"}
    anywhere = "|".join(sorted(map(re.escape, raw - german), key=len, reverse=True))
    after_colon = "|".join(sorted(map(re.escape, raw & german)))
    return re.compile(rf"\b(?:{anywhere})\b|(?<=: )(?:{after_colon})\b")


def test_the_scan_finds_what_it_looks_for():
    """Each check fires on the faults of issue 13 (and the ids allowed stay allowed)."""
    assert _problems("Abschluss: none. Pass: valid. Status derzeit: duldung.", "de") == [
        "untranslated value 'none' in: Abschluss: none. Pass: valid. Status derzeit: duldung.",
        "untranslated value 'valid' in: Abschluss: none. Pass: valid. Status derzeit: duldung.",
        "untranslated value 'duldung' in: Abschluss: none. Pass: valid. Status derzeit: duldung.",
    ]
    assert _problems("Prognose: negative; eine positive Prognose", "de") == [
        "untranslated value 'negative' in: Prognose: negative; eine positive Prognose"]
    assert _problems("Was wäre, wenn: {'german': 'B1'}", "de")[0].startswith("Python repr")
    assert _problems("status duldung_unclear_identity, waived: in_education", "en") == [
        "identifier 'duldung_unclear_identity' in: status duldung_unclear_identity, waived: in_education",
        "identifier 'in_education' in: status duldung_unclear_identity, waived: in_education"]
    assert _problems("am 2026-01-19", "de") == ["ISO date '2026-01-19' in: am 2026-01-19"]
    assert _problems("on 2026-01-19", "en") == []
    assert [p.split(" '")[0] for p in _problems("§ 25 Abs.\u00a01 · 55 %", "en")] == \
        ["breakable space", "breakable space"]
    assert _problems("§\u00a025b Abs.\u00a01 Satz\u00a02 · 55\u00a0% · Test „Leben in Deutschland“", "de") == []
    assert _problems('Test "Leben in Deutschland"', "de")[0].startswith("straight quote")
    assert ID_HANDLE.sub("", "│   § 5 Abs. 1 Nr. 4 AufenthG · s5_passport · zwingend") == \
        "│   § 5 Abs. 1 Nr. 4 AufenthG ·  · zwingend"
    assert ID_HANDLE.sub("", "├── no_fault · zwingend") == " · zwingend"


def _check(name: str, lang: str, kind: str) -> None:
    problems = _problems(_outputs(name, lang, kind), lang, rendered=kind != "json")
    assert not problems, f"{kind} --lang {lang} {name}:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", FAST)
@pytest.mark.parametrize("name", [p.name for p in EXAMPLES])
def test_the_report_is_worded_as_the_language_writes(name, kind, lang):
    _check(name, lang, kind)


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", SLOW)
@pytest.mark.parametrize("name", [p.name for p in EXAMPLES])
def test_the_scenarios_are_worded_as_the_language_writes(name, kind, lang):
    _check(name, lang, kind)


@pytest.mark.parametrize("lang", LANGS)
def test_the_law_book_is_worded_as_the_language_writes(lang):
    text = ID_HANDLE.sub("", _run("law", "--date", "2026-12-01", "--lang", lang))
    problems = _problems(text, lang)
    assert not problems, "\n".join(problems[:20])


def test_the_json_keeps_plain_citations():
    """The report-v1 citations are compared by programs: plain spaces there."""
    data = json.loads(_run("check", str(EXAMPLES[0]), "--format", "json", "--lang", "de"))
    citations = [c["citation"] for p in data["permits"] for c in p["conditions"]]
    assert citations and not any("\u00a0" in c for c in citations)
