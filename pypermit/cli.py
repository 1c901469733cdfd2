"""The command line: a thin layer over the public API (pypermit.api).

Every command reads an applicant file, refuses bad input with one line per
problem and exit status 2 (no traceback, nothing evaluated), and prints
text or report-v1 JSON.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import sys
from typing import Any, Callable

import click

from .applicant import InvalidApplicant


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> _dt.date | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value} is not a date (YYYY-MM-DD)") from None


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--as-of, --law-date, --format and --lang, the same on every command."""
    @click.argument("file", type=click.Path(dir_okay=False))
    @click.option("--as-of", callback=_date, metavar="DATE",
                  help="Decide on this day instead of the file's as_of.")
    @click.option("--law-date", callback=_date, metavar="DATE",
                  help="Apply the law in force on this day to the facts of as_of.")
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                  help="Text for people, JSON (report-v1) for programs.")
    @click.option("--lang", type=click.Choice(["en", "de"]), default=None,
                  help="Language of the texts (default: from the locale, else English).")
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs["lang"] = kwargs.get("lang") or _locale_lang()
        try:
            return func(*args, **kwargs)
        except InvalidApplicant as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(2)
    return wrapper


def _locale_lang() -> str:
    import locale
    import os
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "de" if value.lower().startswith("de") else "en"
    lang = (locale.getlocale()[0] or "")
    return "de" if lang.lower().startswith("de") else "en"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pypermit")
def main() -> None:
    """German humanitarian residence law (AufenthG) as a knowledge base:
    which permits a person can get, why, and what would change it."""


@main.command()
@common_options
def check(file: str, as_of: _dt.date | None, law_date: _dt.date | None, fmt: str, lang: str) -> None:
    """Evaluate FILE: every permit's status and effect, and each condition
    met or unmet with its citation."""
    from .api import evaluate
    report = evaluate(file, as_of=as_of, law_date=law_date, lang=lang)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        from .render import console, print_report
        print_report(report, console(), lang)


@main.command()
@common_options
@click.option("--permit", "permit_id", metavar="ID", help="Only this permit (e.g. 25b).")
@click.option("--max-changes", type=click.IntRange(min=1), metavar="N", help="At most N changes in a set.")
def unlock(file: str, as_of: _dt.date | None, law_date: _dt.date | None, fmt: str, lang: str,
           permit_id: str | None, max_changes: int | None) -> None:
    """The smallest sets of changes that would make each permit not yet in
    reach eligible: what to do, and from which day."""
    from .api import evaluate
    report = evaluate(file, as_of=as_of, law_date=law_date, lang=lang, max_changes=max_changes)
    permits = [p for p in report.permits if permit_id is None or p.id == permit_id]
    if permit_id is not None and not permits:
        raise click.BadParameter(f"{permit_id} is not a permit; the permits are "
                                 + ", ".join(p.id for p in report.permits), param_hint="--permit")
    if fmt == "json":
        click.echo(json.dumps({"format": "pypermit/unlock-v1", "as_of": report.as_of.isoformat(),
                               "permits": [{"id": p.id, "status": p.status,
                                            "unlock": [o.to_dict() for o in p.unlock],
                                            **({"unlock_note": p.unlock_note} if p.unlock_note else {})}
                                           for p in permits]}, ensure_ascii=False, indent=2))
    else:
        from .render import console, print_unlock
        print_unlock(permits, console(), lang)


if __name__ == "__main__":
    main()
