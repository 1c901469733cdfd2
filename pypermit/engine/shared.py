"""One clingo program for many applicants: the batch engine's core.

``pypermit.evaluate`` grounds one program per person: the rules, that
person's facts, solved, thrown away. A batch instead builds one program per
chunk of people in which every predicate that depends on an applicant's
facts carries the applicant's number as a first argument, while what
follows from the law alone (``version/3``, ``threshold/4``, ``permit/2`` ...
and what is derived from them only) is grounded once for the chunk.

The program is obtained from the rules by a transformation of their clingo
AST that knows no predicate by name:

1. The *sources* are the predicates the rules read but never derive (the
   inputs of kb/machinery/schema.lp) and every predicate the applicant facts use.
2. A predicate is *applicant-dependent* if a source is, or if some
   statement that derives it mentions an applicant-dependent predicate
   anywhere (body, negated, in an aggregate or a condition): a fixpoint over
   the statements.
3. Every atom of a dependent predicate gets the applicant variable as a new
   first argument, in heads, bodies, aggregates, conditional literals,
   ``#show`` and ``#defined``. A statement that mentions a dependent
   predicate but has no positive dependent literal in its body to bind the
   variable gets ``applicant(Id)`` added to its body (a fact per applicant).
   Weak constraints get the number into their tuple, so equal tuples of two
   people stay apart. Where ``p/n+1`` is already a predicate, a fresh name
   is used instead.
4. Everything shown is shown as ``shows(N, Atom)``: ``#show p/2.`` becomes
   ``#show shows(N, p(X, Y)) : p(N, X, Y).``, a ``#show`` term likewise, N
   being -1 for what follows from the law alone; reading the answer takes
   one look at each symbol, and hands back the very atom the person's own
   program shows.
5. The calendar functions (``@years_end`` ...) are pure functions of their
   arguments: grounding them once or once per person gives the same terms.

Each person's facts (pypermit.facts) get their number the same way. The one
answer set is split by that number, the number taken off, the shared atoms
added to everyone's: each person's atom set is exactly what their own
program derives (the people's parts of the ground program do not touch
each other), so ``report.build`` makes the same report from it.

A program that gives other than exactly one answer (a person for whom the
rules give none, or several) and the people the shared program does not take
(facts unknown: their questions need a program of their own) are evaluated
one by one with ``pypermit.evaluate`` (population.batch does that).

One module (~470 lines) on purpose: the transformation's steps above are
one argument that each person's answer is their own program's, and its
parts only make sense together.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import clingo
from clingo import ast
from clingo.ast import ProgramBuilder

from pypermit import engine
from pypermit.applicant.model import Applicant
from pypermit.calendar import Calendar
from pypermit.engine import kb
from pypermit.engine.facts import applicant_facts

Signature = tuple[str, int]

#: The name of the variable that carries the applicant's number (made unique
#: per program if the rules use it).
ID_VARIABLE = "PypermitApplicant"


class Unsupported(Exception):
    """A statement the transformation does not know how to give an
    applicant argument (theory atoms, heuristics ...): no shared program."""


# --- reading the AST ------------------------------------------------------------

def _atom_signature(term: Any) -> list[Signature]:
    """The predicate(s) of an atom's term: a function, a pool of them, or a
    classically negated one."""
    kind = term.ast_type
    if kind == ast.ASTType.Function and not term.external:
        return [(term.name, len(term.arguments))]
    if kind == ast.ASTType.Pool:
        return [sig for t in term.arguments for sig in _atom_signature(t)]
    if kind == ast.ASTType.UnaryOperation:
        return _atom_signature(term.argument)
    if kind == ast.ASTType.SymbolicTerm and term.symbol.type == clingo.SymbolType.Function:
        return [(term.symbol.name, len(term.symbol.arguments))]
    raise Unsupported(f"an atom of an unexpected form: {term}")


class _Atoms(ast.Transformer):
    """Collects the signatures of the atoms below a node, and the names of
    its variables."""

    def __init__(self) -> None:
        self.signatures: set[Signature] = set()
        self.variables: set[str] = set()

    def visit_SymbolicAtom(self, node: Any) -> Any:  # noqa: N802 (clingo's naming)
        self.signatures.update(_atom_signature(node.symbol))
        self.visit_children(node)
        return node

    def visit_Variable(self, node: Any) -> Any:  # noqa: N802
        self.variables.add(node.name)
        return node

    def visit_TheoryAtom(self, node: Any) -> Any:  # noqa: N802
        raise Unsupported("theory atoms")


def _collect(nodes: Iterable[Any]) -> _Atoms:
    visitor = _Atoms()
    for node in nodes:
        if node is not None:
            visitor(node)
    return visitor


def _head_atoms(head: Any) -> set[Signature]:
    """The predicates a rule's head derives (not those in its conditions)."""
    kind = head.ast_type
    if kind == ast.ASTType.Literal:
        return set(_collect_literal(head))
    if kind == ast.ASTType.Disjunction:
        return {s for e in head.elements for s in _collect_literal(e.literal)}
    if kind == ast.ASTType.Aggregate:
        return {s for e in head.elements for s in _collect_literal(e.literal)}
    if kind == ast.ASTType.HeadAggregate:
        return {s for e in head.elements for s in _collect_literal(e.condition.literal)}
    raise Unsupported(f"a head of the kind {kind}")


