"""The explorer and GraphiQL in Chromium, against `kamgraph serve --demo`.

What a strategist does on the demo: open /, pick the strategic account, see its
org chart, click its CEO (a decision-maker) and read the warmest introduction
paths; and what the pages must never do: load anything from another host.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx

from kamgraph.synth.demo import DECISION_MAKER, STRATEGIC_ACCOUNT
from tests.browser.conftest import Served

CHART_READY = (
    "() => { const c = window.kamgraphExplorer.chart; return c && c.cy.nodes('.person').length > 0; }"
)


def hosts_seen(page: Any) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(urlsplit(r.url).netloc))
    return seen


def click_person_in_chart(page: Any, person_id: str) -> None:
    """A real click on the person's card, where Cytoscape drew it."""
    page.locator("#orgchart").scroll_into_view_if_needed()
    page.wait_for_timeout(400)  # the chart's fit and scroll settle
    point = page.evaluate(
        """(id) => {
          const cy = window.kamgraphExplorer.chart.cy;
          const node = cy.$id(id);
          const p = node.renderedPosition();
          const box = cy.container().getBoundingClientRect();
          return {x: box.left + p.x, y: box.top + p.y};
        }""",
        person_id,
    )
    page.mouse.click(point["x"], point["y"])


def test_a_strategist_reaches_an_introduction_path_in_a_few_clicks(page: Any, demo: Served) -> None:
    hosts = hosts_seen(page)
    page.goto(demo.url + "/")
    page.get_by_role("heading", name="Account priorities").wait_for()

    assert page.locator("#graphiql-link").is_visible()  # dev mode: GraphiQL is served
    page.locator(f'.account-list li[data-id="{STRATEGIC_ACCOUNT}"] a').click()
    page.wait_for_url(f"**/accounts/{STRATEGIC_ACCOUNT}")
    page.get_by_role("heading", name="Globex Corporation", level=1).wait_for()
    page.wait_for_function(CHART_READY)
    people = int(page.locator("#orgchart").get_attribute("data-people"))
    assert people >= 50  # the demo's Globex has 100 people
    shown = page.evaluate("() => window.kamgraphExplorer.chart.cy.nodes('.person').map(n => n.id())")
    assert DECISION_MAKER in shown and 10 <= len(shown) < people  # the top levels, the rest collapsed

    click_person_in_chart(page, DECISION_MAKER)
    page.wait_for_url(f"**/people/{DECISION_MAKER}")
    card = page.locator(f'.person-card[data-person="{DECISION_MAKER}"]')
    card.wait_for()
    assert "Chief Executive Officer" in card.inner_text()
    assert card.get_by_text("Decision-maker").count() == 1
    path = page.locator('.path[data-path="0"]')
    path.wait_for()
    hops = path.locator(".hop-tie")
    assert hops.count() >= 1
    first_hop = hops.first.inner_text()
    assert any(t in first_hop for t in ("knows", "reporting line", "colleagues", "share an interest"))
    assert path.locator(".tie-strength .num").count() == hops.count()  # each hop says its strength
    assert (
        page.locator(".hop-person.target")
        .first.inner_text()
        .startswith(card.locator("h2").inner_text().strip())
    )

    # the back button returns to the account; forward to the person again
    page.go_back()
    page.wait_for_url(f"**/accounts/{STRATEGIC_ACCOUNT}")
    assert page.locator("#drawer").is_hidden()
    page.go_forward()
    page.wait_for_url(f"**/people/{DECISION_MAKER}")
    card.wait_for()

    local = urlsplit(demo.url).netloc
    assert hosts and set(hosts) == {local}, f"requests to other hosts: {set(hosts) - {local}}"


def test_a_shared_link_opens_the_person_in_their_org_chart(page: Any, demo: Served) -> None:
    page.goto(f"{demo.url}/people/{DECISION_MAKER}")
    page.locator(f'.person-card[data-person="{DECISION_MAKER}"]').wait_for()
    page.locator(f'article.account[data-account="{STRATEGIC_ACCOUNT}"]').wait_for()
    page.wait_for_function(CHART_READY)
    selected = page.evaluate("() => window.kamgraphExplorer.chart.cy.nodes('.selected').map(n => n.id())")
    assert selected == [DECISION_MAKER]
    assert page.locator(f'.account-list li.active[data-id="{STRATEGIC_ACCOUNT}"]').count() == 1


def test_the_account_list_filters_by_tier_and_search(page: Any, demo: Served) -> None:
    page.goto(demo.url + "/")
    page.locator(".account-list li[data-id]").first.wait_for()
    everyone = page.locator(".account-list li[data-id]").count()
    page.locator('.filter button[data-value="STRATEGIC"]').click()
    strategic = page.locator(".account-list li[data-id]")
    assert 0 < strategic.count() < everyone
    assert all("Strategic" in t for t in strategic.all_inner_texts())
    page.locator(".sidebar .search").fill("glob")
    assert page.locator(".account-list li[data-id]").count() == 1


