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
hop of every path of cost ``≤ r`` is known with its strongest tie, and every
path that is not costs more than ``r``; a tie not fetched can only be missing,
never too strong. The search then runs on what is known, from the sources
into the ball, best-first under the ball's own labels as the bound (the least
cost to the target in the hops left, or ``r`` where the ball knows nothing
cheaper). The complete paths it takes off the queue at a cost below ``r`` (by
a margin that covers the 9-decimal rounding of the ranking) are exactly the
best of the whole graph; once it has ``limit`` of them the answer is proven,
else the radius grows. Sources are never expanded: their ties into the ball
are known from the ball's side, so a team of a thousand costs nothing to read.

The radius starts small and grows in small steps, so a target with strong ties
reads a few dozen people, and big hubs (an interest shared by tens of
thousands, weight 0.1) are read only when no better path exists. Nothing
depends on how many people are out of reach.

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
from kamgraph.analysis.paths import InfluencePath, PathStep, path_cost, tie_cost
from kamgraph.analysis.ties import TieIndex, TieWeights
from kamgraph.domain import Node, Relationship, RelationshipKind, TieEdges, TieKind
from kamgraph.graph.store import GraphStore

_K = RelationshipKind
_INF = math.inf
_DECIMALS = 9  # as the ranking of :mod:`kamgraph.analysis.paths`
#: A margin well above the ranking's rounding and float error.
_EPS = 1e-7
#: The first radius (cost; 0.4 is a factor 1.5 in score), and the least it grows by per round.
FIRST_RADIUS = 0.4
STEP = 0.1

_PERSON, _NOW, _PAST, _FAN = 0, 1, 2, 3  # what a label is at: a person, or a hub entered by whom


def usable(weights: TieWeights) -> bool:
    """Whether the ball applies: no weight above 1 (so no tie costs less than 0)."""
    return all(w <= 1 for w in weights.values())


def _q(cost: float) -> float:
    return round(cost, _DECIMALS)


