"""A task stopped by its time limit (the alarm of service.tasks.limited)
stops cleanly wherever the alarm finds it: grounding, solving, reading the
file, clingo freeing a program, or a garbage collector's callback. It raises OverTime and nothing else, and
nothing is printed (Python prints an exception raised inside a finaliser
and swallows it; the task would then run on)."""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator

import pytest

import pypermit
from pypermit.service import tasks

FILE = "examples/darmstadt_refugee_five_years.yaml"


@pytest.fixture
def busy_collector() -> Iterator[None]:
    """A garbage collector that runs often, with a callback doing some work
    (as hypothesis registers one): the alarm may ring inside it."""
    def callback(phase: str, info: dict[str, int]) -> None:
        sum(range(2000))
    thresholds = gc.get_threshold()
    gc.set_threshold(50, 5, 5)
    gc.callbacks.append(callback)
    try:
        yield
    finally:
        gc.callbacks.remove(callback)
        gc.set_threshold(*thresholds)


# pytest reports what a finaliser swallowed as this warning: here an error.
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_the_alarm_stops_a_task_cleanly_wherever_it_rings(capfd: pytest.CaptureFixture[str],
                                                          busy_collector: None) -> None:
    pypermit.evaluate(FILE)                      # warm: the rules read once
    draw = random.Random(20261201)
    stopped = finished = 0
    for _ in range(150):
        try:
            tasks.limited(draw.uniform(0.0005, 0.05), pypermit.evaluate, FILE)
            finished += 1
        except tasks.OverTime:
            stopped += 1
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception ignored" not in err, err[:2000]
    assert stopped > 50 and stopped + finished == 150


def test_over_time_is_no_os_error() -> None:
    """Reading a file turns an OSError into "cannot be read"; the time limit
    must not be taken for one."""
    assert not issubclass(tasks.OverTime, OSError)
