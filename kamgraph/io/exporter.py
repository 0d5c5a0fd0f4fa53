"""Bulk export: the whole graph in the import format.

Nodes are read kind by kind in pages of ascending id (``store.list_nodes``),
relationships kind by kind in batches (``store.iter_relationships``), and
written as they come: memory stays constant whatever the size of the graph.
Importing the result into an empty store gives the same graph.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from kamgraph.domain.model import NodeKind, RelationshipKind
from kamgraph.io.progress import QuietReporter, Reporter
from kamgraph.io.writers import open_writer
from kamgraph.store.protocol import MAX_PAGE, GraphStore


@dataclass(slots=True)
class ExportResult:
    nodes: int = 0
    relationships: int = 0
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships


async def export_graph(
    store: GraphStore,
    fmt: str,
    path: str | Path,
    reporter: Reporter | None = None,
    page: int = MAX_PAGE,
) -> ExportResult:
    """Write every node and relationship of ``store`` to ``path`` in ``fmt``."""
    rep: Reporter = reporter if reporter is not None else QuietReporter()
    result = ExportResult()
    t0 = time.monotonic()
    counts = await store.counts()
    total = sum(counts.values()) or None
    rep.start("exporting", total)
    with open_writer(fmt, path) as out:
        for kind in NodeKind:
            after: str | None = None
            while True:
                got = await store.list_nodes(kind, page, after)
                for node in got.items:
                    out.node(node)
                result.nodes += len(got.items)
                rep.update(result.rows, result.rows)
                if not got.has_next or not got.items:
                    break
                after = got.end_cursor
        for rel_kind in RelationshipKind:
            async for rels in store.iter_relationships(rel_kind):
                for rel in rels:
                    out.relationship(rel)
                result.relationships += len(rels)
                rep.update(result.rows, result.rows)
    rep.finish()
    result.seconds = time.monotonic() - t0
    return result
