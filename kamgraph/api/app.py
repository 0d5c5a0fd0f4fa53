"""The ASGI application: GraphQL, health, readiness and metrics, over one store.

``create_app(settings)`` makes the store named by the settings and opens it at
start-up (closing it at shutdown); given a ``store``, it uses that one and
leaves its life cycle to the caller. A Neo4j store that cannot be reached at
start-up does not stop the service: it starts with the store down (``/readyz``
503, requests fail with ``STORE_UNAVAILABLE``) and opens the store as soon as
it answers. An embedded store that cannot be opened is a configuration error
and fails the start-up. With ``settings.demo`` the demo data set
is loaded into the store at start-up when it is empty.

Besides the API, the service serves the explorer (``/``, :mod:`kamgraph.web`),
and answers cross-origin requests from the origins ``settings.cors_origins``
names (:mod:`kamgraph.api.cors`).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kamgraph.api.admission import Admission, KeyQuota
from kamgraph.api.auth.middleware import AuthMiddleware
from kamgraph.api.auth.security import Security
from kamgraph.api.cors import add_cors
from kamgraph.api.http import GraphQLEndpoint
from kamgraph.api.limits import LimitsMiddleware
from kamgraph.api.resolvers import build_schema
from kamgraph.config import Settings
from kamgraph.domain.errors import StoreUnavailableError
from kamgraph.store import GraphStore, make_store
from kamgraph.store.metering import Meter, metered
from kamgraph.store.metrics import CONTENT_TYPE, Metrics
from kamgraph.web import web_routes

log = logging.getLogger("kamgraph.api.app")

#: how long /readyz waits for the store
READY_TIMEOUT_SECONDS = 5.0
_ROUTES = ("/graphql", "/healthz", "/readyz", "/metrics")


class HTTPMetricsMiddleware:
    """Counts every HTTP response by route and status code."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            path = str(scope.get("path", ""))
            route = path if path in _ROUTES else "other"
            self.metrics.http_requests.labels(route, str(status)).inc()


class StoreMeterMiddleware:
    """Reports the store's round trips made while serving anything (a request, the
    readiness check, the lifespan) to the app's :class:`~kamgraph.store.metering.Meter`."""

    def __init__(self, app: ASGIApp, meter: Meter) -> None:
        self.app = app
        self.meter = meter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with metered(self.meter):
            await self.app(scope, receive, send)


async def _load_demo(store: GraphStore) -> None:
    demo = importlib.import_module("kamgraph.synth.demo")
    load_demo: Callable[[GraphStore], Awaitable[bool]] = demo.load_demo
    if await load_demo(store):
        log.info("loaded the demo data set")
    else:
        log.info("the store is not empty: demo data not loaded")


def create_app(settings: Settings, store: GraphStore | None = None) -> Starlette:
    """The kamgraph service over ``store`` (by default the store ``settings`` names)."""
    security = Security.from_settings(settings)  # keyed, or dev mode on loopback; else refuses
    manage_store = store is None
    inner = make_store(settings) if store is None else store
    metrics = Metrics()
    meter = Meter(metrics)  # the store's round trips, counted and timed for this app
    graphiql = security.graphiql
    graphql = GraphQLEndpoint(build_schema(), inner, settings, meter, graphiql=graphiql)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        opened = True
        if manage_store:
            try:
                await inner.open()
            except StoreUnavailableError as exc:
                if not settings.store_is_neo4j:
                    raise  # an embedded file that cannot be opened: a configuration error
                log.warning("starting without the store, to be opened once it answers: %s", exc)
                inner.open_later(exc)  # fails fast while down; a probe opens it
                opened = False
        try:
            if settings.demo and not opened:
                log.warning("the store is not reachable: demo data not loaded")
            elif settings.demo:
                await _load_demo(inner)
            yield
        finally:
            if manage_store:
                await inner.close()

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    admission = Admission(settings.limits.max_inflight_cost)

    async def readyz(request: Request) -> Response:
        if admission.overloaded:
            # operations are waiting for room: a load balancer should send new work elsewhere
            return JSONResponse(
                {"status": "overloaded", "store": inner.backend, "waiting": admission.waiting},
                status_code=503,
            )
        try:
            await asyncio.wait_for(inner.ping(), READY_TIMEOUT_SECONDS)
        except Exception as exc:  # any failure means: not ready
            metrics.store_up.set(0)
            log.warning("readiness check failed: %s", exc)
            return JSONResponse({"status": "unavailable", "store": inner.backend}, status_code=503)
        metrics.store_up.set(1)
        return JSONResponse({"status": "ready", "store": inner.backend})

    async def metrics_endpoint(request: Request) -> Response:
        return Response(metrics.render(), media_type=CONTENT_TYPE)

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/metrics", metrics_endpoint, methods=["GET"]),
            *web_routes(),  # the explorer at /, its files under /static
        ],
        lifespan=lifespan,
    )
    app.add_middleware(LimitsMiddleware, limits=settings.limits)
    app.add_middleware(
        AuthMiddleware, security=security, quota=KeyQuota(settings.limits.max_requests_per_key)
    )
    app.add_middleware(HTTPMetricsMiddleware, metrics=metrics)
    app.add_middleware(StoreMeterMiddleware, meter=meter)
    add_cors(app, settings.cors_origins)  # outermost: preflights before auth, headers on every answer
    app.state.security = security
    app.state.admission = admission
    app.state.settings = settings
    app.state.store = inner
    app.state.meter = meter
    app.state.metrics = metrics
    app.state.schema = graphql.schema
    return app
