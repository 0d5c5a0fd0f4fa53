"""Key influencers: personalised PageRank over the account's people, against an
independent power iteration, and the parts each score comes with."""

from __future__ import annotations

from itertools import permutations
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamgraph.analysis.influencers import influence_graph, key_influencers
from kamgraph.analysis.model import build_graph
from kamgraph.domain.errors import InvalidArgumentError
from kamgraph.domain.model import Node, NodeKind, Relationship
from kamgraph.domain.model import RelationshipKind as K

SENIORITY = {"C_LEVEL": 5, "VP": 4, "DIRECTOR": 3, "MANAGER": 2, "INDIVIDUAL": 1, None: 1}
Case = tuple[list[Node], list[Relationship], list[str], dict[tuple[str, str], float], dict[str, float]]


def power_iteration(
    nodes: list[str],
    edges: dict[tuple[str, str], float],
    teleport: dict[str, float] | None = None,
    alpha: float = 0.85,
) -> dict[str, float]:
    """PageRank straight from its definition: the surfer teleports, and leaves a
    person without out-edges, to each person in proportion to ``teleport``
    (uniform when ``None``)."""
    n = len(nodes)
    weights = teleport or dict.fromkeys(nodes, 1.0)
    total = sum(weights.values())
    v = {p: weights[p] / total for p in nodes}
    out = {p: sum(w for (a, _), w in edges.items() if a == p) for p in nodes}
    rank = dict.fromkeys(nodes, 1 / n)
    for _ in range(500):
        dangling = sum(rank[p] for p in nodes if out[p] == 0)
        new = {p: (1 - alpha) * v[p] + alpha * dangling * v[p] for p in nodes}
        for (a, b), w in edges.items():
            new[b] += alpha * rank[a] * w / out[a]
        rank = new
    return rank


@st.composite
def accounts(draw: st.DrawFn) -> Case:
    people = [f"p{i}" for i in range(draw(st.integers(1, 7)))]
    here = [p for p in people if draw(st.booleans())] or people[:1]
    pairs = list(permutations(people, 2))
    reports = draw(st.sets(st.sampled_from(pairs), max_size=6)) if pairs else set()
    strength = st.sampled_from([0.0, 0.3, 0.5, 1.0])
    knows = draw(st.dictionaries(st.sampled_from(pairs), strength, max_size=6)) if pairs else {}
    knows = {(min(a, b), max(a, b)): s for (a, b), s in knows.items()}
    seniority = {p: draw(st.sampled_from(list(SENIORITY))) for p in people}
    # two opportunities, one open and one closed; roles on the closed one count for nothing
    stages = {"o-open": "PROPOSAL", "o-won": "WON"}
    role = st.sampled_from(["ECONOMIC_BUYER", "TECHNICAL_BUYER", "USER_BUYER", "COACH", "BLOCKER", None])
    influence = draw(st.dictionaries(st.tuples(st.sampled_from(people), st.sampled_from(list(stages))),
                                     role, max_size=5))
    nodes = [Node("acme", NodeKind.COMPANY, {"name": "Acme", "tier": "KEY"})]
    nodes += [Node(p, NodeKind.PERSON, {"name": p, **({"seniority": s} if s else {})})
              for p, s in seniority.items()]
    nodes += [Node(o, NodeKind.OPPORTUNITY, {"name": o, "stage": st_}) for o, st_ in stages.items()]
    rels = [Relationship(K.WORKS_AT, p, "acme", {"current": p in here}) for p in people]
    rels += [Relationship(K.TARGETS, o, "acme", {}) for o in stages]
    rels += [Relationship(K.REPORTS_TO, a, b, {}) for a, b in reports]
    rels += [Relationship(K.KNOWS, a, b, {"strength": s}) for (a, b), s in knows.items()]
    rels += [Relationship(K.INFLUENCES, p, o, {"role": r} if r else {}) for (p, o), r in influence.items()]
    edges: dict[tuple[str, str], float] = {}
    for a, b in reports:
        if a in here and b in here:
            edges[(a, b)] = edges.get((a, b), 0.0) + 1.0
    for (a, b), s in knows.items():
        if a in here and b in here and s > 0:
            edges[(a, b)] = edges.get((a, b), 0.0) + s
            edges[(b, a)] = edges.get((b, a), 0.0) + s
    held = {p: sum(1 for (q, o), r in influence.items() if q == p and o == "o-open" and r) for p in here}
    teleport = {p: SENIORITY[seniority[p]] + 2.0 * held[p] for p in here}
    return nodes, rels, sorted(here), edges, teleport


