"""Names of a package imported on first use (PEP 562): a cold command
loads only the modules it needs (``pypermit --help`` no pydantic model, a
JSON check no renderer)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def exports(package: str, where: Mapping[str, str], names: list[str]) -> tuple[Callable[[str], Any],
                                                                              Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: each name in
    ``where`` imported from its module when first asked for, then kept in
    the package's namespace; ``names``: its ``__all__``."""
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        if name in where:
            value = getattr(importlib.import_module(where[name]), name)
            namespace[name] = value
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted(names)

    return __getattr__, __dir__
