"""The bounded neighbourhoods the analyses read, fetched through a ``GraphStore``.

Each function reads only what its analysis's definition needs — the people
within ``maxHops`` of a target, one account's people and deals, a supply chain
to its depth — with the protocol's batch reads, and returns the graph of
:mod:`kamgraph.analysis.model` the pure analysis runs on. So the cost of a
request follows the size of its neighbourhood, not of the whole graph.

Ids given as arguments are checked here against the store: an id that names
nothing, or a node of the wrong kind, is a :class:`~kamgraph.domain.errors.NotFoundError`
naming the argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from kamgraph.analysis.accounts import is_account
from kamgraph.analysis.budget import DEFAULT, Budget
from kamgraph.analysis.icebreakers import PATH_HOPS
from kamgraph.analysis.model import build_graph, is_current, merge_graphs
from kamgraph.analysis.ties import TieWeights, above, enabled_hub_kinds, knows_strength
from kamgraph.domain.errors import NotFoundError
from kamgraph.domain.model import (
    DEFAULT_TIE_WEIGHTS,
    CompanyFilter,
    Direction,
    End,
    Node,
    NodeKind,
    Relationship,
    RelationshipKey,
    RelationshipKind,
    Stage,
    TieEdges,
    TieKind,
    WinLossGroup,
)
from kamgraph.insights.path_fetch import best_paths, usable
from kamgraph.store.protocol import MAX_PAGE, GraphStore

_K = RelationshipKind


@dataclass
class Collector:
    """Nodes and relationships gathered by one fetch, turned into a graph at the end."""

    nodes: dict[str, Node] = field(default_factory=dict)
    rels: dict[RelationshipKey, Relationship] = field(default_factory=dict)

    def add_nodes(self, nodes: Iterable[Node | None]) -> None:
        for n in nodes:
            if n is not None:
                self.nodes[n.id] = n

    def add_rels(self, rels: Iterable[Relationship]) -> None:
        for r in rels:
            self.rels[r.key] = r

    def add_ties(self, ties: TieEdges) -> None:
        self.add_rels(ties.knows + ties.reports_to + ties.works_at + ties.interested_in)

    def graph(self) -> nx.MultiDiGraph:
        return build_graph(self.nodes.values(), self.rels.values())


async def fetch_rels(
    store: GraphStore, ids: Iterable[str], kind: RelationshipKind, end: End
) -> list[Relationship]:
    keys = sorted(set(ids))
    if not keys:
        return []
    return [r for rs in await store.get_relationships(keys, kind, end) for r in rs]


async def fetch_nodes(store: GraphStore, ids: Iterable[str]) -> list[Node]:
    keys = sorted(set(ids))
    if not keys:
        return []
    return [n for n in await store.get_nodes(keys) if n is not None]


async def require(store: GraphStore, node_id: str, kind: NodeKind, argument: str) -> Node:
    """The node ``node_id`` when it is of ``kind``; else :class:`NotFoundError` on ``argument``."""
    (node,) = await store.get_nodes([node_id])
    if node is None:
        raise NotFoundError(argument, f"no node {node_id!r}")
    if node.kind is not kind:
        raise NotFoundError(argument, f"{node_id!r} is a {node.kind.label}, not a {kind.label.lower()}")
    return node


async def require_people(store: GraphStore, ids: Sequence[str], argument: str) -> list[str]:
    """``ids`` (sorted, distinct) when every one names a person."""
    keys = sorted(set(ids))
    for node_id, node in zip(keys, await store.get_nodes(keys), strict=True):
        if node is None or node.kind is not NodeKind.PERSON:
            what = "no node" if node is None else f"a {node.kind.label}, not a person:"
            raise NotFoundError(argument, f"{what} {node_id!r}")
    return keys


async def require_account(store: GraphStore, account: str, argument: str = "account") -> Node:
    node = await require(store, account, NodeKind.COMPANY, argument)
    if not is_account(build_graph([node]), account):
        raise NotFoundError(argument, f"{account!r} is not an account (home, or no tier or status)")
    return node



# -- influence paths -----------------------------------------------------------


async def staff_of(store: GraphStore, company: str) -> list[Relationship]:
    """The WORKS_AT of a company's people (our team: a thousand or more), with only
    ``current``: the lean tie read, not every property of every one."""
    ties = await store.tie_skeleton([], [company], [])
    return [
        Relationship(RelationshipKind.WORKS_AT, p, c, {"current": now})
        for p, c, now in ties.works_at
        if c == company
    ]


async def team_ids(store: GraphStore) -> list[str]:
    """Our team: the ids of the people currently at the home company."""
    home = await store.home_company()
    if home is None:
        return []
    return sorted({r.from_id for r in await staff_of(store, home.id) if r.props["current"]})


async def path_neighbourhood(
    store: GraphStore,
    target: str,
    sources: Sequence[str],
    max_hops: int,
    weights: TieWeights,
    floor: float = 0.0,
    budget: Budget = DEFAULT,
) -> nx.MultiDiGraph:
    """Every tie on any path of at most ``max_hops`` ties from ``sources`` to ``target``.

    A bidirectional breadth-first search in tie hops: each round expands the
    smaller frontier (fetching its people's ties and the members of their
    companies and interests) until the two radii add up to ``max_hops``. Every
    tie of such a path then has an end that was expanded, so the strongest tie
    of each of its hops is known. With a ``floor``, only ties stronger than it
    are followed.
    """
    col = Collector()
    sides = [{target: 0}, {s: 0 for s in sources if s != target}]  # target first on equal frontiers
    frontiers = [[target], sorted(sides[1])]
    radius = [0, 0]
    # a side whose frontier runs dry has expanded everyone it can reach: nothing more is needed
    while radius[0] + radius[1] < max_hops and frontiers[0] and frontiers[1]:
        i = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        budget.check_time()
        found = await _expand(store, frontiers[i], weights, col, floor)
        radius[i] += 1
        seen = sides[i]
        frontiers[i] = sorted(p for p in found if p not in seen)
        for p in frontiers[i]:
            seen[p] = radius[i]
    return col.graph()


async def _expand(
    store: GraphStore, people: list[str], weights: TieWeights, col: Collector, floor: float
) -> set[str]:
    """Fetch the ties of ``people``; return the people they have an enabled tie
    (stronger than ``floor``) with."""
    weights = above(weights, floor)
    ties = await store.person_ties(people)
    col.add_ties(ties)
    mine = set(people)
    found: set[str] = set()
    if weights[TieKind.KNOWS] > 0:
        for r in ties.knows:
            if weights[TieKind.KNOWS] * knows_strength(r.props) > floor:
                found.update((r.from_id, r.to_id))
    if weights[TieKind.REPORTS_TO] > 0:
        for r in ties.reports_to:
            found.update((r.from_id, r.to_id))
    companies_on, interests_on = enabled_hub_kinds(weights)
    jobs = [r for r in ties.works_at if r.from_id in mine] if companies_on else []
    likes = [r for r in ties.interested_in if r.from_id in mine] if interests_on else []
    if not jobs and not likes:
        return found
    members = await store.hub_members(sorted({r.to_id for r in jobs}), sorted({r.to_id for r in likes}))
    col.add_ties(members)
    colleague_on = weights[TieKind.COLLEAGUE] > 0
    former_on = weights[TieKind.FORMER_COLLEAGUE] > 0
    now = {r.to_id for r in jobs if is_current(r.props)}  # companies one of them is at
    ever = {r.to_id for r in jobs}
    left = {r.to_id for r in jobs if not is_current(r.props)}  # companies one of them has left
    for r in members.works_at:
        if r.to_id not in ever:
            continue
        if is_current(r.props):
            tied = (colleague_on and r.to_id in now) or (former_on and r.to_id in left)
        else:
            tied = former_on
        if tied:
            found.add(r.from_id)
    found.update(r.from_id for r in members.interested_in)
    return found


async def best_paths_neighbourhood(
    store: GraphStore,
    target: str,
    sources: Sequence[str],
    max_hops: int,
    weights: TieWeights,
    limit: int,
    each_source: bool = False,
    budget: Budget = DEFAULT,
) -> nx.MultiDiGraph:
    """A graph in which the ``limit`` best paths to ``target`` (with
    ``each_source``: the best path from each source) are exactly those of the whole graph.

    With no weight above 1, the cost-bounded ball of :mod:`kamgraph.insights.path_fetch`:
    the graph holds just the relationships of the best paths. Otherwise (some
    ties stronger than certain), every tie within ``max_hops`` of both ends.
    """
    if not usable(weights):
        return await path_neighbourhood(store, target, sources, max_hops, weights, budget=budget)
    ball, found = await best_paths(
        store, target, sources, max_hops, weights, limit, each_source, budget=budget
    )
    return await ball.graph(found)


async def influence_graph(
    store: GraphStore,
    target: str,
    sources: Sequence[str] | None,
    max_hops: int,
    weights: TieWeights,
    limit: int,
    target_argument: str = "to",
    budget: Budget = DEFAULT,
) -> tuple[nx.MultiDiGraph, list[str]]:
    """The neighbourhood of an influence-paths request and its sources (default our team)."""
    await require(store, target, NodeKind.PERSON, target_argument)
    starts = await team_ids(store) if sources is None else await require_people(store, sources, "from")
    starts = [s for s in starts if s != target]
    if not starts:
        return build_graph([]), []
    g = await best_paths_neighbourhood(store, target, starts, max_hops, weights, limit, budget=budget)
    return g, starts


# -- accounts --------------------------------------------------------------------


async def account_neighbourhood(
    store: GraphStore, accounts: Sequence[str], col: Collector, *, deals: bool = True
) -> None:
    """Into ``col``: the accounts' current people with their ties, the WORKS_AT of
    everyone they know (to tell our team), the home company, and (with ``deals``)
    the opportunities that target the accounts with their INFLUENCES."""
    col.add_nodes(await fetch_nodes(store, accounts))
    home = await store.home_company()
    col.add_nodes([home])
    staff = await fetch_rels(store, accounts, _K.WORKS_AT, End.IN)
    col.add_rels(staff)
    people = sorted({r.from_id for r in staff if is_current(r.props)})
    col.add_nodes(await fetch_nodes(store, people))
    if people:
        ties = await store.person_ties(people)
        col.add_ties(ties)
        staff_ids = set(people)
        known = {r.other(p) for r in ties.knows for p in (r.from_id, r.to_id) if p in staff_ids}
        col.add_rels(await fetch_rels(store, known, _K.WORKS_AT, End.OUT))
    if deals:
        targets = await fetch_rels(store, accounts, _K.TARGETS, End.IN)
        col.add_rels(targets)
        opps = sorted({r.from_id for r in targets})
        col.add_nodes(await fetch_nodes(store, opps))
        col.add_rels(await fetch_rels(store, opps, _K.INFLUENCES, End.IN))
        influencers = {r.from_id for r in col.rels.values() if r.kind is _K.INFLUENCES}
        col.add_nodes(await fetch_nodes(store, influencers))



async def influencers_graph(store: GraphStore, account: str) -> nx.MultiDiGraph:
    """What key influencers read: the account's current people and their ties,
    and its opportunities with their INFLUENCES (the buying roles)."""
    await require_account(store, account)
    col = Collector()
    await account_neighbourhood(store, [account], col)
    return col.graph()


async def icebreakers_graph(
    store: GraphStore, target: str, sources: Sequence[str] | None, budget: Budget = DEFAULT
) -> tuple[nx.MultiDiGraph, list[str]]:
    """What icebreakers read: the target's interests and their fans among the
    sources, and the path neighbourhood from those fans to the target."""

    await require(store, target, NodeKind.PERSON, "target")
    starts = await team_ids(store) if sources is None else await require_people(store, sources, "from")
    col = Collector()
    col.add_ties(await store.person_ties([target]))
    interests = sorted({r.to_id for r in col.rels.values() if r.kind is _K.INTERESTED_IN})
    fans = (await store.hub_members([], interests)).interested_in if interests else []
    wanted = set(starts) - {target}
    col.add_rels(r for r in fans if r.from_id in wanted)
    sharing = sorted({r.from_id for r in fans if r.from_id in wanted})
    g = col.graph()
    if sharing:
        paths = await best_paths_neighbourhood(
            store, target, sharing, PATH_HOPS, DEFAULT_TIE_WEIGHTS, 1, each_source=True, budget=budget
        )
        g = merge_graphs(g, paths)
    return g, starts


async def all_accounts(store: GraphStore, filter: CompanyFilter | None = None) -> list[Node]:
    """Every account (matching ``filter``), page by page."""
    f = filter or CompanyFilter(accounts_only=True)
    found: list[Node] = []
    after: str | None = None
    while True:
        page = await store.list_companies(f, MAX_PAGE, after)
        found += page.items
        if not page.has_next or not page.items:
            return found
        after = page.end_cursor



async def competition_graph(store: GraphStore, account: str) -> nx.MultiDiGraph:
    """What the competitive landscape reads: the account's usage and deals, the
    competitors, and every opportunity against the competitors in its deals."""
    node = await require_account(store, account)
    col = Collector()
    col.add_nodes([node])
    await _competitors(store, col)
    await _usage(store, [account], col)
    targets = await fetch_rels(store, [account], _K.TARGETS, End.IN)
    col.add_rels(targets)
    opps = {r.from_id for r in targets}
    against = await fetch_rels(store, opps, _K.AGAINST, End.OUT)
    col.add_rels(against)
    rivals = {r.to_id for r in against}
    all_against = await fetch_rels(store, rivals, _K.AGAINST, End.IN)
    col.add_rels(all_against)
    col.add_nodes(await fetch_nodes(store, opps | rivals | {r.from_id for r in all_against}))
    return col.graph()


async def _competitors(store: GraphStore, col: Collector) -> None:
    home = await store.home_company()
    if home is not None:
        col.add_nodes([home])
        col.add_rels(await fetch_rels(store, [home.id], _K.COMPETES_WITH, End.BOTH))


async def _usage(store: GraphStore, companies: Iterable[str], col: Collector) -> None:
    """The companies' USES and the OFFERS of the products they use."""
    uses = await fetch_rels(store, companies, _K.USES, End.OUT)
    col.add_rels(uses)
    col.add_rels(await fetch_rels(store, {r.to_id for r in uses}, _K.OFFERS, End.IN))


