"""The published JSON Schemas: the applicant file, and one per answer format.

The applicant schema is generated from the one applicant model
(pypermit.applicant.Applicant), with ``unknown`` allowed wherever the
format allows it (pypermit.unknowns) and each field's help text as its
description. The answer formats are described by the models below, which
state what the serialisers (``to_dict``) write; the tests check every
example and conformance file against them. Keys may be added to a format,
so the answer schemas allow more keys than they name.

One module (~370 lines) on purpose: it is the one place a reader looks up
every published format, and the formats share their parts.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field

from pypermit.applicant.model import Applicant
from pypermit.applicant.unknowns import NEVER_UNKNOWN, UNKNOWN, UNKNOWN_LISTS
from pypermit.report.model import ConditionStatus, Effect, Strength
from pypermit.report.model import Status as PermitStatus

Scalar: TypeAlias = str | int | float | bool | None


class _Format(BaseModel):
    model_config = ConfigDict(extra="allow")


class ConditionDoc(_Format):
    id: str
    status: ConditionStatus
    strength: Strength
    citation: str
    text: str = Field(description="What the condition asks, with the person's own facts.")
    group: str | None = None
    waived_by: str | None = None


class GroupDoc(_Format):
    id: str
    mode: Literal["all", "any"]
    status: ConditionStatus
    citation: str
    text: str
    group: str | None = None


class ChangeDoc(_Format):
    fact: str = Field(description="An applicant field path, or as_of for time passing.")
    from_: Scalar = Field(alias="from")
    to: Scalar


class MeetsDoc(_Format):
    id: str
    citation: str


class RouteDoc(_Format):
    id: str = Field(description="The group of alternatives the option takes (a route of § 26 Abs. 3).")
    label: str


class UnlockOptionDoc(_Format):
    changes: list[ChangeDoc]
    meets: list[MeetsDoc] = []
    aims: Literal["eligible", "waiver_needed"] = Field(
        "eligible", description="What the changes reach: eligible, or waiver_needed (only requirements the "
                                "authority may set aside are left, listed in to_waive).")
    routes: list[RouteDoc] = []
    grows: list[ChangeDoc] = Field([], description="Facts that grow by themselves until the day of the "
                                                   "option (pension months, school years) and reach what "
                                                   "a rule asks.")
    to_waive: list[MeetsDoc] = []


class PermitDoc(_Format):
    id: str
    title: str
    status: PermitStatus
    effect: Effect
    citation: str
    conditions: list[ConditionDoc]
    groups: list[GroupDoc] = []
    unlock: list[UnlockOptionDoc]
    unlock_note: str | None = None


class QuestionDoc(_Format):
    fact: str = Field(description="The unknown fact, as an applicant field path.")
    decides: list[str] = Field(description="The permits whose outcome its answer can change.")
    values: list[Scalar]
    eligible_if: dict[str, list[Scalar]]
    eligible_if_text: dict[str, str]


class ReportDoc(_Format):
    """pypermit/report-v1 (``pypermit check --format json``)."""
    format: Literal["pypermit/report-v1"]
    as_of: str
    law_date: str
    permits: list[PermitDoc]
    questions: list[QuestionDoc] = []


class UnlockPermitDoc(_Format):
    id: str
    status: PermitStatus
    unlock: list[UnlockOptionDoc]
    unlock_note: str | None = None


class UnlockDoc(_Format):
    """pypermit/unlock-v1 (``pypermit unlock --format json``)."""
    format: Literal["pypermit/unlock-v1"]
    as_of: str
    permits: list[UnlockPermitDoc]


class OutcomeDoc(_Format):
    status: PermitStatus
    effect: Effect


class FigureChangeDoc(_Format):
    name: str = Field(description="The figure's name in the texts ({figure.NAME}), e.g. stay_years.")
    from_: int = Field(alias="from")
    to: int


class ConditionChangeDoc(_Format):
    id: str
    from_: ConditionStatus | None = Field(alias="from")
    to: ConditionStatus | None
    text: str
    citation: str
    citation_from: str | None = Field(None, description="The earlier citation, where it reads otherwise.")
    figures: list[FigureChangeDoc] = Field(default_factory=list,
                                           description="The law's figures of the condition that differ.")
    strength: Strength | None = None
    strength_from: Strength | None = Field(
        None, description="The earlier strength, where it differs and the condition is not met in one of the two.")
    waived_by: str | None = None
    waived_by_from: str | None = Field(None, description="With waived_by: where the waiver's reason differs.")
    because: list[ChangeDoc] = Field(default_factory=list,
                                     description="The what-if changes behind a change of strength or waiver.")


class DifferenceDoc(_Format):
    permit: str
    title: str
    from_: OutcomeDoc = Field(alias="from")
    to: OutcomeDoc
    conditions: list[ConditionChangeDoc]


class WhatIfDoc(_Format):
    """pypermit/whatif-v1 (``pypermit whatif --format json``)."""
    format: Literal["pypermit/whatif-v1"]
    before: ReportDoc
    after: ReportDoc
    changes: list[ChangeDoc]
    differences: list[DifferenceDoc]


class LawStepDoc(_Format):
    from_: str = Field(alias="from")
    to: str
    differences: list[DifferenceDoc]


class CompareDoc(_Format):
    """pypermit/compare-v1 (``pypermit compare --format json``)."""
    format: Literal["pypermit/compare-v1"]
    as_of: str
    law_dates: list[str]
    reports: list[ReportDoc]
    differences: list[LawStepDoc]


class EventDoc(DifferenceDoc):
    day: str


class TimelineDoc(_Format):
    """pypermit/timeline-v1 (``pypermit timeline --format json``)."""
    format: Literal["pypermit/timeline-v1"]
    as_of: str
    until: str
    law_date: str | None = None
    start: dict[str, OutcomeDoc]
    events: list[EventDoc]


class StepConditionDoc(_Format):
    id: str
    citation: str
    text: str


class GrantsDoc(_Format):
    status: Literal["permit", "settlement_permit"]
    basis: str | None = None


class PathStepDoc(_Format):
    permit: str
    title: str
    citation: str
    day: str
    status: Literal["eligible", "waiver_needed"]
    effect: Effect
    changes: list[ChangeDoc]
    grows: list[ChangeDoc]
    opened: list[StepConditionDoc] = Field(description="Conditions unmet on the first day that the steps "
                                                       "before have met.")
    meets: list[MeetsDoc]
    to_waive: list[MeetsDoc]
    routes: list[RouteDoc] = []
    grants: GrantsDoc


class PermitPathDoc(_Format):
    permits: list[str]
    last_day: str
    steps: list[PathStepDoc]


class PathsDoc(_Format):
    """pypermit/paths-v1 (``pypermit paths --format json``, docs/paths.md)."""
    format: Literal["pypermit/paths-v1"]
    as_of: str
    until: str
    max_steps: int
    law_date: str | None = None
    paths: list[PermitPathDoc]


class SpanDoc(_Format):
    name: str | None = None
    from_: str = Field(alias="from")
    to: str | None
    in_force: bool


class ThresholdDoc(_Format):
    name: str
    value: int
    from_: str = Field(alias="from")


class RequirementDoc(_Format):
    id: str
    strength: Literal["hard", "waivable"] | None = None
    mode: Literal["all", "any"] | None = None
    citation: str
    if_unmet: str
    group: str | None = None


class NormDoc(_Format):
    id: str
    title: str
    citation: str
    in_force: bool
    effect: Effect
    versions: list[SpanDoc]
    provisions: list[SpanDoc]
    thresholds: list[ThresholdDoc]
    figures: dict[str, int]
    conditions: list[RequirementDoc]
    groups: list[RequirementDoc]


class LawDoc(_Format):
    """pypermit/law-v1 (``pypermit law --format json``)."""
    format: Literal["pypermit/law-v1"]
    date: str
    note: str
    norms: list[NormDoc]


class QuestionsDoc(_Format):
    """pypermit/questions-v1: the open questions of a report on their own."""
    format: Literal["pypermit/questions-v1"]
    as_of: str
    questions: list[QuestionDoc]


class ProblemEntry(_Format):
    field: str = Field(description="The field path, as the CLI names it ('' for the body as a whole).")
    value: Any = Field(description="The value as given.")
    message: str


class ProblemDoc(_Format):
    """A problem answer (RFC 9457, application/problem+json)."""
    type: str
    title: str
    status: int
    detail: str
    problems: list[ProblemEntry] = []


#: The answer formats by the name their schema is published under.
ANSWERS: dict[str, type[BaseModel]] = {
    "report": ReportDoc, "unlock": UnlockDoc, "whatif": WhatIfDoc, "compare": CompareDoc,
    "timeline": TimelineDoc, "law": LawDoc, "questions": QuestionsDoc, "problem": ProblemDoc,
}


@lru_cache(maxsize=1)
def help_texts() -> dict[str, Any]:
    """Labels and help of every applicant field, English and German
    (static/texts.json, which the page uses too)."""
    texts: dict[str, Any] = json.loads(resources.files(__package__).joinpath("static/texts.json")
                                       .read_text(encoding="utf-8"))
    return texts


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema published as ``/v1/schema/NAME``; KeyError for no such name."""
    if name == "applicant":
        return applicant_schema()
    out = ANSWERS[name].model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **out}


