"""Bulk import on the embedded store: validate everything first, then write in batches."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from kamgraph.domain.errors import StoreUnavailableError
from kamgraph.domain.model import End, NodeKind, RelationshipKind
from kamgraph.domain.rules import validate_nodes
from kamgraph.io.importer import DEFAULT_KEEP_ROWS, Importer, ImportResult
from kamgraph.io.progress import QuietReporter
from kamgraph.io.readers import expand_paths
from kamgraph.store.embedded.store import EmbeddedStore


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[EmbeddedStore]:
    store = EmbeddedStore(str(tmp_path / "import.db"))
    await store.open()
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture(params=["in memory", "in a file"])
def keep(request: pytest.FixtureRequest) -> int:
    """Pass 2 writes the batches pass 1 kept in memory (small inputs) or in a temporary file."""
    return DEFAULT_KEEP_ROWS if request.param == "kept" else 0


async def run_import(
    store: EmbeddedStore, *paths: Path, batch: int = 5_000, keep: int = DEFAULT_KEEP_ROWS
) -> tuple[ImportResult, list[str]]:
    reporter = QuietReporter()
    importer = Importer(store, expand_paths(paths), batch=batch, reporter=reporter, keep_rows=keep)
    result = await importer.run()
    return result, reporter.messages


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def ndjson(path: Path, *objs: dict[str, Any]) -> Path:
    return write(path, "".join(json.dumps(o) + "\n" for o in objs))


def small_csv(directory: Path) -> Path:
    write(
        directory / "companies.csv",
        "id,name,home,tier,annualRevenue,tags\nus,Us,true,,,\nacme,Acme,,KEY,5e6,retail;eu\n",
    )
    write(directory / "people.csv", "id,name,seniority,decisionMaker\nann,Ann,VP,true\nbob,Bob,,false\n")
    write(directory / "interests.csv", "id,name,category\ngolf,Golf,SPORT\n")
    write(
        directory / "relationships.csv",
        "kind,from,to,strength,current,level,since\n"
        "WORKS_AT,ann,us,,,,2020-01-01\n"
        "WORKS_AT,bob,acme,,false,,\n"
        "KNOWS,bob,ann,0.9,,,\n"
        "INTERESTED_IN,ann,golf,,,2,\n",
    )
    return directory


async def dump(store: EmbeddedStore) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for kind in NodeKind:
        page = await store.list_nodes(kind, 500)
        out += [(n.kind.value, n.id, json.dumps(dict(n.props), sort_keys=True)) for n in page.items]
    for rk in RelationshipKind:
        async for rels in store.iter_relationships(rk):
            out += [(x.kind.value, x.from_id, x.to_id, json.dumps(dict(x.props), sort_keys=True))
                    for x in rels]  # fmt: skip
    return out


async def test_a_csv_directory_is_imported_with_typed_values(
    db: EmbeddedStore, tmp_path: Path, keep: int
) -> None:
    result, messages = await run_import(db, small_csv(tmp_path / "in"), keep=keep)
    assert result.ok and messages == []
    assert (result.nodes, result.relationships) == (5, 4)
    (acme, ann, bob) = await db.get_nodes(["acme", "ann", "bob"])
    assert acme is not None and dict(acme.props) == {
        "name": "Acme", "tier": "KEY", "annualRevenue": 5e6, "tags": ["retail", "eu"],
    }  # fmt: skip
    assert ann is not None and ann.props["decisionMaker"] is True
    assert bob is not None and bob.props["decisionMaker"] is False and "seniority" not in bob.props
    counts = await db.counts()
    assert counts["WORKS_AT"] == 2 and counts["KNOWS"] == 1 and counts["INTERESTED_IN"] == 1
    works = await db.get_relationships(["bob"], RelationshipKind.WORKS_AT, End.OUT)
    assert works[0][0].props["current"] is False


async def test_reimporting_changes_nothing(db: EmbeddedStore, tmp_path: Path, keep: int) -> None:
    src = small_csv(tmp_path / "in")
    await run_import(db, src, keep=keep)
    before = (await db.counts(), await dump(db))
    result, _ = await run_import(db, src, batch=2, keep=keep)
    assert result.ok
    assert (await db.counts(), await dump(db)) == before


async def test_ndjson_with_relationships_before_their_nodes(
    db: EmbeddedStore, tmp_path: Path, keep: int
) -> None:
    path = ndjson(
        tmp_path / "g.ndjson",
        {"kind": "KNOWS", "from": "a", "to": "b", "strength": 0.3},
        {"kind": "PERSON", "id": "a", "name": "A"},
        {"kind": "PERSON", "id": "b", "name": "B", "title": "CTO"},
    )
    result, messages = await run_import(db, path, batch=1, keep=keep)
    assert result.ok, messages
    assert (await db.counts())["KNOWS"] == 1


async def test_every_bad_row_is_reported_and_nothing_is_written(db: EmbeddedStore, tmp_path: Path) -> None:
    rows = "".join(f"p{i},Person {i},INDIVIDUAL\n" for i in range(12_000))
    people = write(tmp_path / "in" / "people.csv", "id,name,seniority\n" + rows + "p-last,,BOSS\n")
    write(
        tmp_path / "in" / "relationships.csv",
        "kind,from,to,strength\nKNOWS,p1,p2,2\nKNOWS,p1,p2,lots\nLIKES,p1,p2,\n",
    )
    result, messages = await run_import(db, tmp_path / "in")
    end = 12_002  # the header is line 1
    rel = tmp_path / "in" / "relationships.csv"
    assert messages[:4] == [
        f"{people}:{end}: seniority: must be one of C_LEVEL, VP, DIRECTOR, MANAGER, INDIVIDUAL",
        f"{people}:{end}: name: is required",
        f"{rel}:2: strength: must be between 0 and 1",
        f"{rel}:3: strength: must be a number, not 'lots'",
    ]
    assert messages[4].startswith(f"{rel}:4: kind: must be one of WORKS_AT")
    assert (result.problems, result.bad_rows, result.rows) == (5, 4, 12_004)
    assert not result.ok and result.written == 0
    assert sum((await db.counts()).values()) == 0


async def test_relationship_ends_must_exist_and_be_right(db: EmbeddedStore, tmp_path: Path) -> None:
    path = ndjson(
        tmp_path / "g.ndjson",
        {"kind": "PERSON", "id": "ann", "name": "Ann"},
        {"kind": "COMPANY", "id": "acme", "name": "Acme"},
        {"kind": "WORKS_AT", "from": "acme", "to": "ann"},
        {"kind": "KNOWS", "from": "ann", "to": "ghost"},
        {"kind": "WORKS_AT", "from": "ann", "to": "acme"},
    )
    result, messages = await run_import(db, path)
    assert messages == [
        f"{path}:3: from: 'acme' is a COMPANY; WORKS_AT needs a PERSON",
        f"{path}:3: to: 'ann' is a PERSON; WORKS_AT needs a COMPANY",
        f"{path}:4: to: no node has id 'ghost' (in the input or the store)",
    ]
    assert result.bad_rows == 2
    assert sum((await db.counts()).values()) == 0


async def test_ends_already_in_the_store_are_found_there(db: EmbeddedStore, tmp_path: Path) -> None:
    await db.upsert_nodes(validate_nodes(NodeKind.PERSON, [{"id": "old", "name": "Old"}]))
    await db.upsert_nodes(validate_nodes(NodeKind.PRODUCT, [{"id": "prod", "name": "Prod"}]))
    path = ndjson(
        tmp_path / "g.ndjson",
        {"kind": "PERSON", "id": "new", "name": "New"},
        {"kind": "KNOWS", "from": "new", "to": "old"},
        {"kind": "KNOWS", "from": "new", "to": "prod"},
    )
    result, messages = await run_import(db, path)
    assert messages == [f"{path}:3: to: 'prod' is a PRODUCT; KNOWS needs a PERSON"]
    ok = ndjson(tmp_path / "ok.ndjson", {"kind": "KNOWS", "from": "new", "to": "old"},
                {"kind": "PERSON", "id": "new", "name": "New"})  # fmt: skip
    result, messages = await run_import(db, ok)
    assert result.ok, messages
    assert (await db.counts())["KNOWS"] == 1


async def test_an_id_of_two_kinds_is_an_error(db: EmbeddedStore, tmp_path: Path) -> None:
    await db.upsert_nodes(validate_nodes(NodeKind.PRODUCT, [{"id": "x", "name": "X"}]))
    path = ndjson(
        tmp_path / "g.ndjson",
        {"kind": "PERSON", "id": "a", "name": "A"},
        {"kind": "PERSON", "id": "a", "name": "A again"},  # the same kind twice: a later update
        {"kind": "COMPANY", "id": "a", "name": "A Inc"},
        {"kind": "COMPANY", "id": "x", "name": "X Inc"},
    )
    result, messages = await run_import(db, path)
    assert messages == [
        f"{path}:3: id: 'a' is a PERSON elsewhere in the input, here a COMPANY",
        f"{path}:4: id: 'x' already names a PRODUCT in the store, not a COMPANY",
    ]
    assert (await db.counts())["PERSON"] == 0


async def test_the_same_id_twice_merges_in_order(db: EmbeddedStore, tmp_path: Path, keep: int) -> None:
    path = ndjson(
        tmp_path / "g.ndjson",
        {"kind": "PERSON", "id": "a", "name": "A", "title": "CTO"},
        {"kind": "PERSON", "id": "a", "name": "A2", "email": "a@x.org"},
    )
    result, _ = await run_import(db, path, keep=keep)
    assert result.ok and result.nodes == 2
    (a,) = await db.get_nodes(["a"])
    assert a is not None and dict(a.props) == {"name": "A2", "title": "CTO", "email": "a@x.org"}


async def test_two_home_companies_are_an_error(db: EmbeddedStore, tmp_path: Path) -> None:
    path = ndjson(
        tmp_path / "g.ndjson",
        {"kind": "COMPANY", "id": "a", "name": "A", "home": True},
        {"kind": "COMPANY", "id": "b", "name": "B", "home": True},
    )
    result, messages = await run_import(db, path)
    assert [m.split(": ", 2)[1] for m in messages] == ["home", "home"]
    assert not result.ok and (await db.counts())["COMPANY"] == 0


async def test_several_paths_files_and_directories(
    db: EmbeddedStore, tmp_path: Path, keep: int
) -> None:
    src = small_csv(tmp_path / "in")
    extra = ndjson(
        tmp_path / "extra.ndjson",
        {"kind": "PERSON", "id": "cy", "name": "Cy"},
        {"kind": "KNOWS", "from": "cy", "to": "ann"},
    )
    result, messages = await run_import(db, src, extra, keep=keep)
    assert result.ok, messages
    assert (result.nodes, result.relationships) == (6, 5)


async def test_a_failed_write_is_reported_and_a_rerun_finishes_it(
    db: EmbeddedStore, tmp_path: Path, keep: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ndjson(
        tmp_path / "g.ndjson",
        *({"kind": "PERSON", "id": f"p{i}", "name": f"P{i}"} for i in range(10)),
        *({"kind": "KNOWS", "from": f"p{i}", "to": f"p{i + 1}"} for i in range(9)),
    )
    real_bulk = db.bulk_upsert
    calls = 0

    async def flaky_bulk(nodes: Any, rels: Any, after: Any = None) -> Any:
        nonlocal calls
        if rels:
            calls += 1
            if calls == 2:
                raise StoreUnavailableError("the store went away")
        return await real_bulk(nodes, rels, after)

    monkeypatch.setattr(db, "bulk_upsert", flaky_bulk)
    result, messages = await run_import(db, path, batch=4, keep=keep)
    assert messages == [f"{path}:15-18: writing this batch failed: the store went away"]
    assert result.failed is not None and (result.nodes, result.relationships) == (10, 4)
    assert (await db.counts())["KNOWS"] == 4
    monkeypatch.setattr(db, "bulk_upsert", real_bulk)
    result, _ = await run_import(db, path, keep=keep)
    assert result.ok and (await db.counts())["KNOWS"] == 9


async def test_the_same_relationship_twice_merges_in_order(
    db: EmbeddedStore, tmp_path: Path, keep: int
) -> None:
    path = ndjson(
        tmp_path / "g.ndjson",
        {"kind": "PERSON", "id": "a", "name": "A"},
        {"kind": "PERSON", "id": "b", "name": "B"},
        {"kind": "KNOWS", "from": "a", "to": "b", "strength": 0.3},
        {"kind": "KNOWS", "from": "b", "to": "a", "source": "crm"},
        {"kind": "KNOWS", "from": "a", "to": "b", "strength": 0.4},
    )
    result, messages = await run_import(db, path, keep=keep)
    assert result.ok, messages
    (ties,) = await db.get_relationships(["a"], RelationshipKind.KNOWS, End.BOTH)
    assert [dict(t.props) for t in ties] == [{"strength": 0.4, "source": "crm"}]


class _NoBulk:
    """A store without ``bulk_upsert`` (as the Neo4j store may be)."""

    def __init__(self, store: EmbeddedStore) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name == "bulk_upsert":
            raise AttributeError(name)
        return getattr(self._store, name)


async def test_a_store_without_bulk_upsert_gets_upserts_and_relates(
    db: EmbeddedStore, tmp_path: Path, keep: int
) -> None:
    path = ndjson(
        tmp_path / "g.ndjson",
        *({"kind": "PERSON", "id": f"p{i}", "name": f"P{i}"} for i in range(5)),
        *({"kind": "KNOWS", "from": f"p{i}", "to": f"p{i + 1}", "strength": 0.25} for i in range(4)),
    )
    used: list[str] = []
    for name in ("upsert_nodes", "relate"):
        real = getattr(db, name)

        async def spy(*args: Any, _real: Any = real, _name: str = name) -> Any:
            used.append(_name)
            return await _real(*args)

        setattr(db, name, spy)
    result, messages = await run_import(_NoBulk(db), path, batch=2, keep=keep)  # type: ignore[arg-type]
    assert messages == [] and result.ok
    assert used == ["upsert_nodes"] * 3 + ["relate"] * 2
    (ties,) = await db.get_relationships(["p1"], RelationshipKind.KNOWS, End.BOTH)
    assert [(t.from_id, t.to_id, dict(t.props)) for t in ties] == [
        ("p0", "p1", {"strength": 0.25}),
        ("p1", "p2", {"strength": 0.25}),
    ]
