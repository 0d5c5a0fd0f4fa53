"""The embedded store: :class:`~kamgraph.store.protocol.GraphStore` over SQLite from the standard library.

``path`` is a database file (durable: WAL journal, ``synchronous=FULL``) or
``:memory:``. The sqlite3 module is synchronous, so every round trip runs in a
thread: one writer thread owns the connection that writes (one
``BEGIN IMMEDIATE`` ... ``COMMIT`` transaction per write, rolled back on
any error), and a small pool of reader threads, each with its own connection,
serves reads from WAL snapshots (one ``BEGIN`` ... ``COMMIT`` per read, so that
all the queries of one read see one snapshot) without waiting for writes. With
``:memory:`` there is one connection, owned by the writer thread, for everything.

The queries themselves live in :mod:`kamgraph.store.embedded.reads` and
:mod:`kamgraph.store.embedded.writes`; the schema in
:mod:`kamgraph.store.embedded.schema`.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from kamgraph.domain.errors import StoreUnavailableError
from kamgraph.store.embedded import reads, writes
from kamgraph.store.embedded.schema import apply_schema, configure
from kamgraph.store.protocol import GraphStore
from kamgraph.store.runner import Mode, Runner

T = TypeVar("T")

#: Reader threads (each with its own connection) for a file store.
READERS = 2
_WRITER = "kamgraph-sqlite-writer"


class SqliteRunner(Runner):
    """Runs the embedded store's query functions in its threads (see the module doc)."""

    backend = "embedded"

    def __init__(self, path: str) -> None:
        super().__init__(reads, writes)
        self.path = path
        self._memory = path == ":memory:" or path.startswith("file::memory:")
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._writer: ThreadPoolExecutor | None = None
        self._readers: ThreadPoolExecutor | None = None

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            writer = threading.current_thread().name.startswith(_WRITER)
            configure(conn, durable=not self._memory, cache_mib=256 if writer else 64)
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
        return conn

    async def _in_thread(self, pool: ThreadPoolExecutor | None, fn: Callable[[], T]) -> T:
        if pool is None:
            raise StoreUnavailableError("the embedded store is not open")
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, fn)
        except sqlite3.OperationalError as exc:  # locked too long, disk full or failing, ...
            raise StoreUnavailableError(f"the embedded store failed: {exc}") from exc

    async def _run(self, mode: Mode, work: Callable[[Any], Any]) -> Any:
        write = mode == "write"

        def transaction() -> Any:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                result = work(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return result

        return await self._in_thread(self._writer if write else self._readers, transaction)

    async def _open(self) -> None:
        if self._writer is not None:
            return
        self._writer = ThreadPoolExecutor(1, thread_name_prefix=_WRITER)
        if self._memory:
            self._readers = self._writer
        else:
            self._readers = ThreadPoolExecutor(READERS, thread_name_prefix="kamgraph-sqlite-reader")
        try:
            await self._in_thread(self._writer, lambda: apply_schema(self._conn()))
        except BaseException:
            await self._close()
            raise

    async def _close(self) -> None:
        writer, readers = self._writer, self._readers
        self._writer = self._readers = None
        if writer is None:
            return

        def shut_down() -> None:
            if readers is not None and readers is not writer:
                readers.shutdown(wait=True)
            writer.shutdown(wait=True)
            with self._lock:
                conns, self._conns = self._conns, []
            for conn in conns:
                conn.close()

        await asyncio.get_running_loop().run_in_executor(None, shut_down)
        self._local = threading.local()

    async def _ping(self) -> None:
        await self._run("read", lambda c: c.execute("SELECT 1").fetchone())


class EmbeddedStore(GraphStore):
    """A kamgraph store in one SQLite file (or in memory)."""

    def __init__(self, path: str) -> None:
        super().__init__(SqliteRunner(path))
        self.path = path
