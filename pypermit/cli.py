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
from pathlib import Path
from typing import Any, Callable

import click

from .applicant import InvalidApplicant
from .population.options import reform_option


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> _dt.date | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value} is not a date (YYYY-MM-DD)") from None


# The options every command shares, one definition each; common_options
# puts together those of the commands that read one applicant file.
file_argument = click.argument("file", type=click.Path(dir_okay=False))
as_of_option = click.option("--as-of", callback=_date, metavar="DATE",
                            help="Decide on this day instead of the file's as_of.")
law_date_option = click.option("--law-date", callback=_date, metavar="DATE",
                               help="Apply the law in force on this day to the facts of as_of.")
lang_option = click.option("--lang", type=click.Choice(["en", "de"]), default=None,
                           help="Language of the texts (default: from the locale, else English).")


def format_option(*choices: str, help: str = "Text for people, JSON (report-v1) for programs.") -> Callable[..., Any]:
    """--format with these choices, the first one the default."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=choices[0],
                        show_default=True, help=help)


def refuses_bad_input(func: Callable[..., Any]) -> Callable[..., Any]:
    """The language from the locale unless --lang says; bad input refused
    with one line per problem and exit status 2, nothing evaluated."""
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


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--as-of, --law-date, --format and --lang, the same on every command."""
    return file_argument(as_of_option(law_date_option(format_option("text", "json")(
        lang_option(refuses_bad_input(func))))))


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
@reform_option
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
@reform_option
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


# --- what-if, law dates, time passing, the law itself -------------------------

