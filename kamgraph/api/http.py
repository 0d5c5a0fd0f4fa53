"""The GraphQL endpoint: strawberry's ASGI view, made to follow GraphQL over HTTP.

What strawberry's view does not do by itself, and this one adds:

- ``application/graphql-response+json`` when the client accepts it, with that
  media type's status codes: 400 when the document does not parse or validate
  (the body then has no ``data``), 200 once it executed, errors or not. Clients
  that accept only ``application/json`` get 200 either way (the legacy rule).
- a mutation over GET is 405 with ``Allow: POST`` (strawberry answers 400).
- each request gets a :class:`~kamgraph.api.loaders.RequestContext`: fresh
  DataLoaders, its own :class:`~kamgraph.store.metering.RequestStats` counting the
  store's round-trips, the store (for a viewer, a wrapper that takes personal
  values out: :class:`~kamgraph.api.privacy.ViewerStore`),
  its :class:`~kamgraph.api.budget.RequestBudget`, and a request id (also sent
  back as ``X-Request-Id``).
- a body that is not JSON — nested too deeply for the parser included — is 400
  with a GraphQL-shaped error (``BAD_REQUEST``), never a 500.
- GraphiQL's page (a browser's ``GET /graphql``) is kamgraph's own, whose
  scripts and styles the service serves itself (:mod:`kamgraph.web`), not
  strawberry's, which loads them from a CDN.
"""

from __future__ import annotations

from typing import Any, cast

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema.base import BaseSchema
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from kamgraph.api.auth.middleware import error_body, principal_of
from kamgraph.api.auth.roles import Role
from kamgraph.api.budget import RequestBudget
from kamgraph.api.limits import DEADLINE
from kamgraph.api.loaders import RequestContext
from kamgraph.api.privacy import ViewerStore
from kamgraph.config import Settings
from kamgraph.store.metering import METER, Meter, RequestStats
from kamgraph.store.protocol import GraphStore
from kamgraph.web import graphiql_page

#: how long before the request's hard timeout its budget stops it (at most)
BUDGET_MARGIN_SECONDS = 1.0

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"


def _accepted(accept: str) -> dict[str, float]:
    """Media types of an Accept header with their q values.

    >>> _accepted("application/graphql-response+json, application/json;q=0.9")
    {'application/graphql-response+json': 1.0, 'application/json': 0.9}
    """
    out: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for p in params:
            key, _, value = p.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        out[media.lower()] = max(q, out.get(media.lower(), 0.0))
    return out


def wants_graphql_response(accept: str) -> bool:
    """Whether to answer with ``application/graphql-response+json``.

    >>> wants_graphql_response("application/graphql-response+json, application/json")
    True
    >>> wants_graphql_response("application/json")
    False
    >>> wants_graphql_response("*/*")
    False
    """
    types = _accepted(accept)
    q = types.get(GRAPHQL_RESPONSE_JSON, 0.0)
    return q > 0 and q >= types.get(JSON, 0.0)


def is_request_error(result: ExecutionResult) -> bool:
    """A result of a document that did not parse or validate (nothing executed)."""
    return result.data is None and bool(result.errors) and all(not e.path for e in result.errors or ())


class GraphQLEndpoint(GraphQL[RequestContext, None]):
    """strawberry's ASGI view over kamgraph's store, per GraphQL over HTTP."""

    def __init__(
        self,
        schema: BaseSchema,
        store: GraphStore,
        settings: Settings,
        meter: Meter,
        graphiql: bool = True,
    ) -> None:
        super().__init__(schema, graphql_ide="graphiql" if graphiql else None, subscription_protocols=())
        self.store = store
        self.settings = settings
        self.meter = meter

    async def render_graphql_ide(self, request: Request) -> Response:
        return graphiql_page()

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> RequestContext:
        stats = RequestStats()
        # the store's round trips while serving this request count into stats too
        # (the app's middleware restores the app's meter when the request is done)
        METER.set(self.meter.for_request(stats))
        principal = principal_of(request)  # set by AuthMiddleware; None: refused in AccessControl
        store: GraphStore = self.store
        if principal is None or not principal.may(Role.ANALYST):
            store = cast(GraphStore, ViewerStore(store))
        limits = self.settings.limits
        deadline = request.scope.get("state", {}).get(DEADLINE)
        if deadline is not None:
            # stop cooperatively (the executor unwinds what is under way) a moment before
            # LimitsMiddleware would have to cancel the request outright
            deadline -= min(BUDGET_MARGIN_SECONDS, limits.timeout_seconds / 10)
        budget = RequestBudget(deadline, limits.max_result_items, limits.timeout_seconds)
        ctx = RequestContext.create(
            store,
            self.settings,
            stats=stats,
            metrics=self.meter.metrics,
            request=request,
            actor=principal.actor if principal is not None else "unauthenticated",
            budget=budget,
        )
        if isinstance(response, Response):
            response.headers["x-request-id"] = ctx.request_id
        return ctx

    def parse_json(self, data: str | bytes) -> Any:
        try:
            return super().parse_json(data)
        except (RecursionError, UnicodeDecodeError) as exc:
            raise HTTPException(400, "The request body is not JSON this service can read") from exc

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: RequestContext,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        try:
            result = await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        except HTTPException as exc:
            if request_adapter.method == "GET" and isinstance(exc.__cause__, InvalidOperationTypeError):
                raise HTTPException(
                    405, "Only queries can be sent with GET; send mutations with POST"
                ) from exc
            raise
        if context.budget is not None and context.budget.aborted is not None:
            raise context.budget.aborted  # answered by LimitsMiddleware with its status
        return result

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        if is_request_error(result):
            # nothing executed: the GraphQL spec says the response has no `data`
            response.pop("data", None)
            request.state.kamgraph_request_error = True
        return response

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        response = await super().run(request, context, root_value)
        if (
            isinstance(request, Request)
            and isinstance(response, Response)
            and response.headers.get("content-type", "").startswith(JSON)
            and wants_graphql_response(request.headers.get("accept", ""))
        ):
            response.headers["content-type"] = GRAPHQL_RESPONSE_JSON + "; charset=utf-8"
            if getattr(request.state, "kamgraph_request_error", False):
                response.status_code = 400
        return response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        response: Response
        try:
            response = await self.run(request)
        except HTTPException as exc:
            if exc.status_code == 400:
                response = Response(error_body(exc.reason, "BAD_REQUEST"), status_code=400, media_type=JSON)
            else:
                response = PlainTextResponse(exc.reason, status_code=exc.status_code)
            if exc.status_code == 405:
                response.headers["allow"] = "POST" if request.method == "GET" else "GET, POST"
        await response(scope, receive, send)