def test_the_panels_of_the_account_fill_in(page: Any, demo: Served) -> None:
    page.goto(f"{demo.url}/accounts/{STRATEGIC_ACCOUNT}?asOf=2026-01-01")
    for title in (
        "Relationship gaps",
        "Open deals",
        "Competitors",
        "Key influencers",
        "Icebreakers",
        "Whitespace",
        "Supply chain",
    ):
        body = page.locator(f'[data-panel="{title}"] .panel-body')
        body.locator(":not(.loading)").first.wait_for()
        assert body.locator(".error").count() == 0, title
    assert "Uncovered decision-makers" in (
        page.locator('[data-panel="Relationship gaps"]').text_content() or ""
    )
    assert page.locator('[data-panel="Competitors"] tbody tr').count() >= 2  # two incumbents at Globex


def test_graphiql_renders_its_editor_and_runs_a_query(page: Any, demo: Served) -> None:
    hosts = hosts_seen(page)
    page.goto(demo.url + "/graphql")
    page.locator(".graphiql-query-editor .CodeMirror").first.wait_for()
    page.locator(".graphiql-execute-button").click()
    page.locator(".graphiql-response").get_by_text("accountPriorities").wait_for()
    assert set(hosts) == {urlsplit(demo.url).netloc}


def test_a_viewer_key_hides_personal_fields(page: Any, keyed_demo: Served) -> None:
    email = httpx.post(
        keyed_demo.url + "/graphql",
        json={"query": "query($id: ID!) { person(id: $id) { email } }", "variables": {"id": DECISION_MAKER}},
        headers={"authorization": f"Bearer {keyed_demo.keys['analyst']}"},
    ).json()["data"]["person"]["email"]
    assert email

    page.goto(keyed_demo.url + "/")
    dialog = page.locator("#key-dialog")
    dialog.wait_for()  # no key: the service answered 401, the page asks for one
    page.fill("#key-input", keyed_demo.keys["viewer"])
    page.click("#key-save")
    page.locator("#role.viewer").wait_for()
    page.locator(".account-list li[data-id]").first.wait_for()
    assert page.locator("#graphiql-link").is_hidden()  # not served with keys configured

    page.goto(f"{keyed_demo.url}/people/{DECISION_MAKER}")  # the key stays for this tab
    card = page.locator(f'.person-card[data-person="{DECISION_MAKER}"]')
    card.wait_for()
    page.locator('.path[data-path="0"]').wait_for()
    assert card.locator("[data-redacted]").count() >= 4  # email, phone, location, interests, ...
    assert email not in page.content()
    assert page.locator(".tie-strength").count() == 0  # a hop's strength is personal
    assert page.locator(".hop-tie").count() >= 1  # the path itself is not


def test_an_analyst_key_shows_them(page: Any, keyed_demo: Served) -> None:
    page.goto(keyed_demo.url + "/")
    page.locator("#key-dialog").wait_for()
    page.fill("#key-input", keyed_demo.keys["analyst"])
    page.click("#key-save")
    page.locator("#role.full").wait_for()
    page.goto(f"{keyed_demo.url}/people/{DECISION_MAKER}")
    card = page.locator(f'.person-card[data-person="{DECISION_MAKER}"]')
    card.wait_for()
    assert card.locator("[data-redacted]").count() == 0
    assert "@" in card.locator(".facts").inner_text()


FETCH = """async ([url, key]) => {
  try {
    const r = await fetch(url + "/graphql", {
      method: "POST",
      headers: {"content-type": "application/json", "authorization": "Bearer " + key},
      body: JSON.stringify({query: "{ company(id: \\"acct-globex\\") { name } }"}),
    });
    return {status: r.status, body: await r.json(), requestId: r.headers.get("x-request-id")};
  } catch (err) {
    return {blocked: String(err)};
  }
}"""


def test_a_page_on_an_allowed_origin_can_query_the_api(page: Any, keyed_demo: Served, app_page: str) -> None:
    page.goto(app_page + "/")
    result = page.evaluate(FETCH, [keyed_demo.url, keyed_demo.keys["viewer"]])
    assert result.get("status") == 200, result
    assert result["body"] == {"data": {"company": {"name": "Globex Corporation"}}}
    assert result["requestId"]  # exposed to the page


def test_a_page_on_another_origin_cannot(page: Any, demo: Served, app_page: str) -> None:
    page.goto(app_page + "/")
    result = page.evaluate(FETCH, [demo.url, "unused"])
    assert "blocked" in result, result