def _collect_literal(literal: Any) -> list[Signature]:
    if literal.atom.ast_type == ast.ASTType.SymbolicAtom:
        return _atom_signature(literal.atom.symbol)
    return []   # a comparison or a boolean constant


@dataclass
class _Statement:
    node: Any
    heads: set[Signature]           # what it derives
    mentions: set[Signature]        # every atom in it
    variables: set[str]


def _analyse(node: Any) -> _Statement:
    kind = node.ast_type
    if kind == ast.ASTType.TheoryDefinition:
        raise Unsupported("theory definitions")
    found = _collect([node])
    heads: set[Signature] = set()
    if kind == ast.ASTType.Rule:
        heads = _head_atoms(node.head)
    elif kind == ast.ASTType.External:
        heads = set(_atom_signature(node.atom.symbol))
    elif kind in (ast.ASTType.Heuristic, ast.ASTType.Edge, ast.ASTType.ProjectAtom) and found.signatures:
        raise Unsupported(f"{kind} statements")
    return _Statement(node, heads, found.signatures, found.variables)


# --- the transformation ---------------------------------------------------------

@dataclass(frozen=True)
class SharedProgram:
    """The rules with an applicant argument, and how to read its answer."""
    statements: tuple[Any, ...]
    #: dependent predicate -> its name in the program (with one argument more)
    names: dict[Signature, str]
    applicant: str                  # the predicate that lists the applicants' numbers
    #: what the program shows: ``shows(N, Atom)``, N the applicant's number
    #: or -1 for what is shared
    shows: str
    #: predicate name -> its name in the program, where that does not
    #: depend on the arity (the facts are numbered as text, unparsed)
    by_name: dict[str, str] = field(default_factory=dict)

    def facts(self, number: int, text: str) -> list[str]:
        """One person's facts (one ground fact a line, as pypermit.facts
        writes them) with their number, as program text."""
        lines = [f"{self.applicant}({number})."]
        by_name = self.by_name
        for line in text.splitlines():
            match = _FACT.match(line)
            name = by_name.get(match.group(1)) if match else None
            if match is None or name is None:
                if not line.strip() or line.lstrip().startswith("%"):
                    continue
                raise Unsupported(f"an applicant fact the shared program cannot number: {line}")
            args = match.group(2)
            lines.append(f"{name}({number},{args})." if args else f"{name}({number}).")
        return lines

    def split(self, symbols: Sequence[clingo.Symbol], count: int) -> list[frozenset[clingo.Symbol]]:
        """The shown atoms of each of ``count`` applicants, numbers taken
        off, the shared ones given to each."""
        own: list[list[clingo.Symbol]] = [[] for _ in range(count + 1)]   # the last: shared (-1)
        for number, atom in _unwrap(symbols):
            own[number].append(atom)
        shared = own.pop()
        return [frozenset(shared + atoms) if shared else frozenset(atoms) for atoms in own]


