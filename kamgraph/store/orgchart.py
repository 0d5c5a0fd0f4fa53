"""The org chart of a company, walked from what a backend reads of it (the same for all).

A backend reads, for many companies in one round trip, each company's current
people with the ids of the people they report to (:data:`Staff`); the chart
itself -- levels, depth, a root, cycles -- is computed here, once for every
backend, by :func:`walk`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

from kamgraph.domain.model import Node, OrgChartEntry

#: a company's current people, each with the ids of everyone they report to
#: (managers outside the company included: the walk leaves them out)
Staff: TypeAlias = list[tuple[Node, list[str]]]

#: what :meth:`~kamgraph.store.protocol.GraphStore.org_charts` takes: (company id, root, depth)
OrgChartKey: TypeAlias = tuple[str, str | None, int]


def walk(staff: Staff, root: str | None, depth: int) -> list[OrgChartEntry]:
    """Breadth-first down REPORTS_TO among ``staff``, as the store protocol's ``org_chart``.

    Level 0 is ``root`` alone when given (nothing when it is not among the
    staff), else everyone without a manager among the staff; each level below
    holds the reports of the level above not placed yet (a report of two
    managers goes to the smaller id), down to ``depth``. A cycle does not loop:
    each person appears once. Ordered by level, then id.

    >>> from kamgraph.domain.model import NodeKind
    >>> p = {i: Node(i, NodeKind.PERSON, {}) for i in ("a", "b", "c")}
    >>> staff = [(p["a"], []), (p["b"], ["a", "c"]), (p["c"], ["a"])]
    >>> [(e.person.id, e.manager_id, e.level) for e in walk(staff, None, 5)]
    [('a', None, 0), ('b', 'a', 1), ('c', 'a', 1)]
    >>> [e.person.id for e in walk(staff, "c", 5)], walk(staff, None, -1)
    (['c', 'b'], [])
    """
    if depth < 0:
        return []
    nodes = {node.id: node for node, _ in staff}
    if root is not None and root not in nodes:
        return []
    reports: dict[str, list[str]] = {}
    has_manager: set[str] = set()
    for node, managers in staff:
        for manager in managers:
            if manager in nodes:
                reports.setdefault(manager, []).append(node.id)
                has_manager.add(node.id)
    level_ids = [root] if root is not None else sorted(set(nodes) - has_manager)
    placed: dict[str, tuple[str | None, int]] = dict.fromkeys(level_ids, (None, 0))
    level = 0
    while level_ids and level < depth:
        level += 1
        below: list[str] = []
        for manager in level_ids:  # sorted: the smallest manager id wins a shared report
            for person in sorted(reports.get(manager, ())):
                if person not in placed:
                    placed[person] = (manager, level)
                    below.append(person)
        level_ids = sorted(below)
    entries = [OrgChartEntry(nodes[p], m, lv) for p, (m, lv) in placed.items()]
    entries.sort(key=lambda e: (e.level, e.person.id))
    return entries


def charts(staff: Sequence[Staff], keys: Sequence[OrgChartKey]) -> list[list[OrgChartEntry]]:
    """The chart of each key, ``staff`` being that of each key's company (key order)."""
    return [walk(s, root, depth) for s, (_, root, depth) in zip(staff, keys, strict=True)]
