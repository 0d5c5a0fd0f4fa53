"""Influence paths on hand-built graphs, with hand-computed answers."""

from __future__ import annotations

from typing import Any

import pytest

from kamgraph.analysis.paths import influence_paths
from kamgraph.domain.errors import NotFoundError
from kamgraph.domain.model import RelationshipKind as K
from kamgraph.domain.model import TieKind


def summary(paths: list[Any]) -> list[tuple[float, tuple[str, ...]]]:
    return [(round(p.score, 6), p.people) for p in paths]


def test_score_is_the_product_and_best_comes_first(facts: Any) -> None:
    g = (
        facts.rel(K.KNOWS, "us", "amy", strength=0.9)
        .rel(K.REPORTS_TO, "amy", "ceo")
        .rel(K.KNOWS, "us", "ceo", strength=0.5)
        .rel(K.KNOWS, "us", "bob", strength=0.6)
        .rel(K.KNOWS, "bob", "ceo", strength=0.6)
        .graph()
    )
    got = influence_paths(g, "ceo", sources=["us"], limit=5)
    assert summary(got) == [(0.72, ("us", "amy", "ceo")), (0.5, ("us", "ceo")), (0.36, ("us", "bob", "ceo"))]
    step = got[0].steps[1]
    assert (step.from_id, step.to_id, step.tie, step.strength, step.via) == (
        "amy", "ceo", TieKind.REPORTS_TO, 0.8, None)
    assert got[0].hops == 2


def test_strongest_tie_counts_and_derived_ties_name_their_hub(facts: Any) -> None:
    g = (
        facts.rel(K.KNOWS, "us", "cto", strength=0.2)
        .rel(K.WORKS_AT, "us", "acme", current=True)
        .rel(K.WORKS_AT, "cto", "acme", current=True)
        .graph()
    )
    (p,) = influence_paths(g, "cto", sources=["us"])
    assert (p.score, p.steps[0].tie, p.steps[0].via) == (0.3, TieKind.COLLEAGUE, "acme")
    # with colleagues weighted down, the KNOWS tie is the strongest again
    (p,) = influence_paths(g, "cto", sources=["us"], weights=[("COLLEAGUE", 0.1)])
    assert (p.score, p.steps[0].tie, p.steps[0].via) == (0.2, TieKind.KNOWS, None)


def test_former_colleagues_and_shared_interests(facts: Any) -> None:
    g = (
        facts.rel(K.WORKS_AT, "us", "old", current=False)
        .rel(K.WORKS_AT, "amy", "old", current=True)
        .rel(K.INTERESTED_IN, "amy", "golf")
        .rel(K.INTERESTED_IN, "cfo", "golf")
        .graph()
    )
    (p,) = influence_paths(g, "cfo", sources=["us"])
    assert [(s.tie, s.strength, s.via) for s in p.steps] == [
        (TieKind.FORMER_COLLEAGUE, 0.25, "old"),
        (TieKind.SHARED_INTEREST, 0.1, "golf"),
    ]
    assert p.score == pytest.approx(0.025)


def test_two_former_employees_are_former_colleagues_but_two_current_ones_are_colleagues(facts: Any) -> None:
    g = (
        facts.rel(K.WORKS_AT, "a", "x", current=False)
        .rel(K.WORKS_AT, "b", "x", current=False)
        .rel(K.WORKS_AT, "c", "y")  # current by default
        .rel(K.WORKS_AT, "d", "y", current=True)
        .person("a").person("b").person("c").person("d")
        .graph()
    )
    assert influence_paths(g, "b", sources=["a"])[0].steps[0].tie is TieKind.FORMER_COLLEAGUE
    assert influence_paths(g, "d", sources=["c"])[0].steps[0].tie is TieKind.COLLEAGUE


def test_request_weights(facts: Any) -> None:
    g = (
        facts.rel(K.KNOWS, "us", "a", strength=0.5)
        .rel(K.REPORTS_TO, "a", "t")
        .graph()
    )
    (p,) = influence_paths(g, "t", sources=["us"], weights={TieKind.KNOWS: 1.5, TieKind.REPORTS_TO: 0.4})
    assert [s.strength for s in p.steps] == [0.75, 0.4]
    assert influence_paths(g, "t", sources=["us"], weights={TieKind.REPORTS_TO: 0}) == []


def test_max_hops_bounds_the_path_length(facts: Any) -> None:
    for a, b in zip("uabcd", "abcdt", strict=True):
        facts.rel(K.KNOWS, a, b, strength=1.0)
    g = facts.graph()
    assert influence_paths(g, "t", sources=["u"], max_hops=4) == []
    assert summary(influence_paths(g, "t", sources=["u"], max_hops=5)) == [(1.0, tuple("uabcdt"))]


def test_equal_scores_go_by_fewer_hops_then_ids(facts: Any) -> None:
    g = (
        facts.rel(K.KNOWS, "u", "t", strength=0.25)
        .rel(K.KNOWS, "u", "b", strength=0.5)
        .rel(K.KNOWS, "b", "t", strength=0.5)
        .rel(K.KNOWS, "u", "a", strength=0.5)
        .rel(K.KNOWS, "a", "t", strength=0.5)
        .graph()
    )
    assert [p.people for p in influence_paths(g, "t", sources=["u"])] == [
        ("u", "t"), ("u", "a", "t"), ("u", "b", "t")]
    best_two = influence_paths(g, "t", sources=["u"], limit=2)
    assert [p.people for p in best_two] == [("u", "t"), ("u", "a", "t")]


def test_default_sources_are_our_team_and_paths_avoid_other_sources(facts: Any) -> None:
    g = (
        facts.company("home", home=True)
        .rel(K.WORKS_AT, "me", "home", current=True)
        .rel(K.WORKS_AT, "you", "home", current=True)
        .rel(K.WORKS_AT, "gone", "home", current=False)
        .rel(K.KNOWS, "you", "t", strength=0.9)
        .rel(K.KNOWS, "gone", "t", strength=1.0)
        .graph()
    )
    got = influence_paths(g, "t", weights={TieKind.COLLEAGUE: 0, TieKind.FORMER_COLLEAGUE: 0}, limit=5)
    assert summary(got) == [(0.9, ("you", "t"))]  # not me→you→t, not gone (no longer ours)


def test_a_source_that_is_the_target_is_ignored_and_unknown_targets_have_no_paths(facts: Any) -> None:
    g = facts.rel(K.KNOWS, "u", "t", strength=0.5).graph()
    assert summary(influence_paths(g, "t", sources=["t", "u"])) == [(0.5, ("u", "t"))]
    assert influence_paths(g, "nobody", sources=["u"]) == []


def test_input_graph_is_not_mutated(facts: Any, snapshot: Any) -> None:
    g = facts.rel(K.KNOWS, "u", "t", strength=0.5).rel(K.WORKS_AT, "u", "c").rel(K.WORKS_AT, "t", "c").graph()
    before = snapshot(g)
    influence_paths(g, "t", sources=["u"])
    assert snapshot(g) == before


def test_a_target_that_is_not_a_person_is_not_found(facts: Any) -> None:
    g = facts.company("acme").rel(K.KNOWS, "u", "t").graph()
    with pytest.raises(NotFoundError) as err:
        influence_paths(g, "acme", sources=["u"])
    assert err.value.argument == "to"
    with pytest.raises(NotFoundError) as err:
        influence_paths(g, "t", sources=["acme"])
    assert err.value.argument == "from"