def _unwrap_public(symbols: Sequence[clingo.Symbol]) -> Iterator[tuple[int, clingo.Symbol]]:
    for symbol in symbols:
        args = symbol.arguments if symbol.type == clingo.SymbolType.Function else []
        if len(args) != 2:
            raise Unsupported(f"a shown symbol not of the form shows(N, Atom): {symbol}")
        yield args[0].number, args[1]


try:    # clingo's Python API reads a symbol's arguments through several calls
    # of its C library each; two direct calls per symbol instead (checked
    # against the public API below, which serves wherever they are missing).
    from clingo._internal import _ffi, _lib  # type: ignore[attr-defined]
    from clingo.symbol import Symbol as _Symbol

    def _unwrap_direct(symbols: Sequence[clingo.Symbol]) -> Iterator[tuple[int, clingo.Symbol]]:
        p_args, p_size = _ffi.new("clingo_symbol_t**"), _ffi.new("size_t*")
        arguments = _lib.clingo_symbol_arguments
        numbers: dict[int, int] = {}
        for symbol in symbols:
            if not arguments(symbol._rep, p_args, p_size) or p_size[0] != 2:
                raise Unsupported(f"a shown symbol not of the form shows(N, Atom): {symbol}")
            args = p_args[0]
            rep = args[0]
            number = numbers.get(rep)
            if number is None:
                number = numbers[rep] = _Symbol(rep).number  # type: ignore[no-untyped-call]
            yield number, _Symbol(args[1])  # type: ignore[no-untyped-call]

    _probe = [clingo.Function("s", [clingo.Number(n), clingo.Function("p", [clingo.String("a"), clingo.Number(n)])])
              for n in (-1, 0, 7)]
    _unwrap = _unwrap_direct if list(_unwrap_direct(_probe)) == list(_unwrap_public(_probe)) else _unwrap_public
except Exception:   # noqa: BLE001 (another clingo: the public API)
    _unwrap = _unwrap_public


_FACT = re.compile(r"^([a-z_][A-Za-z0-9_']*)(?:\((.*)\))?\.$")


