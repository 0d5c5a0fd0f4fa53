"""What only the Neo4j store has: its schema, its query files, its failure mode."""

from __future__ import annotations

import asyncio
import random
import socket
import time
from pathlib import Path

import pytest

from kamgraph.cli import main
from kamgraph.domain.errors import StoreUnavailableError, ValidationError
from kamgraph.domain.model import CompanyFilter, End, NodeInput, NodeKind, PersonFilter, RelationshipKind
from kamgraph.domain.rules import validate_nodes, validate_relationships
from kamgraph.store.embedded.store import EmbeddedStore
from kamgraph.store.neo4j.cypher import UnknownQueryError, query, raw, statements
from kamgraph.store.neo4j.records import MAX_NAME_KEY_BYTES, lucene_contains
from kamgraph.store.neo4j.store import Neo4jStore
from kamgraph.store.protocol import GraphStore
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


# -- both backends, one random graph: the same answers ------------------------------------


def _random_graph(seed: int) -> tuple[list[NodeInput], list[dict[str, object]]]:
    rnd = random.Random(seed)
    words = [
        "Acme",
        "acme",
        "ACME Corp",
        "Ärzte",
        "zeta",
        "Zeta",
        "a b",
        "a*b",
        "x(y)",
        "Straße",
        "ß",
        "İstanbul",
    ]
    nodes: list[NodeInput] = []
    raw: dict[NodeKind, list[dict[str, object]]] = {}
    for i in range(60):
        kind = rnd.choice([NodeKind.COMPANY, NodeKind.PERSON, NodeKind.PERSON, NodeKind.INTEREST])
        item: dict[str, object] = {
            "id": f"{rnd.choice('abAB')}{i:03d}",
            "name": f"{rnd.choice(words)} {rnd.choice(words)}",
        }
        if kind is NodeKind.COMPANY:
            item |= {
                "tier": rnd.choice(["KEY", "GROWTH", None]),
                "tags": rnd.sample(["x", "y", "z"], rnd.randint(0, 2)),
            }
        if kind is NodeKind.PERSON:
            item |= {
                "seniority": rnd.choice(["VP", "MANAGER", None]),
                "decisionMaker": rnd.choice([True, False, None]),
            }
        raw.setdefault(kind, []).append(item)
    for kind, items in raw.items():
        nodes += validate_nodes(kind, items)
    by_kind: dict[NodeKind, list[str]] = {}
    for n in nodes:
        by_kind.setdefault(n.kind, []).append(n.id)
    person, company, interest = (
        by_kind.get(k, []) for k in (NodeKind.PERSON, NodeKind.COMPANY, NodeKind.INTEREST)
    )
    rels: list[dict[str, object]] = []
    for p in person:
        if company:
            rels.append(
                {"kind": "WORKS_AT", "from": p, "to": rnd.choice(company), "current": rnd.random() < 0.8}
            )
        if interest and rnd.random() < 0.5:
            rels.append({"kind": "INTERESTED_IN", "from": p, "to": rnd.choice(interest)})
        other = rnd.choice(person)
        if other != p:
            rels.append({"kind": rnd.choice(["KNOWS", "REPORTS_TO"]), "from": p, "to": other})
    return nodes, rels


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_both_backends_answer_alike(neo: GraphStore, tmp_path: Path, seed: int) -> None:
    nodes, rels = _random_graph(seed)
    emb = EmbeddedStore(str(tmp_path / "kamgraph.db"))
    await emb.open()
    try:
        seen: list[list[object]] = []
        for s in (emb, neo):
            await s.upsert_nodes(nodes)
            await s.relate(validate_relationships(rels))
            ids = [n.id for n in nodes]
            companies_ = [n.id for n in nodes if n.kind is NodeKind.COMPANY]
            answers: list[object] = [
                await s.counts(),
                await s.get_nodes(ids),
                await s.get_relationships(ids, RelationshipKind.KNOWS, End.BOTH),
                await s.get_relationships(ids, RelationshipKind.REPORTS_TO, End.IN),
                await s.person_ties(ids[:10]),
                await s.hub_members(companies_[:3], ids[:5]),
            ]
            for text in ["a", "ACME", "acme corp", "a*b", "x(y", "ß", "i̇", "", "zeta z"]:
                answers.append(await s.search(text, None, 500))
                answers.append(await s.search(text, [NodeKind.PERSON], 3))
            for cid in companies_[:3]:
                answers.append(await s.org_chart(cid, None, 5))
                answers.append(await s.list_people(PersonFilter(company_id=cid), 500))
            filters = [
                PersonFilter(name_contains="Acme"),
                PersonFilter(seniorities=("VP",), decision_maker=False),
                PersonFilter(decision_maker=True, name_contains="z"),
            ]
            for f in filters:
                answers.append(await s.list_people(f, 7))
                answers.append(await s.list_people(f, 7, after="b"))
            for cf in [CompanyFilter(tag="x"), CompanyFilter(tiers=("KEY",), name_contains="ä")]:
                answers.append(await s.list_companies(cf, 500))
            answers.append([r async for b in s.iter_relationships(RelationshipKind.WORKS_AT, 7) for r in b])
            seen.append(answers)
        assert seen[0] == seen[1]
    finally:
        await emb.close()