def _dates(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[_dt.date, ...]:
    return tuple(_date(ctx, param, v) for v in values)


def _settings(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, Any]:
    from .changes import parse_setting
    out: dict[str, Any] = {}
    for text in values:
        try:
            path, value = parse_setting(text)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
        out[path] = value
    return out


def _plot_path(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from .plot import PlotUnavailable, check
    try:
        return check(value)
    except PlotUnavailable as exc:
        raise click.BadParameter(str(exc)) from None


def _echo_json(data: dict[str, Any]) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command()
@reform_option
@file_argument
@as_of_option
@law_date_option
@format_option("text", "json", help="Text for people, JSON (whatif-v1: both reports, the changes, the differences).")
@lang_option
@click.option("--set", "settings", multiple=True, required=True, metavar="PATH=VALUE", callback=_settings,
              help="Change a field of the file, e.g. german=B1, identity.clarified=true, "
                   "stay[1].status=duldung, as_of=2027-03-01 (repeatable).")
@refuses_bad_input
def whatif(file: str, as_of: _dt.date | None, law_date: _dt.date | None, fmt: str, lang: str,
           settings: dict[str, Any]) -> None:
    """The same person before and after the changes: which permits change
    status or effect, and the conditions that explain it."""
    from .api import whatif as what_if
    result = what_if(file, settings, as_of=as_of, law_date=law_date, lang=lang)
    if fmt == "json":
        _echo_json(result.to_dict())
    else:
        from .render import console
        from .render_changes import print_whatif
        print_whatif(result, console(), lang)


@main.command()
@reform_option
@file_argument
@as_of_option
@click.option("--law-date", "law_dates", multiple=True, required=True, callback=_dates, metavar="DATE",
              help="The law in force on this day; two or more, each compared with the next.")
@format_option("text", "json", help="Text for people, JSON (compare-v1: a report per law date, the differences).")
@lang_option
@refuses_bad_input
def compare(file: str, as_of: _dt.date | None, law_dates: tuple[_dt.date, ...], fmt: str, lang: str) -> None:
    """What a change of the law alone did to this person: the permits under
    the law of each date side by side, and the conditions behind each
    difference."""
    if len(law_dates) < 2:
        raise click.BadParameter("give two or more law dates to compare", param_hint="'--law-date'")
    from .api import compare as compare_laws
    result = compare_laws(file, law_dates, as_of=as_of, lang=lang)
    if fmt == "json":
        _echo_json(result.to_dict())
    else:
        from .render import console
        from .render_changes import print_comparison
        print_comparison(result, console(), lang)


@main.command()
@reform_option
@file_argument
@as_of_option
@law_date_option
@format_option("text", "json", help="Text for people, JSON (timeline-v1) for programs.")
@lang_option
@click.option("--until", callback=_date, metavar="DATE", help="The last day to look at (default: five years after as_of).")
@click.option("--plot", "plot_path", callback=_plot_path, metavar="FILE",
              help="Also draw the timeline to FILE.svg or FILE.png (needs matplotlib: pypermit[plot]).")
@refuses_bad_input
def timeline(file: str, as_of: _dt.date | None, law_date: _dt.date | None, fmt: str, lang: str,
             until: _dt.date | None, plot_path: Any) -> None:
    """Nothing changes but time: every day until --until on which a permit's
    status or effect changes, and why, with a chart of the period."""
    from .api import timeline as time_line
    result = time_line(file, until, as_of=as_of, law_date=law_date, lang=lang)
    if plot_path is not None:
        from .plot import draw
        try:
            draw(result, plot_path, lang)
        except OSError as exc:
            raise click.BadParameter(f"cannot write {plot_path}: {exc.strerror or exc}",
                                     param_hint="'--plot'") from None
    if fmt == "json":
        _echo_json(result.to_dict())
    else:
        from .render import console
        from .render_changes import print_timeline
        print_timeline(result, console(), lang)


@main.command()
@click.option("--date", "day", callback=_date, metavar="DATE", help="The law in force on this day (default: today).")
@click.option("--norm", metavar="ID", help="Only this norm (e.g. 25a).")
@format_option("text", "json", "md", help="Text for people, JSON (law-v1) for programs, Markdown for docs/.")
@lang_option
@refuses_bad_input
def law(day: _dt.date | None, norm: str | None, fmt: str, lang: str) -> None:
    """What each norm asks on a day: its conditions with strength, citation
    and what the report says when they are unmet, its effect, and the dates
    of its versions, read from the rules."""
    from .api import law as law_on
    book = law_on(day, norm=norm, lang=lang)
    if fmt == "json":
        _echo_json(book.to_dict())
    elif fmt == "md":
        from .render_law import markdown
        command = " ".join(["pypermit law", f"--date {book.date}", *([f"--norm {norm}"] if norm else []),
                            "--format md", *([f"--lang {lang}"] if lang != "en" else [])])
        click.echo(markdown(book, lang, command=command), nl=False)
    else:
        from .render import console
        from .render_law import print_lawbook
        print_lawbook(book, console(), lang)


@main.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@as_of_option
@lang_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="OUT.yaml",
              help="Write the completed applicant file here.")
@click.option("--answers", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="Answer from this YAML mapping (field path: value) instead of asking.")
@refuses_bad_input
def interview(file: str | None, as_of: _dt.date | None, lang: str, output: str | None,
              answers: str | None) -> None:
    """A guided interview: starting from FILE (or nothing), ask only the
    questions whose answer can still change an outcome, most decisive first,
    show the running result, and write the completed applicant file."""
    from . import interview as iv
    from .applicant import applicant_to_dict, load_applicant, read_applicant_file
    from .render import console
    # The running result goes to the terminal; with no -o the completed file
    # goes to standard output, so the display then goes to standard error.
    out = console() if output else console(sys.stderr)
    scripted = read_applicant_file(answers) if answers else None
    asker = (iv.ScriptedAsker(scripted, out, lang) if scripted is not None else iv.TerminalAsker(out, lang))
    if file:
        data = applicant_to_dict(load_applicant(file, as_of=as_of))
    else:
        start = scripted or {}
        birth = start.get("birth_date") or click.prompt("birth_date [YYYY-MM-DD]")
        stay = start.get("stay") or _prompt_stay()
        data = iv.blank(as_of or _dt.date.today(), str(birth), stay)
    data, _ = iv.run(data, asker, lang)
    if scripted is not None:
        data = asker.remaining(data)
    text = iv.to_yaml(data)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        out.print(f"→ {output}")
    else:
        click.echo(text)


def _prompt_stay() -> list[dict[str, Any]]:
    """Stay periods typed at the terminal, oldest first."""
    periods: list[dict[str, Any]] = []
    while True:
        since = click.prompt("stay period since [YYYY-MM-DD, empty to finish]", default="", show_default=False)
        if not since:
            if periods:
                return periods
            continue
        period: dict[str, Any] = {"since": since, "status": click.prompt("  status")}
        if period["status"] == "permit":
            period["basis"] = click.prompt("  basis")
        periods.append(period)


@main.command()
@reform_option
@click.option("--norm", metavar="ID", help="Only this norm (e.g. 104c).")
@format_option("text", "json", help="Text for people, JSON for programs.")
def verify(norm: str | None, fmt: str) -> None:
    """Check the knowledge base itself over bounded domains of applicant
    facts: every version can be met, every condition met and unmet, no
    exclusion overruled, versions without overlap or gap, every condition
    cited and explained. Exit 1 on any finding."""
    from .verify import verify as run_checks
    findings = run_checks(norm)
    if fmt == "json":
        _echo_json({"format": "pypermit/verify-v1", "findings": [f.to_dict() for f in findings]})
    else:
        import yaml
        for f in findings:
            click.echo(f"FINDING {f.check}: {f.permit} {f.subject}: {f.message}")
            if f.witness is not None:
                click.echo("  witness (an applicant file that reproduces it):")
                click.echo("\n".join("    " + line for line in
                                      yaml.safe_dump(f.witness, sort_keys=False, allow_unicode=True).splitlines()))
        click.echo(f"verify: {len(findings)} finding{'s' if len(findings) != 1 else ''}")
    sys.exit(1 if findings else 0)


from .population import cli as _population_commands  # noqa: E402,F401  (registers batch, synth, population)

if __name__ == "__main__":
    from pypermit.cli import main as _main   # the module proper, which carries the population commands
    _main()
