"""The ``pypermit`` command."""

from pypermit.cli.main import main

__all__ = ["main"]
