"""Who may call the service: loopback by default; elsewhere only holders of
a bearer token from ``--token-file``."""

from __future__ import annotations

import hmac
import ipaddress
from pathlib import Path


class TokenFileError(ValueError):
    """The token file cannot be read or holds no token."""


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the service on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def read_tokens(path: str | Path) -> tuple[bytes, ...]:
    """The tokens in the file, one a line; blank lines and ``#`` comments skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise TokenFileError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    tokens = tuple(line.strip().encode() for line in lines if line.strip() and not line.lstrip().startswith("#"))
    if not tokens:
        raise TokenFileError(f"{path} holds no token (one a line)")
    return tokens


def authorised(header: str | None, tokens: tuple[bytes, ...]) -> bool:
    """Whether an ``Authorization`` header carries one of ``tokens``; every
    token is compared, each in constant time."""
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return False
    offered = given.strip().encode()
    matches = [hmac.compare_digest(offered, token) for token in tokens]
    return any(matches)
