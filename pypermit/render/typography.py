"""Where a line must not break: a no-break space (U+00A0) between "§",
"Abs.", "Satz", "Nr." and their number and between the parts of one
citation ("§ 25b Abs. 1 Satz 2 Nr. 4" is one unit, a line may break before
"AufenthG"), between a number and "%" or "m²", and inside "i. V. m.", in
every text pypermit renders for people (the JSON keeps the plain spaces its
readers compare).

rich, which wraps the terminal's text, breaks at any whitespace, the
no-break space included; :func:`typeset` makes a console keep those spaces
(as Unicode line breaking does, UAX #14) and glue every text it prints.
"""

from __future__ import annotations

import re

from rich.console import Console, ConsoleRenderable, Group, RenderableType, RenderHook
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

NBSP = "\u00a0"
# Spaces a line must not break at: "§ 25", "Abs. 5", "Nr. 1a", "25b Abs.", "55 %", "12 m²", "i. V. m.".
_GLUE = [re.compile(r"(?<=§) (?=\S)"), re.compile(r"(?<=\b(?:Abs|Art)\.) (?=\d)"),
         re.compile(r"(?:(?<=\d)|(?<=\d[a-z])) (?=(?:Abs\.|Satz|Nr\.|S\.)[ \u00a0]\d)"),
         re.compile(r"(?<=\bNr\.) (?=\d)"), re.compile(r"(?<=\bSatz) (?=\d)"),
         re.compile(r"(?<=\bS\.) (?=\d)"), re.compile(r"(?<=\d) (?=%|m²)"),
         re.compile(r"(?<=\bi\.) (?=V\.)"), re.compile(r"(?<=\bV\.) (?=m\.)")]

#: rich's word: a run of characters that are not whitespace, or are a no-break space.
_WORD = re.compile(r"[^\S\u00a0]*[\S\u00a0]+[^\S\u00a0]*")


def unbreakable(text: str) -> str:
    """The text with no-break spaces where a line must not break."""
    for pattern in _GLUE:
        text = pattern.sub(NBSP, text)
    return text


def _glue(renderable: RenderableType) -> RenderableType:
    """``renderable`` with its texts glued (Text in place: the same length,
    its styles stay where they were)."""
    if isinstance(renderable, str):
        return unbreakable(renderable)
    if isinstance(renderable, Text):
        renderable.plain = unbreakable(renderable.plain)
    elif isinstance(renderable, Tree):
        renderable.label = _glue(renderable.label)
        for child in renderable.children:
            _glue(child)
    elif isinstance(renderable, Table):
        if isinstance(renderable.title, str):
            renderable.title = unbreakable(renderable.title)
        elif isinstance(renderable.title, Text):
            _glue(renderable.title)
        for column in renderable.columns:
            column.header = _glue(column.header)
            column._cells[:] = [_glue(cell) for cell in column._cells]
    elif isinstance(renderable, Group):
        for part in renderable.renderables:
            _glue(part)
    return renderable


class _Glue(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        for renderable in renderables:
            _glue(renderable)
        return renderables


def _keep_no_break_spaces() -> None:
    """rich finds the words of a line with one pattern of a private module
    (rich._wrap.re_word, rich 13 to 15); where a later rich has none, its
    own wrapping stays: lines may then break at a no-break space, nothing
    worse (the wording tests say so)."""
    try:
        from rich import _wrap
    except ImportError:
        return
    if isinstance(getattr(_wrap, "re_word", None), re.Pattern):
        _wrap.re_word = _WORD


def typeset(console: Console) -> Console:
    """``console``, gluing every text it prints and breaking lines only
    where a no-break space is not."""
    _keep_no_break_spaces()
    console.push_render_hook(_Glue())
    return console
