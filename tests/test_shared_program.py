"""The batch engine's shared program (pypermit.engine.shared): one clingo
program for many applicants gives each of them the report
``pypermit.evaluate`` gives them alone, byte for byte."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import clingo
import pytest
from clingo import ast
from conftest import person
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pypermit import InvalidApplicant, Report, evaluate, evaluate_many, load_reform
from pypermit.engine import shared as sp
from pypermit.population.batch import Evaluation
from pypermit.testing import applicants

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from applicants import random_applicants  # noqa: E402

FIVE_YEARS = ROOT / "examples" / "reforms" / "25b_five_years.yaml"


def alone(items: list, **settings) -> list:
    """What ``pypermit.evaluate`` gives for each, one by one."""
    out = []
    for item in items:
        try:
            out.append(evaluate(item, **{"unlock": False, **settings}))
        except InvalidApplicant as exc:
            out.append(exc)
    return out


def same(together: list, one_by_one: list) -> None:
    assert len(together) == len(one_by_one)
    for a, b in zip(together, one_by_one, strict=True):
        assert type(a) is type(b)
        if isinstance(a, Report):
            assert json.dumps(a.to_dict()) == json.dumps(b.to_dict())
        else:
            assert [str(p) for p in a.problems] == [str(p) for p in b.problems]


@pytest.mark.slow
def test_the_benchmark_applicants_get_the_reports_they_get_alone() -> None:
    group = random_applicants(random.Random(20261121), 200)
    together = Evaluation()(group)
    assert all(isinstance(r, Report) for r in together)
    same(together, alone(group))


def test_the_one_program_really_is_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    """One program for the chunk: pypermit.evaluate is not called."""
    group = random_applicants(random.Random(3), 20)
    calls = []
    monkeypatch.setattr(Evaluation, "_one", lambda self, item: calls.append(item))
    Evaluation()(group)
    assert calls == []


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(applicants(), min_size=1, max_size=6))
def test_drawn_applicants_get_the_reports_they_get_alone(group: list) -> None:
    same(Evaluation()(group), alone(group))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(applicants(near="25b"), min_size=1, max_size=4), st.sampled_from(["en", "de"]))
def test_in_either_language_and_under_a_fixed_law_date(group: list, lang: str) -> None:
    same(Evaluation(lang=lang, law_date="2021-06-01")(group), alone(group, lang=lang, law_date="2021-06-01"))


def test_invalid_and_unknown_applicants_keep_their_place() -> None:
    group = random_applicants(random.Random(5), 6)
    group.insert(1, {"birth_date": "1990-01-01"})                  # no stay: invalid
    group.insert(4, person(german="unknown", civics_test="unknown"))  # its own program, with questions
    together = Evaluation()(group)
    assert isinstance(together[1], InvalidApplicant)
    assert any(c.status == "unknown" for p in together[4].permits for c in p.conditions)
    same(together, alone(group))


def test_bad_settings_are_each_applicants_problem_as_alone() -> None:
    group = random_applicants(random.Random(6), 3)
    same(Evaluation(lang="fr")(group), alone(group, lang="fr"))
    same(Evaluation(law_date="2001-01-01")(group), alone(group, law_date="2001-01-01"))


def test_with_unlock() -> None:
    group = random_applicants(random.Random(7), 4)
    same(Evaluation(unlock=True)(group), alone(group, unlock=True))


def test_under_a_reform() -> None:
    from test_reform import ALMOST
    group = random_applicants(random.Random(8), 8) + [ALMOST]
    reform = load_reform(FIVE_YEARS)
    with reform.applied():
        reformed = alone(group)
    same(Evaluation(reform=reform)(group), reformed)
    assert reformed[-1].to_dict() != evaluate(ALMOST, unlock=False).to_dict()


def test_evaluate_many_in_worker_processes_uses_it() -> None:
    group = random_applicants(random.Random(9), 30)
    same(list(evaluate_many(group, workers=2, chunk_size=7)), alone(group))


# --- the transformation on small programs -------------------------------------------

def answers(rules: str, people: list[str]) -> tuple[list[frozenset], list[frozenset]]:
    """The shown atoms of each person's own program, and of the shared one."""
    def own(facts: str) -> frozenset:
        ctl = clingo.Control(["--warn=none"])
        ctl.add("base", [], rules + "\n" + facts)
        ctl.ground([("base", [])])
        with ctl.solve(yield_=True) as handle:
            return frozenset(next(iter(handle)).symbols(shown=True))

    statements: list = []
    ast.parse_string(rules, statements.append)
    shared = sp.transform(statements)
    ctl = clingo.Control(["--warn=none"])
    with ast.ProgramBuilder(ctl) as builder:
        for s in shared.statements:
            builder.add(s)
    ctl.add("base", [], "\n".join(line for i, facts in enumerate(people) for line in shared.facts(i, facts)))
    ctl.ground([("base", [])])
    with ctl.solve(yield_=True) as handle:
        together = shared.split(next(iter(handle)).symbols(shown=True), len(people))
    return [own(facts) for facts in people], together


