"""Counting and timing the store's round trips, for whoever is listening.

Every round trip a store makes (one call of its runner: one transaction, one
auto-commit query, one ping) is reported to the :class:`Meter` of the current
context (:data:`METER`, a :class:`~contextvars.ContextVar`): the app sets its
own meter around everything it serves (its Prometheus metrics and its running
totals), and each GraphQL request a meter of its own that also counts into
the request's :class:`RequestStats`. Tasks started while serving a request
(DataLoader batches, analyses in a thread) inherit the request's context, so
their round trips count for it; code outside any meter is not counted.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from kamgraph.store.metrics import Metrics


@dataclass
class RequestStats:
    """Round trips made (and time spent in the store, rows read) while serving one request."""

    calls: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    #: items the reads answered with (nodes, relationships, ties, entries)
    rows: int = 0

    @property
    def round_trips(self) -> int:
        return sum(self.calls.values())


@dataclass(frozen=True)
class Meter:
    """Where round trips are reported: metrics, running totals, one request's stats."""

    metrics: Metrics | None = None
    #: round trips by store method, over every request this meter (and its copies) saw
    totals: Counter[str] = field(default_factory=Counter)
    stats: RequestStats | None = None

    @property
    def round_trips(self) -> int:
        return sum(self.totals.values())

    def for_request(self, stats: RequestStats) -> Meter:
        """This meter, also counting into ``stats``."""
        return dataclasses.replace(self, stats=stats)

    def record(self, method: str, seconds: float, ok: bool, rows: int) -> None:
        self.totals[method] += 1
        if self.stats is not None:
            self.stats.calls[method] += 1
            self.stats.seconds += seconds
            self.stats.rows += rows
        if self.metrics is not None:
            self.metrics.observe_store(method, seconds, ok)


#: the meter of the running context (``None``: nothing is counted)
METER: ContextVar[Meter | None] = ContextVar("kamgraph_store_meter", default=None)


@contextmanager
def metered(meter: Meter) -> Iterator[Meter]:
    """Report the round trips made inside the ``with`` block to ``meter``."""
    token = METER.set(meter)
    try:
        yield meter
    finally:
        METER.reset(token)


def count_rows(result: object) -> int:
    """How many items an answer holds: the length of a list (of lists: summed),
    the lists of a dataclass (a ``TieSkeleton``, ``TieEdges``) summed; else 0.

    >>> count_rows([[1, 2], [], [3]]), count_rows([None, 4]), count_rows(7)
    (3, 2, 0)
    """
    if isinstance(result, list):
        if result and isinstance(result[0], list):
            return sum(len(item) for item in result)
        return len(result)
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return sum(count_rows(getattr(result, f.name)) for f in dataclasses.fields(result))
    return 0
