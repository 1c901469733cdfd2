"""Reading an applicant file within limits.

Nothing is parsed before it is known to be small and a regular file (or
``-``, standard input, read no further than the limit either); then its text
is parsed within the limits of applicant.text. Each refusal is one
:class:`~pypermit.errors.Problem` naming the file.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any

from pypermit.applicant.text import MAX_BYTES, STDIN, file_problem, read_applicant_text, too_large
from pypermit.errors import InvalidApplicant

# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(name: str, mode: int) -> InvalidApplicant:
    kind = next((text for test, text in _KINDS if test(mode)), "not a regular file")
    return file_problem(name, f"cannot be read: it is {kind}, not a regular file; "
                               "give an applicant file, or - for standard input")


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file, or of standard input for ``-``; never
    more than MAX_BYTES + 1 are read, and nothing else is opened."""
    name = STDIN if path == "-" else path
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        try:
            mode = os.stat(path).st_mode
            if not stat.S_ISREG(mode):
                raise _not_regular(name, mode)
            # O_NONBLOCK: should the path become a FIFO meanwhile, opening it does not wait.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as stream:
                mode = os.fstat(stream.fileno()).st_mode
                if not stat.S_ISREG(mode):
                    raise _not_regular(name, mode)
                data = stream.read(MAX_BYTES + 1)
        except OSError as exc:
            raise file_problem(name, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise too_large(name)
    return data


def read_applicant_file(path: str | Path) -> dict[str, Any]:
    """The raw mapping in a YAML or JSON file (``.json``, or standard input
    that starts with ``{``, is read as JSON), numbers as :class:`Numeral`.

    Raises InvalidApplicant for a file that cannot be read, goes beyond the
    limits, is empty, is not valid YAML/JSON, or does not hold a mapping --
    each with the file as path.
    """
    path = str(path)
    name = STDIN if path == "-" else path
    try:
        text = read_bytes(path).decode("utf-8-sig")   # a byte order mark is fine
    except UnicodeDecodeError:
        raise file_problem(name, "cannot be read: it is not UTF-8 text") from None
    as_json = path.lower().endswith(".json") or (path == "-" and text.lstrip().startswith("{"))
    return read_applicant_text(text, name, as_json=as_json)
