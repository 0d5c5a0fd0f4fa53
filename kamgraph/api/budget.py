"""What one request may spend while it runs: time and result size.

The cost limit (:mod:`kamgraph.api.limits`) is an estimate made before anything
runs; a :class:`RequestBudget` holds the request to its limits while it runs:

- **time**: the request's deadline (``timeout_seconds`` after it arrived). An
  ``await`` past it is cancelled by :class:`~kamgraph.api.limits.LimitsMiddleware`;
  work that does not await (completing thousands of already-read objects) is
  stopped by the checks here, made every time a list is served.
- **size**: ``max_result_items``, the number of items the request's lists may
  hold in all (every acquaintance, report, interest ... served to any parent
  counts). The request stops when it would pass it, not after building it.
- **fairness**: every ``YIELD_EVERY`` items the request lets the event loop run
  other requests (and ``/healthz``) before it goes on.

Running past a limit raises a :class:`RequestAborted` and marks the budget
spent: every later charge raises again at once, so the executor's own error
handling unwinds what is under way (each started completion settled, as for
any field error) without building the rest; once execution returns, the GraphQL
endpoint raises :attr:`RequestBudget.aborted` instead of answering, and
:class:`~kamgraph.api.limits.LimitsMiddleware` answers it with its status.
"""

from __future__ import annotations

import asyncio
import time

from kamgraph.domain.errors import KamgraphError

#: items served between two pauses that let other requests run
YIELD_EVERY = 2_000


class RequestAborted(KamgraphError):
    """The request went past one of its limits and stops at once."""

    status = 500
    code = "INTERNAL"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DeadlineExceeded(RequestAborted):
    status = 504
    code = "TIMEOUT"


class ResultTooLarge(RequestAborted):
    status = 400
    code = "RESULT_TOO_LARGE"


class RequestBudget:
    """The deadline and the result-size allowance of one request (see module doc).

    >>> b = RequestBudget(deadline=None, max_items=3)
    >>> b.charge(3)
    >>> try:
    ...     b.charge(1)
    ... except ResultTooLarge as stop:
    ...     print(stop.code, stop.status)
    RESULT_TOO_LARGE 400
    """

    def __init__(self, deadline: float | None, max_items: int, timeout: float | None = None) -> None:
        self.deadline = deadline
        self.max_items = max_items
        self.timeout = timeout
        self.items = 0
        self._paused_at = 0
        #: the limit the request ran past, once it has (it then stops)
        self.aborted: RequestAborted | None = None

    @classmethod
    def starting_now(cls, timeout: float, max_items: int) -> RequestBudget:
        return cls(time.monotonic() + timeout, max_items, timeout)

    def check_time(self) -> None:
        """Raise :class:`DeadlineExceeded` once the deadline has passed."""
        if self.aborted is not None:
            raise self.aborted.with_traceback(None)
        if self.deadline is not None and time.monotonic() > self.deadline:
            after = "" if self.timeout is None else f" than {self.timeout:g} s"
            self.aborted = DeadlineExceeded(f"The request took longer{after} and was cancelled")
            raise self.aborted

    def charge(self, items: int) -> None:
        """Count ``items`` more served; stop the request past its limits."""
        self.items += items
        if self.items > self.max_items and self.aborted is None:
            self.aborted = ResultTooLarge(
                f"The result would hold more than {self.max_items} items; ask for fewer (first) or nest less"
            )
        self.check_time()

    @property
    def pause_due(self) -> bool:
        """Whether the request should let others run before it serves more."""
        return self.items - self._paused_at >= YIELD_EVERY

    async def pause(self) -> None:
        """Let the event loop run everything else that is ready, once."""
        self._paused_at = self.items
        await asyncio.sleep(0)
        self.check_time()
