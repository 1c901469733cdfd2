"""The explanation texts beside the rules: every condition and group a rule
can derive, every permit title, every change the search may propose and
every note has an English and a German text, and both languages use the
same placeholders."""

from __future__ import annotations

import re
import string

import pytest

from pypermit.engine import kb
from pypermit.report import explain

LANGS = ("en", "de")

# A rule head at the start of a statement: asks(P, Id, ...) or
# asks_group(P, Id, ...) (condition/4 and group/4 once the norm is in force,
# kb/machinery/outcome.lp; or written directly), the id a constant or a pool
# "(a; b)"; P a quoted permit id or a variable (then the id is one of every
# permit).
_HEAD = re.compile(r'^(condition|group|asks|asks_group)\(\s*("[^"]+"|[A-Z]\w*)\s*,'
                   r'\s*(\([a-z_][\w\s;]*\)|[a-z_]\w*)\s*,', re.M)
_KIND = {"asks": "condition", "asks_group": "group", "condition": "condition", "group": "group"}
_PERMIT = re.compile(r'^permit\(\s*"([^"]+)"', re.M)
_S5 = re.compile(r'^s5_requirement\(\s*([a-z_]\w*)\s*,', re.M)


def _rule_texts() -> dict[str, str]:
    root = kb.kb_dir()
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8")
            for p in [*sorted((root / kb.LAW / "common").glob("*.lp")), *sorted((root / kb.LAW / "norms").glob("*.lp")),
                      kb.machinery_file("outcome.lp")]}


def _permits() -> list[str]:
    return sorted({m for text in _rule_texts().values() for m in _PERMIT.findall(text)})


def _derivable() -> set[tuple[str, str, str]]:
    """(kind, permit, id) for every condition and group head in the rules;
    ids under a variable permit belong to every permit, and so do the
    shared conditions listed under "*" in shared.texts.yaml."""
    permits = _permits()
    out: set[tuple[str, str, str]] = set()
    for text in _rule_texts().values():
        for kind, permit, ids in _HEAD.findall(text):
            names = [n.strip() for n in ids.strip("()").split(";") if n.strip()]
            for name in names:
                for pid in ([permit.strip('"')] if permit.startswith('"') else permits):
                    out.add((_KIND[kind], pid, name))
        for name in _S5.findall(text):
            out.update(("condition", pid, name) for pid in permits)
    shared = kb.texts().get("*", {}).get("conditions", {})
    out.update(("condition", pid, name) for pid in permits for name in shared)
    return out


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def _pairs(entry_en, entry_de):
    """(en, de) template pairs of one entry, met with met and unmet with unmet."""
    if isinstance(entry_en, dict):
        assert isinstance(entry_de, dict), "en has met/unmet, de does not"
        assert set(entry_de) == set(entry_en), f"de has {sorted(entry_de)}, en has {sorted(entry_en)}"
        return [(entry_en[k], entry_de[k]) for k in sorted(entry_en)]
    assert isinstance(entry_de, str), "en is one text, de is not"
    return [(entry_en, entry_de)]


def _check(entry_en, entry_de) -> None:
    assert entry_en, "no en text"
    assert entry_de, "no de text"
    for en, de in _pairs(entry_en, entry_de):
        assert isinstance(en, str) and en.strip(), "empty en text"
        assert isinstance(de, str) and de.strip(), "empty de text"
        assert _placeholders(de) == _placeholders(en), \
            f"placeholders differ: en {sorted(_placeholders(en))}, de {sorted(_placeholders(de))}"
        assert de != en, f"de is the en text: {en!r}"


def test_the_rules_were_read():
    derivable = _derivable()
    assert _permits() and derivable
    assert ("condition", "25b", "german_a2") in derivable
    assert ("group", "26.3", "routes") in derivable
    assert ("condition", "104c", "in_force") in derivable
    assert ("condition", "26.4", "s5_passport") in derivable


@pytest.mark.parametrize("kind,permit,cid", sorted(_derivable()))
def test_every_derivable_condition_and_group_has_both_languages(kind, permit, cid):
    _check(explain.template(permit, cid, "en"), explain.template(permit, cid, "de"))


@pytest.mark.parametrize("permit", _permits())
def test_every_permit_has_a_title_in_both_languages(permit):
    title = kb.texts().get(permit, {}).get("title", {})
    for lang in LANGS:
        assert isinstance(title.get(lang), str) and title[lang].strip(), f"{permit}: no {lang} title"


def test_every_text_belongs_to_a_derivable_condition_or_group():
    ids = {(pid, cid) for _, pid, cid in _derivable()}
    permits = set(_permits())
    for pid, data in kb.texts().items():
        if pid == "*":
            continue
        assert pid in permits, f"texts for {pid!r}, which no rule declares a permit"
        for cid in data.get("conditions", {}):
            assert (pid, cid) in ids, f"{pid}: text for {cid!r}, which no rule derives"


def test_every_text_entry_in_the_files_has_both_languages():
    """Also the entries no rule reaches today (shared ones a norm does not use)."""
    for pid, data in kb.texts().items():
        for cid, entry in data.get("conditions", {}).items():
            try:
                _check(entry.get("en"), entry.get("de"))
            except AssertionError as e:
                raise AssertionError(f"{pid} {cid}: {e}") from None


def _changes():
    return sorted(kb.change_texts()["changes"].items())


@pytest.mark.parametrize("fact,entry", _changes())
def test_every_change_has_both_languages(fact, entry):
    _check(entry.get("en"), entry.get("de"))


