"""The applicant file (format v1): model, loading and error reporting.

This module only checks the *format* of what is known about a person
(spec: ``applicant-v1.md``): types, allowed values, defaults and
the consistency of dates.  It makes no legal decision.  A file that breaks the
format is refused as a whole with :class:`InvalidApplicant`, which carries one
:class:`Problem` per fault, each naming the field path (``stay[2].since``),
the value as written and what was expected -- never a pydantic dump.
"""

import json
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from difflib import get_close_matches
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Mapping, Optional, Union, get_args

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
    PrivateAttr,
)
from pydantic_core import PydanticCustomError

from . import unknowns

__all__ = [
    "COVERAGE_START",
    "Status",
    "Basis",
    "GermanLevel",
    "Passport",
    "Deception",
    "Qualification",
    "Prognosis",
    "City",
    "DepartureReason",
    "STATUSES",
    "BASES",
    "StayPeriod",
    "Identity",
    "Conviction",
    "Livelihood",
    "Education",
    "Child",
    "Household",
    "Departure",
    "Asylum",
    "Applicant",
    "Problem",
    "InvalidApplicant",
    "read_applicant_file",
    "read_applicant_text",
    "parse_applicant",
    "load_applicant",
    "applicant_to_dict",
]

#: The first day whose law the knowledge base covers; an earlier ``as_of`` is refused.
COVERAGE_START = date(2015, 8, 1)

# --------------------------------------------------------------------------
# Enumerations (exactly the spellings of the spec)
# --------------------------------------------------------------------------

Status = Literal[
    "asylum_procedure",
    "duldung",
    "duldung_unclear_identity",
    "training_duldung",
    "employment_duldung",
    "permit",
    "settlement_permit",
    "unlawful",
    "abroad",
]
Basis = Literal[
    "22", "23.1", "23.2", "23.4", "24", "25.1", "25.2.refugee", "25.2.subsidiary",
    "25.3", "25.4", "25.4.2", "25.4a", "25.4b", "25.5", "25a", "25b", "104c", "other",
]
GermanLevel = Literal["none", "A1", "A2", "B1", "B2", "C1", "C2"]
Passport = Literal["valid", "substitute", "none"]
Deception = Literal["none", "once", "repeated"]
Qualification = Literal["none", "school", "vocational"]
Prognosis = Literal["positive", "negative"]
City = Literal["bremen", "muenchen", "darmstadt", "other"]
DepartureReason = Literal["illness", "family", "no_documents", "stateless", "other"]

STATUSES: tuple[str, ...] = get_args(Status)
BASES: tuple[str, ...] = get_args(Basis)

# --------------------------------------------------------------------------
# Showing values as the user wrote them
# --------------------------------------------------------------------------

_MAX_SHOWN = 60


def _show(value: Any) -> str:
    """Render a value the way it would be written in the file (YAML-ish, short)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value if _reads_back_as_text(value) else json.dumps(value, ensure_ascii=False)
    try:
        text = yaml.safe_dump(_plain(value), default_flow_style=True, sort_keys=False,
                              width=10**6, allow_unicode=True).strip()
        if text.endswith("\n..."):
            text = text[: -len("\n...")]
        if "\n" in text:  # odd keys or text: JSON keeps it on one line
            text = json.dumps(_plain(value), default=_show, ensure_ascii=False)
    except Exception:  # anything unusual: fall back to repr, never fail while reporting
        text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _plain(value: Any) -> Any:
    """Containers as plain lists and dicts, so safe_dump can write them."""
    if isinstance(value, Mapping):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value


def _reads_back_as_text(text: str) -> bool:
    """Whether ``text`` written bare in YAML would be read as this very string."""
    if not text or text != text.strip() or "\n" in text:
        return False
    try:
        return yaml.load(text, Loader=_Loader) == text  # noqa: S506 - our safe loader
    except Exception:
        return False


# --------------------------------------------------------------------------
# Field types: strict-ish, each with a phrase saying what is expected
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Expected:
    """Annotation metadata: what a field expects, for error messages."""

    text: str


def _invalid(expected: str) -> PydanticCustomError:
    return PydanticCustomError("pypermit_invalid", "is not {expected}", {"expected": expected})


_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_EXPECTED = "a date (YYYY-MM-DD)"


def _to_date(value: Any) -> date:
    """A day, from a YAML date or an ISO string; no times, no timestamps."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DATE_TEXT.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _invalid(_DATE_EXPECTED)


