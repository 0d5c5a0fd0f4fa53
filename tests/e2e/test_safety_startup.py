"""Starting up while Neo4j is not there: the service starts anyway, says it is not
ready, fails requests fast with STORE_UNAVAILABLE, and opens the store (schema
included) by itself once Neo4j answers. An embedded store that cannot be opened
is a configuration error and still fails the start-up.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import httpx
import pytest

from kamgraph.api.app import create_app
from kamgraph.config import Settings
from kamgraph.domain.errors import StoreUnavailableError
from tests.conftest import neo4j_auth
from tests.e2e.conftest import NO_KEYS_FILE, free_port
from tests.e2e.test_safety_outage import _neo4j

PEOPLE = "{ people(first: 5) { totalCount } }"


@asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The service ``settings`` describe (it makes and opens its own store), in-process."""
    app = create_app(settings)
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(app.router.lifespan_context(app))
        transport = httpx.ASGITransport(app=app)
        yield await stack.enter_async_context(
            httpx.AsyncClient(transport=transport, base_url="http://localhost", timeout=30)
        )


def neo4j_settings(port: int) -> Settings:
    user, password = neo4j_auth()
    return Settings(
        store=f"bolt://127.0.0.1:{port}", neo4j_user=user, neo4j_password=password, keys_file=NO_KEYS_FILE,
        dev=True,
    )


def codes(response: httpx.Response) -> set[str]:
    return {e.get("extensions", {}).get("code") for e in response.json().get("errors", [])}


async def test_starts_while_the_store_is_unreachable() -> None:
    async with serving(neo4j_settings(free_port())) as http:  # nothing listens there
        assert (await http.get("/healthz")).status_code == 200
        assert (await http.get("/readyz")).status_code == 503
        for _ in range(3):
            start = time.monotonic()
            r = await http.post("/graphql", json={"query": PEOPLE})
            assert time.monotonic() - start < 2.0, "fails fast"
            assert r.status_code == 200
            assert codes(r) == {"STORE_UNAVAILABLE"}
            assert r.json().get("data") is None


async def test_an_embedded_store_that_cannot_be_opened_fails_the_start_up(tmp_path: Path) -> None:
    settings = Settings(store=str(tmp_path / "missing-dir" / "kamgraph.db"), keys_file=NO_KEYS_FILE, dev=True)
    with pytest.raises(StoreUnavailableError):
        async with serving(settings):
            pass


@pytest.mark.slow
@pytest.mark.neo4j
async def test_opens_the_store_once_neo4j_starts(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "NEO4J_BOLT_PORT": str(port),
        "NEO4J_HOME_DIR": str(tmp_path / "neo4j"),
        "NEO4J_HEAP": "384m",
        "NEO4J_PAGECACHE": "64m",
    }
    async with serving(neo4j_settings(port)) as http:
        assert (await http.get("/readyz")).status_code == 503
        proc = await asyncio.to_thread(_neo4j, "start", env)
        try:
            lines = proc.stdout.strip().splitlines()
            if proc.returncode != 0 or not lines or not lines[-1].startswith("bolt://"):
                message = f"a second Neo4j could not start: {proc.stdout[-1500:]} {proc.stderr[-1500:]}"
                if os.environ.get("CI", "").lower() == "true":
                    pytest.fail(message, pytrace=False)
                pytest.skip(message)
            deadline = time.monotonic() + 60
            while (await http.get("/readyz")).status_code != 200:
                assert time.monotonic() < deadline, "the service did not open the store within 60 s"
                await asyncio.sleep(0.2)
            write = 'mutation { upsertPeople(input: [{id: "p1", name: "Ada"}]) { id } }'
            r = await http.post("/graphql", json={"query": write})
            assert r.status_code == 200 and "errors" not in r.json(), r.text
            r = await http.post("/graphql", json={"query": PEOPLE})
            assert r.json() == {"data": {"people": {"totalCount": 1}}}
            # the schema was applied when the store was opened: the uniqueness constraint exists
            from neo4j import AsyncGraphDatabase

            user, password = neo4j_auth()
            async with AsyncGraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=(user, password)) as driver:
                records, _, _ = await driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n")
                assert records[0]["n"] > 0
        finally:
            _neo4j("stop", env)
