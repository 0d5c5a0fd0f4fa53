"""Decision-makers and relationship gaps on hand-built graphs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kamgraph.analysis.accounts import decision_makers, team
from kamgraph.analysis.gaps import coverage, relationship_gaps
from kamgraph.domain.errors import InvalidArgumentError, NotFoundError
from kamgraph.domain.model import BuyingRole
from kamgraph.domain.model import NodeKind as N
from kamgraph.domain.model import RelationshipKind as K


def account(facts: Any) -> Any:
    """acme with: a C-level, a VP, a flagged decision-maker, a plain engineer, an
    economic buyer on an open deal, a user buyer, a technical buyer on a won deal,
    and a former C-level; our team: me, you (and a former colleague, gone)."""
    f = facts.company("us", home=True).company("acme", tier="KEY")
    f.person("ceo", seniority="C_LEVEL").person("vp", seniority="VP").person("flag", decisionMaker=True)
    f.person("eng", seniority="INDIVIDUAL").person("eb").person("ub").person("tb")
    f.person("exceo", seniority="C_LEVEL")
    for p in ("ceo", "vp", "flag", "eng", "eb", "ub", "tb"):
        f.rel(K.WORKS_AT, p, "acme")
    f.rel(K.WORKS_AT, "exceo", "acme", current=False)
    f.node(N.OPPORTUNITY, "open", stage="PROPOSAL").node(N.OPPORTUNITY, "won", stage="WON")
    f.rel(K.TARGETS, "open", "acme").rel(K.TARGETS, "won", "acme")
    f.rel(K.INFLUENCES, "eb", "open", role="ECONOMIC_BUYER")
    f.rel(K.INFLUENCES, "ub", "open", role="USER_BUYER")
    f.rel(K.INFLUENCES, "tb", "won", role="TECHNICAL_BUYER")
    for p in ("me", "you"):
        f.rel(K.WORKS_AT, p, "us")
    f.rel(K.WORKS_AT, "gone", "us", current=False)
    return f


def test_decision_makers_follow_the_four_rules(facts: Any) -> None:
    g = account(facts).graph()
    assert decision_makers(g, "acme") == ["ceo", "eb", "flag", "vp"]
    assert team(g) == ["me", "you"]


def test_coverage_threads_staleness_and_missing_roles(facts: Any) -> None:
    g = (
        account(facts)
        .rel(K.KNOWS, "me", "ceo", strength=0.5, lastContact="2025-01-01")  # covers; at the stale limit
        .rel(K.KNOWS, "me", "vp", strength=0.49, lastContact="2025-03-01")  # too weak
        .rel(K.KNOWS, "you", "flag", strength=0.9)  # covers; no lastContact: stale
        .rel(K.KNOWS, "gone", "eb", strength=1.0)  # not our team any more
        .rel(K.KNOWS, "you", "eng", strength=0.1)
        .graph()
    )
    r = relationship_gaps(g, "acme", as_of=dt.date(2025, 4, 1))  # 90 days before: 2025-01-01
    assert r.decision_makers == ("ceo", "eb", "flag", "vp")
    assert r.covered == ("ceo", "flag")
    assert r.coverage == 0.5
    assert (r.threads, r.single_threaded) == (2, False)
    assert [(s.teammate, s.person, s.last_contact) for s in r.stale] == [("you", "flag", None)]
    assert [(m.opportunity, m.role) for m in r.missing_roles] == [
        ("open", BuyingRole.TECHNICAL_BUYER), ("open", BuyingRole.COACH)]
    by_person = {u.person: u.best_path for u in r.uncovered}
    assert by_person["vp"] is not None and by_person["vp"].people == ("me", "vp")
    assert by_person["eb"] is not None and by_person["eb"].people[0] in {"me", "you"}
    assert coverage(g, "acme") == 0.5
    # a day later the ceo tie is stale too
    later = relationship_gaps(g, "acme", as_of="2025-04-02")
    assert [s.person for s in later.stale] == ["ceo", "flag"]
    weaker = relationship_gaps(g, "acme", min_strength=0.49, as_of="2025-04-01")
    assert weaker.covered == ("ceo", "flag", "vp")


def test_an_account_without_decision_makers_has_no_coverage_and_one_thread_is_single(facts: Any) -> None:
    g = (
        facts.company("us", home=True).company("tiny", status="PROSPECT")
        .rel(K.WORKS_AT, "me", "us").rel(K.WORKS_AT, "dev", "tiny")
        .rel(K.KNOWS, "me", "dev", strength=0.9)
        .graph()
    )
    r = relationship_gaps(g, "tiny")
    assert (r.coverage, r.decision_makers, r.threads, r.single_threaded) == (None, (), 1, True)
    assert r.uncovered == () and r.missing_roles == ()


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [({"min_strength": 1.5}, "minStrength"), ({"stale_days": -1}, "staleDays"), ({"as_of": "soon"}, "asOf")],
)
def test_bad_gap_arguments(facts: Any, kwargs: dict[str, Any], argument: str) -> None:
    g = account(facts).graph()
    with pytest.raises(InvalidArgumentError) as err:
        relationship_gaps(g, "acme", **kwargs)
    assert err.value.argument == argument


@pytest.mark.parametrize("bad", ["us", "ceo", "nobody"])
def test_gaps_of_something_that_is_not_an_account(facts: Any, bad: str) -> None:
    g = account(facts).graph()
    with pytest.raises(NotFoundError) as err:
        relationship_gaps(g, bad)
    assert err.value.argument == "account"