def transform(statements: Sequence[Any], sources: Iterable[str] = ()) -> SharedProgram:
    """The shared program of ``statements`` (clingo AST of the rules): the
    predicates named in ``sources`` (those the applicant facts use) and the
    inputs of the rules (read, never derived) are the applicant's facts."""
    analysed = [_analyse(s) for s in statements if s.ast_type != ast.ASTType.Comment]
    derived = {sig for a in analysed for sig in a.heads}
    mentioned = {sig for a in analysed for sig in a.mentions}
    declared = {(a.node.name, a.node.arity) for a in analysed
                if a.node.ast_type in (ast.ASTType.ShowSignature, ast.ASTType.Defined, ast.ASTType.ProjectSignature)
                and a.node.name}
    source_names = set(sources)
    dependent = (mentioned - derived) | (declared - derived)
    dependent |= {sig for sig in mentioned | declared if sig[0] in source_names}
    changed = True
    while changed:
        changed = False
        for a in analysed:
            if a.heads - dependent and (a.mentions & dependent):
                dependent |= a.heads
                changed = True

    show_terms = {(a.node.term.name, len(a.node.term.arguments)) for a in analysed
                  if a.node.ast_type == ast.ASTType.ShowTerm and a.node.term.ast_type == ast.ASTType.Function}
    taken = mentioned | declared | show_terms
    names: dict[Signature, str] = {}

    def fresh(name: str, arity: int) -> str:
        candidate, k = name, 0
        while (candidate, arity) in taken:
            k += 1
            candidate = f"{name}_{k}"
        taken.add((candidate, arity))
        return candidate

    for sig in sorted(dependent):
        names[sig] = fresh(sig[0], sig[1] + 1)
    applicant = fresh("applicant", 1)
    shows = fresh("shows", 2)
    variables = {v for a in analysed for v in a.variables}
    variable = ID_VARIABLE
    while any(v.startswith(variable) for v in variables):
        variable += "_"

    rewriter = _Rewriter(dependent, names, applicant)
    out: list[Any] = []
    signatures_shown: list[tuple[Any, str, int, int]] = []
    hidden = False      # atoms are shown unless some "#show p/n." or "#show." hides them
    for a in analysed:
        node = a.node
        kind = node.ast_type
        if kind == ast.ASTType.ShowSignature:
            hidden = True
            if node.name:
                signatures_shown.append((node.location, node.name, node.arity, node.positive))
            continue
        if kind in (ast.ASTType.Defined, ast.ASTType.ProjectSignature):
            sig = (node.name, node.arity)
            if sig in dependent:
                node = node.update(name=names[sig], arity=node.arity + 1)
            out.append(node)
            continue
        touched = bool(a.mentions & dependent)
        term = ast.Variable(node.location, variable)
        if kind == ast.ASTType.ShowTerm:
            if touched:
                node = node.update(term=_shows(node.location, shows, term, node.term),
                                   body=rewriter.body(node.body, term))
            else:
                node = node.update(term=_shows(node.location, shows, _number(node.location, -1), node.term))
        elif not touched:
            pass
        elif kind == ast.ASTType.Rule:
            node = node.update(head=rewriter.atoms(node.head, term), body=rewriter.body(node.body, term))
        elif kind == ast.ASTType.Minimize:
            node = node.update(terms=[term, *node.terms], body=rewriter.body(node.body, term))
        elif kind == ast.ASTType.External:
            node = node.update(atom=rewriter.atoms(node.atom, term), body=rewriter.body(node.body, term))
        else:
            raise Unsupported(f"a {kind} statement about applicant facts")
        out.append(node)
    location = statements[0].location if statements else _LOCATION
    if not hidden:      # every atom is shown (but the applicants' numbers)
        signatures_shown = [(location, name, arity, positive) for name, arity in sorted(mentioned)
                            for positive in (1, 0)]
    out.append(ast.ShowSignature(location, "", 0, 1))   # "#show.": only the shows(N, Atom) terms
    for location, name, arity, positive in signatures_shown:
        # "#show p/2." -> "#show shows(N, p(X1, X2)) : p(N, X1, X2)." (N = -1: shared)
        args = [ast.Variable(location, f"{variable}_{i}") for i in range(arity)]
        atom = _signed(location, ast.Function(location, name, args, 0), positive)
        sig = (name, arity)
        if sig in dependent:
            term = ast.Variable(location, variable)
            body = _signed(location, ast.Function(location, names[sig], [term, *args], 0), positive)
        else:
            term, body = _number(location, -1), atom
        out.append(ast.ShowTerm(location, _shows(location, shows, term, atom),
                                [ast.Literal(location, ast.Sign.NoSign, ast.SymbolicAtom(body))]))
    by_name: dict[str, str] = {}
    for (name, _), new in sorted(names.items()):
        by_name[name] = new if by_name.get(name, new) == new else ""
    return SharedProgram(tuple(out), names, applicant, shows, {k: v for k, v in by_name.items() if v})


def _shows(location: Any, shows: str, number: Any, term: Any) -> Any:
    return ast.Function(location, shows, [number, term], 0)


def _number(location: Any, n: int) -> Any:
    return ast.SymbolicTerm(location, clingo.Number(n))


def _signed(location: Any, function: Any, positive: int) -> Any:
    return function if positive else ast.UnaryOperation(location, ast.UnaryOperator.Minus, function)


_LOCATION = ast.Location(ast.Position("<shared>", 1, 1), ast.Position("<shared>", 1, 1))


