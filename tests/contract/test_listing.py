"""Keyset-paginated listings: order, pages, totals, filters, and pages under concurrent writes."""

from __future__ import annotations

from kamgraph.domain.model import CompanyFilter, NodeKind, Page, PersonFilter, Stage
from kamgraph.store.protocol import MAX_PAGE, GraphStore
from tests.contract.support import C, P, add, companies, ids, link, people, r


async def _all_pages(store: GraphStore, kind: NodeKind, first: int) -> list[Page]:
    pages: list[Page] = []
    after: str | None = None
    while True:
        page = await store.list_nodes(kind, first, after)
        pages.append(page)
        if not page.has_next:
            return pages
        after = page.end_cursor


async def test_pages_cover_every_node_once_in_id_order(store: GraphStore) -> None:
    wanted = [f"p{i:03}" for i in range(50)]
    await people(store, *reversed(wanted))
    await companies(store, "c-not-a-person")
    pages = await _all_pages(store, NodeKind.PERSON, 7)
    assert [len(p.items) for p in pages] == [7] * 7 + [1]
    assert [n.id for p in pages for n in p.items] == wanted
    assert all(p.total_count == 50 for p in pages)
    assert [p.has_next for p in pages] == [True] * 7 + [False]
    exact = await store.list_nodes(NodeKind.PERSON, 50)
    assert len(exact.items) == 50 and not exact.has_next


async def test_after_need_not_be_an_existing_id(store: GraphStore) -> None:
    await people(store, "a", "b", "d", "e")
    page = await store.list_nodes(NodeKind.PERSON, 2, "c")
    assert ids(page.items) == ["d", "e"] and not page.has_next and page.total_count == 4
    page = await store.list_nodes(NodeKind.PERSON, 2, "zzz")
    assert page.items == [] and not page.has_next and page.end_cursor is None


async def test_page_size_is_capped(store: GraphStore) -> None:
    await people(store, *(f"p{i:04}" for i in range(MAX_PAGE + 3)))
    page = await store.list_nodes(NodeKind.PERSON, MAX_PAGE + 100)
    assert len(page.items) == MAX_PAGE and page.has_next and page.total_count == MAX_PAGE + 3


async def test_no_gaps_or_repeats_while_other_writes_happen(store: GraphStore) -> None:
    original = [f"m{i:03}" for i in range(0, 60, 2)]
    await people(store, *original)
    seen: list[str] = []
    after: str | None = None
    round_ = 0
    ahead: list[str] = []
    while True:
        page = await store.list_nodes(NodeKind.PERSON, 4, after)
        seen.extend(ids(page.items))
        if not page.has_next:
            break
        after = page.end_cursor
        assert after is not None
        round_ += 1
        # between fetches: nodes before the cursor, after it, and a delete ahead of it
        ahead.append(after + "x")
        await people(store, f"a{round_:03}", ahead[-1], f"z{round_:03}")
        later = [i for i in original if i > after]
        if len(later) > 3:
            await store.delete_nodes([later[3]])
            original.remove(later[3])
    assert len(seen) == len(set(seen))
    assert [i for i in seen if i in original] == original  # every survivor, in order
    assert not any(i.startswith("a") for i in seen)  # inserted behind the cursor: not shown
    assert [i for i in seen if i.startswith("z") and not i.endswith("x")] == [
        f"z{i:03}" for i in range(1, round_ + 1)
    ]
    assert [i for i in seen if i.endswith("x")] == ahead  # inserted ahead of the cursor: shown
    assert seen == sorted(seen)
    final = await store.list_nodes(NodeKind.PERSON, 1)
    assert final.total_count == len(original) + 3 * round_


async def _catalogue(store: GraphStore) -> None:
    await add(
        store,
        C,
        {"id": "us", "name": "Our Co", "home": True, "tier": "KEY", "industry": "Software"},
        {
            "id": "c1",
            "name": "Alpha Steel",
            "industry": "Steel",
            "country": "DE",
            "tier": "KEY",
            "tags": ["eu"],
        },
        {"id": "c2", "name": "Beta Steel", "industry": "Steel", "country": "FR", "status": "CUSTOMER"},
        {"id": "c3", "name": "Gamma Foods", "industry": "Food", "country": "DE", "tier": "STRATEGIC"},
        {"id": "c4", "name": "Delta Labs", "country": "US", "tags": ["eu", "lab"]},
    )


async def _companies(store: GraphStore, f: CompanyFilter, first: int = 50) -> tuple[list[str], int]:
    page = await store.list_companies(f, first)
    return ids(page.items), page.total_count


