"""Every mutation of the contract, and what a client sees when a write is refused."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import Api
from tests.e2e.seed import seed

ACME = '{ company(id: "acme") { name industry tier tags annualRevenue website } }'


async def test_upsert_leaves_omitted_fields_and_removes_explicit_nulls(api: Api) -> None:
    await seed(api)
    data = await api.query(
        """mutation {
             upsertCompanies(input: [{id: "acme", name: "ACME", industry: null, tags: ["x"]}]) {
               id name industry tier tags annualRevenue website
             }
           }"""
    )
    written = data["upsertCompanies"][0]
    assert written == {
        "id": "acme",
        "name": "ACME",
        "industry": None,  # explicit null: removed
        "tier": "STRATEGIC",  # omitted: kept
        "tags": ["x"],
        "annualRevenue": 1.5e9,
        "website": "https://acme.example",
    }
    read = (await api.query(ACME))["company"]
    assert read == {k: v for k, v in written.items() if k != "id"}


async def test_upserts_of_every_kind_create_and_update(api: Api) -> None:
    data = await api.query(
        """mutation {
             p: upsertPeople(input: [
               {id: "p", name: "P", seniority: MANAGER, decisionMaker: true, email: "p@x.org"}
             ]) {
               id kind name seniority decisionMaker email
             }
             i: upsertInterests(input: [{id: "i", name: "Chess", category: "HOBBY"}]) {
               id kind name category
             }
             pr: upsertProducts(input: [{id: "pr", name: "Widget", category: "tools"}]) {
               id kind name category
             }
             o: upsertOpportunities(input: [
               {id: "o", name: "Deal", stage: WON, amount: 10.5, closeDate: "2024-02-29"}
             ]) {
               id kind name stage amount closeDate lossReason
             }
           }"""
    )
    assert data["p"] == [
        {
            "id": "p",
            "kind": "PERSON",
            "name": "P",
            "seniority": "MANAGER",
            "decisionMaker": True,
            "email": "p@x.org",
        }
    ]
    assert data["i"] == [{"id": "i", "kind": "INTEREST", "name": "Chess", "category": "HOBBY"}]
    assert data["pr"] == [{"id": "pr", "kind": "PRODUCT", "name": "Widget", "category": "tools"}]
    assert data["o"] == [
        {
            "id": "o",
            "kind": "OPPORTUNITY",
            "name": "Deal",
            "stage": "WON",
            "amount": 10.5,
            "closeDate": "2024-02-29",
            "lossReason": None,
        }
    ]
    again = await api.query(
        """mutation {
             upsertOpportunities(input: [{id: "o", name: "Deal 2", stage: LOST, lossReason: "timing"}]) {
               name stage amount lossReason
             }
           }"""
    )
    assert again["upsertOpportunities"] == [
        {"name": "Deal 2", "stage": "LOST", "amount": 10.5, "lossReason": "timing"}
    ]


async def test_relate_is_an_upsert_and_unrelate_counts(api: Api) -> None:
    await seed(api)
    data = await api.query(
        """mutation {
             relate(input: [{kind: KNOWS, from: "ann", to: "eve", strength: 0.95}]) {
               kind from { id } to { id }
             }
           }"""
    )
    assert data["relate"] == [{"kind": "KNOWS", "from": {"id": "ann"}, "to": {"id": "eve"}}]
    knows = await api.query('{ person(id: "eve") { knows { person { id } strength lastContact } } }')
    assert knows["person"]["knows"][0] == {
        "person": {"id": "ann"},
        "strength": 0.95,
        "lastContact": "2024-01-15",
    }
    removed = await api.query(
        """mutation {
             unrelate(input: [
               {kind: KNOWS, from: "ann", to: "eve"},
               {kind: REPORTS_TO, from: "cid", to: "bob"},
               {kind: REPORTS_TO, from: "cid", to: "ann"}
             ])
           }"""
    )
    assert removed == {"unrelate": 2}
    after = await api.query(
        '{ person(id: "cid") { manager { id } } e: person(id: "eve") { knows { person { id } } } }'
    )
    assert after == {"person": {"manager": None}, "e": {"knows": [{"person": {"id": "cid"}}]}}


async def test_delete_nodes_removes_their_relationships(api: Api) -> None:
    await seed(api)
    data = await api.query('mutation { deleteNodes(ids: ["bob", "rival", "no-such-id"]) }')
    assert data == {"deleteNodes": 2}
    after = await api.query(
        """{
             bob: node(id: "bob") { id }
             ann: person(id: "ann") { reports { id } }
             cid: person(id: "cid") { manager { id } }
             us: company(id: "us") { competitors { id } }
             opp1: node(id: "opp1") { ... on Opportunity { against { id } } }
           }"""
    )
    assert after == {
        "bob": None,
        "ann": {"reports": []},
        "cid": {"manager": None},
        "us": {"competitors": []},
        "opp1": {"against": []},
    }


def _problems(error: dict[str, Any]) -> list[tuple[str, str]]:
    ext = error["extensions"]
    assert ext["code"] == "BAD_USER_INPUT"
    return [(p["item"], p["field"]) for p in ext["problems"]]


async def test_a_bad_item_fails_the_whole_call_naming_item_and_field(api: Api) -> None:
    await seed(api)
    errors = await api.errors(
        """mutation {
             upsertCompanies(input: [
               {id: "new-co", name: "New"},
               {id: "acme", name: "Acme", annualRevenue: -1},
               {id: "x", name: "X", currentSpend: -2}
             ]) { id }
           }"""
    )
    assert len(errors) == 1
    problems = _problems(errors[0])
    assert [f for _, f in problems] == ["annualRevenue", "currentSpend"]
    assert "acme" in problems[0][0] and "x" in problems[1][0]
    assert "acme" in errors[0]["message"] and "annualRevenue" in errors[0]["message"]
    assert errors[0]["path"] == ["upsertCompanies"]
    assert (await api.query('{ node(id: "new-co") { id } }')) == {"node": None}


async def test_relationship_errors_name_the_bad_end(api: Api) -> None:
    await seed(api)
    errors = await api.errors(
        """mutation {
             relate(input: [
               {kind: WORKS_AT, from: "ann", to: "carco"},
               {kind: WORKS_AT, from: "acme", to: "ann"},
               {kind: KNOWS, from: "ann", to: "ghost"}
             ]) { kind }
           }"""
    )
    problems = _problems(errors[0])
    assert ("from" in [f for _, f in problems]) and ("to" in [f for _, f in problems])
    assert "ghost" in errors[0]["message"]
    assert (await api.query('{ person(id: "ann") { employment { company { id } } } }')) == {
        "person": {"employment": [{"company": {"id": "acme"}}]}
    }


async def test_properties_that_do_not_apply_or_are_out_of_range(api: Api) -> None:
    await seed(api)
    errors = await api.errors(
        """mutation {
             relate(input: [
               {kind: KNOWS, from: "ann", to: "bob", strength: 1.5},
               {kind: REPORTS_TO, from: "dee", to: "ann", role: "COACH"},
               {kind: USES, from: "carco", to: "crm", satisfaction: 9}
             ]) { kind }
           }"""
    )
    assert sorted(f for _, f in _problems(errors[0])) == ["role", "satisfaction", "strength"]


async def test_kind_clash_and_enum_and_required_errors(api: Api) -> None:
    await seed(api)
    clash = await api.errors('mutation { upsertPeople(input: [{id: "acme", name: "Not a company"}]) { id } }')
    assert _problems(clash[0])[0][1] == "id" and "acme" in clash[0]["message"]
    cat = await api.errors(
        'mutation { upsertInterests(input: [{id: "q", name: "Q", category: "FOOD"}]) { id } }'
    )
    assert _problems(cat[0]) == [("item 0 (id 'q')", "category")]
    blank = await api.errors('mutation { upsertProducts(input: [{id: "q", name: "  "}]) { id } }')
    assert _problems(blank[0])[0][1] == "name"
    # a missing required field is refused by GraphQL itself, before anything runs
    missing = await api.errors('mutation { upsertOpportunities(input: [{id: "q", name: "Q"}]) { id } }')
    assert missing[0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "stage" in missing[0]["message"]


async def test_bad_paging_arguments_are_errors_naming_the_argument(api: Api) -> None:
    for document, argument in [
        ("{ companies(first: 501) { totalCount } }", "first"),
        ("{ people(first: -1) { totalCount } }", "first"),
        ('{ companies(after: "bm90LWEtY3Vyc29y") { totalCount } }', "after"),
        ('{ people(after: "%%%") { totalCount } }', "after"),
        ('{ search(text: "a", first: 501) { id } }', "first"),
        (
            '{ company(id: "x") { people(first: 9999) { totalCount } } }',
            None,
        ),  # null company: nothing to page
    ]:
        if argument is None:
            assert await api.query(document) == {"company": None}
            continue
        errors = await api.errors(document)
        assert errors[0]["extensions"] == {
            "code": "BAD_USER_INPUT",
            "argument": argument,
            "requestId": errors[0]["extensions"]["requestId"],
        }
        assert errors[0]["message"].startswith(argument + ":")
