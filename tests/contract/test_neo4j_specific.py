"""What only the Neo4j store has: its schema, its query files, its failure mode."""

from __future__ import annotations

import asyncio
import socket
import time

import pytest

from kamgraph.cli import main
from kamgraph.domain import NodeInput, NodeKind, RelationshipKind
from kamgraph.errors import StoreUnavailableError, ValidationError
from kamgraph.graph.cypher import UnknownQueryError, query, raw, statements
from kamgraph.graph.neo4j_records import MAX_NAME_KEY_BYTES, lucene_contains
from kamgraph.graph.neo4j_store import Neo4jStore
from kamgraph.graph.store import GraphStore
from tests.conftest import neo4j_auth
from tests.contract.support import companies, people

pytestmark = pytest.mark.neo4j


def _store(uri: str) -> Neo4jStore:
    user, password = neo4j_auth()
    return Neo4jStore(uri, user=user, password=password, database="neo4j")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- the query loader (no server needed) ----------------------------------------------


def test_loader_refuses_unknown_and_malformed_names() -> None:
    for name in ("nope", "../pyproject", "get_nodes.cypher", "GET_NODES", ""):
        with pytest.raises(UnknownQueryError):
            raw(name)


def test_templates_take_only_enum_members() -> None:
    text = query("relate", rel_kind=RelationshipKind.KNOWS)
    assert "[r:KNOWS]" in text and "{{" not in text
    assert "MATCH (n:Company)" in query("list_nodes", label=NodeKind.COMPANY)
    with pytest.raises(UnknownQueryError):
        query("relate")  # a template without its type
    with pytest.raises(UnknownQueryError):
        query("get_nodes", rel_kind=RelationshipKind.KNOWS)  # no placeholder to fill
    with pytest.raises(TypeError):
        query("relate", rel_kind="KNOWS]->() DETACH DELETE n //")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        query("list_nodes", label=RelationshipKind.KNOWS)  # type: ignore[arg-type]


def test_schema_statements_are_all_idempotent() -> None:
    found = statements("schema")
    assert len(found) >= 7
    assert all("IF NOT EXISTS" in s or "IF EXISTS" in s for s in found)
    assert all("//" not in s for s in found)


def test_lucene_query_escapes_specials_and_spaces() -> None:
    assert lucene_contains("acme") == "*acme*"
    assert lucene_contains('a (b)*:"c"') == '*a\\ \\(b\\)\\*\\:\\"c\\"*'


# -- against the server ------------------------------------------------------------------


@pytest.fixture
async def neo(neo4j_store: GraphStore) -> GraphStore:
    """The session's Neo4j store, emptied."""
    await neo4j_store.clear()
    return neo4j_store


async def test_open_twice_keeps_schema_and_data(neo4j_uri: str, neo: GraphStore) -> None:
    store = neo
    await companies(store, "c1")
    again = _store(neo4j_uri)
    await again.open()
    await again.open()  # a second open on the same object is a no-op
    try:
        await again.apply_schema()  # and applying the schema again changes nothing
        assert [n.id if n else None for n in await again.get_nodes(["c1"])] == ["c1"]
    finally:
        await again.close()


async def test_search_is_served_by_the_wildcard_fulltext_query(neo: GraphStore) -> None:
    store = neo
    await people(store, "p1", "p2")
    await companies(store, "c1")
    await store.upsert_nodes([])
    found = await store.search("SON P", None, 10)  # "Person p1", with a space and mixed case
    assert [n.id for n in found] == ["p1", "p2"]
    assert [n.id for n in await store.search("*", None, 10)] == []  # specials are literal
    assert [n.id for n in await store.search("", [NodeKind.COMPANY], 10)] == ["c1"]


async def test_a_name_too_long_for_the_index_is_still_found(neo: GraphStore) -> None:
    long_name = "Ab" * MAX_NAME_KEY_BYTES  # past the full-text term limit: kept out of the index
    await neo.upsert_nodes([NodeInput("c1", NodeKind.COMPANY, {"name": long_name})])
    await companies(neo, "c2")
    assert [n.id for n in await neo.search("bab", None, 10)] == ["c1"]
    assert [n.id for n in await neo.search("ab", None, 10)] == ["c1"]  # prefix before the rest
    assert [n.id for n in await neo.search("company", None, 10)] == ["c2"]
    # renamed to a short name, it is indexed again and no longer "long"
    await neo.upsert_nodes([NodeInput("c1", NodeKind.COMPANY, {"name": "Short"})])
    assert [n.id for n in await neo.search("bab", None, 10)] == []
    assert [n.id for n in await neo.search("hor", None, 10)] == ["c1"]


async def test_concurrent_writers_cannot_make_two_homes(neo4j_uri: str, neo: GraphStore) -> None:
    other = _store(neo4j_uri)
    await other.open()
    try:
        results = await asyncio.gather(
            companies(neo, "us", home=True),
            companies(other, "them", home=True),
            return_exceptions=True,
        )
    finally:
        await other.close()
    failed = [r for r in results if isinstance(r, BaseException)]
    assert len(failed) == 1 and isinstance(failed[0], ValidationError)
    assert failed[0].problems[0].field == "home"
    home = await neo.home_company()
    assert home is not None


async def test_concurrent_writers_cannot_give_one_id_two_kinds(neo4j_uri: str, neo: GraphStore) -> None:
    other = _store(neo4j_uri)
    await other.open()
    try:
        results = await asyncio.gather(
            companies(neo, *(f"x{i}" for i in range(200))),
            people(other, *(f"x{i}" for i in range(200))),
            return_exceptions=True,
        )
    finally:
        await other.close()
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    kinds = {n.kind for n in await neo.get_nodes([f"x{i}" for i in range(200)]) if n is not None}
    assert len(kinds) == 1


async def test_unreachable_server_fails_fast() -> None:
    store = Neo4jStore(f"bolt://127.0.0.1:{_closed_port()}", user="neo4j", password="x")
    started = time.monotonic()
    with pytest.raises(StoreUnavailableError):
        await store.open()
    assert time.monotonic() - started < 10
    with pytest.raises(StoreUnavailableError):
        await store.ping()  # not open


def test_init_db_command(
    neo4j_uri: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    user, password = neo4j_auth()
    monkeypatch.setenv("NEO4J_USER", user)
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    assert main(["init-db", "--store", neo4j_uri]) == 0
    assert main(["init-db", "--store", neo4j_uri]) == 0  # idempotent
    assert "schema is in place" in capsys.readouterr().out
    assert main(["init-db", "--store", f"bolt://127.0.0.1:{_closed_port()}"]) == 1
    assert "not available" in capsys.readouterr().err
