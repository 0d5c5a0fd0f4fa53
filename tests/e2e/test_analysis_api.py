"""The nine analysis queries over GraphQL, on each store and each transport.

The graph is the contract suite's small world (``tests/contract/test_analysis_store.py``):
our team is ``me`` and ``you`` (``old`` left us); at ``acme`` the CEO ``ceo`` has the
reports ``cto`` and ``buyer``, ``eng`` reports to ``cto``. ``me`` knows ``ceo`` (0.8,
last contact 2025-01-10), ``you`` knows ``eng`` (0.9), ``eng`` knows ``cto`` (0.6);
``me`` and ``ceo`` both like golf and jazz, ``you`` golf. Every expected number
below is worked by hand from those facts (the comments show the arithmetic).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest

from kamgraph.api.auth.roles import REQUIREMENTS
from kamgraph.api.resolvers import build_schema
from kamgraph.store.protocol import GraphStore
from tests.contract.support import companies, link, people, r
from tests.contract.test_analysis_store import _world
from tests.e2e.conftest import Api, start_api
from tests.e2e.safety_support import codes, start_keyed


@pytest.fixture
async def world(api: Api, store: GraphStore) -> Api:
    await _world(store)
    return api


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [x["id"] for x in items]


# --------------------------------------------------------------------------
# Influence paths
# --------------------------------------------------------------------------

PATHS = """
query($to: ID!, $from: [ID!], $maxHops: Int, $limit: Int, $ties: [TieWeightInput!]) {
  influencePaths(to: $to, from: $from, maxHops: $maxHops, limit: $limit, ties: $ties) {
    score hops people { id name }
    steps { from { id } to { id } tie strength via { __typename id name } }
  }
}
"""


async def test_influence_paths(world: Api) -> None:
    found = (await world.query(PATHS, {"to": "cto", "limit": 5}))["influencePaths"]
    # you -KNOWS 0.9- eng -REPORTS_TO 0.8- cto = 0.72; me -KNOWS 0.8- ceo -REPORTS_TO 0.8- cto = 0.64;
    # you - eng -COLLEAGUE at acme 0.3- ceo - cto = 0.9 * 0.3 * 0.8 = 0.216
    assert [(ids(p["people"]), round(p["score"], 6), p["hops"]) for p in found[:3]] == [
        (["you", "eng", "cto"], 0.72, 2),
        (["me", "ceo", "cto"], 0.64, 2),
        (["you", "eng", "ceo", "cto"], 0.216, 3),
    ]
    assert len(found) == 5 and found[0]["people"][0]["name"] == "Person you"
    assert found[0]["steps"] == [
        {"from": {"id": "you"}, "to": {"id": "eng"}, "tie": "KNOWS", "strength": 0.9, "via": None},
        {"from": {"id": "eng"}, "to": {"id": "cto"}, "tie": "REPORTS_TO", "strength": 0.8, "via": None},
    ]
    assert found[2]["steps"][1]["tie"] == "COLLEAGUE"
    assert found[2]["steps"][1]["via"] == {"__typename": "Company", "id": "acme", "name": "Company acme"}

    # the defaults: limit 3
    assert len((await world.query(PATHS, {"to": "cto"}))["influencePaths"]) == 3

    # KNOWS only, at most 2 hops: 0.9 * 0.6
    only_knows = [{"tie": t, "weight": 0} for t in ("REPORTS_TO", "COLLEAGUE", "FORMER_COLLEAGUE")]
    only_knows += [{"tie": "SHARED_INTEREST", "weight": 0}]
    found = (
        await world.query(PATHS, {"to": "cto", "from": ["me", "you"], "maxHops": 2, "ties": only_knows})
    )["influencePaths"]
    assert [(ids(p["people"]), round(p["score"], 6)) for p in found] == [(["you", "eng", "cto"], 0.54)]

    # a shared interest weighted 1 beats the 0.8 acquaintance; it goes through golf (smallest id)
    found = (
        await world.query(
            PATHS,
            {"to": "ceo", "from": ["me"], "maxHops": 1, "ties": [{"tie": "SHARED_INTEREST", "weight": 1}]},
        )
    )["influencePaths"]
    assert [(p["score"], p["steps"][0]["tie"], p["steps"][0]["via"]) for p in found] == [
        (1.0, "SHARED_INTEREST", {"__typename": "Interest", "id": "golf", "name": "Golf"})
    ]


# --------------------------------------------------------------------------
# Relationship gaps
# --------------------------------------------------------------------------

GAPS = """
query($asOf: Date, $minStrength: Float) {
  relationshipGaps(account: "acme", asOf: $asOf, minStrength: $minStrength) {
    account { id } decisionMakers { id } covered { id } coverage threads singleThreaded
    uncovered { person { id } bestPath { score people { id } } }
    stale { teammate { id } person { id } strength lastContact }
    missingRoles { opportunity { id stage } role }
  }
}
"""


async def test_relationship_gaps(world: Api) -> None:
    g = (await world.query(GAPS, {"asOf": "2025-03-01"}))["relationshipGaps"]
    # decision-makers: ceo (C_LEVEL), cto (decisionMaker), buyer (ECONOMIC_BUYER on open o1)
    assert ids(g["decisionMakers"]) == ["buyer", "ceo", "cto"] and g["account"] == {"id": "acme"}
    # only me-ceo (0.8) is >= 0.5 between our team and a decision-maker: 1 of 3
    assert ids(g["covered"]) == ["ceo"] and g["coverage"] == pytest.approx(1 / 3)
    assert (g["threads"], g["singleThreaded"]) == (2, False)  # me and you know someone there
    assert [
        (u["person"]["id"], ids(u["bestPath"]["people"]), round(u["bestPath"]["score"], 6))
        for u in g["uncovered"]
    ] == [
        ("buyer", ["me", "ceo", "buyer"], 0.64),
        ("cto", ["you", "eng", "cto"], 0.72),
    ]
    assert g["stale"] == []  # 2025-01-10 is 50 days before 2025-03-01
    assert g["missingRoles"] == [
        {"opportunity": {"id": "o1", "stage": "PROPOSAL"}, "role": "TECHNICAL_BUYER"},
        {"opportunity": {"id": "o1", "stage": "PROPOSAL"}, "role": "USER_BUYER"},
    ]
    later = (await world.query(GAPS, {"asOf": "2025-06-01"}))["relationshipGaps"]
    assert later["stale"] == [
        {"teammate": {"id": "me"}, "person": {"id": "ceo"}, "strength": 0.8, "lastContact": "2025-01-10"}
    ]
    strict = (await world.query(GAPS, {"asOf": "2025-03-01", "minStrength": 0.9}))["relationshipGaps"]
    assert (strict["covered"], strict["coverage"]) == ([], 0.0)


# --------------------------------------------------------------------------
# Key influencers, icebreakers, account priorities
# --------------------------------------------------------------------------


def pagerank(
    edges: dict[str, dict[str, float]], teleport: dict[str, float] | None = None, damping: float = 0.85
) -> dict[str, float]:
    """PageRank by plain power iteration (teleport and dangling rank by ``teleport``,
    uniform without): the independent check."""
    nodes = sorted(edges)
    weights = teleport or dict.fromkeys(nodes, 1.0)
    v = {n: weights[n] / sum(weights.values()) for n in nodes}
    rank = dict.fromkeys(nodes, 1 / len(nodes))
    for _ in range(200):
        dangling = sum(rank[n] for n in nodes if not edges[n])
        new = {n: (1 - damping) * v[n] + damping * dangling * v[n] for n in nodes}
        for n in nodes:
            total = sum(edges[n].values())
            for m, w in edges[n].items():
                new[m] += damping * rank[n] * w / total
        rank = new
    return rank


async def test_key_influencers(world: Api) -> None:
    q = """{ keyInfluencers(account: "acme", limit: $limit) {
      person { id name } score pagerank seniority roles reports indirectReports ties } }"""
    q = "query($limit: Int) " + q
    found = (await world.query(q))["keyInfluencers"]
    # report -> manager weight 1; KNOWS eng-cto 0.6 each way (eng -> cto adds up to 1.6)
    edges = {"eng": {"cto": 1.6}, "cto": {"ceo": 1.0, "eng": 0.6}, "buyer": {"ceo": 1.0}, "ceo": {}}
    # teleport: seniority C_LEVEL 5, none 1; + 2 for each role on the open o1 (buyer, eng)
    expected = pagerank(edges, {"ceo": 5.0, "cto": 1.0, "eng": 3.0, "buyer": 3.0})
    plain = pagerank(edges)
    assert [x["person"]["id"] for x in found] == ["ceo", "cto", "eng", "buyer"]
    for x in found:
        assert x["score"] == pytest.approx(expected[x["person"]["id"]], abs=1e-5)
        assert x["pagerank"] == pytest.approx(plain[x["person"]["id"]], abs=1e-5)
    assert sum(x["score"] for x in found) == pytest.approx(1.0)
    parts = {x["person"]["id"]: (x["seniority"], x["roles"], x["reports"], x["indirectReports"], x["ties"])
             for x in found}
    assert parts == {
        "ceo": ("C_LEVEL", [], 2, 1, 0),
        "cto": (None, [], 1, 0, 1),
        "eng": (None, ["COACH"], 0, 0, 1),
        "buyer": (None, ["ECONOMIC_BUYER"], 0, 0, 0),
    }
    assert [x["person"]["id"] for x in (await world.query(q, {"limit": 2}))["keyInfluencers"]] == [
        "ceo",
        "cto",
    ]


async def test_icebreakers(world: Api) -> None:
    q = """query($from: [ID!]) { icebreakers(target: "ceo", from: $from) {
             teammate { id } interests { id name } pathScore } }"""
    found = (await world.query(q))["icebreakers"]
    # me shares golf and jazz, best path me-ceo 0.8; you shares golf, best path
    # you -0.9- eng -0.8- cto -0.8- ceo = 0.576
    assert [(b["teammate"]["id"], ids(b["interests"]), round(b["pathScore"], 6)) for b in found] == [
        ("me", ["golf", "jazz"], 0.8),
        ("you", ["golf"], 0.576),
    ]
    assert found[0]["interests"][1]["name"] == "Jazz"
    assert [b["teammate"]["id"] for b in (await world.query(q, {"from": ["you"]}))["icebreakers"]] == ["you"]


PRIORITIES = """
query($weights: PriorityWeightsInput, $first: Int) {
  accountPriorities(weights: $weights, first: $first) {
    company { id name } score value potential tier winRate coverage
  }
}
"""


async def test_account_priorities(world: Api) -> None:
    rows = (await world.query(PRIORITIES))["accountPriorities"]
    # spend: acme 100 (headroom 200), beta 50 (headroom 10), gamma none
    # acme: 1, 1, STRATEGIC 1, o2 won 1/1        -> 1.0
    # beta: 50/100, 10/200, KEY 0.75, o3 lost 0  -> 0.35*0.5 + 0.35*0.05 + 0.2*0.75 = 0.3425
    # gamma: 0, 0, no tier, nothing closed 0.5   -> 0.1*0.5 = 0.05
    got = [
        (x["company"]["id"], round(x["score"], 6), x["value"], x["potential"], x["tier"], x["winRate"])
        for x in rows
    ]
    assert got == [
        ("acme", 1.0, 1.0, 1.0, 1.0, 1.0),
        ("beta", 0.3425, 0.5, 0.05, 0.75, 0.0),
        ("gamma", 0.05, 0.0, 0.0, 0.0, 0.5),
    ]
    assert rows[0]["coverage"] == pytest.approx(1 / 3) and rows[1]["coverage"] is None
    tier_only = {"value": 0, "potential": 0, "tier": 1, "winRate": 0}
    rows = (await world.query(PRIORITIES, {"weights": tier_only, "first": 2}))["accountPriorities"]
    assert [(x["company"]["id"], x["score"]) for x in rows] == [("acme", 1.0), ("beta", 0.75)]
    rows = (await world.query(PRIORITIES, {"weights": {"winRate": 10}}))["accountPriorities"]
    # (0.35*0.5 + 0.35*0.05 + 0.2*0.75) / (0.35 + 0.35 + 0.2 + 10) for beta
    assert [x["company"]["id"] for x in rows] == ["acme", "gamma", "beta"]
    assert rows[2]["score"] == pytest.approx(0.3425 / 10.9)


# --------------------------------------------------------------------------
# Competition, supply chain, whitespace, win/loss
# --------------------------------------------------------------------------


async def test_competitive_landscape(world: Api) -> None:
    q = """query($asOf: Date) { competitiveLandscape(account: "acme", asOf: $asOf) {
              account { id } inDeals { id name }
              incumbents { competitor { id } product { id name } contractEnd satisfaction ended }
              records { competitor { id } won lost } } }"""
    land = (await world.query(q, {"asOf": "2025-06-30"}))["competitiveLandscape"]
    assert land == {
        "account": {"id": "acme"},
        "inDeals": [{"id": "rivalco", "name": "Company rivalco"}],
        "incumbents": [
            {
                "competitor": {"id": "rivalco"},
                "product": {"id": "rcrm", "name": "rcrm"},
                "contractEnd": "2025-06-30",
                "satisfaction": 2,
                "ended": False,  # ends that day: not before asOf
            }
        ],
        # against rivalco: o2 WON, o3 LOST (o1 is open)
        "records": [{"competitor": {"id": "rivalco"}, "won": 1, "lost": 1}],
    }
    after = (await world.query(q, {"asOf": "2025-07-01"}))["competitiveLandscape"]
    assert [x["ended"] for x in after["incumbents"]] == [True]
    today = (await world.query(q))["competitiveLandscape"]  # asOf defaults to today, long after
    assert [x["ended"] for x in today["incumbents"]] == [True]


async def test_supply_chain(world: Api) -> None:
    q = """query($direction: Direction, $depth: Int) {
             supplyChain(company: "acme", direction: $direction, depth: $depth) {
               company { id } links { supplier { id } customer { id } category }
               companies { id } singleSource { id } leverage { id } exposure { id } } }"""
    chain = (await world.query(q))["supplyChain"]
    # ore -> steel -> acme -> carco, depth 2 both ways
    assert [(x["supplier"]["id"], x["customer"]["id"], x["category"]) for x in chain["links"]] == [
        ("acme", "carco", "parts"),
        ("ore", "steel", "ore"),
        ("steel", "acme", "steel"),
    ]
    assert ids(chain["companies"]) == ["carco", "ore", "steel"]
    assert ids(chain["singleSource"]) == ["acme", "carco", "steel"]  # one supplier each
    assert ids(chain["leverage"]) == ["carco"]  # currentSpend 5 with us
    assert ids(chain["exposure"]) == ["steel"]  # uses rivalco's rcrm
    up = (await world.query(q, {"direction": "UPSTREAM", "depth": 1}))["supplyChain"]
    assert ids(up["companies"]) == ["steel"]


async def test_whitespace(world: Api) -> None:
    q = """query($account: ID!, $first: Int) { whitespace(account: $account, first: $first) {
             product { id } score peersUsing } }"""

    def rows(data: dict[str, Any]) -> list[tuple[str, float, int]]:
        return [(x["product"]["id"], round(x["score"], 6), x["peersUsing"]) for x in data["whitespace"]]

    # acme uses {erp, rcrm}; beta {erp, crm}: Jaccard 1/3, the only peer; beta uses crm,
    # but acme's open o1 already proposes crm: in play, so left out
    assert rows(await world.query(q, {"account": "acme"})) == [("bi", 0.0, 0)]
    # gamma uses nothing: its industry's accounts acme and beta, sim 1 each;
    # erp used by both (2/2), crm by beta (1/2), bi by none
    assert rows(await world.query(q, {"account": "gamma"})) == [
        ("erp", 1.0, 2),
        ("crm", 0.5, 1),
        ("bi", 0.0, 0),
    ]
    assert rows(await world.query(q, {"account": "gamma", "first": 1})) == [("erp", 1.0, 2)]


async def test_win_loss(world: Api) -> None:
    q = "query($g: WinLossGroup!) { winLoss(groupBy: $g) { key won lost winRate amountWon } }"
    # closed: o2 WON 20 (acme, erp, vs rivalco), o3 LOST 5 (beta, crm, vs rivalco)
    assert (await world.query(q, {"g": "COMPETITOR"}))["winLoss"] == [
        {"key": "rivalco", "won": 1, "lost": 1, "winRate": 0.5, "amountWon": 20.0}
    ]
    assert (await world.query(q, {"g": "PRODUCT"}))["winLoss"] == [
        {"key": "crm", "won": 0, "lost": 1, "winRate": 0.0, "amountWon": 0.0},
        {"key": "erp", "won": 1, "lost": 0, "winRate": 1.0, "amountWon": 20.0},
    ]
    assert (await world.query(q, {"g": "INDUSTRY"}))["winLoss"] == [
        {"key": "auto", "won": 1, "lost": 1, "winRate": 0.5, "amountWon": 20.0}
    ]


# --------------------------------------------------------------------------
# Bad arguments
# --------------------------------------------------------------------------

#: (query, extensions.code, extensions.argument)
BAD = [
    ('{ influencePaths(to: "cto", maxHops: 0) { score } }', "BAD_USER_INPUT", "maxHops"),
    ('{ influencePaths(to: "cto", maxHops: 7) { score } }', "BAD_USER_INPUT", "maxHops"),
    ('{ influencePaths(to: "cto", limit: 0) { score } }', "BAD_USER_INPUT", "limit"),
    ('{ influencePaths(to: "cto", limit: 51) { score } }', "BAD_USER_INPUT", "limit"),
    ('{ influencePaths(to: "cto", ties: [{tie: KNOWS, weight: -1}]) { score } }', "BAD_USER_INPUT", "ties"),
    ('{ influencePaths(to: "acme") { score } }', "NOT_FOUND", "to"),
    ('{ influencePaths(to: "nobody") { score } }', "NOT_FOUND", "to"),
    ('{ influencePaths(to: "cto", from: ["me", "acme"]) { score } }', "NOT_FOUND", "from"),
    ('{ keyInfluencers(account: "acme", limit: 0) { score } }', "BAD_USER_INPUT", "limit"),
    ('{ keyInfluencers(account: "acme", limit: 51) { score } }', "BAD_USER_INPUT", "limit"),
    ('{ keyInfluencers(account: "steel") { score } }', "NOT_FOUND", "account"),
    ('{ supplyChain(company: "acme", depth: 0) { companies { id } } }', "BAD_USER_INPUT", "depth"),
    ('{ supplyChain(company: "acme", depth: 5) { companies { id } } }', "BAD_USER_INPUT", "depth"),
    ('{ supplyChain(company: "ceo") { companies { id } } }', "NOT_FOUND", "company"),
    ("{ accountPriorities(weights: {tier: -1}) { score } }", "BAD_USER_INPUT", "weights"),
    ("{ accountPriorities(first: 0) { score } }", "BAD_USER_INPUT", "first"),
    ('{ relationshipGaps(account: "us") { threads } }', "NOT_FOUND", "account"),
    ('{ relationshipGaps(account: "ceo") { threads } }', "NOT_FOUND", "account"),
    ('{ relationshipGaps(account: "acme", minStrength: 1.5) { threads } }', "BAD_USER_INPUT", "minStrength"),
    ('{ relationshipGaps(account: "acme", staleDays: -1) { threads } }', "BAD_USER_INPUT", "staleDays"),
    ('{ competitiveLandscape(account: "rivalco") { inDeals { id } } }', "NOT_FOUND", "account"),
    ('{ whitespace(account: "carco") { score } }', "NOT_FOUND", "account"),
    ('{ whitespace(account: "acme", first: 0) { score } }', "BAD_USER_INPUT", "first"),
    ('{ icebreakers(target: "golf") { pathScore } }', "NOT_FOUND", "target"),
    ('{ icebreakers(target: "ceo", from: ["acme"]) { pathScore } }', "NOT_FOUND", "from"),
]


async def test_bad_arguments_are_errors_naming_the_argument(world: Api) -> None:
    for query, code, argument in BAD:
        errors = await world.errors(query)
        assert len(errors) == 1, (query, errors)
        ext = errors[0]["extensions"]
        assert (ext["code"], ext["argument"]) == (code, argument), (query, errors[0])
        assert errors[0]["message"].startswith(f"{argument}: "), (query, errors[0])


async def test_arguments_the_schema_refuses(world: Api) -> None:
    for query in (
        "{ winLoss(groupBy: REGION) { key } }",
        '{ relationshipGaps(account: "acme", asOf: "2025-13-01") { threads } }',
        '{ supplyChain(company: "acme", direction: SIDEWAYS) { links { category } } }',
        "{ influencePaths { score } }",
    ):
        errors = await world.errors(query)
        assert errors and errors[0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED", (query, errors)


# --------------------------------------------------------------------------
# Round trips
# --------------------------------------------------------------------------

TEAM = 12
SCALARS = 'query($limit: Int) { influencePaths(to: "tgt", limit: $limit) { score hops } }'
FULL = """query($limit: Int) { influencePaths(to: "tgt", limit: $limit) {
  score hops people { id name company { id } }
  steps { from { id name } to { id name } tie strength via { id name } } } }"""


async def test_influence_path_results_cost_a_fixed_number_of_round_trips(store: GraphStore) -> None:
    """Teammate t_i knows m_i, a colleague of the target: one path per teammate, each
    with two new people. Resolving 10 paths' people, companies and hubs costs the
    same number of store calls as resolving 1."""
    await companies(store, "us", home=True)
    await companies(store, "tco", tier="KEY")
    team = [f"t{i:02}" for i in range(TEAM)]
    middle = [f"m{i:02}" for i in range(TEAM)]
    await people(store, "tgt", *team, *middle)
    await link(
        store,
        r("WORKS_AT", "tgt", "tco"),
        *(r("WORKS_AT", t, "us") for t in team),
        *(r("WORKS_AT", m, "tco") for m in middle),
        *(
            r("KNOWS", t, m, strength=0.9 - 0.01 * i)
            for i, (t, m) in enumerate(zip(team, middle, strict=True))
        ),
    )
    async with AsyncExitStack() as stack:
        api = await start_api(stack, "asgi", store)
        extra: dict[int, int] = {}
        for limit in (1, 10):
            before = api.meter.totals.copy()
            await api.query(SCALARS, {"limit": limit})
            analysis = sum((api.meter.totals - before).values())
            before = api.meter.totals.copy()
            data = await api.query(FULL, {"limit": limit})
            full = sum((api.meter.totals - before).values())
            found = data["influencePaths"]
            assert len(found) == limit
            assert ids(found[-1]["people"]) == [team[limit - 1], middle[limit - 1], "tgt"]
            assert found[-1]["steps"][1]["via"] == {"id": "tco", "name": "Company tco"}
            extra[limit] = full - analysis
        # people (one batch), their WORKS_AT (one batch), companies and hubs (one batch)
        assert extra[1] == extra[10], extra
        assert extra[10] <= 4, extra


# --------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------

#: analysis queries reaching personal fields: (query, the Type.field it reaches)
PERSONAL = [
    ('{ influencePaths(to: "cto") { people { id email } } }', "Person.email"),
    ('{ influencePaths(to: "cto") { steps { from { phone } } } }', "Person.phone"),
    ('{ influencePaths(to: "cto") { steps { strength } } }', "PathStep.strength"),
    ('{ influencePaths(to: "ceo") { steps { via { ... on Interest { name } } } } }', "PathStep.via"),
    ('{ relationshipGaps(account: "acme") { uncovered { bestPath { people { notes } } } } }', "Person.notes"),
    ('{ relationshipGaps(account: "acme") { stale { lastContact } } }', "StaleTie.lastContact"),
    ('{ relationshipGaps(account: "acme") { stale { strength } } }', "StaleTie.strength"),
    ('{ relationshipGaps(account: "acme") { decisionMakers { location } } }', "Person.location"),
    ('{ icebreakers(target: "ceo") { interests { name } } }', "Icebreaker.interests"),
    # who shares an interest with whom is personal even without naming the interests
    ('{ icebreakers(target: "ceo") { teammate { id } pathScore } }', "Query.icebreakers"),
    ('{ keyInfluencers(account: "acme") { person { interests { id } } } }', "Person.interests"),
]

VIEWER_OK = """{
  influencePaths(to: "cto") { score hops people { id name title } steps { from { id } to { id } tie } }
  relationshipGaps(account: "acme") {
    coverage threads decisionMakers { id name } uncovered { person { id } bestPath { score } }
    stale { teammate { id } person { id } } missingRoles { role }
  }
  keyInfluencers(account: "acme") { person { id } score }
}"""


@pytest.fixture
async def keyed_world(store: GraphStore, tmp_path: Path) -> AsyncIterator[Any]:
    await _world(store)
    async with AsyncExitStack() as stack:
        yield await start_keyed(stack, store, tmp_path)


async def test_a_viewer_sees_the_people_of_an_analysis_but_not_their_personal_data(keyed_world: Any) -> None:
    data = await keyed_world.data("viewer", VIEWER_OK)
    # a viewer's paths are ranked without the (personal) KNOWS strengths: every tie counts
    # as the default, so the shortest paths come first, not the warmest
    best = [p["id"] for p in data["influencePaths"][0]["people"]]
    analyst = await keyed_world.data("analyst", '{ influencePaths(to: "cto") { people { id } } }')
    assert [p["id"] for p in analyst["influencePaths"][0]["people"]] == ["you", "eng", "cto"]
    assert best[-1] == "cto" and len(best) == 3
    for query, reached in PERSONAL:
        resp = await keyed_world.post("viewer", query)
        body = resp.json()
        assert resp.status_code == 403 and body.get("data") is None, (query, body)
        assert set(codes(body)) == {"FORBIDDEN"}, (query, body)
        assert reached in [e["extensions"]["field"] for e in body["errors"]], (query, body)
        analyst = await keyed_world.post("analyst", query)
        assert analyst.status_code == 200 and "errors" not in analyst.json(), (query, analyst.json())


def test_every_role_requirement_names_a_served_field() -> None:
    """A typo in the role table would leave a field unprotected without anyone noticing."""
    schema = build_schema()._schema
    for type_name, field_name in REQUIREMENTS:
        t = schema.type_map.get(type_name)
        assert t is not None and field_name in t.fields, (type_name, field_name)  # type: ignore[attr-defined]
