"""What the writes of every backend check and shape alike, written once.

The rules themselves are :mod:`kamgraph.domain.rules`; this is how a store
applies the ones that need the stored graph, given what its backend read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from kamgraph.domain.errors import Problem
from kamgraph.domain.model import NodeInput, NodeKind, RelationshipInput
from kamgraph.domain.rules import check_home


def normalised(item: RelationshipInput) -> RelationshipInput:
    """``item`` with its key as stored (an undirected kind from the smaller id)."""
    key = item.key.normalised()
    if key == item.key:
        return item
    return RelationshipInput(item.kind, key.from_id, key.to_id, item.props, item.position)


def home_setters(inputs: Sequence[NodeInput], clashing: Iterable[int] = ()) -> list[NodeInput]:
    """The inputs that make a company home (but those at the positions ``clashing``,
    already refused). The backend reads the stored homes only when there are some."""
    refused = set(clashing)
    return [
        i
        for i in inputs
        if i.kind is NodeKind.COMPANY and i.props.get("home") is True and i.position not in refused
    ]


def home_problems(
    setting: Sequence[NodeInput], stored: Iterable[str], after: Mapping[str, tuple[NodeKind, object]]
) -> list[Problem]:
    """At most one company may be home after the write: ``stored`` are the home
    companies before it, ``after`` the kind and ``home`` flag of each id it writes."""
    homes = set(stored)
    for node_id, (kind, home) in after.items():
        if kind is NodeKind.COMPANY:
            if home is True:
                homes.add(node_id)
            else:
                homes.discard(node_id)
    return check_home(setting, homes)