TOY = """
#defined fact/1.  #defined other/2.
law(1..3).  limit(2).
big(X) :- fact(X), limit(L), X > L.
none :- not big(_).
count(N) :- N = #count{ X : fact(X) }.
all_small :- limit(L), fact(X) : law(X), X <= L.
-odd(X) :- law(X), X \\ 2 = 0.
p(X) :- fact(X).
p(X, Y) :- law(X), law(Y), X < Y.
shown_law(X) :- law(X).
#show big/1.  #show none/0.  #show count/1.  #show all_small/0.  #show -odd/1.
#show p/1.  #show p/2.  #show shown_law/1.
#show pair(X, Y) : other(X, Y).
#show law_pair(X) : limit(X).
"""


def test_toy_program_with_aggregates_conditions_negation_and_collisions() -> None:
    people = ["fact(1).", "fact(3).\nother(1,2).", "", "fact(1).\nfact(2).\nfact(3)."]
    own, together = answers(TOY, people)
    assert together == own


def test_toy_program_without_show_shows_everything_but_the_numbers() -> None:
    rules = "law(1). q(X) :- fact(X), law(X). r :- not q(1)."
    own, together = answers(rules, ["fact(1).", "fact(2).", ""])
    assert together == own
    assert clingo.Function("law", [clingo.Number(1)]) in together[2]


def test_constraints_and_weak_constraints_are_per_person() -> None:
    rules = "{ pick(X) : fact(X) }. :- not pick(_), fact(_). #minimize{ X : pick(X) }. #show pick/1."
    statements: list = []
    ast.parse_string(rules, statements.append)
    shared = sp.transform(statements)
    text = "\n".join(str(s) for s in shared.statements)
    assert "applicant(" in text      # the constraint's id is bound
    ctl = clingo.Control(["--warn=none", "--opt-mode=optN"])
    with ast.ProgramBuilder(ctl) as builder:
        for s in shared.statements:
            builder.add(s)
    ctl.add("base", [], "\n".join(shared.facts(0, "fact(2).\nfact(5).") + shared.facts(1, "fact(2).\nfact(3).")))
    ctl.ground([("base", [])])
    best = []
    with ctl.solve(yield_=True) as handle:
        for model in handle:
            if model.optimality_proven:
                best.append(shared.split(model.symbols(shown=True), 2))
    two = clingo.Function("pick", [clingo.Number(2)])
    assert best and all(parts == [frozenset({two}), frozenset({two})] for parts in best)


def test_a_person_without_an_answer_sends_the_chunk_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    group = random_applicants(random.Random(10), 3)
    monkeypatch.setattr(sp, "derive_many", lambda *a, **k: None)
    same(Evaluation()(group), alone(group))
