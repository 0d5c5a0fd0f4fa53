"""The validated batches of an import, kept between its two passes.

Pass 1 validates every batch; pass 2 writes them. In between they are kept
here, so that pass 2 neither reads nor validates the files again: the first
``memory_rows`` rows as the validated values themselves, the rest in an
anonymous temporary file (deleted when closed, or when the process ends),
each batch as one ``marshal`` frame of plain tuples. Memory stays constant in
the size of the input; the disk holds about as much as the input files.

Node batches and relationship batches are kept apart, so that pass 2 writes
every node before any relationship whatever the order of the input.
"""

from __future__ import annotations

import marshal
import pickle
import struct
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from kamgraph.domain.model import NodeInput, NodeKind, RelationshipInput, RelationshipKind

Where = tuple[str, int, str, int]  # the first and last row of a batch: file, line, file, line
NodeBatch = tuple[Where, NodeKind, list[NodeInput]]
RelBatch = tuple[Where, list[RelationshipInput]]

_FRAME = struct.Struct("<BQ")  # encoding (0 marshal, 1 pickle), length
_NODE_KINDS: dict[str, NodeKind] = {k.value: k for k in NodeKind}
_REL_KINDS: dict[str, RelationshipKind] = {k.value: k for k in RelationshipKind}


def _encode(value: Any) -> bytes:
    try:
        body, how = marshal.dumps(value), 0
    except ValueError:  # a value marshal does not know (not from validation, but possible)
        body, how = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1
    return _FRAME.pack(how, len(body)) + body


def _decode(handle: IO[bytes]) -> Any | None:
    head = handle.read(_FRAME.size)
    if not head:
        return None
    how, size = _FRAME.unpack(head)
    body = handle.read(size)
    return marshal.loads(body) if how == 0 else pickle.loads(body)  # our own file


class _Side:
    """One sequence of batches: the first ones in memory, the rest in a file."""

    def __init__(self) -> None:
        self.memory: list[Any] = []
        self.file: IO[bytes] | None = None

    def close(self) -> None:
        self.memory = []
        if self.file is not None:
            self.file.close()
            self.file = None


class BatchSpool:
    """Validated node and relationship batches, in the order they were added."""

    def __init__(self, memory_rows: int) -> None:
        self.memory_rows = memory_rows
        self.rows = 0  # rows added
        self._nodes = _Side()
        self._rels = _Side()

    def _to_file(self, side: _Side) -> IO[bytes] | None:
        """Where the next batch goes: None for memory, else the side's file."""
        if side.file is None and self.rows > self.memory_rows:
            side.file = tempfile.TemporaryFile(prefix="kamgraph-import-")  # noqa: SIM115 (closed by close)
        return side.file

    def add_nodes(self, where: Where, kind: NodeKind, inputs: list[NodeInput]) -> None:
        self.rows += len(inputs)
        handle = self._to_file(self._nodes)
        if handle is None:
            self._nodes.memory.append((where, kind, inputs))
            return
        handle.write(_encode((where, kind._value_, [(n.id, n.props) for n in inputs])))

    def add_rels(self, where: Where, inputs: list[RelationshipInput]) -> None:
        self.rows += len(inputs)
        handle = self._to_file(self._rels)
        if handle is None:
            self._rels.memory.append((where, inputs))
            return
        handle.write(_encode((where, [(r.kind._value_, r.from_id, r.to_id, r.props) for r in inputs])))

    def node_batches(self) -> Iterator[NodeBatch]:
        """Every node batch, in the order added (each kind's in file order)."""
        yield from self._nodes.memory
        for where, kind, rows in self._frames(self._nodes):
            k = _NODE_KINDS[kind]
            yield where, k, [NodeInput(i, k, p, n) for n, (i, p) in enumerate(rows)]

    def rel_batches(self) -> Iterator[RelBatch]:
        """Every relationship batch, in the order added (file order)."""
        yield from self._rels.memory
        kinds = _REL_KINDS
        for where, rows in self._frames(self._rels):
            batch = [RelationshipInput(kinds[k], a, b, p, n) for n, (k, a, b, p) in enumerate(rows)]
            yield where, batch

    @staticmethod
    def _frames(side: _Side) -> Iterator[Any]:
        handle = side.file
        if handle is None:
            return
        handle.flush()
        handle.seek(0)
        while True:
            frame = _decode(handle)
            if frame is None:
                return
            yield frame

    def close(self) -> None:
        """Forget every batch (and delete the file)."""
        self._nodes.close()
        self._rels.close()
