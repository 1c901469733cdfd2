"""The rules handed to clingo, reduced without changing any answer.

Grounding costs clingo a fixed amount per rule, whether it fires or not.
Two program transformations that keep every answer set as it is (no law in
them: they read only which predicates a rule's body asks for), computed
once per process and kind of program:

- rules whose bodies ask only for predicates no applicant fact reaches (the
  law's own figures and versions) are grounded once, and their atoms given
  as facts (partial evaluation);
- rules that ask, positively, for a predicate nothing can derive from the
  facts at hand (no conviction, no child, no later day) are left out; which
  these are depends only on the names of the applicant's facts.

Where a program holds anything this does not follow (extra rules, an
overlay it cannot read), the rules go to clingo as they are. Reading a rule
from its printed text where it is plain is much faster than walking
clingo's AST (every step is a call into the library), hence the small
scanners below; clingo's AST is walked where the text is not plain.

One module (~400 lines) on purpose: the scanners, the analysis and the cut
are one transformation whose soundness is argued here, in one place.
"""

from __future__ import annotations

import re
from typing import Any, TypeAlias

import clingo
from clingo import ast
from clingo.ast import AST, ASTType, ProgramBuilder

from pypermit.calendar import Calendar
from pypermit.engine import kb

#: A predicate's name and arity.
Signature: TypeAlias = tuple[str, int]
#: The kind of program: (with_search, unknown, figures, days), as kb.statements takes them.
Flags: TypeAlias = tuple[bool, bool, bool, bool]

#: Facts only, with flat arguments (what the search adds: later_day/1 ...).
_PLAIN_FACTS = re.compile(r"(?:\s*[a-z_][A-Za-z0-9_']*\([^()\":.]*\)\.)*\s*")
_FACT_NAME = re.compile(r"([a-z_][A-Za-z0-9_']*)\(")


def rules_for(flags: Flags, overlay: str, facts: str, extra: str,
              only: frozenset[Signature] | None = None) -> tuple[AST, ...] | None:
    """The statements to add for these facts (with ``only``, those the
    predicates ``only`` depend on), or None: add the rules as they are."""
    reduced = _reduced(flags, overlay)
    if reduced is None or not _PLAIN_FACTS.fullmatch(extra):
        return None
    names = frozenset(_FACT_NAME.findall(facts)) | frozenset(_FACT_NAME.findall(extra))
    if names & reduced.static_names:
        return None
    return reduced.statements(names, only)


class _Unsupported(Exception):
    """A construct the analysis does not follow: the rules go as they are."""


#: Terms and comparisons: no atom below them (not walked, for speed: every
#: step through clingo's AST is a call into the library).
_NO_ATOMS = frozenset({ASTType.Variable, ASTType.SymbolicTerm, ASTType.Function, ASTType.UnaryOperation,
                       ASTType.BinaryOperation, ASTType.Interval, ASTType.Pool, ASTType.Comparison,
                       ASTType.Guard, ASTType.BooleanConstant})


def _atom(node: Any, kind: Any = None) -> list[Signature] | None:
    """The signatures of a symbolic atom (several where its term is a
    pool), or None where ``node`` is no symbolic atom."""
    if (kind or node.ast_type) != ASTType.SymbolicAtom:
        return None
    term = node.symbol
    out: list[Signature] = []
    for t in (term.arguments if term.ast_type == ASTType.Pool else [term]):
        kind = t.ast_type
        if kind == ASTType.Function and not t.external:
            out.append((t.name, len(t.arguments)))
        elif kind == ASTType.SymbolicTerm and t.symbol.type == clingo.SymbolType.Function:
            out.append((t.symbol.name, len(t.symbol.arguments)))
        else:
            raise _Unsupported(str(node))
    return out