def _number(low: float, high: float, *, integral: bool, expected: str):
    """A before-validator for a bounded number: no bools, no text, finite."""

    def check(value: Any) -> Union[int, float]:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _invalid(expected)
        if isinstance(value, float):
            if not math.isfinite(value) or (integral and not value.is_integer()):
                raise _invalid(expected)
            if integral:
                value = int(value)
            elif abs(value * 100 - round(value * 100)) > 1e-6:
                # The rules compare in hundredths (pypermit/facts.py); a finer
                # figure could fall on the wrong side of a threshold.
                raise _invalid(expected + " and at most two decimals")
        if not low <= value <= high:
            raise _invalid(expected)
        return value

    return check


def _bounded_int(high: int) -> Any:
    expected = f"a whole number from 0 to {high}"
    return Annotated[int, BeforeValidator(_number(0, high, integral=True, expected=expected)),
                     _Expected(expected), _schema_bounds(high)]


def _bounded_number(high: float) -> Any:
    expected = f"a number from 0 to {high}"
    return Annotated[Union[int, float],
                     BeforeValidator(_number(0, high, integral=False, expected=expected)),
                     _Expected(expected), _schema_bounds(high)]


def _schema_bounds(high: float) -> Any:
    """The bounds as the published JSON schema states them (the check itself is _number's)."""
    return Field(json_schema_extra={"minimum": 0, "maximum": high})


def _enum(choices: Any) -> Any:
    return Annotated[choices, _Expected("one of: " + ", ".join(get_args(choices)))]


def _basis_text(value: Any) -> Any:
    """``basis: 25.1`` or ``basis: 22`` unquoted in YAML is a number; read it as the id."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and str(value) in BASES:
        return str(value)
    return value


def _none_as(empty: Any):
    """A section or list written with no content (``convictions:``) means the default."""
    return BeforeValidator(lambda value: empty() if value is None else value)


_Day = Annotated[date, BeforeValidator(_to_date), _Expected(_DATE_EXPECTED)]
_Bool = Annotated[StrictBool, _Expected("true or false")]
_BasisField = Annotated[Optional[Basis], BeforeValidator(_basis_text),
                       _Expected("one of: " + ", ".join(BASES))]


# --------------------------------------------------------------------------
# Consistency problems found by validators
# --------------------------------------------------------------------------

# A problem found inside a validator: (path relative to the validated object,
# value, message).  They travel in one pydantic error and are unpacked again
# by _problems_from(), so that one validator can report several faults.
_Found = tuple[tuple[Union[str, int], ...], Any, str]


def _raise_found(found: list[_Found]) -> None:
    if found:
        raise PydanticCustomError("pypermit_problems", "{count} problem(s)",
                                  {"count": len(found), "problems": found})


def _after(rel: tuple[Union[str, int], ...], value: date, limit: date, name: str) -> _Found:
    return rel, value, f"{_show(value)} is after {name} ({_show(limit)})"


# --------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------


class _Part(BaseModel):
    """Common configuration: unknown keys are errors, values cannot change."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    #: what one of these is, for "X is not <what>" messages
    what: ClassVar[str] = "a mapping (key: value)"


class StayPeriod(_Part):
    """One period of the stay: the status holds from ``since`` to the next period."""

    what: ClassVar[str] = "a period (since: DATE, status: STATUS)"

    since: _Day
    status: _enum(Status)
    basis: _BasisField = None

    @model_validator(mode="after")
    def _basis_with_permit(self) -> "StayPeriod":
        if self.status == "permit" and self.basis is None:
            _raise_found([(("basis",), None,
                           "missing; a period with status permit needs its basis, one of: "
                           + ", ".join(BASES))])
        if self.status != "permit" and self.basis is not None:
            _raise_found([(("basis",), self.basis,
                           f"{_show(self.basis)} is given, but only a period with status "
                           f"permit has a basis (this one is {self.status})")])
        return self


