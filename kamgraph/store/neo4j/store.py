"""The Neo4j store: the ``GraphStore`` protocol over the official async driver.

Model: each node has its kind's label (``Company``, ``Person``, ...) and
``:Node``; ``id`` is unique across kinds (a uniqueness constraint on
``(:Node {id})``, and one per label). Properties are Neo4j properties (enum
values and dates as strings, tags as a list), plus ``nameLower``. A relationship
has its :class:`~kamgraph.domain.model.RelationshipKind` value as type; undirected
kinds are stored once, from the smaller id to the larger, and matched from
either end. Audit entries are ``(:AuditEntry {seq, at, actor, operation, ids})``
nodes, not ``:Node``, numbered by a counter node in the writing transaction.

Every method is one managed transaction (``execute_read`` / ``execute_write``,
retried by the driver on transient errors for at most ``retry_seconds``). A
write does its checks inside its transaction and raises ``ValidationError``
before writing. An unreachable server raises ``StoreUnavailableError`` within
a few seconds (short connection and acquisition timeouts, bounded retries).

Name search uses a FULLTEXT index (chosen over a TEXT index; leading wildcards
work) on ``nameKey``, the Python-lower-cased name, over the five labels with
the ``keyword`` analyzer (the whole name is one term), queried with a
leading-and-trailing wildcard ``*text*`` (Lucene specials and spaces escaped),
then confirmed with ``nameLower CONTAINS`` and ordered as the protocol says.
Names too long to be one Lucene term (over
:data:`~kamgraph.store.neo4j.records.MAX_NAME_KEY_BYTES`) have no ``nameKey``
but ``nameLong = true`` (range-indexed) and are always checked; texts longer
than :data:`~kamgraph.store.neo4j.reads.MAX_WILDCARD_TEXT` scan with CONTAINS.
The queries are the files of ``cypher/`` (:mod:`kamgraph.store.neo4j.cypher`).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TypeVar

from neo4j import READ_ACCESS, AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ConnectionAcquisitionTimeoutError,
    DatabaseUnavailable,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

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
from kamgraph.store.neo4j import reads as reads
from kamgraph.store.neo4j import writes as writes
from kamgraph.store.neo4j.cypher import query, statements

T = TypeVar("T")

#: Driver errors that mean "the store cannot be reached", not "the request is wrong".
UNAVAILABLE: tuple[type[BaseException], ...] = (
    ServiceUnavailable,
    SessionExpired,
    ConnectionAcquisitionTimeoutError,
    DatabaseUnavailable,
    AuthError,
    OSError,
    TimeoutError,
)

#: Nodes deleted per transaction by :meth:`Neo4jStore.clear`.
CLEAR_BATCH = 10_000


class Neo4jStore:
    """A kamgraph store in a Neo4j database."""

    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str = "",
        database: str = "neo4j",
        *,
        connect_seconds: float = 3.0,
        retry_seconds: float = 4.0,
        schema_wait_seconds: int = 300,
    ) -> None:
        self.uri = uri
        self.user = user
        self.database = database
        self._password = password
        self._connect_seconds = connect_seconds
        self._retry_seconds = retry_seconds
        self._schema_wait_seconds = schema_wait_seconds
        self._driver: AsyncDriver | None = None

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r}, database={self.database!r})"

    # -- plumbing ----------------------------------------------------------------

    def _unavailable(self, exc: BaseException) -> StoreUnavailableError:
        return StoreUnavailableError(f"Neo4j at {self.uri} is not available: {exc}")

    def _require(self) -> AsyncDriver:
        if self._driver is None:
            raise StoreUnavailableError("the Neo4j store is not open")
        return self._driver

    async def _read(self, fn: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        driver = self._require()
        try:
            async with driver.session(database=self.database) as session:
                return await session.execute_read(fn)
        except UNAVAILABLE as exc:
            raise self._unavailable(exc) from exc

    async def _read_once(self, fn: Callable[[reads.Runner], Awaitable[T]]) -> T:
        """A read of ONE statement, as an auto-commit query: a round trip instead of
        the two of a managed transaction (its commit). Where it fails in a way a
        retry may cure, it runs again as a managed read, with the driver's retries."""
        driver = self._require()
        try:
            async with driver.session(database=self.database, default_access_mode=READ_ACCESS) as session:
                return await fn(session)
        except (TransientError, SessionExpired, ServiceUnavailable):
            return await self._read(fn)
        except UNAVAILABLE as exc:
            raise self._unavailable(exc) from exc

    async def _write(self, fn: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        driver = self._require()
        try:
            async with driver.session(database=self.database) as session:
                return await session.execute_write(fn)
        except UNAVAILABLE as exc:
            raise self._unavailable(exc) from exc

    # -- life cycle -----------------------------------------------------------------

    async def open(self) -> None:
        if self._driver is not None:
            return
        self._driver = AsyncGraphDatabase.driver(
            self.uri,
            auth=(self.user, self._password),
            connection_timeout=self._connect_seconds,
            connection_acquisition_timeout=self._connect_seconds + 2.0,
            max_transaction_retry_time=self._retry_seconds,
            initial_retry_delay=0.25,
            notifications_min_severity="OFF",
        )
        try:
            try:  # one attempt, no retries: a dead server fails here at once
                await self._driver.verify_connectivity()
            except UNAVAILABLE as exc:
                raise self._unavailable(exc) from exc
            await self.apply_schema()
        except BaseException:
            await self.close()
            raise

    async def apply_schema(self) -> None:
        """Create the constraints and indexes of ``cypher/schema.cypher`` (idempotent)
        and wait until the indexes are online."""
        for statement in statements("schema"):

            async def create(tx: AsyncManagedTransaction, text: str = statement) -> None:
                result = await tx.run(text)
                await result.consume()

            await self._write(create)
        wait = self._schema_wait_seconds

        async def await_indexes(tx: AsyncManagedTransaction) -> None:
            result = await tx.run("CALL db.awaitIndexes($seconds)", seconds=wait)
            await result.consume()

        await self._read(await_indexes)

    async def close(self) -> None:
        driver, self._driver = self._driver, None
        if driver is not None:
            await driver.close()

    async def ping(self) -> None:
        """One ``RETURN 1`` without the driver's transaction retries, bounded in time:
        a readiness probe that calls it often learns soon when the server is back."""
        driver = self._require()
        try:
            async with asyncio.timeout(self._connect_seconds + 2.0):
                async with driver.session(database=self.database) as session:
                    result = await session.run(query("ping"))
                    await result.consume()
        except UNAVAILABLE as exc:
            raise self._unavailable(exc) from exc

    async def clear(self) -> None:
        while await self._write(lambda tx: writes.clear_batch(tx, CLEAR_BATCH)):
            pass

    # -- batch reads ------------------------------------------------------------------
    # (one statement each, made by every request's loaders: the fast read)

    async def get_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        keys = list(ids)
        return await self._read_once(lambda tx: reads.get_nodes(tx, keys))

    async def get_relationships(
        self, ids: Sequence[str], kind: RelationshipKind, end: End
    ) -> list[list[Relationship]]:
        keys = list(ids)
        return await self._read_once(lambda tx: reads.get_relationships(tx, keys, kind, end))

    # -- listings ----------------------------------------------------------------------

    async def list_companies(self, filter: CompanyFilter, first: int, after: str | None = None) -> Page:
        return await self._read(lambda tx: reads.list_companies(tx, filter, first, after))

    async def list_people(self, filter: PersonFilter, first: int, after: str | None = None) -> Page:
        return await self._read(lambda tx: reads.list_people(tx, filter, first, after))

    async def list_nodes(self, kind: NodeKind, first: int, after: str | None = None) -> Page:
        return await self._read(lambda tx: reads.list_nodes(tx, kind, first, after))

    async def search(self, text: str, kinds: Sequence[NodeKind] | None, first: int) -> list[Node]:
        wanted = None if kinds is None else list(kinds)
        return await self._read(lambda tx: reads.search(tx, text, wanted, first))

    async def org_chart(self, company_id: str, root: str | None, depth: int) -> list[OrgChartEntry]:
        return await self._read(lambda tx: reads.org_chart(tx, company_id, root, depth))

    # -- neighbourhoods -----------------------------------------------------------------

    async def home_company(self) -> Node | None:
        return await self._read(reads.home_company)

    async def opportunities(self, stages: Sequence[Stage] | None = None) -> list[Node]:
        names = None if stages is None else [s.value for s in stages]
        return await self._read(lambda tx: reads.opportunities(tx, names))

    async def person_ties(self, person_ids: Sequence[str]) -> TieEdges:
        keys = list(person_ids)
        return await self._read(lambda tx: reads.person_ties(tx, keys))

    async def hub_members(self, company_ids: Sequence[str], interest_ids: Sequence[str]) -> TieEdges:
        companies, interests = list(company_ids), list(interest_ids)
        return await self._read(lambda tx: reads.hub_members(tx, companies, interests))

    async def tie_skeleton(
        self, person_ids: Sequence[str], company_ids: Sequence[str], interest_ids: Sequence[str]
    ) -> TieSkeleton:
        keys, companies, interests = list(person_ids), list(company_ids), list(interest_ids)
        # the influence-path fetch makes one per growth step: the fast read
        return await self._read_once(lambda tx: reads.tie_skeleton(tx, keys, companies, interests))

    # -- writes ------------------------------------------------------------------------

    async def upsert_nodes(self, inputs: Sequence[NodeInput], audit: AuditInfo | None = None) -> list[Node]:
        items = list(inputs)
        return await self._write(lambda tx: writes.upsert_nodes(tx, items, audit))

    async def relate(
        self, inputs: Sequence[RelationshipInput], audit: AuditInfo | None = None
    ) -> list[Relationship]:
        items = list(inputs)
        return await self._write(lambda tx: writes.relate(tx, items, audit))

    async def bulk_upsert(
        self,
        nodes: Sequence[NodeInput],
        rels: Sequence[RelationshipInput],
        after: Awaitable[object] | None = None,
    ) -> None:
        """Nodes then relationships in one transaction, as ``upsert_nodes`` + ``relate``
        would write them, without audit and without returning them (for bulk import).
        ``after`` (the previous batch's write) is awaited first; if it failed, its
        error is raised and nothing of this batch is written."""
        node_items, rel_items = list(nodes), list(rels)
        if after is not None:
            await after
        await self._write(lambda tx: writes.bulk_upsert(tx, node_items, rel_items))

    async def unrelate(self, keys: Sequence[RelationshipKey], audit: AuditInfo | None = None) -> int:
        items = list(keys)
        return await self._write(lambda tx: writes.unrelate(tx, items, audit))

    async def delete_nodes(self, ids: Sequence[str], audit: AuditInfo | None = None) -> int:
        items = list(ids)
        return await self._write(lambda tx: writes.delete_nodes(tx, items, audit))

    async def erase_person(self, person_id: str, audit: AuditInfo | None = None) -> bool:
        return await self._write(lambda tx: writes.erase_person(tx, person_id, audit))

    # -- audit and bulk -------------------------------------------------------------------

    async def audit_log(
        self, first: int, after: int | None = None, actor: str | None = None, since: str | None = None
    ) -> tuple[list[AuditEntry], bool, int]:
        return await self._read(lambda tx: reads.audit_log(tx, first, after, actor, since))

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
