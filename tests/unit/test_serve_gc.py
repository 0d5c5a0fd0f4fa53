"""``kamgraph serve`` keeps the cyclic garbage collector off what start-up made."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from kamgraph.commands import serve


@pytest.fixture
def restored_gc() -> Iterator[None]:
    yield
    gc.unfreeze()


def test_serving_freezes_what_start_up_made(restored_gc: None) -> None:
    made_at_start_up: list[list[int]] = [[] for _ in range(3)]  # containers: objects the collector tracks
    assert gc.is_tracked(made_at_start_up)
    before = gc.get_freeze_count()
    serve.tune_gc()
    assert gc.get_freeze_count() >= before + len(made_at_start_up)
    assert gc.isenabled()