class Identity(_Part):
    """Identity and cooperation facts; the defaults assume nothing was established."""

    clarified: _Bool = False
    passport: _enum(Passport) = "none"
    steps_taken: _Bool = False
    deception: _enum(Deception) = "none"
    deception_prevents_deportation: _Bool = False
    cooperation_refused: _Bool = False


class Conviction(_Part):
    """A criminal conviction in Germany; the sentence fields say what it imposed."""

    what: ClassVar[str] = "a conviction (date: DATE, ...)"

    date: _Day
    daily_rates: _bounded_int(100_000) = 0
    prison_months: _bounded_int(1200) = 0
    suspended: _Bool = False
    juvenile: _Bool = False
    youth_custody_months: _bounded_int(1200) = 0
    immigration_offence: _Bool = False
    intentional: _Bool = True

    @model_validator(mode="after")
    def _sentence_fits(self) -> "Conviction":
        found: list[_Found] = []
        if self.youth_custody_months and not self.juvenile:
            found.append((("youth_custody_months",), self.youth_custody_months,
                          f"{self.youth_custody_months} is given, but youth custody needs "
                          "a conviction under juvenile criminal law (juvenile: true)"))
        if self.prison_months and self.juvenile:
            found.append((("prison_months",), self.prison_months,
                          f"{self.prison_months} is given, but a juvenile conviction "
                          "imposes youth custody; give youth_custody_months instead"))
        if self.suspended and not (self.prison_months or self.youth_custody_months):
            found.append((("suspended",), True,
                          "true, but there is no prison_months or youth_custody_months "
                          "sentence to suspend"))
        _raise_found(found)
        return self


class Livelihood(_Part):
    """How far the household lives on its own income (``own_share`` in %)."""

    own_share: _bounded_number(100) = 0
    from_employment: _Bool = False
    health_insurance: _Bool = False
    pension_months: _bounded_int(1200) = 0


class Education(_Part):
    """Schooling and qualifications obtained in Germany."""

    school_years: _bounded_number(100) = 0
    qualification: _enum(Qualification) = "none"
    in_education: _Bool = False


class Child(_Part):
    """A child of the applicant; the flags default to the usual case (true)."""

    what: ClassVar[str] = "a child (birth_date: DATE, ...)"

    birth_date: _Day
    in_household: _Bool = True
    unmarried: _Bool = True
    attends_school: _Bool = True


class Household(_Part):
    """Who lives with the applicant and in how much space."""

    living_space_sqm: _bounded_number(100_000) = 0
    spouse_in_household: _Bool = False
    children: Annotated[tuple[Child, ...], _none_as(tuple),
                        _Expected("a list of children (birth_date: DATE, ...)")] = ()


class Departure(_Part):
    """Obstacles to departure (§ 25 Abs. 5); by default an obstacle is expected to end."""

    impossible: _Bool = False
    reason: _enum(DepartureReason) = "other"
    end_foreseeable: _Bool = True
    self_caused: _Bool = False


class Asylum(_Part):
    """Outcomes of the asylum procedure that later norms look at."""

    manifestly_unfounded: _Bool = False
    revocation_notice: _Bool = False


def _section(model: type[_Part]) -> Any:
    return Annotated[model, _none_as(dict)]


