"""The HTTP side of access control: who sends each GraphQL request.

:class:`AuthMiddleware` authenticates every request to ``/graphql`` (the other
routes — ``/healthz``, ``/readyz``, ``/metrics`` — hold no graph data and stay
open for probes and scrapers). A request without a valid key is answered 401
with a GraphQL-shaped body (``extensions.code`` ``UNAUTHENTICATED``) and never
reaches GraphQL; otherwise its :class:`~kamgraph.api.auth.roles.Principal` is put in
the request's state, where :func:`principal_of` finds it.

Code deeper in the request can ask for another HTTP status (a FORBIDDEN refusal
is 403) with :func:`set_status`; the middleware applies it to the response.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kamgraph.api.admission import KeyQuota
from kamgraph.api.auth.roles import ANONYMOUS, Principal
from kamgraph.api.auth.security import Security

PRINCIPAL = "kamgraph_principal"
STATUS = "kamgraph_status"
GRAPHQL_PATH = "/graphql"


def principal_of(request: Any) -> Principal | None:
    """The principal of a request (``None`` when it has none: refuse).

    A context without an HTTP request (in-process calls made by kamgraph itself
    or its tests) is trusted: :data:`~kamgraph.api.auth.roles.ANONYMOUS`.
    """
    if request is None:
        return ANONYMOUS
    scope = getattr(request, "scope", None)
    if not isinstance(scope, dict):
        return None
    found = scope.get("state", {}).get(PRINCIPAL)
    return found if isinstance(found, Principal) else None


def set_status(request: Any, status: int) -> None:
    """Ask for ``status`` as the HTTP status of this request's response."""
    scope = getattr(request, "scope", None)
    if isinstance(scope, dict):
        scope.setdefault("state", {})[STATUS] = status


def error_body(message: str, code: str, **extensions: Any) -> bytes:
    return json.dumps({"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}).encode()


async def send_error(
    send: Send, status: int, message: str, code: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = error_body(message, code)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class AuthMiddleware:
    """Authenticates requests to ``/graphql`` and holds each key to its quota of requests
    in flight (429 beyond it); in dev mode, answers only loopback ``Host`` names (every
    route); applies a status set by :func:`set_status`."""

    def __init__(self, app: ASGIApp, security: Security, quota: KeyQuota | None = None) -> None:
        self.app = app
        self.security = security
        self.quota = quota

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        authorization: str | None = None
        host: str | None = None
        for name, value in scope.get("headers", ()):
            if name == b"authorization":
                authorization = value.decode("latin-1")
            elif name == b"host":
                host = value.decode("latin-1")
        if not self.security.host_allowed(host):
            await send_error(
                send,
                403,
                "A dev-mode service answers only requests to localhost, 127.0.0.1 or [::1] "
                f"(this one was sent to {host!r})",
                "BAD_HOST",
            )
            return
        if scope.get("path") != GRAPHQL_PATH:
            await self.app(scope, receive, send)
            return
        principal = self.security.authenticate(authorization)
        if principal is None:
            message = (
                "Missing API key: send Authorization: Bearer <secret>"
                if not authorization
                else "Invalid API key"
            )
            await send_error(send, 401, message, "UNAUTHENTICATED", [(b"www-authenticate", b"Bearer")])
            return
        quota = self.quota
        if quota is not None and not quota.enter(principal.actor):
            await send_error(
                send,
                429,
                f"Too many requests in flight for this key (at most {quota.per_key}); try again shortly",
                "RATE_LIMITED",
                [(b"retry-after", b"1")],
            )
            return
        state: dict[str, Any] = scope.setdefault("state", {})
        state[PRINCIPAL] = principal

        async def send_with_status(message: Message) -> None:
            if message["type"] == "http.response.start" and STATUS in state:
                message = {**message, "status": state[STATUS]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            if quota is not None:
                quota.leave(principal.actor)
