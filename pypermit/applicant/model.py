"""The applicant file (format v1): model, validation and error reporting.

This module only checks the *format* of what is known about a person
(spec: ``applicant-v1.md``): types, allowed values and defaults; reading a
file within limits is ``applicant_file.py``, facts that cannot be true
together (dates out of order, a child born before the parent) are
``consistency.py``.  It makes no legal decision.  A file that breaks the
format is refused as a whole with :class:`InvalidApplicant`, which carries one
:class:`Problem` per fault, each naming the field path (``stay[2].since``),
the value as written and what was expected -- never a pydantic dump."""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
)

from pypermit.applicant.fields import (
    COVERAGE_START,
    MAX_CHILDREN,
    MAX_CONVICTIONS,
    MAX_STAY_PERIODS,
    BasisField,
    Bool,
    City,
    Day,
    Deception,
    DepartureReason,
    Expected,
    GermanField,
    ImpairmentField,
    Passport,
    Prognosis,
    Qualification,
    Status,
    any_number,
    none_as,
    one_of,
    raise_found,
    whole_number,
)
from pypermit.applicant.text import show as _show


class _Part(BaseModel):
    """Common configuration: unknown keys are errors, values cannot change."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    #: what one of these is, for "X is not <what>" messages
    what: ClassVar[str] = "a mapping (key: value)"


class StayPeriod(_Part):
    """One period of the stay: the status holds from ``since`` to the next period."""

    what: ClassVar[str] = "a period (since: DATE, status: STATUS)"

    since: Day
    status: Annotated[Status, one_of(Status)]
    basis: BasisField = None


class Identity(_Part):
    """Identity and cooperation facts; the defaults assume nothing was established."""

    clarified: Bool = False
    passport: Annotated[Passport, one_of(Passport)] = "none"
    steps_taken: Bool = False
    deception: Annotated[Deception, one_of(Deception)] = "none"
    deception_prevents_deportation: Bool = False
    cooperation_refused: Bool = False


class Conviction(_Part):
    """A criminal conviction in Germany; the sentence fields say what it imposed."""

    what: ClassVar[str] = "a conviction (date: DATE, ...)"

    date: Day
    daily_rates: Annotated[int, *whole_number(100_000)] = 0
    prison_months: Annotated[int, *whole_number(1200)] = 0
    suspended: Bool = False
    juvenile: Bool = False
    youth_custody_months: Annotated[int, *whole_number(1200)] = 0
    immigration_offence: Bool = False
    intentional: Bool = True


class Livelihood(_Part):
    """How far the household lives on its own income (``own_share`` in %)."""

    own_share: Annotated[int | float, *any_number(100)] = 0
    from_employment: Bool = False
    health_insurance: Bool = False
    pension_months: Annotated[int, *whole_number(1200)] = 0


class Education(_Part):
    """Schooling and qualifications obtained in Germany."""

    school_years: Annotated[int | float, *any_number(100)] = 0
    qualification: Annotated[Qualification, one_of(Qualification)] = "none"
    in_education: Bool = False


class Child(_Part):
    """A child of the applicant; the flags default to the usual case (true)."""

    what: ClassVar[str] = "a child (birth_date: DATE, ...)"

    birth_date: Day
    in_household: Bool = True
    unmarried: Bool = True
    attends_school: Bool = True


class Household(_Part):
    """Who lives with the applicant and in how much space."""

    living_space_sqm: Annotated[int | float, *any_number(100_000)] = 0
    spouse_in_household: Bool = False
    children: Annotated[tuple[Child, ...], none_as(tuple), Field(max_length=MAX_CHILDREN),
                        Expected("a list of children (birth_date: DATE, ...)")] = ()


class Departure(_Part):
    """Obstacles to departure (§ 25 Abs. 5); by default an obstacle is expected to end."""

    impossible: Bool = False
    reason: Annotated[DepartureReason, one_of(DepartureReason)] = "other"
    end_foreseeable: Bool = True
    self_caused: Bool = False


class Asylum(_Part):
    """Outcomes of the asylum procedure that later norms look at."""

    manifestly_unfounded: Bool = False
    revocation_notice: Bool = False


_M = TypeVar("_M", bound=_Part)
#: A section of the file (``identity``, ``livelihood``...): written with no
#: content (``identity:``), it is the section's defaults.
_Section = Annotated[_M, none_as(dict)]


class Applicant(_Part):
    """What is known about one person (applicant-v1), with every default resolved.

    After validation ``as_of`` and ``application_date`` are always dates: the
    first defaults to today, the second to ``as_of``.  ``model_fields_set``
    still tells whether the file gave them.
    """

    what: ClassVar[str] = "a mapping (key: value)"
    #: Field paths the file says are ``unknown`` (pypermit/unknowns.py).
    _unknown: frozenset[str] = PrivateAttr(default_factory=frozenset)

    @property
    def unknown(self) -> frozenset[str]:
        """The paths of the facts the file says are unknown."""
        return self._unknown

    as_of: Day = Field(default_factory=date.today)
    application_date: Day = Field(default_factory=lambda data: data.get("as_of"))
    birth_date: Day
    city: Annotated[City, one_of(City)] = "other"
    # minItems in the schema; _in_order checks it
    stay: Annotated[tuple[StayPeriod, ...], Field(max_length=MAX_STAY_PERIODS, json_schema_extra={"minItems": 1}),
                    Expected("a list of periods (since: DATE, status: STATUS)")]
    identity: _Section[Identity] = Identity()
    convictions: Annotated[tuple[Conviction, ...], none_as(tuple), Field(max_length=MAX_CONVICTIONS),
                           Expected("a list of convictions (date: DATE, ...)")] = ()
    german: GermanField = "none"
    civics_test: Bool = False
    fdgo_commitment: Bool = False
    fdgo_doubts: Bool = False
    security_threat: Bool = False
    impairment: ImpairmentField = "none"
    livelihood: _Section[Livelihood] = Livelihood()
    education: _Section[Education] = Education()
    integration_prognosis: Annotated[Prognosis, one_of(Prognosis)] = "negative"
    household: _Section[Household] = Household()
    departure: _Section[Departure] = Departure()
    asylum: _Section[Asylum] = Asylum()

    def stated_paths(self) -> frozenset[str]:
        """The field paths the file stated (``identity.passport``,
        ``household.children[0].attends_school``), sections and list items
        included; a fact not among them was taken from its default. A fact
        written ``unknown`` counts as stated. Read from pydantic's
        ``model_fields_set`` of each part, so it holds for an applicant
        validated from a file or a mapping (one rebuilt under another
        ``as_of`` from a full dump states every field)."""
        out: set[str] = set(self.unknown)

        def walk(prefix: str, part: BaseModel) -> None:
            for name in part.model_fields_set:
                path = f"{prefix}{name}"
                out.add(path)
                value = getattr(part, name)
                if isinstance(value, BaseModel):
                    walk(f"{path}.", value)
                elif isinstance(value, tuple):
                    for i, item in enumerate(value):
                        out.add(f"{path}[{i}]")
                        if isinstance(item, BaseModel):
                            walk(f"{path}[{i}].", item)

        walk("", self)
        return frozenset(out)

    @field_validator("as_of")
    @classmethod
    def _covered(cls, value: date) -> date:
        if value < COVERAGE_START:
            raise_found([((), value, f"{_show(value)} is before {_show(COVERAGE_START)}; "
                                      f"pypermit covers the law from {_show(COVERAGE_START)} on")])
        return value

    @field_validator("stay")
    @classmethod
    def _not_empty(cls, periods: tuple[StayPeriod, ...]) -> tuple[StayPeriod, ...]:
        if not periods:
            raise_found([((), [], "[] is empty; expected at least one period "
                                   "(since: DATE, status: STATUS)")])
        return periods
