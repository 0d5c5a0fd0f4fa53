"""What relationship gaps and account priorities read about accounts, and no more.

Coverage, threads, stale ties and missing roles (docs/domain.md, "Relationship
gaps", "Decision-makers", "Account priority") need, per account: its current
people with their properties, its opportunities with their stage and, for the
open ones, their INFLUENCES; our team; and the KNOWS between our team and the
account's people. So this reads exactly those, each with one batch read for all
the accounts at once:

- the KNOWS are read from whichever side is smaller — the account's people
  (or, for coverage alone, just its decision-makers) or our team — since only
  the KNOWS between the two matter;
- nothing about the people's other ties, nor about the people they know.

The graph it returns holds every node and relationship the pure analyses
(:func:`kamgraph.analysis.gaps.relationship_gaps`,
:func:`kamgraph.analysis.gaps.coverage`) look at, so they answer as on the
whole graph.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import networkx as nx

from kamgraph.analysis.accounts import decision_makers
from kamgraph.analysis.budget import DEFAULT, Budget
from kamgraph.analysis.model import add_relationships, build_graph, is_current
from kamgraph.analysis.paths import InfluencePath
from kamgraph.domain.model import DEFAULT_TIE_WEIGHTS, End, Node, Relationship, RelationshipKind, Stage
from kamgraph.insights.neighbourhood import all_accounts, fetch_nodes, fetch_rels, staff_of
from kamgraph.insights.path_fetch import Reads, best_paths
from kamgraph.store.protocol import GraphStore

_K = RelationshipKind


async def scoring_graph(store: GraphStore) -> tuple[list[Node], list[Node], nx.MultiDiGraph]:
    """Every account, the opportunities that target them, and the graph of both
    with their TARGETS: what the priority scores read (no people)."""
    accounts = await all_accounts(store)
    targets = await fetch_rels(store, [a.id for a in accounts], _K.TARGETS, End.IN)
    opps = await fetch_nodes(store, {r.from_id for r in targets})
    return accounts, opps, build_graph([*accounts, *opps], targets)


async def accounts_graph(
    store: GraphStore, accounts: Sequence[Node], known: Sequence[Node] = (), *, threads: bool = True
) -> tuple[nx.MultiDiGraph, list[str]]:
    """The graph coverage (and, with ``threads``, all of relationship gaps) reads
    for ``accounts``, and our team (sorted).

    ``known`` are nodes already read (e.g. opportunities): those needed are
    taken from it instead of the store. Without ``threads`` only the decision-makers' KNOWS are read
    (coverage needs no more); with it, the KNOWS of all the accounts' current
    people (threads counts everyone of ours who knows anyone there).
    """
    ids = [a.id for a in accounts]
    # independent reads go together: on Neo4j each is a round trip
    home, staff, targets = await asyncio.gather(
        store.home_company(),
        fetch_rels(store, ids, _K.WORKS_AT, End.IN),
        fetch_rels(store, ids, _K.TARGETS, End.IN),
    )
    current = {r.from_id for r in staff if is_current(r.props)}
    have = {n.id: n for n in known}
    opps = {r.from_id for r in targets}
    home_staff, read_opps, people = await asyncio.gather(
        staff_of(store, home.id) if home is not None else _nothing(),
        fetch_nodes(store, opps - have.keys()),
        fetch_nodes(store, current),
    )
    ours = sorted({r.from_id for r in home_staff if is_current(r.props)})
    opp_nodes = [have[o] for o in opps if o in have] + read_opps
    nodes: list[Node] = [*accounts, *opp_nodes, *([home] if home is not None else []), *people]
    open_opps = [o.id for o in opp_nodes if _is_open(o)]
    team = set(ours)

    async def knows_of(people: set[str]) -> list[Relationship]:
        """The KNOWS between our team and ``people`` (held once per pair)."""
        side = people if len(people) <= len(ours) else team
        return [
            r
            for r in await fetch_rels(store, side, _K.KNOWS, End.BOTH)
            if (r.from_id in team and r.to_id in current) or (r.to_id in team and r.from_id in current)
        ]

    if ours and threads:
        # threads counts everyone of ours who knows anyone there: the KNOWS of all current people
        influences, knows = await asyncio.gather(
            fetch_rels(store, open_opps, _K.INFLUENCES, End.IN), knows_of(current)
        )
    else:
        influences, knows = await fetch_rels(store, open_opps, _K.INFLUENCES, End.IN), []
    g = build_graph(nodes, [*home_staff, *staff, *targets, *influences])
    if ours and not threads:
        # coverage needs only the decision-makers' KNOWS
        knows = await knows_of({p for a in ids for p in decision_makers(g, a)})
    add_relationships(g, {r.key: r for r in knows}.values())
    return g, ours


async def _nothing() -> list[Relationship]:
    return []


def _is_open(opp: Node) -> bool:
    """As :func:`kamgraph.analysis.accounts.is_open`."""
    stage = opp.get("stage")
    return stage is not None and Stage(stage).is_open


async def best_paths_to(
    store: GraphStore,
    targets: Sequence[str],
    sources: Sequence[str],
    max_hops: int,
    budget: Budget = DEFAULT,
) -> dict[str, InfluencePath | None]:
    """The best influence path (default tie weights) from ``sources`` to each of
    ``targets``: one search per target.

    Each is found by its own exact search (:func:`kamgraph.insights.path_fetch.best_paths`),
    one target after the other (so the reads are the same from run to run), but
    they share their reads: the targets of one account are mostly near one
    another, and a person is read once for all of them. The path a search
    proves best is the answer as it is (its ties are those the whole graph
    has: a search reads every tie of the people it follows), so nothing is
    read or ranked again. ``budget`` bounds every search.
    """
    weights = DEFAULT_TIE_WEIGHTS
    reads = Reads(store, weights)
    best: dict[str, InfluencePath | None] = dict.fromkeys(targets)
    # every search first reads its target: read them all at once
    first = {t for t in targets if any(s != t for s in sources)}
    if first:
        budget.check_time()
        await reads.fetch(first, set(), set())
    for target in targets:
        starts = [s for s in sources if s != target]
        if starts:
            _, paths = await best_paths(
                store, target, starts, max_hops, weights, 1, reads=reads, budget=budget
            )
            best[target] = paths[0] if paths else None
    return best
