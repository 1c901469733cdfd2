"""The command line: a thin layer over the public API (pypermit.api).

Every command reads an applicant file, refuses bad input with one line per
problem and exit status 2 (no traceback, nothing evaluated; with
``--format json`` the pypermit/error-v1 object on standard output), and
prints text or report-v1 JSON. The options and the refusal of bad input
every command shares are in cli.options; this module (~370 lines) is the
commands, each a few lines over the API, kept together so that ``--help``
reads like this file.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from pypermit.cli.options import (
    Group,
    as_of_option,
    common_options,
    file_argument,
    format_option,
    lang_option,
    law_date_option,
    refuses_bad_input,
)
from pypermit.errors import (
    InvalidApplicant,
    Problem,
    UnknownPermit,
)
from pypermit.population.options import reform_option


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pypermit")
def main() -> None:
    """German humanitarian residence law (AufenthG) as a knowledge base:
    which permits a person can get, why, and what would change it."""


@main.command()
@reform_option
@file_argument
@as_of_option
@law_date_option
@format_option("text", "json", "html", "pdf",
               help="Text for people (short; --full for every condition), JSON (report-v1) for programs, "
                    "HTML or PDF: a one-page summary for the person's file.")
@lang_option
@click.option("--full", is_flag=True, help="Every condition of every permit, as a tree (the text before the short "
                                           "report).")
@click.option("--permit", "permit_ids", multiple=True, metavar="ID",
              help="Only this permit (e.g. 25b; repeatable). Text, HTML and PDF.")
@click.option("--unmet", is_flag=True, help="Only the permits not eligible, with the conditions they do not meet. "
                                            "Text, HTML and PDF.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output (needed for PDF).")
@refuses_bad_input
def check(file: str, as_of: str | None, law_date: str | None, fmt: str, lang: str, full: bool,
          permit_ids: tuple[str, ...], unmet: bool, output: str | None) -> None:
    """Evaluate FILE: every permit's outcome and what holds it back.

    The text is short: per permit its outcome, the conditions it does not
    meet with their citations and the person's facts, the reading of a
    waiver and the first way forward; the requirements several permits
    share once. --full shows every condition met or unmet."""
    from pypermit.api import evaluate
    from pypermit.applicant.load import load_applicant
    if fmt == "json" and (permit_ids or unmet):
        raise InvalidApplicant([Problem("--permit" if permit_ids else "--unmet", None,
                                        "JSON (report-v1) always holds every permit and condition; "
                                        "--permit and --unmet shape the text, HTML and PDF")])
    if fmt == "pdf" and not output:
        raise InvalidApplicant([Problem("--output", None, "a PDF needs -o FILE.pdf")])
    if fmt == "pdf":
        from pypermit.render.html import pdf_available
        pdf_available()        # refused before any work is done
    applicant = load_applicant(file, as_of=as_of)
    report = evaluate(applicant, law_date=law_date, lang=lang)
    for pid in permit_ids:
        report.permit(pid)     # UnknownPermit names the permits there are
    if fmt == "pdf" and output:
        from pypermit.render.html import write_pdf
        write_pdf(report, output, applicant=applicant, permits=permit_ids, unmet=unmet)
        return
    with _output(output) as stream:
        if fmt == "json":
            stream.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        elif fmt == "html":
            from pypermit.render.html import page
            stream.write(page(report, applicant=applicant, permits=permit_ids, unmet=unmet))
        elif full:
            from pypermit.render.report import console, print_report
            from pypermit.render.summary import select
            print_report(select(report, permit_ids, unmet), console(stream), lang)
        else:
            from pypermit.render.report import console
            from pypermit.render.short import print_short
            print_short(report, console(stream), lang, applicant=applicant, permits=permit_ids, unmet=unmet)


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    """Standard output, or the file ``-o`` names (refused with one line if it cannot be written)."""
    if path is None or path == "-":
        yield sys.stdout
        return
    try:
        stream = open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise InvalidApplicant([Problem("--output", path, f"cannot write {path}: {exc.strerror or exc}")]) from None
    with stream:
        yield stream


@main.command()
@reform_option
@common_options
@click.option("--permit", "permit_id", metavar="ID", help="Only this permit (e.g. 25b).")
@click.option("--max-changes", type=int, metavar="N", help="At most N changes in a set.")
def unlock(file: str, as_of: str | None, law_date: str | None, fmt: str, lang: str,
           permit_id: str | None, max_changes: int | None) -> None:
    """The smallest sets of changes that would make each permit not yet in
    reach eligible: what to do, and from which day."""
    from pypermit.api import evaluate
    report = evaluate(file, as_of=as_of, law_date=law_date, lang=lang, max_changes=max_changes)
    permits = [p for p in report.permits if permit_id is None or p.id == permit_id]
    if permit_id is not None and not permits:
        raise UnknownPermit("permit", permit_id, (p.id for p in report.permits))
    if fmt == "json":
        click.echo(json.dumps(report.unlock_dict(permits), ensure_ascii=False, indent=2))
    else:
        from pypermit.render.report import console, print_unlock
        print_unlock(permits, console(), lang)


# --- what-if, law dates, time passing, the law itself -------------------------

def _settings(values: tuple[str, ...]) -> dict[str, Any]:
    """--set PATH=VALUE options as changes; every malformed one refused at once."""
    from pypermit.scenarios.whatif import parse_setting
    out: dict[str, Any] = {}
    problems: list[Problem] = []
    for text in values:
        try:
            path, value = parse_setting(text)
        except ValueError as exc:
            problems.append(Problem("--set", text, str(exc)))
            continue
        out[path] = value
    if problems:
        raise InvalidApplicant(problems)
    return out


def _echo_json(data: dict[str, Any]) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command()
@reform_option
@file_argument
@as_of_option
@law_date_option
@format_option("text", "json", help="Text for people, JSON (whatif-v1: both reports, the changes, the differences).")
@lang_option
@click.option("--set", "settings", multiple=True, required=True, metavar="PATH=VALUE",
              help="Change a field of the file, e.g. german=B1, identity.clarified=true, "
                   "stay[1].status=duldung, as_of=2027-03-01 (repeatable).")
@refuses_bad_input
def whatif(file: str, as_of: str | None, law_date: str | None, fmt: str, lang: str,
           settings: tuple[str, ...]) -> None:
    """The same person before and after the changes: which permits change
    status or effect, and the conditions that explain it."""
    from pypermit.api import whatif as what_if
    result = what_if(file, _settings(settings), as_of=as_of, law_date=law_date, lang=lang)
    if fmt == "json":
        _echo_json(result.to_dict())
    else:
        from pypermit.render.changes import print_whatif
        from pypermit.render.report import console
        print_whatif(result, console(), lang)


@main.command()
@reform_option
@file_argument
@as_of_option
@click.option("--law-date", "law_dates", multiple=True, required=True, metavar="DATE",
              help="The law in force on this day; two or more, each compared with the next.")
@format_option("text", "json", help="Text for people, JSON (compare-v1: a report per law date, the differences).")
@lang_option
@refuses_bad_input
def compare(file: str, as_of: str | None, law_dates: tuple[str, ...], fmt: str, lang: str) -> None:
    """What a change of the law alone did to this person: the permits under
    the law of each date side by side, and the conditions behind each
    difference."""
    from pypermit.api import compare as compare_laws
    result = compare_laws(file, law_dates, as_of=as_of, lang=lang)
    if fmt == "json":
        _echo_json(result.to_dict())
    else:
        from pypermit.render.changes import print_comparison
        from pypermit.render.report import console
        print_comparison(result, console(), lang)


@main.command()
@reform_option
@file_argument
@as_of_option
@law_date_option
@format_option("text", "json", help="Text for people, JSON (timeline-v1) for programs.")
@lang_option
@click.option("--until", metavar="DATE", help="The last day to look at (default: five years after as_of).")
@click.option("--plot", "plot_path", metavar="FILE",
              help="Also draw the timeline to FILE.svg or FILE.png (needs matplotlib: pypermit[plot]).")
@refuses_bad_input
def timeline(file: str, as_of: str | None, law_date: str | None, fmt: str, lang: str,
             until: str | None, plot_path: Any) -> None:
    """Nothing changes but time: every day until --until on which a permit's
    status or effect changes, and why, with a chart of the period."""
    from pypermit.api import timeline as time_line
    if plot_path is not None:
        from pypermit.render.plot import check as plottable
        plot_path = plottable(plot_path)    # refused before any work is done
    result = time_line(file, until, as_of=as_of, law_date=law_date, lang=lang)
    if plot_path is not None:
        from pypermit.render.plot import PlotUnavailable, draw
        try:
            draw(result, plot_path, lang)
        except OSError as exc:
            raise PlotUnavailable([Problem("--plot", str(plot_path),
                                           f"cannot write {plot_path}: {exc.strerror or exc}")]) from None
    if fmt == "json":
        _echo_json(result.to_dict())
    else:
        from pypermit.render.changes import print_timeline
        from pypermit.render.report import console
        print_timeline(result, console(), lang)


@main.command()
@reform_option
@file_argument
@as_of_option
@law_date_option
@format_option("text", "json", help="Text for people, JSON (paths-v1) for programs.")
@lang_option
@click.option("--max-steps", type=int, default=3, show_default=True, metavar="N",
              help="At most N permits one after another (1 to 3).")
@refuses_bad_input
def paths(file: str, as_of: str | None, law_date: str | None, fmt: str, lang: str, max_steps: int) -> None:
    """Paths across permits: which permit the person can reach, on which
    day and with which changes, and which one can follow it once held —
    e.g. § 104c now, then § 25b with the § 60b time counted (Abs. 7)."""
    from pypermit.api import paths as permit_paths
    result = permit_paths(file, as_of=as_of, law_date=law_date, max_steps=max_steps, lang=lang)
    if fmt == "json":
        _echo_json(result.to_dict())
    else:
        from pypermit.render.paths import print_paths
        from pypermit.render.report import console
        print_paths(result, console(), lang)


@main.command()
@click.option("--date", "day", metavar="DATE", help="The law in force on this day (default: today).")
@click.option("--norm", metavar="ID", help="Only this norm (e.g. 25a).")
@format_option("text", "json", "md", help="Text for people, JSON (law-v1) for programs, Markdown for docs/.")
@lang_option
@refuses_bad_input
def law(day: str | None, norm: str | None, fmt: str, lang: str) -> None:
    """What each norm asks on a day: its conditions with strength, citation
    and what the report says when they are unmet, its effect, and the dates
    of its versions, read from the rules."""
    from pypermit.api import law as law_on
    book = law_on(day, norm=norm, lang=lang)
    if fmt == "json":
        _echo_json(book.to_dict())
    elif fmt == "md":
        from pypermit.render.law import markdown
        command = " ".join(["pypermit law", f"--date {book.date}", *([f"--norm {norm}"] if norm else []),
                            "--format md", *([f"--lang {lang}"] if lang != "en" else [])])
        click.echo(markdown(book, lang, command=command), nl=False)
    else:
        from pypermit.render.law import print_lawbook
        from pypermit.render.report import console
        print_lawbook(book, console(), lang)


@main.command()
@click.argument("file", required=False)
@as_of_option
@lang_option
@click.option("-o", "--output", metavar="OUT.yaml",
              help="Write the completed applicant file here.")
@click.option("--answers", metavar="FILE",
              help="Answer from this YAML mapping (field path: value); what it leaves open is asked.")
@refuses_bad_input
def interview(file: str | None, as_of: str | None, lang: str, output: str | None,
              answers: str | None) -> None:
    """A guided interview: starting from FILE (or nothing), ask only the
    questions whose answer can still change an outcome, most decisive first,
    show the running result, and write the completed applicant file. Each
    answer is checked as it is typed; Ctrl-C or the end of the input writes
    what was answered so far (to -o, or to a new interview-partial file)."""
    from pypermit.applicant.files import read_applicant_file
    from pypermit.applicant.load import applicant_to_dict, load_applicant
    from pypermit.cli import interview as iv
    from pypermit.render.report import console
    # The running result goes to the terminal; with no -o the completed file
    # goes to standard output, so the display then goes to standard error.
    out = console() if output else console(sys.stderr)
    scripted = read_applicant_file(answers) if answers else None
    terminal = iv.TerminalAsker(out, lang)
    asker = iv.ScriptedAsker(scripted, terminal) if scripted is not None else terminal
    try:
        if file:
            data = applicant_to_dict(load_applicant(file, as_of=as_of))
        else:
            start = scripted or {}
            data = iv.begin(as_of or start.get("as_of") or _dt.date.today(), start, terminal)
        data, _ = iv.run(data, asker, lang)
    except iv.Interrupted as stop:
        where, going_on = iv.save_partial(stop.data, output)
        click.echo(f"\ninterrupted: what was answered so far is in {where}; go on with: {going_on}", err=True)
        sys.exit(1)
    if isinstance(asker, iv.ScriptedAsker):   # answers from a file
        data = asker.remaining(data)
    text = iv.to_yaml(data)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        out.print(f"→ {output}")
    else:
        click.echo(text)


@main.command()
@reform_option
@click.option("--norm", metavar="ID", help="Only this norm (e.g. 104c).")
@format_option("text", "json", help="Text for people, JSON for programs.")
@refuses_bad_input
def verify(norm: str | None, fmt: str) -> None:
    """Check the knowledge base itself over bounded domains of applicant
    facts: every version can be met, every condition met and unmet, no
    exclusion overruled, versions without overlap or gap, every condition
    cited and explained. Exit 1 on any finding."""
    from pypermit.lawbook.verify import verify as run_checks
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


# The HTTP service; FastAPI and uvicorn are imported only when it runs (pypermit[serve]).
from pypermit.service.command import serve  # noqa: E402

main.add_command(serve)
from pypermit.population import cli as _population_commands  # noqa: E402,F401  (registers batch, synth, population)
