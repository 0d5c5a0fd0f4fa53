"""No N+1: a nested query costs the same number of store round-trips for 1 item or 100.

The store is reached through the app's instrumented wrapper, which counts every
call; the query asks for companies -> people -> manager, interests, company.
"""

from __future__ import annotations

from contextlib import AsyncExitStack

from kamgraph.store.protocol import GraphStore
from tests.e2e.conftest import start_api

COMPANIES = 100
NESTED = """
query($first: Int!) {
  companies(first: $first) {
    totalCount
    edges {
      node {
        id name
        people(first: 5) {
          totalCount
          edges { node { id name manager { id name } interests { id name } company { id } } }
        }
      }
    }
  }
}
"""


async def test_nested_query_round_trips_do_not_grow_with_the_number_of_items(store: GraphStore) -> None:
    async with AsyncExitStack() as stack:
        api = await start_api(stack, "asgi", store)
        companies = [{"id": f"c{i:03}", "name": f"Company {i}"} for i in range(COMPANIES)]
        people = [{"id": f"c{i:03}-{j}", "name": f"Person {i}.{j}"} for i in range(COMPANIES) for j in (1, 2)]
        rels = []
        for i in range(COMPANIES):
            boss, worker = f"c{i:03}-1", f"c{i:03}-2"
            rels += [
                {"kind": "WORKS_AT", "from": boss, "to": f"c{i:03}"},
                {"kind": "WORKS_AT", "from": worker, "to": f"c{i:03}"},
                {"kind": "REPORTS_TO", "from": worker, "to": boss},
                {"kind": "INTERESTED_IN", "from": worker, "to": f"i{i % 3}"},
            ]
        await api.query(
            """mutation(
                 $c: [CompanyInput!]!, $p: [PersonInput!]!, $i: [InterestInput!]!, $r: [RelationshipInput!]!
               ) {
                 upsertCompanies(input: $c) { id }
                 upsertPeople(input: $p) { id }
                 upsertInterests(input: $i) { id }
                 relate(input: $r) { kind }
               }""",
            {
                "c": companies,
                "p": people,
                "i": [{"id": f"i{k}", "name": f"Interest {k}"} for k in range(3)],
                "r": rels,
            },
        )

        counts: dict[int, int] = {}
        by_method: dict[int, dict[str, int]] = {}
        for first in (1, COMPANIES):
            before = api.meter.totals.copy()
            data = await api.query(NESTED, {"first": first})
            calls = api.meter.totals - before
            counts[first] = sum(calls.values())
            by_method[first] = dict(calls)
            edges = data["companies"]["edges"]
            assert len(edges) == first
            for edge in edges:
                company = edge["node"]
                boss, worker = (e["node"] for e in company["people"]["edges"])
                assert boss["manager"] is None and worker["manager"] == {
                    "id": boss["id"],
                    "name": boss["name"],
                }
                assert worker["company"] == {"id": company["id"]} and len(worker["interests"]) == 1
                assert boss["interests"] == []

        # one listing, then one batch per level and relation: the same for 1 company or 100
        # (measured: list_companies 1, get_relationships 4, get_nodes 2 on both stores)
        assert counts[1] == counts[COMPANIES], by_method
        assert counts[1] <= 10, by_method


ORG_CHARTS = """
query($first: Int!) {
  companies(first: $first) { edges { node { id orgChart { person { name } managerId level } } } }
}
"""


async def test_org_charts_cost_the_same_round_trips_for_1_10_or_30_companies(store: GraphStore) -> None:
    async with AsyncExitStack() as stack:
        api = await start_api(stack, "asgi", store)
        ids = [f"c{i:02}" for i in range(30)]
        people = [{"id": f"{c}-{j}", "name": f"Person {c}.{j}"} for c in ids for j in (1, 2, 3)]
        rels = []
        for c in ids:
            rels += [{"kind": "WORKS_AT", "from": f"{c}-{j}", "to": c} for j in (1, 2, 3)]
            rels += [{"kind": "REPORTS_TO", "from": f"{c}-{j}", "to": f"{c}-1"} for j in (2, 3)]
        await api.query(
            """mutation($c: [CompanyInput!]!, $p: [PersonInput!]!, $r: [RelationshipInput!]!) {
                 upsertCompanies(input: $c) { id }
                 upsertPeople(input: $p) { id }
                 relate(input: $r) { kind }
               }""",
            {"c": [{"id": c, "name": f"Company {c}"} for c in ids], "p": people, "r": rels},
        )

        counts: dict[int, dict[str, int]] = {}
        for first in (1, 10, 30):
            before = api.meter.totals.copy()
            data = await api.query(ORG_CHARTS, {"first": first})
            counts[first] = dict(api.meter.totals - before)
            edges = data["companies"]["edges"]
            assert len(edges) == first
            for edge in edges:
                c = edge["node"]["id"]
                assert edge["node"]["orgChart"] == [
                    {"person": {"name": f"Person {c}.1"}, "managerId": None, "level": 0},
                    {"person": {"name": f"Person {c}.2"}, "managerId": f"{c}-1", "level": 1},
                    {"person": {"name": f"Person {c}.3"}, "managerId": f"{c}-1", "level": 1},
                ]
        # the listing, then one read of every chart of the page
        assert counts[1] == counts[10] == counts[30] == {"list_companies": 1, "org_staff": 1}, counts
