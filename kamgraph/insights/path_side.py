"""One side of the influence-path fetch: who is within some cost of its roots.

A side grows from its roots — the target, or the sources — a label-correcting
Dijkstra over ``(cost, hops)`` labels (costs are ``-ln(strength)``, hops at
most ``maxHops - 1``), reading each person's ties when a label of theirs is
reached at most ``radius`` away, and a company's or an interest's members when
a route through it costs at most ``radius``. When :meth:`Side.grow` returns,
every label of cost ``≤ radius`` is known and followed: that is all
:mod:`kamgraph.insights.path_fetch` needs for its proof.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Awaitable, Callable, Iterable

from kamgraph.analysis.search import tie_cost
from kamgraph.analysis.ties import TieIndex, TieWeights
from kamgraph.domain.model import TieKind

_INF = math.inf
PERSON, NOW, PAST, FAN = 0, 1, 2, 3  # what a label is at: a person, or a hub entered by whom
#: How many people's ties reading a hub's members is taken to cost, when choosing a side to grow.
HUB_WEIGHT = 50
#: A read of fewer people than this takes the next in line too, up to :data:`AHEAD` further out.
READ_AHEAD = 24
AHEAD = 0.4

#: (people, companies, interests) to read
Fetch = Callable[[set[str], set[str], set[str]], Awaitable[None]]


class Side:
    """The labels of one side over a shared :class:`TieIndex`."""

    def __init__(
        self,
        index: TieIndex,
        roots: Iterable[str],
        blocked: frozenset[str],
        max_hops: int,
        weights: TieWeights,
        people_done: set[str],
        hubs_done: set[str],
        on_settle: Callable[[str], None],
        search_settled: set[str] | None = None,
        search_hubs: set[str] | None = None,
    ) -> None:
        """``people_done`` and ``hubs_done`` are what has been read (perhaps by other
        searches too); ``search_settled`` and ``search_hubs``, the people and hubs
        this search (both its sides) has followed: :meth:`pending` counts the work
        of a growth by those (by default, by what is read)."""
        self.index = index
        self.blocked = blocked  # never on a path between the roots and the other end
        self.max_hops = max_hops
        self.radius = -_INF
        self.settled: set[str] = set()  # people whose ties this side followed
        self._people_done = people_done
        self._hubs_done = hubs_done
        self._on_settle = on_settle
        self._search_settled = people_done if search_settled is None else search_settled
        self._search_hubs = hubs_done if search_hubs is None else search_hubs
        #: (what, id) -> the (cost, hops) labels no other label beats on both
        self.labels: dict[tuple[int, str], list[tuple[float, int]]] = {}
        self._heap: list[tuple[float, int, int, str, float]] = []  # key, hops, what, id, cost
        self._c_col = tie_cost(weights[TieKind.COLLEAGUE])
        self._c_for = tie_cost(weights[TieKind.FORMER_COLLEAGUE])
        self._c_int = tie_cost(weights[TieKind.SHARED_INTEREST])
        # labelled when first needed: the sources' side (our team: a thousand
        # people) often never grows, and labelling them would cost more than the search
        self._roots: list[str] | None = list(roots)

    def _start(self) -> None:
        if self._roots is not None:
            roots, self._roots = self._roots, None
            for root in roots:
                self._push(PERSON, root, 0.0, 0, 0.0)

    @property
    def exhausted(self) -> bool:
        """Everything within reach is known."""
        if self._roots is not None:
            return not self._roots
        return not self._heap

    @property
    def next_key(self) -> float:
        if self._roots:
            return 0.0
        return self._heap[0][0] if self._heap else _INF

    def pending(self, upto: float) -> int:
        """About how much growing to ``upto`` reads: people, and hubs at :data:`HUB_WEIGHT` each."""
        done_people, done_hubs = self._search_settled, self._search_hubs
        if self._roots is not None:  # not started: only the roots are known, at 0
            return len({r for r in self._roots if r not in done_people}) if upto >= 0 else 0
        people: set[str] = set()
        hubs: set[str] = set()
        for key, _, what, node, _ in self._heap:
            if key <= upto:
                if what == PERSON and node not in done_people:
                    people.add(node)
                elif what != PERSON and node not in done_hubs:
                    hubs.add(node)
        return len(people) + HUB_WEIGHT * len(hubs)

    # -- labels ----------------------------------------------------------------

    def _push(self, what: int, node: str, cost: float, hops: int, key: float) -> None:
        if key == _INF:
            return
        labels = self.labels.get((what, node))
        if labels is None:  # the common case: a first label
            self.labels[what, node] = [(cost, hops)]
        else:
            for c, h in labels:
                if c <= cost and h <= hops:
                    return
            labels[:] = [(c, h) for c, h in labels if not (cost <= c and hops <= h)]
            labels.append((cost, hops))
        heapq.heappush(self._heap, (key, hops, what, node, cost))

    def _live(self, what: int, node: str, cost: float, hops: int) -> bool:
        return (cost, hops) in self.labels.get((what, node), ())

    # -- growth ----------------------------------------------------------------

    async def grow(self, radius: float, fetch: Fetch) -> None:
        """Know every person and hub whose route to a root costs at most ``radius``."""
        self._start()
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
                if what == PERSON:
                    if node not in self._people_done:
                        people.add(node)
                        waiting.append(entry)
                    else:
                        self._from_person(node, cost, hops)
                elif node not in self._hubs_done:
                    (interests if what == FAN else companies).add(node)
                    waiting.append(entry)
                else:
                    self._from_hub(what, node, cost, hops)
            if not waiting:
                return
            if len(people) < READ_AHEAD:
                self._read_ahead(people, radius)
            await fetch(people, companies, interests)
            for entry in waiting:
                heapq.heappush(self._heap, entry)

    def _read_ahead(self, people: set[str], radius: float) -> None:
        """Add to a small read the people next in line (up to :data:`READ_AHEAD`,
        at most :data:`AHEAD` beyond ``radius``): a round trip costs about as much
        as reading a few dozen people, and a later wave would read them. (Reading
        more is always safe: what is read is complete, whoever asked for it.)"""
        upto = radius + AHEAD
        for key, _, what, node, _ in heapq.nsmallest(4 * READ_AHEAD, self._heap):
            if key > upto or len(people) >= READ_AHEAD:
                break
            if what == PERSON and node not in self._people_done:
                people.add(node)

    def _from_person(self, person: str, cost: float, hops: int) -> None:
        if person not in self.settled:
            self.settled.add(person)
            self._on_settle(person)
        index = self.index
        if hops < self.max_hops - 1:
            blocked = self.blocked
            for other, tie in index.direct.get(person, {}).items():
                if other not in blocked:
                    c = cost - math.log(tie.strength)
                    self._push(PERSON, other, c, hops + 1, c)
        for company, current in index.jobs.get(person, ()):
            if current:
                self._push(NOW, company, cost, hops, cost + min(self._c_col, self._c_for))
            else:
                self._push(PAST, company, cost, hops, cost + self._c_for)
        for interest in index.likes.get(person, ()):
            self._push(FAN, interest, cost, hops, cost + self._c_int)

    def _from_hub(self, what: int, hub: str, cost: float, hops: int) -> None:
        self._search_hubs.add(hub)
        if hops + 1 > self.max_hops - 1:
            return
        if what == FAN:
            self._reach(self.index.fans.get(hub, ()), cost + self._c_int, hops + 1)
            return
        current, former = self.index.staff.get(hub, ([], []))
        self._reach(current, cost + (self._c_col if what == NOW else self._c_for), hops + 1)
        self._reach(former, cost + self._c_for, hops + 1)

    def _reach(self, people: Iterable[str], cost: float, hops: int) -> None:
        blocked = self.blocked
        for person in people:
            if person not in blocked:
                self._push(PERSON, person, cost, hops, cost)
