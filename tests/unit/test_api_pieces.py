"""Pure pieces of the API layer: cursors, paging bounds, input conversion, Accept, counting."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamgraph.api.http import wants_graphql_response
from kamgraph.api.resolvers import build_schema
from kamgraph.api.schema.enums import RelationshipKind, Tier
from kamgraph.api.schema.inputs import CompanyInput, OpportunityInput, RelationshipInput, to_data
from kamgraph.api.schema.paging import check_first, decode_cursor, encode_cursor
from kamgraph.commands import schema as schema_command
from kamgraph.domain.errors import InvalidArgumentError, StoreUnavailableError
from kamgraph.domain.model import NodeInput, NodeKind, Stage
from kamgraph.store.embedded.store import EmbeddedStore
from kamgraph.store.metering import Meter, RequestStats, metered
from kamgraph.store.metrics import Metrics


@given(st.text(min_size=1, max_size=300))
def test_a_cursor_gives_back_its_id_and_does_not_show_it(node_id: str) -> None:
    cursor = encode_cursor(node_id)
    assert decode_cursor(cursor) == node_id
    assert node_id not in cursor or len(node_id) < 3


@pytest.mark.parametrize("bad", ["", "abc", "!!!", encode_cursor("x")[:-2] + "$$", "azE6"])
def test_a_bad_cursor_is_an_error_naming_after(bad: str) -> None:
    with pytest.raises(InvalidArgumentError) as err:
        decode_cursor(bad)
    assert err.value.argument == "after"


@pytest.mark.parametrize(("first", "ok"), [(0, True), (500, True), (-1, False), (501, False)])
def test_first_is_bounded(first: int, ok: bool) -> None:
    if ok:
        assert check_first(first, 500) == first
    else:
        with pytest.raises(InvalidArgumentError, match="^first: "):
            check_first(first, 500)


def test_inputs_keep_given_fields_and_explicit_nulls_only() -> None:
    data = to_data(CompanyInput(id="c", name="C", tier=Tier.KEY, website=None))  # type: ignore[arg-type]
    assert data == {"id": "c", "name": "C", "tier": "KEY", "website": None}
    opp = to_data(OpportunityInput(id="o", name="O", stage=Stage.WON, closeDate=dt.date(2024, 2, 29)))  # type: ignore[arg-type]
    assert opp == {"id": "o", "name": "O", "stage": "WON", "closeDate": "2024-02-29"}
    rel = to_data(RelationshipInput(kind=RelationshipKind.KNOWS, from_="a", to="b", strength=0.4))  # type: ignore[arg-type]
    assert rel == {"kind": "KNOWS", "from": "a", "to": "b", "strength": 0.4}


@pytest.mark.parametrize(
    ("accept", "wanted"),
    [
        ("application/graphql-response+json", True),
        ("application/graphql-response+json;q=0.5, application/json", False),
        ("application/json;q=0.5, application/graphql-response+json", True),
        ("application/graphql-response+json;q=0", False),
        ("", False),
        ("text/html", False),
    ],
)
def test_accept_header_picks_the_media_type(accept: str, wanted: bool) -> None:
    assert wants_graphql_response(accept) is wanted


async def test_round_trips_are_counted_per_method_request_and_metrics() -> None:
    metrics = Metrics()
    app = Meter(metrics)
    stats = RequestStats()
    store = EmbeddedStore(":memory:")
    await store.open()
    try:
        await store.upsert_nodes([NodeInput("a", NodeKind.COMPANY, {"name": "A"})])
        with metered(app.for_request(stats)):
            assert [n and n.id for n in await store.get_nodes(["a", "gone"])] == ["a", None]
            assert await store.org_charts([("a", None, 3), ("b", None, 3)]) == [[], []]
        with metered(app):
            await store.get_nodes(["b"])
        await store.close()
        with metered(app.for_request(stats)), pytest.raises(StoreUnavailableError):
            await store.ping()  # closed: unavailable
    finally:
        await store.close()
    # the write before any meter counts nowhere; the two charts are one round trip
    assert stats.round_trips == 3 and stats.calls == {"get_nodes": 1, "org_staff": 1, "ping": 1}
    assert stats.rows == 2  # a node and a None
    assert app.round_trips == 4
    text = metrics.render().decode()
    assert 'kamgraph_store_queries_total{method="get_nodes",outcome="ok"} 2.0' in text
    assert 'kamgraph_store_queries_total{method="ping",outcome="error"} 1.0' in text


def test_kamgraph_schema_prints_the_served_sdl(capsys: pytest.CaptureFixture[str]) -> None:
    assert schema_command.run(None) == 0  # type: ignore[arg-type]
    out = capsys.readouterr().out
    assert out.strip() == build_schema().as_str().strip()
    assert "type Query" in out and "interface Node" in out