def _signatures(node: Any, out: set[Signature]) -> set[Signature]:
    """The (name, arity) of every atom under ``node``."""
    if isinstance(node, ast.AST):
        kind = node.ast_type
        if kind in _NO_ATOMS:
            return out
        found = _atom(node, kind)
        if found is not None:
            out.update(found)
            return out
        if kind == ASTType.TheoryAtom:
            raise _Unsupported(str(node))
        for key in node.child_keys:
            _signatures(getattr(node, key), out)
    elif node is not None and not isinstance(node, (str, int)):
        for child in node:
            _signatures(child, out)
    return out


_NAME = re.compile(r"[a-z_][A-Za-z0-9_']*")


def _plain(text: str) -> Signature | None:
    """The signature of an atom printed as ``name`` or ``name(args)``, or
    None for anything else (reading the text is much faster than walking
    clingo's AST, one call into the library per step)."""
    match = _NAME.match(text)
    if match is None:
        return None
    name, rest = match.group(), text[match.end():]
    if not rest:
        return name, 0
    if rest[0] != "(" or rest[-1] != ")":
        return None
    depth, commas, quoted, escaped = 0, 0, False, False
    for i, ch in enumerate(rest):
        if quoted:
            escaped, quoted = (False, True) if escaped else (ch == "\\", ch != '"')
        elif ch == '"':
            quoted = True
        elif ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
            if depth == 0 and i != len(rest) - 1:
                return None
        elif depth == 1 and ch == ",":
            commas += 1
        elif depth == 1 and ch == ";":
            return None
    return (name, commas + 1) if depth == 0 and not quoted else None


def _comparison(text: str) -> bool:
    """A literal printed with a comparison outside parentheses and quotes
    (and no aggregate): it holds terms only."""
    depth, quoted, escaped = 0, False, False
    for ch in text:
        if quoted:
            escaped, quoted = (False, True) if escaped else (ch == "\\", ch != '"')
        elif ch == '"':
            quoted = True
        elif ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif ch in "{}:#":
            return False
        elif depth == 0 and ch in "<>=!":
            return True
    return False


def _split(text: str) -> tuple[str, list[str]]:
    """A rule as printed, ``head :- l1; ...; ln.``: its head and the text
    of each body literal (split outside quotes, parentheses and braces)."""
    parts: list[str] = []
    depth, quoted, escaped, start = 0, False, False, 0
    head: str | None = None
    end = len(text) - 1 if text.endswith(".") else len(text)
    i = 0
    while i < end:
        ch = text[i]
        if quoted:
            escaped, quoted = (False, True) if escaped else (ch == "\\", ch != '"')
        elif ch == '"':
            quoted = True
        elif ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif depth == 0 and head is None and text.startswith(":-", i):
            head, start = text[:i].strip(), i + 2
            i += 1
        elif depth == 0 and head is not None and ch == ";":
            parts.append(text[start:i].strip())
            start = i + 1
        i += 1
    if head is None:
        return text[:end].strip(), []
    parts.append(text[start:end].strip())
    return head, parts


def _rule(statement: Any) -> tuple[set[Signature], set[Signature], set[Signature], bool]:
    """Heads, body atoms (``deps``), positive body atoms (``needs``) and
    whether the head is one plain atom, read from the printed rule where it
    is plain, from clingo's AST where not."""
    heads: set[Signature] = set()
    deps: set[Signature] = set()
    needs: set[Signature] = set()
    head, literals = _split(str(statement))
    found = _plain(head)
    if found is not None:
        heads.add(found)
        plain = True
    else:
        plain = head != "#false" and _head(statement.head, heads, deps)
    body = None
    if literals and len(literals) != len(statement.body):
        literals, body = [str(literal) for literal in statement.body], statement.body
    for k, text in enumerate(literals):
        negated = text.startswith("not ")
        found = _plain(text[4:] if negated else text)
        if found is not None:
            deps.add(found)
            if not negated:
                needs.add(found)
        elif "{" in text or ":" in text or not _comparison(text):
            _signatures((body or statement.body)[k], deps)
    return heads, deps, needs, plain


