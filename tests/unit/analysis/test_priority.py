"""Account priority on hand-built graphs."""

from __future__ import annotations

from typing import Any

import pytest

from kamgraph.analysis.priority import PriorityWeights, account_priorities, priority_weights
from kamgraph.domain.errors import InvalidArgumentError
from kamgraph.domain.model import NodeKind as N
from kamgraph.domain.model import RelationshipKind as K


def world(facts: Any) -> Any:
    f = facts.company("us", home=True, currentSpend=999.0)  # not an account
    f.company("a", tier="STRATEGIC", currentSpend=200.0, potentialSpend=300.0)
    f.company("b", tier="GROWTH", currentSpend=100.0, potentialSpend=500.0)
    f.company("c", status="PROSPECT")  # no spend, no tier
    f.company("d")  # neither tier nor status: not an account
    for i, (stage, target) in enumerate([("WON", "a"), ("LOST", "a"), ("LOST", "a"), ("WON", "b"),
                                         ("PROPOSAL", "c")]):
        f.node(N.OPPORTUNITY, f"o{i}", stage=stage).rel(K.TARGETS, f"o{i}", target)
    return f


def test_components_and_default_weights(facts: Any) -> None:
    rows = account_priorities(world(facts).graph())
    got = {r.company: (r.value, r.potential, r.tier, r.win_rate) for r in rows}
    # headroom: a 100, b 400 -> potential a .25, b 1
    assert got == {
        "a": (1.0, 0.25, 1.0, pytest.approx(1 / 3)),
        "b": (0.5, 1.0, 0.5, 1.0),
        "c": (0.0, 0.0, 0.0, 0.5),
    }
    score = {r.company: r.score for r in rows}
    assert score["a"] == pytest.approx(0.35 + 0.35 * 0.25 + 0.2 + 0.1 / 3)
    assert score["b"] == pytest.approx(0.35 * 0.5 + 0.35 + 0.2 * 0.5 + 0.1)
    assert score["c"] == pytest.approx(0.05)
    assert [r.company for r in rows] == ["b", "a", "c"]
    assert all(r.coverage is None for r in rows)  # no decision-makers anywhere


def test_request_weights_and_first(facts: Any) -> None:
    g = world(facts).graph()
    only_tier = priority_weights(value=0, potential=0, tier=1, win_rate=0)
    rows = account_priorities(g, only_tier, first=2)
    assert [(r.company, r.score) for r in rows] == [("a", 1.0), ("b", 0.5)]
    assert priority_weights(value=2) == PriorityWeights(value=2.0)


@pytest.mark.parametrize(
    "kwargs",
    [{"value": -0.1}, {"win_rate": float("nan")}, {"value": 0, "potential": 0, "tier": 0, "win_rate": 0}],
)
def test_bad_weights_are_errors_on_weights(kwargs: dict[str, float]) -> None:
    with pytest.raises(InvalidArgumentError) as err:
        priority_weights(**kwargs)
    assert err.value.argument == "weights"


def test_zero_spend_everywhere_gives_zero_components(facts: Any) -> None:
    g = facts.company("x", tier="KEY").company("y", tier="STANDARD").graph()
    rows = account_priorities(g)
    assert [(r.company, r.value, r.potential, r.score) for r in rows] == [
        ("x", 0.0, 0.0, pytest.approx(0.2 * 0.75 + 0.05)), ("y", 0.0, 0.0, pytest.approx(0.2 * 0.25 + 0.05))]
    with pytest.raises(InvalidArgumentError):
        account_priorities(g, first=0)
