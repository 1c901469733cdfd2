"""Commands for populations: ``batch``, ``synth`` and ``population
compare``, added to pypermit's command group when this module is imported
(pypermit.cli imports it)."""

from __future__ import annotations

import datetime as _dt
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from pypermit.applicant.scalars import day_fault, read_day
from pypermit.cli.main import main
from pypermit.cli.options import as_of_option, lang_option, law_date_option, refuses_bad_input
from pypermit.errors import Error
from pypermit.population.options import reform_file_option


def _plot_path(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """A plot file, refused before any work is done where it cannot be drawn."""
    if value is None:
        return None
    from pypermit.render.plot import check
    try:
        return check(value)
    except Error as exc:
        raise click.BadParameter(str(exc)) from None


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> _dt.date | None:
    """A date option, checked like the file's dates."""
    if value is None:
        return None
    fault = day_fault(value)
    if fault:
        raise click.BadParameter(f"{value} is not {fault}")
    return read_day(value)


def _installed(module: str, value: str, what: str) -> None:
    """Refuse at once, before any work, what needs an optional library."""
    import importlib.util
    if importlib.util.find_spec(module) is None:
        raise click.BadParameter(f"{value}: {what} needs {module}, which is not installed "
                                 "(pip install 'pypermit[population]')")


def _output(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    from pypermit.population.tables import OUTPUTS
    path = Path(value)
    if path.suffix not in OUTPUTS:
        raise click.BadParameter(f"{value}: expected a {', '.join(OUTPUTS)} file")
    if path.suffix == ".parquet":
        _installed("pyarrow", value, "Parquet")
    return path


def _input(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    from pypermit.population.tables import INPUTS
    path = Path(value)
    if not path.is_dir() and path.suffix not in INPUTS:
        raise click.BadParameter(f"{value}: expected a directory or a {', '.join(INPUTS)} file")
    if path.suffix == ".parquet":
        _installed("pyarrow", value, "Parquet")
    return path


def _dask_address(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        _installed("distributed", value, "a Dask cluster")
    return value


input_argument = click.argument("input_path", metavar="INPUT", callback=_input, type=click.Path(exists=True))
workers_option = click.option("--workers", type=click.IntRange(min=1), metavar="N",
                              help="Worker processes (default: the cores; 1: in this process).")
chunk_option = click.option("--chunk-size", type=click.IntRange(min=1), default=256, show_default=True,
                            help="Applicants per chunk handed to a worker.")
dask_option = click.option("--dask", "dask_address", metavar="ADDRESS", callback=_dask_address,
                           help="Run the chunks on the Dask cluster at ADDRESS (tcp://scheduler:8786).")


def _executor(stack: ExitStack, dask_address: str | None) -> Any:
    if dask_address is None:
        return None
    from pypermit.population.dask import dask_executor
    return stack.enter_context(dask_executor(dask_address))


def _progress() -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=False)


@click.command()
@input_argument
@click.option("-o", "--output", required=True, callback=_output, metavar="OUTPUT",
              help="Rows to OUTPUT.jsonl, .csv or .parquet.")
@click.option("--full", is_flag=True, help="One row per person with the whole report-v1 object.")
@click.option("--unlock", is_flag=True, help="Also search the changes that unlock a permit (about three times slower).")
@as_of_option
@law_date_option
@lang_option
@reform_file_option
@workers_option
@chunk_option
@dask_option
@refuses_bad_input
def batch(input_path: Path, output: Path, full: bool, unlock: bool, as_of: _dt.date | None,
          law_date: _dt.date | None, lang: str, reform: Any, workers: int | None, chunk_size: int,
          dask_address: str | None) -> None:
    """Evaluate every person of INPUT (a JSONL file of applicant files, a
    directory of YAML/JSON files, or a CSV/Parquet table) and write one row
    per person and permit to OUTPUT; an invalid person is a row with its
    problems. A progress bar and a summary go to standard error."""
    from pypermit.population.batch import outcomes, rows
    from pypermit.population.summary import BatchSummary
    from pypermit.population.tables import Rows, count_people, read_people
    columns = _columns(full)
    summary = BatchSummary()
    start = time.perf_counter()
    with ExitStack() as stack:
        executor = _executor(stack, dask_address)
        table = stack.enter_context(Rows(output, columns))
        progress = stack.enter_context(_progress())
        task = progress.add_task("batch", total=count_people(input_path))
        for person_id, outcome in outcomes(read_people(input_path), as_of=as_of, law_date=law_date, lang=lang,
                                           unlock=unlock, reform=reform, workers=workers,
                                           chunk_size=chunk_size, executor=executor):
            for row in rows(person_id, outcome, full=full):
                table.write(row)
            summary.add(outcome)
            progress.advance(task)
    summary.print(time.perf_counter() - start, output)


def _columns(full: bool) -> tuple[str, ...]:
    from pypermit.population.batch import FULL_COLUMNS, PERMIT_COLUMNS
    return FULL_COLUMNS if full else PERMIT_COLUMNS


@click.command()
@click.option("--n", "count", type=click.IntRange(min=1), default=1000, show_default=True, help="How many people.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same people.")
@click.option("--as-of", callback=_date, metavar="DATE", default="2027-03-01", show_default=True,
              help="The decision day of every file.")
@click.option("-o", "--output", required=True, callback=_output, metavar="FILE",
              help="FILE.jsonl (applicant files), or FILE.csv / FILE.parquet (the flat table of docs/population.md).")
def synth(count: int, seed: int, as_of: _dt.date, output: Path) -> None:
    """Write a synthetic population (invented people, no real data); its
    distributions are in docs/population.md."""
    from pypermit.population.synth import write_people
    write_people(output, count, seed=seed, as_of=as_of)
    click.echo(f"{count} synthetic people → {output}", err=True)


@click.group()
def population() -> None:
    """What a change of the law does across a population."""


@population.command("compare")
@input_argument
@click.option("--law-date", "law_dates", multiple=True, callback=lambda c, p, v: tuple(_date(c, p, x) for x in v),
              metavar="DATE", help="The law of this day; twice to compare two days, once with --reform.")
@reform_file_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--plot", "plot_path", callback=_plot_path, metavar="FILE",
              help="Also draw the gains and the near misses to FILE.svg or FILE.png.")
@lang_option
@workers_option
@chunk_option
@dask_option
@refuses_bad_input
def compare(input_path: Path, law_dates: tuple[_dt.date, ...], reform: Any, as_of: _dt.date | None, fmt: str,
            plot_path: Any, lang: str, workers: int | None, chunk_size: int, dask_address: str | None) -> None:
    """Per permit, how many people of INPUT gain, lose or change effect from
    one law to the other (two --law-date, or the law of a day against the
    same under --reform), the conditions that moved them, and the near
    misses: people for whom one condition alone is unmet."""
    from pypermit.population.compare import Scenario, compare_population
    from pypermit.population.tables import count_people, read_people
    if reform is None and len(law_dates) != 2:
        raise click.UsageError("give two --law-date, or one (or none: each file's day) with --reform")
    if reform is not None and len(law_dates) > 1:
        raise click.UsageError("with --reform, give at most one --law-date (the law the reform changes)")
    if reform is None:
        first, second = Scenario(str(law_dates[0]), law_dates[0]), Scenario(str(law_dates[1]), law_dates[1])
    else:
        day = law_dates[0] if law_dates else None
        base = str(day) if day else "the law of each decision day"
        first, second = Scenario(base, day), Scenario(reform.title, day, reform)
    with ExitStack() as stack:
        executor = _executor(stack, dask_address)
        progress = stack.enter_context(_progress())
        task = progress.add_task("compare", total=count_people(input_path))
        result = compare_population(read_people(input_path), first, second, as_of=as_of, lang=lang,
                                    workers=workers, chunk_size=chunk_size, executor=executor,
                                    on_person=lambda: progress.advance(task))
    if plot_path is not None:
        from pypermit.population.plots import draw
        draw(result, plot_path)
    if fmt == "json":
        import json
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        from pypermit.population.render import print_comparison
        from pypermit.render.report import console
        print_comparison(result, console())


for _command in (batch, synth, population):
    main.add_command(_command)

