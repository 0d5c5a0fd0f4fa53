"""A small graph with every node kind and every relationship kind, written over GraphQL.

acme (a STRATEGIC customer) has a CEO ann, her VP bob and his report cid; dee
used to work at acme and now works at carco. eve is of our team ("us", the home
company), covers acme and knows ann. steelco supplies acme, acme supplies carco;
acme-sub is acme's subsidiary. rival competes with us and sells the ERP that
acme uses; partnerco partners with us. opp1 targets acme, proposes our CRM
against rival, with ann as economic buyer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.e2e.conftest import Api

COMPANIES: list[dict[str, Any]] = [
    {"id": "us", "name": "Us Ltd", "home": True, "industry": "Software"},
    {
        "id": "acme",
        "name": "Acme Corp",
        "industry": "Manufacturing",
        "country": "DE",
        "tier": "STRATEGIC",
        "status": "CUSTOMER",
        "annualRevenue": 1.5e9,
        "currentSpend": 200000.0,
        "potentialSpend": 1000000.0,
        "website": "https://acme.example",
        "tags": ["automotive", "eu"],
    },
    {"id": "acme-sub", "name": "Acme Subsidiary", "country": "AT"},
    {"id": "steelco", "name": "Steel Co", "industry": "Steel", "tier": "GROWTH", "status": "PROSPECT"},
    {"id": "carco", "name": "Car Co", "industry": "Automotive", "tier": "KEY", "status": "FORMER"},
    {"id": "rival", "name": "Rival Systems", "industry": "Software"},
    {"id": "partnerco", "name": "Partner Co"},
]

PEOPLE: list[dict[str, Any]] = [
    {
        "id": "ann",
        "name": "Ann Archer",
        "title": "CEO",
        "department": "Board",
        "seniority": "C_LEVEL",
        "decisionMaker": True,
        "email": "ann@acme.example",
        "phone": "+49 1",
        "location": "Berlin",
        "notes": "prefers mornings",
    },
    {"id": "bob", "name": "Bob Baker", "title": "VP Operations", "seniority": "VP"},
    {"id": "cid", "name": "Cid Carter", "seniority": "INDIVIDUAL", "decisionMaker": False},
    {"id": "dee", "name": "Dee Dunn", "seniority": "DIRECTOR"},
    {"id": "eve", "name": "Eve Evans", "title": "Account Manager"},
]

INTERESTS = [
    {"id": "golf", "name": "Golf", "category": "SPORT"},
    {"id": "sailing", "name": "Sailing", "category": "HOBBY"},
]

PRODUCTS = [
    {"id": "crm", "name": "Our CRM", "category": "CRM"},
    {"id": "erp", "name": "Rival ERP", "category": "ERP"},
]

OPPORTUNITIES = [
    {
        "id": "opp1",
        "name": "Acme CRM rollout",
        "stage": "PROPOSAL",
        "amount": 120000.0,
        "closeDate": "2025-06-30",
    },
    {"id": "opp0", "name": "Acme pilot", "stage": "LOST", "lossReason": "price"},
]

RELATIONSHIPS: list[dict[str, Any]] = [
    {"kind": "WORKS_AT", "from": "ann", "to": "acme", "title": "CEO", "since": "2015-03-01"},
    {"kind": "WORKS_AT", "from": "bob", "to": "acme"},
    {"kind": "WORKS_AT", "from": "cid", "to": "acme"},
    {"kind": "WORKS_AT", "from": "dee", "to": "acme", "current": False, "until": "2022-12-31"},
    {"kind": "WORKS_AT", "from": "dee", "to": "carco", "since": "2023-01-01"},
    {"kind": "WORKS_AT", "from": "eve", "to": "us"},
    {"kind": "REPORTS_TO", "from": "bob", "to": "ann"},
    {"kind": "REPORTS_TO", "from": "cid", "to": "bob"},
    {
        "kind": "KNOWS",
        "from": "eve",
        "to": "ann",
        "strength": 0.7,
        "lastContact": "2024-01-15",
        "source": "event",
    },
    {"kind": "KNOWS", "from": "eve", "to": "cid", "strength": 0.2},
    {"kind": "INTERESTED_IN", "from": "ann", "to": "golf", "level": 3},
    {"kind": "INTERESTED_IN", "from": "eve", "to": "golf"},
    {"kind": "INTERESTED_IN", "from": "bob", "to": "sailing", "level": 1},
    {"kind": "COVERS", "from": "eve", "to": "acme", "role": "ACCOUNT_OWNER"},
    {
        "kind": "SUPPLIES",
        "from": "steelco",
        "to": "acme",
        "category": "steel",
        "share": 0.6,
        "since": "2019-05-01",
    },
    {"kind": "SUPPLIES", "from": "acme", "to": "carco", "category": "parts"},
    {"kind": "COMPETES_WITH", "from": "us", "to": "rival"},
    {"kind": "PARTNERS_WITH", "from": "partnerco", "to": "us"},
    {"kind": "SUBSIDIARY_OF", "from": "acme-sub", "to": "acme"},
    {"kind": "OFFERS", "from": "us", "to": "crm"},
    {"kind": "OFFERS", "from": "rival", "to": "erp"},
    {
        "kind": "USES",
        "from": "acme",
        "to": "erp",
        "since": "2018-01-01",
        "contractEnd": "2026-03-31",
        "satisfaction": 2,
        "spend": 50000.0,
    },
    {"kind": "TARGETS", "from": "opp1", "to": "acme"},
    {"kind": "TARGETS", "from": "opp0", "to": "acme"},
    {"kind": "PROPOSES", "from": "opp1", "to": "crm"},
    {"kind": "AGAINST", "from": "opp1", "to": "rival"},
    {"kind": "INFLUENCES", "from": "ann", "to": "opp1", "role": "ECONOMIC_BUYER", "stance": "SUPPORTER"},
    {"kind": "INFLUENCES", "from": "cid", "to": "opp1", "role": "USER_BUYER"},
]

SEED = """
mutation Seed(
  $companies: [CompanyInput!]!, $people: [PersonInput!]!, $interests: [InterestInput!]!,
  $products: [ProductInput!]!, $opportunities: [OpportunityInput!]!, $rels: [RelationshipInput!]!
) {
  upsertCompanies(input: $companies) { id }
  upsertPeople(input: $people) { id }
  upsertInterests(input: $interests) { id }
  upsertProducts(input: $products) { id }
  upsertOpportunities(input: $opportunities) { id }
  relate(input: $rels) { kind from { id } to { id } }
}
"""


async def seed(api: Api) -> dict[str, Any]:
    """Write the graph (one request, six transactions) and return the mutation's data."""
    return await api.query(
        SEED,
        {
            "companies": COMPANIES,
            "people": PEOPLE,
            "interests": INTERESTS,
            "products": PRODUCTS,
            "opportunities": OPPORTUNITIES,
            "rels": RELATIONSHIPS,
        },
    )
