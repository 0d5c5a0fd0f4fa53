"""The routes of the web pages, and GraphiQL's page.

- ``/``, ``/accounts/<id>``, ``/people/<id>``: the explorer's one page (it
  reads its address and shows that view, so a link can be shared and the
  back button works);
- ``/static/...``: the explorer's scripts and styles; ``/static/vendor/...``:
  the libraries (``vendor/vendor.json`` says which, at which version);
- GraphiQL: :func:`graphiql_page`, the page the GraphQL endpoint answers a
  browser's ``GET /graphql`` with.

Every page forbids loading anything from another origin
(Content-Security-Policy): what it shows comes from this package, and what it
asks goes to this service.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
VENDOR = HERE / "vendor"

#: what the pages may load: only this origin (styles may be set inline: GraphiQL
#: and the drawing library set them from script; fonts and icons may be data: URLs)
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)

PAGE_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-cache",
}


def _page(name: str) -> HTMLResponse:
    return HTMLResponse((STATIC / name).read_text(encoding="utf-8"), headers=PAGE_HEADERS)


def graphiql_page() -> HTMLResponse:
    """GraphiQL, with its scripts and styles from this package."""
    return _page("graphiql.html")


async def explorer(request: Request) -> Response:
    return _page("index.html")


def web_routes() -> list[BaseRoute]:
    """The explorer's page at its addresses, and the static files."""
    return [
        Route("/", explorer, methods=["GET", "HEAD"]),
        Route("/accounts/{account_id:path}", explorer, methods=["GET", "HEAD"]),
        Route("/people/{person_id:path}", explorer, methods=["GET", "HEAD"]),
        Mount("/static/vendor", StaticFiles(directory=VENDOR), name="vendor"),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
