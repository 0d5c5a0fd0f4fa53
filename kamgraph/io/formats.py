"""The import record format, and streaming writers for NDJSON and CSV.

A record is a plain dict. A node::

    {"kind": "PERSON", "id": "p-0000123", "name": "Ana Silva", "seniority": "VP", ...}

``kind`` is a ``NodeKind`` value; the other keys are the fields of the GraphQL
input type of that kind (``CompanyInput``, ``PersonInput``, ``InterestInput``,
``ProductInput``, ``OpportunityInput``), with the same names. A relationship::

    {"kind": "KNOWS", "from": "p-0000001", "to": "p-0000002", "strength": 0.7, ...}

``kind`` is a ``RelationshipKind`` value; the properties are fields of
``RelationshipInput``. Dates are ``YYYY-MM-DD`` strings, ``tags`` a list of
strings, enums their names. A field that is absent is "not given". A stream
names every node before any relationship that references it, so that an
importer can write in one pass.

On disk:

- NDJSON: everything in one file, ``graph.ndjson``, one JSON object a line.
- CSV: ``companies.csv``, ``people.csv``, ``interests.csv``, ``products.csv``,
  ``opportunities.csv`` (columns: ``id`` then the input type's fields, in the
  order of the GraphQL contract) and ``relationships.csv`` (``kind,from,to``
  then every property field of ``RelationshipInput``). An empty cell is "not
  given"; ``tags`` is ``;``-separated; booleans are ``true``/``false``. Every
  file is written with its header, even when it has no rows.

Both writers take an iterator and keep constant memory.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from kamgraph.domain.model import NODE_PROPS, NodeKind

NDJSON_FILE = "graph.ndjson"
NODE_FILES: Mapping[NodeKind, str] = {
    NodeKind.COMPANY: "companies.csv",
    NodeKind.PERSON: "people.csv",
    NodeKind.INTEREST: "interests.csv",
    NodeKind.PRODUCT: "products.csv",
    NodeKind.OPPORTUNITY: "opportunities.csv",
}
RELATIONSHIPS_FILE = "relationships.csv"
NODE_COLUMNS: Mapping[NodeKind, tuple[str, ...]] = {kind: ("id", *NODE_PROPS[kind]) for kind in NodeKind}
#: The property fields of RelationshipInput, in the contract's order.
RELATIONSHIP_PROPS: tuple[str, ...] = (
    "strength",
    "title",
    "since",
    "until",
    "current",
    "lastContact",
    "source",
    "level",
    "role",
    "stance",
    "category",
    "share",
    "contractEnd",
    "satisfaction",
    "spend",
)
RELATIONSHIP_COLUMNS: tuple[str, ...] = ("kind", "from", "to", *RELATIONSHIP_PROPS)
_NODE_KINDS = frozenset(k.value for k in NodeKind)


def is_node(record: Mapping[str, Any]) -> bool:
    """Whether a record is a node (else a relationship)."""
    return record["kind"] in _NODE_KINDS


def cell(value: Any) -> str:
    """The CSV text of a value.

    >>> cell(True), cell(None), cell(["a", "b"]), cell(0.5), cell(3)
    ('true', '', 'a;b', '0.5', '3')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(value)
    return str(value)


def _counting(records: Iterable[Mapping[str, Any]], counts: Counter[str]) -> Iterator[Mapping[str, Any]]:
    for r in records:
        counts[r["kind"]] += 1
        yield r


def write_ndjson(records: Iterable[Mapping[str, Any]], path: str | Path) -> Counter[str]:
    """Write records to ``path``, one JSON object a line; returns the count per kind."""
    counts: Counter[str] = Counter()
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with open(path, "w", encoding="utf-8") as f:
        buf: list[str] = []
        for r in _counting(records, counts):
            buf.append(dumps(r))
            if len(buf) >= 4096:
                f.write("\n".join(buf) + "\n")
                buf.clear()
        if buf:
            f.write("\n".join(buf) + "\n")
    return counts


def write_csv(records: Iterable[Mapping[str, Any]], directory: str | Path) -> Counter[str]:
    """Write records as the six CSV files in ``directory``; returns the count per kind.

    A field a file has no column for is an error (``ValueError``), not dropped.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    with ExitStack() as stack:
        writers: dict[str, tuple[Any, tuple[str, ...], frozenset[str]]] = {}

        def open_csv(name: str, columns: tuple[str, ...]) -> Any:
            f: IO[str] = stack.enter_context(open(out / name, "w", encoding="utf-8", newline=""))
            w = csv.writer(f)
            w.writerow(columns)
            return w

        for kind, name in NODE_FILES.items():
            cols = NODE_COLUMNS[kind]
            writers[kind.value] = (open_csv(name, cols), cols, frozenset(cols) | {"kind"})
        rel_writer = open_csv(RELATIONSHIPS_FILE, RELATIONSHIP_COLUMNS)
        rel_columns = frozenset(RELATIONSHIP_COLUMNS)
        for r in _counting(records, counts):
            node = writers.get(r["kind"])
            if node is not None:
                writer, columns, allowed = node
                if not allowed.issuperset(r):
                    raise ValueError(f"record {r.get('id')!r} has fields without a column")
                writer.writerow([cell(r.get(c)) for c in columns])
            else:
                if not rel_columns.issuperset(r):
                    raise ValueError(f"relationship {r.get('kind')} has fields without a column")
                rel_writer.writerow([cell(r.get(c)) for c in RELATIONSHIP_COLUMNS])
    return counts
