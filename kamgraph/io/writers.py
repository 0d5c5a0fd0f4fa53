"""Writing the import format: NDJSON (one file) or CSV (a directory of six files).

What these write, :mod:`kamgraph.io.readers` reads back to the same graph.
NDJSON is lossless. CSV cannot tell an empty string or an empty ``tags`` list
from "not given" (both are an empty cell), and a tag cannot contain ``;``:
such a tag is refused rather than silently split.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from kamgraph.domain.model import Node, NodeKind, Relationship
from kamgraph.io import formats
from kamgraph.io.readers import NODE_COLUMNS, NODE_FILES, REL_COLUMNS, REL_FILE


class ExportError(Exception):
    """Something in the graph that the chosen format cannot hold."""


def _ordered(out: dict[str, Any], props: Mapping[str, Any], order: Sequence[str]) -> dict[str, Any]:
    """``props`` added to ``out`` in the contract's field order (so that every store
    exports byte-identical files), any others after them by name."""
    base = len(out)
    for name in order:
        if name in props:
            out[name] = props[name]
    if len(out) - base < len(props):
        for name in sorted(props):
            if name not in out:
                out[name] = props[name]
    return out


def node_record(node: Node) -> dict[str, Any]:
    """A node as one NDJSON object: ``{"kind": ..., "id": ..., ...props}``.

    >>> node_record(Node("p1", NodeKind.PERSON, {"title": "CTO", "name": "Ann"}))
    {'kind': 'PERSON', 'id': 'p1', 'name': 'Ann', 'title': 'CTO'}
    """
    return _ordered({"kind": node.kind.value, "id": node.id}, node.props, NODE_COLUMNS[node.kind])


def rel_record(rel: Relationship) -> dict[str, Any]:
    """A relationship as one NDJSON object: ``{"kind": ..., "from": ..., "to": ..., ...props}``."""
    return _ordered(
        {"kind": rel.kind.value, "from": rel.from_id, "to": rel.to_id}, rel.props, REL_COLUMNS
    )


def csv_cell(value: Any, where: str = "") -> str:
    """A value as CSV text in the import format (``where`` names it in an error).

    >>> [csv_cell(v) for v in (None, True, 2, 0.25, ["a", "b"], "x")]
    ['', 'true', '2', '0.25', 'a;b', 'x']
    """
    if isinstance(value, (list, tuple)):
        for item in value:
            if ";" in str(item):
                raise ExportError(
                    f"{where}: the list item {item!r} contains ';', which CSV uses to separate items; "
                    "export as NDJSON instead"
                )
    return formats.cell(value)


class Writer:
    """Base of the two writers: a context manager with ``node`` and ``relationship``."""

    def node(self, node: Node) -> None:
        raise NotImplementedError

    def relationship(self, rel: Relationship) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Writer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class NdjsonWriter(Writer):
    """Everything into one NDJSON file, one object a line."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.parent != Path(""):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._out: IO[str] = open(self.path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        self._dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode

    def node(self, node: Node) -> None:
        self._out.write(self._dumps(node_record(node)) + "\n")

    def relationship(self, rel: Relationship) -> None:
        self._out.write(self._dumps(rel_record(rel)) + "\n")

    def close(self) -> None:
        self._out.close()


class CsvWriter(Writer):
    """One CSV file per node kind and ``relationships.csv``, in a directory."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._files: list[IO[str]] = []
        self._nodes: dict[NodeKind, Any] = {}
        for kind, stem in NODE_FILES.items():
            self._nodes[kind] = self._open(stem, NODE_COLUMNS[kind])
        self._rels = self._open(REL_FILE, REL_COLUMNS)

    def _open(self, stem: str, header: list[str]) -> Any:
        f = open(self.directory / f"{stem}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
        self._files.append(f)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        return w

    def node(self, node: Node) -> None:
        props = node.props
        where = f"{node.kind.value} {node.id!r}"
        row = [node.id]
        for name in NODE_COLUMNS[node.kind][1:]:
            value = props.get(name)
            row.append(csv_cell(value, where) if value is not None else "")
        self._nodes[node.kind].writerow(row)

    def relationship(self, rel: Relationship) -> None:
        props = rel.props
        row = [rel.kind.value, rel.from_id, rel.to_id]
        for name in REL_COLUMNS[3:]:
            value = props.get(name)
            row.append(csv_cell(value) if value is not None else "")
        self._rels.writerow(row)

    def close(self) -> None:
        for f in self._files:
            f.close()
        self._files = []


def open_writer(fmt: str, path: str | Path) -> Writer:
    """A writer of ``fmt`` ("ndjson": the file ``path``; "csv": the directory ``path``)."""
    if fmt == "ndjson":
        return NdjsonWriter(path)
    if fmt == "csv":
        return CsvWriter(path)
    raise ValueError(f"unknown format {fmt!r}: ndjson or csv")
