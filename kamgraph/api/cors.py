"""Cross-origin requests: which other origins' pages may call the API from a browser.

None by default: a page of another origin cannot read the service's answers.
Origins are allowed with ``kamgraph serve --cors-origin ORIGIN`` (repeatable) or
``KAMGRAPH_CORS_ORIGINS`` (separated by commas or spaces); ``*`` allows any.

What an allowed origin gets, as the Fetch spec has it:

- the preflight (``OPTIONS`` with ``Access-Control-Request-Method``) is answered
  before authentication, naming the methods (GET, POST) and the request headers
  a GraphQL client sends: ``Authorization`` (listed by name: a ``*`` never
  covers it), ``Content-Type`` (``application/json`` makes every POST a
  preflighted request) and ``Accept``;
- every answer, errors included (401, 403, 413, 504), carries
  ``Access-Control-Allow-Origin``, so the page can read why a request failed,
  and exposes ``X-Request-Id``;
- no credentials mode: the API key travels in the ``Authorization`` header the
  page sets itself, never in a cookie, so ``Access-Control-Allow-Credentials``
  is not sent (and ``*`` stays safe to use).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware

#: how long a browser may cache a preflight answer (seconds)
PREFLIGHT_MAX_AGE = 600
ALLOWED_METHODS = ("GET", "POST")
ALLOWED_HEADERS = ("Authorization", "Content-Type", "Accept")
EXPOSED_HEADERS = ("X-Request-Id",)


class CorsOriginError(ValueError):
    """A configured CORS origin that is not an origin."""


def parse_origins(text: str) -> tuple[str, ...]:
    """The origins in ``text``, separated by commas or white space.

    >>> parse_origins("https://app.example.com, http://localhost:3000")
    ('https://app.example.com', 'http://localhost:3000')
    """
    return tuple(part for part in text.replace(",", " ").split() if part)


def check_origins(origins: Iterable[str]) -> tuple[str, ...]:
    """``origins`` as given, or :class:`CorsOriginError` naming the first that is not an origin.

    An origin is ``scheme://host`` with an optional port, nothing after it
    (browsers send exactly that in the ``Origin`` header), or ``*``.

    >>> check_origins(["https://app.example.com:8443", "*"])
    ('https://app.example.com:8443', '*')
    >>> check_origins(["https://app.example.com/"])
    Traceback (most recent call last):
    ...
    kamgraph.api.cors.CorsOriginError: CORS origin 'https://app.example.com/' is not an origin: \
write scheme://host[:port] with no path, like https://app.example.com
    """
    checked: list[str] = []
    for origin in origins:
        if origin != "*":
            try:
                parts = urlsplit(origin)
                parts.port  # noqa: B018 -- raises ValueError on a bad port
            except ValueError:
                parts = None
            if (
                parts is None
                or parts.scheme not in ("http", "https")
                or not parts.hostname
                or parts.path
                or parts.query
                or parts.fragment
                or parts.username is not None
                or origin != origin.strip()
            ):
                raise CorsOriginError(
                    f"CORS origin {origin!r} is not an origin: write scheme://host[:port] "
                    "with no path, like https://app.example.com"
                )
        checked.append(origin)
    return tuple(checked)


def add_cors(app: Starlette, origins: Iterable[str]) -> None:
    """Let pages of ``origins`` call ``app`` (nothing is added when there are none).

    Add it last, so that it wraps everything: a preflight is answered before
    authentication, and every answer (a refusal too) carries its headers.
    """
    allowed = check_origins(origins)
    if not allowed:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(allowed),
        allow_methods=list(ALLOWED_METHODS),
        allow_headers=list(ALLOWED_HEADERS),
        expose_headers=list(EXPOSED_HEADERS),
        allow_credentials=False,
        max_age=PREFLIGHT_MAX_AGE,
    )