def _head(head: Any, heads: set[Signature], deps: set[Signature]) -> bool:
    """Fill the head's atoms and its conditions' atoms; True for a plain atom."""
    found = _plain(str(head))
    if found is not None:
        heads.add(found)
        return True
    kind = head.ast_type
    if kind == ASTType.Literal:
        if head.sign != ast.Sign.NoSign:
            raise _Unsupported(str(head))
        if head.atom.ast_type == ASTType.BooleanConstant:
            return False
        if head.atom.ast_type != ASTType.SymbolicAtom:
            raise _Unsupported(str(head))
        _signatures(head.atom, heads)
        return True
    if kind in (ASTType.Aggregate, ASTType.Disjunction, ASTType.HeadAggregate):
        for element in head.elements:
            literal = element.condition if kind == ASTType.HeadAggregate else element
            if literal.literal.sign != ast.Sign.NoSign or literal.literal.atom.ast_type != ASTType.SymbolicAtom:
                raise _Unsupported(str(head))
            _signatures(literal.literal.atom, heads)
            _signatures(literal.condition, deps)
        return False
    raise _Unsupported(str(head))


class _Anonymous(ast.Transformer):
    """``_`` in a positive literal becomes a variable of its own: the same
    rule (each ``_`` stood for some value), which clingo grounds without
    projecting the literal first."""

    def __init__(self) -> None:
        self.count = 0

    def visit_Variable(self, variable: Any) -> Any:
        if variable.name != "_":
            return variable
        self.count += 1
        return ast.Variable(variable.location, f"Anonymous__{self.count}")


def _named(rule: Any) -> Any:
    """The rule with the anonymous variables of its positive body literals named."""
    if "_" not in str(rule):
        return rule
    rename, body = _Anonymous(), []
    for literal in rule.body:
        if literal.ast_type == ASTType.Literal and literal.sign == ast.Sign.NoSign \
                and literal.atom.ast_type == ASTType.SymbolicAtom:
            literal = rename(literal)
        body.append(literal)
    return rule.update(body=body) if rename.count else rule


def _not_fact() -> bool:
    raise _Unsupported("the law's own part has no single answer")