async def test_company_filters(store: GraphStore) -> None:
    await _catalogue(store)
    assert await _companies(store, CompanyFilter()) == (["c1", "c2", "c3", "c4", "us"], 5)
    assert await _companies(store, CompanyFilter(industry="Steel")) == (["c1", "c2"], 2)
    assert await _companies(store, CompanyFilter(country="DE")) == (["c1", "c3"], 2)
    assert await _companies(store, CompanyFilter(tiers=("KEY", "STRATEGIC"))) == (["c1", "c3", "us"], 3)
    assert await _companies(store, CompanyFilter(statuses=("CUSTOMER", "FORMER"))) == (["c2"], 1)
    assert await _companies(store, CompanyFilter(tag="eu")) == (["c1", "c4"], 2)
    assert await _companies(store, CompanyFilter(tag="e")) == ([], 0)
    assert await _companies(store, CompanyFilter(accounts_only=True)) == (["c1", "c2", "c3"], 3)
    assert await _companies(store, CompanyFilter(name_contains="STEEL")) == (["c1", "c2"], 2)
    assert await _companies(store, CompanyFilter(name_contains="ta")) == (["c2", "c4"], 2)
    assert await _companies(store, CompanyFilter(name_contains="steel", country="FR")) == (["c2"], 1)
    # filtered pages keep the filter's total and go on after the cursor
    page = await store.list_companies(CompanyFilter(country="DE"), 1)
    assert ids(page.items) == ["c1"] and page.has_next and page.total_count == 2
    page = await store.list_companies(CompanyFilter(country="DE"), 1, page.end_cursor)
    assert ids(page.items) == ["c3"] and not page.has_next and page.total_count == 2


async def test_people_filters(store: GraphStore) -> None:
    await companies(store, "acme", "other")
    await add(store, NodeKind.INTEREST, {"id": "golf", "name": "Golf"})
    await add(
        store,
        P,
        {"id": "p1", "name": "Ann Smith", "seniority": "VP", "decisionMaker": True},
        {"id": "p2", "name": "Bob Smithers", "seniority": "MANAGER", "decisionMaker": False},
        {"id": "p3", "name": "Cy Jones", "seniority": "C_LEVEL"},
        {"id": "p4", "name": "Di Jones"},
    )
    await link(
        store,
        r("WORKS_AT", "p1", "acme"),
        r("WORKS_AT", "p2", "acme", current=False),
        r("WORKS_AT", "p3", "acme", current=True),
        r("WORKS_AT", "p4", "other"),
        r("INTERESTED_IN", "p2", "golf"),
        r("INTERESTED_IN", "p4", "golf"),
    )

    async def people_ids(f: PersonFilter) -> tuple[list[str], int]:
        page = await store.list_people(f, 50)
        return ids(page.items), page.total_count

    assert await people_ids(PersonFilter()) == (["p1", "p2", "p3", "p4"], 4)
    assert await people_ids(PersonFilter(company_id="acme")) == (["p1", "p3"], 2)
    assert await people_ids(PersonFilter(company_id="nowhere")) == ([], 0)
    assert await people_ids(PersonFilter(seniorities=("VP", "C_LEVEL"))) == (["p1", "p3"], 2)
    assert await people_ids(PersonFilter(decision_maker=True)) == (["p1"], 1)
    assert await people_ids(PersonFilter(decision_maker=False)) == (["p2", "p3", "p4"], 3)
    assert await people_ids(PersonFilter(interest_id="golf")) == (["p2", "p4"], 2)
    assert await people_ids(PersonFilter(name_contains="smith")) == (["p1", "p2"], 2)
    assert await people_ids(PersonFilter(name_contains="JONES", company_id="acme")) == (["p3"], 1)
    assert await people_ids(PersonFilter(company_id="other", interest_id="golf")) == (["p4"], 1)
    assert await people_ids(PersonFilter(company_id="acme", interest_id="golf")) == ([], 0)  # p2 left acme
    assert await people_ids(PersonFilter(interest_id="golf", decision_maker=False)) == (["p2", "p4"], 2)
    page = await store.list_people(PersonFilter(company_id="acme"), 1, "p1")
    assert ids(page.items) == ["p3"] and not page.has_next


async def test_opportunities_by_stage(store: GraphStore) -> None:
    await add(
        store,
        NodeKind.OPPORTUNITY,
        {"id": "o3", "name": "C", "stage": "WON"},
        {"id": "o1", "name": "A", "stage": "PROPOSAL"},
        {"id": "o2", "name": "B", "stage": "LOST"},
    )
    assert ids(await store.opportunities()) == ["o1", "o2", "o3"]
    assert ids(await store.opportunities([Stage.WON, Stage.LOST])) == ["o2", "o3"]
    assert ids(await store.opportunities([Stage.NEGOTIATION])) == []
