"""Query limits: each is enforced, with a useful error, and each can be configured."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from kamgraph.config import Limits, Settings
from kamgraph.domain.model import Node
from kamgraph.store.protocol import GraphStore
from tests.e2e.conftest import Api, start_api
from tests.e2e.safety_support import codes, start_keyed


async def _open(stack: AsyncExitStack, store: GraphStore, tmp_path: Path, **limits: float) -> Api:
    settings = Settings(
        store=":memory:",
        keys_file=str(tmp_path / "none.toml"),
        limits=Limits(**limits),
        dev=True,  # type: ignore[arg-type]
    )
    return await start_api(stack, "asgi", store, settings)


@pytest.fixture
async def api(embedded_store: GraphStore, tmp_path: Path) -> AsyncIterator[Api]:
    async with AsyncExitStack() as stack:
        yield await _open(stack, embedded_store, tmp_path)


def nested(depth: int) -> str:
    """A query of ``depth`` levels: person > manager > manager ... > id."""
    return '{ person(id: "a") ' + "{ manager " * (depth - 2) + "{ id }" + " }" * (depth - 2) + " }"


async def test_depth(api: Api) -> None:
    assert "errors" not in (await api.post(nested(12))).json()
    body = (await api.post(nested(14))).json()
    assert "exceeds maximum operation depth of 12" in body["errors"][0]["message"]
    assert "data" not in body


async def test_aliases(api: Api) -> None:
    ok = "{ " + " ".join(f"a{i}: companies {{ totalCount }}" for i in range(30)) + " }"
    assert "errors" not in (await api.post(ok)).json()
    too_many = "{ " + " ".join(f"a{i}: companies {{ totalCount }}" for i in range(31)) + " }"
    body = (await api.post(too_many)).json()
    assert "aliases found" in body["errors"][0]["message"]


async def test_tokens(api: Api) -> None:
    body = (await api.post("{ companies { " + "totalCount " * 2100 + "} }")).json()
    assert "more than 2000 tokens" in body["errors"][0]["message"]
    assert codes(body) == ["GRAPHQL_PARSE_FAILED"]


async def test_first(api: Api) -> None:
    for q in ("{ companies(first: 501) { totalCount } }", '{ search(text: "a", first: 501) { id } }'):
        body = (await api.post(q)).json()
        assert codes(body) == ["BAD_USER_INPUT"], body
        assert "between 0 and 500" in body["errors"][0]["message"]


async def test_items_in_one_mutation_list(api: Api) -> None:
    items = [{"id": f"c{i}", "name": "C"} for i in range(5001)]
    doc = "mutation($in: [CompanyInput!]!) { upsertCompanies(input: $in) { id } }"
    body = (await api.post(doc, {"in": items})).json()
    assert codes(body) == ["BAD_USER_INPUT"] and "at most 5000 items" in body["errors"][0]["message"]
    assert (await api.post("{ companies { totalCount } }")).json()["data"]["companies"]["totalCount"] == 0


async def test_body_size(api: Api) -> None:
    big = json.dumps({"query": "{ companies { totalCount } }", "variables": {"pad": "x" * (1024 * 1024)}})
    r = await api.http.post("/graphql", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and codes(r.json()) == ["PAYLOAD_TOO_LARGE"]

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(20):
            yield b" " * 65536
        yield big.encode()

    r = await api.http.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


COSTLY = "{ people(first: 500) { edges { node { knows { person { knows { person { name } } } } } } } }"


async def test_cost_is_computed_before_execution_and_reported(api: Api) -> None:
    calls = api.meter.round_trips
    body = (await api.post(COSTLY)).json()
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    # 500 people, 10 acquaintances each (estimate), 10 each again
    assert error["extensions"]["cost"] == 500 + 500 * 10 + 500 * 10 * 10
    assert "55500" in error["message"]
    assert api.meter.round_trips == calls, "nothing may execute"
    cheaper = COSTLY.replace("first: 500", "first: 400")
    assert "errors" not in (await api.post(cheaper)).json()
    # a variable counts as given
    doc = "query($n: Int) " + COSTLY.replace("first: 500", "first: $n")
    assert codes((await api.post(doc, {"n": 500})).json()) == ["QUERY_TOO_COSTLY"]


async def test_batching_is_off(api: Api) -> None:
    batch = [{"query": "{ companies { totalCount } }"}, {"query": "{ people { totalCount } }"}]
    r = await api.http.post("/graphql", json=batch)
    assert r.status_code == 400


class Slow:
    """A store whose reads of nodes take ``seconds``."""

    def __init__(self, inner: GraphStore, seconds: float) -> None:
        self.inner = inner
        self.backend = inner.backend
        self.seconds = seconds

    async def get_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        await asyncio.sleep(self.seconds)
        return await self.inner.get_nodes(ids)

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


async def test_timeout(embedded_store: GraphStore, tmp_path: Path) -> None:
    async with AsyncExitStack() as stack:
        api = await _open(stack, Slow(embedded_store, 5.0), tmp_path, timeout_seconds=1.5)  # type: ignore[arg-type]
        r = await api.post('{ node(id: "x") { id } }')
        assert r.status_code == 504 and codes(r.json()) == ["TIMEOUT"]
        assert (await api.post("{ companies { totalCount } }")).status_code == 200


async def test_limits_come_from_the_environment(embedded_store: GraphStore, tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "KAMGRAPH_MAX_DEPTH": "4",
            "KAMGRAPH_MAX_COST": "100",
            "KAMGRAPH_KEYS_FILE": str(tmp_path / "n"),
            "KAMGRAPH_DEV": "1",
        },
        store=":memory:",
    )
    async with AsyncExitStack() as stack:
        api = await start_api(stack, "asgi", embedded_store, settings)
        message = (await api.post(nested(6))).json()["errors"][0]["message"]
        assert "exceeds maximum operation depth of 4" in message
        body = (await api.post("{ companies(first: 101) { totalCount } }")).json()
        assert codes(body) == ["QUERY_TOO_COSTLY"]


INTROSPECT = "{ __schema { queryType { name } } }"


async def test_introspection_and_graphiql_only_in_dev_mode(
    api: Api, embedded_store: GraphStore, tmp_path: Path
) -> None:
    # dev mode: no keys, loopback
    assert (await api.post(INTROSPECT)).json()["data"]["__schema"]["queryType"]["name"] == "Query"
    page = await api.http.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    async with AsyncExitStack() as stack:
        keyed = await start_keyed(stack, embedded_store, tmp_path / "a")
        body = (await keyed.post("admin", INTROSPECT)).json()
        assert "introspection" in body["errors"][0]["message"].lower() and "data" not in body
        assert (await keyed.data("admin", "{ __typename }")) == {"__typename": "Query"}
        page = await keyed.api.http.get("/graphql", headers={"accept": "text/html", **keyed.headers("admin")})
        assert "graphiql" not in page.text.lower()
    async with AsyncExitStack() as stack:  # turned on by the settings
        keyed = await start_keyed(stack, embedded_store, tmp_path / "b", introspection=True)
        assert "errors" not in (await keyed.post("viewer", INTROSPECT)).json()
