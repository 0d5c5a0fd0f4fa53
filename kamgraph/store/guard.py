"""Staying up when the store does not: fail fast while it is down, recover by itself.

Every round trip of a store's runner passes :meth:`Guard.call`. The first one
that fails with :class:`~kamgraph.domain.errors.StoreUnavailableError` marks the
store down; from then on every round trip fails at once with the same error
(code ``STORE_UNAVAILABLE``), instead of each request waiting out the driver's
connection timeouts and retries, and ``ping`` (hence ``/readyz``) answers
"unavailable" at once. A background probe pings the store every
``probe_seconds``; the first success marks it up again, and calls go through as
before. Nothing needs a restart: the Neo4j driver reconnects by itself. Calls
already waiting on the store when it is marked down (the driver retrying) are
failed at that moment too.

A store that could not be opened at start-up (Neo4j not reachable yet) is
handed over with :meth:`Guard.open_later`: it is down from the start, and the
probe opens it (schema and constraints included) instead of pinging it, so the
service starts without its store and becomes ready when the store is.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from kamgraph.domain.errors import StoreUnavailableError

log = logging.getLogger("kamgraph.store.guard")

T = TypeVar("T")


def _cancelling() -> bool:
    """Whether the current task itself is being cancelled (not just the call it awaited)."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


class Guard:
    """The availability state of one store (see the module doc)."""

    def __init__(
        self,
        backend: str,
        open_store: Callable[[], Awaitable[None]],
        ping_store: Callable[[], Awaitable[None]],
        probe_seconds: float = 0.5,
    ) -> None:
        self.backend = backend
        self.probe_seconds = probe_seconds
        self.down_since: float | None = None
        self._open_store = open_store
        self._ping_store = ping_store
        self._probe: asyncio.Task[None] | None = None
        self._in_flight: set[asyncio.Future[Any]] = set()
        self._unopened = False

    @property
    def up(self) -> bool:
        return self.down_since is None

    def _unavailable(self) -> StoreUnavailableError:
        assert self.down_since is not None
        return StoreUnavailableError(
            f"the {self.backend} store has been unavailable for {time.monotonic() - self.down_since:.1f} s"
        )

    def mark_down(self, reason: BaseException) -> None:
        if self.down_since is None:
            self.down_since = time.monotonic()
            log.warning(
                "the %s store is unavailable (%s); failing fast until it answers", self.backend, reason
            )
            # calls still waiting on the store (the driver retrying) fail now too
            for call in list(self._in_flight):
                call.cancel()
        if self._probe is None or self._probe.done():
            # in a context of its own: the probe's pings count for no request
            self._probe = asyncio.get_running_loop().create_task(
                self._watch(), context=contextvars.Context()
            )

    async def _watch(self) -> None:
        while self.down_since is not None:
            await asyncio.sleep(self.probe_seconds)
            try:
                if self._unopened:
                    await self._open_store()
                    self._unopened = False
                    log.warning("the %s store is open", self.backend)
                else:
                    await self._ping_store()
            except Exception:  # still down, whatever the reason
                continue
            log.warning(
                "the %s store answers again after %.1f s", self.backend, time.monotonic() - self.down_since
            )
            self.down_since = None

    def open_later(self, reason: BaseException) -> None:
        """The store could not be opened (``reason``): mark it down and let the probe
        open it once it answers. Call it from within the running event loop."""
        self._unopened = True
        self.mark_down(reason)

    async def stop(self) -> None:
        """Stop probing (at shutdown)."""
        probe, self._probe = self._probe, None
        if probe is not None:
            probe.cancel()
            await asyncio.gather(probe, return_exceptions=True)

    async def ping(self) -> None:
        """Ping the store, at once unavailable while it is down."""
        if self.down_since is not None:
            raise self._unavailable()
        try:
            await self._ping_store()
        except StoreUnavailableError as exc:
            self.mark_down(exc)
            raise

    async def call(self, work: Callable[[], Awaitable[T]]) -> T:
        """Run one round trip, failing fast while the store is down."""
        if self.down_since is not None:
            raise self._unavailable()
        call = asyncio.ensure_future(work())
        self._in_flight.add(call)
        try:
            return await call
        except asyncio.CancelledError:
            if call.cancelled() and self.down_since is not None and not _cancelling():
                raise self._unavailable() from None  # aborted by mark_down
            raise
        except StoreUnavailableError as exc:
            self.mark_down(exc)
            raise
        finally:
            self._in_flight.discard(call)
