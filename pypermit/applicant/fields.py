"""The format's vocabulary (applicant-v1): the allowed values, exactly as the
spec spells them, and the field types, each with a phrase saying what it
expects, for the messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BeforeValidator,
    Field,
    StrictBool,
)
from pydantic_core import PydanticCustomError

from pypermit.applicant.scalars import (
    DATE_EXPECTED,
    day_fault,
    read_bool,
    read_day,
    read_number,
)

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
class Expected:
    """Annotation metadata: what a field expects, for error messages."""

    text: str


def _invalid(expected: str) -> PydanticCustomError:
    return PydanticCustomError("pypermit_invalid", "is not {expected}", {"expected": expected})


_BOOL_EXPECTED = "true or false"


def _to_date(value: Any) -> date:
    """A day, from a YAML date or an ISO string; no times, no timestamps,
    none before 1900 or after 2199."""
    fault = day_fault(value)
    day = read_day(value)
    if fault or day is None:   # day_fault says why whenever read_day has no day
        raise _invalid(fault or DATE_EXPECTED)
    return day


def _to_bool(value: Any) -> bool:
    """true/false, yes/no, ja/nein in any case (pypermit.applicant_file.read_bool)."""
    answer = read_bool(value)
    if answer is None:
        raise _invalid(_BOOL_EXPECTED)
    return answer


def _number(low: float, high: float, *, integral: bool, expected: str) -> Callable[[Any], int | float]:
    """A before-validator for a bounded number: no bools, no text, finite."""

    def check(value: Any) -> int | float:
        number = read_number(value)
        if number is None:
            raise _invalid(expected)
        if isinstance(number, float):
            if integral and not number.is_integer():
                raise _invalid(expected)
            if integral:
                number = int(number)
            elif abs(number * 100 - round(number * 100)) > 1e-6:
                # The rules compare in hundredths (pypermit/facts.py); a finer
                # figure could fall on the wrong side of a threshold.
                raise _invalid(expected + " and at most two decimals")
        if not low <= number <= high:
            raise _invalid(expected)
        return number

    return check


# The field types below are written ``Annotated[int, *whole_number(120)]``,
# ``Annotated[Status, one_of(Status)]``: the type is plain to a type checker,
# the metadata (check, expected phrase, schema bounds) is built by a call.

def whole_number(high: int) -> tuple[Any, ...]:
    """The metadata of a whole number from 0 to ``high``: its check, what it
    expects, its bounds in the schema."""
    expected = f"a whole number from 0 to {high}"
    return BeforeValidator(_number(0, high, integral=True, expected=expected)), Expected(expected), _schema_bounds(high)


def any_number(high: float) -> tuple[Any, ...]:
    """The metadata of a number from 0 to ``high`` (at most two decimals)."""
    expected = f"a number from 0 to {high}"
    return (BeforeValidator(_number(0, high, integral=False, expected=expected)),
            Expected(expected), _schema_bounds(high))


def one_of(choices: Any) -> Expected:
    """What a field of these choices (a Literal) expects."""
    return Expected("one of: " + ", ".join(get_args(choices)))


def bounded_int(high: int) -> Any:
    """``Annotated[int, *whole_number(high)]``, built at run time (an
    annotation should spell that out, which a type checker can read)."""
    return Annotated[int, *whole_number(high)]


def bounded_number(high: float) -> Any:
    """``Annotated[int | float, *any_number(high)]``, built at run time."""
    return Annotated[int | float, *any_number(high)]


def _schema_bounds(high: float) -> Any:
    """The bounds as the published JSON schema states them (the check itself is _number's)."""
    return Field(json_schema_extra={"minimum": 0, "maximum": high})


def enum(choices: Any) -> Any:
    """``Annotated[choices, one_of(choices)]``, built at run time."""
    return Annotated[choices, one_of(choices)]


def _any_case(choices: tuple[str, ...]) -> BeforeValidator:
    """A before-validator reading a word in any case (``b1`` is B1)."""
    by_case = {choice.casefold(): choice for choice in choices}
    return BeforeValidator(lambda value: by_case.get(value.casefold(), value)
                           if type(value) is str else value)


def none_as(empty: Callable[[], Any]) -> BeforeValidator:
    """A section or list written with no content (``convictions:``) means the default."""
    return BeforeValidator(lambda value: empty() if value is None else value)


Day = Annotated[date, BeforeValidator(_to_date), Expected(DATE_EXPECTED)]
Bool = Annotated[StrictBool, BeforeValidator(_to_bool), Expected(_BOOL_EXPECTED)]
BasisField = Annotated[Basis | None, Expected("one of: " + ", ".join(BASES))]
GermanField = Annotated[GermanLevel, _any_case(get_args(GermanLevel)),
                         Expected("one of: " + ", ".join(get_args(GermanLevel)))]


def _impairment_from_bool(value: Any) -> Any:
    """The format's first revision had a bool: ``false`` is ``none``,
    ``true`` ``illness_or_disability`` (applicant-v1, ``impairment``)."""
    answer = value if isinstance(value, bool) else read_bool(value)
    if answer is None:
        return value
    return "illness_or_disability" if answer else "none"


ImpairmentField = Annotated[Impairment, BeforeValidator(_impairment_from_bool),
                             Expected("one of: " + ", ".join(get_args(Impairment)))]


# A problem found inside a validator: (path relative to the validated object,
# value, message).  They travel in one pydantic error and are unpacked again
# by problems_from().
Found = tuple[tuple[str | int, ...], Any, str]


def raise_found(found: list[Found]) -> None:
    if found:
        raise PydanticCustomError("pypermit_problems", "{count} problem(s)",
                                  {"count": len(found), "problems": found})


#: The most stay periods, convictions and children a file may list.
MAX_STAY_PERIODS, MAX_CONVICTIONS, MAX_CHILDREN = 200, 100, 30
