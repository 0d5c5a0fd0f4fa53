"""Query limits: what one request may ask of the service (settings: :class:`kamgraph.config.Limits`).

Checked before execution by :class:`QueryLimits` (a schema extension; it reads
the limits of the request's settings):

- tokens in the document (graphql-core's parser stops at ``max_tokens``),
- depth (``max_depth``, strawberry's depth validator) and aliases
  (``max_aliases``, strawberry's alias validator),
- introspection (``__schema``/``__type``) unless the service allows it
  (dev mode or ``KAMGRAPH_INTROSPECTION``),
- cost: the number of nodes the query may return, GitHub-style: for every list
  or connection it selects, the product of ``first`` (or ``limit``) down to it,
  summed; a list without such an argument counts as ``list_estimate`` items.
  Over ``max_cost``, the request is refused with code ``QUERY_TOO_COSTLY`` and
  the computed ``cost`` in the error's extensions.

``first`` above ``max_first`` and mutation lists over ``max_mutation_items``
are refused by the resolvers themselves (``BAD_USER_INPUT``).

At the HTTP level, :class:`LimitsMiddleware` answers 413 to a request body over
``max_body_bytes`` (before GraphQL sees it) and 504 (code ``TIMEOUT``) to a
request that runs longer than ``timeout_seconds``. Batching (a JSON list of
operations in one request) is off: strawberry answers 400.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult, GraphQLError
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as aliases_validator
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator

from kamgraph.api.auth.middleware import send_error
from kamgraph.api.querywalk import TooComplexError, cost
from kamgraph.config import Limits, Settings

log = logging.getLogger("kamgraph.api.limits")

#: how many items a list field without `first`/`limit` counts for in the cost
LIST_ESTIMATE = 10


def _limits(context: Any) -> Limits:
    settings = getattr(context, "settings", None)
    return settings.limits if isinstance(settings, Settings) else Limits()


def introspection_allowed(context: Any) -> bool:
    """Whether this request may introspect: the app's security posture decides
    (see :class:`kamgraph.api.auth.security.Security`); in-process calls may."""
    request = getattr(context, "request", None)
    if request is None:
        return True
    app = request.scope.get("app") if hasattr(request, "scope") else None
    security = getattr(getattr(app, "state", None), "security", None)
    return bool(getattr(security, "introspection", False))


@functools.lru_cache(maxsize=32)
def validation_rules(
    max_depth: int, max_aliases: int, introspection: bool
) -> tuple[type[ASTValidationRule], ...]:
    """The validation rules of these limits, made once: the same rule objects from
    request to request let a validation cache (keyed by them) hit."""
    rules: list[type[ASTValidationRule]] = [
        depth_validator(max_depth, None),
        aliases_validator(max_aliases),
    ]
    if not introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)


class QueryLimits(SchemaExtension):
    """Applies the limits of the module docstring to each operation."""

    def on_operation(self) -> Iterator[None]:
        ec = self.execution_context
        limits = _limits(ec.context)
        ec.parse_options["max_tokens"] = limits.max_tokens
        rules = validation_rules(limits.max_depth, limits.max_aliases, introspection_allowed(ec.context))
        ec.validation_rules = (*ec.validation_rules, *rules)
        yield

    def on_execute(self) -> Iterator[None]:
        ec = self.execution_context
        if ec.result is None and ec.graphql_document is not None:
            limits = _limits(ec.context)
            error: GraphQLError | None = None
            try:
                n = cost(
                    ec.schema._schema,
                    ec.graphql_document,
                    ec.operation_name,
                    ec.variables,
                    list_factor=LIST_ESTIMATE,
                )
            except TooComplexError as exc:
                error = GraphQLError(
                    f"The query is too complex: {exc}", extensions={"code": "QUERY_TOO_COMPLEX"}
                )
            else:
                if n > limits.max_cost:
                    error = GraphQLError(
                        f"The query may return up to {n} nodes; the limit is {limits.max_cost}. "
                        "Ask for fewer items (first) or nest less.",
                        extensions={"code": "QUERY_TOO_COSTLY", "cost": n, "maxCost": limits.max_cost},
                    )
            if error is not None:
                ec.result = ExecutionResult(data=None, errors=[error])
        yield


class LimitsMiddleware:
    """Body size (413) and per-request timeout (504) for ``/graphql``."""

    def __init__(self, app: ASGIApp, limits: Limits, path: str = "/graphql") -> None:
        self.app = app
        self.limits = limits
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != self.path:
            await self.app(scope, receive, send)
            return
        limit = self.limits.max_body_bytes
        too_large = f"The request body is larger than {limit} bytes"
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await send_error(send, 413, too_large, "PAYLOAD_TOO_LARGE")
                return
        # read the body up to the limit, then hand it on
        chunks: list[bytes] = []
        size = 0
        more = scope.get("method") not in ("GET", "HEAD")
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await send_error(send, 413, too_large, "PAYLOAD_TOO_LARGE")
                return
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, replay, tracking_send), self.limits.timeout_seconds)
        except TimeoutError:
            log.warning(
                "request to %s took longer than %ss: cancelled", self.path, self.limits.timeout_seconds
            )
            if not started:
                await send_error(
                    send,
                    504,
                    f"The request took longer than {self.limits.timeout_seconds:g} s and was cancelled",
                    "TIMEOUT",
                )
