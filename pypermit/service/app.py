"""The HTTP service: the public API (pypermit.api) over HTTP, and the
counsellor's page.

Bodies are applicant files as JSON, options are query parameters named
as the CLI's options, and answers are the formats the CLI writes. The
solving runs in worker processes (workers.py); this process only reads
requests, checks who may call, and writes answers.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import json
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import fastapi_offline
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from pypermit import __version__
from pypermit.applicant.text import read_applicant_text
from pypermit.errors import InvalidApplicant, Problem
from pypermit.service import auth, problems, schemas, tasks
from pypermit.service.workers import Busy, WorkerLost, Workers

log = logging.getLogger("pypermit.service")

#: The largest body accepted (an applicant file is a few kilobytes).
MAX_BODY = 1024 * 1024
STATIC = Path(str(resources.files(__package__).joinpath("static")))
#: The page and the docs load nothing from elsewhere and run no inline script.
CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")


@dataclass(frozen=True)
class Settings:
    """What `pypermit serve` was told: workers, limits, tokens, CORS origins."""
    workers: int = 2
    time_limit: float = 30.0
    queue: int = 64
    tokens: tuple[bytes, ...] = ()
    cors_origins: tuple[str, ...] = ()


Lang = Literal["en", "de"]


def _problem(kind: str, status: int, detail: str, found: list[Problem] | tuple[()] = (),
             headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(problems.document(kind, status, detail, found), status_code=status,
                        media_type=problems.MEDIA_TYPE, headers=headers)


class TooLarge(Exception):
    """The body is past MAX_BODY."""


async def applicant_body(request: Request) -> dict[str, Any]:
    """The body as an applicant mapping, read up to MAX_BODY (a larger
    declared length is refused before, in the middleware)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise TooLarge
        chunks.append(chunk)
    try:
        text = b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidApplicant([Problem("", None, "cannot be read: it is not UTF-8 text")]) from None
    return read_applicant_text(text, "", as_json=True)


