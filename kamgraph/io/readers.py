"""Reading import files: which files a PATH names, and their rows as records.

A record is one row of one file, with the data in the shape that
:func:`kamgraph.domain.rules.validate_nodes` / ``validate_relationships`` take:
CSV text is already typed here by the property specs of
:mod:`kamgraph.domain.model` (numbers, booleans, ``;``-separated lists), so that the
validation that follows sees the same values as from NDJSON or GraphQL.
Problems found while reading (bad JSON, a number that is not one, an unknown
column) travel with the record, each as ``(field, reason)``.

Reading is streaming: a file is never held in memory.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, NamedTuple

from kamgraph.domain.model import NODE_PROPS, REL_SPECS, NodeKind, PropType, RelationshipKind
from kamgraph.io import formats

# The file layout and columns are those of the synthetic generator's writers
# (kamgraph.io.formats), so that what it writes is what this reads.

#: The CSV file (stem) of each node kind.
NODE_FILES: dict[NodeKind, str] = {k: Path(name).stem for k, name in formats.NODE_FILES.items()}
REL_FILE = Path(formats.RELATIONSHIPS_FILE).stem

#: The columns of each node kind's CSV file: ``id``, then the input fields.
NODE_COLUMNS: dict[NodeKind, list[str]] = {k: list(cols) for k, cols in formats.NODE_COLUMNS.items()}

#: The property fields of ``RelationshipInput``, in the contract's order.
REL_PROP_COLUMNS: list[str] = list(formats.RELATIONSHIP_PROPS)
REL_COLUMNS: list[str] = list(formats.RELATIONSHIP_COLUMNS)

_NODE_KINDS: dict[str, NodeKind] = {k.value: k for k in NodeKind}
_REL_KINDS: dict[str, RelationshipKind] = {k.value: k for k in RelationshipKind}
_KIND_RULE = (
    "must be a node kind ("
    + ", ".join(_NODE_KINDS)
    + ") or a relationship kind ("
    + ", ".join(_REL_KINDS)
    + ")"
)


class InputError(Exception):
    """A PATH argument that cannot be imported (missing, or not a known file)."""


class Record(NamedTuple):
    """One row: where it is, what it is, its data, and problems found reading it.

    ``kind`` is the node kind, or ``None`` for a relationship (its kind is
    ``data["kind"]``). ``data`` is ``None`` when the row could not be read at
    all (then ``problems`` says why).
    """

    file: str
    line: int
    kind: NodeKind | None
    data: dict[str, Any] | None
    problems: list[tuple[str, str]] | None


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to import: its path, how it is read, and (CSV) what it holds."""

    path: Path
    format: str  # "csv" or "ndjson"
    kind: NodeKind | None = None  # CSV node file: its kind; None: relationships
    rels: bool = False  # CSV relationships file

    @property
    def label(self) -> str:
        return str(self.path)

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def _csv_role(path: Path) -> InputFile:
    stem = path.stem.lower()

    def matches(name: str) -> bool:
        return stem == name or (stem.startswith(name) and stem[len(name)] in "-_.")

    for kind, name in NODE_FILES.items():
        if matches(name):
            return InputFile(path, "csv", kind=kind)
    if matches(REL_FILE):
        return InputFile(path, "csv", rels=True)
    names = ", ".join(f"{n}.csv" for n in [*NODE_FILES.values(), REL_FILE])
    raise InputError(f"{path}: a CSV file must be named after what it holds: one of {names}")


def _order(f: InputFile) -> tuple[int, int, str]:
    if f.format == "csv" and f.kind is not None:
        return (0, list(NodeKind).index(f.kind), f.path.name)
    if f.format == "ndjson":
        return (1, 0, f.path.name)
    return (2, 0, f.path.name)


def expand_paths(paths: Sequence[str | Path]) -> list[InputFile]:
    """The files that the PATH arguments name, in reading order.

    A directory stands for its ``*.csv`` and ``*.ndjson`` files: CSV node files
    first (companies, people, interests, products, opportunities), then NDJSON
    files by name, then ``relationships*.csv``. Files are taken in the order given.
    """
    out: list[InputFile] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = [
                _csv_role(p) if p.suffix.lower() == ".csv" else InputFile(p, "ndjson")
                for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in (".csv", ".ndjson")
            ]
            if not found:
                raise InputError(f"{path}: the directory has no *.csv or *.ndjson file")
            out.extend(sorted(found, key=_order))
        elif path.is_file():
            suffix = path.suffix.lower()
            if suffix == ".csv":
                out.append(_csv_role(path))
            elif suffix in (".ndjson", ".jsonl"):
                out.append(InputFile(path, "ndjson"))
            else:
                raise InputError(f"{path}: not a .csv or .ndjson file")
        else:
            raise InputError(f"{path}: no such file or directory")
    return out


