"""A guided interview: ask only what can still change an outcome, most
decisive question first, show the running result after each answer, and
write the completed applicant file.

The questions come from the rules (pypermit.questions); this module only
asks them, checks each answer like the file itself, and keeps the data.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Protocol

import yaml

from . import api
from .applicant import InvalidApplicant, applicant_to_dict, load_applicant
from .report import Report
from .unknowns import UNKNOWN, UNKNOWN_LISTS, _split

#: What a new interview leaves open besides birth date and stay: every other
#: fact, so that the questions decide what is asked.
_START_UNKNOWN = ("german", "civics_test", "fdgo_commitment", "fdgo_doubts", "security_threat", "impairment",
                  "integration_prognosis", "identity", "livelihood", "education", "household", "departure",
                  "asylum", "convictions")


class Asker(Protocol):
    """Who answers: a person at a terminal, or a file of answers."""
    scripted: bool

    def ask(self, question: Any, report: Report) -> Any: ...
    def refused(self, error: InvalidApplicant) -> None: ...
    def show(self, report: Report) -> None: ...


def blank(as_of: _dt.date, birth_date: str, stay: list[dict[str, Any]]) -> dict[str, Any]:
    """A new applicant: the decision day, birth and stay; everything else unknown."""
    data: dict[str, Any] = {"as_of": as_of.isoformat(), "birth_date": birth_date, "stay": stay}
    skeleton = applicant_to_dict(load_applicant(dict(data)))
    for key in _START_UNKNOWN:
        if key in UNKNOWN_LISTS or not isinstance(skeleton.get(key), dict):
            data[key] = UNKNOWN
        else:
            data[key] = {k: (v if isinstance(v, list) else UNKNOWN) for k, v in skeleton[key].items()}
            if "children" in data[key]:
                data[key]["children"] = UNKNOWN
    return data


def set_path(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with the field at ``path`` set."""
    out = yaml.safe_load(yaml.safe_dump(_plain(data), sort_keys=False))
    target: Any = out
    parts = _split(path)
    walked: list[str] = []
    for part in parts[:-1]:
        if isinstance(part, str):
            walked.append(part)
        if target[part] == UNKNOWN and ".".join(walked) in UNKNOWN_LISTS:
            # an unknown list stands for one entry of unknown particulars
            target[part] = [{f: UNKNOWN for f in UNKNOWN_LISTS[".".join(walked)]}]
        target = target[part]
    target[parts[-1]] = _plain(value)
    return out


def parse_answer(text: str) -> Any:
    """An answer typed as the file would write it (a YAML scalar)."""
    try:
        return yaml.safe_load(text)
    except (yaml.YAMLError, ValueError):   # e.g. 2019-13-01: PyYAML's date fails
        return text


def run(data: dict[str, Any], asker: Asker, lang: str = "en") -> tuple[dict[str, Any], Report]:
    """Ask until no unknown fact can change an outcome; return the completed
    data and the last report."""
    while True:
        report = api.evaluate(data, lang=lang, unlock=False)
        asker.show(report)
        if not report.questions:
            return data, report
        question = report.questions[0]
        while True:
            try:
                candidate = set_path(data, question.fact, asker.ask(question, report))
                load_applicant(dict(candidate))
            except InvalidApplicant as exc:
                if asker.scripted:
                    raise
                asker.refused(exc)
                continue
            data = candidate
            break


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, _dt.date) else value


def to_yaml(data: dict[str, Any]) -> str:
    """The completed file; facts still unknown stay ``unknown``."""
    return yaml.safe_dump(_plain(data), sort_keys=False, allow_unicode=True)


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
    scripted = False

    def __init__(self, console: Any, lang: str):
        self.console, self.lang = console, lang

    def show(self, report: Report) -> None:
        from .render import permit_table, question_table
        self.console.print(permit_table(report, self.lang))
        if report.questions:
            self.console.print(question_table(report, self.lang))

    def ask(self, question: Any, report: Report) -> Any:
        import click
        return parse_answer(click.prompt(f"{question.fact} [{hint(question)}]", prompt_suffix=": "))

    def refused(self, error: InvalidApplicant) -> None:
        for problem in error.problems:
            self.console.print(f"[red]{problem}[/red]")


class ScriptedAsker:
    """Answers from a mapping (field path -> value), for scripts and tests;
    a question it has no answer for, or a refused answer, ends the interview."""
    scripted = True

    def __init__(self, answers: dict[str, Any], console: Any, lang: str):
        self.answers, self.console, self.lang = answers, console, lang
        self.used: set[str] = set()

    def show(self, report: Report) -> None:
        TerminalAsker.show(self, report)  # type: ignore[arg-type]

    def ask(self, question: Any, report: Report) -> Any:
        if question.fact not in self.answers:
            from .applicant import Problem
            raise InvalidApplicant([Problem(question.fact, None, "the answers file has no answer for it")])
        self.console.print(f"{question.fact}: {self.answers[question.fact]}")
        self.used.add(question.fact)
        return self.answers[question.fact]

    def remaining(self, data: dict[str, Any]) -> dict[str, Any]:
        """The answers never asked for (they changed no outcome), put in the
        file all the same, each checked like the file."""
        for path, value in self.answers.items():
            if path in self.used or path in ("birth_date", "stay"):
                continue
            try:
                candidate = set_path(data, path, value)
                load_applicant(dict(candidate))
            except (InvalidApplicant, KeyError, IndexError, TypeError):
                from .applicant import Problem
                raise InvalidApplicant([Problem(path, value, "cannot be set: no such field, or a value the "
                                                             "file does not accept")]) from None
            data = candidate
        return data

    def refused(self, error: InvalidApplicant) -> None:  # pragma: no cover - scripted answers raise
        raise error
