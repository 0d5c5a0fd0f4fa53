"""What the writes of every backend check and shape alike, written once.

The rules themselves are :mod:`kamgraph.domain.rules`; this is how a store
applies the ones that need the stored graph, given what its backend read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from kamgraph.domain.errors import Problem
from kamgraph.domain.model import NodeInput, NodeKind, RelationshipInput
from kamgraph.domain.rules import check_home, check_kind_clash

S = TypeVar("S")


def merge_in_order(
    inputs: Sequence[NodeInput],
    state: dict[str, tuple[NodeKind, S]],
    merge: Callable[[NodeInput, S | None], S],
) -> tuple[list[Problem], set[int]]:
    """Apply node upserts to ``state`` (id -> kind and what the backend keeps of the
    node, as stored) in order, so that an id given twice merges twice; an input
    giving a known id another kind is refused. Returns the problems and the
    positions of the refused inputs."""
    problems: list[Problem] = []
    clashing: set[int] = set()
    for item in inputs:
        known = state.get(item.id)
        clash = check_kind_clash([item], {item.id: known[0]} if known else {})
        if clash:
            problems.extend(clash)
            clashing.add(item.position)
            continue
        state[item.id] = (item.kind, merge(item, known[1] if known else None))
    return problems, clashing


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