class _Rewriter(ast.Transformer):
    """Gives every atom of a dependent predicate the applicant term."""

    def __init__(self, dependent: set[Signature], names: dict[Signature, str], applicant: str):
        self.dependent = dependent
        self.names = names
        self.applicant = applicant
        self.term: Any = None

    def atoms(self, node: Any, term: Any) -> Any:
        self.term = term
        return self(node)

    def body(self, body: Sequence[Any], term: Any) -> list[Any]:
        """The body with the applicant term; bound by ``applicant(Id)`` if
        no positive literal of a dependent predicate binds it already."""
        self.term = term
        binds = any(lit.ast_type == ast.ASTType.Literal and lit.sign == ast.Sign.NoSign
                    and lit.atom.ast_type == ast.ASTType.SymbolicAtom
                    and any(sig in self.dependent for sig in _atom_signature(lit.atom.symbol))
                    for lit in body)
        out = [self(lit) for lit in body]
        if not binds and term.ast_type == ast.ASTType.Variable:
            location = term.location
            out.insert(0, ast.Literal(location, ast.Sign.NoSign, ast.SymbolicAtom(
                ast.Function(location, self.applicant, [term], 0))))
        return out

    def visit_SymbolicAtom(self, node: Any) -> Any:  # noqa: N802
        return node.update(symbol=self._term(node.symbol))

    def _term(self, term: Any) -> Any:
        kind = term.ast_type
        if kind == ast.ASTType.Pool:
            return term.update(arguments=[self._term(t) for t in term.arguments])
        if kind == ast.ASTType.UnaryOperation:
            return term.update(argument=self._term(term.argument))
        if kind == ast.ASTType.SymbolicTerm:
            symbol = term.symbol
            sig = (symbol.name, len(symbol.arguments))
            if sig not in self.dependent:
                return term
            args = [ast.SymbolicTerm(term.location, a) for a in symbol.arguments]
            return _signed(term.location, ast.Function(term.location, self.names[sig], [self.term, *args], 0),
                           symbol.positive)
        sig = (term.name, len(term.arguments))
        if sig not in self.dependent:
            return term
        return term.update(name=self.names[sig], arguments=[self.term, *term.arguments])


# --- the program of the rules, once per process ------------------------------

def _parse(text: str) -> tuple[Any, ...]:
    out: list[Any] = []
    if text.strip():
        ast.parse_string(text, lambda s: out.append(s) if s.ast_type != ast.ASTType.Comment else None)
    return tuple(out)


@lru_cache(maxsize=16)
def program(days: bool = False, overlay: str = "", sources: frozenset[str] = frozenset()) -> SharedProgram:
    """The shared program of the rules of an evaluation without unknown
    facts (with the days of change for ``days``), with an overlay's rules
    (a reform: ``engine.Overlay.program``, added as ``engine.control`` adds
    it), ``sources`` naming further predicates the facts use."""
    statements = kb.statements(False, False, True, days) + _parse(overlay)
    return transform(statements, sources)


def _fact_names(texts: Iterable[str]) -> set[str]:
    return {m.group(1) for text in texts for m in map(_FACT.match, text.splitlines()) if m}


# --- many applicants ------------------------------------------------------------

def derive_many(applicants: Sequence[Applicant], *, law_date: _dt.date | None = None,
                days: bool = False) -> list[engine.Derivation] | None:
    """What ``engine.derive`` derives for each applicant (none with unknown
    facts), from one shared program; None if that program has other than
    one answer (then some applicant's own program has too). Raises
    Unsupported where the rules or the facts are beyond the transformation."""
    if any(a.unknown for a in applicants):
        raise Unsupported("facts unknown: each such applicant needs a program of their own")
    overlay = engine.current_overlay().program
    texts = [applicant_facts(a, law_date=law_date) for a in applicants]
    shared = program(days, overlay)
    missing = _fact_names(texts) - set(shared.by_name)
    if missing:     # facts of predicates the rules also derive: numbered too
        shared = program(days, overlay, frozenset(missing))
    lines: list[str] = []
    for number, text in enumerate(texts):
        lines.extend(shared.facts(number, text))
    ctl = clingo.Control(["--warn=none", "--models=2"])
    with ProgramBuilder(ctl) as builder:
        for statement in shared.statements:
            builder.add(statement)
    ctl.add("base", [], "\n".join(lines))
    ctl.ground([("base", [])], context=Calendar())
    models: list[list[clingo.Symbol]] = []
    with ctl.solve(yield_=True) as handle:
        for model in handle:
            models.append(model.symbols(shown=True))
    if len(models) != 1:
        return None
    return [engine.Derivation(atoms, atoms) for atoms in shared.split(models[0], len(applicants))]
