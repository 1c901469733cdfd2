"""The ``--reform FILE`` option, shared by the one-person commands in
pypermit.cli and the population commands (a module of its own, so that
pypermit.cli can use it without importing the population commands)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

import click


def _reform(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from pypermit.population.reform import ReformError, load_reform
    try:
        return load_reform(value)
    except ReformError as exc:
        raise click.BadParameter("\n".join(exc.reasons), param_hint=f"'--reform' ({value})") from None


reform_file_option = click.option(
    "--reform", "reform", callback=_reform, metavar="FILE", type=click.Path(exists=True, dir_okay=False),
    help="Apply this reform (YAML figures and/or an .lp overlay, docs/population.md) to the law.")


def reform_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--reform FILE on a command of one person: the command runs under the
    reformed law."""
    @reform_file_option
    @functools.wraps(func)
    def wrapper(*args: Any, reform: Any = None, **kwargs: Any) -> Any:
        with reform.applied() if reform is not None else nullcontext():
            return func(*args, **kwargs)
    return wrapper