def _answer_docs(model: type, what: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI description of an endpoint's answers."""
    problem = {"model": schemas.ProblemDoc, "content": {problems.MEDIA_TYPE: {}}}
    return {200: {"model": model, "description": what},
            400: {**problem, "description": "A query parameter is not valid"},
            401: {**problem, "description": "A bearer token is needed (service bound beyond loopback)"},
            413: {**problem, "description": "The body is larger than 1 MiB"},
            422: {**problem, "description": "The body is not a valid applicant file"},
            503: {**problem, "description": "Too many requests waiting (see Retry-After), or a worker stopped"},
            504: {**problem, "description": "The evaluation ran past the time limit"}}


def _applicant_body_doc() -> dict[str, Any]:
    return {"requestBody": {"required": True, "description": "An applicant file (format v1) as JSON",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Applicant"}}}}}


def create_app(settings: Settings = Settings()) -> FastAPI:
    """The application; ``settings`` say how many workers, how long a
    request may take, who may call."""
    workers = Workers(settings.workers, settings.time_limit, settings.queue)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        workers.start()
        warming = asyncio.create_task(workers.warm_up())
        try:
            yield
        finally:
            warming.cancel()
            workers.close()

    app = FastAPI(title="pypermit", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="German humanitarian residence law (AufenthG): which residence permits are "
                              "derivable for one person, why, and what would change it. Bodies are applicant "
                              "files (format v1) as JSON; answers are the formats `pypermit` writes with "
                              "`--format json`; errors are RFC 9457 problem details.")
    app.state.workers = workers

    async def run(task: Any, *args: Any) -> Response:
        try:
            status, document = await workers.run(task, *args)
        except Busy:
            return _problem("busy", 503, f"{workers.capacity} requests are being served or waiting",
                            headers={"Retry-After": "1"})
        except WorkerLost:
            return _problem("worker-lost", 503, "the worker process evaluating this request stopped",
                            headers={"Retry-After": "1"})
        except tasks.OverTime:
            return _problem("time-limit", 504, f"the limit is {settings.time_limit:g} s per request")
        except Exception as exc:   # a fault of ours: said without its message, which may quote facts
            log.error("internal error: %s", type(exc).__name__)
            return _problem("internal", 500, "the service failed to answer; the error is logged")
        media = problems.MEDIA_TYPE if status >= 400 else "application/json"
        return JSONResponse(document, status_code=status, media_type=media)

    _install_middleware(app, settings)
    _install_errors(app)

    body = Depends(applicant_body)
    as_of_q = Query(None, description="Decide on this day instead of the file's as_of (YYYY-MM-DD).")
    law_date_q = Query(None, description="Apply the law in force on this day to the facts of as_of.")
    lang_q = Query("en", description="Language of the texts.")

    @app.post("/v1/evaluate", tags=["evaluate"], responses=_answer_docs(schemas.ReportDoc, "report-v1"),
              openapi_extra=_applicant_body_doc(), summary="Every permit's status, conditions and unlock")
    async def evaluate(applicant: dict[str, Any] = body, as_of: _dt.date | None = as_of_q,
                       law_date: _dt.date | None = law_date_q, lang: Lang = lang_q) -> Response:
        """What `pypermit check FILE --format json` prints (report-v1)."""
        return await run(tasks.evaluate, applicant, as_of, law_date, lang)

    @app.post("/v1/unlock", tags=["evaluate"], responses=_answer_docs(schemas.UnlockDoc, "unlock-v1"),
              openapi_extra=_applicant_body_doc(), summary="The minimal changes that unlock each permit")
    async def unlock(applicant: dict[str, Any] = body, as_of: _dt.date | None = as_of_q,
                     law_date: _dt.date | None = law_date_q, lang: Lang = lang_q,
                     permit: str | None = Query(None, description="Only this permit (e.g. 25b)."),
                     max_changes: int | None = Query(None, ge=1, description="At most N changes in a set.")
                     ) -> Response:
        """What `pypermit unlock FILE --format json` prints (unlock-v1)."""
        return await run(tasks.unlock, applicant, as_of, law_date, lang, permit, max_changes)

    @app.post("/v1/whatif", tags=["compare"], responses=_answer_docs(schemas.WhatIfDoc, "whatif-v1"),
              openapi_extra=_applicant_body_doc(), summary="The same person before and after changes")
    async def whatif(applicant: dict[str, Any] = body, as_of: _dt.date | None = as_of_q,
                     law_date: _dt.date | None = law_date_q, lang: Lang = lang_q,
                     set: list[str] = Query(..., description="PATH=VALUE, as `--set` (repeatable): "
                                                             "german=B1, identity.clarified=true")) -> Response:
        """What `pypermit whatif FILE --set ... --format json` prints (whatif-v1)."""
        return await run(tasks.whatif, applicant, as_of, law_date, lang, set)

    @app.post("/v1/compare", tags=["compare"], responses=_answer_docs(schemas.CompareDoc, "compare-v1"),
              openapi_extra=_applicant_body_doc(), summary="The same facts under the law of several days")
    async def compare(applicant: dict[str, Any] = body, as_of: _dt.date | None = as_of_q, lang: Lang = lang_q,
                      law_date: list[_dt.date] = Query(..., description="Two or more law dates (repeat).")
                      ) -> Response:
        """What `pypermit compare FILE --law-date A --law-date B --format json` prints (compare-v1)."""
        if len(law_date) < 2:
            return _problem("bad-option", 400, "law_date: give two or more law dates to compare",
                            [Problem("law_date", [d.isoformat() for d in law_date],
                                     "give two or more law dates to compare")])
        return await run(tasks.compare, applicant, as_of, law_date, lang)

    @app.post("/v1/timeline", tags=["compare"], responses=_answer_docs(schemas.TimelineDoc, "timeline-v1"),
              openapi_extra=_applicant_body_doc(), summary="The days on which time alone changes an outcome")
    async def timeline(applicant: dict[str, Any] = body, as_of: _dt.date | None = as_of_q,
                       law_date: _dt.date | None = law_date_q, lang: Lang = lang_q,
                       until: _dt.date | None = Query(None, description="The last day (default: five years on).")
                       ) -> Response:
        """What `pypermit timeline FILE --format json` prints (timeline-v1)."""
        return await run(tasks.timeline, applicant, as_of, law_date, lang, until)

    @app.post("/v1/questions", tags=["evaluate"], responses=_answer_docs(schemas.QuestionsDoc, "questions-v1"),
              openapi_extra=_applicant_body_doc(), summary="The unknown facts that decide, most decisive first")
    async def questions(applicant: dict[str, Any] = body, as_of: _dt.date | None = as_of_q,
                        law_date: _dt.date | None = law_date_q) -> Response:
        """The report's `questions` on their own (questions-v1)."""
        return await run(tasks.questions, applicant, as_of, law_date)

    @app.get("/v1/law", tags=["law"], responses=_answer_docs(schemas.LawDoc, "law-v1"),
             summary="What each norm asks on a day")
    async def law(date: _dt.date | None = Query(None, description="The law in force on this day (default: today)."),
                  norm: str | None = Query(None, description="Only this norm (e.g. 25a)."),
                  lang: Lang = lang_q) -> Response:
        """What `pypermit law --format json` prints (law-v1)."""
        return await run(tasks.law, date, norm, lang)

    @app.get("/v1/schema/{name}", tags=["schemas"], summary="A published JSON Schema",
             responses={200: {"description": "JSON Schema (draft 2020-12)"}})
    async def schema(name: Literal["applicant", "report", "unlock", "whatif", "compare", "timeline", "law",
                                   "questions", "problem"]) -> Response:
        """`applicant` (format v1, with `unknown` where allowed), or an answer format."""
        return JSONResponse(schemas.schema(name), media_type="application/schema+json")

    @app.get("/healthz", tags=["health"], summary="The process answers")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], summary="The workers are started and have loaded the rules")
    async def readyz() -> Response:
        if workers.ready:
            return JSONResponse({"status": "ready", "workers": workers.size, "in_flight": workers.in_flight})
        return _problem("busy", 503, "the workers are starting", headers={"Retry-After": "1"})

    _install_page(app)
    _install_openapi(app)
    return app


def _install_page(app: FastAPI) -> None:
    """The counsellor's page at /, the API docs at /docs, all files local."""

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-assets", StaticFiles(directory=Path(fastapi_offline.__file__).parent / "static"),
              name="docs-assets")