# --------------------------------------------------------------------------
# CSV typing
# --------------------------------------------------------------------------


class _TypeBad(Exception):
    pass


def _float(text: str) -> Any:
    try:
        return float(text)
    except ValueError:
        raise _TypeBad(f"must be a number, not {text!r}") from None


def _int(text: str) -> Any:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)  # validation says whether it is a whole number
    except ValueError:
        raise _TypeBad(f"must be a whole number, not {text!r}") from None


def _bool(text: str) -> Any:
    low = text.strip().lower()
    if low == "true":
        return True
    if low == "false":
        return False
    raise _TypeBad(f"must be true or false, not {text!r}")


def _strings(text: str) -> Any:
    return [part.strip() for part in text.split(";") if part.strip()]


Converter = Callable[[str], Any] | None
_CONVERTERS: dict[PropType, Converter] = {
    PropType.FLOAT: _float,
    PropType.INT: _int,
    PropType.BOOL: _bool,
    PropType.STRINGS: _strings,
}


def _node_converters(kind: NodeKind) -> dict[str, Converter]:
    specs = NODE_PROPS[kind]
    return {"id": None, **{name: _CONVERTERS.get(spec.type) for name, spec in specs.items()}}


#: relationship kind -> column -> converter (columns that do not apply: text,
#: and validation says they do not apply)
_REL_CONVERTERS: dict[str, dict[str, Converter]] = {
    kind.value: {name: _CONVERTERS.get(spec.type) for name, spec in REL_SPECS[kind].props.items()}
    for kind in RelationshipKind
}


# --------------------------------------------------------------------------
# Readers
# --------------------------------------------------------------------------


class FileReader:
    """Iterates the records of one file; :meth:`tell` is how far it has read (bytes)."""

    def __init__(self, f: InputFile) -> None:
        self.file = f
        self._handle: IO[str] | None = None

    def tell(self) -> int:
        h = self._handle
        if h is None or h.closed:
            return 0
        try:
            return int(h.buffer.tell())  # type: ignore[attr-defined]
        except (OSError, ValueError):
            return 0

    def __iter__(self) -> Iterator[Record]:
        # bytes that are not UTF-8 become lone surrogates, reported by line (not a traceback)
        with open(self.file.path, encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
            self._handle = handle
            if self.file.format == "ndjson":
                yield from _read_ndjson(self.file.label, handle)
            else:
                yield from _read_csv(self.file, handle)


_SURROGATE = re.compile("[\ud800-\udfff]")
NOT_UTF8 = "is not valid UTF-8"
NOT_UNICODE = "holds a string that is not valid Unicode (a lone surrogate)"


def _not_unicode(value: Any, depth: int = 0) -> bool:
    """Whether a decoded JSON value holds a lone surrogate (escaped as ``\\ud800``)."""
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict) and depth < 64:
        return any(_not_unicode(k) or _not_unicode(v, depth + 1) for k, v in value.items())
    if isinstance(value, list) and depth < 64:
        return any(_not_unicode(v, depth + 1) for v in value)
    return False


def _read_ndjson(label: str, handle: IO[str]) -> Iterator[Record]:
    loads = json.loads
    node_kinds, rel_kinds = _NODE_KINDS, _REL_KINDS
    for line_no, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        if _SURROGATE.search(line) is not None:
            yield Record(label, line_no, None, None, [("(line)", NOT_UTF8)])
            continue
        try:
            obj = loads(line)
        except ValueError as exc:
            yield Record(label, line_no, None, None, [("(line)", f"is not valid JSON: {exc}")])
            continue
        except RecursionError:
            yield Record(label, line_no, None, None, [("(line)", "is nested too deeply")])
            continue
        if _not_unicode(obj):
            yield Record(label, line_no, None, None, [("(line)", NOT_UNICODE)])
            continue
        if not isinstance(obj, dict):
            yield Record(label, line_no, None, None, [("(line)", "must be a JSON object")])
            continue
        raw = obj.get("kind")
        if isinstance(raw, str):
            kind = node_kinds.get(raw)
            if kind is not None:
                yield Record(label, line_no, kind, obj, None)
                continue
            if raw in rel_kinds:
                yield Record(label, line_no, None, obj, None)
                continue
        yield Record(label, line_no, None, None, [("kind", _KIND_RULE)])