class Applicant(_Part):
    """What is known about one person (applicant-v1), with every default resolved.

    After validation ``as_of`` and ``application_date`` are always dates: the
    first defaults to today, the second to ``as_of``.  ``model_fields_set``
    still tells whether the file gave them.
    """

    what: ClassVar[str] = "a mapping (key: value)"
    #: Field paths the file says are ``unknown`` (pypermit/unknowns.py).
    _unknown: frozenset = PrivateAttr(default_factory=frozenset)

    @property
    def unknown(self) -> frozenset:
        """The paths of the facts the file says are unknown."""
        return self._unknown

    as_of: _Day = Field(default_factory=date.today)
    application_date: _Day = Field(default_factory=lambda data: data.get("as_of"))
    birth_date: _Day
    city: _enum(City) = "other"
    stay: Annotated[tuple[StayPeriod, ...], _Expected("a list of periods (since: DATE, status: STATUS)"),
                    Field(json_schema_extra={"minItems": 1})]   # in the schema; _in_order checks it
    identity: _section(Identity) = Identity()
    convictions: Annotated[tuple[Conviction, ...], _none_as(tuple),
                           _Expected("a list of convictions (date: DATE, ...)")] = ()
    german: _enum(GermanLevel) = "none"
    civics_test: _Bool = False
    fdgo_commitment: _Bool = False
    fdgo_doubts: _Bool = False
    security_threat: _Bool = False
    impairment: _Bool = False
    livelihood: _section(Livelihood) = Livelihood()
    education: _section(Education) = Education()
    integration_prognosis: _enum(Prognosis) = "negative"
    household: _section(Household) = Household()
    departure: _section(Departure) = Departure()
    asylum: _section(Asylum) = Asylum()

    @field_validator("as_of")
    @classmethod
    def _covered(cls, value: date) -> date:
        if value < COVERAGE_START:
            _raise_found([((), value, f"{_show(value)} is before {_show(COVERAGE_START)}; "
                                      f"pypermit covers the law from {_show(COVERAGE_START)} on")])
        return value

    @field_validator("stay")
    @classmethod
    def _in_order(cls, periods: tuple[StayPeriod, ...]) -> tuple[StayPeriod, ...]:
        if not periods:
            _raise_found([((), [], "[] is empty; expected at least one period "
                                   "(since: DATE, status: STATUS)")])
        found: list[_Found] = []
        for i in range(1, len(periods)):
            before, this = periods[i - 1].since, periods[i].since
            if this <= before:
                found.append(((i, "since"), this,
                              f"{_show(this)} is not after stay[{i - 1}].since ({_show(before)}); "
                              "periods go oldest first, no two on the same day"))
        _raise_found(found)
        return periods

    @model_validator(mode="after")
    def _dates_fit(self) -> "Applicant":
        as_of = self.as_of
        found: list[_Found] = []
        if self.birth_date > as_of:
            found.append(_after(("birth_date",), self.birth_date, as_of, "as_of"))
        if "application_date" in self.model_fields_set and self.application_date < self.birth_date:
            found.append((("application_date",), self.application_date,
                          f"{_show(self.application_date)} is before birth_date "
                          f"({_show(self.birth_date)})"))
        for i, period in enumerate(self.stay):
            if period.since > as_of:
                rel, value, text = _after(("stay", i, "since"), period.since, as_of, "as_of")
                found.append((rel, value, text + "; no period may start after the decision day"))
        for i, conviction in enumerate(self.convictions):
            if conviction.date > as_of:
                found.append(_after(("convictions", i, "date"), conviction.date, as_of, "as_of"))
        for i, child in enumerate(self.household.children):
            if child.birth_date > as_of:
                found.append(_after(("household", "children", i, "birth_date"),
                                    child.birth_date, as_of, "as_of"))
        _raise_found(found)
        return self