@lru_cache(maxsize=1)
def applicant_schema() -> dict[str, Any]:
    """applicant-v1 from the model, with ``unknown`` where the format allows it."""
    base = Applicant.model_json_schema()
    out = copy.deepcopy(base)
    fields = help_texts()["fields"]
    defs = out["$defs"]
    # Each model's fields, by the path prefix they have in the file.
    owners = {"": out, "stay[].": defs["StayPeriod"], "convictions[].": defs["Conviction"],
              "household.children[].": defs["Child"]}
    for name, prop in base["properties"].items():
        if "$ref" in prop:
            owners[name + "."] = defs[prop["$ref"].rsplit("/", 1)[1]]
    for prefix, model in owners.items():
        for key, prop in list(model["properties"].items()):
            path = prefix + key
            scalar = "$ref" not in prop and prop.get("type") != "array"
            if (scalar and path not in NEVER_UNKNOWN) or path in UNKNOWN_LISTS:
                prop = {"anyOf": [_without_meta(prop), {"const": UNKNOWN}],
                        **{k: v for k, v in prop.items() if k in ("title", "default")}}
            text = fields.get(path, {}).get("en", {}).get("help")
            if text:
                prop["description"] = text
            model["properties"][key] = prop
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["description"] = ("An applicant file, format v1. Any field but as_of, application_date and birth_date "
                          "may say unknown; so may the lists convictions and household.children as a whole.")
    return out


def _without_meta(prop: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in prop.items() if k not in ("title", "default", "description")}
