"""Every nested field that reads the store costs the same store round trips for 1, 10 or 30
parents: the node types' linked nodes and relationships, the ends of those relationships,
``Company.people``, and the nodes the analyses' results name.

A node field is asked of N parents at once (N aliases of ``node(id:)``, each parent with
the relation); an analysis type's field of N results that a test root field hands out
(made beforehand by the analyses on the demo graph, each with something in that field).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import pytest
import strawberry

from kamgraph.api.loaders import Info, RequestContext
from kamgraph.api.resolvers import build_schema
from kamgraph.api.schema import analysis_types as at
from kamgraph.config import Settings
from kamgraph.domain.model import NodeKind, TieKind
from kamgraph.domain.rules import validate_nodes, validate_relationships
from kamgraph.insights import service as insights
from kamgraph.store.embedded.store import EmbeddedStore
from kamgraph.store.metering import Meter, RequestStats, metered
from kamgraph.synth.demo import load_demo

PARENTS = (1, 10, 30)
SCHEMA = build_schema()

# --------------------------------------------------------------------------
# Node types: a graph where 30 nodes of each kind have each relation
# --------------------------------------------------------------------------

PREFIX = {"COMPANY": "c", "PERSON": "p", "INTEREST": "i", "PRODUCT": "pr", "OPPORTUNITY": "o"}


def _ids(kind: str, start: int) -> list[str]:
    return [f"{PREFIX[kind]}{n:02}" for n in range(start, start + 30)]


def _links(kind: str, from_kind: str, from_start: int, to_kind: str, to_start: int) -> list[dict[str, Any]]:
    pairs = zip(_ids(from_kind, from_start), _ids(to_kind, to_start), strict=True)
    return [{"kind": kind, "from": a, "to": b} for a, b in pairs]


RELS = [
    *_links("SUBSIDIARY_OF", "COMPANY", 0, "COMPANY", 30),
    *_links("COMPETES_WITH", "COMPANY", 0, "COMPANY", 30),
    *_links("PARTNERS_WITH", "COMPANY", 0, "COMPANY", 30),
    *_links("SUPPLIES", "COMPANY", 0, "COMPANY", 30),
    *_links("OFFERS", "COMPANY", 0, "PRODUCT", 0),
    *_links("USES", "COMPANY", 0, "PRODUCT", 0),
    *_links("TARGETS", "OPPORTUNITY", 0, "COMPANY", 0),
    *_links("PROPOSES", "OPPORTUNITY", 0, "PRODUCT", 0),
    *_links("AGAINST", "OPPORTUNITY", 0, "COMPANY", 30),
    *_links("WORKS_AT", "PERSON", 0, "COMPANY", 0),
    *_links("WORKS_AT", "PERSON", 30, "COMPANY", 0),
    *_links("REPORTS_TO", "PERSON", 30, "PERSON", 0),
    *_links("KNOWS", "PERSON", 0, "PERSON", 30),
    *_links("INTERESTED_IN", "PERSON", 0, "INTEREST", 0),
    *_links("INFLUENCES", "PERSON", 0, "OPPORTUNITY", 0),
    *_links("COVERS", "PERSON", 0, "COMPANY", 30),
]

#: (type, selection, the parents' kind, whether they are the relationships' "to" end, relation)
NODE_FIELDS = [
    ("Company", "parent { id }", "SUBSIDIARY_OF", False),
    ("Company", "subsidiaries { id }", "SUBSIDIARY_OF", True),
    ("Company", "suppliers { category supplier { id } customer { id } }", "SUPPLIES", True),
    ("Company", "customers { supplier { id } customer { id } }", "SUPPLIES", False),
    ("Company", "competitors { id }", "COMPETES_WITH", True),
    ("Company", "partners { id }", "PARTNERS_WITH", False),
    ("Company", "offers { id }", "OFFERS", False),
    ("Company", "uses { spend company { id } product { id } }", "USES", False),
    ("Company", "opportunities { id }", "TARGETS", True),
    ("Company", "accountTeam { role person { id } company { id } }", "COVERS", True),
    ("Company", "people(first: 5) { totalCount edges { node { id manager { id } } } }", "WORKS_AT", True),
    ("Person", "company { id }", "WORKS_AT", False),
    ("Person", "employment { title company { id } }", "WORKS_AT", False),
    ("Person", "manager { id }", "REPORTS_TO", False),
    ("Person", "reports { id }", "REPORTS_TO", True),
    ("Person", "knows { strength person { id } }", "KNOWS", False),
    ("Person", "interests { id }", "INTERESTED_IN", False),
    ("Person", "influences { role person { id } opportunity { id } }", "INFLUENCES", False),
    ("Person", "covers { company { id } }", "COVERS", False),
    ("Interest", "people { id }", "INTERESTED_IN", True),
    ("Product", "offeredBy { id }", "OFFERS", True),
    ("Product", "usedBy { company { id } product { id } }", "USES", True),
    ("Opportunity", "account { id }", "TARGETS", False),
    ("Opportunity", "proposes { id }", "PROPOSES", False),
    ("Opportunity", "against { id }", "AGAINST", False),
    ("Opportunity", "influencers { stance person { id } opportunity { id } }", "INFLUENCES", True),
]


@pytest.fixture(scope="module")
async def graph() -> AsyncIterator[EmbeddedStore]:
    inner = EmbeddedStore(":memory:")
    await inner.open()
    for kind in PREFIX:
        extra = {"stage": "PROSPECTING"} if kind == "OPPORTUNITY" else {}
        items = [{"id": i, "name": i.upper(), **extra} for i in _ids(kind, 0) + _ids(kind, 30)]
        await inner.upsert_nodes(validate_nodes(NodeKind(kind), items))
    await inner.relate(validate_relationships(RELS))
    yield inner
    await inner.close()


async def _run(store: EmbeddedStore, query: str, schema: strawberry.Schema = SCHEMA) -> tuple[Any, int]:
    stats = RequestStats()
    ctx = RequestContext.create(store, Settings(store=":memory:"), stats=stats)
    with metered(Meter(stats=stats)):
        result = await schema.execute(query, context_value=ctx)
    assert result.errors is None, result.errors
    return result.data, sum(stats.calls.values())


def _parents(type_name: str, relation: str, to_end: bool) -> list[str]:
    kind = type_name.upper()
    ends = [r["to" if to_end else "from"] for r in RELS if r["kind"] == relation]
    return sorted({i for i in ends if i.startswith(PREFIX[kind]) and i[len(PREFIX[kind]) :].isdigit()})


@pytest.mark.parametrize(
    ("type_name", "selection", "relation", "to_end"),
    NODE_FIELDS,
    ids=[f"{t}.{s.split()[0].split('(')[0]}" for t, s, _, _ in NODE_FIELDS],
)
async def test_a_node_field_costs_the_same_round_trips_for_1_10_or_30_parents(
    graph: EmbeddedStore, type_name: str, selection: str, relation: str, to_end: bool
) -> None:
    parents = _parents(type_name, relation, to_end)
    assert len(parents) >= max(PARENTS)
    trips: dict[int, int] = {}
    for n in PARENTS:
        aliases = " ".join(
            f'n{k}: node(id: "{i}") {{ ... on {type_name} {{ id {selection} }} }}'
            for k, i in enumerate(parents[:n])
        )
        data, trips[n] = await _run(graph, f"{{ {aliases} }}")
        field = selection.split()[0].split("(")[0]
        assert all(data[f"n{k}"][field] not in (None, []) for k in range(n)), data
    assert trips[1] == trips[10] == trips[30], trips


# --------------------------------------------------------------------------
# Analysis result types: their results on the demo graph, handed out N at a time
# --------------------------------------------------------------------------

#: results made by the analyses, by analysis (filled by the ``demo`` fixture)
RESULTS: dict[str, list[Any]] = {}


def _handed(name: str, wrap: Callable[[Any], Any]) -> Callable[..., list[Any]]:
    def hand_out(info: Info, n: int, keep: str) -> list[Any]:
        return [wrap(r) for r in RESULTS[f"{name}:{keep}"][:n]]

    return hand_out


@strawberry.type
class Results:
    gap_reports: list[at.GapReport] = strawberry.field(
        resolver=_handed("gaps", lambda r: at.GapReport(report=r))
    )
    influence_paths: list[at.InfluencePath] = strawberry.field(
        resolver=_handed("paths", lambda r: at.InfluencePath(path=r))
    )
    icebreakers: list[at.Icebreaker] = strawberry.field(
        resolver=_handed("ice", lambda r: at.Icebreaker(item=r))
    )
    influencers: list[at.InfluencerScore] = strawberry.field(
        resolver=_handed("influencers", lambda r: at.InfluencerScore(item=r))
    )
    priorities: list[at.AccountPriority] = strawberry.field(
        resolver=_handed("priorities", lambda r: at.AccountPriority(item=r))
    )
    landscapes: list[at.CompetitiveLandscape] = strawberry.field(
        resolver=_handed("landscapes", lambda r: at.CompetitiveLandscape(landscape=r))
    )
    supply_chains: list[at.SupplyChain] = strawberry.field(
        resolver=_handed("supply", lambda r: at.SupplyChain(chain=r))
    )
    whitespace: list[at.WhitespaceItem] = strawberry.field(
        resolver=_handed("whitespace", lambda r: at.WhitespaceItem(item=r))
    )


RESULT_SCHEMA = build_schema(queries=[Results])

#: (root field, analysis, selection, what a result must have for the field to read anything)
ANALYSIS_FIELDS: list[tuple[str, str, str, Callable[[Any], Any]]] = [
    ("gapReports", "gaps", "account { id }", lambda r: True),
    ("gapReports", "gaps", "decisionMakers { id }", lambda r: r.decision_makers),
    ("gapReports", "gaps", "covered { id }", lambda r: r.covered),
    ("gapReports", "gaps", "uncovered { person { id } }", lambda r: r.uncovered),
    (
        "gapReports",
        "gaps",
        "uncovered { bestPath { people { id } steps { from { id } to { id } } } }",
        lambda r: any(u.best_path for u in r.uncovered),
    ),
    ("gapReports", "gaps", "stale { teammate { id } person { id } }", lambda r: r.stale),
    ("gapReports", "gaps", "missingRoles { opportunity { id } }", lambda r: r.missing_roles),
    ("influencePaths", "paths", "people { id }", lambda r: True),
    ("influencePaths", "paths", "steps { from { id } to { id } }", lambda r: True),
    ("influencePaths", "paths", "steps { via { id } }", lambda r: any(s.via for s in r.steps)),
    ("icebreakers", "ice", "teammate { id } interests { id }", lambda r: r.interests),
    ("influencers", "influencers", "person { id }", lambda r: True),
    ("priorities", "priorities", "company { id }", lambda r: True),
    ("landscapes", "landscapes", "account { id }", lambda r: True),
    ("landscapes", "landscapes", "incumbents { competitor { id } product { id } }", lambda r: r.incumbents),
    ("landscapes", "landscapes", "inDeals { id }", lambda r: r.in_deals),
    ("landscapes", "landscapes", "records { competitor { id } }", lambda r: r.records),
    ("supplyChains", "supply", "company { id }", lambda r: True),
    ("supplyChains", "supply", "links { supplier { id } customer { id } }", lambda r: r.links),
    ("supplyChains", "supply", "companies { id }", lambda r: r.companies),
    ("supplyChains", "supply", "singleSource { id }", lambda r: r.single_source),
    ("supplyChains", "supply", "leverage { id }", lambda r: r.leverage),
    ("supplyChains", "supply", "exposure { id }", lambda r: r.exposure),
    ("whitespace", "whitespace", "product { id }", lambda r: True),
]


async def _results(store: EmbeddedStore) -> dict[str, list[Any]]:
    """What the analyses answer on the demo graph, over its accounts and people."""
    nodes = (await store.list_nodes(NodeKind.COMPANY, 500)).items
    companies = [n.id for n in nodes]
    accounts = [n.id for n in nodes if not n.get("home") and (n.get("tier") or n.get("status"))]
    people = [n.id for n in (await store.list_nodes(NodeKind.PERSON, 2000)).items]
    makers = [p for p in people if p.endswith("-001") and not p.startswith("p-northwind")]
    # derived ties as strong as the best KNOWS, so that paths go through companies and interests
    ties = [(TieKind.SHARED_INTEREST, 0.9), (TieKind.COLLEAGUE, 0.9)]
    out: dict[str, list[Any]] = {
        "gaps": [await insights.relationship_gaps(store, c) for c in accounts],
        "paths": [p for m in makers for p in await insights.influence_paths(store, m, limit=5, ties=ties)],
        "ice": [b for m in makers for b in await insights.icebreakers(store, m)],
        "influencers": [s for c in accounts for s in await insights.key_influencers(store, c, 5)],
        "priorities": await insights.account_priorities(store, first=200),
        "landscapes": [await insights.competitive_landscape(store, c) for c in accounts],
        "supply": [await insights.supply_chain(store, c) for c in companies],
        "whitespace": [i for c in accounts for i in await insights.whitespace(store, c, 5)],
    }
    return out


@pytest.fixture(scope="module")
async def demo() -> AsyncIterator[EmbeddedStore]:
    inner = EmbeddedStore(":memory:")
    await inner.open()
    await load_demo(inner)
    made = await _results(inner)
    for _, name, selection, has in ANALYSIS_FIELDS:
        RESULTS[f"{name}:{selection}"] = [r for r in made[name] if has(r)]
    yield inner
    await inner.close()
    RESULTS.clear()


@pytest.mark.parametrize(
    ("root", "name", "selection", "has"),
    ANALYSIS_FIELDS,
    ids=[f"{root}.{s.replace(' ', '')[:40]}" for root, _, s, _ in ANALYSIS_FIELDS],
)
async def test_an_analysis_field_costs_the_same_round_trips_for_1_10_or_30_results(
    demo: EmbeddedStore, root: str, name: str, selection: str, has: Callable[[Any], Any]
) -> None:
    results: Sequence[Any] = RESULTS[f"{name}:{selection}"]
    counts = [n for n in PARENTS if n <= len(results)]
    assert len(counts) >= 2, f"{len(results)} results of {name} with {selection}"
    trips: dict[int, int] = {}
    keep = selection.replace('"', '\\"')
    for n in counts:
        data, trips[n] = await _run(
            demo, f'{{ {root}(n: {n}, keep: "{keep}") {{ {selection} }} }}', RESULT_SCHEMA
        )
        assert len(data[root]) == n
    assert len(set(trips.values())) == 1, trips
    assert trips[counts[0]] >= 1  # it reads the store at all