class _Reduced:
    """One kind of program, analysed and partially evaluated once."""

    def __init__(self, statements: tuple[AST, ...]):
        rules: list[tuple[int, AST, frozenset[Signature], frozenset[Signature], frozenset[Signature], bool]] = []
        externals: set[Signature] = set()
        for i, statement in enumerate(statements):
            kind = statement.ast_type
            if kind == ASTType.Rule:
                heads, deps, needs, plain = _rule(statement)
                rules.append((i, statement, frozenset(heads), frozenset(deps), frozenset(needs), plain))
            elif kind == ASTType.External:
                _signatures(statement.atom, externals)
            elif kind == ASTType.Program:
                if statement.name != "base" or statement.parameters:
                    raise _Unsupported(str(statement))
            elif kind not in (ASTType.Defined, ASTType.ShowSignature, ASTType.ShowTerm, ASTType.Heuristic):
                raise _Unsupported(str(statement))
        defined: set[Signature] = set().union(*(r[2] for r in rules))
        # Reached by the applicant: what no rule defines (the inputs), the
        # externals, what a choice may make true, and all that depends on them.
        dynamic = set(externals) | {h for r in rules if not r[5] for h in r[2]}
        dynamic |= {d for r in rules for d in r[3] if d not in defined}
        grown = True
        while grown:
            grown = False
            for r in rules:
                if r[3] & dynamic and not r[2] <= dynamic:
                    dynamic |= r[2]
                    grown = True
        static = [r for r in rules if r[5] and not r[3] & dynamic]
        self.static_names = frozenset(s[0] for r in static for s in r[2] | r[3])
        ctl = clingo.Control(["--warn=none"])
        with ProgramBuilder(ctl) as builder:
            builder.add(statements[0])
            for r in static:
                builder.add(r[1])
        ctl.ground([("base", [])], context=Calendar())
        atoms = [str(a.symbol) for a in ctl.symbolic_atoms if a.is_fact or _not_fact()]
        text = "".join(f"{a}." for a in atoms)
        found: list[AST] = []
        ast.parse_string(text, found.append)
        dropped = {r[0] for r in static}
        self.kept = [(_named(r[1]), r[4], r[2], r[3]) for r in rules if r[0] not in dropped]
        # #defined only silences a warning, and every program here runs with
        # warnings off: the statements are left out.
        self.others = [s for s in statements if s.ast_type not in (ASTType.Rule, ASTType.Defined)]
        self.facts = tuple(found[1:])
        self.present = frozenset({_plain(a) for a in atoms} | externals)
        self._by_names: dict[tuple[frozenset[str], frozenset[Signature] | None], tuple[AST, ...]] = {}

    def statements(self, names: frozenset[str], only: frozenset[Signature] | None = None) -> tuple[AST, ...]:
        """The statements for facts of these names: only rules that can fire;
        with ``only``, only those the predicates ``only`` depend on (the
        program below them: its one answer is the full program's, cut to
        them), and only those shown."""
        out = self._by_names.get((names, only))
        if out is None:
            possible = set(self.present)
            ok = lambda s: s in possible or s[0] in names  # noqa: E731
            grown = True
            while grown:
                grown = False
                for _, needs, heads, _ in self.kept:
                    if not heads <= possible and all(map(ok, needs)):
                        possible |= heads
                        grown = True
            kept = [(s, heads, deps) for s, needs, heads, deps in self.kept if all(map(ok, needs))]
            if only is None:
                out = (*self.others, *(s for s, _, _ in kept), *self.facts)
            else:
                below, todo = set(only), list(only)
                uses: dict[Signature, set[Signature]] = {}
                for _, heads, deps in kept:
                    for h in heads:
                        uses.setdefault(h, set()).update(deps)
                while todo:
                    for d in uses.get(todo.pop(), ()):
                        if d not in below:
                            below.add(d)
                            todo.append(d)
                shown = [s for s in self.others if s.ast_type == ASTType.Program or
                         s.ast_type == ASTType.ShowSignature and (s.name, s.arity) in only]
                out = (*shown, *(s for s, heads, _ in kept if heads & below),
                       *(f for f in self.facts if _signatures(f.head, set()) & below))
            if len(self._by_names) < 256:
                self._by_names[(names, only)] = out
        return out


_REDUCED: dict[tuple[Flags, str], tuple[tuple[AST, ...], _Reduced | None]] = {}
#: The kinds of program used once so far (the analysis, some tens of ms, is
#: made on the second use: a process that evaluates once does not pay it).
_USED_ONCE: dict[tuple[Flags, str], tuple[AST, ...]] = {}


def _reduced(flags: Flags, overlay: str) -> _Reduced | None:
    """The analysed program of one kind (with a reform's overlay), or None:
    on its first use in a process, or where it cannot be analysed. Made
    again whenever the rules are read again (kb.statements)."""
    source, key = kb.statements(*flags), (flags, overlay)
    cached = _REDUCED.get(key)
    if cached is not None and cached[0] is source:
        return cached[1]
    if _USED_ONCE.get(key) is not source:
        if len(_USED_ONCE) >= 32:
            _USED_ONCE.clear()
        _USED_ONCE[key] = source
        return None
    statements = list(source)
    try:
        if overlay.strip():
            ast.parse_string(overlay, statements.append, logger=lambda *_: None)
    except RuntimeError:      # unreadable: the program as it is says why
        reduced = None
    else:
        try:
            reduced = _Reduced(tuple(statements))
        except _Unsupported:
            reduced = None
    if len(_REDUCED) >= 32:
        _REDUCED.clear()
    _REDUCED[key] = (source, reduced)
    return reduced
