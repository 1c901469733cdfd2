"""A guided interview: ask only what can still change an outcome, most
decisive question first, show the running result after each answer, and
write the completed applicant file.

The questions come from the rules (pypermit.questions); this module only
asks them, checks each answer like the file itself as soon as it is given
(asking again with the reason), and keeps the data: stopped by Ctrl-C or
the end of the input, it hands back what was answered so far
(:class:`Interrupted`), so nothing typed is lost.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import click
import yaml
from rich.markup import escape

from pypermit import api
from pypermit.applicant import paths
from pypermit.applicant.load import load_applicant
from pypermit.applicant.partial import blank, set_path
from pypermit.applicant.scalars import Numeral
from pypermit.applicant.text import read_scalar
from pypermit.errors import InvalidApplicant, Problem
from pypermit.report.model import Report

#: What stops an interview without losing its answers: Ctrl-C, the end of the input.
_STOPS = (KeyboardInterrupt, EOFError, click.exceptions.Abort)


class Interrupted(Exception):
    """The interview was stopped; ``data`` is what was answered so far."""

    def __init__(self, data: dict[str, Any]):
        super().__init__("interrupted")
        self.data = data


class Asker(Protocol):
    """Who answers: a person at a terminal, or a file of answers."""

    def ask(self, question: Any, report: Report) -> Any: ...
    def refused(self, error: InvalidApplicant) -> None: ...
    def show(self, report: Report) -> None: ...


def parse_answer(text: str) -> Any:
    """An answer typed as the file would write it (a YAML scalar, read like the file)."""
    return read_scalar(text)


def problems_at(data: dict[str, Any], path: str) -> list[Problem]:
    """The problems ``data`` has at ``path`` (or inside it); others are not
    this answer's business."""
    try:
        load_applicant(dict(data))
    except InvalidApplicant as exc:
        return [p for p in exc.problems if p.path == path or p.path.startswith((path + ".", path + "["))]
    return []


def run(data: dict[str, Any], asker: Asker, lang: str = "en") -> tuple[dict[str, Any], Report]:
    """Ask until no unknown fact can change an outcome; return the completed
    data and the last report. Raises Interrupted with the data so far when
    stopped."""
    try:
        while True:
            report = api.evaluate(data, lang=lang, unlock=False)
            asker.show(report)
            if not report.questions:
                return data, report
            question = report.questions[0]
            while True:
                candidate = set_path(data, question.fact, asker.ask(question, report))
                try:
                    model = load_applicant(dict(candidate))
                except InvalidApplicant as exc:
                    asker.refused(exc)     # an answer from a file: raises
                    continue
                # kept as the format spells it (b1 -> B1, ja -> true)
                data = set_path(data, question.fact, paths.get(model.model_dump(), question.fact))
                break
    except _STOPS:
        raise Interrupted(data) from None


def begin(as_of: Any, given: dict[str, Any], terminal: TerminalAsker) -> dict[str, Any]:
    """A new interview: the birth date and the stay from ``given`` (an
    answers file) or asked at the terminal, each answer checked as it is
    typed. Raises Interrupted with what was answered when stopped."""
    as_of = str(as_of)
    bad_day = problems_at({"as_of": as_of, "birth_date": as_of, "stay": [{"since": as_of, "status": "duldung"}]},
                          "as_of")
    if bad_day:
        raise InvalidApplicant(bad_day)
    data: dict[str, Any] = {"as_of": as_of}
    try:
        birth = given.get("birth_date")
        if birth is None:
            birth = terminal.ask_checked("birth_date [YYYY-MM-DD]", "birth_date", lambda v: {
                **data, "birth_date": v, "stay": [{"since": as_of, "status": "duldung"}]})
        data["birth_date"] = birth
        data["stay"] = given.get("stay") or _stay(data, terminal)
    except _STOPS:
        raise Interrupted(data) from None
    return blank(as_of, data["birth_date"], data["stay"])


def _stay(data: dict[str, Any], terminal: TerminalAsker) -> list[dict[str, Any]]:
    """Stay periods typed at the terminal, oldest first, each part checked as typed."""
    periods: list[dict[str, Any]] = []
    data["stay"] = periods
    while True:
        period = _next_period(data, periods, terminal)
        if period is None:
            return periods
        periods.append(period)