def test_every_fact_the_search_may_change_has_advice():
    search = kb.machinery_file("search.lp").read_text(encoding="utf-8")
    facts = set(re.findall(r'^can_become\(\s*"([^"]+)"', search, re.M))
    facts |= set(re.findall(r'^option\(\s*"([^"]+)"', search, re.M))
    assert facts
    missing = facts - set(kb.change_texts()["changes"])
    assert not missing, f"no advice for {sorted(missing)}"


@pytest.mark.parametrize("key,entry", sorted(kb.change_texts()["notes"].items()))
def test_every_note_has_both_languages(key, entry):
    _check(entry.get("en"), entry.get("de"))


def _waiver_reasons() -> set[str]:
    """Every reason a rule may give for setting a requirement aside: the
    constants in waived/3 heads, and the causes of impaired/1 (a norm that
    accepts any cause names it by a variable)."""
    out: set[str] = set()
    for text in _rule_texts().values():
        out.update(re.findall(r'^waived\(\s*"[^"]+"\s*,\s*[^,]+,\s*([a-z_]\w*)\s*\)', text, re.M))
        out.update(re.findall(r'^impaired\(\s*([a-z_]\w*)\s*\)', text, re.M))
    return out


def test_every_waiver_reason_has_both_languages():
    """The report names why a requirement is set aside in words: the cause
    of an impairment (§ 25b Abs. 3: illness, disability or age), education."""
    reasons = _waiver_reasons()
    assert {"illness_or_disability", "age", "in_education"} <= reasons
    waivers = kb.texts()["*"]["values"]["waived"]
    for reason in sorted(reasons):
        assert reason in waivers, f"no text for the waiver reason {reason!r}"
        _check(waivers[reason].get("en"), waivers[reason].get("de"))


# --- the law's figures in the texts (figure/4, {figure.NAME}) -------------------

_ASKS_FIGURE = re.compile(r'^asks_figure\(\s*"([^"]+)"\s*,\s*([a-z_]\w*)\s*,\s*(\([a-z_][\w\s;]*\)|[a-z_]\w*)\s*\)',
                          re.M)


def _asked_figures() -> dict[tuple[str, str], set[str]]:
    """(permit, condition) -> the figures its rules ask (asks_figure/3)."""
    out: dict[tuple[str, str], set[str]] = {}
    for text in _rule_texts().values():
        for permit, cid, names in _ASKS_FIGURE.findall(text):
            out.setdefault((permit, cid), set()).update(n.strip() for n in names.strip("()").split(";"))
    return out


def _templates(entry):
    if isinstance(entry, dict):
        for value in entry.values():
            yield from _templates(value)
    elif isinstance(entry, str):
        yield entry


def test_the_figures_are_read():
    assert _asked_figures()[("25b", "uninterrupted_stay")] == {"stay_years", "stay_years_with_child"}


def test_every_figure_a_text_names_is_one_its_condition_asks():
    """{figure.NAME} in a condition's text: the condition asks that figure,
    else the sentence would show "–"."""
    asked = _asked_figures()
    for pid, data in kb.texts().items():
        for cid, entry in data.get("conditions", {}).items():
            named = {f[len("figure."):] for t in _templates(entry) for f in _placeholders(t) if f.startswith("figure.")}
            assert named <= asked.get((pid, cid), set()), f"{pid} {cid}: names {sorted(named)} it does not ask"


def test_every_figure_asked_is_worded_in_both_languages():
    """What compare says when the figure changes: "{value} years of stay"."""
    for (pid, _), names in sorted(_asked_figures().items()):
        for name in sorted(names):
            entry = kb.texts().get(pid, {}).get("figures", {}).get(name)
            assert entry, f"{pid}: figure {name} has no words (figures: in its texts)"
            _check(entry.get("en"), entry.get("de"))
            assert "{value}" in entry["en"] and "{value}" in entry["de"], f"{pid} {name}: no {{value}}"


def test_every_format_spec_in_the_texts_is_known():
    specs = {spec for data in kb.texts().values() for section in ("conditions", "figures")
             for entry in data.get(section, {}).values() for t in _templates(entry)
             for _, field, spec, _ in string.Formatter().parse(t) if field is not None and spec}
    assert specs <= set(explain.SPECS), f"unknown format specs: {sorted(specs - set(explain.SPECS))}"


@pytest.mark.parametrize("value,spec,lang,expected", [
    (3, "words", "en", "three"), (3, "Words", "en", "Three"), (4, "words", "de", "vier"),
    (8, "Words", "de", "Acht"), (15, "words", "en", "15"), (21, "ordinal", "en", "21st"),
    (22, "ordinal", "en", "22nd"), (23, "ordinal", "en", "23rd"), (27, "ordinal", "en", "27th"),
    (12, "ordinal", "en", "12th"), (111, "ordinal", "en", "111th"), (27, "ordinal", "de", "27."),
    ("…", "Words", "en", "…"),
])
def test_format_specs(value, spec, lang, expected):
    assert explain.formatted(value, spec, lang) == expected
    assert explain.fill("{x:" + spec + "}", {"x": value}, lang) == expected


def test_a_figure_change_is_worded_by_the_norm_else_named():
    assert explain.figure_change("25a", "stay_years", 4, 3, "en") == "3 years of stay instead of 4"
    assert explain.figure_change("25a", "stay_years", 4, 3, "de") == "3 Jahre Aufenthalt statt 4"
    assert explain.figure_change("25a", "unworded", 1, 2, "en") == "unworded 2 instead of 1"
