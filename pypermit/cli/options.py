"""The options and the error handling every command shares, one
definition each: the dates are checked by the API like the file's, so a bad
one is refused like any other bad input (one line per problem, or error-v1
JSON with ``--format json``, and exit status 2)."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any

import click

from pypermit.errors import Error, InvalidApplicant, KnowledgeBaseError, Problem


def _locale_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    """--lang, else the language of the locale, else English."""
    if value:
        return value
    import locale
    import os
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        env = os.environ.get(name)
        if env:
            return "de" if env.lower().startswith("de") else "en"
    lang = (locale.getlocale()[0] or "")
    return "de" if lang.lower().startswith("de") else "en"


# The options every command shares, one definition each; common_options
# puts together those of the commands that read one applicant file. Dates
# are checked by the API, like the file's, so a bad one is refused like any
# other bad input (one line, or error-v1 JSON).
file_argument = click.argument("file", metavar="FILE")
as_of_option = click.option("--as-of", metavar="DATE", help="Decide on this day instead of the file's as_of.")
law_date_option = click.option("--law-date", metavar="DATE",
                               help="Apply the law in force on this day to the facts of as_of.")
lang_option = click.option("--lang", type=click.Choice(["en", "de"]), default=None, callback=_locale_lang,
                           help="Language of the texts (default: from the locale, else English).")


#: What click's option and argument decorators are to a command function.
_Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def format_option(*choices: str, help: str = "Text for people, JSON (report-v1) for programs.") -> _Decorator:
    """--format with these choices, the first one the default."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=choices[0],
                        show_default=True, help=help)


def fail(error: Error, fmt: str = "text") -> None:
    """Say what was refused and exit: error-v1 JSON on standard output with
    ``--format json``, else one line per problem on standard error. Exit 2
    for bad input, 1 for a defect of the knowledge base."""
    if fmt == "json":
        click.echo(json.dumps(error.to_dict(), ensure_ascii=False, indent=2))
    else:
        for problem in error.problems:
            click.echo(f"error: {problem}", err=True)
    sys.exit(1 if isinstance(error, KnowledgeBaseError) else 2)


def refuses_bad_input(func: Callable[..., Any]) -> Callable[..., Any]:
    """Bad input refused with one line per problem (or error-v1 JSON) and
    exit status 2, nothing evaluated."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except Error as exc:
            fail(exc, kwargs.get("fmt", "text"))
    return wrapper


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--as-of, --law-date, --format and --lang, the same on every command."""
    return file_argument(as_of_option(law_date_option(format_option("text", "json")(
        lang_option(refuses_bad_input(func))))))


class Group(click.Group):
    """Command-line mistakes (a missing argument, an unknown option or
    choice) as error-v1 JSON too when ``--format json`` was asked for."""

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        try:
            result = super().main(argv, prog_name, complete_var, False, **extra)
        except click.ClickException as exc:
            if not _json_asked(argv):
                exc.show()
                sys.exit(exc.exit_code)
            field = getattr(getattr(exc, "param", None), "name", None) or ""
            fail(InvalidApplicant([Problem(field, None, exc.format_message())]), "json")
        except click.exceptions.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def _json_asked(argv: list[str]) -> bool:
    return any(a == "--format=json" or (a == "--format" and b == "json")
               for a, b in zip(argv, argv[1:] + [""], strict=True))