def _read_csv(f: InputFile, handle: IO[str]) -> Iterator[Record]:
    label = f.label
    reader = csv.reader(handle)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return  # an empty file holds nothing
    except csv.Error as exc:
        yield Record(label, 1, None, None, [("(header)", f"is not valid CSV: {exc}")])
        return
    allowed = NODE_COLUMNS[f.kind] if f.kind is not None else REL_COLUMNS
    header_problems: list[tuple[str, str]] = []
    columns: list[tuple[int, str]] = []
    for index, name in enumerate(header):
        if name not in allowed:
            what = f"{f.kind.value}" if f.kind is not None else "a relationship"
            header_problems.append((name or f"(column {index + 1})", f"is not a field of {what}"))
        elif name in (c for _, c in columns):
            header_problems.append((name, "is a column twice"))
        else:
            columns.append((index, name))
    required = ["id"] if f.kind is not None else ["kind", "from", "to"]
    for name in required:
        if name not in header:
            header_problems.append((name, "is a required column"))
    if header_problems:
        yield Record(label, 1, None, None, header_problems)
        return
    width = len(header)
    if f.kind is not None:
        yield from _csv_nodes(label, reader, f.kind, columns, width)
    else:
        yield from _csv_rels(label, reader, columns, width)


#: column name -> converter, for the columns whose text is typed (the rest stay text)
Typing = dict[str, Callable[[str], Any]]
_new_record = tuple.__new__  # Record(...) without NamedTuple's Python-level __new__


def _typing(conv: dict[str, Converter]) -> Typing:
    return {name: fn for name, fn in conv.items() if fn is not None}


def _csv_nodes(
    label: str, reader: Any, kind: NodeKind, columns: list[tuple[int, str]], width: int
) -> Iterator[Record]:
    typing = _typing(_node_converters(kind))
    return _csv_rows(label, reader, width, columns, kind, lambda data: typing)


def _csv_rels(label: str, reader: Any, columns: list[tuple[int, str]], width: int) -> Iterator[Record]:
    # per relationship kind, the columns typed; an unknown kind's cells stay text
    # (validation names the kind), and so do the cells of columns that do not apply
    # to the kind (validation says they do not apply)
    by_kind: dict[str, Typing] = {kind: _typing(conv) for kind, conv in _REL_CONVERTERS.items()}
    text: Typing = {}
    return _csv_rows(label, reader, width, columns, None, lambda data: by_kind.get(data["kind"], text))


def _csv_rows(
    label: str,
    reader: Any,
    width: int,
    columns: list[tuple[int, str]],
    kind: NodeKind | None,
    typing_of: Callable[[dict[str, Any]], Typing],
) -> Iterator[Record]:
    """One record per data row, its non-empty cells typed by the row's typing; blank
    lines skipped. ``columns`` name every cell of the header, in order."""
    names = [name for _, name in columns]
    assert [i for i, _ in columns] == list(range(width))
    new = _new_record
    cell_text = itemgetter(1)
    column_of = {name: i for i, name in columns}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Record(label, reader.line_num, None, None, [("(row)", f"is not valid CSV: {exc}")])
            continue
        if any(_SURROGATE.search(cell) is not None for cell in row):
            yield Record(label, reader.line_num, None, None, [("(row)", NOT_UTF8)])
            continue
        if len(row) != width:
            if not row or row == [""]:
                continue  # a blank line
            if len(row) > width:
                yield Record(label, reader.line_num, None, None,
                             [("(row)", f"has {len(row)} cells; the header has {width}")])  # fmt: skip
                continue
        data: dict[str, Any] = dict(filter(cell_text, zip(names, row, strict=False)))  # non-empty cells
        problems: list[tuple[str, str]] | None = None
        if data and (kind is not None or "kind" in data):
            for name, fn in typing_of(data).items():
                text = data.get(name)
                if text is not None:
                    try:
                        data[name] = fn(text)
                    except _TypeBad as bad:
                        del data[name]  # reported here; validation does not see it
                        if problems is None:
                            problems = []
                        problems.append((name, str(bad)))
            if problems is not None and len(problems) > 1:
                problems.sort(key=lambda p: column_of[p[0]])  # in the order of the columns
        yield new(Record, (label, reader.line_num, kind, data, problems))
