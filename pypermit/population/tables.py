"""Input and output tables of a batch: applicants in, rows out, streamed.

Input (``read_people``), each item an ``(id, applicant)`` pair:

- ``.jsonl``: one applicant file (JSON object) per line; an ``"id"`` key is
  the person's id and is taken out before validation (default: the line
  number, from 1);
- a directory: every ``*.yaml``, ``*.yml`` and ``*.json`` file in it, in name
  order; the id is the file name;
- ``.csv`` / ``.parquet``: one person per row, one column per field by its
  dotted name (``identity.clarified``, ``livelihood.own_share``); the lists
  ``stay``, ``convictions`` and ``household.children`` are JSON columns;
  an ``id`` column is the id (default: the row number, from 1). A text cell
  is read as JSON if it parses (``true``, ``60``, ``[...]``), else as text
  (``2020-01-01``, ``A2``, ``unknown``); an empty cell leaves the field out
  (its default).

An input that cannot be read as an applicant (a line that is not JSON) is
handed on as an :class:`InvalidApplicant`, never the end of the batch.

Output (``open_rows``) by the file's extension, ``.jsonl``, ``.csv`` or
``.parquet``; lists and mappings are JSON text in CSV and Parquet cells.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypermit.errors import InvalidApplicant, Problem

INPUTS = (".jsonl", ".csv", ".parquet")
OUTPUTS = (".jsonl", ".csv", ".parquet")
#: Rows buffered before a Parquet row group is written.
PARQUET_GROUP = 2048

Person = tuple[str, Any]


def read_people(path: str | Path) -> Iterator[Person]:
    """The people of an input, one at a time (see the module's docstring)."""
    path = Path(path)
    if path.is_dir():
        yield from ((f.name, f) for f in sorted(path.iterdir())
                    if f.suffix in (".yaml", ".yml", ".json") and f.is_file())
    elif path.suffix == ".jsonl":
        yield from _jsonl(path)
    elif path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle), 1):
                yield _person(number, row)
    elif path.suffix == ".parquet":
        from pyarrow import parquet
        number = 0
        for batch in parquet.ParquetFile(path).iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                number += 1
                yield _person(number, row)
    else:
        raise ValueError(f"{path}: expected a directory or a {', '.join(INPUTS)} file")


def count_people(path: str | Path) -> int | None:
    """How many people an input holds, where that is cheap to know (for the
    progress bar); None where it is not."""
    path = Path(path)
    if path.is_dir():
        return sum(1 for f in path.iterdir() if f.suffix in (".yaml", ".yml", ".json"))
    if path.suffix == ".parquet":
        from pyarrow import parquet
        rows: int = parquet.ParquetFile(path).metadata.num_rows
        return rows
    if path.suffix == ".jsonl":
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    return None


def _jsonl(path: Path) -> Iterator[Person]:
    with path.open(encoding="utf-8") as handle:
        number = 0
        for line in handle:
            if not line.strip():
                continue
            number += 1
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                yield str(number), InvalidApplicant([Problem("", None, f"line {number} is not JSON: {exc.msg}")])
                continue
            person_id = data.pop("id", number) if isinstance(data, dict) else number
            yield str(person_id), data


def _person(number: int, row: dict[str, Any]) -> Person:
    """A flat row as an applicant mapping (dotted names nested)."""
    person_id = row.pop("id", None)
    data: dict[str, Any] = {}
    for name, cell in row.items():
        value = _cell(cell)
        if value is None:
            continue
        *parents, leaf = name.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return str(person_id if person_id not in (None, "") else number), data


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """An applicant mapping as one flat row: dotted names, lists kept whole
    (they become JSON cells)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _cell(cell: Any) -> Any:
    if isinstance(cell, _dt.date):
        return cell.isoformat()
    if not isinstance(cell, str):
        return cell
    if cell == "":
        return None
    try:
        return json.loads(cell)
    except json.JSONDecodeError:
        return cell


class Rows:
    """A table being written row by row; columns fixed at the start."""

    def __init__(self, path: Path, columns: tuple[str, ...]):
        self.path, self.columns = path, columns
        self._buffer: list[dict[str, Any]] = []
        self._handle: Any = None
        self._writer: Any = None
        if path.suffix == ".parquet":
            import pyarrow as pa
            from pyarrow import parquet
            self._schema = pa.schema([(c, pa.string()) for c in columns])
            self._writer = parquet.ParquetWriter(path, self._schema)
        elif path.suffix in (".jsonl", ".csv"):
            self._handle = path.open("w", encoding="utf-8", newline="")
            if path.suffix == ".csv":
                self._writer = csv.DictWriter(self._handle, fieldnames=columns)
                self._writer.writeheader()
        else:
            raise ValueError(f"{path}: expected a {', '.join(OUTPUTS)} file")

    def write(self, row: dict[str, Any]) -> None:
        if self.path.suffix == ".jsonl":
            self._handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif self.path.suffix == ".csv":
            self._writer.writerow({c: _text(row.get(c)) for c in self.columns})
        else:
            self._buffer.append({c: _text(row.get(c)) for c in self.columns})
            if len(self._buffer) >= PARQUET_GROUP:
                self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        if self._buffer:
            self._writer.write_table(pa.Table.from_pylist(self._buffer, schema=self._schema))
            self._buffer = []

    def close(self) -> None:
        if self.path.suffix == ".parquet":
            self._flush()
            self._writer.close()
        else:
            self._handle.close()

    def __enter__(self) -> Rows:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _text(value: Any) -> str | None:
    """A cell of CSV or Parquet: text as is, anything else as JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def read_rows(path: str | Path) -> Iterator[dict[str, Any]]:
    """The rows of a table written by :class:`Rows` (JSON cells decoded)."""
    path = Path(path)
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            yield from (json.loads(line) for line in handle if line.strip())
        return
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            rows: Any = list(csv.DictReader(handle))
    else:
        from pyarrow import parquet
        rows = parquet.read_table(path).to_pylist()
    for row in rows:
        yield {k: (None if v in (None, "") else _json_or_text(v)) for k, v in row.items()}


def _json_or_text(value: str) -> Any:
    if value[:1] in "[{":
        return json.loads(value)
    return value
