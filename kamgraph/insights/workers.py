"""Where the analyses' CPU-bound work runs: worker threads, off the event loop.

A search run here keeps a core busy without stalling other requests, health
checks or the request timeout. It stops by itself when its
:class:`~kamgraph.analysis.budget.Budget` runs out (nothing can stop a thread
from outside), and :func:`running` counts the searches still at work: right
after a request has failed or timed out, none of its searches is left.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_lock = threading.Lock()
_running = 0


def running() -> int:
    """How many analyses are running in worker threads right now."""
    return _running


async def run(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` in a worker thread, counted by :func:`running` until it returns
    (or raises), whether or not the caller is still waiting for it."""

    def counted() -> T:
        global _running
        with _lock:
            _running += 1
        try:
            return fn(*args, **kwargs)
        finally:
            with _lock:
                _running -= 1

    return await asyncio.to_thread(counted)