class PathBall:
    """The people around ``target`` within some cost, fetched through ``store``."""

    def __init__(
        self,
        store: GraphStore,
        target: str,
        sources: Sequence[str],
        max_hops: int,
        weights: TieWeights,
        pass_through: bool = False,
    ) -> None:
        """Paths start at ``sources`` and (unless ``pass_through``) pass through no other source."""
        self.store = store
        self.target = target
        self.starts = frozenset(sources) - {target}
        self.blocked = frozenset() if pass_through else self.starts
        self.max_hops = max_hops
        self.index = TieIndex(None, weights)
        self.radius = -_INF
        self.relationships_read = 0
        self._fetched: list[TieEdges] = []
        self._people_done: set[str] = set()
        self._hubs_done: set[str] = set()
        self._labels: dict[tuple[int, str], list[tuple[float, int]]] = {}
        self._heap: list[tuple[float, int, int, str, float]] = []  # key, hops, what, id, cost
        self._settled: set[str] = set()  # people whose ties were followed
        self._hub_settled: dict[str, list[str]] = {}  # hub -> its settled members
        self._hub_starts: dict[str, list[str]] = {}  # hub read -> its members among the sources
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
        if hops <= self.max_hops - 1 and person not in self.blocked and person != self.target:
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
            for hub in companies | interests:
                current, former = self.index.staff.get(hub, ([], []))
                members = current + former + self.index.fans.get(hub, [])
                self._hub_starts[hub] = [p for p in members if p in self.starts]

    def _take(self, ties: TieEdges) -> None:
        self.index.add_ties(ties)
        self._fetched.append(ties)
        self.relationships_read += sum(
            map(len, (ties.knows, ties.reports_to, ties.works_at, ties.interested_in))
        )

    def _hubs_of(self, person: str) -> list[str]:
        return [c for c, _ in self.index.jobs.get(person, ())] + self.index.likes.get(person, [])

    def _from_person(self, person: str, cost: float, hops: int) -> None:
        if person not in self._settled:
            self._settled.add(person)
            for hub in self._hubs_of(person):
                self._hub_settled.setdefault(hub, []).append(person)
        if hops < self.max_hops - 1:
            blocked, target = self.blocked, self.target
            for other, tie in self.index.direct.get(person, {}).items():
                if other not in blocked and other != target:
                    c = cost - math.log(tie.strength)
                    self._push(_PERSON, other, c, hops + 1, c)
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

    # -- the search ----------------------------------------------------------------

    def _bound(self, person: str, hops_left: int, cap: float) -> float:
        """The least cost from ``person`` to the target in ``hops_left`` ties, or ``cap``."""
        if person == self.target:
            return 0.0
        best = cap
        for c, h in self._labels.get((_PERSON, person), ()):
            if h <= hops_left and c < best:
                best = c
        return best

    def _next(self, person: str) -> set[str]:
        """The settled people ``person`` has a known tie with (through hubs already read)."""
        found = {p for p in self.index.direct.get(person, {}) if p in self._settled}
        for hub in self._hubs_of(person):
            if hub in self._hubs_done:
                found.update(self._hub_settled.get(hub, ()))
        found.discard(person)
        return found

    def _first_hops(self) -> set[tuple[str, str]]:
        """(source, settled person) pairs with a known tie."""
        pairs: set[tuple[str, str]] = set()
        for person in self._settled:
            for other in self.index.direct.get(person, {}):
                if other in self.starts:
                    pairs.add((other, person))
            for hub in self._hubs_of(person):
                for other in self._hub_starts.get(hub, ()):
                    pairs.add((other, person))
        return {(s, p) for s, p in pairs if s != p}

    def search(
        self, want: int, each_source: bool, horizon: float = _INF
    ) -> tuple[list[InfluencePath], bool, float]:
        """The best paths on what is known; whether they are proven the best of
        the whole graph: the ``want`` best (and any tied with the last), or with
        ``each_source`` the best of each source; and, when they are not, the cost
        that a radius needs for a proof (paths found up to ``horizon`` show it)."""
        cap = _INF if self.exhausted else self.radius
        limit = _INF if self.exhausted else self.radius - _EPS
        horizon = max(horizon, limit)
        heap: list[tuple[float, int, tuple[str, ...], float]] = []
        for s, p in self._first_hops():
            tie = self.index.tie_between(s, p)
            bound = self._bound(p, self.max_hops - 1, cap)
            if tie is not None and bound < _INF:
                c = tie_cost(tie.strength)
                heap.append((_q(c + bound), 1, (s, p), c))
        heapq.heapify(heap)
        found: list[tuple[str, ...]] = []
        best_of: dict[str, tuple[str, ...]] = {}
        last_q = _INF
        while heap:
            qf, hops, people, cost = heapq.heappop(heap)
            if qf > horizon or qf > last_q:
                break
            last = people[-1]
            if last == self.target:
                if each_source:
                    best_of.setdefault(people[0], people)
                    if len(best_of) == len(self.starts):
                        break
                else:
                    found.append(people)
                    if len(found) == want:
                        last_q = qf  # go on only for paths tied with this one
                continue
            if each_source and people[0] in best_of:
                continue
            left = self.max_hops - hops - 1
            for other in self._next(last):
                if other in people or (other != self.target and left == 0):
                    continue
                bound = self._bound(other, left, cap)
                tie = self.index.tie_between(last, other)
                if bound == _INF or tie is None:
                    continue
                c = cost + tie_cost(tie.strength)
                heapq.heappush(heap, (_q(c + bound), hops + 1, people + (other,), c))
        if each_source:
            paths = [self._path(best_of[s]) for s in sorted(best_of)]
            complete = len(best_of) == len(self.starts)
        else:
            paths = [self._path(p) for p in found]
            complete = len(found) >= want
        need = max((_q(path_cost(p)) for p in paths), default=_INF) if complete else _INF
        return paths, self.exhausted or need <= limit, need

    def _path(self, people: tuple[str, ...]) -> InfluencePath:
        steps = []
        score = 1.0
        for a, b in zip(people, people[1:], strict=False):
            tie = self.index.tie_between(a, b)
            assert tie is not None
            score *= tie.strength
            steps.append(PathStep(a, b, tie.kind, tie.strength, tie.via))
        return InfluencePath(score, people, tuple(steps))

    # -- the answer --------------------------------------------------------------

    def graph(self, paths: Sequence[InfluencePath], nodes: Sequence[Node] = ()) -> nx.MultiDiGraph:
        """The relationships of every hop of ``paths`` (with ``nodes``)."""
        wanted: dict[RelationshipKind, set[tuple[str, str]]] = {}
        for path in paths:
            for step in path.steps:
                for kind, a, b in _hop(step.from_id, step.to_id, step.tie, step.via):
                    wanted.setdefault(kind, set()).add((a, b))
        rels: list[Relationship] = []
        for ties in self._fetched:
            for kind, batch in (
                (_K.KNOWS, ties.knows),
                (_K.REPORTS_TO, ties.reports_to),
                (_K.WORKS_AT, ties.works_at),
                (_K.INTERESTED_IN, ties.interested_in),
            ):
                pairs = wanted.get(kind)
                if pairs:
                    rels += [r for r in batch if (r.from_id, r.to_id) in pairs]
        return build_graph(nodes, rels)


def _hop(a: str, b: str, tie: TieKind, via: str | None) -> list[tuple[RelationshipKind, str, str]]:
    """The keys of the relationships that make the tie ``a — b``."""
    if tie is TieKind.KNOWS:
        return [(_K.KNOWS, a, b), (_K.KNOWS, b, a)]  # held once, in either order
    if tie is TieKind.REPORTS_TO:
        return [(_K.REPORTS_TO, a, b), (_K.REPORTS_TO, b, a)]
    kind = _K.INTERESTED_IN if tie is TieKind.SHARED_INTEREST else _K.WORKS_AT
    return [(kind, a, str(via)), (kind, b, str(via))]


def next_radius(radius: float) -> float:
    """Grow by 0.1 in cost (a factor of about 1.1 in score), or an eighth further out."""
    return radius + max(STEP, radius / 8)


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
    ``each_source``: the best path of each source), exactly (with any tied
    with the last), and the ball read for them. Needs :func:`usable` weights."""
    # searched one by one, a source may be on another source's path
    ball = PathBall(store, target, sources, max_hops, weights, pass_through=each_source)
    radius = FIRST_RADIUS
    while True:
        await ball.grow(radius)
        found, proven, need = ball.search(limit, each_source, next_radius(radius))
        if proven:
            return ball, found
        radius = max(min(next_radius(radius), need + 2 * _EPS), ball.next_key)
