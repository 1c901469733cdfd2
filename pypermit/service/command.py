"""``pypermit serve``: the command, with the web stack imported only when it runs."""

from __future__ import annotations

import os
from typing import Any

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Any other than loopback needs --token-file.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes that evaluate (default: the number of CPUs).")
@click.option("--time-limit", type=click.FloatRange(min=0.01), default=30.0, show_default=True, metavar="SECONDS",
              help="Longest a request may take; past it the answer is 504.")
@click.option("--queue", type=click.IntRange(min=0), default=64, show_default=True, metavar="N",
              help="Requests that may wait for a worker; past it the answer is 503 with Retry-After.")
@click.option("--token-file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Bearer tokens, one a line: a request to /v1/ without one of them gets 401.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Allow browser pages from ORIGIN to call the API (repeatable; default: none).")
def serve(host: str, port: int, workers: int | None, time_limit: float, queue: int, token_file: str | None,
          cors_origins: tuple[str, ...]) -> None:
    """Serve the API (/v1/..., docs at /docs) and the counsellor's page (/)
    over HTTP. Needs pypermit[serve]."""
    from pypermit.service.auth import TokenFileError, is_loopback, read_tokens
    tokens: tuple[bytes, ...] = ()
    if token_file:
        try:
            tokens = read_tokens(token_file)
        except TokenFileError as exc:
            raise click.BadParameter(str(exc), param_hint="'--token-file'") from None
    elif not is_loopback(host):
        raise click.BadParameter(f"{host} is reachable from other machines: give --token-file", param_hint="'--host'")
    try:
        import uvicorn

        from pypermit.service.app import Settings, create_app
    except ImportError as exc:
        raise click.UsageError(f"pypermit serve needs the serve extra: pip install 'pypermit[serve]' ({exc.name} "
                               "is missing)") from None
    settings = Settings(workers=workers or os.cpu_count() or 1, time_limit=time_limit, queue=queue, tokens=tokens,
                        cors_origins=cors_origins)
    click.echo(f"pypermit serve: http://{host}:{port}/ ({settings.workers} workers)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, access_log=False, log_config=_log_config(),
                server_header=False)


def _log_config() -> dict[str, Any]:
    """uvicorn's logging, plus the service's own access lines (method, path,
    status, time: no query string, no body). uvicorn's access log is off,
    as it would write the query string."""
    import copy

    from uvicorn.config import LOGGING_CONFIG
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["pypermit.service"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
