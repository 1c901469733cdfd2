"""What each endpoint computes, run inside a worker process.

Each task drives the public API (pypermit.api) and returns ``(status,
document)``: the answer in the format the CLI writes, or a problem
document (problems.py) for input the API refuses. Plain dicts cross the
process boundary; nothing here imports the web framework, so a worker
stays small.
"""

from __future__ import annotations

import datetime as _dt
import os
import signal
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from pypermit import api
from pypermit.applicant.load import load_applicant
from pypermit.applicant.model import Applicant
from pypermit.errors import InvalidApplicant, Problem, UnknownPermit
from pypermit.scenarios.whatif import parse_setting
from pypermit.service import problems

QUESTIONS_FORMAT = "pypermit/questions-v1"

Answer = tuple[int, dict[str, Any]]


class OverTime(Exception):
    """A task ran past the per-request time limit (not a TimeoutError: that
    is an OSError, which code reading files catches)."""


#: How soon the alarm rings again where it came at a moment it must not raise.
_AGAIN_SECONDS = 0.002


#: pypermit's own code: the only place the alarm raises.
_OURS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _over_time(signum: int, frame: Any) -> None:
    """Stop the task where that is safe: in pypermit's own code, including a
    calendar function clingo calls back while grounding (clingo hands the
    error back). Elsewhere the alarm may find a finaliser (clingo frees a
    program in ``__del__``), a garbage collector's callback or clingo's
    Python code making an object: an exception there is printed and
    swallowed (the task would run on) or leaves an object half made. There
    the alarm rings again a moment later; pypermit's code runs between any
    two calls into a library, so it is soon found."""
    outer = frame
    while outer is not None:
        if outer.f_code.co_name == "__del__":
            break
        outer = outer.f_back
    if frame is None or outer is not None or not frame.f_code.co_filename.startswith(_OURS + os.sep):
        signal.setitimer(signal.ITIMER_REAL, _AGAIN_SECONDS)
        return
    raise OverTime


def init_worker() -> None:
    """A worker leaves Ctrl-C to the server, which shuts the pool down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def limited(seconds: float, task: Callable[..., Answer], *args: Any) -> Answer:
    """Run ``task`` with an alarm after ``seconds``: clingo calls back into
    Python while it grounds and solves, so the alarm stops a long task."""
    signal.signal(signal.SIGALRM, _over_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return task(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _applicant(body: Mapping[str, Any], as_of: _dt.date | None) -> Applicant:
    """The applicant of the body; problems at ``as_of`` the option caused
    are a bad option (400), all else an invalid applicant (422)."""
    try:
        return load_applicant(body, as_of=as_of)
    except InvalidApplicant as exc:
        if as_of is not None and all(p.path == "as_of" for p in exc.problems):
            raise problems.BadOption(exc.problems) from None
        raise problems.Invalid(exc.problems) from None


@contextmanager
def _options_checked() -> Iterator[None]:
    """Problems the API finds once the applicant is valid concern the options."""
    try:
        yield
    except (InvalidApplicant, UnknownPermit) as exc:
        raise problems.BadOption(exc.problems) from None


def answer(task: Callable[..., Answer], *args: Any) -> Answer:
    """A task's answer, or the problem document for refused input."""
    try:
        return task(*args)
    except problems.Refused as exc:
        return exc.status, exc.document()


def evaluate(body: Mapping[str, Any], as_of: _dt.date | None, law_date: _dt.date | None, lang: str) -> Answer:
    model = _applicant(body, as_of)
    with _options_checked():
        return 200, api.evaluate(model, law_date=law_date, lang=lang).to_dict()


def unlock(body: Mapping[str, Any], as_of: _dt.date | None, law_date: _dt.date | None, lang: str,
           permit: str | None, max_changes: int | None) -> Answer:
    """unlock-v1, computed as ``pypermit unlock`` computes it."""
    model = _applicant(body, as_of)
    with _options_checked():
        report = api.evaluate(model, law_date=law_date, lang=lang, max_changes=max_changes)
    if permit is None:
        return 200, report.unlock_dict()
    try:
        return 200, report.unlock_dict([report.permit(permit)])
    except KeyError:
        raise problems.BadOption([Problem("permit", permit, f"{permit} is not a permit; the permits are "
                                          + ", ".join(p.id for p in report.permits))]) from None


def whatif(body: Mapping[str, Any], as_of: _dt.date | None, law_date: _dt.date | None, lang: str,
           settings: Sequence[str]) -> Answer:
    """whatif-v1; each ``set`` is PATH=VALUE as ``pypermit whatif --set`` takes it."""
    model = _applicant(body, as_of)
    changes: dict[str, Any] = {}
    faults = []
    for text in settings:
        try:
            path, value = parse_setting(text)
            changes[path] = value
        except ValueError as exc:
            faults.append(Problem("set", text, str(exc)))
    if faults or not changes:
        raise problems.BadOption(faults or [Problem("set", None, "give one or more changes as set=PATH=VALUE")])
    with _options_checked():
        return 200, api.whatif(model, changes, law_date=law_date, lang=lang).to_dict()


def compare(body: Mapping[str, Any], as_of: _dt.date | None, law_dates: Sequence[_dt.date], lang: str) -> Answer:
    model = _applicant(body, as_of)
    with _options_checked():
        return 200, api.compare(model, list(law_dates), lang=lang).to_dict()


def timeline(body: Mapping[str, Any], as_of: _dt.date | None, law_date: _dt.date | None, lang: str,
             until: _dt.date | None) -> Answer:
    model = _applicant(body, as_of)
    with _options_checked():
        return 200, api.timeline(model, until, law_date=law_date, lang=lang).to_dict()


def questions(body: Mapping[str, Any], as_of: _dt.date | None, law_date: _dt.date | None) -> Answer:
    """questions-v1: the report's ``questions`` on their own."""
    model = _applicant(body, as_of)
    with _options_checked():
        found = api.next_questions(model, law_date=law_date)
    return 200, {"format": QUESTIONS_FORMAT, "as_of": model.as_of.isoformat(),
                 "questions": [q.to_dict() for q in found]}


def law(date: _dt.date | None, norm: str | None, lang: str) -> Answer:
    with _options_checked():
        return 200, api.law(date, norm=norm, lang=lang).to_dict()


def warm_up() -> int:
    """Load the rules once, so the first request does not pay for it."""
    api.law(_dt.date(2024, 1, 1))
    return os.getpid()
