"""The named Cypher queries of the Neo4j store, one ``.cypher`` file each.

The files live in the repository's top-level ``cypher/`` directory, which an
installed wheel carries as ``kamgraph/cypher/`` (pyproject force-includes it).
:func:`query` looks the name up in the package first, then in the source
checkout, and caches the text.

Labels and relationship types cannot be Cypher parameters, so a few files are
templates: ``{{LABEL}}`` is replaced by a :class:`~kamgraph.domain.model.NodeKind`'s
label and ``{{TYPE}}`` by a :class:`~kamgraph.domain.model.RelationshipKind`'s value.
Only enum members are accepted for those, never strings, so nothing a user
sends is ever formatted into a query; every value is a ``$parameter``.

>>> "MATCH" in query("get_nodes")
True
>>> ":WORKS_AT" in query("relate", rel_kind=RelationshipKind.WORKS_AT)
True
>>> query("no_such_query")
Traceback (most recent call last):
...
kamgraph.store.neo4j.cypher.UnknownQueryError: no Cypher query named 'no_such_query'
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from typing import LiteralString

from kamgraph.domain.model import NodeKind, RelationshipKind

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_SOURCE_DIR = Path(__file__).resolve().parents[3] / "cypher"


class UnknownQueryError(KeyError):
    """No query file of that name (or a template used without its kind)."""

    def __str__(self) -> str:
        return str(self.args[0])


def _read(name: str) -> str | None:
    packaged = resources.files("kamgraph").joinpath("cypher", f"{name}.cypher")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source = _SOURCE_DIR / f"{name}.cypher"
    if source.is_file():
        return source.read_text(encoding="utf-8")
    return None


@functools.cache
def raw(name: str) -> str:
    """The text of the query file ``name`` (without ``.cypher``), cached."""
    if not _NAME.match(name):
        raise UnknownQueryError(f"no Cypher query named {name!r}")
    text = _read(name)
    if text is None:
        raise UnknownQueryError(f"no Cypher query named {name!r}")
    return text


def query(
    name: str, *, label: NodeKind | None = None, rel_kind: RelationshipKind | None = None
) -> LiteralString:
    """The query ``name`` with its ``{{LABEL}}`` / ``{{TYPE}}`` placeholders filled.

    ``label`` and ``rel_kind`` must be enum members (the whitelist); a template
    used without them, or a kind given to a file without the placeholder, is an error.
    """
    return _query(name, label, rel_kind)


@functools.cache
def _query(name: str, label: object, rel_kind: object) -> LiteralString:
    text = raw(name)
    for placeholder, value in (("{{LABEL}}", label), ("{{TYPE}}", rel_kind)):
        if value is None:
            if placeholder in text:
                raise UnknownQueryError(f"query {name!r} needs {placeholder}")
            continue
        if placeholder not in text:
            raise UnknownQueryError(f"query {name!r} has no {placeholder}")
        if placeholder == "{{LABEL}}" and isinstance(value, NodeKind):
            text = text.replace(placeholder, value.label)
        elif placeholder == "{{TYPE}}" and isinstance(value, RelationshipKind):
            text = text.replace(placeholder, value.value)
        else:
            raise TypeError(f"{placeholder} takes an enum member, not {value!r}")
    # The text comes only from the fixed files and the enum whitelist above
    # (mypy treats LiteralString as str).
    return text


def statements(name: str) -> list[LiteralString]:
    """The statements of a multi-statement file (``schema``), split on ``;``,
    with ``//`` comment lines dropped."""
    text = "\n".join(
        line for line in raw(name).splitlines() if not line.lstrip().startswith("//")
    )
    return [s.strip() for s in text.split(";") if s.strip()]
