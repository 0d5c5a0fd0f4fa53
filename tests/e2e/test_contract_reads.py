"""Every read of the contract, over both stores and both transports, on the seed graph."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import Api
from tests.e2e.seed import COMPANIES, PEOPLE, RELATIONSHIPS, seed


def ids(items: list[dict[str, Any]], key: str | None = None) -> list[str]:
    return [(i[key] if key else i)["id"] for i in items]


async def test_seed_writes_every_node_and_relationship(api: Api) -> None:
    data = await seed(api)
    assert ids(data["upsertCompanies"]) == [c["id"] for c in COMPANIES]
    assert ids(data["upsertPeople"]) == [p["id"] for p in PEOPLE]
    rels = data["relate"]
    assert len(rels) == len(RELATIONSHIPS)
    assert {r["kind"] for r in rels} == {r["kind"] for r in RELATIONSHIPS}
    # undirected ties come back normalised (from < to), directed ones as given
    knows = next(r for r in rels if r["kind"] == "KNOWS" and "ann" in (r["from"]["id"], r["to"]["id"]))
    assert (knows["from"]["id"], knows["to"]["id"]) == ("ann", "eve")
    works = rels[0]
    assert (works["from"]["id"], works["to"]["id"]) == ("ann", "acme")


COMPANY_FIELDS = """
  id kind name industry country tier status home annualRevenue currentSpend potentialSpend website tags
