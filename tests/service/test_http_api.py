"""The API over HTTP against a real server: every endpoint answers in the
CLI's formats, refusals are problem details with the CLI's problem list,
and no log line carries a fact."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import jsonschema
import pytest

import pypermit

from .conftest import ROOT, Server, applicant

#: Seconds-long (subprocesses, worker pools, browsers, many solver calls): `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

DARMSTADT = applicant(ROOT / "examples" / "darmstadt_refugee_c1.yaml")
PROBLEM = "application/problem+json"


def _schema(server: Server, name: str) -> jsonschema.protocols.Validator:
    schema = server.client.get(f"/v1/schema/{name}").json()
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _cli(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("pypermit")
    return subprocess.run([str(exe), *args], capture_output=True, text=True,
                          env={"LANG": "C.UTF-8", "PATH": "/usr/bin"})


ENDPOINTS = [
    ("post", "/v1/evaluate", {}, "report"),
    ("post", "/v1/unlock", {"permit": "25b", "max_changes": 2}, "unlock"),
    ("post", "/v1/whatif", {"set": ["german=A1", "as_of=2026-03-01"]}, "whatif"),
    ("post", "/v1/compare", {"law_date": ["2022-12-30", "2022-12-31"]}, "compare"),
    ("post", "/v1/timeline", {"lang": "de"}, "timeline"),
    ("post", "/v1/questions", {}, "questions"),
    ("get", "/v1/law", {"date": "2022-12-31", "norm": "104c"}, "law"),
]


@pytest.mark.parametrize("method,path,params,fmt", ENDPOINTS, ids=[e[1] for e in ENDPOINTS])
def test_every_endpoint_answers_in_its_format(server, method, path, params, fmt):
    kwargs = {"json": DARMSTADT} if method == "post" else {}
    answer = server.client.request(method, path, params=params, **kwargs)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/json"
    document = answer.json()
    assert document["format"] == f"pypermit/{fmt}-v1"
    _schema(server, fmt).validate(document)


def test_evaluate_is_the_report_of_the_api(server):
    answer = server.client.post("/v1/evaluate", json=DARMSTADT, params={"lang": "de"}).json()
    assert answer == pypermit.evaluate(DARMSTADT, lang="de").to_dict()
    assert answer["permits"][4]["id"] == "26.3" and answer["permits"][4]["status"] == "eligible"


def test_unlock_writes_what_the_cli_writes(server):
    path = ROOT / "examples" / "duldung_almost_25b.yaml"
    cli = _cli("unlock", str(path), "--permit", "25b", "--format", "json", "--lang", "en")
    answer = server.client.post("/v1/unlock", json=applicant(path), params={"permit": "25b"})
    assert answer.json() == json.loads(cli.stdout)


def test_an_invalid_applicant_is_422_with_the_cli_problems(server, tmp_path):
    bad = {"birth_date": "1990-13-01", "stay": [{"since": "2020-01-01", "status": "permit"}],
           "german": "B7", "identity": {"clarifed": True}}
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    cli = _cli("check", str(tmp_path / "bad.json"))
    answer = server.client.post("/v1/evaluate", json=bad)
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM
    problem = answer.json()
    _schema(server, "problem").validate(problem)
    assert problem["status"] == 422 and problem["type"].endswith("invalid-applicant")
    lines = [f"error: {p['field']}: {p['message']}" for p in problem["problems"]]
    assert lines == cli.stderr.splitlines() and cli.returncode == 2
    assert {"field": "german", "value": "B7", "message": "B7 is not one of: none, A1, A2, B1, B2, C1, C2"} \
        in problem["problems"]


@pytest.mark.parametrize("body,message", [
    (b'{"birth_date": "1990-01-01",', "JSON syntax error at line 1"),
    (b"", "the file is empty"),
    (b"[1, 2]", "the file holds a list"),
    (b'{"a": 1, "a": 2}', "the key a is given twice"),
    ('{"birth_date": "1990-01-01"}'.encode("utf-16"), "not UTF-8"),
])
def test_a_body_that_is_no_applicant_file_is_422(server, body, message):
    answer = server.client.post("/v1/evaluate", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM
    assert message in answer.json()["problems"][0]["message"]


@pytest.mark.parametrize("method,path,params,field", [
    ("post", "/v1/evaluate", {"lang": "fr"}, "lang"),
    ("post", "/v1/evaluate", {"as_of": "2025-13-01"}, "as_of"),
    ("post", "/v1/evaluate", {"as_of": "2001-01-01"}, "as_of"),
    ("post", "/v1/evaluate", {"law_date": "2001-01-01"}, "law_date"),
    ("post", "/v1/unlock", {"max_changes": 0}, "max_changes"),
    ("post", "/v1/unlock", {"permit": "99z"}, "permit"),
    ("post", "/v1/whatif", {"set": "identity.clarifed=true"}, "identity.clarifed"),
    ("post", "/v1/whatif", {"set": "german"}, "set"),
    ("post", "/v1/whatif", {}, "set"),
    ("post", "/v1/compare", {"law_date": "2022-12-30"}, "law_date"),
    ("post", "/v1/timeline", {"until": "2099-01-01"}, "until"),
    ("get", "/v1/law", {"norm": "99z"}, "norm"),
])
def test_a_bad_option_is_400_naming_it(server, method, path, params, field):
    kwargs = {"json": DARMSTADT} if method == "post" else {}
    answer = server.client.request(method, path, params=params, **kwargs)
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"] == PROBLEM
    assert [p["field"] for p in answer.json()["problems"]] == [field]


def test_a_body_past_one_mebibyte_is_413(server):
    big = b'{"x": "' + b"a" * (1024 * 1024) + b'"}'
    answer = server.client.post("/v1/evaluate", content=big)
    assert answer.status_code == 413 and answer.headers["content-type"] == PROBLEM

    def chunks():   # no Content-Length: the cap is counted while reading
        for _ in range(20):
            yield b" " * 65536
    answer = server.client.post("/v1/evaluate", content=chunks())
    assert answer.status_code == 413


def test_unknown_addresses_and_methods_are_problems(server):
    assert server.client.get("/v1/nothing").status_code == 404
    assert server.client.get("/v1/schema/nothing").status_code == 404
    answer = server.client.get("/v1/evaluate")
    assert answer.status_code == 405 and answer.headers["content-type"] == PROBLEM


def test_health_readiness_docs_and_openapi(server):
    assert server.client.get("/healthz").json() == {"status": "ok"}
    assert server.client.get("/readyz").json()["status"] == "ready"
    openapi = server.client.get("/openapi.json").json()
    assert {"/v1/evaluate", "/v1/unlock", "/v1/whatif", "/v1/compare", "/v1/timeline", "/v1/questions",
            "/v1/law"} <= set(openapi["paths"])
    assert "Applicant" in openapi["components"]["schemas"]
    docs = server.client.get("/docs")
    assert docs.status_code == 200 and "http" not in docs.text.replace("http-equiv", "")
    for asset in ("/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css", "/static/docs.js"):
        assert server.client.get(asset).status_code == 200, asset


def test_security_headers_and_no_cors_by_default(server):
    answer = server.client.get("/", headers={"Origin": "https://elsewhere.example"})
    csp = answer.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert "access-control-allow-origin" not in answer.headers
    preflight = server.client.options("/v1/evaluate", headers={"Origin": "https://elsewhere.example",
                                                               "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_no_fact_and_no_query_string_in_the_log(server):
    facts = dict(DARMSTADT, birth_date="1977-07-17")
    server.client.post("/v1/whatif", json=facts, params={"set": "german=B2"})
    server.client.post("/v1/evaluate", json=dict(facts, german="Z9"))
    log = server.log()
    assert "POST /v1/whatif 200" in log
    for fact in ("1977-07-17", "german", "B2", "Z9", "darmstadt", "?"):
        assert fact not in log, fact
    assert "Traceback" not in log


def test_serving_beyond_loopback_needs_a_token_file():
    exe = Path(sys.executable).with_name("pypermit")
    result = subprocess.run([str(exe), "serve", "--host", "0.0.0.0"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--token-file" in result.stderr


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory):
    """One worker, no queue, a limit no evaluation keeps, and a token."""
    tokens = tmp_path_factory.mktemp("tokens") / "tokens"
    tokens.write_text("# counselling office\nsecret-one\nsecret-two\n")
    srv = Server("--workers", "1", "--queue", "0", "--time-limit", "0.01", "--token-file", str(tokens),
                 "--cors-origin", "https://counsel.example", name="strict").wait_ready()
    yield srv
    srv.stop()


def test_a_request_without_a_valid_token_is_401(strict_server):
    client = strict_server.client
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic secret-one"}):
        answer = client.get("/v1/law", headers=headers)
        assert answer.status_code == 401 and answer.headers["content-type"] == PROBLEM
        assert answer.headers["www-authenticate"].startswith("Bearer")
    assert client.get("/v1/schema/applicant", headers={"Authorization": "Bearer secret-two"}).status_code == 200
    assert client.get("/healthz").status_code == 200 and client.get("/").status_code == 200


def test_cors_only_for_the_origin_given(strict_server):
    answer = strict_server.client.get("/healthz", headers={"Origin": "https://counsel.example"})
    assert answer.headers["access-control-allow-origin"] == "https://counsel.example"
    answer = strict_server.client.get("/healthz", headers={"Origin": "https://other.example"})
    assert "access-control-allow-origin" not in answer.headers


def test_past_the_time_limit_the_answer_is_504_and_the_service_goes_on(strict_server):
    auth = {"Authorization": "Bearer secret-one"}
    answer = strict_server.client.post("/v1/unlock", json=DARMSTADT, headers=auth)
    assert answer.status_code == 504 and answer.headers["content-type"] == PROBLEM
    assert answer.json()["type"].endswith("time-limit")
    assert strict_server.client.get("/v1/schema/report", headers=auth).status_code == 200


def test_a_full_queue_is_503_with_retry_after(strict_server):
    auth = {"Authorization": "Bearer secret-one"}
    answers: list[httpx.Response] = []
    together = threading.Barrier(12)   # the requests arrive at once, so they overlap

    def call() -> None:
        with httpx.Client(base_url=strict_server.url, timeout=60) as client:
            together.wait()
            answers.append(client.post("/v1/unlock", json=DARMSTADT, headers=auth))
    threads = [threading.Thread(target=call) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    busy = [a for a in answers if a.status_code == 503]
    assert busy and all(a.headers["retry-after"] == "1" for a in busy)
    assert all(a.status_code in (503, 504) and a.headers["content-type"] == PROBLEM for a in answers)
    assert "Traceback" not in strict_server.log()
