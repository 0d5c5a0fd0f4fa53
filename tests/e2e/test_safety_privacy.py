"""Personal data on both stores: what personalData returns, what erasePerson leaves,
and strings that look like injections stored and returned literally."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest

from kamgraph.store.protocol import GraphStore
from tests.e2e.safety_support import Keyed, start_keyed

SEED = """
mutation {
  upsertCompanies(input: [{id: "acme", name: "Acme"}]) { id }
  upsertPeople(input: [
    {id: "ann", name: "Ann Example", email: "ann@acme.example", phone: "+49 1", notes: "allergic to nuts"},
    {id: "bob", name: "Bob"}
  ]) { id }
  upsertInterests(input: [{id: "chess", name: "Chess"}]) { id }
  relate(input: [
    {kind: WORKS_AT, from: "ann", to: "acme", title: "CEO"},
    {kind: KNOWS, from: "bob", to: "ann", strength: 0.7, source: "dinner"},
    {kind: REPORTS_TO, from: "bob", to: "ann"},
    {kind: INTERESTED_IN, from: "ann", to: "chess", level: 3}
  ]) { kind }
}
"""


@pytest.fixture
async def keyed(store: GraphStore, tmp_path: Path) -> AsyncIterator[Keyed]:
    async with AsyncExitStack() as stack:
        k = await start_keyed(stack, store, tmp_path)
        await k.data("admin", SEED)
        yield k


async def test_personal_data_returns_everything_held_on_the_person(keyed: Keyed) -> None:
    data = (await keyed.data("admin", '{ personalData(id: "ann") }'))["personalData"]
    assert data["id"] == "ann" and data["kind"] == "PERSON"
    assert data["properties"] == {
        "name": "Ann Example",
        "email": "ann@acme.example",
        "phone": "+49 1",
        "notes": "allergic to nuts",
        # the store fills in what a Person always has
        **{k: v for k, v in data["properties"].items() if k not in ("name", "email", "phone", "notes")},
    }
    rels = {(r["kind"], r["direction"], r["other"]["id"]): r for r in data["relationships"]}
    assert set(rels) == {
        ("WORKS_AT", "OUT", "acme"),
        ("KNOWS", "BOTH", "bob"),
        ("REPORTS_TO", "IN", "bob"),
        ("INTERESTED_IN", "OUT", "chess"),
    }
    assert rels[("WORKS_AT", "OUT", "acme")]["properties"]["title"] == "CEO"
    assert rels[("WORKS_AT", "OUT", "acme")]["other"] == {"id": "acme", "kind": "COMPANY", "name": "Acme"}
    assert rels[("KNOWS", "BOTH", "bob")]["properties"]["source"] == "dinner"
    assert rels[("INTERESTED_IN", "OUT", "chess")]["properties"] == {"level": 3}
    assert (await keyed.data("admin", '{ personalData(id: "nobody") }'))["personalData"] is None
    assert (await keyed.data("admin", '{ personalData(id: "acme") }'))["personalData"] is None


async def test_erase_person_leaves_nothing_personal_and_an_audit_entry_with_the_id_only(keyed: Keyed) -> None:
    assert (await keyed.data("admin", 'mutation { erasePerson(id: "ann") }')) == {"erasePerson": True}
    assert (await keyed.data("admin", 'mutation { erasePerson(id: "ann") }')) == {"erasePerson": False}
    after = await keyed.data(
        "admin",
        """{ person(id: "ann") { id } personalData(id: "ann")
             search(text: "Ann") { id }
             bob: person(id: "bob") { knows { person { id } } manager { id } }
             company(id: "acme") { people { totalCount } }
             node(id: "chess") { ... on Interest { people { id } } } }""",
    )
    assert after == {
        "person": None,
        "personalData": None,
        "search": [],
        "bob": {"knows": [], "manager": None},
        "company": {"people": {"totalCount": 0}},
        "node": {"people": []},
    }
    log = await keyed.data("admin", "{ auditLog(first: 500) { edges { node { actor operation ids } } } }")
    erase = [e["node"] for e in log["auditLog"]["edges"] if e["node"]["operation"] == "erasePerson"]
    assert erase[0] == {"actor": "admin", "operation": "erasePerson", "ids": ["ann"]}
    everything = str(log)
    assert (
        "ann@acme.example" not in everything and "nuts" not in everything and "Ann Example" not in everything
    )


async def test_audit_log_pages_with_opaque_cursors_and_filters(keyed: Keyed) -> None:
    await keyed.data("editor", 'mutation { upsertProducts(input: [{id: "p1", name: "P"}]) { id } }')
    q = (
        "query($after: String, $actor: String) { auditLog(first: 2, after: $after, actor: $actor) "
        "{ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { operation actor } } } }"
    )
    seen: list[str] = []
    after: str | None = None
    while True:
        page = (await keyed.data("admin", q, {"after": after}))["auditLog"]
        seen += [e["node"]["operation"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["upsertProducts", "relate", "upsertInterests", "upsertPeople", "upsertCompanies"]
    assert page["totalCount"] == 5
    by_editor = (await keyed.data("admin", q, {"actor": "editor"}))["auditLog"]
    assert by_editor["totalCount"] == 1 and by_editor["edges"][0]["node"]["actor"] == "editor"
    bad = (await keyed.post("admin", q, {"after": "bm90IGEgY3Vyc29y"})).json()
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    since = (
        '{ auditLog(since: "2000-01-01") { totalCount } later: auditLog(since: "2999-01-01") { totalCount } }'
    )
    counts = await keyed.data("admin", since)
    assert counts == {"auditLog": {"totalCount": 5}, "later": {"totalCount": 0}}


INJECTIONS = [
    "' OR 1=1 --",
    '"}) MATCH (n) DETACH DELETE n //',
    "<script>alert(1)</script>",
    "Robert'); DROP TABLE nodes;--",
    "$param {x} `backtick` \\ \u0000? \u2028 💥",
]


@pytest.mark.parametrize("text", INJECTIONS)
async def test_injection_looking_strings_are_stored_and_returned_literally(keyed: Keyed, text: str) -> None:
    if "\u0000" in text:
        text = text.replace("\u0000", "")  # NUL is not valid in a GraphQL string
    fields: dict[str, Any] = {
        "CompanyInput": {
            "id": text,
            "name": text,
            "industry": text,
            "country": text,
            "website": text,
            "tags": [text],
        },
        "PersonInput": {
            "id": "p" + text,
            "name": text,
            "title": text,
            "department": text,
            "email": text,
            "phone": text,
            "location": text,
            "notes": text,
        },
        "ProductInput": {"id": "x" + text, "name": text, "category": text},
        "OpportunityInput": {"id": "o" + text, "name": text, "stage": "LOST", "lossReason": text},
    }
    doc = """mutation($c: [CompanyInput!]!, $p: [PersonInput!]!, $x: [ProductInput!]!,
                      $o: [OpportunityInput!]!) {
      upsertCompanies(input: $c) { id } upsertPeople(input: $p) { id }
      upsertProducts(input: $x) { id } upsertOpportunities(input: $o) { id } }"""
    variables = {
        "c": [fields["CompanyInput"]],
        "p": [fields["PersonInput"]],
        "x": [fields["ProductInput"]],
        "o": [fields["OpportunityInput"]],
    }
    await keyed.data("editor", doc, variables)
    rel = "mutation($r: [RelationshipInput!]!) { relate(input: $r) { kind } }"
    await keyed.data(
        "editor", rel, {"r": [{"kind": "WORKS_AT", "from": "p" + text, "to": text, "title": text}]}
    )
    got = await keyed.data(
        "analyst",
        """query($c: ID!, $p: ID!, $x: ID!, $o: ID!, $t: String!) {
          company(id: $c) { id name industry country website tags people { edges { node { id } } } }
          person(id: $p) { name title department email phone location notes employment { title } }
          product: node(id: $x) { ... on Product { name category } }
          opp: node(id: $o) { ... on Opportunity { lossReason } }
          search(text: $t) { id } }""",
        {"c": text, "p": "p" + text, "x": "x" + text, "o": "o" + text, "t": text},
    )
    assert got["company"] == {
        "id": text,
        "name": text,
        "industry": text,
        "country": text,
        "website": text,
        "tags": [text],
        "people": {"edges": [{"node": {"id": "p" + text}}]},
    }
    assert got["person"]["employment"] == [{"title": text}]
    assert all(v == text for k, v in got["person"].items() if k != "employment")
    assert got["product"] == {"name": text, "category": text}
    assert got["opp"] == {"lossReason": text}
    assert {n["id"] for n in got["search"]} >= {text, "p" + text, "x" + text, "o" + text}
    # nothing else was touched: the seed is all there
    counts = await keyed.data("viewer", "{ companies { totalCount } people { totalCount } }")
    assert counts == {"companies": {"totalCount": 2}, "people": {"totalCount": 3}}
