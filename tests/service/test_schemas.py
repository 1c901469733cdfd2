"""The published schemas hold what the service and the CLI write: the
examples, the conformance applicants and drawn applicants validate against
the applicant schema, and their answers against the answer schemas."""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pypermit.applicant.unknowns import NEVER_UNKNOWN
from pypermit.testing import applicants

from .conftest import CONFORMANCE, EXAMPLES, Server, applicant

#: Seconds-long (subprocesses, worker pools, browsers, many solver calls): `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def validators(server: Server) -> dict[str, jsonschema.protocols.Validator]:
    names = ["applicant", "report", "unlock", "whatif", "compare", "timeline", "law", "questions", "problem"]
    out = {}
    for name in names:
        schema = server.client.get(f"/v1/schema/{name}").json()
        jsonschema.Draft202012Validator.check_schema(schema)
        out[name] = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return out


CASES = EXAMPLES + CONFORMANCE


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_each_example_and_conformance_applicant_and_its_report_fit_the_schemas(server, validators, path):
    """The schema is the model's: it accepts a file exactly when the service does."""
    body = applicant(path)
    answer = server.client.post("/v1/evaluate", json=body)
    if path in EXAMPLES:
        assert answer.status_code == 200, answer.text
    if answer.status_code == 200:
        validators["applicant"].validate(body)
        validators["report"].validate(answer.json())
    else:
        assert answer.status_code == 422, answer.text
        validators["problem"].validate(answer.json())
        assert not validators["applicant"].is_valid(body)


@pytest.mark.parametrize("path", EXAMPLES[:5], ids=[p.stem for p in EXAMPLES[:5]])
def test_timelines_and_unlock_of_examples_fit_their_schemas(server, validators, path):
    body = applicant(path)
    for endpoint, name in (("/v1/timeline", "timeline"), ("/v1/unlock", "unlock")):
        answer = server.client.post(endpoint, json=body)
        assert answer.status_code == 200, answer.text
        validators[name].validate(answer.json())


def test_the_applicant_schema_allows_unknown_exactly_where_the_format_does(validators):
    check = validators["applicant"]
    base = {"birth_date": "1990-01-01", "stay": [{"since": "2015-01-01", "status": "duldung"}]}
    for allowed in ({"german": "unknown"}, {"identity": {"clarified": "unknown"}}, {"convictions": "unknown"},
                    {"household": {"children": "unknown"}}, {"stay": [{"since": "unknown", "status": "unknown"}]},
                    {"convictions": [{"date": "2020-01-01", "daily_rates": "unknown"}]}):
        check.validate({**base, **allowed})
    for key in NEVER_UNKNOWN:
        assert not check.is_valid({**base, key: "unknown"}), key
    assert not check.is_valid({**base, "identity": "unknown"})
    assert not check.is_valid({**base, "german": "B7"})
    assert not check.is_valid({**base, "livelihood": {"own_share": 101}})
    assert not check.is_valid({**base, "identity": {"clarifed": True}})


def _with_unknowns(data: st.DataObject, body: dict) -> dict:
    """Some of the scalar facts the file allows to be unknown, made unknown."""
    fields = ["german", "civics_test", "fdgo_commitment", "integration_prognosis", "city"]
    for name in data.draw(st.lists(st.sampled_from(fields), max_size=2, unique=True)):
        body[name] = "unknown"
    return body


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=applicants(), data=st.data())
def test_drawn_applicants_and_their_reports_fit_the_schemas(server, validators, body, data):
    body = _with_unknowns(data, body)
    validators["applicant"].validate(body)
    answer = server.client.post("/v1/evaluate", json=body)
    assert answer.status_code == 200, answer.text
    validators["report"].validate(answer.json())
    questions = server.client.post("/v1/questions", json=body)
    assert questions.status_code == 200
    validators["questions"].validate(questions.json())


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=applicants(), key=st.sampled_from(["german", "livelihood", "stay", "birth_date", "identity"]),
       junk=st.one_of(st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=2)))
def test_an_answer_to_a_broken_applicant_is_a_problem_and_the_schema_refuses_it_too(server, validators, body,
                                                                                       key, junk):
    body[key] = junk
    answer = server.client.post("/v1/evaluate", json=body)
    assert answer.status_code in (200, 422), answer.text
    if answer.status_code == 422:
        validators["problem"].validate(answer.json())
        assert not validators["applicant"].is_valid(body)
    else:
        validators["applicant"].validate(body)


def _paths(schema: dict, model: dict, prefix: str = "") -> list[str]:
    """Every field path of the applicant schema (list entries as ``[]``)."""
    out = []
    for key, prop in model["properties"].items():
        path = prefix + key
        out.append(path)
        options = [prop, *prop.get("anyOf", [])]
        ref = next((o["$ref"] for o in options if "$ref" in o), None)
        items = next((o["items"]["$ref"] for o in options if "items" in o and "$ref" in o["items"]), None)
        if ref:
            out += _paths(schema, schema["$defs"][ref.rsplit("/", 1)[1]], path + ".")
        if items:
            out += _paths(schema, schema["$defs"][items.rsplit("/", 1)[1]], path + "[].")
    return out


def test_every_field_has_a_label_and_help_in_english_and_german():
    from pypermit.service.schemas import applicant_schema, help_texts
    schema = applicant_schema()
    fields = help_texts()["fields"]
    paths = _paths(schema, schema)
    assert "household.children[].attends_school" in paths and "stay[].basis" in paths
    missing = [(p, lang) for p in paths for lang in ("en", "de")
               if not (fields.get(p, {}).get(lang, {}).get("label") and fields[p][lang].get("help"))]
    assert missing == []
    assert sorted(set(fields) - set(paths)) == []     # no help for a field that is not there
