"""The fetch of influence paths: balls around the target and around the
sources, grown by cost until the answer is known (docs/domain.md, "Influence
paths"; costs are ``-ln(strength)``).

Each side (:mod:`kamgraph.insights.path_side`) knows every person whose cheapest
route to its end — the target, or any source — costs at most its radius
(``r_t``, ``r_s``) in at most ``maxHops - 1`` ties: their ties were read, and
the members of every company or interest through which such a route passes.

Why it is exact. Take a path ``s = p0 … pn = target`` of cost ``C``; ``a_i``
is the cost of its part up to ``p_i``, ``b_i = C − a_i`` of the rest.

- With the sources' side grown (``r_s ≥ 0``): if ``C ≤ r_s + r_t``, every
  ``p_i`` has ``a_i ≤ r_s`` or ``b_i ≤ r_t``, so it is settled on one side.
  The ties of settled people, and the companies and interests they belong to,
  are all read: the strongest tie of every hop is known.
- Without it: if ``C ≤ r_t``, every ``p_i+1`` is settled on the target's side
  (``b_i+1 ≤ r_t``) and a hub carrying the hop ``(p_i, p_i+1)`` was reached at
  ``b_i+1 + cost(hop) ≤ r_t``, so its members, the source among them, are read.

Either way every hop of every path of cost at most ``R`` (``r_s + r_t``, or
``r_t``) is known with its strongest tie, and a path that is not costs more
than ``R``; a tie not read can only be missing, never too strong. The search
then runs on what is known, best-first under the target side's labels as the
bound (the least cost to the target in the hops left, or ``r_t`` where that
side knows nothing cheaper). The complete paths it takes off the queue at a
cost below ``R`` (by a margin that covers the 9-decimal rounding of the
ranking) are exactly the best of the whole graph; once it has ``limit`` of
them the answer is proven, else one side grows: the one that reads less for
its next step. A default request (our team, a thousand people) mostly grows
the target's side only: the team's ties into it are known from the target's
side, so the team costs nothing to read; one source grows both.

Radii grow in small steps (or straight to what the paths already found need),
so a target with strong ties reads a few dozen people, and big hubs (an
interest shared by tens of thousands, weight 0.1) are read only when no
better path exists. Nothing depends on how many people are out of reach.

This needs every cost ≥ 0, i.e. no weight above 1; the caller falls back to the
hop-bounded fetch of :mod:`kamgraph.insights.neighbourhood` otherwise.

The fetch reads :meth:`~kamgraph.store.protocol.GraphStore.tie_skeleton` (ties
with only their strength and currency: one lean read per step). The result is
the smallest graph that gives the same answer: the relationships of the hops
of the paths found, read again whole (a graph holding only real relationships and
all of the best paths ranks them the same; any other path in it scores no
better than it really does).
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Iterable, Sequence

import networkx as nx

from kamgraph.analysis.budget import DEFAULT, Budget
from kamgraph.analysis.model import build_graph
from kamgraph.analysis.paths import InfluencePath, path_cost, path_of
from kamgraph.analysis.search import CLOSE, best_first, rank_cost, tie_cost
from kamgraph.analysis.ties import TieIndex, TieWeights
from kamgraph.domain.model import End, Node, Relationship, RelationshipKind, TieKind
from kamgraph.insights import workers
from kamgraph.insights.path_side import PERSON, Side
from kamgraph.store.protocol import GraphStore

_K = RelationshipKind
_INF = math.inf
#: A margin well above the ranking's rounding and float error.
_EPS = 1e-7
#: The first radius (cost; 0.4 is a factor 1.5 in score), and the least a side grows by.
FIRST_RADIUS = 0.4
STEP = 0.1


def usable(weights: TieWeights) -> bool:
    """Whether the ball applies: no weight above 1 (so no tie costs less than 0)."""
    return all(w <= 1 for w in weights.values())


def next_radius(radius: float) -> float:
    """Grow by 0.1 in cost (a factor of about 1.1 in score), or an eighth further out."""
    return max(radius, 0.0) + max(STEP, radius / 8)


class Reads:
    """What has been read through ``store``: whose ties, which hubs' members, and
    the index they fill. Several searches of one request (one per target, with the
    same weights) share it, so a person near several targets is read once.

    Whatever it holds is complete for what it says is read (a person's every
    tie, a hub's every member), so it serves any search as well as its own reads.
    """

    def __init__(self, store: GraphStore, weights: TieWeights) -> None:
        self.store = store
        self.weights = weights
        self.index = TieIndex(None, weights)
        self.people: set[str] = set()
        self.hubs: set[str] = set()
        self.relationships_read = 0

    async def fetch(self, people: set[str], companies: set[str], interests: set[str]) -> None:
        ties = await self.store.tie_skeleton(sorted(people), sorted(companies), sorted(interests))
        self.index.add_skeleton(ties)
        self.relationships_read += len(ties)
        self.people |= people
        self.hubs |= companies | interests


class PathBall:
    """The people around ``target`` (and around the sources) within some cost,
    fetched through ``store``."""

    def __init__(
        self,
        store: GraphStore,
        target: str,
        sources: Sequence[str],
        max_hops: int,
        weights: TieWeights,
        pass_through: bool = False,
        reads: Reads | None = None,
        budget: Budget = DEFAULT,
    ) -> None:
        """Paths start at ``sources`` and (unless ``pass_through``) pass through no
        other source; ``reads`` shares what other searches with the same
        ``weights`` read (by default this search reads alone); ``budget`` is
        checked before every read and by every search."""
        if reads is None:
            reads = Reads(store, weights)
        elif reads.weights != weights:
            raise ValueError("shared reads are for searches with the same tie weights")
        self.store = store
        self.target = target
        self.starts = frozenset(sources) - {target}
        self.blocked = frozenset() if pass_through else self.starts
        self.max_hops = max_hops
        self.reads = reads
        self.budget = budget
        self.index = reads.index
        self._read_before = reads.relationships_read
        self._people_done = reads.people
        self._hubs_done = reads.hubs
        self._settled: set[str] = set()  # people whose ties either side followed
        self._hubs_reached: set[str] = set()  # hubs whose members either side reached
        self._hub_settled: dict[str, list[str]] = {}  # hub -> its settled members (not blocked)
        self._hub_starts: dict[str, list[str]] = {}  # hub read -> its members among the sources
        # the cost of the strongest tie between two settled people: final once both are
        self._tie_costs: dict[tuple[str, str], float] = {}
        # each side plans its growth by what THIS search has followed (what other
        # searches read is free to read, not to follow)
        self.to_target = Side(
            self.index, [target], self.blocked, max_hops, weights,
            self._people_done, self._hubs_done, self._settle, self._settled, self._hubs_reached,
        )
        self.from_sources = Side(
            self.index, sorted(self.starts), frozenset({target}), max_hops, weights,
            self._people_done, self._hubs_done, self._settle, self._settled, self._hubs_reached,
        )

    @property
    def sources_grown(self) -> bool:
        return self.from_sources.radius >= 0

    @property
    def exhausted(self) -> bool:
        """Everything within reach of one end is known."""
        return self.to_target.exhausted or (self.sources_grown and self.from_sources.exhausted)

    @property
    def reach(self) -> float:
        """``R``: every path of at most this cost is known (see the module's docstring)."""
        if self.exhausted:
            return _INF
        return self.to_target.radius + (self.from_sources.radius if self.sources_grown else 0.0)

    async def grow(self, side: Side, radius: float) -> None:
        await side.grow(radius, self._fetch)

    def _settle(self, person: str) -> None:
        if person in self._settled:
            return
        self._settled.add(person)
        if person not in self.blocked:
            for hub in self._hubs_of(person):
                self._hub_settled.setdefault(hub, []).append(person)

    @property
    def relationships_read(self) -> int:
        """How many relationships this search read (not counting what it found already read)."""
        return self.reads.relationships_read - self._read_before

    async def _fetch(self, people: set[str], companies: set[str], interests: set[str]) -> None:
        """Read through :attr:`reads`; a read still running at the deadline is given up."""
        self.budget.check_time()
        try:
            await asyncio.wait_for(self.reads.fetch(people, companies, interests), self.budget.remaining())
        except TimeoutError:
            self.budget.check_time()
            raise

    def _starts_in(self, hub: str) -> list[str]:
        """The members of a hub read, among the sources."""
        found = self._hub_starts.get(hub)
        if found is None:
            current, former = self.index.staff.get(hub, ([], []))
            members = current + former + self.index.fans.get(hub, [])
            found = self._hub_starts[hub] = [p for p in members if p in self.starts]
        return found

    def _hubs_of(self, person: str) -> list[str]:
        return [c for c, _ in self.index.jobs.get(person, ())] + self.index.likes.get(person, [])

    # -- the search ----------------------------------------------------------------

    def _next(self, person: str) -> set[str]:
        """The settled people ``person`` has a known tie with (not the blocked sources)."""
        found = {p for p in self.index.direct.get(person, {}) if p in self._settled}
        for hub in self._hubs_of(person):
            found.update(self._hub_settled.get(hub, ()))
        found.discard(person)
        return found - self.blocked

    def _first_hops(self) -> set[tuple[str, str]]:
        """(source, settled person) pairs with a known tie, seen from the settled side."""
        pairs: set[tuple[str, str]] = set()
        followed = self._hubs_reached
        for person in self._settled:
            for other in self.index.direct.get(person, {}):
                if other in self.starts:
                    pairs.add((other, person))
            for hub in self._hubs_of(person):
                # only the hubs this search reached (not those other searches read:
                # their ties cost more than this search needs, and would only slow it)
                if hub in followed:
                    for other in self._starts_in(hub):
                        pairs.add((other, person))
        return {(s, p) for s, p in pairs if s != p}

    def search(
        self, want: int, each_source: bool, horizon: float = _INF
    ) -> tuple[list[InfluencePath], bool, float]:
        """The best paths on what is known; whether they are proven the best of
        the whole graph: the ``want`` best, or with ``each_source`` the best of
        each source; and, when they are not, the cost that ``R`` needs for a
        proof (paths found up to ``horizon`` show it).

        The search is :func:`kamgraph.analysis.search.best_first` on the settled
        people, bounded by the target side's labels."""
        # beyond the target side's radius its labels say nothing, except when it is exhausted
        cap = _INF if self.to_target.exhausted else self.to_target.radius
        limit = self.reach - _EPS
        horizon = max(horizon, limit)
        starts: list[tuple[tuple[str, ...], float]] = []
        if self.sources_grown:
            starts = [((s,), 0.0) for s in self.starts]
        else:
            for s, p in self._first_hops():
                tie = self.index.tie_between(s, p)
                if tie is not None:
                    starts.append(((s, p), tie_cost(tie.strength)))
        target = self.target
        tie_between = self.index.tie_between
        next_of = self._next
        only_target = (target,)

        def expand(person: str, hops_left: int) -> Iterable[str]:
            # on the last hop only the target will do
            return next_of(person) if hops_left else only_target

        def cost(person: str, other: str) -> float:
            tie = tie_between(person, other)
            return _INF if tie is None else tie_cost(tie.strength)

        side = self.to_target
        labels_of = side.labels
        max_hops = self.max_hops
        known = _INF if side.exhausted else side.radius  # routes up to this cost are all labelled

        def bound(person: str, hops_left: int) -> tuple[float, int] | None:
            """The target side's label (or ``cap``), and the fewest ties at that cost
            (1 where the side may not know every route that cheap yet)."""
            if hops_left >= max_hops:  # a source: the target's side labels only maxHops - 1 ties
                return 0.0, 1
            if person == target:
                return 0.0, 0
            labels = labels_of.get((PERSON, person))
            if labels is not None and len(labels) == 1:  # the common case
                c, h = labels[0]
                if h <= hops_left and c < cap:
                    return c, (h if c + CLOSE <= known else 1)
                return None if cap == _INF else (cap, 1)
            best = cap
            if labels:
                for c, h in labels:
                    if h <= hops_left and c < best:
                        best = c
            if best == _INF:
                return None
            fewest = 1
            upto = best + CLOSE
            if labels and upto <= known:
                fewest = max_hops
                for c, h in labels:
                    if h < fewest and h <= hops_left and c <= upto:
                        fewest = h
            return best, fewest

        found: list[tuple[str, ...]] = []
        best_of: dict[str, tuple[str, ...]] = {}
        search = best_first(
            target, starts, self.max_hops, expand, cost, bound, horizon=horizon,
            skip=best_of if each_source else frozenset(), costs=self._tie_costs, budget=self.budget,
        )
        for _, people, _ in search:
            if each_source:
                best_of.setdefault(people[0], people)
                if len(best_of) == len(self.starts):
                    break
            else:
                found.append(people)
                if len(found) == want:
                    break
        if each_source:
            paths = [path_of(self.index, best_of[s]) for s in sorted(best_of)]
            complete = len(best_of) == len(self.starts)
        else:
            paths = [path_of(self.index, p) for p in found]
            complete = len(found) >= want
        need = max((rank_cost(path_cost(p)) for p in paths), default=_INF) if complete else _INF
        return paths, self.exhausted or need <= limit, need

    # -- the answer --------------------------------------------------------------

    async def graph(self, paths: Sequence[InfluencePath], nodes: Sequence[Node] = ()) -> nx.MultiDiGraph:
        """The relationships of every hop of ``paths`` (with ``nodes``), read again
        whole (the fetch read only what ties are made of)."""
        wanted: dict[RelationshipKind, set[tuple[str, str]]] = {}
        for path in paths:
            for step in path.steps:
                for kind, a, b in _hop(step.from_id, step.to_id, step.tie, step.via):
                    wanted.setdefault(kind, set()).add((a, b))
        kinds = sorted(wanted.items(), key=lambda item: item[0].value)
        # one read per kind, made together
        found = await asyncio.gather(
            *(
                self.store.get_relationships(
                    sorted({a for a, _ in pairs}),
                    kind,
                    End.OUT if kind in (_K.WORKS_AT, _K.INTERESTED_IN) else End.BOTH,
                )
                for kind, pairs in kinds
            )
        )
        rels: list[Relationship] = [
            r for (_, pairs), read in zip(kinds, found, strict=True) for rs in read for r in rs
            if (r.from_id, r.to_id) in pairs
        ]
        return build_graph(nodes, rels)


def _hop(a: str, b: str, tie: TieKind, via: str | None) -> list[tuple[RelationshipKind, str, str]]:
    """The keys of the relationships that make the tie ``a — b``."""
    if tie is TieKind.KNOWS:
        return [(_K.KNOWS, a, b), (_K.KNOWS, b, a)]  # held once, in either order
    if tie is TieKind.REPORTS_TO:
        return [(_K.REPORTS_TO, a, b), (_K.REPORTS_TO, b, a)]
    kind = _K.INTERESTED_IN if tie is TieKind.SHARED_INTEREST else _K.WORKS_AT
    return [(kind, a, str(via)), (kind, b, str(via))]


def _plan(ball: PathBall, need: float) -> tuple[Side, float]:
    """The side to grow next, and to what radius: the one that reads less for
    its next step (the target's when equal); never further than ``need`` asks."""
    options: list[tuple[int, int, Side, float]] = []
    for order, side in enumerate((ball.to_target, ball.from_sources)):
        if side.exhausted:
            continue
        if side is ball.from_sources and not ball.sources_grown:
            radius = 0.0  # first read the sources themselves
        else:
            radius = next_radius(side.radius)
            if need < _INF:
                radius = min(radius, side.radius + need + 2 * _EPS - ball.reach)
            radius = max(radius, side.next_key)
        options.append((side.pending(radius), order, side, radius))
    _, _, side, radius = min(options, key=lambda o: (o[0], o[1]))
    return side, radius


async def best_paths(
    store: GraphStore,
    target: str,
    sources: Sequence[str],
    max_hops: int,
    weights: TieWeights,
    limit: int,
    each_source: bool = False,
    reads: Reads | None = None,
    budget: Budget = DEFAULT,
) -> tuple[PathBall, list[InfluencePath]]:
    """The ``limit`` best paths from ``sources`` to ``target`` (with
    ``each_source``: the best path of each source), exactly, and the ball read
    for them. Needs :func:`usable` weights; ``reads`` shares reads between
    searches (see :class:`Reads`). Stops with an
    :class:`~kamgraph.analysis.budget.AnalysisLimitError` when ``budget`` runs out."""
    # searched one by one, a source may be on another source's path
    ball = PathBall(
        store, target, sources, max_hops, weights, pass_through=each_source, reads=reads, budget=budget
    )
    await ball.grow(ball.to_target, FIRST_RADIUS)
    while True:
        reach = ball.reach
        # CPU-bound: off the event loop, so other requests, health checks and the
        # request timeout are served while it runs
        found, proven, need = await workers.run(
            ball.search, limit, each_source, reach + max(STEP, reach / 8)
        )
        if proven:
            return ball, found
        side, radius = _plan(ball, need)
        await ball.grow(side, radius)
