"""The influence-path fetch (a ball grown by cost from the target): what it finds and what it reads."""

from __future__ import annotations

from typing import Any

from kamgraph.analysis.paths import influence_paths
from kamgraph.domain.model import DEFAULT_TIE_WEIGHTS, Relationship, TieKind
from kamgraph.domain.model import RelationshipKind as K
from kamgraph.insights.neighbourhood import best_paths_neighbourhood
from kamgraph.insights.path_fetch import best_paths
from tests.unit.analysis.seeded import reading


def knows(a: str, b: str, s: float) -> Relationship:
    return Relationship(K.KNOWS, min(a, b), max(a, b), {"strength": s})


def works(p: str, c: str, current: bool = True) -> Relationship:
    return Relationship(K.WORKS_AT, p, c, {"current": current})


def likes(p: str, i: str) -> Relationship:
    return Relationship(K.INTERESTED_IN, p, i, {})


async def best(rels: list[Relationship], target: str, sources: list[str], limit: int = 1,
               weights: Any = DEFAULT_TIE_WEIGHTS) -> tuple[list[tuple[float, tuple[str, ...]]], int]:
    g, read = await reading(rels, lambda s: best_paths_neighbourhood(s, target, sources, 4, weights, limit))
    found = influence_paths(g, target, sources=sources, limit=limit, weights=weights)
    return [(round(p.score, 6), p.people) for p in found], read.rows


async def test_a_colleague_tie_beats_a_longer_path_found_first() -> None:
    rels = [knows("us", "x", 0.5), knows("x", "ceo", 0.5), works("us", "acme"), works("ceo", "acme"),
            knows("ceo", "far", 0.23)]
    assert (await best(rels, "ceo", ["us"], 1))[0] == [(0.3, ("us", "ceo"))]
    assert (await best(rels, "ceo", ["us"], 2))[0] == [(0.3, ("us", "ceo")), (0.25, ("us", "x", "ceo"))]


async def test_a_former_colleague_and_a_shared_interest_are_found_when_nothing_beats_them() -> None:
    rels = [knows("us", "x", 0.2), knows("x", "ceo", 0.2), works("us", "old", False), works("ceo", "old"),
            likes("us", "golf"), likes("y", "golf"), knows("y", "ceo", 1.0)]
    assert (await best(rels, "ceo", ["us"], 3))[0] == [
        (0.25, ("us", "ceo")), (0.1, ("us", "y", "ceo")), (0.04, ("us", "x", "ceo"))]


async def test_a_big_hub_is_not_read_when_strong_paths_suffice() -> None:
    crowd = [f"fan{i:04d}" for i in range(2000)]
    rels = [knows("us", "amy", 0.9), knows("amy", "ceo", 0.9), likes("ceo", "golf"), likes("us", "golf"),
            *(likes(p, "golf") for p in crowd), works("ceo", "acme"), *(works(p, "acme") for p in crowd)]
    found, read = await best(rels, "ceo", ["us"])
    assert found == [(0.81, ("us", "amy", "ceo"))]
    assert read < 20  # the 4,000 memberships of golf and acme stay unread


async def test_the_ball_stops_at_the_radius_the_answer_needs() -> None:
    chain = [knows(f"p{i}", f"p{i + 1}", 0.5) for i in range(10)]
    rels = [knows("us", "ceo", 0.9), *chain, knows("p0", "ceo", 0.5)]
    (ball, found), _ = await reading(rels, lambda s: best_paths(s, "ceo", ["us"], 4, DEFAULT_TIE_WEIGHTS, 1))
    assert [p.people for p in found] == [("us", "ceo")]
    assert ball.relationships_read == 2  # the target's own ties; p0 (cost 0.69) is never expanded


async def test_weights_above_one_still_give_the_best_paths() -> None:
    rels = [knows("us", "x", 0.5), knows("x", "ceo", 0.5), works("us", "acme"), works("ceo", "acme")]
    weights = {**DEFAULT_TIE_WEIGHTS, TieKind.KNOWS: 3.0}
    assert (await best(rels, "ceo", ["us"], 1, weights))[0] == [(2.25, ("us", "x", "ceo"))]
