"""Populations and reforms: many applicants at once (``evaluate_many``,
``pypermit batch``), changes of the law a researcher writes without touching
``kb/`` (reforms), what a change does across a population, and a synthetic
population to try it on (docs/population.md).

The names below are imported when first used, so that the command line's
``--reform`` option (``population.options``) costs nothing until it is given.
"""

from importlib import import_module
from typing import Any

#: Public name -> the module that holds it.
_HOMES = {"evaluate_many": "batch", "Figure": "reform", "Reform": "reform", "ReformError": "reform",
          "load_reform": "reform"}

__all__ = list(_HOMES)


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
