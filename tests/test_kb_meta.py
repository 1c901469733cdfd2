"""The knowledge base checked as code: every predicate used is defined or
declared (ASP has no types: a misspelt predicate would silently derive
nothing), every file opens with its header, every condition the rules can
derive has a citation, and the facts Python writes are documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clingo import ast

from pypermit.applicant.load import load_applicant
from pypermit.engine import facts as facts_module
from pypermit.engine import kb
from pypermit.engine.program import control

LP_FILES = sorted(kb.kb_dir().rglob("*.lp"))
SCHEMA = kb.machinery_file("schema.lp")


class _Signatures(ast.Transformer):
    """Collects predicate signatures of heads (defined) and bodies (used)."""

    def __init__(self):
        self.defined: set[tuple[str, int]] = set()
        self.used: set[tuple[str, int]] = set()
        self._into = self.used

    def visit_Rule(self, rule):
        self._into = self.defined
        self.visit(rule.head)
        self._into = self.used
        for literal in rule.body:
            self.visit(literal)
        return rule

    def visit_SymbolicAtom(self, atom):
        self._take(atom.symbol)
        return atom

    def _take(self, symbol):
        if symbol.ast_type == ast.ASTType.Pool:       # p(a; b)
            for each in symbol.arguments:
                self._take(each)
        elif symbol.ast_type == ast.ASTType.Function:
            self._into.add((symbol.name, len(symbol.arguments)))
        elif symbol.ast_type == ast.ASTType.SymbolicTerm:
            self._into.add((str(symbol.symbol), 0))


def _signatures(files=LP_FILES):
    collector = _Signatures()
    declared: set[tuple[str, int]] = set()
    for path in files:
        def take(statement):
            if statement.ast_type == ast.ASTType.Defined:
                declared.add((statement.name, statement.arity))
            elif statement.ast_type == ast.ASTType.External:
                collector._into = collector.defined
                collector.visit(statement.atom)
                collector._into = collector.used
            elif statement.ast_type == ast.ASTType.Rule:
                collector.visit(statement)
        ast.parse_string(path.read_text(encoding="utf-8"), take)
    return collector.defined, collector.used, declared


def _documented_inputs() -> set[str]:
    """Input predicates named in schema.lp's header ("%   name(...)")."""
    return set(re.findall(r"^%\s+([a-z_]+)\(", SCHEMA.read_text(encoding="utf-8"), re.M))


def _undefined(files=LP_FILES) -> list[str]:
    defined, used, declared = _signatures(files)
    return sorted(f"{n}/{a}" for n, a in used - defined - declared)


def test_every_predicate_used_is_defined_or_declared():
    assert not _undefined(), f"used but never defined or declared: {_undefined()}"


def test_a_misspelt_predicate_is_caught(tmp_path):
    """The check fails on a typo planted in a copy of a norm: `in_forse`."""
    files = []
    for path in LP_FILES:
        copy = tmp_path / path.name
        text = path.read_text(encoding="utf-8")
        if path.name == "aufenthg_25b.lp":
            text = text.replace('met("25b", german_a2) :- german_at_least("A2").',
                                'met("25b", german_a2) :- german_at_least("A2"), in_forse("25b").')
            assert "in_forse" in text
        copy.write_text(text, encoding="utf-8")
        files.append(copy)
    assert _undefined(files) == ["in_forse/1"]


def test_every_input_python_writes_is_documented_in_the_schema():
    """Every predicate pypermit/facts.py can write is listed in kb/machinery/schema.lp."""
    source = Path(facts_module.__file__).read_text(encoding="utf-8")
    written = set(re.findall(r'_fact\("([a-z_]+)"', source))
    written |= {f"child_{name}" for name in ("in_household", "unmarried", "attends_school")}
    written |= {"daily_rates", "prison_months", "youth_custody_months", "suspended", "juvenile",
                "immigration_offence", "intentional"}
    written.discard("child_")
    undocumented = sorted(w for w in written if w.rstrip("_") and w not in _documented_inputs())
    assert not undocumented, f"written by facts.py but not documented in schema.lp: {undocumented}"


@pytest.mark.parametrize("path", LP_FILES, ids=lambda p: str(p.relative_to(kb.kb_dir())))
def test_every_file_opens_with_its_header(path):
    """A comment block opens each file; a norm's names the norm and its versions."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("% ====="), "the file opens with a header block"
    header = "\n".join(line for line in lines[:40] if line.startswith("%"))
    if path.parent.name == "norms":
        assert re.search(r"§ \d+[a-z]?( Abs\. \d+)? AufenthG", header), "the header names the norm"
        assert "Permit id" in header
        assert re.search(r"Versions?", header), "the header names the versions"
        assert re.search(r"\d{4}-\d{2}-\d{2}", header), "the header gives dates"


@pytest.mark.parametrize("as_of", ["2015-08-01", "2016-08-06", "2020-01-01", "2022-12-31", "2026-11-21", "2027-07-01"])
def test_every_condition_has_a_citation(as_of):
    """Each condition derivable on the day carries a citation to the AufenthG."""
    applicant = load_applicant({"as_of": as_of, "birth_date": "2000-01-01",
                                "stay": [{"since": "2015-01-01", "status": "duldung"}]})
    ctl = control(applicant)
    conditions = [a.symbol for a in ctl.symbolic_atoms.by_signature("condition", 4)]
    assert conditions
    for c in conditions:
        citation = c.arguments[3].string
        assert re.match(r"^§ \d+[a-z]? (Abs\. \d+[a-z]?)?", citation) and "AufenthG" in citation, c
