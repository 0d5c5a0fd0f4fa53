"""The embedded store: the ``GraphStore`` protocol over SQLite from the standard library.

``path`` is a database file (durable: WAL journal, ``synchronous=FULL``) or
``:memory:``. The sqlite3 module is synchronous, so every call runs in a
thread: one writer thread owns the connection that writes (one
``BEGIN IMMEDIATE`` ... ``COMMIT`` transaction per write call, rolled back on
any error), and a small pool of reader threads, each with its own connection,
serves reads from WAL snapshots without waiting for writes. With ``:memory:``
there is one connection, owned by the writer thread, for everything.

The queries themselves live in :mod:`kamgraph.store.embedded.reads` and
:mod:`kamgraph.store.embedded.writes`; the schema in
:mod:`kamgraph.store.embedded.schema`.
"""

from __future__ import annotations

import asyncio
import functools
import sqlite3
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from kamgraph.domain.errors import StoreUnavailableError
from kamgraph.domain.model import (
    AuditEntry,
    AuditInfo,
    CompanyFilter,
    End,
    Node,
    NodeInput,
    NodeKind,
    OrgChartEntry,
    Page,
    PersonFilter,
    Relationship,
    RelationshipInput,
    RelationshipKey,
    RelationshipKind,
    Stage,
    TieEdges,
    TieSkeleton,
)
from kamgraph.store.embedded import reads as reads
from kamgraph.store.embedded import writes as writes
from kamgraph.store.embedded.schema import apply_schema, configure

T = TypeVar("T")

#: Reader threads (each with its own connection) for a file store.
READERS = 2
_WRITER = "kamgraph-sqlite-writer"


