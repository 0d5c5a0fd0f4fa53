"""The fetch of influence paths: a ball around the target, grown by cost until
the answer is known (DOMAIN.md, "Influence paths"; costs are ``-ln(strength)``).

Why it is exact. Grow, from the target, the set of people whose cheapest route
to it costs at most ``r`` in at most ``maxHops - 1`` ties (a label-correcting
Dijkstra over (cost, hops) labels), fetching each such person's ties and, for a
company or an interest, its members once a route through it costs at most
``r``. Take any path ``s = p0 … pn = target`` of cost ``C ≤ r``: for each hop
``(p_i, p_i+1)``, the rest of the path from ``p_i+1`` costs ``b ≤ C − cost(hop)``,
so ``p_i+1`` is in the ball (its direct ties are all known) and a hub carrying
the hop is reached at ``b + cost(hop) ≤ r`` (its members are known). So every
hop of every path of cost ``≤ r`` is known with its strongest tie. A path
searched on what is known never scores better than it really does (a tie not
fetched can only be missing). Hence, when the ``limit``-th best path found
costs less than ``r`` (by a margin that covers the 9-decimal rounding of the
ranking), the paths found are exactly the ``limit`` best of the whole graph:
each of them is fully known, and every path not fully known costs more than
``r``. Sources are never expanded: their hops into the ball are known from
the ball's side, so a team of a thousand costs nothing to read.

The radius starts small and grows in steps (never past what the best paths
found so far already guarantee), so a target with strong ties reads a few
dozen people, and big hubs (an interest shared by tens of thousands, weight
0.1) are read only when no better path exists. Nothing depends on how many
people are out of reach.

This needs every cost ≥ 0, i.e. no weight above 1; the caller falls back to the
hop-bounded fetch of :mod:`kamgraph.graph.neighbourhood` otherwise.

The result is the smallest graph that gives the same answer: the relationships
of the hops of the paths found (a graph holding only real relationships and
all of the best paths ranks them the same; any other path in it scores no
better than it really does).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

import networkx as nx

from kamgraph.analysis.model import build_graph
from kamgraph.analysis.paths import InfluencePath, lower_bounds, path_cost, search, tie_cost
from kamgraph.analysis.ties import TieIndex, TieWeights
from kamgraph.domain import Node, Relationship, RelationshipKind, TieEdges, TieKind
from kamgraph.graph.store import GraphStore

_K = RelationshipKind
_INF = math.inf
#: A margin well above the ranking's rounding (9 decimals) and float error.
_EPS = 1e-7
#: The first radius, and how much it grows per round at most (cost; 0.4 is a factor 1.5 in score).
FIRST_RADIUS = 0.4
STEP = 0.4

_PERSON, _NOW, _PAST, _FAN = 0, 1, 2, 3  # what a label is at: a person, or a hub entered by whom


def usable(weights: TieWeights) -> bool:
    """Whether the ball applies: no weight above 1 (so no tie costs less than 0)."""
    return all(w <= 1 for w in weights.values())


class PathBall:
    """The people around ``target`` within some cost, fetched through ``store``."""

    def __init__(
        self,
        store: GraphStore,
        target: str,
        sources: Sequence[str],
        max_hops: int,
        weights: TieWeights,
    ) -> None:
        """``sources`` are the people no path passes through (they start paths)."""
        self.store = store
        self.target = target
        self.sources = frozenset(sources)
        self.max_hops = max_hops
        self.index = TieIndex(None, weights)
        self.radius = -_INF
        self.relationships_read = 0
        self._rels: dict[tuple[RelationshipKind, str, str], Relationship] = {}
        self._people_done: set[str] = set()
        self._hubs_done: set[str] = set()
        self._labels: dict[tuple[int, str], list[tuple[float, int]]] = {}
        self._heap: list[tuple[float, int, int, str, float]] = []  # key, hops, what, id, cost
        self._c_col = tie_cost(weights[TieKind.COLLEAGUE])
        self._c_for = tie_cost(weights[TieKind.FORMER_COLLEAGUE])
        self._c_int = tie_cost(weights[TieKind.SHARED_INTEREST])
        self._push(_PERSON, target, 0.0, 0, 0.0)

    @property
    def exhausted(self) -> bool:
        """Everything within reach is known."""
        return not self._heap

    @property
    def next_key(self) -> float:
        return self._heap[0][0] if self._heap else _INF

    # -- labels ----------------------------------------------------------------

    def _push(self, what: int, node: str, cost: float, hops: int, key: float) -> None:
        if key == _INF:
            return
        labels = self._labels.setdefault((what, node), [])
        for c, h in labels:
            if c <= cost and h <= hops:
                return
        labels[:] = [(c, h) for c, h in labels if not (cost <= c and hops <= h)]
        labels.append((cost, hops))
        heapq.heappush(self._heap, (key, hops, what, node, cost))

    def _live(self, what: int, node: str, cost: float, hops: int) -> bool:
        return (cost, hops) in self._labels.get((what, node), ())

    def _reach(self, person: str, cost: float, hops: int) -> None:
        if hops <= self.max_hops - 1 and person not in self.sources and person != self.target:
            self._push(_PERSON, person, cost, hops, cost)

    # -- growth ----------------------------------------------------------------

    async def grow(self, radius: float) -> None:
        """Know every person and hub whose route to the target costs at most ``radius``."""
        self.radius = max(self.radius, radius)
        while True:
            people: set[str] = set()
            companies: set[str] = set()
            interests: set[str] = set()
            waiting: list[tuple[float, int, int, str, float]] = []
            while self._heap and self._heap[0][0] <= radius:
                entry = heapq.heappop(self._heap)
                _, hops, what, node, cost = entry
                if not self._live(what, node, cost, hops):
                    continue
                if what == _PERSON:
                    if node not in self._people_done:
                        people.add(node)
                        waiting.append(entry)
                    else:
                        self._from_person(node, cost, hops)
                elif node not in self._hubs_done:
                    (interests if what == _FAN else companies).add(node)
                    waiting.append(entry)
                else:
                    self._from_hub(what, node, cost, hops)
            if not waiting:
                return
            await self._fetch(people, companies, interests)
            for entry in waiting:
                heapq.heappush(self._heap, entry)

    async def _fetch(self, people: set[str], companies: set[str], interests: set[str]) -> None:
        if people:
            self._take(await self.store.person_ties(sorted(people)))
            self._people_done |= people
        if companies or interests:
            self._take(await self.store.hub_members(sorted(companies), sorted(interests)))
            self._hubs_done |= companies | interests

    def _take(self, ties: TieEdges) -> None:
        self.index.add_ties(ties)
        for rels in (ties.knows, ties.reports_to, ties.works_at, ties.interested_in):
            self.relationships_read += len(rels)
            for r in rels:
                self._rels[(r.kind, r.from_id, r.to_id)] = r

    def _from_person(self, person: str, cost: float, hops: int) -> None:
        for other, tie in self.index.direct.get(person, {}).items():
            self._reach(other, cost + tie_cost(tie.strength), hops + 1)
        for company, current in self.index.jobs.get(person, ()):
            if current:
                self._push(_NOW, company, cost, hops, cost + min(self._c_col, self._c_for))
            else:
                self._push(_PAST, company, cost, hops, cost + self._c_for)
        for interest in self.index.likes.get(person, ()):
            self._push(_FAN, interest, cost, hops, cost + self._c_int)

    def _from_hub(self, what: int, hub: str, cost: float, hops: int) -> None:
        if what == _FAN:
            for person in self.index.fans.get(hub, ()):
                self._reach(person, cost + self._c_int, hops + 1)
            return
        current, former = self.index.staff.get(hub, ([], []))
        to_current = self._c_col if what == _NOW else self._c_for
        for person in current:
            self._reach(person, cost + to_current, hops + 1)
        for person in former:
            self._reach(person, cost + self._c_for, hops + 1)

    # -- the answer --------------------------------------------------------------

    def proven(self, found: Sequence[InfluencePath], want: int) -> bool:
        """Whether ``found`` (the best paths on what is known) are the best of the whole graph."""
        if self.exhausted:
            return True
        return len(found) >= want and path_cost(found[-1]) + _EPS <= self.radius

    def graph(self, paths: Sequence[InfluencePath], nodes: Sequence[Node] = ()) -> nx.MultiDiGraph:
        """The relationships of every hop of ``paths`` (with ``nodes``)."""
        rels: list[Relationship] = []
        for path in paths:
            for step in path.steps:
                rels += self._hop(step.from_id, step.to_id, step.tie, step.via)
        return build_graph(nodes, rels)

    def _hop(self, a: str, b: str, tie: TieKind, via: str | None) -> list[Relationship]:
        if tie is TieKind.KNOWS:
            keys = [(_K.KNOWS, a, b), (_K.KNOWS, b, a)]  # held once, in either order
        elif tie is TieKind.REPORTS_TO:
            keys = [(_K.REPORTS_TO, a, b), (_K.REPORTS_TO, b, a)]
        elif tie is TieKind.SHARED_INTEREST:
            keys = [(_K.INTERESTED_IN, a, str(via)), (_K.INTERESTED_IN, b, str(via))]
        else:
            keys = [(_K.WORKS_AT, a, str(via)), (_K.WORKS_AT, b, str(via))]
        return [self._rels[k] for k in keys if k in self._rels]


async def best_paths(
    store: GraphStore,
    target: str,
    sources: Sequence[str],
    max_hops: int,
    weights: TieWeights,
    limit: int,
    each_source: bool = False,
) -> tuple[PathBall, list[InfluencePath]]:
    """The ``limit`` best paths from ``sources`` to ``target`` (with
    ``each_source``: the best path of each source), exactly, and the ball read
    for them. Needs :func:`usable` weights."""
    # searched one by one, a source may be on another source's path
    ball = PathBall(store, target, () if each_source else sources, max_hops, weights)
    radius = FIRST_RADIUS
    while True:
        await ball.grow(radius)
        bounds = lower_bounds(ball.index, target, max_hops)
        if each_source:
            found = []
            done = True
            for s in sorted(set(sources)):
                best = search(ball.index, target, [s], max_hops, 1, bounds)
                found += best
                done = done and ball.proven(best, 1)
            guarantee = max((path_cost(p) for p in found), default=_INF)
            if len(found) < len(set(sources)):
                guarantee = _INF
        else:
            found = search(ball.index, target, sources, max_hops, limit, bounds)
            done = ball.proven(found, limit)
            guarantee = path_cost(found[-1]) if len(found) >= limit else _INF
        if done:
            return ball, found
        radius = max(min(radius + STEP, guarantee + 2 * _EPS), ball.next_key)