# --------------------------------------------------------------------------
# Problems and the one exception
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One fault in an applicant: where (``stay[2].since``), the value, and the message.

    ``message`` reads on after the path and names the value and what was
    expected, e.g. ``2019-13-01 is not a date (YYYY-MM-DD)``.  File-level
    problems (unreadable, empty, not YAML) have the file name or ``""`` as path.
    """

    path: str
    value: object
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidApplicant(ValueError):
    """An applicant that breaks format v1; ``str()`` is one line per problem."""

    def __init__(self, problems: list[Problem], source: Optional[str] = None):
        self.problems = list(problems)
        self.source = source
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _path(loc: tuple[Union[str, int], ...]) -> str:
    """``('stay', 2, 'since')`` -> ``stay[2].since``."""
    out = ""
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            name = part if _NAME.fullmatch(str(part)) else json.dumps(str(part), ensure_ascii=False)
            out += ("." if out else "") + name
    return out


def _unwrap(annotation: Any) -> Any:
    """The model inside ``tuple[Model, ...]``, ``Optional[Model]`` or ``Annotated[...]``."""
    while not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        args = [a for a in get_args(annotation) if a is not type(None) and a is not Ellipsis]
        if not args:
            return None
        annotation = args[0]
    return annotation


def _field_at(loc: tuple[Union[str, int], ...]) -> tuple[Any, Optional[type[BaseModel]]]:
    """Walk the model along ``loc``: (FieldInfo of the last field or None, model of the value).

    A loc ending at a list item gives no FieldInfo and the item's model; a
    place the model does not know gives (None, None).
    """
    info = None
    target: Optional[type[BaseModel]] = Applicant
    for part in loc:
        if isinstance(part, int):
            info = None
            continue
        if target is None or part not in target.model_fields:
            return None, None
        info = target.model_fields[part]
        target = _unwrap(info.annotation)
    return info, target


def _expected_at(loc: tuple[Union[str, int], ...]) -> Optional[str]:
    """What the value at ``loc`` should be, from its ``_Expected`` mark or its model."""
    info, target = _field_at(loc)
    if info is not None:
        for meta in info.metadata:
            if isinstance(meta, _Expected):
                return meta.text
    return getattr(target, "what", None)


def _unknown_field(loc: tuple[Union[str, int], ...]) -> str:
    """Say the key is unknown, and suggest the field a typo probably meant."""
    _, holder = _field_at(loc[:-1])
    text = "unknown field"
    if holder is not None and isinstance(loc[-1], str):
        close = get_close_matches(loc[-1], list(holder.model_fields), n=1)
        if close:
            text += f" (did you mean {close[0]}?)"
    return text


def _problems_from(error: ValidationError) -> list[Problem]:
    """Translate pydantic's errors into one readable Problem each."""
    problems: list[Problem] = []
    for err in error.errors(include_url=False):
        kind, loc, value = err["type"], tuple(err["loc"]), err.get("input")
        ctx = err.get("ctx") or {}
        if kind == "default_factory_not_called":
            continue  # application_date waits for a valid as_of, which is reported
        if kind == "pypermit_problems":
            for rel, found_value, text in ctx["problems"]:
                problems.append(Problem(_path(loc + tuple(rel)), found_value, text))
            continue
        path = _path(loc)
        expected = _expected_at(loc)
        if kind == "missing":
            text = "missing" + (f"; expected {expected}" if expected else "")
            value = None
        elif kind == "extra_forbidden":
            text = _unknown_field(loc)
        elif kind == "invalid_key":
            path = ".".join(part for part in (_path(loc[:-1]), _show(value)) if part)
            text = "unknown field (field names are text, like birth_date)"
        elif kind == "pypermit_invalid":
            text = f"{_show(value)} is not {ctx['expected']}"
        elif expected:
            text = f"{_show(value)} is not {expected}"
        else:  # not expected to happen; still one readable line
            text = f"{_show(value)}: {err['msg'][:1].lower()}{err['msg'][1:]}"
        problems.append(Problem(path, value, text))
    return problems


# --------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------


class _DuplicateKey(yaml.constructor.ConstructorError):
    """A key given twice in one mapping: YAML would silently keep the last one."""


