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
import re
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

from graphql import DocumentNode, ExecutionResult, GraphQLError, StringValueNode, Visitor, visit
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as aliases_validator
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator

from kamgraph.api.admission import Admission
from kamgraph.api.auth.middleware import send_error
from kamgraph.api.budget import RequestAborted
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


#: what each analysis may expand, in nodes, counted in the cost like a list of that size
#: (the neighbourhood it fetches and the graph work on it; see docs/security.md)
ANALYSIS_COSTS: Mapping[tuple[str, str], int] = {
    ("Query", "influencePaths"): 5_000,
    ("Query", "relationshipGaps"): 5_000,
    ("Query", "keyInfluencers"): 2_000,
    ("Query", "icebreakers"): 2_000,
    ("Query", "accountPriorities"): 5_000,
    ("Query", "competitiveLandscape"): 1_000,
    ("Query", "supplyChain"): 2_000,
    ("Query", "whitespace"): 2_000,
    ("Query", "winLoss"): 2_000,
}

_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def without_suggestions(message: str) -> str:
    """A validation message without graphql-core's "Did you mean ...?" (which would
    tell the schema's names to a client that may not introspect).

    >>> without_suggestions("Cannot query field 'emial' on type 'Person'. Did you mean 'email'?")
    "Cannot query field 'emial' on type 'Person'."
    """
    return _SUGGESTION.sub("", message)


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


def lone_surrogate(value: Any, depth: int = 0) -> bool:
    """Whether a variable's value holds a string that is not valid Unicode (a lone
    UTF-16 surrogate, which JSON can carry and no store can keep).

    >>> lone_surrogate({"a": ["ok", "bad \\ud800"]}), lone_surrogate({"a": "fine é"})
    (True, False)
    """
    if isinstance(value, str):
        return _has_surrogate(value)
    if depth > 64:
        return False
    if isinstance(value, dict):
        return any(_has_surrogate(str(k)) or lone_surrogate(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return any(lone_surrogate(v, depth + 1) for v in value)
    return False


def _bad_strings(document: DocumentNode, variables: Mapping[str, Any] | None) -> GraphQLError | None:
    for name, value in (variables or {}).items():
        if lone_surrogate(value):
            return GraphQLError(
                f"Variable ${name} holds a string that is not valid Unicode (a lone surrogate)",
                extensions={"code": "BAD_USER_INPUT", "variable": name},
            )
    bad: list[StringValueNode] = []

    class Strings(Visitor):
        def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
            if _has_surrogate(node.value):
                bad.append(node)

    visit(document, Strings())
    if bad:
        return GraphQLError(
            "A string in the query is not valid Unicode (a lone surrogate)",
            nodes=bad[:1],
            extensions={"code": "BAD_USER_INPUT"},
        )
    return None


def _admission(context: Any) -> Admission | None:
    scope = getattr(getattr(context, "request", None), "scope", None)
    app = scope.get("app") if isinstance(scope, dict) else None
    gate = getattr(getattr(app, "state", None), "admission", None)
    return gate if isinstance(gate, Admission) else None


class QueryLimits(SchemaExtension):
    """Applies the limits of the module docstring to each operation."""

    def on_operation(self) -> Iterator[None]:
        ec = self.execution_context
        limits = _limits(ec.context)
        ec.parse_options["max_tokens"] = limits.max_tokens
        introspection = introspection_allowed(ec.context)
        rules = validation_rules(limits.max_depth, limits.max_aliases, introspection)
        ec.validation_rules = (*ec.validation_rules, *rules)
        yield
        result = ec.result
        if not introspection and result is not None and result.errors:
            result.errors = [
                e if e.path or "Did you mean" not in e.message else _reworded(e) for e in result.errors
            ]

    async def on_execute(self) -> AsyncIterator[None]:
        ec = self.execution_context
        weight = 0
        gate: Admission | None = None
        if ec.result is None and ec.graphql_document is not None:
            limits = _limits(ec.context)
            error = _bad_strings(ec.graphql_document, ec.variables)
            n = 0
            if error is None:
                try:
                    n = cost(
                        ec.schema._schema,
                        ec.graphql_document,
                        ec.operation_name,
                        ec.variables,
                        list_factor=LIST_ESTIMATE,
                        field_costs=ANALYSIS_COSTS,
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
            else:
                gate = _admission(ec.context)
                if gate is not None:
                    weight = await gate.acquire(n)
        try:
            yield
        finally:
            if gate is not None:
                await gate.release(weight)


def _reworded(error: GraphQLError) -> GraphQLError:
    return GraphQLError(
        without_suggestions(error.message),
        error.nodes,
        error.source,
        error.positions,
        error.path,
        error.original_error,
        error.extensions,
    )


#: where LimitsMiddleware puts the request's deadline (``time.monotonic()``) in the scope's state
DEADLINE = "kamgraph_deadline"


class LimitsMiddleware:
    """Body size (413), the whole request's time (408 while the body arrives, 504 after)
    and the answer to a request stopped by its budget, for ``/graphql``."""

    def __init__(self, app: ASGIApp, limits: Limits, path: str = "/graphql") -> None:
        self.app = app
        self.limits = limits
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != self.path:
            await self.app(scope, receive, send)
            return
        limit = self.limits.max_body_bytes
        timeout = self.limits.timeout_seconds
        too_large = f"The request body is larger than {limit} bytes"
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await send_error(send, 413, too_large, "PAYLOAD_TOO_LARGE")
                return
        deadline = time.monotonic() + timeout
        scope.setdefault("state", {})[DEADLINE] = deadline
        loop_deadline = asyncio.get_running_loop().time() + timeout
        # read the body up to the limit (and within the time), then hand it on
        chunks: list[bytes] = []
        size = 0
        more = scope.get("method") not in ("GET", "HEAD")
        try:
            async with asyncio.timeout_at(loop_deadline):
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
        except TimeoutError:
            log.warning("request body to %s not received within %ss", self.path, timeout)
            await send_error(
                send, 408, f"The request body did not arrive within {timeout:g} s", "REQUEST_TIMEOUT"
            )
            return
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

        status, message_text, code = 0, "", ""
        try:
            async with asyncio.timeout_at(loop_deadline):
                await self.app(scope, replay, tracking_send)
        except TimeoutError:
            log.warning("request to %s took longer than %ss: cancelled", self.path, timeout)
            status, code = 504, "TIMEOUT"
            message_text = f"The request took longer than {timeout:g} s and was cancelled"
        except RequestAborted as stop:
            log.warning("request to %s stopped: %s", self.path, stop.message)
            status, message_text, code = stop.status, stop.message, stop.code
        if status and not started:
            await send_error(send, status, message_text, code)