class EmbeddedStore:
    """A kamgraph store in one SQLite file (or in memory)."""

    backend = "embedded"

    def __init__(self, path: str) -> None:
        self.path = path
        self._memory = path == ":memory:" or path.startswith("file::memory:")
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._writer: ThreadPoolExecutor | None = None
        self._readers: ThreadPoolExecutor | None = None

    # -- threads and connections ----------------------------------------------

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

    async def _run(self, pool: ThreadPoolExecutor | None, fn: Callable[[], T]) -> T:
        if pool is None:
            raise StoreUnavailableError("the embedded store is not open")
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, fn)
        except sqlite3.OperationalError as exc:  # locked too long, disk full or failing, ...
            raise StoreUnavailableError(f"the embedded store failed: {exc}") from exc

    async def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        def work() -> T:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return result

        return await self._run(self._writer, work)

    async def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        def work() -> T:
            conn = self._conn()
            conn.execute("BEGIN")  # one snapshot for all the queries of the read
            try:
                return fn(conn)
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

        return await self._run(self._readers, work)

    # -- life cycle ----------------------------------------------------------------

    async def open(self) -> None:
        if self._writer is not None:
            return
        self._writer = ThreadPoolExecutor(1, thread_name_prefix=_WRITER)
        if self._memory:
            self._readers = self._writer
        else:
            self._readers = ThreadPoolExecutor(READERS, thread_name_prefix="kamgraph-sqlite-reader")
        try:
            await self._run(self._writer, lambda: apply_schema(self._conn()))
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
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

    async def ping(self) -> None:
        await self._read(lambda c: c.execute("SELECT 1").fetchone())

    async def clear(self) -> None:
        await self._write(writes.clear)

    # -- batch reads ---------------------------------------------------------------

    async def get_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        keys = list(ids)
        return await self._read(lambda c: reads.get_nodes(c, keys))

    async def get_relationships(
        self, ids: Sequence[str], kind: RelationshipKind, end: End
    ) -> list[list[Relationship]]:
        keys = list(ids)
        return await self._read(lambda c: reads.get_relationships(c, keys, kind, end))

    # -- listings -------------------------------------------------------------------

    async def list_companies(self, filter: CompanyFilter, first: int, after: str | None = None) -> Page:
        return await self._read(lambda c: reads.list_companies(c, filter, first, after))

    async def list_people(self, filter: PersonFilter, first: int, after: str | None = None) -> Page:
        return await self._read(lambda c: reads.list_people(c, filter, first, after))

    async def list_nodes(self, kind: NodeKind, first: int, after: str | None = None) -> Page:
        return await self._read(lambda c: reads.list_nodes(c, kind, first, after))

    async def search(self, text: str, kinds: Sequence[NodeKind] | None, first: int) -> list[Node]:
        wanted = None if kinds is None else list(kinds)
        return await self._read(lambda c: reads.search(c, text, wanted, first))

    async def org_chart(self, company_id: str, root: str | None, depth: int) -> list[OrgChartEntry]:
        return await self._read(lambda c: reads.org_chart(c, company_id, root, depth))

    # -- neighbourhoods ---------------------------------------------------------------

    async def home_company(self) -> Node | None:
        return await self._read(reads.home_company)

    async def opportunities(self, stages: Sequence[Stage] | None = None) -> list[Node]:
        names = None if stages is None else [s.value for s in stages]
        return await self._read(lambda c: reads.opportunities(c, names))

    async def person_ties(self, person_ids: Sequence[str]) -> TieEdges:
        keys = list(person_ids)
        return await self._read(lambda c: reads.person_ties(c, keys))

    async def hub_members(self, company_ids: Sequence[str], interest_ids: Sequence[str]) -> TieEdges:
        companies, interests = list(company_ids), list(interest_ids)
        return await self._read(lambda c: reads.hub_members(c, companies, interests))

    async def tie_skeleton(
        self, person_ids: Sequence[str], company_ids: Sequence[str], interest_ids: Sequence[str]
    ) -> TieSkeleton:
        keys, companies, interests = list(person_ids), list(company_ids), list(interest_ids)
        return await self._read(lambda c: reads.tie_skeleton(c, keys, companies, interests))

    # -- writes ---------------------------------------------------------------------

    async def upsert_nodes(self, inputs: Sequence[NodeInput], audit: AuditInfo | None = None) -> list[Node]:
        items = list(inputs)
        return await self._write(lambda c: writes.upsert_nodes(c, items, audit))

    async def relate(
        self, inputs: Sequence[RelationshipInput], audit: AuditInfo | None = None
    ) -> list[Relationship]:
        items = list(inputs)
        return await self._write(lambda c: writes.relate(c, items, audit))

    async def bulk_upsert(
        self,
        nodes: Sequence[NodeInput],
        rels: Sequence[RelationshipInput],
        after: Awaitable[object] | None = None,
    ) -> None:
        """Nodes then relationships in one transaction, as ``upsert_nodes`` + ``relate``
        would write them, without audit and without returning them (for bulk import).

        The batch is made ready (rows, JSON) in the calling thread, then ``after``
        is awaited, then the writer thread writes it: the caller can prepare the next
        batch while this one is written, and nothing is written when ``after`` failed.
        """
        batch = writes.prepare_bulk(list(nodes), list(rels))
        if after is not None:
            await after
        await self._write(lambda c: writes.write_bulk(c, batch))

    async def unrelate(self, keys: Sequence[RelationshipKey], audit: AuditInfo | None = None) -> int:
        items = list(keys)
        return await self._write(lambda c: writes.unrelate(c, items, audit))

    async def delete_nodes(self, ids: Sequence[str], audit: AuditInfo | None = None) -> int:
        items = list(ids)
        return await self._write(lambda c: writes.delete_nodes(c, items, audit))

    async def erase_person(self, person_id: str, audit: AuditInfo | None = None) -> bool:
        return await self._write(lambda c: writes.erase_person(c, person_id, audit))

    # -- audit and bulk ------------------------------------------------------------------

    async def audit_log(
        self, first: int, after: int | None = None, actor: str | None = None, since: str | None = None
    ) -> tuple[list[AuditEntry], bool, int]:
        return await self._read(lambda c: reads.audit_log(c, first, after, actor, since))

    async def iter_relationships(
        self, kind: RelationshipKind, batch: int = 10_000
    ) -> AsyncIterator[list[Relationship]]:
        size = max(1, int(batch))
        after: tuple[str, str] | None = None
        while True:
            fetch = functools.partial(reads.relationship_batch, kind=kind, after=after, batch=size)
            rels = await self._read(fetch)
            if not rels:
                return
            yield rels
            if len(rels) < size:
                return
            after = (rels[-1].from_id, rels[-1].to_id)

    async def counts(self) -> dict[str, int]:
        return await self._read(reads.counts)
