"""How much one analysis may do: a deadline, and a bound on its work.

A search checks its :class:`Budget` as it goes (before it extends each partial
path, and before each read of a fetch), and stops with an
:class:`AnalysisLimitError` when the request's deadline has passed or its work
bound is reached — whatever the tie weights. It stops by itself, in whatever
thread it runs: nothing has to kill it, and its thread is free at once.

The work bound (docs/analyses.md, "Limits of a search"):

- ``max_expanded``: partial paths taken off the queue and extended, at most
  :data:`MAX_EXPANDED` per search;
- ``max_kept``: partial paths waiting on the queue, at most :data:`MAX_KEPT`
  (each holds its people: this bounds the memory a search takes).

>>> import time
>>> Budget(deadline=time.monotonic() - 1).check(0, 0)
Traceback (most recent call last):
...
kamgraph.analysis.budget.AnalysisLimitError: the analysis ran out of time (the request's deadline passed)
>>> Budget().check(100, 100) is None
True
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from kamgraph.domain.errors import KamgraphError

#: Partial paths one search may extend (a default request on 10,000 people extends a few thousand).
MAX_EXPANDED = 300_000
#: Partial paths one search may keep waiting at once.
MAX_KEPT = 400_000


class AnalysisLimitError(KamgraphError):
    """An analysis stopped before its answer: its deadline passed (code ``TIMEOUT``)
    or it reached its work bound (code ``ANALYSIS_TOO_LARGE``)."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Budget:
    """A deadline (a :func:`time.monotonic` instant, or none) and a work bound.

    Parameters
    ----------
    deadline
        When the analysis must have stopped; ``None``: no deadline.
    max_expanded
        How many partial paths one search may extend.
    max_kept
        How many partial paths one search may keep waiting at once.
    """

    deadline: float | None = None
    max_expanded: int = MAX_EXPANDED
    max_kept: int = MAX_KEPT

    @classmethod
    def within(cls, seconds: float | None) -> Budget:
        """A budget whose deadline is ``seconds`` from now (none for ``None``).

        >>> Budget.within(None).deadline is None
        True
        """
        return cls(None if seconds is None else time.monotonic() + seconds)

    def remaining(self) -> float | None:
        """Seconds until the deadline (at least 0), or ``None`` without one."""
        return None if self.deadline is None else max(0.0, self.deadline - time.monotonic())

    def check_time(self) -> None:
        """Raise :class:`AnalysisLimitError` (``TIMEOUT``) when the deadline has passed."""
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise AnalysisLimitError(
                "TIMEOUT", "the analysis ran out of time (the request's deadline passed)"
            )

    def check(self, expanded: int, kept: int) -> None:
        """Raise :class:`AnalysisLimitError` when the deadline has passed (``TIMEOUT``),
        or when ``expanded`` or ``kept`` exceeds its bound (``ANALYSIS_TOO_LARGE``).

        >>> Budget(max_expanded=10).check(11, 0)
        Traceback (most recent call last):
        ...
        kamgraph.analysis.budget.AnalysisLimitError: the search extended more than 10 partial paths; \
ask for fewer hops or lower tie weights
        """
        self.check_time()
        if expanded > self.max_expanded:
            raise AnalysisLimitError(
                "ANALYSIS_TOO_LARGE",
                f"the search extended more than {self.max_expanded} partial paths; "
                "ask for fewer hops or lower tie weights",
            )
        if kept > self.max_kept:
            raise AnalysisLimitError(
                "ANALYSIS_TOO_LARGE",
                f"the search kept more than {self.max_kept} partial paths; "
                "ask for fewer hops or lower tie weights",
            )


#: No deadline, the default work bound.
DEFAULT = Budget()
