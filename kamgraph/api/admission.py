"""How many requests run at once: a cost-weighted gate for all, a cap per key.

- :class:`Admission` lets GraphQL operations run while the sum of their costs
  (the estimate of :mod:`kamgraph.api.limits`, at least 1) stays within
  ``max_inflight_cost``; the others wait, in order of arrival, within their own
  timeout. What runs at once, and so the memory it holds, is bounded whatever
  the number of clients. While operations wait, :attr:`Admission.overloaded`
  is true and ``/readyz`` answers 503 so that a load balancer sends new work
  elsewhere.
- :class:`KeyQuota` caps the requests one API key (the actor; ``anonymous`` in
  dev mode) has in flight at ``max_requests_per_key``: one more is answered at
  once with HTTP 429 (``RATE_LIMITED``, ``Retry-After: 1``), so one key cannot
  occupy every worker.
"""

from __future__ import annotations

import asyncio
from collections import Counter


class Admission:
    """A weighted semaphore over operation costs (see module doc).

    >>> async def demo():
    ...     gate = Admission(10)
    ...     await gate.acquire(8)
    ...     waiter = asyncio.create_task(gate.acquire(5))
    ...     await asyncio.sleep(0)
    ...     busy = gate.overloaded
    ...     await gate.release(8)
    ...     await waiter
    ...     return busy, gate.used
    >>> asyncio.run(demo())
    (True, 5)
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = max(1, capacity)
        self.used = 0
        self.waiting = 0
        self._cond = asyncio.Condition()

    def weight(self, cost: int) -> int:
        return min(max(1, cost), self.capacity)

    async def acquire(self, cost: int) -> int:
        """Wait until ``cost`` fits; returns the weight taken (give it to :meth:`release`)."""
        w = self.weight(cost)
        async with self._cond:
            if self.used + w > self.capacity or self.waiting:
                self.waiting += 1
                try:
                    await self._cond.wait_for(lambda: self.used + w <= self.capacity)
                finally:
                    self.waiting -= 1
            self.used += w
        return w

    async def release(self, weight: int) -> None:
        async with self._cond:
            self.used -= weight
            self._cond.notify_all()

    @property
    def overloaded(self) -> bool:
        """Whether operations are waiting for room."""
        return self.waiting > 0


class KeyQuota:
    """Requests in flight per key, capped (see module doc).

    >>> q = KeyQuota(2)
    >>> q.enter("ci"), q.enter("ci"), q.enter("ci"), q.enter("ops")
    (True, True, False, True)
    >>> q.leave("ci"); q.enter("ci")
    True
    """

    def __init__(self, per_key: int) -> None:
        self.per_key = per_key
        self._running: Counter[str] = Counter()

    def enter(self, key: str) -> bool:
        if self._running[key] >= self.per_key:
            return False
        self._running[key] += 1
        return True

    def leave(self, key: str) -> None:
        self._running[key] -= 1
        if self._running[key] <= 0:
            del self._running[key]
