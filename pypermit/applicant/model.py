"""The applicant file (format v1): model, validation and error reporting.

This module only checks the *format* of what is known about a person
(spec: ``applicant-v1.md``): types, allowed values and defaults; reading a
file within limits is ``applicant_file.py``, facts that cannot be true
together (dates out of order, a child born before the parent) are
``consistency.py``.  It makes no legal decision.  A file that breaks the
format is refused as a whole with :class:`InvalidApplicant`, which carries one
:class:`Problem` per fault, each naming the field path (``stay[2].since``),
the value as written and what was expected -- never a pydantic dump.
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Mapping, Optional, Union, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    PrivateAttr,
)
from pydantic_core import PydanticCustomError

from pypermit.applicant import unknowns
from pypermit.applicant.files import (DATE_EXPECTED, day_fault, read_applicant_file, read_bool, read_day, read_number,
                             show as _show)
from pypermit.errors import InvalidApplicant, Problem

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
    "Impairment",
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
Impairment = Literal["none", "illness_or_disability", "age"]

STATUSES: tuple[str, ...] = get_args(Status)
BASES: tuple[str, ...] = get_args(Basis)

# --------------------------------------------------------------------------
# Field types: strict-ish, each with a phrase saying what is expected
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Expected:
    """Annotation metadata: what a field expects, for error messages."""

    text: str


def _invalid(expected: str) -> PydanticCustomError:
    return PydanticCustomError("pypermit_invalid", "is not {expected}", {"expected": expected})


_BOOL_EXPECTED = "true or false"


def _to_date(value: Any) -> date:
    """A day, from a YAML date or an ISO string; no times, no timestamps,
    none before 1900 or after 2199."""
    fault = day_fault(value)
    if fault:
        raise _invalid(fault)
    return read_day(value)


def _to_bool(value: Any) -> bool:
    """true/false, yes/no, ja/nein in any case (pypermit.applicant_file.read_bool)."""
    answer = read_bool(value)
    if answer is None:
        raise _invalid(_BOOL_EXPECTED)
    return answer


def _number(low: float, high: float, *, integral: bool, expected: str):
    """A before-validator for a bounded number: no bools, no text, finite."""

    def check(value: Any) -> Union[int, float]:
        value = read_number(value)
        if value is None:
            raise _invalid(expected)
        if isinstance(value, float):
            if integral and not value.is_integer():
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


def _any_case(choices: tuple[str, ...]):
    """A before-validator reading a word in any case (``b1`` is B1)."""
    by_case = {choice.casefold(): choice for choice in choices}
    return BeforeValidator(lambda value: by_case.get(value.casefold(), value)
                           if type(value) is str else value)


def _none_as(empty: Any):
    """A section or list written with no content (``convictions:``) means the default."""
    return BeforeValidator(lambda value: empty() if value is None else value)


_Day = Annotated[date, BeforeValidator(_to_date), _Expected(DATE_EXPECTED)]
_Bool = Annotated[StrictBool, BeforeValidator(_to_bool), _Expected(_BOOL_EXPECTED)]
_BasisField = Annotated[Optional[Basis], _Expected("one of: " + ", ".join(BASES))]
_GermanField = Annotated[GermanLevel, _any_case(get_args(GermanLevel)),
                         _Expected("one of: " + ", ".join(get_args(GermanLevel)))]


def _impairment_from_bool(value: Any) -> Any:
    """The format's first revision had a bool: ``false`` is ``none``,
    ``true`` ``illness_or_disability`` (applicant-v1, ``impairment``)."""
    answer = value if isinstance(value, bool) else read_bool(value)
    if answer is None:
        return value
    return "illness_or_disability" if answer else "none"


_ImpairmentField = Annotated[Impairment, BeforeValidator(_impairment_from_bool),
                             _Expected("one of: " + ", ".join(get_args(Impairment)))]


# A problem found inside a validator: (path relative to the validated object,
# value, message).  They travel in one pydantic error and are unpacked again
# by _problems_from().
_Found = tuple[tuple[Union[str, int], ...], Any, str]


def _raise_found(found: list[_Found]) -> None:
    if found:
        raise PydanticCustomError("pypermit_problems", "{count} problem(s)",
                                  {"count": len(found), "problems": found})


#: The most stay periods, convictions and children a file may list.
MAX_STAY_PERIODS, MAX_CONVICTIONS, MAX_CHILDREN = 200, 100, 30


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
    children: Annotated[tuple[Child, ...], _none_as(tuple), Field(max_length=MAX_CHILDREN),
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
    stay: Annotated[tuple[StayPeriod, ...], Field(max_length=MAX_STAY_PERIODS, json_schema_extra={"minItems": 1}),
                    _Expected("a list of periods (since: DATE, status: STATUS)")]   # minItems in the schema; _in_order checks it
    identity: _section(Identity) = Identity()
    convictions: Annotated[tuple[Conviction, ...], _none_as(tuple), Field(max_length=MAX_CONVICTIONS),
                           _Expected("a list of convictions (date: DATE, ...)")] = ()
    german: _GermanField = "none"
    civics_test: _Bool = False
    fdgo_commitment: _Bool = False
    fdgo_doubts: _Bool = False
    security_threat: _Bool = False
    impairment: _ImpairmentField = "none"
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
    def _not_empty(cls, periods: tuple[StayPeriod, ...]) -> tuple[StayPeriod, ...]:
        if not periods:
            _raise_found([((), [], "[] is empty; expected at least one period "
                                   "(since: DATE, status: STATUS)")])
        return periods


# --------------------------------------------------------------------------
# Problems in pydantic's errors, said plainly
# --------------------------------------------------------------------------


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_MAX_NAME = 60


def _path(loc: tuple[Union[str, int], ...]) -> str:
    """``('stay', 2, 'since')`` -> ``stay[2].since``."""
    out = ""
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            name = part if _NAME.fullmatch(str(part)) else json.dumps(str(part), ensure_ascii=False)
            if len(name) > _MAX_NAME:
                name = name[: _MAX_NAME - 1] + "…"
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
        elif kind == "too_long":
            text = (f"{ctx.get('actual_length') or 'more'} items; a file lists at most {ctx['max_length']} "
                    "(no real person has more)")
            value = None
        elif kind == "pypermit_invalid":
            text = f"{_show(value)} is not {ctx['expected']}"
        elif expected:
            text = f"{_show(value)} is not {expected}"
        else:  # not expected to happen; still one readable line
            text = f"{_show(value)}: {err['msg'][:1].lower()}{err['msg'][1:]}"
        problems.append(Problem(path, value, text))
    return problems


# --------------------------------------------------------------------------
# Validation entry points
# --------------------------------------------------------------------------

#: Problems listed for one file; beyond them one line says how many more.
MAX_PROBLEMS = 50


def parse_applicant(data: Any, *, as_of: Union[date, str, None] = None,
                    source: Optional[str] = None) -> Applicant:
    """Validate a mapping (or an Applicant) as applicant-v1.

    ``as_of`` overrides the file's decision day; ``application_date`` then
    defaults to it unless the data gives one.  Every problem is found in one
    pass: each field's own, and facts that cannot be true together
    (pypermit.consistency).  Raises InvalidApplicant.
    """
    from pypermit.applicant.consistency import impossible_facts   # it reads this module's types

    if isinstance(data, Applicant):
        if as_of is None:
            return data
        data = applicant_to_dict(data, only_given_dates=True)
    unknown: frozenset = frozenset()
    problems: list[Problem] = []
    if isinstance(data, Mapping):
        data = dict(data)
        if as_of is not None:
            data["as_of"] = as_of
        data, unknown, faults = unknowns.take_out(data)
        if faults:
            raise InvalidApplicant([Problem(*f) for f in faults], source=source)
        problems = impossible_facts(data, unknown)
    try:
        applicant = Applicant.model_validate(data)
    except ValidationError as exc:
        problems = _problems_from(exc) + problems
    if problems:
        raise InvalidApplicant(_in_file_order(problems), source=source) from None
    applicant._unknown = unknown
    return applicant


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """By the order of the fields in the format (stable within a field),
    at most MAX_PROBLEMS and a line saying how many more."""
    order = {name: i for i, name in enumerate(Applicant.model_fields)}
    ranked = sorted(problems, key=lambda p: order.get(re.split(r"[.\[]", p.path, maxsplit=1)[0], len(order)))
    if len(ranked) > MAX_PROBLEMS:
        more = len(ranked) - MAX_PROBLEMS
        ranked = ranked[:MAX_PROBLEMS] + [Problem("", None, f"… and {more} more problems")]
    return ranked


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
