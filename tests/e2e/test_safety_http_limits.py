"""HTTP-level defences: dev mode answers loopback Host names only (DNS rebinding), one
key cannot occupy every worker (429), /readyz sheds load while requests queue, and
connections that trickle their headers or body are cut off."""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
import uvicorn

from kamgraph.api import serving
from kamgraph.api.app import create_app
from kamgraph.config import Limits, Settings
from kamgraph.store.protocol import GraphStore
from tests.e2e.conftest import NO_KEYS_FILE, free_port, start_api
from tests.e2e.safety_support import codes, start_keyed
from tests.e2e.test_safety_limits import Slow

ANN = (
    'mutation { upsertPeople(input: [{id: "ann", name: "Ann", email: "ann@example.com", '
    'phone: "+49 1"}]) { id } }'
)


async def test_dev_mode_answers_only_loopback_host_names(store: GraphStore) -> None:
    async with AsyncExitStack() as stack:
        api = await start_api(stack, "asgi", store)
        await api.query(ANN)
        doc = '{ person(id: "ann") { email phone } }'
        for host in ("attacker.example:18633", "attacker.example", "192.168.1.5:8000"):
            r = await api.post(doc, headers={"host": host})
            assert r.status_code == 403 and codes(r.json()) == ["BAD_HOST"], host
            assert "ann@example.com" not in r.text
        assert (await api.http.get("/healthz", headers={"host": "attacker.example"})).status_code == 403
        for host in ("localhost:8000", "127.0.0.1:18633", "[::1]:8000", "LOCALHOST"):
            r = await api.post(doc, headers={"host": host})
            assert r.json()["data"]["person"]["email"] == "ann@example.com", host


async def test_a_keyed_service_answers_any_host(embedded_store: GraphStore, tmp_path: Path) -> None:
    async with AsyncExitStack() as stack:
        keyed = await start_keyed(stack, embedded_store, tmp_path)
        r = await keyed.api.post(
            "{ __typename }", headers={"host": "kamgraph.example.com", **keyed.headers("viewer")}
        )
        assert r.status_code == 200


def test_dev_mode_is_a_flag_and_keyed_mode_needs_keys(tmp_path: Path) -> None:
    from kamgraph.api.auth.security import InsecureBindError

    with pytest.raises(InsecureBindError, match="--dev"):
        create_app(Settings(store=":memory:", keys_file=str(tmp_path / "none.toml")))
    empty = tmp_path / "empty.toml"
    empty.write_text("# no keys\n")
    with pytest.raises(InsecureBindError, match="missing or empty"):
        create_app(Settings(store=":memory:", keys_file=str(empty)))
    assert create_app(Settings(store=":memory:", keys_file=NO_KEYS_FILE, dev=True)).state.security.dev_mode


async def test_one_key_cannot_occupy_every_worker(embedded_store: GraphStore, tmp_path: Path) -> None:
    async with AsyncExitStack() as stack:
        keyed = await start_keyed(
            stack,
            Slow(embedded_store, 0.5),
            tmp_path,
            limits=Limits(max_requests_per_key=2),  # type: ignore[arg-type]
        )
        doc = '{ node(id: "x") { id } }'
        responses = await asyncio.gather(*(keyed.post("viewer", doc) for _ in range(4)))
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200, 200, 429, 429], statuses
        limited = next(r for r in responses if r.status_code == 429)
        assert codes(limited.json()) == ["RATE_LIMITED"] and limited.headers["retry-after"] == "1"
        # another key is not held up by the first one's quota
        both = await asyncio.gather(
            keyed.post("viewer", doc), keyed.post("viewer", doc), keyed.post("admin", doc)
        )
        assert [r.status_code for r in both] == [200, 200, 200]


async def test_readyz_reports_overload_while_requests_queue(
    embedded_store: GraphStore, tmp_path: Path
) -> None:
    async with AsyncExitStack() as stack:
        keyed = await start_keyed(
            stack,
            Slow(embedded_store, 0.8),
            tmp_path,
            limits=Limits(max_inflight_cost=1),  # type: ignore[arg-type]
        )
        assert (await keyed.api.http.get("/readyz")).status_code == 200
        doc = '{ node(id: "x") { id } }'
        running = [asyncio.create_task(keyed.post(role, doc)) for role in ("viewer", "analyst")]
        await asyncio.sleep(0.3)
        ready = await keyed.api.http.get("/readyz")
        assert ready.status_code == 503 and ready.json()["status"] == "overloaded"
        assert [r.status_code for r in await asyncio.gather(*running)] == [200, 200]
        assert (await keyed.api.http.get("/readyz")).status_code == 200


async def _serve(stack: AsyncExitStack, store: GraphStore, limits: Limits) -> int:
    settings = Settings(store=":memory:", keys_file=NO_KEYS_FILE, dev=True, limits=limits)
    port = free_port()
    server = serving.Server(serving.config(create_app(settings, store), "127.0.0.1", port, "warning", 5))
    task = asyncio.create_task(server.serve())

    async def stop() -> None:
        server.should_exit = True
        await asyncio.wait_for(task, 30)

    stack.push_async_callback(stop)
    while not server.started:
        assert not task.done()
        await asyncio.sleep(0.01)
    return port


async def test_slow_headers_and_slow_bodies_are_cut_off(
    embedded_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serving.TimedH11Protocol, "header_timeout", 0.5)
    async with AsyncExitStack() as stack:
        port = await _serve(stack, embedded_store, Limits(timeout_seconds=0.5))
        assert isinstance(serving.config(None, "127.0.0.1", port, "warning", 5).limit_concurrency, int)
        # headers that never end: the connection is closed
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"POST /graphql HTTP/1.1\r\nHost: localhost\r\n")
        await writer.drain()
        start = time.monotonic()
        assert await asyncio.wait_for(reader.read(), 5) == b""
        assert time.monotonic() - start < 2
        writer.close()
        # a body that never ends: 408 within the request's timeout
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            b"POST /graphql HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\n"
            b'content-length: 100\r\n\r\n{"query"'
        )
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(200), 5)
        assert answer.startswith(b"HTTP/1.1 408"), answer
        writer.close()
        # and the service is fine
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            r = await http.post("/graphql", json={"query": "{ __typename }"})
            assert r.json() == {"data": {"__typename": "Query"}}


def test_uvicorn_settings() -> None:
    config = serving.config(None, "127.0.0.1", 8000, "info", 15)
    assert isinstance(config, uvicorn.Config)
    assert config.limit_concurrency == serving.MAX_CONNECTIONS
    assert config.timeout_keep_alive == serving.KEEP_ALIVE_SECONDS
    assert config.http is serving.TimedH11Protocol
