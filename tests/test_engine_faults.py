"""A defect of the knowledge base is reported as KnowledgeBaseError (exit
status 1 at the command line), never as an error of Python."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

import pytest

from pypermit import engine
from pypermit.applicant.load import load_applicant
from pypermit.engine.search import Search
from pypermit.errors import KnowledgeBaseError

PERSON = {"as_of": "2026-11-21", "birth_date": "1985-04-04",
          "stay": [{"since": "2020-11-10", "status": "asylum_procedure"}, {"since": "2022-05-01", "status": "duldung"}]}


class _Model:
    def symbols(self, shown: bool = False) -> list[Any]:
        return []

    def contains(self, atom: Any) -> bool:
        return False


class _TwoAnswers:
    """A program that answers twice where the rules must answer once."""

    def __init__(self, ctl: Any) -> None:
        self.ctl = ctl   # kept: its atoms live as long as it does

    @property
    def symbolic_atoms(self) -> Any:
        return self.ctl.symbolic_atoms

    def solve(self, **_: Any) -> Any:
        return nullcontext([_Model(), _Model()])


def test_two_answers_on_a_day_is_a_knowledge_base_error() -> None:
    applicant = load_applicant(PERSON)
    days = engine.change_days(engine.derive(applicant, days=True))
    search = Search(applicant, days)
    search.ctl = _TwoAnswers(search.ctl)
    with pytest.raises(KnowledgeBaseError, match="2 answers on day"):
        search.on_day(days[0])