def _install_openapi(app: FastAPI) -> None:
    """The OpenAPI document names the applicant schema the bodies follow."""
    from fastapi.openapi.utils import get_openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            applicant = json.loads(json.dumps(schemas.applicant_schema()).replace("#/$defs/", "#/components/schemas/"))
            components = doc.setdefault("components", {}).setdefault("schemas", {})
            components.update(applicant.pop("$defs"))
            applicant.pop("$schema", None)
            components["Applicant"] = applicant
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend the schema


def _install_middleware(app: FastAPI, settings: Settings) -> None:
    """Tokens for /v1/ (the page, its files, the docs and the health checks
    carry no one's facts), security headers, CORS only if asked, and an
    access log without query strings or bodies (they may hold facts)."""

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        started = time.perf_counter()
        path = request.url.path
        if settings.tokens and path.startswith("/v1/") and request.method != "OPTIONS" \
                and not auth.authorised(request.headers.get("authorization"), settings.tokens):
            response: Response = _problem("unauthorized", 401, "send Authorization: Bearer TOKEN",
                                          headers={"WWW-Authenticate": 'Bearer realm="pypermit"'})
        elif path.startswith("/v1/") and request.method == "POST" and _declared_too_large(request):
            response = _too_large()
        else:
            try:
                response = await call_next(request)
            except Exception as exc:   # said without its message or traceback, which may quote facts
                log.error("internal error: %s", type(exc).__name__)
                response = _problem("internal", 500, "the service failed to answer; the error is logged")
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if path.startswith("/v1/"):
            response.headers["Cache-Control"] = "no-store"
        log.info("%s %s %d %.0f ms", request.method, path, response.status_code,
                 (time.perf_counter() - started) * 1000)
        return response

    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])


def _declared_too_large(request: Request) -> bool:
    declared = request.headers.get("content-length", "")
    return declared.isdigit() and int(declared) > MAX_BODY


def _too_large() -> JSONResponse:
    return _problem("too-large", 413, f"the body may be at most {MAX_BODY} bytes")


def _install_errors(app: FastAPI) -> None:
    """Every refusal as a problem document; never a traceback."""

    @app.exception_handler(TooLarge)
    async def too_large(request: Request, exc: TooLarge) -> JSONResponse:
        return _too_large()

    @app.exception_handler(InvalidApplicant)
    async def invalid(request: Request, exc: InvalidApplicant) -> JSONResponse:
        refused = problems.Invalid(exc.problems)
        return JSONResponse(refused.document(), status_code=422, media_type=problems.MEDIA_TYPE)

    @app.exception_handler(RequestValidationError)
    async def bad_option(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(err["loc"][0] == "path" for err in errors):
            return _problem("not-found", 404, f"there is no {request.url.path}")
        found = [Problem(str(err["loc"][-1]) if len(err["loc"]) > 1 else str(err["loc"][0]),
                         err.get("input"), _option_message(err)) for err in errors]
        return JSONResponse(problems.BadOption(found).document(), status_code=400, media_type=problems.MEDIA_TYPE)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "bad-option")
        return _problem(kind, exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))


def _option_message(err: dict[str, Any]) -> str:
    """A query parameter's fault in the words the CLI uses."""
    value = err.get("input")
    if err["type"] == "missing":
        return "missing"
    if err["type"].startswith("date"):
        return f"{value} is not a date (YYYY-MM-DD)"
    if err["type"] == "literal_error":
        return f"{value} is not one of: {err['ctx']['expected']}"
    return f"{value} is not valid: {err['msg'][:1].lower()}{err['msg'][1:]}"