async def supply_graph(store: GraphStore, company: str, direction: Direction, depth: int) -> nx.MultiDiGraph:
    """What the supply chain reads: SUPPLIES to ``depth`` each way asked, every
    SUPPLIES into the companies reached, their usage, and the competitors."""
    col = Collector()
    col.add_nodes([await require(store, company, NodeKind.COMPANY, "company")])
    reached = {company}
    for end, far in ((End.IN, "from_id"), (End.OUT, "to_id")):
        if direction is (Direction.DOWNSTREAM if end is End.IN else Direction.UPSTREAM):
            continue
        seen, frontier = {company}, [company]
        for _ in range(depth):
            links = await fetch_rels(store, frontier, _K.SUPPLIES, end)
            col.add_rels(links)
            frontier = sorted({getattr(r, far) for r in links} - seen)
            seen.update(frontier)
        reached |= seen
    col.add_rels(await fetch_rels(store, reached, _K.SUPPLIES, End.IN))
    col.add_nodes(await fetch_nodes(store, reached))
    await _competitors(store, col)
    await _usage(store, reached - {company}, col)
    return col.graph()


async def whitespace_graph(store: GraphStore, account: str, as_of: str | None = None) -> nx.MultiDiGraph:
    """What whitespace reads: our offer, the account's usage (on ``as_of``, an ISO
    date; all when ``None``) and open deals with what they propose, and its
    possible peers with their usage."""
    node = await require_account(store, account)
    col = Collector()
    col.add_nodes([node])
    home = await store.home_company()
    if home is not None:
        col.add_nodes([home])
        col.add_rels(await fetch_rels(store, [home.id], _K.OFFERS, End.OUT))
    targets = await fetch_rels(store, [account], _K.TARGETS, End.IN)
    col.add_rels(targets)
    opps = [o for o in await fetch_nodes(store, {r.from_id for r in targets}) if _is_open(o)]
    col.add_nodes(opps)
    col.add_rels(await fetch_rels(store, [o.id for o in opps], _K.PROPOSES, End.OUT))
    uses = await fetch_rels(store, [account], _K.USES, End.OUT)
    col.add_rels(uses)
    used = [r for r in uses if as_of is None or (r.props.get("since") or as_of) <= as_of]
    if used:
        users = await fetch_rels(store, {r.to_id for r in used}, _K.USES, End.IN)
        candidates = await fetch_nodes(store, {r.from_id for r in users} - {account})
    elif node.get("industry") is not None:
        same = CompanyFilter(industry=node.get("industry"), accounts_only=True)
        candidates = [c for c in await all_accounts(store, same) if c.id != account]
    else:
        candidates = []
    col.add_nodes(candidates)
    col.add_rels(await fetch_rels(store, [c.id for c in candidates], _K.USES, End.OUT))
    return col.graph()


def _is_open(opp: Node) -> bool:
    stage = opp.get("stage")
    return stage is not None and Stage(stage).is_open


async def winloss_graph(store: GraphStore, group: WinLossGroup) -> nx.MultiDiGraph:
    """What win/loss reads: the closed opportunities and what ``group`` keys them by."""
    col = Collector()
    opps = await store.opportunities([Stage.WON, Stage.LOST])
    col.add_nodes(opps)
    ids = [o.id for o in opps]
    if group is WinLossGroup.COMPETITOR:
        col.add_rels(await fetch_rels(store, ids, _K.AGAINST, End.OUT))
    elif group is WinLossGroup.PRODUCT:
        col.add_rels(await fetch_rels(store, ids, _K.PROPOSES, End.OUT))
    else:
        targets = await fetch_rels(store, ids, _K.TARGETS, End.OUT)
        col.add_rels(targets)
        col.add_nodes(await fetch_nodes(store, {r.to_id for r in targets}))
    return col.graph()
