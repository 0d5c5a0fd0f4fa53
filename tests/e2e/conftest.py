"""The service under test, reached two ways over each store backend.

``api`` is parametrized over the transport — ``asgi`` (in-process, httpx's
ASGITransport, the app's lifespan run by hand) and ``uvicorn`` (a real server
on a free port, in the test's event loop, reached over TCP) — and, through the
``store`` fixture, over both store backends. Queries go through a real GraphQL
client library (``gql`` with its httpx transport) or, for HTTP details, raw httpx.
"""

from __future__ import annotations

import asyncio
import socket
import tempfile
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXAsyncTransport
from starlette.applications import Starlette

from kamgraph.api.app import create_app
from kamgraph.config import Settings
from kamgraph.store.metering import Meter
from kamgraph.store.protocol import GraphStore

TRANSPORTS = ("asgi", "uvicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Api:
    """One running service: raw HTTP with :attr:`http`, GraphQL with :meth:`query`."""

    def __init__(self, app: Starlette, http: httpx.AsyncClient, url: str, asgi: httpx.ASGITransport | None):
        self.app = app
        self.http = http
        self.url = url
        self._asgi = asgi

    @property
    def store(self) -> GraphStore:
        store: GraphStore = self.app.state.store
        return store

    @property
    def meter(self) -> Meter:
        """The app's meter: its store round trips so far (``totals``, by method)."""
        meter: Meter = self.app.state.meter
        return meter

    def gql_client(self) -> Client:
        kwargs: dict[str, Any] = {"transport": self._asgi} if self._asgi is not None else {}
        return Client(transport=HTTPXAsyncTransport(url=self.url + "/graphql", **kwargs))

    async def query(self, document: str, variables: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The ``data`` of a query or mutation run by gql; raises on any error."""
        async with self.gql_client() as session:
            request = GraphQLRequest(document, variable_values=dict(variables or {}))
            result = await session.execute(request)
            assert isinstance(result, dict)
            return result

    async def errors(self, document: str, variables: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """The errors of a request that must fail (gql's TransportQueryError carries them)."""
        try:
            await self.query(document, variables)
        except TransportQueryError as exc:
            assert exc.errors, exc
            return list(exc.errors)
        raise AssertionError(f"expected errors from {document!r}")

    async def post(
        self, document: str, variables: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> httpx.Response:
        return await self.http.post("/graphql", json={"query": document, "variables": variables}, **kwargs)


#: A keys file that never exists: the service under test runs open (loopback dev
#: mode) whatever keys a developer has added in the checkout.
NO_KEYS_FILE = str(Path(tempfile.gettempdir()) / "kamgraph-tests-no-keys" / "keys.toml")


def open_settings() -> Settings:
    """Settings of an open (no keys), loopback service on an in-memory store."""
    return Settings(store=":memory:", keys_file=NO_KEYS_FILE, dev=True)


async def start_api(
    stack: AsyncExitStack, transport: str, store: GraphStore, settings: Settings | None = None
) -> Api:
    settings = settings or open_settings()
    app = create_app(settings, store)
    if transport == "asgi":
        await stack.enter_async_context(app.router.lifespan_context(app))
        asgi = httpx.ASGITransport(app=app)
        http = await stack.enter_async_context(
            httpx.AsyncClient(transport=asgi, base_url="http://localhost")
        )
        return Api(app, http, "http://localhost", asgi)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    task = asyncio.create_task(server.serve())

    async def stop() -> None:
        server.should_exit = True
        await asyncio.wait_for(task, 30)

    stack.push_async_callback(stop)
    for _ in range(1000):
        if server.started or task.done():
            break
        await asyncio.sleep(0.01)
    if task.done():
        task.result()
    assert server.started, "uvicorn did not start"
    url = f"http://127.0.0.1:{port}"
    http = await stack.enter_async_context(httpx.AsyncClient(base_url=url, timeout=30))
    return Api(app, http, url, None)


@pytest.fixture(params=TRANSPORTS)
async def api(request: pytest.FixtureRequest, store: GraphStore) -> AsyncIterator[Api]:
    """The service over each store backend, reached in-process and over real HTTP."""
    async with AsyncExitStack() as stack:
        yield await start_api(stack, request.param, store)


@pytest.fixture
async def embedded_store(tmp_path: Path) -> AsyncIterator[GraphStore]:
    """An empty, open embedded store (for tests about HTTP, not about stores)."""
    from kamgraph.store.embedded.store import EmbeddedStore

    store = EmbeddedStore(str(tmp_path / "kamgraph.db"))
    await store.open()
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture(params=TRANSPORTS)
async def web(request: pytest.FixtureRequest, embedded_store: GraphStore) -> AsyncIterator[Api]:
    """The service over the embedded store only, reached both ways."""
    async with AsyncExitStack() as stack:
        yield await start_api(stack, request.param, embedded_store)
