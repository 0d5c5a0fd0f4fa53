"""What a backend provides to :class:`~kamgraph.store.protocol.GraphStore`: a runner.

A runner owns the backend's connections (threads, sessions), runs one query
function of the backend in a transaction, retries what may be retried, and maps
the backend's "cannot reach the store" errors to
:class:`~kamgraph.domain.errors.StoreUnavailableError`. The query functions are
plain functions of the backend's ``reads`` and ``writes`` modules, taking the
backend's connection (a sqlite3 connection, a Neo4j transaction) first, then the
arguments of the store method of the same name.

Each call of :meth:`Runner.read`, :meth:`Runner.read_once`, :meth:`Runner.write`
or :meth:`Runner.run` is one round trip, and is done here once for every
method: passed through the store's :class:`~kamgraph.store.guard.Guard`
(fail fast while down), and reported to the :class:`~kamgraph.store.metering.Meter`
of the running context (counted and timed, by method).

A backend subclasses :class:`Runner` and implements the five ``_`` methods.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar

from kamgraph.store.guard import Guard
from kamgraph.store.metering import METER, count_rows

P = ParamSpec("P")
T = TypeVar("T")

#: how a query function is run: ``read`` (a read transaction), ``read_once`` (one
#: statement: where the backend can, without a transaction of its own), ``write``
Mode = Literal["read", "read_once", "write"]


class Runner(ABC):
    """Runs the query functions of one backend (see the module doc)."""

    #: a short name for logs and metrics: "embedded" or "neo4j"
    backend: str

    def __init__(self, reads: ModuleType, writes: ModuleType, probe_seconds: float = 0.5) -> None:
        self.reads = reads
        self.writes = writes
        self.guard = Guard(self.backend, self._open, self._ping, probe_seconds)

    # -- what a backend implements ----------------------------------------------

    @abstractmethod
    async def _open(self) -> None:
        """Connect, and apply the schema idempotently."""

    @abstractmethod
    async def _close(self) -> None: ...

    @abstractmethod
    async def _ping(self) -> None:
        """Return when the store answers; raise ``StoreUnavailableError`` otherwise."""

    @abstractmethod
    async def _run(self, mode: Mode, work: Callable[[Any], Any]) -> Any:
        """``work(connection)`` in a transaction of ``mode``: its result (awaited,
        where the backend's query functions are coroutine functions)."""

    # -- life cycle ---------------------------------------------------------------

    async def open(self) -> None:
        await self._measure("open", self._open)

    async def close(self) -> None:
        """Stop probing (when the store is down) and close the connections."""
        await self.guard.stop()
        await self._close()

    async def ping(self) -> None:
        await self._measure("ping", self.guard.ping)

    # -- round trips --------------------------------------------------------------

    async def read(
        self, method: Callable[Concatenate[Any, P], Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """The backend's read function named as the store ``method`` (``GraphStore.<name>``),
        given the method's arguments."""
        result: T = await self.run("read", method.__name__, *args, **kwargs)
        return result

    async def read_once(
        self, method: Callable[Concatenate[Any, P], Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """As :meth:`read`, for a read of ONE statement, made many times per request:
        where the backend can, without a transaction of its own (one round trip less)."""
        result: T = await self.run("read_once", method.__name__, *args, **kwargs)
        return result

    async def write(
        self, method: Callable[Concatenate[Any, P], Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """The backend's write function named as the store ``method``, in one write transaction."""
        result: T = await self.run("write", method.__name__, *args, **kwargs)
        return result

    async def run(self, mode: Mode, name: str, /, *args: Any, **kwargs: Any) -> Any:
        """The query function ``name`` of the backend (its ``writes`` module for a
        write, else ``reads``) with the arguments, in a transaction of ``mode``."""
        fn = getattr(self.writes if mode == "write" else self.reads, name)
        return await self._measure(
            name, lambda: self.guard.call(lambda: self._run(mode, lambda conn: fn(conn, *args, **kwargs)))
        )

    async def _measure(self, name: str, call: Callable[[], Awaitable[T]]) -> T:
        meter = METER.get()
        if meter is None:
            return await call()
        start = time.perf_counter()
        ok, rows = False, 0
        try:
            result = await call()
            ok, rows = True, count_rows(result)
            return result
        finally:
            meter.record(name, time.perf_counter() - start, ok, rows)
