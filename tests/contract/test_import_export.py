"""Export then import into an empty store gives the same graph, on every backend."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kamgraph.domain.model import NodeKind, RelationshipKind
from kamgraph.io.exporter import export_graph
from kamgraph.io.importer import Importer
from kamgraph.io.progress import QuietReporter
from kamgraph.io.readers import expand_paths
from kamgraph.store.protocol import GraphStore
from tests.contract.support import add, link, r

C, P = NodeKind.COMPANY, NodeKind.PERSON


async def build(store: GraphStore) -> None:
    """A small graph with every node kind, every relationship kind and every property type."""
    await add(
        store, C,
        {"id": "us", "name": "Us, Inc.", "home": True, "tags": ["vendor"]},
        {"id": "acme", "name": "Acme \"Global\"", "industry": "Retail", "country": "DE", "tier": "KEY",
         "status": "CUSTOMER", "annualRevenue": 1.5e9, "currentSpend": 120000.25, "potentialSpend": 9e5,
         "website": "https://acme.example", "tags": ["retail", "eu", "ünïcode"], "home": False},
        {"id": "rival", "name": "Rival"},
        {"id": "parent", "name": "Parent Holding"},
    )  # fmt: skip
    await add(
        store, P,
        {"id": "ann", "name": "Ann", "title": "VP Sales", "seniority": "VP", "decisionMaker": True,
         "email": "ann@acme.example", "phone": "+49 1", "location": "Berlin", "notes": "line one\nline two"},
        {"id": "bob", "name": "Bob", "decisionMaker": False},
        {"id": "cy", "name": "Cy", "department": "IT", "seniority": "MANAGER"},
    )  # fmt: skip
    await add(store, NodeKind.INTEREST, {"id": "golf", "name": "Golf", "category": "SPORT"})
    await add(store, NodeKind.PRODUCT, {"id": "crm", "name": "CRM", "category": "Software"},
              {"id": "erp", "name": "ERP"})  # fmt: skip
    await add(
        store, NodeKind.OPPORTUNITY,
        {"id": "deal", "name": "Big deal", "stage": "PROPOSAL", "amount": 250000.0,
         "closeDate": "2025-03-31"},
        {"id": "lost", "name": "Lost deal", "stage": "LOST", "lossReason": "price"},
    )  # fmt: skip
    await link(
        store,
        r("WORKS_AT", "ann", "acme", title="VP", since="2019-01-01"),
        r("WORKS_AT", "bob", "acme", current=False, until="2022-12-31"),
        r("WORKS_AT", "cy", "us"),
        r("REPORTS_TO", "bob", "ann"),
        r("KNOWS", "cy", "ann", strength=0.8, lastContact="2024-06-01", source="crm"),
        r("KNOWS", "bob", "cy"),
        r("INTERESTED_IN", "ann", "golf", level=3),
        r("COVERS", "cy", "acme", role="ACCOUNT_OWNER"),
        r("SUPPLIES", "us", "acme", category="software", share=0.25, since="2020-05-05"),
        r("COMPETES_WITH", "us", "rival"),
        r("PARTNERS_WITH", "acme", "parent"),
        r("SUBSIDIARY_OF", "acme", "parent"),
        r("OFFERS", "us", "crm"),
        r("OFFERS", "rival", "erp"),
        r("USES", "acme", "erp", since="2018-01-01", contractEnd="2025-12-31", satisfaction=2, spend=50000.0),
        r("TARGETS", "deal", "acme"),
        r("PROPOSES", "deal", "crm"),
        r("AGAINST", "deal", "rival"),
        r("INFLUENCES", "ann", "deal", role="ECONOMIC_BUYER", stance="SUPPORTER"),
    )


async def dump(store: GraphStore) -> list[str]:
    """Every node and relationship, canonically (sorted, props as sorted JSON)."""
    out: list[str] = []
    for kind in NodeKind:
        after: str | None = None
        while True:
            page = await store.list_nodes(kind, 500, after)
            out += [json.dumps([n.kind.value, n.id, dict(n.props)], sort_keys=True) for n in page.items]
            if not page.has_next:
                break
            after = page.end_cursor
    for rk in RelationshipKind:
        async for rels in store.iter_relationships(rk):
            out += [json.dumps([x.kind.value, x.from_id, x.to_id, dict(x.props)], sort_keys=True)
                    for x in rels]  # fmt: skip
    return sorted(out)


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
async def test_export_then_import_into_an_empty_store_gives_the_same_graph(
    store: GraphStore, tmp_path: Path, fmt: str
) -> None:
    await build(store)
    counts, before = await store.counts(), await dump(store)
    assert counts["KNOWS"] == 2 and counts["COMPANY"] == 4
    target = tmp_path / ("graph.ndjson" if fmt == "ndjson" else "graph")
    exported = await export_graph(store, fmt, target)
    assert exported.rows == sum(counts.values())
    if fmt == "ndjson":  # the same bytes from every store: fields in the contract's order
        lines = target.read_text(encoding="utf-8").splitlines()
        assert lines[0] == (
            '{"kind":"COMPANY","id":"acme","name":"Acme \\"Global\\"","industry":"Retail","country":"DE",'
            '"tier":"KEY","status":"CUSTOMER","home":false,"annualRevenue":1500000000.0,'
            '"currentSpend":120000.25,"potentialSpend":900000.0,"website":"https://acme.example",'
            '"tags":["retail","eu","ünïcode"]}'
        )
        assert (
            '{"kind":"KNOWS","from":"ann","to":"cy","strength":0.8,"lastContact":"2024-06-01",'
            '"source":"crm"}' in lines
        )

    await store.clear()
    assert sum((await store.counts()).values()) == 0
    result = await Importer(store, expand_paths([target]), batch=7, reporter=QuietReporter()).run()
    assert result.ok, result
    assert await store.counts() == counts
    assert await dump(store) == before

    # importing again (reading the files twice, as for a large input) changes nothing
    again = await Importer(store, expand_paths([target]), reporter=QuietReporter(), keep_rows=0).run()
    assert again.ok
    assert await store.counts() == counts
    assert await dump(store) == before


async def test_a_bad_import_writes_nothing(store: GraphStore, tmp_path: Path) -> None:
    lines: list[dict[str, Any]] = [{"kind": "PERSON", "id": f"p{i}", "name": f"P{i}"} for i in range(30)]
    lines.append({"kind": "KNOWS", "from": "p1", "to": "nobody"})
    path = tmp_path / "g.ndjson"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    reporter = QuietReporter()
    result = await Importer(store, expand_paths([path]), batch=10, reporter=reporter).run()
    assert reporter.messages == [f"{path}:31: to: no node has id 'nobody' (in the input or the store)"]
    assert not result.ok
    assert sum((await store.counts()).values()) == 0