"""


async def test_company_scalars_and_every_relation(api: Api) -> None:
    await seed(api)
    data = await api.query(
        """
        query($id: ID!) {
          company(id: $id) {
            """
        + COMPANY_FIELDS
        + """
            people { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
            formerToo: people(currentOnly: false) { totalCount edges { node { id } } }
            parent { id }
            subsidiaries { id parent { id } }
            suppliers { supplier { id } customer { id } category share since }
            customers { supplier { id } customer { id } category share since }
            competitors { id }
            partners { id }
            offers { id }
            uses { company { id } product { id name } since contractEnd satisfaction spend }
            opportunities { id }
            accountTeam { person { id } company { id } role }
          }
        }
        """,
        {"id": "acme"},
    )
    c = data["company"]
    assert {k: c[k] for k in COMPANIES[1]} == COMPANIES[1]
    assert c["kind"] == "COMPANY" and c["home"] is False
    assert ids(c["people"]["edges"], "node") == ["ann", "bob", "cid"]
    assert c["people"]["totalCount"] == 3 and c["people"]["pageInfo"]["hasNextPage"] is False
    assert c["people"]["pageInfo"]["endCursor"] == c["people"]["edges"][-1]["cursor"]
    assert ids(c["formerToo"]["edges"], "node") == ["ann", "bob", "cid", "dee"]
    assert c["parent"] is None
    assert c["subsidiaries"] == [{"id": "acme-sub", "parent": {"id": "acme"}}]
    assert c["suppliers"] == [
        {
            "supplier": {"id": "steelco"},
            "customer": {"id": "acme"},
            "category": "steel",
            "share": 0.6,
            "since": "2019-05-01",
        }
    ]
    assert c["customers"] == [
        {
            "supplier": {"id": "acme"},
            "customer": {"id": "carco"},
            "category": "parts",
            "share": None,
            "since": None,
        }
    ]
    assert c["competitors"] == [] and c["partners"] == [] and c["offers"] == []
    assert c["uses"] == [
        {
            "company": {"id": "acme"},
            "product": {"id": "erp", "name": "Rival ERP"},
            "since": "2018-01-01",
            "contractEnd": "2026-03-31",
            "satisfaction": 2,
            "spend": 50000.0,
        }
    ]
    assert sorted(ids(c["opportunities"])) == ["opp0", "opp1"]
    assert c["accountTeam"] == [{"person": {"id": "eve"}, "company": {"id": "acme"}, "role": "ACCOUNT_OWNER"}]


async def test_undirected_company_ties_read_from_both_ends(api: Api) -> None:
    await seed(api)
    data = await api.query(
        """{
          us: company(id: "us") { home competitors { id } partners { id } offers { id name } }
          rival: company(id: "rival") { competitors { id } offers { id } }
          partnerco: company(id: "partnerco") { partners { id } }
          sub: company(id: "acme-sub") { parent { id name } }
          steelco: company(id: "steelco") { customers { customer { id } } suppliers { supplier { id } } }
        }"""
    )
    assert data["us"] == {
        "home": True,
        "competitors": [{"id": "rival"}],
        "partners": [{"id": "partnerco"}],
        "offers": [{"id": "crm", "name": "Our CRM"}],
    }
    assert data["rival"] == {"competitors": [{"id": "us"}], "offers": [{"id": "erp"}]}
    assert data["partnerco"] == {"partners": [{"id": "us"}]}
    assert data["sub"] == {"parent": {"id": "acme", "name": "Acme Corp"}}
    assert data["steelco"] == {"customers": [{"customer": {"id": "acme"}}], "suppliers": []}


async def test_person_scalars_and_every_relation(api: Api) -> None:
    await seed(api)
    data = await api.query(
        """{
          ann: person(id: "ann") {
            id kind name title department seniority decisionMaker email phone location notes
            company { id } manager { id } reports { id reports { id } }
            knows { person { id } strength since lastContact source }
            interests { id name category people { id } }
            influences { person { id } opportunity { id } role stance }
            covers { company { id } }
            employment { company { id } title since until current }
          }
          eve: person(id: "eve") {
            decisionMaker seniority company { id home }
            knows { person { id } strength }
            strong: knows(minStrength: 0.5) { person { id } }
            covers { person { id } company { id name } role }
          }
          dee: person(id: "dee") {
            company { id }
            employment { company { id } since until current }
          }
          cid: person(id: "cid") { manager { id manager { id manager { id } } } }
        }"""
    )
    ann = data["ann"]
    assert {k: ann[k] for k in PEOPLE[0]} == PEOPLE[0]
    assert ann["kind"] == "PERSON"
    assert ann["company"] == {"id": "acme"} and ann["manager"] is None
    assert ann["reports"] == [{"id": "bob", "reports": [{"id": "cid"}]}]
    assert ann["knows"] == [
        {
            "person": {"id": "eve"},
            "strength": 0.7,
            "since": None,
            "lastContact": "2024-01-15",
            "source": "event",
        }
    ]
    assert ann["interests"] == [
        {"id": "golf", "name": "Golf", "category": "SPORT", "people": [{"id": "ann"}, {"id": "eve"}]}
    ]
    assert ann["influences"] == [
        {
            "person": {"id": "ann"},
            "opportunity": {"id": "opp1"},
            "role": "ECONOMIC_BUYER",
            "stance": "SUPPORTER",
        }
    ]
    assert ann["covers"] == []
    assert ann["employment"] == [
        {"company": {"id": "acme"}, "title": "CEO", "since": "2015-03-01", "until": None, "current": True}
    ]
    eve = data["eve"]
    assert eve["decisionMaker"] is False and eve["seniority"] is None
    assert eve["company"] == {"id": "us", "home": True}
    assert eve["knows"] == [
        {"person": {"id": "ann"}, "strength": 0.7},
        {"person": {"id": "cid"}, "strength": 0.2},
    ]
    assert eve["strong"] == [{"person": {"id": "ann"}}]
    assert eve["covers"] == [
        {"person": {"id": "eve"}, "company": {"id": "acme", "name": "Acme Corp"}, "role": "ACCOUNT_OWNER"}
    ]
    dee = data["dee"]
    assert dee["company"] == {"id": "carco"}
    assert dee["employment"] == [
        {"company": {"id": "acme"}, "since": None, "until": "2022-12-31", "current": False},
        {"company": {"id": "carco"}, "since": "2023-01-01", "until": None, "current": True},
    ]
    assert data["cid"] == {"manager": {"id": "bob", "manager": {"id": "ann", "manager": None}}}


async def test_interest_product_and_opportunity_relations(api: Api) -> None:
    await seed(api)
    data = await api.query(
        """{
          sailing: node(id: "sailing") { ... on Interest { id kind name category people { id } } }
          erp: node(id: "erp") {
            ... on Product {
              kind category offeredBy { id } usedBy { company { id } product { id } satisfaction }
            }
          }
          crm: node(id: "crm") { ... on Product { offeredBy { id home } usedBy { company { id } } } }
          opp1: node(id: "opp1") {
            ... on Opportunity {
              kind name stage amount closeDate lossReason
              account { id } proposes { id } against { id }
              influencers { person { id } opportunity { id } role stance }
            }
          }
          opp0: node(id: "opp0") {
            ... on Opportunity { stage amount lossReason account { id } proposes { id } }
          }
        }"""
    )
    assert data["sailing"] == {
        "id": "sailing",
        "kind": "INTEREST",
        "name": "Sailing",
        "category": "HOBBY",
        "people": [{"id": "bob"}],
    }
    assert data["erp"] == {
        "kind": "PRODUCT",
        "category": "ERP",
        "offeredBy": [{"id": "rival"}],
        "usedBy": [{"company": {"id": "acme"}, "product": {"id": "erp"}, "satisfaction": 2}],
    }
    assert data["crm"] == {"offeredBy": [{"id": "us", "home": True}], "usedBy": []}
    assert data["opp1"] == {
        "kind": "OPPORTUNITY",
        "name": "Acme CRM rollout",
        "stage": "PROPOSAL",
        "amount": 120000.0,
        "closeDate": "2025-06-30",
        "lossReason": None,
        "account": {"id": "acme"},
        "proposes": [{"id": "crm"}],
        "against": [{"id": "rival"}],
        "influencers": [
            {
                "person": {"id": "ann"},
                "opportunity": {"id": "opp1"},
                "role": "ECONOMIC_BUYER",
                "stance": "SUPPORTER",
            },
            {"person": {"id": "cid"}, "opportunity": {"id": "opp1"}, "role": "USER_BUYER", "stance": None},
        ],
    }
    assert data["opp0"] == {
        "stage": "LOST",
        "amount": None,
        "lossReason": "price",
        "account": {"id": "acme"},
        "proposes": [],
    }


async def test_node_company_person_by_id_and_unknown_ids(api: Api) -> None:
    await seed(api)
    data = await api.query(
        """{
          a: node(id: "acme") { __typename id kind name }
          b: node(id: "ann") { __typename id kind }
          c: node(id: "golf") { __typename }
          d: node(id: "crm") { __typename }
          e: node(id: "opp1") { __typename }
          none: node(id: "no-such-id") { id }
          noCompany: company(id: "no-such-id") { id }
          personIsNotCompany: company(id: "ann") { id }
          companyIsNotPerson: person(id: "acme") { id }
          person(id: "bob") { name }
        }"""
    )
    assert data["a"] == {"__typename": "Company", "id": "acme", "kind": "COMPANY", "name": "Acme Corp"}
    assert data["b"] == {"__typename": "Person", "id": "ann", "kind": "PERSON"}
    assert [data[k]["__typename"] for k in "cde"] == ["Interest", "Product", "Opportunity"]
    assert data["none"] is None and data["noCompany"] is None
    assert data["personIsNotCompany"] is None and data["companyIsNotPerson"] is None
    assert data["person"] == {"name": "Bob Baker"}


async def test_companies_filters(api: Api) -> None:
    await seed(api)

    async def companies(filter: dict[str, Any]) -> list[str]:
        data = await api.query(
            "query($f: CompanyFilter) { companies(filter: $f) { totalCount edges { node { id } } } }",
            {"f": filter},
        )
        got = ids(data["companies"]["edges"], "node")
        assert data["companies"]["totalCount"] == len(got)
        return got

    assert await companies({}) == sorted(c["id"] for c in COMPANIES)
    assert await companies({"nameContains": "co"}) == ["acme", "carco", "partnerco", "steelco"]
    assert await companies({"industry": "Software"}) == ["rival", "us"]
    assert await companies({"country": "DE"}) == ["acme"]
    assert await companies({"tier": ["STRATEGIC", "KEY"]}) == ["acme", "carco"]
    assert await companies({"status": ["PROSPECT"]}) == ["steelco"]
    assert await companies({"tag": "eu"}) == ["acme"]
    assert await companies({"accountsOnly": True}) == ["acme", "carco", "steelco"]
    assert await companies({"industry": "Software", "nameContains": "rival"}) == ["rival"]


async def test_people_filters(api: Api) -> None:
    await seed(api)

    async def people(filter: dict[str, Any] | None) -> list[str]:
        data = await api.query(
            "query($f: PersonFilter) { people(filter: $f) { totalCount edges { node { id } } } }",
            {"f": filter},
        )
        return ids(data["people"]["edges"], "node")

    assert await people(None) == ["ann", "bob", "cid", "dee", "eve"]
    assert await people({"companyId": "acme"}) == ["ann", "bob", "cid"]
    assert await people({"seniority": ["VP", "C_LEVEL"]}) == ["ann", "bob"]
    assert await people({"decisionMaker": True}) == ["ann"]
    assert await people({"interestId": "golf"}) == ["ann", "eve"]
    assert await people({"nameContains": "ba"}) == ["bob"]


async def test_paging_walks_every_item_once_with_opaque_cursors(api: Api) -> None:
    await seed(api)
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        data = await api.query(
            """query($after: String) {
                 companies(first: 2, after: $after) {
                   totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor }
                 }
               }""",
            {"after": after},
        )
        conn = data["companies"]
        assert conn["totalCount"] == len(COMPANIES)
        assert all(e["cursor"] != e["node"]["id"] for e in conn["edges"])  # opaque
        seen += ids(conn["edges"], "node")
        pages += 1
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert seen == sorted(c["id"] for c in COMPANIES)
    assert pages == 4
    # the company's own people page the same way
    data = await api.query(
        """{ company(id: "acme") {
             people(first: 2) { edges { node { id } } pageInfo { endCursor hasNextPage } }
           } }"""
    )
    first = data["company"]["people"]
    assert ids(first["edges"], "node") == ["ann", "bob"] and first["pageInfo"]["hasNextPage"]
    data = await api.query(
        """query($a: String) { company(id: "acme") {
             people(first: 2, after: $a) { totalCount edges { node { id } } pageInfo { hasNextPage } }
           } }""",
        {"a": first["pageInfo"]["endCursor"]},
    )
    rest = data["company"]["people"]
    assert (
        ids(rest["edges"], "node") == ["cid"]
        and rest["pageInfo"]["hasNextPage"] is False
        and rest["totalCount"] == 3
    )


async def test_first_zero_gives_only_the_count(api: Api) -> None:
    await seed(api)
    data = await api.query(
        "{ companies(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }"
    )
    assert data["companies"] == {
        "totalCount": len(COMPANIES),
        "edges": [],
        "pageInfo": {"hasNextPage": True, "endCursor": None},
    }


async def test_search(api: Api) -> None:
    await seed(api)
    data = await api.query(
        """{
          all: search(text: "acme") { __typename id }
          companies: search(text: "CO", kinds: [COMPANY]) { id }
          one: search(text: "a", first: 1) { id }
          people: search(text: "ann archer", kinds: [PERSON]) { ... on Person { id title } }
        }"""
    )
    assert {n["id"] for n in data["all"]} == {"acme", "acme-sub", "opp0", "opp1"}
    assert {n["__typename"] for n in data["all"]} == {"Company", "Opportunity"}
    assert {n["id"] for n in data["companies"]} == {"acme", "carco", "partnerco", "steelco"}
    assert len(data["one"]) == 1
    assert data["people"] == [{"id": "ann", "title": "CEO"}]


async def test_org_chart(api: Api) -> None:
    await seed(api)
    data = await api.query(
        """{
          company(id: "acme") {
            full: orgChart { person { id name } managerId level }
            top: orgChart(depth: 0) { person { id } level }
            fromBob: orgChart(root: "bob") { person { id } managerId level }
          }
        }"""
    )
    c = data["company"]
    assert c["full"] == [
        {"person": {"id": "ann", "name": "Ann Archer"}, "managerId": None, "level": 0},
        {"person": {"id": "bob", "name": "Bob Baker"}, "managerId": "ann", "level": 1},
        {"person": {"id": "cid", "name": "Cid Carter"}, "managerId": "bob", "level": 2},
    ]
    assert c["top"] == [{"person": {"id": "ann"}, "level": 0}]
    assert [(e["person"]["id"], e["level"]) for e in c["fromBob"]] == [("bob", 0), ("cid", 1)]
