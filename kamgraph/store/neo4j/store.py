"""The Neo4j store: :class:`~kamgraph.store.protocol.GraphStore` over the official async driver.

Model: each node has its kind's label (``Company``, ``Person``, ...) and
``:Node``; ``id`` is unique across kinds (a uniqueness constraint on
``(:Node {id})``, and one per label). Properties are Neo4j properties (enum
values and dates as strings, tags as a list), plus ``nameLower``. A relationship
has its :class:`~kamgraph.domain.model.RelationshipKind` value as type; undirected
kinds are stored once, from the smaller id to the larger, and matched from
either end. Audit entries are ``(:AuditEntry {seq, at, actor, operation, ids})``
nodes, not ``:Node``, numbered by a counter node in the writing transaction.

Every round trip is one managed transaction (``execute_read`` / ``execute_write``,
retried by the driver on transient errors for at most ``retry_seconds``), except
the reads of one statement that every request makes many of (``read_once``):
an auto-commit query, one round trip instead of the two of a managed transaction
(its commit), run again as a managed read where it fails in a way a retry may
cure. A write does its checks inside its transaction and raises
``ValidationError`` before writing. An unreachable server raises
``StoreUnavailableError`` within a few seconds (short connection and
acquisition timeouts, bounded retries).

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
from collections.abc import Callable
from typing import Any

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
from kamgraph.store.neo4j import reads, writes
from kamgraph.store.neo4j.cypher import query, statements
from kamgraph.store.protocol import GraphStore
from kamgraph.store.runner import Mode, Runner

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


class DriverRunner(Runner):
    """Runs the Neo4j store's transaction functions in driver sessions (see the module doc)."""

    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str,
        *,
        connect_seconds: float,
        retry_seconds: float,
        schema_wait_seconds: int,
    ) -> None:
        super().__init__(reads, writes)
        self.uri = uri
        self.user = user
        self.database = database
        self._password = password
        self._connect_seconds = connect_seconds
        self._retry_seconds = retry_seconds
        self._schema_wait_seconds = schema_wait_seconds
        self._driver: AsyncDriver | None = None

    def _unavailable(self, exc: BaseException) -> StoreUnavailableError:
        return StoreUnavailableError(f"Neo4j at {self.uri} is not available: {exc}")

    def _require(self) -> AsyncDriver:
        if self._driver is None:
            raise StoreUnavailableError("the Neo4j store is not open")
        return self._driver

    async def _run(self, mode: Mode, work: Callable[[Any], Any]) -> Any:
        driver = self._require()
        try:
            if mode == "read_once":
                try:
                    async with driver.session(database=self.database, default_access_mode=READ_ACCESS) as s:
                        return await work(s)
                except (TransientError, SessionExpired, ServiceUnavailable):
                    pass  # again as a managed read, with the driver's retries
            async with driver.session(database=self.database) as session:
                if mode == "write":
                    return await session.execute_write(work)
                return await session.execute_read(work)
        except UNAVAILABLE as exc:
            raise self._unavailable(exc) from exc

    async def _open(self) -> None:
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
            await self._close()
            raise

    async def apply_schema(self) -> None:
        """Create the constraints and indexes of ``cypher/schema.cypher`` (idempotent)
        and wait until the indexes are online."""
        for statement in statements("schema"):

            async def create(tx: AsyncManagedTransaction, text: str = statement) -> None:
                result = await tx.run(text)
                await result.consume()

            await self._run("write", create)
        wait = self._schema_wait_seconds

        async def await_indexes(tx: AsyncManagedTransaction) -> None:
            result = await tx.run("CALL db.awaitIndexes($seconds)", seconds=wait)
            await result.consume()

        await self._run("read", await_indexes)

    async def _close(self) -> None:
        driver, self._driver = self._driver, None
        if driver is not None:
            await driver.close()

    async def _ping(self) -> None:
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


class Neo4jStore(GraphStore):
    """A kamgraph store in a Neo4j database."""

    runner: DriverRunner

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
        super().__init__(
            DriverRunner(
                uri,
                user,
                password,
                database,
                connect_seconds=connect_seconds,
                retry_seconds=retry_seconds,
                schema_wait_seconds=schema_wait_seconds,
            )
        )
        self.uri = uri
        self.database = database

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r}, database={self.database!r})"

    async def apply_schema(self) -> None:
        """Create the constraints and indexes again (idempotent); see ``open``."""
        await self.runner.apply_schema()
