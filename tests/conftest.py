"""Shared helpers for the tests: build an applicant from a few facts, and
ask what the knowledge base derived for it."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pypermit import Report, evaluate


def merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``overrides`` merged in, nested mappings merged key by key."""
    out = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def person(**facts: Any) -> dict[str, Any]:
    """An applicant file (as a dict): an adult born 1990-05-01 with a stay
    since 2015, decided on 2026-11-21, with whatever ``facts`` say."""
    base = {
        "as_of": "2026-11-21",
        "birth_date": "1990-05-01",
        "stay": [{"since": "2015-01-01", "status": "duldung"}],
    }
    return merge(base, facts)


def report(applicant: dict[str, Any], **kwargs: Any) -> Report:
    return evaluate(applicant, **kwargs)


def status(applicant: dict[str, Any], permit: str, **kwargs: Any) -> str:
    """The status of one permit for this applicant."""
    return evaluate(applicant, unlock=False, **kwargs).permit(permit).status


def condition(applicant: dict[str, Any], permit: str, condition_id: str, **kwargs: Any) -> str:
    """``met`` or ``unmet``: one condition of one permit."""
    return evaluate(applicant, unlock=False, **kwargs).permit(permit).condition(condition_id).status


@pytest.fixture
def evaluate_fn():
    return evaluate
