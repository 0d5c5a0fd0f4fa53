"""Relationship gaps of an account (docs/domain.md, "Relationship gaps").

Where our relationships with an account's decision-makers are missing, weak or
stale, how many of our people talk to the account at all, which buying roles no
one fills on its open deals, and for each uncovered decision-maker the warmest
way in.

>>> from kamgraph.domain.model import Node, NodeKind as N, Relationship, RelationshipKind as K
>>> from kamgraph.analysis.model import build_graph
>>> g = build_graph(
...     [Node("home", N.COMPANY, {"name": "Us", "home": True}),
...      Node("acme", N.COMPANY, {"name": "Acme", "tier": "KEY"}),
...      Node("ceo", N.PERSON, {"name": "Ceo", "seniority": "C_LEVEL"}),
...      Node("me", N.PERSON, {"name": "Me"})],
...     [Relationship(K.WORKS_AT, "me", "home", {}), Relationship(K.WORKS_AT, "ceo", "acme", {}),
...      Relationship(K.KNOWS, "ceo", "me", {"strength": 0.7, "lastContact": "2025-01-01"})])
>>> r = relationship_gaps(g, "acme", as_of="2025-02-01")
>>> r.coverage, r.threads, r.single_threaded, r.stale
(1.0, 1, True, ())
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import networkx as nx

from kamgraph.analysis.accounts import (
    check_account,
    current_people,
    decision_makers,
    is_open,
    opportunities_of,
    team,
)
from kamgraph.analysis.errors import check_int, check_unit
from kamgraph.analysis.model import both_rels, in_rels
from kamgraph.analysis.paths import InfluencePath, influence_paths
from kamgraph.analysis.ties import knows_strength
from kamgraph.domain.errors import InvalidArgumentError
from kamgraph.domain.model import BuyingRole, RelationshipKind

#: The roles every open opportunity should have someone in, in this order.
NEEDED_ROLES = (
    BuyingRole.ECONOMIC_BUYER,
    BuyingRole.TECHNICAL_BUYER,
    BuyingRole.USER_BUYER,
    BuyingRole.COACH,
)
MAX_STALE_DAYS = 36_500


@dataclass(frozen=True, slots=True)
class StaleTie:
    """A covering tie not renewed in time: who of ours, whom, how strong, last contact."""

    teammate: str
    person: str
    strength: float
    last_contact: str | None


@dataclass(frozen=True, slots=True)
class MissingRole:
    opportunity: str
    role: BuyingRole


@dataclass(frozen=True, slots=True)
class UncoveredPerson:
    person: str
    best_path: InfluencePath | None


@dataclass(frozen=True, slots=True)
class GapReport:
    account: str
    decision_makers: tuple[str, ...]
    covered: tuple[str, ...]
    uncovered: tuple[UncoveredPerson, ...]
    coverage: float | None
    threads: int
    single_threaded: bool
    stale: tuple[StaleTie, ...]
    missing_roles: tuple[MissingRole, ...]


def parse_as_of(as_of: dt.date | str | None) -> dt.date:
    """``asOf`` as a date (today when ``None``)."""
    if as_of is None:
        return dt.date.today()
    if isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(as_of)
    except (TypeError, ValueError):
        raise InvalidArgumentError("asOf", f"must be a date YYYY-MM-DD, got {as_of!r}") from None


def covering_ties(
    g: nx.MultiDiGraph, people: list[str], ours: AbstractSet[str], min_strength: float
) -> list[tuple[str, str, float, str | None]]:
    """``(teammate, person, strength, lastContact)`` of each KNOWS of strength
    ≥ ``min_strength`` between one of ``ours`` and one of ``people``."""
    found = []
    for person in people:
        for other, props in both_rels(g, person, RelationshipKind.KNOWS):
            s = knows_strength(props)
            if other in ours and other != person and s >= min_strength:
                found.append((other, person, s, props.get("lastContact")))
    return found


def coverage(
    g: nx.MultiDiGraph, account: str, min_strength: float = 0.5, ours: AbstractSet[str] | None = None
) -> float | None:
    """Covered decision-makers / decision-makers of the account (``None`` when it
    has none); ``ours``: our team when already known (else read from ``g``)."""
    dms = decision_makers(g, account)
    if not dms:
        return None
    team_ids = set(team(g)) if ours is None else ours
    covered = {p for _, p, _, _ in covering_ties(g, dms, team_ids, min_strength)}
    return len(covered) / len(dms)


def relationship_gaps(
    g: nx.MultiDiGraph,
    account: str,
    min_strength: float = 0.5,
    stale_days: int = 90,
    as_of: dt.date | str | None = None,
    best_paths: Mapping[str, InfluencePath | None] | None = None,
) -> GapReport:
    """The relationship gaps of ``account``.

    Parameters
    ----------
    g
        The account's neighbourhood: its current people and opportunities with
        their INFLUENCES, the home company and our team, the KNOWS between our
        team and the account's people, and (unless ``best_paths`` is given) the
        influence-path neighbourhood of each uncovered decision-maker.
    account
        An account (a non-home company with a tier or status).
    min_strength
        A decision-maker is covered when one of our team KNOWS them at least this
        strongly (argument ``minStrength``, 0..1).
    stale_days
        A covering tie is stale when its lastContact is missing or more than this
        many days before ``as_of`` (argument ``staleDays``).
    as_of
        The day to judge staleness on (argument ``asOf``; default today).
    best_paths
        The best influence path to each uncovered decision-maker when already
        known (the fetch finds them on their own small neighbourhoods); then
        ``g`` need not hold those neighbourhoods. A person it lacks has none.

    Returns
    -------
    GapReport
        Lists sorted by id; stale ties by (person, teammate); missing roles by
        opportunity, then in the order of :data:`NEEDED_ROLES`.
    """
    min_strength = check_unit("minStrength", min_strength)
    stale_days = check_int("staleDays", stale_days, 0, MAX_STALE_DAYS)
    day = parse_as_of(as_of)
    check_account(g, account)
    ours = set(team(g))
    dms = decision_makers(g, account)
    ties = covering_ties(g, dms, ours, min_strength)
    covered = sorted({p for _, p, _, _ in ties})
    limit = day - dt.timedelta(days=stale_days)
    stale = sorted(
        (StaleTie(t, p, s, lc) for t, p, s, lc in ties if lc is None or dt.date.fromisoformat(lc) < limit),
        key=lambda st: (st.person, st.teammate),
    )
    uncovered = []
    for p in dms:
        if p not in covered:
            if best_paths is not None:
                uncovered.append(UncoveredPerson(p, best_paths.get(p)))
                continue
            best = influence_paths(g, p, sources=sorted(ours), limit=1) if ours else []
            uncovered.append(UncoveredPerson(p, best[0] if best else None))
    threads: set[str] = set()
    for person in current_people(g, account):
        knows = both_rels(g, person, RelationshipKind.KNOWS)
        threads.update(o for o, _ in knows if o in ours and o != person)
    missing = []
    for opp in opportunities_of(g, account):
        if is_open(g, opp):
            held = {props.get("role") for _, props in in_rels(g, opp, RelationshipKind.INFLUENCES)}
            missing += [MissingRole(opp, role) for role in NEEDED_ROLES if role.value not in held]
    return GapReport(
        account=account,
        decision_makers=tuple(dms),
        covered=tuple(covered),
        uncovered=tuple(uncovered),
        coverage=len(covered) / len(dms) if dms else None,
        threads=len(threads),
        single_threaded=len(threads) <= 1,
        stale=tuple(stale),
        missing_roles=tuple(missing),
    )