@settings(max_examples=150, deadline=None)
@given(accounts())
def test_key_influencers_are_the_personalised_pagerank_the_definition_names(case: Case) -> None:
    nodes, rels, here, edges, teleport = case
    g = build_graph(nodes, rels)
    d = influence_graph(g, "acme")
    assert sorted(d.nodes) == here
    assert {(a, b): w for a, b, w in d.edges(data="weight")} == pytest.approx(edges)
    got = key_influencers(g, "acme", limit=50)
    assert {s.person: s.score for s in got} == pytest.approx(power_iteration(here, edges, teleport), abs=1e-4)
    # plain PageRank is the special case with every weight equal
    assert {s.person: s.pagerank for s in got} == pytest.approx(power_iteration(here, edges), abs=1e-4)
    scores = [s.score for s in got]
    assert scores == sorted(scores, reverse=True)


def test_each_score_comes_with_its_parts(facts: Any) -> None:
    f = facts.company("acme", tier="KEY").company("other", tier="KEY")
    f.person("ceo", seniority="C_LEVEL").person("vp", seniority="VP").person("mgr", seniority="MANAGER")
    f.person("dev").person("para", seniority="INDIVIDUAL").person("gone", seniority="VP")
    for p in ("ceo", "vp", "mgr", "dev", "para"):
        f.rel(K.WORKS_AT, p, "acme")
    f.rel(K.WORKS_AT, "gone", "acme", current=False)
    f.rel(K.REPORTS_TO, "vp", "ceo").rel(K.REPORTS_TO, "mgr", "vp").rel(K.REPORTS_TO, "dev", "mgr")
    f.rel(K.REPORTS_TO, "para", "mgr").rel(K.REPORTS_TO, "gone", "ceo")
    for p in ("mgr", "dev", "gone"):
        f.rel(K.KNOWS, "para", p, strength=0.5)
    f.rel(K.KNOWS, "vp", "dev", strength=0.0)
    f.node(NodeKind.OPPORTUNITY, "deal", stage="NEGOTIATION").node(NodeKind.OPPORTUNITY, "old", stage="LOST")
    f.node(NodeKind.OPPORTUNITY, "deal2", stage="PROPOSAL")
    f.rel(K.TARGETS, "deal", "acme").rel(K.TARGETS, "old", "acme").rel(K.TARGETS, "deal2", "acme")
    f.rel(K.INFLUENCES, "vp", "deal", role="ECONOMIC_BUYER").rel(K.INFLUENCES, "vp", "deal2", role="COACH")
    f.rel(K.INFLUENCES, "mgr", "old", role="ECONOMIC_BUYER")
    f.rel(K.INFLUENCES, "dev", "deal", stance="CHAMPION")
    g = f.graph()
    top = {s.person: s for s in key_influencers(g, "acme")}
    assert set(top) == {"ceo", "vp", "mgr", "dev", "para"}
    vp, mgr, para, ceo = top["vp"], top["mgr"], top["para"], top["ceo"]
    assert (vp.seniority, vp.roles) == ("VP", ("COACH", "ECONOMIC_BUYER"))
    assert mgr.roles == () and top["dev"].roles == () and top["dev"].seniority is None
    assert (ceo.reports, ceo.indirect_reports) == (1, 3)  # "gone" no longer counts
    assert (mgr.reports, mgr.indirect_reports) == (2, 0)
    assert (para.ties, vp.ties, top["dev"].ties) == (2, 0, 1)  # strength 0 is no tie
    # plain PageRank puts the well-connected manager above the VP; seniority and
    # the two buying roles put the VP, economic buyer on an open deal, above them
    assert mgr.pagerank > vp.pagerank and vp.score > mgr.score
    assert vp.score > vp.pagerank and para.score < para.pagerank
    assert sum(s.score for s in top.values()) == pytest.approx(1.0)
    assert sum(s.pagerank for s in top.values()) == pytest.approx(1.0)


def test_the_manager_of_many_ranks_first_and_limit_cuts(facts: Any) -> None:
    f = facts.company("acme", tier="KEY")
    for p in ("boss", "a", "b", "c", "outsider"):
        f.rel(K.WORKS_AT, p, "acme", current=p != "outsider")
    g = (
        f.rel(K.REPORTS_TO, "a", "boss").rel(K.REPORTS_TO, "b", "boss").rel(K.REPORTS_TO, "c", "boss")
        .rel(K.REPORTS_TO, "boss", "outsider").rel(K.KNOWS, "a", "b", strength=0.5)
        .graph()
    )
    top = key_influencers(g, "acme", limit=2)
    assert top[0].person == "boss" and top[1].person in {"a", "b"} and len(top) == 2
    with pytest.raises(InvalidArgumentError) as err:
        key_influencers(g, "acme", limit=0)
    assert err.value.argument == "limit"