def _next_period(data: dict[str, Any], periods: list[dict[str, Any]],
                 terminal: TerminalAsker) -> dict[str, Any] | None:
    """The period after ``periods``, each part checked as typed; None for
    an empty answer (once there is a period)."""
    i = len(periods)

    def with_period(period: dict[str, Any]) -> dict[str, Any]:
        return {**data, "stay": [*periods, period]}

    since = terminal.ask_checked("stay period since [YYYY-MM-DD, empty to finish]", f"stay[{i}].since",
                                 lambda v: with_period({"since": v, "status": "duldung"}), empty_ok=bool(periods))
    if since is None:
        return None
    status = terminal.ask_checked("  status", f"stay[{i}].status", lambda v: with_period(
        {"since": since, "status": v, **({"basis": "other"} if v == "permit" else {})}))
    period = {"since": since, "status": status}
    if status == "permit":
        period["basis"] = terminal.ask_checked("  basis", f"stay[{i}].basis", lambda v: with_period(
            {"since": since, "status": "permit", "basis": v}))
    return period


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Numeral):
        return str(value) if value.value is None else value.value
    return value.isoformat() if isinstance(value, _dt.date) else value


def to_yaml(data: dict[str, Any]) -> str:
    """The completed file; facts still unknown stay ``unknown``."""
    return yaml.safe_dump(_plain(data), sort_keys=False, allow_unicode=True)


def save_partial(data: dict[str, Any], output: str | None) -> tuple[str, str]:
    """Write what was answered so far to ``output`` or to a new file named
    for the moment; (where it is, the command that goes on from there)."""
    path = output or f"interview-partial-{_dt.datetime.now():%Y%m%d-%H%M%S}.yaml"
    Path(path).write_text(to_yaml(data), encoding="utf-8")
    try:
        load_applicant(dict(data))
        return path, f"pypermit interview {path}"
    except InvalidApplicant:   # birth date or stay still open: go on from the answers
        return path, f"pypermit interview --answers {path}"


def hint(question: Any) -> str:
    """What an answer looks like: the choices, or the kind of value."""
    values = question.values
    if values and all(isinstance(v, _dt.date) for v in values):
        return "YYYY-MM-DD"
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "a number"
    return "/".join(str(v).lower() if isinstance(v, bool) else str(v) for v in values)


class TerminalAsker:
    """Asks a person at the terminal; a refused answer is asked again."""

    def __init__(self, console: Any, lang: str):
        self.console, self.lang = console, lang

    def show(self, report: Report) -> None:
        from pypermit.render.report import permit_table, question_table
        self.console.print(permit_table(report, self.lang))
        if report.questions:
            self.console.print(question_table(report, self.lang))

    def ask(self, question: Any, report: Report) -> Any:
        return parse_answer(click.prompt(f"{question.fact} [{hint(question)}]", prompt_suffix=": "))

    def ask_checked(self, prompt: str, path: str, candidate: Callable[[Any], dict[str, Any]],
                    empty_ok: bool = False) -> Any:
        """Ask until the answer gives no problem at ``path`` in ``candidate(answer)``
        (None for an empty answer where ``empty_ok``)."""
        while True:
            text = click.prompt(prompt, default="", show_default=False, prompt_suffix=": ")
            if not text.strip():
                if empty_ok:
                    return None
                continue
            value = parse_answer(text)
            problems = problems_at(candidate(value), path)
            if not problems:
                return value
            self.refused(InvalidApplicant(problems))

    def refused(self, error: InvalidApplicant) -> None:
        for problem in error.problems:
            self.console.print(f"[red]{escape(str(problem))}[/red]", highlight=False)


class ScriptedAsker:
    """Answers from a mapping (field path -> value), for scripts and tests;
    a question it has no answer for is asked at the terminal, a refused
    answer from the mapping ends the interview."""

    def __init__(self, answers: dict[str, Any], terminal: TerminalAsker):
        self.answers, self.terminal = answers, terminal
        self.used: set[str] = set()
        self.from_file = False

    def show(self, report: Report) -> None:
        self.terminal.show(report)

    def ask(self, question: Any, report: Report) -> Any:
        self.from_file = question.fact in self.answers and question.fact not in self.used
        if not self.from_file:
            return self.terminal.ask(question, report)
        self.terminal.console.print(f"{question.fact}: {self.answers[question.fact]}", markup=False,
                                    highlight=False)
        self.used.add(question.fact)
        return self.answers[question.fact]

    def refused(self, error: InvalidApplicant) -> None:
        if self.from_file:
            raise error
        self.terminal.refused(error)

    def remaining(self, data: dict[str, Any]) -> dict[str, Any]:
        """The answers never asked for (they changed no outcome), put in the
        file all the same, each checked like the file."""
        for path, value in self.answers.items():
            if path in self.used or path in ("as_of", "birth_date", "stay"):
                continue
            try:
                candidate = set_path(data, path, value)
                load_applicant(dict(candidate))
            except (InvalidApplicant, KeyError, IndexError, TypeError):
                raise InvalidApplicant([Problem(path, value, "cannot be set: no such field, or a value the "
                                                             "file does not accept")]) from None
            data = candidate
        return data
