"""The fast read path: prefetched relations, synchronous linked fields, basic leaf fields.

The answers must be those of the general path (same data, same order, same
errors); what changes is the work: a list of nodes reads each selected relation
in one batch, whatever the list's length or the shape of the selection
(fragments included).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import strawberry

from kamgraph.api.loaders import BatchLoader, RequestContext
from kamgraph.api.resolvers import build_schema
from kamgraph.api.resolvers.extensions import KamgraphSchema
from kamgraph.config import Settings
from kamgraph.store.embedded.store import EmbeddedStore
from kamgraph.store.metering import Meter, RequestStats, metered

SCHEMA = build_schema()
PEOPLE = 12


async def run(store: EmbeddedStore, query: str) -> tuple[dict[str, Any], RequestStats]:
    stats = RequestStats()
    ctx = RequestContext.create(store, Settings(store=":memory:"), stats=stats)
    with metered(Meter(stats=stats)):
        result = await SCHEMA.execute(query, context_value=ctx)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data, stats


@pytest.fixture
async def org() -> AsyncIterator[EmbeddedStore]:
    """Company ``acme`` with people ``p00``..``p11``; each reports to ``p00``; odd ones like ``golf``."""
    store = EmbeddedStore(":memory:")
    await store.open()
    people = ", ".join(f'{{id: "p{i:02}", name: "P{i}", title: "T{i}"}}' for i in range(PEOPLE))
    rels = [f'{{kind: WORKS_AT, from: "p{i:02}", to: "acme"}}' for i in range(PEOPLE)]
    rels += [f'{{kind: REPORTS_TO, from: "p{i:02}", to: "p00"}}' for i in range(1, PEOPLE)]
    rels += [f'{{kind: INTERESTED_IN, from: "p{i:02}", to: "golf"}}' for i in range(1, PEOPLE, 2)]
    await run(
        store,
        f"""mutation {{
          upsertCompanies(input: [{{id: "acme", name: "Acme"}}]) {{ id }}
          upsertPeople(input: [{people}]) {{ id }}
          upsertInterests(input: [{{id: "golf", name: "Golf"}}]) {{ id }}
          relate(input: [{", ".join(rels)}]) {{ kind }}
        }}""",
    )
    yield store
    await store.close()


PLAIN = """{ company(id: "acme") { people(first: %d) { edges { node {
  id name manager { id name } interests { id } company { name } } } } } }"""

FRAGMENTS = """{ company(id: "acme") { people(first: %d) { edges { node { ...P } } } } }
fragment P on Person { id ... on Person { name manager { id name } } interests { id } company { name } }"""


@pytest.mark.parametrize("query", [PLAIN, FRAGMENTS], ids=["plain", "fragments"])
async def test_a_connection_reads_each_selected_relation_once_whatever_its_length(
    org: EmbeddedStore, query: str
) -> None:
    calls: dict[int, dict[str, int]] = {}
    for first in (2, PEOPLE):
        data, stats = await run(org, query % first)
        nodes = [e["node"] for e in data["company"]["people"]["edges"]]
        assert len(nodes) == first
        for n in nodes:
            boss = None if n["id"] == "p00" else {"id": "p00", "name": "P0"}
            assert n["manager"] == boss and n["company"] == {"name": "Acme"}
            assert n["interests"] == ([{"id": "golf"}] if int(n["id"][1:]) % 2 else [])
        calls[first] = dict(stats.calls)
    # the company; its WORKS_AT in; the people; their REPORTS_TO, INTERESTED_IN and
    # WORKS_AT out; the nodes at the other ends
    assert calls[2] == calls[PEOPLE] == {"get_relationships": 4, "get_nodes": 3}


async def test_the_fast_path_answers_as_the_general_one(org: EmbeddedStore) -> None:
    data, _ = await run(org, PLAIN % PEOPLE)
    prefetched = data["company"]["people"]["edges"]
    # one at a time (no connection to prefetch for them): the general, awaited path
    for edge in prefetched:
        one, _ = await run(
            org,
            f'{{ person(id: "{edge["node"]["id"]}") {{ id name manager {{ id name }} '
            "interests { id } company { name } } }",
        )
        assert one["person"] == edge["node"]


GENERAL = build_schema(fast_execution=False)
WIDE = """{ company(id: "acme") { id name tier tags people(first: 12) { totalCount pageInfo { endCursor }
  edges { cursor node { id kind name title seniority decisionMaker manager { id name manager { id } }
  reports { id } interests { id name people { id } } company { id name }
  employment { title current company { id } } knows { strength person { id } } } } } } }"""


async def test_the_served_schema_answers_as_graphql_core_alone(org: EmbeddedStore) -> None:
    fast, _ = await run(org, WIDE)
    stats = RequestStats()
    ctx = RequestContext.create(org, Settings(store=":memory:"), stats=stats)
    with metered(Meter(stats=stats)):
        general = await GENERAL.execute(WIDE, context_value=ctx)
    assert general.errors is None and general.data == fast
    assert len(fast["company"]["people"]["edges"]) == PEOPLE


async def test_leaf_fields_keep_the_order_of_the_query(org: EmbeddedStore) -> None:
    data, _ = await run(
        org, '{ person(id: "p03") { t: title manager { id } id kind n: name company { id } name } }'
    )
    assert list(data["person"]) == ["t", "manager", "id", "kind", "n", "company", "name"]
    assert data["person"]["kind"] == "PERSON" and data["person"]["t"] == "T3"


@strawberry.type
class Broken:
    fine: str = "fine"
    missing: str = None  # type: ignore[assignment]  # a non-null field that is null


@strawberry.type
class BrokenQuery:
    @strawberry.field
    def broken(self) -> Broken:
        return Broken()


async def test_a_null_in_a_non_null_leaf_is_still_an_error_with_its_path() -> None:
    result = await KamgraphSchema(query=BrokenQuery).execute("{ broken { fine missing } }")
    assert result.data is None
    assert result.errors is not None and [e.path for e in result.errors] == [["broken", "missing"]]


async def test_a_batch_loader_reads_the_keys_asked_for_together_in_one_call() -> None:
    calls: list[list[int]] = []

    async def load(keys: list[int]) -> list[int]:
        calls.append(keys)
        return [k * 10 for k in keys]

    loader: BatchLoader[int, int] = BatchLoader(load)
    loader.prime_many({7: 70})
    first = await asyncio.gather(loader.load_many([1, 2, 7]), loader.load(3), loader.load_many([2, 1]))
    assert list(first) == [[10, 20, 70], 30, [20, 10]]
    assert calls == [[1, 2, 3]]
    assert await loader.load_many([3, 1]) == [30, 10] and len(calls) == 1


async def test_a_failed_batch_fails_every_waiter_and_is_not_remembered() -> None:
    fail = True

    async def load(keys: list[str]) -> list[str]:
        if fail:
            raise RuntimeError("store down")
        return keys

    loader: BatchLoader[str, str] = BatchLoader(load)
    results = await asyncio.gather(loader.load("a"), loader.load_many(["a", "b"]), return_exceptions=True)
    assert [str(r) for r in results] == ["store down", "store down"]
    fail = False
    assert await loader.load_many(["a", "b"]) == ["a", "b"]