class _Loader(yaml.SafeLoader):
    """Safe YAML, except that a date-like value that is not a real day stays text
    (so ``2019-13-01`` is reported as written), timestamps with a time stay
    text, and a key given twice in one mapping is an error."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
        text = self.construct_scalar(node)
        day = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if day is None:
            return text  # a timestamp with a time: the date check reports it as written
        try:
            return date(*(int(part) for part in day.groups()))
        except ValueError:
            return text  # not a real day (2019-13-01): reported as written

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> Any:  # type: ignore[override]
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, yaml.ScalarNode):
                    continue
                if key_node.value in seen:
                    raise _DuplicateKey(None, None, f"the key {key_node.value} is given twice",
                                        key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key} is given twice")
        result[key] = value
    return result


def _file_problem(name: str, value: object, message: str) -> InvalidApplicant:
    return InvalidApplicant([Problem(name, value, message)], source=name)


def read_applicant_file(path: Union[str, Path]) -> dict[str, Any]:
    """The raw mapping in a YAML or JSON file (``.json`` is read as JSON).

    Raises InvalidApplicant for a file that cannot be read, is empty, is not
    valid YAML/JSON, or does not hold a mapping -- each with the file as path.
    """
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _file_problem(name, None, "cannot be read: it is not UTF-8 text") from None
    except OSError as exc:
        raise _file_problem(name, None, f"cannot be read: {exc.strerror or exc}") from None
    return read_applicant_text(text, name, as_json=path.suffix.lower() == ".json")


def read_applicant_text(text: str, name: str = "", *, as_json: bool = False) -> dict[str, Any]:
    """The raw mapping in the text of an applicant file (YAML, or JSON with
    ``as_json``), e.g. an HTTP body; problems as for a file called ``name``."""
    if not text.strip():
        raise _file_problem(name, None, "the file is empty")
    if as_json:
        try:
            data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
        except json.JSONDecodeError as exc:
            raise _file_problem(name, None, f"JSON syntax error at line {exc.lineno}, "
                                            f"column {exc.colno}: {exc.msg}") from None
        except (ValueError, RecursionError) as exc:
            raise _file_problem(name, None, f"not valid JSON: {exc}") from None
    else:
        try:
            data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            if isinstance(exc, _DuplicateKey):
                raise _file_problem(name, None, f"{where}: {exc.problem}") from None
            what = "; ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
            where = f" at {where}" if where else ""
            raise _file_problem(name, None, f"YAML syntax error{where}: {what}") from None
        except (yaml.YAMLError, ValueError, TypeError, AttributeError, OverflowError,
                RecursionError) as exc:
            raise _file_problem(name, None, f"YAML syntax error: {exc}") from None
        if data is None:
            raise _file_problem(name, None, "the file is empty")
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"the single value {_show(data)}"
        raise _file_problem(name, data, f"the file holds {kind} where a mapping "
                                        "(key: value) belongs")
    return data


# --------------------------------------------------------------------------
# Validation entry points
# --------------------------------------------------------------------------


def parse_applicant(data: Any, *, as_of: Union[date, str, None] = None,
                    source: Optional[str] = None) -> Applicant:
    """Validate a mapping (or an Applicant) as applicant-v1.

    ``as_of`` overrides the file's decision day; ``application_date`` then
    defaults to it unless the data gives one.  Raises InvalidApplicant.
    """
    if isinstance(data, Applicant):
        if as_of is None:
            return data
        data = applicant_to_dict(data, only_given_dates=True)
    unknown: frozenset = frozenset()
    if isinstance(data, Mapping):
        data = dict(data)
        if as_of is not None:
            data["as_of"] = as_of
        data, unknown, faults = unknowns.take_out(data)
        if faults:
            raise InvalidApplicant([Problem(*f) for f in faults], source=source)
    try:
        applicant = Applicant.model_validate(data)
    except ValidationError as exc:
        raise InvalidApplicant(_problems_from(exc), source=source) from None
    applicant._unknown = unknown
    return applicant


def load_applicant(source: Union[Applicant, Mapping[str, Any], str, Path], *,
                   as_of: Union[date, str, None] = None) -> Applicant:
    """An Applicant from a file name (YAML or JSON), a mapping, or an Applicant.

    Everything is checked before anything is returned; any fault raises
    InvalidApplicant listing all problems found.
    """
    if isinstance(source, (str, Path)):
        data = read_applicant_file(source)
        return parse_applicant(data, as_of=as_of, source=str(source))
    return parse_applicant(source, as_of=as_of)


def applicant_to_dict(applicant: Applicant, *, only_given_dates: bool = False) -> dict[str, Any]:
    """The applicant as a JSON-able applicant-v1 mapping, every default filled in.

    Dates are ISO strings and a period without a basis has no ``basis`` key, so
    the result can be written out and read back unchanged.  With
    ``only_given_dates``, ``as_of``/``application_date`` appear only if they
    were given rather than defaulted (used to re-validate under another as_of).
    """
    data = unknowns.put_back(applicant.model_dump(mode="json"), applicant.unknown)
    for period in data["stay"]:
        if period.get("basis") is None:
            period.pop("basis", None)
    if only_given_dates:
        for key in ("as_of", "application_date"):
            if key not in applicant.model_fields_set:
                data.pop(key)
    return data
