"""Bulk import: validate the whole input first, then write it in batches.

Pass 1 streams every file once, validates each batch of rows with
:mod:`kamgraph.domain.rules` and checks what needs more than one row: an id
defined twice with different kinds, relationship ends that are nodes of the
right kind (in the input or already in the store), at most one home company.
Every problem is reported as ``file:line: field: reason``. If there is any,
nothing is written.

Pass 2 writes the batches that pass 1 validated and kept (:mod:`kamgraph.io.spool`:
the first ``keep_rows`` rows in memory, the rest in a temporary file), ``batch``
rows each, each one store transaction (``bulk_upsert`` when the store has it,
else ``upsert_nodes`` / ``relate``), every node batch before any relationship
batch. Upserts make a re-run change nothing, so an interrupted import is
finished by running it again.

Memory: constant in the input size except for the id -> kind map of the nodes
in the input (one dict entry per node id, a small int per kind: about 100 bytes
a node, so some hundred MB for millions of nodes), and the relationships whose
ends are not (yet) nodes of the input, kept until the store is asked about them.

Imports record no audit entries (one entry per batch naming every id would
dwarf the data); the command prints a summary instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, NoReturn

from kamgraph.domain.checks import id_rule
from kamgraph.domain.errors import KamgraphError, ValidationError
from kamgraph.domain.model import (
    REL_SPECS,
    NodeInput,
    NodeKind,
    RelationshipInput,
    RelationshipKind,
)
from kamgraph.domain.rules import (
    HOME,
    end_rule,
    home_rule,
    sets_home,
    unsets_home,
    validate_nodes,
    validate_relationships,
)
from kamgraph.io.progress import QuietReporter, Reporter
from kamgraph.io.readers import FileReader, InputFile, Record
from kamgraph.io.spool import BatchSpool, Where
from kamgraph.store.protocol import BulkWriter, GraphStore

DEFAULT_BATCH = 20_000
_KINDS: list[NodeKind] = list(NodeKind)
_KIND_INDEX: dict[NodeKind, int] = {k: i for i, k in enumerate(_KINDS)}
#: each relationship kind's (from, to) node kinds, as indexes into _KINDS
_REL_ENDS: dict[RelationshipKind, tuple[int, int]] = {
    k: (_KIND_INDEX[s.from_kind], _KIND_INDEX[s.to_kind]) for k, s in REL_SPECS.items()
}
_LOOKUP_CHUNK = 1_000

#: rows kept validated in memory between the passes (the rest: in a temporary file)
DEFAULT_KEEP_ROWS = 200_000

Row = tuple[str, int, dict[str, Any]]  # file, line, data


def _where(rows: list[Row]) -> Where:
    return (rows[0][0], rows[0][1], rows[-1][0], rows[-1][1])


@dataclass(slots=True)
class ImportResult:
    """What an import did."""

    rows: int = 0  # rows read in pass 1
    problems: int = 0
    bad_rows: int = 0
    nodes: int = 0  # rows written
    relationships: int = 0
    validate_seconds: float = 0.0
    write_seconds: float = 0.0
    failed: str | None = None  # a write that failed in pass 2

    @property
    def ok(self) -> bool:
        return self.problems == 0 and self.failed is None

    @property
    def written(self) -> int:
        return self.nodes + self.relationships

    @property
    def seconds(self) -> float:
        return self.validate_seconds + self.write_seconds


def _rel_key(data: dict[str, Any]) -> Any:
    """What names a relationship row, for "one key per batch": ``(kind, a, b)`` with
    the ends in order. (A directed pair given both ways gets one key too, which
    only splits a batch more often than needed.) Unhashable values: a key of their own."""
    kind, a, b = data.get("kind"), data.get("from"), data.get("to")
    try:
        key: tuple[Any, Any, Any] = (kind, b, a) if b < a else (kind, a, b)  # type: ignore[operator]
        hash(key)
    except TypeError:  # not comparable or not hashable: cannot be valid anyway
        return object()
    return key


class Importer:
    """One import of ``files`` into ``store``; :meth:`run` does both passes."""

    def __init__(
        self,
        store: GraphStore,
        files: Sequence[InputFile],
        batch: int = DEFAULT_BATCH,
        reporter: Reporter | None = None,
        keep_rows: int = DEFAULT_KEEP_ROWS,
    ) -> None:
        if batch < 1:
            raise ValueError("batch must be at least 1")
        self.store = store
        self.files = list(files)
        self.batch = batch
        self.reporter: Reporter = reporter if reporter is not None else QuietReporter()
        self.result = ImportResult()
        self._last_bad: tuple[str, int] | None = None
        # pass 1 state
        self._kinds: dict[str, int] = {}
        self._pending: list[tuple[str, int, RelationshipKind, str, str]] = []
        self._store_has_data = False
        self._store_home: str | None = None
        self._homes: list[tuple[str, int, str]] = []
        # pass 2: the batches being written (at most two: one written, one made ready)
        self._inflight: list[tuple[Where, int, bool, asyncio.Future[Any]]] = []
        # the batches validated by pass 1, which pass 2 writes (None: a problem was
        # found, nothing will be written)
        self._spool: BatchSpool | None = BatchSpool(keep_rows)

    # -- reporting -----------------------------------------------------------
    def _problem(self, file: str, line: int, field: str, reason: str) -> None:
        self.result.problems += 1
        if self._last_bad != (file, line):
            self._last_bad = (file, line)
            self.result.bad_rows += 1
        self.reporter.message(f"{file}:{line}: {field}: {reason}")

    # -- the whole import -------------------------------------------------------
    async def run(self) -> ImportResult:
        try:
            t0 = time.monotonic()
            await self.validate()
            self.result.validate_seconds = time.monotonic() - t0
            if self.result.problems:
                return self.result
            t1 = time.monotonic()
            await self.write()
            self.result.write_seconds = time.monotonic() - t1
            return self.result
        finally:
            self._drop_spool()

    def _drop_spool(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def _records(self, total: int) -> Iterator[Record]:
        """Every record of the files, reporting reading progress (of ``total`` bytes)."""
        rows = 0
        done_before = 0
        reporter = self.reporter
        for f in self.files:
            reader = FileReader(f)
            for record in reader:
                yield record
                rows += 1
                if rows % 1000 == 0:
                    reporter.update(rows, done_before + reader.tell())
            done_before += f.size
        reporter.update(rows, total)

    # -- pass 1 ----------------------------------------------------------------
    async def validate(self) -> None:
        counts = await self.store.counts()
        self._store_has_data = any(counts.values())
        if self._store_has_data:
            home = await self.store.home_company()
            self._store_home = home.id if home is not None else None
        total = sum(f.size for f in self.files)
        self.reporter.start("validating", total)
        buffers: dict[NodeKind, tuple[list[Row], set[Any]]] = {k: ([], set()) for k in NodeKind}
        rels: list[Row] = []
        rel_keys: set[Any] = set()
        batch = self.batch
        current_file = ""

        async def check_all() -> None:
            """Check every buffered row (so that problems come out in file order)."""
            for kind, (rows, ids) in buffers.items():
                if rows:
                    await self._check_nodes(kind, rows)
                    rows.clear()
                    ids.clear()
            if rels:
                self._check_rels(rels)
                rels.clear()
                rel_keys.clear()

        for record in self._records(total):
            self.result.rows += 1  # (kept up to date: batches check it)
            file, line, kind, data, problems = record
            if file is not current_file:
                await check_all()
                current_file = file
            if problems:  # a row found bad while reading: checked at once, in order
                await check_all()
                for field, reason in problems:
                    self._problem(file, line, field, reason)
                if data is None:
                    continue
                if kind is not None:
                    await self._check_nodes(kind, [(file, line, data)])
                else:
                    self._check_rels([(file, line, data)])
                continue
            assert data is not None
            if kind is not None:
                rows, ids = buffers[kind]
                node_id = data.get("id")
                if node_id in ids or len(rows) >= batch:
                    await self._check_nodes(kind, rows)
                    rows.clear()
                    ids.clear()
                rows.append((file, line, data))
                if isinstance(node_id, str):
                    ids.add(node_id)
            else:
                key = _rel_key(data)
                if key in rel_keys or len(rels) >= batch:  # a key once per batch, as in pass 2
                    self._check_rels(rels)
                    rels.clear()
                    rel_keys.clear()
                rels.append((file, line, data))
                rel_keys.add(key)
        await check_all()
        await self._resolve_pending()
        self._check_homes()
        self.reporter.finish()

    async def _check_nodes(self, kind: NodeKind, rows: list[Row]) -> None:
        datas = [d for _, _, d in rows]
        try:
            inputs = validate_nodes(kind, datas)
            if self._spool is not None:
                self._spool.add_nodes(_where(rows), kind, inputs)
            good: list[tuple[int, NodeInput]] = list(enumerate(inputs))
        except ValidationError:
            self._drop_spool()
            good = []
            for i, (file, line, data) in enumerate(rows):
                try:
                    good.append((i, validate_nodes(kind, [data])[0]))
                except ValidationError as exc:
                    for p in exc.problems:
                        self._problem(file, line, p.field, p.rule)
                    raw_id = data.get("id")
                    if isinstance(raw_id, str) and id_rule(raw_id) is None and raw_id not in self._kinds:
                        self._kinds[raw_id] = _KIND_INDEX[kind]  # no knock-on errors
        index = _KIND_INDEX[kind]
        known = self._kinds
        for i, n in good:
            prev = known.get(n.id)
            if prev is None:
                known[n.id] = index
            elif prev != index:
                file, line, _ = rows[i]
                self._problem(
                    file, line, "id",
                    f"{n.id!r} is a {_KINDS[prev].value} elsewhere in the input, here a {kind.value}",
                )  # fmt: skip
            if sets_home(n):
                file, line, _ = rows[i]
                self._homes.append((file, line, n.id))
            elif n.id == self._store_home and unsets_home(n):
                self._store_home = None  # the input takes home away from it
        if self._store_has_data and good:
            stored = await self.store.get_nodes([n.id for _, n in good])
            for (i, n), node in zip(good, stored, strict=True):
                if node is not None and node.kind is not kind:
                    file, line, _ = rows[i]
                    self._problem(
                        file, line, "id",
                        f"{n.id!r} already names a {node.kind.value} in the store, not a {kind.value}",
                    )  # fmt: skip

    def _check_rels(self, rows: list[Row]) -> None:
        datas = [d for _, _, d in rows]
        try:
            inputs = validate_relationships(datas)
        except ValidationError:
            self._drop_spool()
            good: list[tuple[Row, RelationshipInput]] = []
            for row in rows:
                try:
                    good.append((row, validate_relationships([row[2]])[0]))
                except ValidationError as exc:
                    for p in exc.problems:
                        self._problem(row[0], row[1], p.field, p.rule)
            for row, r in good:
                self._check_ends(row, r.kind, r.from_id, r.to_id)
            return
        if self._spool is not None:
            self._spool.add_rels(_where(rows), inputs)
        get = self._kinds.get
        kind: RelationshipKind | None = None
        want_from = want_to = -1
        for i, r in enumerate(inputs):
            if r.kind is not kind:  # per-kind lookups only when the kind changes
                kind = r.kind
                want_from, want_to = _REL_ENDS[kind]
            if get(r.from_id) != want_from or get(r.to_id) != want_to:
                self._check_ends(rows[i], kind, r.from_id, r.to_id)

    def _check_ends(self, row: Row, kind: RelationshipKind, from_id: str, to_id: str) -> None:
        """A relationship's ends: nodes of the input of the right kinds, or left
        pending (to be looked for in the rest of the input and the store)."""
        known = self._kinds
        file, line, data = row
        for node_id in (from_id, to_id):
            # undirected kinds are normalised: name the end as the row did
            end = "from" if data.get("from") == node_id else "to"
            have = known.get(node_id)
            if have is None:
                self._pending.append((file, line, kind, end, node_id))
            else:
                self._check_end(file, line, kind, end, node_id, _KINDS[have])

    def _check_end(
        self, file: str, line: int, kind: RelationshipKind, end: str, node_id: str, have: NodeKind | None
    ) -> None:
        """Report the end of a row if it is not a node (``have`` None) of the kind the relationship needs."""
        rule = end_rule(kind, end, node_id, have)
        if rule is not None:
            where = "" if have is not None else " (in the input or the store)"
            self._problem(file, line, end, rule + where)

    async def _resolve_pending(self) -> None:
        """Relationship ends that were not nodes of the input when read."""
        unresolved: list[tuple[str, int, RelationshipKind, str, str]] = []
        for item in self._pending:
            file, line, kind, end, node_id = item
            have = self._kinds.get(node_id)
            if have is None:
                unresolved.append(item)
            else:
                self._check_end(file, line, kind, end, node_id, _KINDS[have])
        self._pending = []
        if not unresolved:
            return
        stored: dict[str, NodeKind] = {}
        if self._store_has_data:
            ids = sorted({node_id for *_, node_id in unresolved})
            for start in range(0, len(ids), _LOOKUP_CHUNK):
                chunk = ids[start : start + _LOOKUP_CHUNK]
                for node in await self.store.get_nodes(chunk):
                    if node is not None:
                        stored[node.id] = node.kind
        for file, line, kind, end, node_id in unresolved:
            self._check_end(file, line, kind, end, node_id, stored.get(node_id))

    def _check_homes(self) -> None:
        rule = home_rule(sorted({node_id for _, _, node_id in self._homes}), self._store_home)
        if rule is not None:
            for file, line, _ in self._homes:
                self._problem(file, line, HOME, rule)

    # -- pass 2 ----------------------------------------------------------------
    async def write(self) -> None:
        """Write what pass 1 kept: every node batch (each kind's in file order), then
        every relationship batch (in file order)."""
        spool = self._spool
        assert spool is not None, "pass 1 found problems: nothing is written"
        self.reporter.start("writing", self.result.rows)
        try:
            for where, _, node_inputs in spool.node_batches():
                await self._start(where, len(node_inputs), True, *self._node_writer(node_inputs))
            for where, rel_inputs in spool.rel_batches():
                await self._start(where, len(rel_inputs), False, *self._rel_writer(rel_inputs))
            await self._drain()
        except _WriteFailed:
            pass
        finally:
            await self._settle()
        self._drop_spool()
        self.reporter.finish()

    def _node_writer(self, inputs: list[NodeInput]) -> tuple[_Write, bool]:
        """The write of a batch of nodes, and whether it can overlap the batch before:
        the store's bulk path when it has one, else ``upsert_nodes``."""
        store = self.store
        if isinstance(store, BulkWriter):
            return partial(store.bulk_upsert, inputs, ()), True
        return _ignore_after(partial(store.upsert_nodes, inputs, None)), False

    def _rel_writer(self, inputs: list[RelationshipInput]) -> tuple[_Write, bool]:
        store = self.store
        if isinstance(store, BulkWriter):
            return partial(store.bulk_upsert, (), inputs), True
        return _ignore_after(partial(store.relate, inputs, None)), False

    async def _start(self, where: Where, count: int, nodes: bool, write: _Write, overlap: bool) -> None:
        """Write a batch (one store transaction), in order after the batch before.

        With the store's bulk path, this batch is made ready (in this thread)
        while the batch before is written (in the store's writer thread, which
        mostly runs SQLite without the GIL), and the next one is read while this
        one is written; the bulk path writes nothing if the batch before failed.
        Otherwise batches are written one after the other.
        """
        if not overlap:
            await self._drain()
        after = self._inflight[-1][3] if self._inflight else None
        self._inflight.append((where, count, nodes, asyncio.ensure_future(write(after))))
        await self._drain(keep=1 if overlap else 0)

    async def _drain(self, keep: int = 0) -> None:
        """Wait for the batches being written (all but ``keep``), and count them."""
        while len(self._inflight) > keep:
            where, count, nodes, future = self._inflight.pop(0)
            try:
                await future
            except KamgraphError as exc:
                await self._settle()
                self._failed(where, exc)
            except BaseException:
                await self._settle()
                raise
            if nodes:
                self.result.nodes += count
            else:
                self.result.relationships += count
            self.reporter.update(self.result.written, self.result.written)

    async def _settle(self) -> None:
        """After a failed batch: wait for the ones after it (they write nothing)."""
        rest, self._inflight = self._inflight, []
        for *_, future in rest:
            with contextlib.suppress(Exception):
                await future

    def _failed(self, where: Where, exc: Exception) -> NoReturn:
        file, line, last_file, last_line = where
        span = f"{file}:{line}" + (f"..{last_file}:{last_line}" if last_file != file else f"-{last_line}")
        self.result.failed = f"{span}: writing this batch failed: {exc}"
        self.reporter.message(self.result.failed)
        raise _WriteFailed from exc


class _WriteFailed(Exception):
    pass


#: a batch's write, given the write of the batch before (to follow, and not to write if it failed)
_Write = Callable[[Awaitable[Any] | None], Awaitable[Any]]


def _ignore_after(write: Callable[[], Awaitable[Any]]) -> _Write:
    """A write that runs after the batch before has been drained anyway."""

    def call(after: Awaitable[Any] | None) -> Awaitable[Any]:
        return write()

    return call
