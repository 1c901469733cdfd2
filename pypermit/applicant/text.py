"""Applicant text parsed within limits, and values shown as written.

A file may come from a careless or hostile sender, so parsing stops at the
first sign of something no applicant file needs: anchors and aliases, deep
nesting, very long lists or mappings, very many values. Each refusal names
where it is. Numbers stay as written (applicant.scalars.Numeral). Showing a
value and parsing one belong together: a value is shown bare where YAML
would read it back as the same text, and the parser's messages show the
values they refuse (hence one module of ~380 lines).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any

import yaml

from pypermit.applicant.scalars import Numeral, numeral, read_number
from pypermit.errors import InvalidApplicant, Problem

#: A real applicant file is a few kB; no file read may be larger.
MAX_BYTES = 1024 * 1024
#: Lists and mappings inside one another (an applicant file needs four).
MAX_DEPTH = 20
#: Items in one list (the longest list of the format, stay, allows as many).
MAX_ITEMS = 200
#: Keys in one mapping.
MAX_KEYS = 100
#: Values (scalars, lists and mappings) in one file.
MAX_VALUES = 20_000
#: What a refused file is called when it came on standard input.
STDIN = "standard input"

LIMITS_TEXT = (f"at most {MAX_BYTES // 1024 // 1024} MiB, {MAX_DEPTH} levels of nesting, {MAX_ITEMS} items "
               f"in a list, {MAX_KEYS} keys in a mapping, {MAX_VALUES:,} values in all; no anchors or aliases")


# --------------------------------------------------------------------------
# Showing values as the user wrote them (bounded, whatever the value)
# --------------------------------------------------------------------------

_MAX_SHOWN = 60
#: Items of a list or mapping shown before "…"; levels shown.
_SAMPLE_ITEMS, _SAMPLE_DEPTH = 6, 3
_MORE = "…"


def show(value: Any) -> str:
    """A value the way it would be written in the file: YAML-ish, one line,
    at most 60 characters (cut with "…")."""
    if isinstance(value, Numeral):
        text = str(value)
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, float):
        text = ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf") if math.isinf(value) \
            else repr(value)
    elif isinstance(value, int):
        # str() of a very long int is refused by Python itself (and slow)
        text = str(value) if abs(value) < 10 ** _MAX_SHOWN else \
            f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    elif isinstance(value, str):
        if len(value) > _MAX_SHOWN:
            text = value
        else:
            text = value if _reads_back_as_text(value) else json.dumps(value, ensure_ascii=False)
    else:
        text = _show_collection(value)
    text = " ".join(text.split()) if "\n" in text else text
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + _MORE


def _show_collection(value: Any) -> str:
    sample = _sample(value, 0)
    try:
        text = yaml.safe_dump(sample, default_flow_style=True, sort_keys=False, width=10**6,
                              allow_unicode=True).strip()
        if text.endswith("\n..."):
            text = text[: -len("\n...")]
        if "\n" in text:  # odd keys or text: JSON keeps it on one line
            text = json.dumps(sample, default=str, ensure_ascii=False)
    except Exception:  # anything unusual: fall back to repr, never fail while reporting
        text = repr(sample)
    return text


def _sample(value: Any, depth: int) -> Any:
    """The first few items of the first few levels, as plain data."""
    if isinstance(value, Numeral):
        return value.value if value.value is not None and read_number(value) is not None else str(value)
    if type(value) is not str and isinstance(value, str):
        return str(value)
    if hasattr(value, "model_dump"):   # a pydantic model
        value = value.model_dump(mode="json")
    if isinstance(value, Mapping):
        if depth >= _SAMPLE_DEPTH:
            return _MORE
        items = [(_sample(k, depth + 1), _sample(v, depth + 1)) for k, v in _first(value.items())]
        out = {k if isinstance(k, (str, int, float, bool)) or k is None else str(k): v for k, v in items}
        if len(value) > _SAMPLE_ITEMS:
            out[_MORE] = _MORE
        return out
    if isinstance(value, (list, tuple, set, frozenset)):
        if depth >= _SAMPLE_DEPTH:
            return _MORE
        out_list = [_sample(v, depth + 1) for v in _first(value)]
        return out_list + [_MORE] if len(value) > _SAMPLE_ITEMS else out_list
    if isinstance(value, str) and len(value) > _MAX_SHOWN:
        return value[:_MAX_SHOWN] + _MORE
    return value


def _first(items: Any) -> Iterator[Any]:
    for i, item in enumerate(items):
        if i >= _SAMPLE_ITEMS:
            return
        yield item


def _reads_back_as_text(text: str) -> bool:
    """Whether ``text`` written bare in YAML would be read as this very string."""
    if not text or text != text.strip() or "\n" in text:
        return False
    try:
        return type(_load_yaml(text)) is str
    except (_Refused, yaml.YAMLError, ValueError, TypeError, AttributeError, RecursionError):
        return False


def read_scalar(text: str) -> Any:
    """A value typed as the file would write it (``true``, ``B1``,
    ``2027-03-01``, ``25.10``), within the file's limits; text that YAML
    cannot read (``2019-13-01``, ``*x``) stays text, so the check names it
    as written."""
    try:
        return _load_yaml(text)
    except (_Refused, yaml.YAMLError, ValueError, TypeError, AttributeError, RecursionError):
        return text


# --------------------------------------------------------------------------
# YAML and JSON within limits
# --------------------------------------------------------------------------


class _Refused(Exception):
    """The file goes beyond a limit or uses what applicant files do not."""


class _DuplicateKey(yaml.constructor.ConstructorError):
    """A key given twice in one mapping: YAML would silently keep the last one."""


# The base is chosen at run time (libyaml's loader where installed): Any to mypy, hence the ignore.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML (libyaml's parser where installed), except that numbers are
    read as :class:`Numeral`, a date-like value that is not a real day stays
    text (so ``2019-13-01`` is reported as written), timestamps with a time
    stay text, and a key given twice in one mapping is an error."""

    def construct_yaml_int(self, node: yaml.Node) -> Any:
        return numeral(node.value, lambda: super(_Loader, self).construct_yaml_int(node))

    def construct_yaml_float(self, node: yaml.Node) -> Any:
        return numeral(node.value, lambda: super(_Loader, self).construct_yaml_float(node))

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        text = self.construct_scalar(node)
        day = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if day is None:
            return text  # a timestamp with a time: the date check reports it as written
        try:
            return date(*(int(part) for part in day.groups()))
        except ValueError:
            return text  # not a real day (2019-13-01): reported as written

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, yaml.ScalarNode):
                    continue
                if key_node.value in seen:
                    raise _DuplicateKey(None, None, f"the key {show(key_node.value)} is given twice; "
                                                    "which one is meant is not clear", key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _where(path: list[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + show(part)
    return out or "the file"


def _too_deep(path: list[Any]) -> _Refused:
    return _Refused(f"{_where(path)}: nested deeper than {MAX_DEPTH} levels; an applicant file needs four")


def _too_long(path: list[Any], is_list: bool) -> _Refused:
    if is_list:
        return _Refused(f"{_where(path)}: a list of more than {MAX_ITEMS} items; "
                        "no list in an applicant file has that many")
    return _Refused(f"{_where(path)}: a mapping of more than {MAX_KEYS} keys; "
                    "no mapping in an applicant file has that many")


def _too_many() -> _Refused:
    return _Refused(f"more than {MAX_VALUES:,} values; an applicant file has a few hundred")


def _check_events(text: str) -> None:
    """Refuse, before anything is built, what no applicant file needs:
    anchors and aliases (a few lines can stand for billions of values),
    deep nesting, long lists, large mappings, very many values."""
    # One entry per open list or mapping: [is_list, values so far, last key].
    stack: list[list[Any]] = []
    values = 0
    for event in yaml.parse(text, Loader=_Loader):
        anchor = getattr(event, "anchor", None)   # aliases and anchored nodes have one
        if isinstance(event, yaml.AliasEvent) or anchor:
            line = event.start_mark.line + 1 if event.start_mark else "?"
            kind = "an alias" if isinstance(event, yaml.AliasEvent) else "an anchor"
            raise _Refused(f"line {line}: {kind} ({'*' if kind == 'an alias' else '&'}{show(anchor)}); "
                           "anchors and aliases are not accepted in an applicant file, write each value out")
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            values += 1
            if values > MAX_VALUES:
                raise _too_many()
            if stack:
                top = stack[-1]
                top[1] += 1
                if top[0] and top[1] > MAX_ITEMS or not top[0] and top[1] > 2 * MAX_KEYS:
                    raise _too_long(_event_path(stack[:-1]), top[0])
                if not top[0] and top[1] % 2 == 1:
                    top[2] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append([isinstance(event, yaml.SequenceStartEvent), 0, None])
            if len(stack) > MAX_DEPTH:
                raise _too_deep(_event_path(stack[:-1]))
        elif isinstance(event, yaml.CollectionEndEvent):
            stack.pop()


def _event_path(stack: list[list[Any]]) -> list[Any]:
    return [top[1] - 1 if top[0] else top[2] for top in stack]


def _load_yaml(text: str) -> Any:
    _check_events(text)
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {show(key)} is given twice; which one is meant is not clear")
        result[key] = value
    return result


def _json_number(text: str) -> Numeral:
    return numeral(text, lambda: int(text) if re.fullmatch(r"-?\d+", text) else float(text))


def _check_shape(data: Any) -> None:
    """The limits of _check_events, on data already built (from JSON)."""
    values = 0
    todo: list[tuple[Any, list[Any]]] = [(data, [])]
    while todo:
        value, path = todo.pop()
        values += 1
        if values > MAX_VALUES:
            raise _too_many()
        if isinstance(value, (dict, list)):
            if len(path) >= MAX_DEPTH:
                raise _too_deep(path)
            if len(value) > (MAX_ITEMS if isinstance(value, list) else MAX_KEYS):
                raise _too_long(path, isinstance(value, list))
            items = enumerate(value) if isinstance(value, list) else value.items()
            todo.extend((item, path + [key]) for key, item in items)


def _load_json(text: str) -> Any:
    data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_float=_json_number,
                      parse_int=_json_number, parse_constant=_json_number)
    _check_shape(data)
    return data


# --------------------------------------------------------------------------
# The text of an applicant file
# --------------------------------------------------------------------------


def file_problem(name: str, message: str, value: object = None) -> InvalidApplicant:
    return InvalidApplicant([Problem(name, value, message)], source=name)


def too_large(name: str) -> InvalidApplicant:
    return file_problem(name, f"the file is larger than {MAX_BYTES // 1024 // 1024} MiB "
                               f"({MAX_BYTES:,} bytes), the most an applicant file may be")


def read_applicant_text(text: str, name: str = "", *, as_json: bool = False) -> dict[str, Any]:
    """The raw mapping in the text of an applicant file (YAML, or JSON with
    ``as_json``), e.g. an HTTP body already cut at the size cap; the same
    limits and problems as for a file called ``name``."""
    if len(text) > MAX_BYTES:
        raise too_large(name)
    if not text.strip():
        raise file_problem(name, "the file is empty")
    data = _parse_json(text, name) if as_json else _parse_yaml(text, name)
    if data is None:
        raise file_problem(name, "the file is empty")
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"the single value {show(data)}"
        raise file_problem(name, f"the file holds {kind} where a mapping (key: value) belongs", data)
    return data


def _parse_json(text: str, name: str) -> Any:
    try:
        return _load_json(text)
    except _Refused as exc:
        raise file_problem(name, str(exc)) from None
    except json.JSONDecodeError as exc:
        raise file_problem(name, f"JSON syntax error at line {exc.lineno}, column {exc.colno}: "
                                  f"{exc.msg}") from None
    except RecursionError:
        raise file_problem(name, f"nested deeper than {MAX_DEPTH} levels; an applicant file needs four") from None
    except ValueError as exc:
        raise file_problem(name, f"not valid JSON: {exc}") from None


def _parse_yaml(text: str, name: str) -> Any:
    try:
        return _load_yaml(text)
    except _Refused as exc:
        raise file_problem(name, str(exc)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        if isinstance(exc, _DuplicateKey):
            raise file_problem(name, f"{where}: {exc.problem}") from None
        what = "; ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        if "nesting depth" in what:
            what = f"nested deeper than {MAX_DEPTH} levels; an applicant file needs four"
        where = f" at {where}" if where else ""
        raise file_problem(name, f"YAML syntax error{where}: {what}") from None
    except yaml.reader.ReaderError as exc:
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise file_problem(name, f"cannot be read: the character #x{character:04x} at position "
                                  f"{exc.position} is not allowed in YAML (is it a binary file?)") from None
    except (yaml.YAMLError, ValueError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
        raise file_problem(name, f"YAML syntax error: {exc}") from None
