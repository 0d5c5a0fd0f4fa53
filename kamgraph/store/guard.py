"""Staying up when the store does not: fail fast while it is down, recover by itself.

:class:`GuardedStore` wraps a store. The first call that fails with
:class:`~kamgraph.domain.errors.StoreUnavailableError` marks the store down; from then
on every call fails at once with the same error (code ``STORE_UNAVAILABLE``),
instead of each request waiting out the driver's connection timeouts and
retries, and ``ping`` (hence ``/readyz``) answers "unavailable" at once. A
background probe pings the real store every ``probe_seconds``; the first
success marks it up again, and calls go through as before. Nothing needs a
restart: the Neo4j driver reconnects by itself. Calls already waiting on the
store when it is marked down (the driver retrying) are failed at that moment too.

A store that could not be opened at start-up (Neo4j not reachable yet) is
handed over with :meth:`GuardedStore.open_later`: it is down from the start,
and the probe opens it (schema and constraints included) instead of pinging it,
so the service starts without its store and becomes ready when the store is.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from collections.abc import Callable
from typing import Any, cast

from kamgraph.domain.errors import StoreUnavailableError
from kamgraph.store.protocol import GraphStore

log = logging.getLogger("kamgraph.store.guard")

#: calls that are not guarded (life cycle, and the async generator of export)
_UNGUARDED = frozenset({"open", "close", "ping", "iter_relationships"})


def _cancelling() -> bool:
    """Whether the current task itself is being cancelled (not just the call it awaited)."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


class GuardedStore:
    """A store wrapper that fails fast while the store is down (see module doc)."""

    def __init__(self, inner: GraphStore, probe_seconds: float = 0.5) -> None:
        self.inner = inner
        self.backend = inner.backend
        self.probe_seconds = probe_seconds
        self.down_since: float | None = None
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
            self._probe = asyncio.get_running_loop().create_task(self._watch())

    async def _watch(self) -> None:
        while self.down_since is not None:
            await asyncio.sleep(self.probe_seconds)
            try:
                if self._unopened:
                    await self.inner.open()
                    self._unopened = False
                    log.warning("the %s store is open", self.backend)
                else:
                    await self.inner.ping()
            except Exception:  # still down, whatever the reason
                continue
            log.warning(
                "the %s store answers again after %.1f s", self.backend, time.monotonic() - self.down_since
            )
            self.down_since = None

    # -- life cycle -----------------------------------------------------------
    async def open(self) -> None:
        await self.inner.open()

    def open_later(self, reason: BaseException) -> None:
        """The store could not be opened (``reason``): mark it down and let the probe
        open it once it answers. Call it from within the running event loop."""
        self._unopened = True
        self.mark_down(reason)

    async def stop(self) -> None:
        """Stop probing (at shutdown); the wrapped store is left open."""
        probe, self._probe = self._probe, None
        if probe is not None:
            probe.cancel()
            await asyncio.gather(probe, return_exceptions=True)

    async def close(self) -> None:
        await self.stop()
        await self.inner.close()

    def as_store(self) -> GraphStore:
        """This wrapper, typed as the store it wraps (it forwards every method)."""
        return cast(GraphStore, self)

    async def ping(self) -> None:
        if self.down_since is not None:
            raise self._unavailable()
        try:
            await self.inner.ping()
        except StoreUnavailableError as exc:
            self.mark_down(exc)
            raise

    def __getattr__(self, name: str) -> Any:
        target = getattr(self.inner, name)
        if name in _UNGUARDED or name.startswith("_") or not inspect.iscoroutinefunction(target):
            return target
        fn = cast(Callable[..., Any], target)

        async def guarded(*args: Any, **kwargs: Any) -> Any:
            if self.down_since is not None:
                raise self._unavailable()
            call = asyncio.ensure_future(fn(*args, **kwargs))
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

        return guarded
